// The automatic schedule: wish lists (whom a producer or a buyer wants to meet, ranked) and the
// schedule proposals organisers generate from them, review (why each meeting is there, how far
// from the solver's bound) and publish (the meetings booked, those a rule now refuses skipped).
import { z } from 'zod';
import { idSchema, isoDateTime } from './common.ts';
import { meetingConflicts } from './matchmaking.ts';

export const wishSides = ['producer', 'buyer'] as const;
export type WishSide = (typeof wishSides)[number];

/** One wish: `side` wants to meet the other party, at this rank (1 = most wanted). */
export const wishSchema = z.object({
  side: z.enum(wishSides),
  producerId: idSchema,
  producerName: z.string(),
  buyerId: idSchema,
  buyerName: z.string(),
  rank: z.number().int(),
});
export type WishDto = z.infer<typeof wishSchema>;

const rankedIds = z.array(idSchema).max(100).describe('ranked: the first is the most wanted');

/**
 * A wish list, replacing the one before. A producer sends `buyerIds` (its own list); a buyer
 * sends `producerIds`; an organiser names whose list it is (`producerId` with `buyerIds`, or
 * `buyerId` with `producerIds`).
 */
export const wishesBodySchema = z
  .object({
    producerId: idSchema.optional(),
    buyerId: idSchema.optional(),
    buyerIds: rankedIds.optional(),
    producerIds: rankedIds.optional(),
  })
  .strict();
export type WishesBody = z.infer<typeof wishesBodySchema>;

export const wishesQuerySchema = z
  .object({
    /** organisers: only the wishes involving this producer or this buyer */
    producerId: idSchema.optional(),
    buyerId: idSchema.optional(),
  })
  .strict();

export const scheduleReasonSchema = z.object({
  code: z.enum(['mutual_wish', 'producer_wish', 'buyer_wish', 'coverage']),
  producerRank: z.number().int().optional(),
  buyerRank: z.number().int().optional(),
  rank: z.number().int().optional(),
});

export const proposedMeetingSchema = z.object({
  producerId: idSchema,
  producerName: z.string(),
  buyerId: idSchema,
  buyerName: z.string(),
  slotId: idSchema,
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  tableNumber: z.number().int(),
  reasons: z.array(scheduleReasonSchema).describe('why this meeting is there: the wishes it meets, or a producer covered'),
});
export type ProposedMeetingDto = z.infer<typeof proposedMeetingSchema>;

const planFiguresSchema = z.object({
  objective: z.number(),
  meetings: z.number().int(),
  metMutual: z.number().int(),
  metOneSided: z.number().int(),
  producersCovered: z.number().int(),
  idleGaps: z.number().int(),
  timeMs: z.number().int(),
});

export const scheduleFiguresSchema = planFiguresSchema.extend({
  solver: z.enum(['highs', 'greedy']),
  status: z.string().describe("HiGHS's status (optimal, time_limit, …), or why the greedy pass was used"),
  bound: z.number().nullable().describe("the solver's best bound on the objective"),
  gapPercent: z.number().nullable().describe('how far the objective is below the bound, in %'),
  variables: z.number().int(),
  constraints: z.number().int(),
  wishedPairs: z.number().int(),
  mutualPairs: z.number().int(),
  producersWithWish: z.number().int(),
  idleGapsBeforeCompaction: z.number().int(),
  greedy: planFiguresSchema.extend({ gapPercent: z.number().nullable() }).describe('the greedy pass on the same input'),
});

export const publishedMeetingSchema = z.object({
  meetingId: idSchema,
  producerId: idSchema,
  buyerId: idSchema,
  slotId: idSchema,
  tableNumber: z.number().int(),
});
export const skippedMeetingSchema = z.object({
  producerId: idSchema,
  buyerId: idSchema,
  slotId: idSchema,
  /** what stands in the way now, as a 409 of the meeting calls would say */
  conflict: z.enum(meetingConflicts),
  code: z.string().describe('the field error code: producer_busy, buyer_busy, no_table, pair_already_meets, …'),
  message: z.string(),
});
export type PublishedMeetingDto = z.infer<typeof publishedMeetingSchema>;
export type SkippedMeetingDto = z.infer<typeof skippedMeetingSchema>;

export const proposalStatuses = ['draft', 'published', 'discarded'] as const;

export const scheduleProposalSchema = z.object({
  id: idSchema,
  sessionId: idSchema,
  eventId: idSchema,
  status: z.enum(proposalStatuses),
  createdAt: isoDateTime,
  publishedAt: isoDateTime.nullable(),
  meetings: z.array(proposedMeetingSchema),
  figures: scheduleFiguresSchema,
  /** once published: what was booked and what a rule refused meanwhile */
  published: z.object({ booked: z.array(publishedMeetingSchema), skipped: z.array(skippedMeetingSchema) }).nullable(),
});
export type ScheduleProposalDto = z.infer<typeof scheduleProposalSchema>;

export const proposalBodySchema = z
  .object({
    /** time cap for the solver (default 5 s); the greedy pass answers if it finds nothing in time */
    timeLimitSeconds: z.number().min(1).max(20).optional(),
  })
  .strict()
  .optional();

export const proposalParamsSchema = z.object({ proposalId: idSchema });

export const publishAnswerSchema = z.object({
  proposal: scheduleProposalSchema,
  booked: z.array(publishedMeetingSchema),
  skipped: z.array(skippedMeetingSchema),
});
