import type { RouteSpec } from '../../http/route.ts';
import type { MatchmakingDeps } from './deps.ts';
import type { SuggestionsService } from './suggestions.service.ts';

export function suggestionsRoutes(service: SuggestionsService, deps: MatchmakingDeps): RouteSpec[] {
  void service;
  void deps;
  return [];
}
