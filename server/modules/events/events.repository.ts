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
  partners: { select: { province: { select: { id: true, name: true } } }, orderBy: { province: { name: 'asc' } } },
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

/** What a new event is made of. */
export interface NewEvent {
  kind: string;
  name: string;
  venue: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  hostProvinceId: string;
  partnerProvinceIds: string[];
}

/** The columns an edit changes; partner provinces, when given, replace the stored ones. */
export type EventChanges = Partial<Omit<NewEvent, 'kind'> & { status: string }>;

type Changed = { dto: EventDto; fact: OutgoingFact<'event:updated'> };
type ToDto = (row: EventRow, seq: number) => EventDto;

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
    /** The ids among these that are not provinces of today (AdministrativeUnit level 'province'). */
    async unknownProvinces(ids: string[]): Promise<string[]> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return [];
      const found = await prisma.administrativeUnit.findMany({
        where: { id: { in: unique }, level: 'province' },
        select: { id: true },
      });
      const known = new Set(found.map((p) => p.id));
      return unique.filter((id) => !known.has(id));
    },
    /** Creates the event and logs it (its first fact, seq 1) in one transaction. */
    create(data: NewEvent, actorId: string, toDto: ToDto): Promise<Changed> {
      const { partnerProvinceIds, ...columns } = data;
      return prisma.$transaction(async (tx) => {
        const row = await tx.event.create({
          data: { ...columns, status: 'draft', partners: { create: partnerProvinceIds.map((provinceId) => ({ provinceId })) } },
          select: eventSelect,
        });
        const fact = await appendFact(tx, {
          type: 'event:updated',
          eventId: row.id,
          actorId,
          data: (seq) => toDto(row, seq),
          audit: { created: data },
        });
        return { dto: fact.public.data, fact };
      });
    },
    /**
     * Updates the event and logs the change in one transaction; null when it does not exist.
     * `decide` gets the event as stored, with the row locked (no other change of it can commit
     * meanwhile), and returns the columns to write or throws the refusal: so a rule across
     * fields (a status move, the end after the start, the host not a partner) holds against
     * concurrent edits, not only against what was read before.
     */
    async updateWithActivity(
      id: string,
      decide: (current: EventRow) => EventChanges,
      audit: unknown,
      actorId: string,
      toDto: ToDto,
    ): Promise<Changed | null> {
      return prisma.$transaction(async (tx) => {
        // The lock, on both databases: PostgreSQL holds the updated row until the commit;
        // SQLite runs one writing transaction at a time anyway.
        const { count } = await tx.event.updateMany({ where: { id }, data: { updatedAt: new Date() } });
        if (count === 0) return null;
        const current = await tx.event.findUniqueOrThrow({ where: { id }, select: eventSelect });
        const { partnerProvinceIds, ...columns } = decide(current);
        if (Object.keys(columns).length > 0) await tx.event.update({ where: { id }, data: columns, select: { id: true } });
        if (partnerProvinceIds) {
          await tx.eventPartnerProvince.deleteMany({ where: { eventId: id } });
          await tx.eventPartnerProvince.createMany({
            data: partnerProvinceIds.map((provinceId) => ({ eventId: id, provinceId })),
          });
        }
        const row = await tx.event.findUniqueOrThrow({ where: { id }, select: eventSelect });
        const fact = await appendFact(tx, {
          type: 'event:updated',
          eventId: id,
          actorId,
          data: (seq) => toDto(row, seq),
          audit: { changes: audit },
        });
        return { dto: fact.public.data, fact };
      });
    },
  };
}
export type EventsRepository = ReturnType<typeof createEventsRepository>;
