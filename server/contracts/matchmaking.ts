// Matchmaking: sessions cut into slots, buyers taking part (with their representatives and
// blocked slots), meetings (producer x buyer x slot x table), requests a buyer accepts or
// declines, and outcomes both sides record and confirm. A meeting's participants and organisers
// see it whole; everyone else watching an event learns only that a table of a slot is taken
// (MeetingPublicDto), never who meets whom.
import { z } from 'zod';
import { idSchema, isoDateTime } from './common.ts';

export const meetingStatuses = ['booked', 'held', 'no_show', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
export const outcomeStatuses = ['no_interest', 'follow_up', 'sample_order', 'agreement', 'listed'] as const;
export type OutcomeStatus = (typeof outcomeStatuses)[number];
/** The outcomes that are deals once the other side confirms them. */
export const dealStatuses: readonly OutcomeStatus[] = ['agreement', 'listed'];
export const outcomeConfirmations = ['pending', 'confirmed', 'disputed'] as const;
export type OutcomeConfirmation = (typeof outcomeConfirmations)[number];
export const meetingSides = ['producer', 'buyer', 'organiser'] as const;
export type MeetingSide = (typeof meetingSides)[number];
export const bookingModes = ['instant', 'request'] as const;
export type BookingMode = (typeof bookingModes)[number];
export const requestStatuses = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** Why a meeting cannot be booked or moved: the `conflict` of a 409 from the meeting calls. */
export const meetingConflicts = [
  /** the buyer (all its representatives) already meets someone in this slot, or does not attend it */
  'buyer',
  /** the producer already meets someone in this slot */
  'producer',
  /** every table of the slot is taken */
  'table',
  /** a limit of the session: meetings per producer or per buyer, pending requests */
  'limit',
  /** the session or the meeting is not in a state that allows it (booking closed, cancelled, …) */
  'state',
  /** the request was answered or expired meanwhile */
  'request',
] as const;
export type MeetingConflict = (typeof meetingConflicts)[number];

/** Money: whole VND, a JSON integer, at most Number.MAX_SAFE_INTEGER (stored as 64-bit). */
export const vndSchema = z
  .number({ error: 'A value in VND is a whole number' })
  .int('A value in VND is a whole number')
  .min(0, 'A value in VND cannot be negative')
  .max(Number.MAX_SAFE_INTEGER, 'This value in VND is beyond what can be recorded exactly');

export const breakSchema = z.object({ startsAt: isoDateTime, endsAt: isoDateTime });

export const meetingPartySchema = z.object({ id: idSchema, name: z.string() });

export const outcomeSchema = z.object({
  status: z.enum(outcomeStatuses),
  valueVnd: z.number().int().nullable(),
  productIds: z.array(idSchema),
  note: z.string(),
  recordedBy: z.enum(meetingSides),
  recordedAt: isoDateTime,
  /** pending until the other side confirms or disputes it; organisers' records are confirmed */
  confirmation: z.enum(outcomeConfirmations),
  confirmedAt: isoDateTime.nullable(),
});
export type OutcomeDto = z.infer<typeof outcomeSchema>;

/** A meeting as its producer, its buyer and organisers see it. */
export const meetingSchema = z.object({
  id: idSchema,
  eventId: idSchema,
  sessionId: idSchema,
  slotId: idSchema,
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  tableNumber: z.number().int(),
  /** which of the buyer's representatives holds it (1 when it sends one) */
  buyerSeat: z.number().int(),
  status: z.enum(meetingStatuses),
  source: z.enum(['booking', 'request', 'schedule']),
  producerId: idSchema,
  buyerId: idSchema,
  producer: meetingPartySchema,
  buyer: meetingPartySchema,
  producerCheckedInAt: isoDateTime.nullable(),
  buyerCheckedInAt: isoDateTime.nullable(),
  /** rises with every change its participants see (the calendar's SEQUENCE) */
  sequence: z.number().int(),
  outcome: outcomeSchema.nullable(),
  createdAt: isoDateTime,
});
export type MeetingDto = z.infer<typeof meetingSchema>;

/** What everyone else watching the event learns of a meeting: a table of a slot is taken or free. */
export const meetingPublicSchema = z.object({
  id: idSchema,
  sessionId: idSchema,
  slotId: idSchema,
  tableNumber: z.number().int(),
  status: z.enum(meetingStatuses),
});
export type MeetingPublicDto = z.infer<typeof meetingPublicSchema>;

export const sessionParamsSchema = z.object({ sessionId: idSchema });
export const meetingParamsSchema = z.object({ meetingId: idSchema });
export const requestParamsSchema = z.object({ requestId: idSchema });

export const bookMeetingBodySchema = z
  .object({
    slotId: idSchema,
    buyerId: idSchema,
    /** Organisers and buyers name the producer; a producer books for itself (its own id or none). */
    producerId: idSchema.optional(),
  })
  .strict();
export type BookMeetingBody = z.infer<typeof bookMeetingBodySchema>;

export const rescheduleBodySchema = z.object({ slotId: idSchema }).strict();
export type RescheduleBody = z.infer<typeof rescheduleBodySchema>;

export const outcomeBodySchema = z
  .object({
    status: z.enum(outcomeStatuses),
    valueVnd: vndSchema.optional(),
    productIds: z.array(idSchema).max(50).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();
export type OutcomeBody = z.infer<typeof outcomeBodySchema>;

export const confirmOutcomeBodySchema = z
  .object({
    /** true: the other side agrees with the outcome as recorded; false: disputes it */
    agree: z.boolean(),
    note: z.string().max(2000).optional(),
    /** The outcome as the confirming side read it: 409 state when it changed since. */
    status: z.enum(outcomeStatuses).optional(),
    valueVnd: vndSchema.nullable().optional(),
  })
  .strict();
export type ConfirmOutcomeBody = z.infer<typeof confirmOutcomeBodySchema>;

export const checkInBodySchema = z.object({ party: z.enum(['producer', 'buyer']) }).strict();
export const attendanceBodySchema = z.object({ status: z.enum(['held', 'no_show']) }).strict();

/** A producer's request for a buyer's slot, as the producer, the buyer and organisers see it. */
export const meetingRequestSchema = z.object({
  id: idSchema,
  eventId: idSchema,
  sessionId: idSchema,
  slotId: idSchema,
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  producerId: idSchema,
  buyerId: idSchema,
  producer: meetingPartySchema,
  buyer: meetingPartySchema,
  status: z.enum(requestStatuses),
  message: z.string(),
  expiresAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  reason: z.string().nullable(),
  meetingId: idSchema.nullable(),
  /** A declined request: the buyer's other free slots of the session, to ask again. */
  freeSlotIds: z.array(idSchema).optional(),
  createdAt: isoDateTime,
});
export type MeetingRequestDto = z.infer<typeof meetingRequestSchema>;

export const requestBodySchema = z
  .object({
    slotId: idSchema,
    buyerId: idSchema,
    producerId: idSchema.optional(),
    message: z.string().max(1000).optional(),
  })
  .strict();
export type RequestBody = z.infer<typeof requestBodySchema>;

export const declineBodySchema = z
  .object({ reason: z.string().max(500).optional() })
  .strict()
  .optional();

/** A buyer in a session: how many representatives hold meetings at once, and the slots it skips. */
export const sessionBuyerSchema = z.object({
  buyerId: idSchema,
  buyerName: z.string(),
  representatives: z.number().int(),
  blockedSlotIds: z.array(idSchema),
});
export type SessionBuyerDto = z.infer<typeof sessionBuyerSchema>;

export const sessionBuyerBodySchema = z
  .object({
    representatives: z.number().int().min(1).max(20).optional(),
    /** The slots of the session it does not attend; every other slot it attends. */
    blockedSlotIds: z.array(idSchema).max(500).optional(),
  })
  .strict();
export type SessionBuyerBody = z.infer<typeof sessionBuyerBodySchema>;

/** Settings of a session an organiser sets; slots are cut from the window, skipping breaks. */
const sessionFieldsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  slotMinutes: z.number().int().min(5).max(240),
  tableCount: z.number().int().min(1).max(500),
  breaks: z.array(breakSchema).max(20),
  bookingMode: z.enum(bookingModes),
  bookingOpensAt: isoDateTime.nullable(),
  bookingClosesAt: isoDateTime.nullable(),
  maxMeetingsPerProducer: z.number().int().min(1).max(100),
  maxMeetingsPerBuyer: z.number().int().min(1).max(1000).nullable(),
  maxPendingPerProducer: z.number().int().min(1).max(100),
  requestTtlMinutes: z
    .number()
    .int()
    .min(5)
    .max(30 * 24 * 60),
  sameProvincePairs: z
    .boolean()
    .describe('at a conference: whether two organisations of one province may meet (by default only different provinces)'),
});

type SessionRuleInput = Partial<z.infer<typeof sessionFieldsSchema>>;
const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : undefined);

