import type { SessionDto } from '../../contracts/events.ts';
import { toIsoInZone } from '../../contracts/time.ts';
import type { MatchmakingRepository } from './matchmaking.repository.ts';

export function createMatchmakingService(deps: { repo: MatchmakingRepository }) {
  return {
    async sessionsOfEvent(eventId: string): Promise<SessionDto[]> {
      const rows = await deps.repo.sessionsOfEvent(eventId);
      return rows.map((s) => ({
        ...s,
        startsAt: toIsoInZone(s.startsAt),
        endsAt: toIsoInZone(s.endsAt),
        slots: s.slots.map((slot) => ({ id: slot.id, startsAt: toIsoInZone(slot.startsAt), endsAt: toIsoInZone(slot.endsAt) })),
      }));
    },
  };
}
export type MatchmakingService = ReturnType<typeof createMatchmakingService>;
