// Booths of a fair: the floor plan, the fair's booth policy, applications, assignments, holds and
// waitlist offers. What a booth says about who holds it depends on who asks (toBoothView in
// server/modules/booths/booth-view.ts): everyone sees that a booth is assigned and to whom (the
// exhibitor list is public); a hold or an offer names its producer only to organisers and to
// that producer.
import { z } from 'zod';
import { rule } from './issues.ts';
import { idSchema, isoDateTime } from './common.ts';

export const boothTypes = ['standard', 'corner', 'premium', 'pavilion'] as const;
export type BoothType = (typeof boothTypes)[number];
export const boothStatuses = ['available', 'held', 'assigned', 'blocked'] as const;
export type BoothStatus = (typeof boothStatuses)[number];
/** What stands on an occupied booth: an assignment, a hold for N minutes, a waitlist offer. */
export const occupancyKinds = ['assigned', 'held', 'offered'] as const;
export type OccupancyKind = (typeof occupancyKinds)[number];

/** Prices are whole VND; a booth costs at most 2 billion. */
export const MAX_BOOTH_PRICE_VND = 2_000_000_000;

export const boothSchema = z.object({
  id: idSchema,
  code: z.string(),
  zone: z.string(),
  type: z.enum(boothTypes),
  status: z.enum(boothStatuses),
  /** Assigned booths: the exhibitor. */
  producerId: idSchema.optional(),
  producerName: z.string().optional(),
  widthM: z.number().int(),
  depthM: z.number().int(),
  priceVnd: z.number().int(),
  x: z.number().int(),
  y: z.number().int(),
  /** Assigned booths: the exhibitor has checked in at the booth on the fair's day. */
  checkedInAt: isoDateTime.optional(),
  /**
   * A hold or a waitlist offer, for organisers and for the producer it is for only; absent for
   * everyone else, who see status `held` and nothing more.
   */
  hold: z
    .object({
      kind: z.enum(['held', 'offered']),
      producerId: idSchema,
      producerName: z.string(),
      expiresAt: isoDateTime,
      applicationId: idSchema.optional(),
    })
    .optional(),
});
export type BoothDto = z.infer<typeof boothSchema>;

export const boothParamsSchema = z.object({ eventId: idSchema, boothId: idSchema });

export const assignmentBodySchema = z.object({ producerId: idSchema }).strict();
export type AssignmentBody = z.infer<typeof assignmentBodySchema>;

export const holdBodySchema = z
  .object({
    producerId: idSchema,
    /** How long the hold lasts; the fair's policy holdMinutes when absent. */
    minutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .optional(),
  })
  .strict();
export type HoldBody = z.infer<typeof holdBodySchema>;

export const moveBodySchema = z.object({ toBoothId: idSchema }).strict();
export type MoveBody = z.infer<typeof moveBodySchema>;

/** Why a booth could not be given: the `conflict` of a 409 from the booth calls. */
export const boothConflicts = [
  /** assigned to another producer */
  'booth',
  /** held for, or offered to, another producer */
  'hold',
  'blocked',
  /** the producer has the fair's booths per producer */
  'limit',
  /** its province's or locality's quota is used up */
  'quota',
  /** the zone asks for more OCOP stars than the producer's valid certificates hold */
  'stars',
  /** a producer it asked not to be next to is there, or it is next to one that asked so */
  'neighbour',
  /** the booth, the application or the event is not in a state that allows it */
  'state',
] as const;
export type BoothConflict = (typeof boothConflicts)[number];

// --- policy ---------------------------------------------------------------------------------

export const quotaSchema = z
  .object({
    provinceId: idSchema,
    /** A commune or former district of that province; the whole province when absent. */
    locality: z.string().trim().min(1).max(120).optional(),
    maxBooths: z.number().int().min(0).max(10_000),
  })
  .strict();