/** Rules across fields, for a whole session (a patch is checked merged with what is stored). */
export function sessionRuleErrors(s: SessionRuleInput): { path: string; message: string; code: string }[] {
  const errors: { path: string; message: string; code: string }[] = [];
  const start = ms(s.startsAt);
  const end = ms(s.endsAt);
  if (start !== undefined && end !== undefined) {
    if (end <= start) errors.push({ path: 'endsAt', message: 'A session ends after it starts', code: 'ends_before_start' });
    else if (end - start > 24 * 3600_000)
      errors.push({ path: 'endsAt', message: 'A session lasts at most a day', code: 'session_too_long' });
    else if (s.slotMinutes !== undefined && (end - start) / 60_000 < s.slotMinutes)
      errors.push({ path: 'slotMinutes', message: 'The session is shorter than one slot', code: 'no_slot_fits' });
    for (const [i, b] of (s.breaks ?? []).entries()) {
      const bs = Date.parse(b.startsAt);
      const be = Date.parse(b.endsAt);
      if (be <= bs)
        errors.push({ path: `breaks.${i}.endsAt`, message: 'A break ends after it starts', code: 'ends_before_start' });
      else if (bs < start || be > end)
        errors.push({ path: `breaks.${i}.startsAt`, message: 'A break lies within the session', code: 'break_outside' });
    }
  }
  const opens = ms(s.bookingOpensAt);
  const closes = ms(s.bookingClosesAt);
  if (opens !== undefined && closes !== undefined && closes <= opens)
    errors.push({ path: 'bookingClosesAt', message: 'Booking closes after it opens', code: 'ends_before_start' });
  return errors;
}

