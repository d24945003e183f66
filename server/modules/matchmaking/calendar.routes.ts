import type { RouteSpec } from '../../http/route.ts';
import type { MatchmakingDeps } from './deps.ts';
import type { CalendarService } from './calendar.service.ts';

export function calendarRoutes(service: CalendarService, deps: MatchmakingDeps): RouteSpec[] {
  void service;
  void deps;
  return [];
}
