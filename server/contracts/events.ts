import { z } from 'zod';
import { rule } from './issues.ts';
import { idSchema, isoDateTime } from './common.ts';

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

export const eventPatchSchema = z
  .object({
    name: z.string().trim().min(3).max(200).optional(),
    venue: z.string().trim().min(1).max(300).optional(),
    status: z.enum(eventStatuses).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, rule('nothing_to_change', 'Nothing to change'));
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
});
export type SessionDto = z.infer<typeof sessionSchema>;