const withSessionRules = <T extends SessionRuleInput>(s: T, ctx: z.core.$RefinementCtx<T>) => {
  for (const error of sessionRuleErrors(s))
    ctx.addIssue({
      code: 'custom',
      message: error.message,
      path: error.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      params: { code: error.code },
    });
};

export const sessionInputSchema = sessionFieldsSchema
  .extend({
    breaks: sessionFieldsSchema.shape.breaks.default([]),
    bookingMode: sessionFieldsSchema.shape.bookingMode.default('instant'),
    bookingOpensAt: sessionFieldsSchema.shape.bookingOpensAt.default(null),
    bookingClosesAt: sessionFieldsSchema.shape.bookingClosesAt.default(null),
    maxMeetingsPerProducer: sessionFieldsSchema.shape.maxMeetingsPerProducer.default(4),
    maxMeetingsPerBuyer: sessionFieldsSchema.shape.maxMeetingsPerBuyer.default(null),
    maxPendingPerProducer: sessionFieldsSchema.shape.maxPendingPerProducer.default(5),
    requestTtlMinutes: sessionFieldsSchema.shape.requestTtlMinutes.default(24 * 60),
    sameProvincePairs: sessionFieldsSchema.shape.sameProvincePairs.default(false),
  })
  .strict()
  .superRefine(withSessionRules);
export type SessionInput = z.infer<typeof sessionInputSchema>;

export const sessionPatchSchema = sessionFieldsSchema
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change', params: { code: 'nothing_to_change' } })
  .superRefine(withSessionRules);
export type SessionPatch = z.infer<typeof sessionPatchSchema>;

export const sessionBuyerParamsSchema = z.object({ sessionId: idSchema, buyerId: idSchema });

/** A buyer of the session with the slots where one of its representatives is still free. */
export const sessionBuyerAvailabilitySchema = sessionBuyerSchema.extend({ freeSlotIds: z.array(idSchema) });
export type SessionBuyerAvailabilityDto = z.infer<typeof sessionBuyerAvailabilitySchema>;
