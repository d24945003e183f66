import type { Db } from '../../db/database.ts';

export function createMatchmakingRepository(prisma: Db) {
  return {
    sessionsOfEvent(eventId: string) {
      return prisma.matchmakingSession.findMany({
        where: { eventId },
        select: {
          id: true,
          eventId: true,
          name: true,
          startsAt: true,
          endsAt: true,
          slotMinutes: true,
          tableCount: true,
          maxMeetingsPerProducer: true,
          slots: { select: { id: true, startsAt: true, endsAt: true }, orderBy: { position: 'asc' } },
        },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      });
    },
  };
}
export type MatchmakingRepository = ReturnType<typeof createMatchmakingRepository>;
