import type { MatchmakingDeps } from './deps.ts';

export function createCalendarService(deps: MatchmakingDeps) {
  void deps;
  return {};
}
export type CalendarService = ReturnType<typeof createCalendarService>;
