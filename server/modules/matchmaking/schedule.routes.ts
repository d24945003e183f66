import { listOf } from '../../contracts/common.ts';
import { sessionParamsSchema } from '../../contracts/matchmaking.ts';
import {
  proposalBodySchema,
  proposalParamsSchema,
  publishAnswerSchema,
  scheduleProposalSchema,
  wishesBodySchema,
  wishesQuerySchema,
  wishSchema,
} from '../../contracts/schedule.ts';
import { defineRoute, type RouteSpec } from '../../http/route.ts';
import type { MatchmakingDeps } from './deps.ts';
import type { ScheduleService } from './schedule.service.ts';

export function scheduleRoutes(service: ScheduleService, deps: MatchmakingDeps): RouteSpec[] {
  void deps; // the service holds what it needs
  return [
    defineRoute({
      method: 'get',
      path: '/sessions/:sessionId/wishes',
      tag: 'matchmaking',
      summary: "Wish lists of a session: a producer's or buyer's own; every one for organisers",
      access: ['producer', 'buyer', 'organiser'],
      params: sessionParamsSchema,
      query: wishesQuerySchema,
      response: listOf(wishSchema),
      errors: [400, 403, 404],
      handler: async ({ user, params, query }) => ({ items: await service.listWishes(user!, params.sessionId, query) }),
    }),
    defineRoute({
      method: 'put',
      path: '/sessions/:sessionId/wishes',
      tag: 'matchmaking',
      summary:
        'Replace a wish list, ranked (most wanted first): a producer its buyers, a buyer its producers; organisers name whose list',
      access: ['producer', 'buyer', 'organiser'],
      params: sessionParamsSchema,
      body: wishesBodySchema,
      response: listOf(wishSchema),
      errors: [400, 403, 404, 409],
      handler: async ({ user, params, body }) => ({ items: await service.setWishes(user!, params.sessionId, body) }),
    }),
    defineRoute({
      method: 'post',
      path: '/sessions/:sessionId/schedule-proposals',
      tag: 'matchmaking',
      summary:
        'Generate a draft schedule from the wishes (a MIP solved by HiGHS under a time cap, beside the greedy pass), with why each meeting is there',
      access: ['organiser'],
      params: sessionParamsSchema,
      body: proposalBodySchema,
      status: 201,
      response: scheduleProposalSchema,
      errors: [400, 404, 409],
      handler: ({ user, params, body }) => service.propose(user!, params.sessionId, { timeLimitSeconds: body?.timeLimitSeconds }),
    }),
    defineRoute({
      method: 'get',
      path: '/schedule-proposals/:proposalId',
      tag: 'matchmaking',
      summary:
        'A schedule proposal: its meetings with their reasons, the figures (bound, gap, greedy) and, once published, what was booked',
      access: ['organiser'],
      params: proposalParamsSchema,
      response: scheduleProposalSchema,
      errors: [404],
      handler: ({ user, params }) => service.getProposal(user!, params.proposalId),
    }),
    defineRoute({
      method: 'post',
      path: '/schedule-proposals/:proposalId/publish',
      tag: 'matchmaking',
      summary:
        'Book the proposed meetings; each is checked as a booking is, so one a booking made meanwhile stands in the way of is skipped, with why',
      access: ['organiser'],
      params: proposalParamsSchema,
      response: publishAnswerSchema,
      errors: [404, 409],
      handler: ({ user, params }) => service.publish(user!, params.proposalId),
    }),
  ];
}
