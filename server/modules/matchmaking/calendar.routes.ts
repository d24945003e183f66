import { noBodySchema } from '../../contracts/common.ts';
import type { Request, Response } from 'express';
import {
  agendaQuerySchema,
  agendaSchema,
  CALENDAR_CONTENT_TYPE,
  calendarFeedCreatedSchema,
  calendarFeedParamsSchema,
} from '../../contracts/calendar.ts';
import { meetingParamsSchema } from '../../contracts/matchmaking.ts';
import { defineRoute, type RouteSpec } from '../../http/route.ts';
import type { MatchmakingDeps } from './deps.ts';
import type { CalendarService } from './calendar.service.ts';

function sendCalendar(res: Response, ics: string, disposition: string): undefined {
  res.setHeader('Content-Type', CALENDAR_CONTENT_TYPE);
  res.setHeader('Content-Disposition', disposition);
  res.end(ics);
  return undefined;
}

/** The site as the caller reached it (behind the proxy `trust proxy` names). */
const originOf = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

export function calendarRoutes(service: CalendarService, deps: MatchmakingDeps): RouteSpec[] {
  void deps;
  return [
    defineRoute({
      method: 'get',
      path: '/meetings/:meetingId/calendar.ics',
      tag: 'calendar',
      summary:
        "A meeting as an iCalendar file (one VEVENT, stable UID, SEQUENCE, times in Asia/Ho_Chi_Minh; METHOD:CANCEL once cancelled): its producer's and its buyer's users and organisers; 404 for anyone else",
      access: 'signed-in',
      params: meetingParamsSchema,
      errors: [401, 404],
      handler: async ({ user, params, res }) => {
        const { ics, filename } = await service.meetingCalendar(user!, params.meetingId);
        return sendCalendar(res, ics, `attachment; filename="${filename}"`);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/calendar-feeds',
      tag: 'calendar',
      summary:
        "A new private link to the caller's calendar feed, shown this once (only its SHA-256 is stored); the previous link stops working",
      access: ['producer', 'buyer', 'organiser'],
      body: noBodySchema,
      status: 201,
      response: calendarFeedCreatedSchema,
      errors: [401, 403],
      handler: ({ user, req }) => service.createFeed(user!, originOf(req)),
    }),
    defineRoute({
      method: 'delete',
      path: '/calendar-feeds',
      tag: 'calendar',
      summary: "Revoke the caller's calendar feed link: it answers 404 from now on",
      access: ['producer', 'buyer', 'organiser'],
      status: 204,
      errors: [401, 403],
      handler: async ({ user }) => {
        await service.revokeFeed(user!);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/calendar/:secret.ics',
      tag: 'calendar',
      summary:
        "A participant's calendar feed by its secret link (no sign-in): its meetings, cancelled ones as STATUS:CANCELLED; 404 for an unknown or revoked link",
      access: 'public',
      params: calendarFeedParamsSchema,
      errors: [404],
      handler: async ({ params, res }) =>
        sendCalendar(res, await service.feed(params.secret), 'inline; filename="ocop-connect.ics"'),
    }),
    defineRoute({
      method: 'get',
      path: '/me/agenda',
      tag: 'calendar',
      summary:
        "The caller's meetings in time order, for the web agenda: one event's (eventId) or every visible event's; cancelled ones only with includeCancelled=true",
      access: ['producer', 'buyer'],
      query: agendaQuerySchema,
      response: agendaSchema,
      errors: [400, 401, 403, 404],
      handler: async ({ user, query }) => ({ items: await service.agenda(user!, query) }),
    }),
  ];
}
