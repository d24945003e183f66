import type { MatchmakingDeps } from './deps.ts';

export function createSuggestionsService(deps: MatchmakingDeps) {
  void deps;
  return {};
}
export type SuggestionsService = ReturnType<typeof createSuggestionsService>;