export const boothPolicySchema = z
  .object({
    boothsPerProducer: z.number().int().min(1).max(20).default(1),
    /** Applications close at this time; none after it (organisers may still file one). */
    applicationDeadline: isoDateTime.nullable().default(null),
    holdMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30),
    /** How long a waitlisted producer has to accept a freed booth. */
    offerMinutes: z
      .number()
      .int()
      .min(5)
      .max(14 * 24 * 60)
      .default(24 * 60),
    quotas: z.array(quotaSchema).max(200).default([]),
    /** Zone name → the OCOP stars a producer's best valid certificate needs for a booth there. */
    zoneMinStars: z.record(z.string().trim().min(1).max(40), z.number().int().min(3).max(5)).default({}),
  })
  .strict();
export type BoothPolicy = z.infer<typeof boothPolicySchema>;
export const boothPolicyPatchSchema = boothPolicySchema.partial().strict();
export type BoothPolicyPatch = z.infer<typeof boothPolicyPatchSchema>;

// --- applications ---------------------------------------------------------------------------

export const applicationStatuses = ['submitted', 'approved', 'waitlisted', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const supportLevels = ['none', 'subsidised', 'free'] as const;

export const preferencesSchema = z
  .object({
    zones: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    types: z.array(z.enum(boothTypes)).max(4).default([]),
    /** Producers it would like to be next to. */
    seekProducerIds: z.array(idSchema).max(20).default([]),
    /** Producers it must not be next to: a hard rule for assignment and allocation. */
    avoidProducerIds: z.array(idSchema).max(20).default([]),
    booths: z.number().int().min(1).max(20).default(1),
  })
  .strict();
export type Preferences = z.infer<typeof preferencesSchema>;

export const applicationSchema = z.object({
  id: idSchema,
  eventId: idSchema,
  producerId: idSchema,
  producerName: z.string(),
  provinceId: idSchema,
  locality: z.string(),
  /** The producer's best valid OCOP stars (expired certificates do not count); null unrated. */
  stars: z.number().int().nullable(),
  status: z.enum(applicationStatuses),
  preferences: preferencesSchema,
  productIds: z.array(idSchema),
  note: z.string(),
  reason: z.string(),
  support: z.enum(supportLevels),
  priority: z.number().int(),
  /** Booths it holds now (assigned). */
  boothIds: z.array(idSchema),
  /** An open waitlist offer: a booth kept for it until expiresAt. */
  offer: z.object({ boothId: idSchema, boothCode: z.string(), expiresAt: isoDateTime }).optional(),
  createdAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
});
export type ApplicationDto = z.infer<typeof applicationSchema>;

export const applicationCreateSchema = z
  .object({
    /** Organisers (staff acting for a household) name the producer; a producer applies for itself. */
    producerId: idSchema.optional(),
    preferences: preferencesSchema.default({ zones: [], types: [], seekProducerIds: [], avoidProducerIds: [], booths: 1 }),
    productIds: z.array(idSchema).max(50).default([]),
    note: z.string().trim().max(2000).default(''),
  })
  .strict();
export type ApplicationCreate = z.infer<typeof applicationCreateSchema>;

export const applicationDecisionSchema = z
  .object({
    status: z.enum(['approved', 'waitlisted', 'rejected']),
    reason: z.string().trim().max(1000).optional(),
    support: z.enum(supportLevels).optional(),
    priority: z.number().int().min(0).max(100).optional(),
    /**
     * The status the organiser saw when deciding. When given and the application has moved on
     * meanwhile (another organiser decided), the decision is refused with 409 rather than
     * applied over what they did not see.
     */
    expectedStatus: z.enum(applicationStatuses).optional(),
  })
  .strict()
  .refine((v) => v.status !== 'rejected' || (v.reason ?? '').length > 0, {
    ...rule('reason_required', 'Say why the application is rejected'),
    path: ['reason'],
  });
export type ApplicationDecision = z.infer<typeof applicationDecisionSchema>;
