import type { SessionDto } from '../../contracts/events.ts';
import type { MatchmakingRepository } from './matchmaking.repository.ts';

export function createMatchmakingService(deps: { repo: MatchmakingRepository }) {
  return {
    async sessionsOfEvent(eventId: string): Promise<SessionDto[]> {
      const rows = await deps.repo.sessionsOfEvent(eventId);
      return rows.map((s) => ({
        ...s,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        slots: s.slots.map((slot) => ({ id: slot.id, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() })),
      }));
    },
  };
}
export type MatchmakingService = ReturnType<typeof createMatchmakingService>;
