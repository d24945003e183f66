import type { MatchmakingDeps } from './deps.ts';

export function createScheduleService(deps: MatchmakingDeps) {
  void deps;
  return {};
}
export type ScheduleService = ReturnType<typeof createScheduleService>;
