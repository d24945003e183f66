import { listOf } from '../../contracts/common.ts';
import { eventParamsSchema, sessionSchema } from '../../contracts/events.ts';
import {
  sessionBuyerAvailabilitySchema,
  sessionBuyerBodySchema,
  sessionBuyerParamsSchema,
  sessionInputSchema,
  sessionParamsSchema,
  sessionPatchSchema,
} from '../../contracts/matchmaking.ts';
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
    defineRoute({
      method: 'post',
      path: '/events/:eventId/sessions',
      tag: 'matchmaking',
      summary: 'Create a matchmaking session: its window is cut into slots of slotMinutes, skipping breaks',
      access: ['organiser'],
      params: eventParamsSchema,
      body: sessionInputSchema,
      response: sessionSchema,
      status: 201,
      errors: [400, 404, 409],
      handler: async ({ user, params, body }) => {
        await events.findVisible(user!, params.eventId);
        return matchmaking.create(user!, params.eventId, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/sessions/:sessionId',
      tag: 'matchmaking',
      summary: 'A matchmaking session with its slots and settings',
      access: 'signed-in',
      params: sessionParamsSchema,
      response: sessionSchema,
      errors: [404],
      handler: ({ user, params }) => matchmaking.get(user!, params.sessionId),
    }),
    defineRoute({
      method: 'patch',
      path: '/sessions/:sessionId',
      tag: 'matchmaking',
      summary:
        'Change a session; its times (and so its slots) only while nothing is booked or requested in it (409 state otherwise)',
      access: ['organiser'],
      params: sessionParamsSchema,
      body: sessionPatchSchema,
      response: sessionSchema,
      errors: [400, 404, 409],
      handler: async ({ user, params, body }) => {
        const current = await matchmaking.get(user!, params.sessionId);
        return matchmaking.update(user!, params.sessionId, body, current);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/sessions/:sessionId/buyers',
      tag: 'matchmaking',
      summary: 'The buyers taking part, with their representatives, blocked slots and the slots still free for them',
      access: 'signed-in',
      params: sessionParamsSchema,
      response: listOf(sessionBuyerAvailabilitySchema),
      errors: [404],
      handler: async ({ user, params }) => ({ items: await matchmaking.buyers(user!, params.sessionId) }),
    }),
    defineRoute({
      method: 'put',
      path: '/sessions/:sessionId/buyers/:buyerId',
      tag: 'matchmaking',
      summary: 'A buyer takes part in a session, or changes its representatives and the slots it does not attend',
      access: ['organiser', 'buyer'],
      params: sessionBuyerParamsSchema,
      body: sessionBuyerBodySchema,
      response: sessionBuyerAvailabilitySchema,
      errors: [400, 403, 404, 409],
      handler: ({ user, params, body }) => matchmaking.setBuyer(user!, params.sessionId, params.buyerId, body),
    }),
    defineRoute({
      method: 'delete',
      path: '/sessions/:sessionId/buyers/:buyerId',
      tag: 'matchmaking',
      summary: 'A buyer leaves a session (only without meetings in it)',
      access: ['organiser', 'buyer'],
      params: sessionBuyerParamsSchema,
      status: 204,
      errors: [403, 404, 409],
      handler: async ({ user, params }) => {
        await matchmaking.removeBuyer(user!, params.sessionId, params.buyerId);
      },
    }),
  ];
}
