import { z } from 'zod';
import { rule, type IssueParams } from './issues.ts';
import { idSchema, isoDateTime } from './common.ts';
import { VIETNAM_TIME_ZONE } from './time.ts';

export const eventKinds = ['fair', 'conference'] as const;
export const eventStatuses = ['draft', 'published', 'live', 'closed'] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const eventSchema = z.object({
  id: idSchema,
  kind: z.enum(eventKinds),
  name: z.string(),
  venue: z.string(),
  hostProvince: z.object({ id: idSchema, name: z.string() }),
  partnerProvinces: z.array(z.object({ id: idSchema, name: z.string() })),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  timeZone: z.string(),
  status: z.enum(eventStatuses),
  seq: z.number().int().describe('the number of the last change of this event'),
});
export type EventDto = z.infer<typeof eventSchema>;

export const eventParamsSchema = z.object({ eventId: idSchema });

/** The moves an event's status may make; staying where it is is no move and always allowed. */
export const eventStatusMoves: Record<EventStatus, readonly EventStatus[]> = {
  draft: ['published'],
  // back to draft: unpublished, seen by organisers only again
  published: ['live', 'draft'],
  // back to published: opened too early, or paused
  live: ['closed', 'published'],
  closed: [],
};

/** Is `timeZone` an IANA zone name (Area/Location, or UTC) that Intl knows? */
export function isTimeZone(timeZone: string): boolean {
  if (!/^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2})$/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Years an event's times may fall in: anything else is a typing slip. */
export const EVENT_YEARS = { min: 2000, max: 2099 } as const;

const eventTime = isoDateTime.refine(
  (value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= EVENT_YEARS.min && year <= EVENT_YEARS.max;
  },
  rule('date_out_of_range', `Between the years ${EVENT_YEARS.min} and ${EVENT_YEARS.max}`),
);

const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, rule('invalid_time_zone', 'Not a time zone: use an IANA name such as Asia/Ho_Chi_Minh'));

/** 34 provinces in all: the host and at most all the others. */
const MAX_PARTNERS = 33;

const eventFieldsSchema = z.object({
  name: z.string().trim().min(3).max(200),
  venue: z.string().trim().min(1).max(300),
  startsAt: eventTime,
  endsAt: eventTime,
  timeZone: timeZoneSchema.describe('IANA time zone the event is held in; its times are answered with its offset'),
  hostProvinceId: idSchema.describe('a province of GET /api/provinces'),
  partnerProvinceIds: z
    .array(idSchema)
    .max(MAX_PARTNERS)
    .describe('provinces of GET /api/provinces taking part besides the host: each once, not the host'),
});

export interface EventRuleInput {
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  hostProvinceId?: string | undefined;
  partnerProvinceIds?: readonly string[] | undefined;
}

/** The rules across fields, for a new event and for an edit merged with what is stored. */
export function eventRuleErrors(e: EventRuleInput): { path: string; message: string; code: string; params?: IssueParams }[] {
  const errors: { path: string; message: string; code: string; params?: IssueParams }[] = [];
  if (e.startsAt && e.endsAt && Date.parse(e.endsAt) <= Date.parse(e.startsAt)) {
    errors.push({ path: 'endsAt', message: 'The event must end after it starts', code: 'ends_before_start' });
  }
  const seen = new Set<string>();
  for (const id of e.partnerProvinceIds ?? []) {
    if (id === e.hostProvinceId) {
      errors.push({
        path: 'partnerProvinceIds',
        message: 'The host province is not also a partner',
        code: 'partner_is_host',
        params: { value: id },
      });
    } else if (seen.has(id)) {
      errors.push({
        path: 'partnerProvinceIds',
        message: 'Each partner province once',
        code: 'partner_repeated',
        params: { value: id },
      });
    }
    seen.add(id);
  }
  return errors;
}

const withRules = <T extends EventRuleInput>(e: T, ctx: z.core.$RefinementCtx<T>) => {
  for (const error of eventRuleErrors(e))
    ctx.addIssue({ code: 'custom', message: error.message, path: [error.path], params: { code: error.code, ...error.params } });
};

export const eventInputSchema = eventFieldsSchema
  .extend({
    kind: z.enum(eventKinds),
    timeZone: eventFieldsSchema.shape.timeZone.default(VIETNAM_TIME_ZONE),
    partnerProvinceIds: eventFieldsSchema.shape.partnerProvinceIds.default([]),
  })
  .strict()
  .superRefine(withRules);
export type EventInput = z.infer<typeof eventInputSchema>;

export const eventPatchSchema = eventFieldsSchema
  .partial()
  .extend({ status: z.enum(eventStatuses).optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, rule('nothing_to_change', 'Nothing to change'))
  // Within the patch itself; the service checks the patch merged with what is stored.
  .superRefine(withRules);
export type EventPatch = z.infer<typeof eventPatchSchema>;

export const slotSchema = z.object({ id: idSchema, startsAt: isoDateTime, endsAt: isoDateTime });

export const sessionSchema = z.object({
  id: idSchema,
  eventId: idSchema,
  name: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  slotMinutes: z.number().int(),
  tableCount: z.number().int(),
  maxMeetingsPerProducer: z.number().int(),
  slots: z.array(slotSchema),
  breaks: z.array(z.object({ startsAt: isoDateTime, endsAt: isoDateTime })),
  /** instant: a booking stands at once; request: the buyer accepts or declines */
  bookingMode: z.enum(['instant', 'request']),
  bookingOpensAt: isoDateTime.nullable(),
  bookingClosesAt: isoDateTime.nullable(),
  maxMeetingsPerBuyer: z.number().int().nullable(),
  maxPendingPerProducer: z.number().int(),
  requestTtlMinutes: z.number().int(),
  /** at a conference: whether two organisations of one province may meet; B2B pairs differ by default */
  sameProvincePairs: z.boolean(),
});
export type SessionDto = z.infer<typeof sessionSchema>;
