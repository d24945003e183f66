import { listOf, pageOf } from '../../contracts/common.ts';
import { sessionParamsSchema } from '../../contracts/matchmaking.ts';
import {
  buyerSuggestionsQuerySchema,
  producerSuggestionsQuerySchema,
  suggestedBuyerSchema,
  suggestedProducerSchema,
} from '../../contracts/suggestions.ts';
import { defineRoute, type RouteSpec } from '../../http/route.ts';
import type { MatchmakingDeps } from './deps.ts';
import type { SuggestionsService } from './suggestions.service.ts';

export function suggestionsRoutes(service: SuggestionsService, deps: MatchmakingDeps): RouteSpec[] {
  void deps;
  return [
    defineRoute({
      method: 'get',
      path: '/sessions/:sessionId/suggestions/buyers',
      tag: 'matchmaking',
      summary:
        "The session's buyers ranked by fit to a producer (a producer: itself; organisers name it), with reasons and the slots free for both; a buyer whose minimum stars the producer reaches with no product of a valid certificate is left out",
      access: ['producer', 'organiser'],
      params: sessionParamsSchema,
      query: buyerSuggestionsQuerySchema,
      response: listOf(suggestedBuyerSchema),
      errors: [400, 403, 404],
      handler: async ({ user, params, query }) => ({
        items: await service.buyersFor(user!, params.sessionId, query.producerId),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/sessions/:sessionId/suggestions/producers',
      tag: 'matchmaking',
      summary:
        'The producers that fit a buyer (a buyer: itself; organisers name it), best first with reasons, a page at a time (limit up to 100)',
      access: ['buyer', 'organiser'],
      params: sessionParamsSchema,
      query: producerSuggestionsQuerySchema,
      response: pageOf(suggestedProducerSchema),
      errors: [400, 403, 404],
      handler: ({ user, params, query }) => service.producersFor(user!, params.sessionId, query),
    }),
  ];
}
