import type { Db } from '../../db/database.ts';
import { appendFact, eventStream, lastSeqOf } from '../activity/activity.repository.ts';
import type { OutgoingFact } from '../../realtime/publisher.ts';
import type { EventDto } from '../../contracts/events.ts';

export const eventSelect = {
  id: true,
  kind: true,
  name: true,
  venue: true,
  startsAt: true,
  endsAt: true,
  timeZone: true,
  status: true,
  hostProvince: { select: { id: true, name: true } },
  partners: { select: { province: { select: { id: true, name: true } } } },
} as const;

export type EventRow = {
  id: string;
  kind: string;
  name: string;
  venue: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  status: string;
  hostProvince: { id: string; name: string };
  partners: { province: { id: string; name: string } }[];
};

export function createEventsRepository(prisma: Db) {
  return {
    list(where: { statusNot?: string }): Promise<EventRow[]> {
      return prisma.event.findMany({
        where: where.statusNot ? { status: { not: where.statusNot } } : {},
        select: eventSelect,
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      });
    },
    find(id: string): Promise<EventRow | null> {
      return prisma.event.findUnique({ where: { id }, select: eventSelect });
    },
    async lastSeqs(eventIds: string[]): Promise<Map<string, number>> {
      const byStream = await lastSeqOf(prisma, eventIds.map(eventStream));
      return new Map(eventIds.map((id) => [id, byStream.get(eventStream(id)) ?? 0]));
    },
    /** Updates the event and logs the change in one transaction; null when it does not exist. */
    async updateWithActivity(
      id: string,
      data: { name?: string; venue?: string; status?: string },
      actorId: string,
      toDto: (row: EventRow, seq: number) => EventDto,
    ): Promise<{ dto: EventDto; fact: OutgoingFact<'event:updated'> } | null> {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.event.updateMany({ where: { id }, data });
        if (count === 0) return null;
        const row = await tx.event.findUniqueOrThrow({ where: { id }, select: eventSelect });
        const fact = await appendFact(tx, {
          type: 'event:updated',
          eventId: id,
          actorId,
          data: (seq) => toDto(row, seq),
          audit: { changes: data },
        });
        return { dto: fact.public.data, fact };
      });
    },
  };
}
export type EventsRepository = ReturnType<typeof createEventsRepository>;
