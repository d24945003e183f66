import type { RouteSpec } from '../../http/route.ts';
import type { MatchmakingDeps } from './deps.ts';
import type { ScheduleService } from './schedule.service.ts';

export function scheduleRoutes(service: ScheduleService, deps: MatchmakingDeps): RouteSpec[] {
  void service;
  void deps;
  return [];
}
