// Agendas as calendar data: one .ics per meeting, a private subscription feed per participant
// (a secret link, shown once, revocable) and the caller's agenda as JSON for the web.
import { z } from 'zod';
import { idSchema, isoDateTime, listOf } from './common.ts';
import { meetingSchema } from './matchmaking.ts';

/** The answer of a calendar file: iCalendar text. */
export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/**
 * The secret of a feed link, as the path carries it (43 base64url characters). Loose on
 * purpose: any text up to 200 characters that is not a live secret answers the same 404 as an
 * unknown one, so the answer tells nothing of what a link looks like.
 */
export const calendarFeedParamsSchema = z.object({ secret: z.string().min(1).max(200) });

/** POST /api/calendar-feeds: the new link, shown this once (only its SHA-256 is stored). */
export const calendarFeedCreatedSchema = z.object({
  /** Absolute link to subscribe to (http(s)://host/api/calendar/<secret>.ics). */
  url: z.string(),
  /** The same link relative to the site. */
  path: z.string(),
  /** The same link with the webcal scheme, which calendar apps open as a subscription. */
  webcalUrl: z.string(),
  createdAt: isoDateTime,
});
export type CalendarFeedCreatedDto = z.infer<typeof calendarFeedCreatedSchema>;

/** GET /api/me/agenda: one event's meetings, or every visible event's when eventId is left out. */
export const agendaQuerySchema = z
  .object({
    eventId: idSchema.optional(),
    /** 'true': cancelled meetings too (shown struck through); by default only those that stand. */
    includeCancelled: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type AgendaQuery = z.infer<typeof agendaQuerySchema>;

export const agendaSchema = listOf(meetingSchema);
