import { listOf } from '../../contracts/common.ts';
import { eventParamsSchema, sessionSchema } from '../../contracts/events.ts';
import { defineRoute } from '../../http/route.ts';
import type { EventsService } from '../events/events.service.ts';
import type { MatchmakingService } from './matchmaking.service.ts';

export function matchmakingRoutes(matchmaking: MatchmakingService, events: EventsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/events/:eventId/sessions',
      tag: 'matchmaking',
      summary: "An event's matchmaking sessions with their slots",
      access: 'signed-in',
      params: eventParamsSchema,
      response: listOf(sessionSchema),
      errors: [404],
      handler: async ({ user, params }) => {
        await events.findVisible(user!, params.eventId);
        return { items: await matchmaking.sessionsOfEvent(params.eventId) };
      },
    }),
  ];
}
