import type { EventDto, EventPatch } from '../../contracts/events.ts';
import { notFound } from '../../errors.ts';
import { toIsoInZone } from '../../contracts/time.ts';
import type { FactPublisher } from '../../realtime/publisher.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import type { EventRow, EventsRepository } from './events.repository.ts';

export function toEventDto(row: EventRow, seq: number): EventDto {
  return {
    id: row.id,
    kind: row.kind as EventDto['kind'],
    name: row.name,
    venue: row.venue,
    hostProvince: row.hostProvince,
    partnerProvinces: row.partners.map((p) => p.province),
    startsAt: toIsoInZone(row.startsAt, row.timeZone),
    endsAt: toIsoInZone(row.endsAt, row.timeZone),
    timeZone: row.timeZone,
    status: row.status as EventDto['status'],
    seq,
  };
}

/** Drafts are the organisers' work in progress; everyone else sees published events on. */
const seesDrafts = (user: Pick<AuthUser, 'role'>) => user.role === 'organiser';

export function createEventsService(deps: { repo: EventsRepository; publisher: FactPublisher }) {
  const { repo, publisher } = deps;

  async function findVisible(user: Pick<AuthUser, 'role'>, eventId: string): Promise<EventRow> {
    const row = await repo.find(eventId);
    if (!row || (row.status === 'draft' && !seesDrafts(user))) throw notFound('Event');
    return row;
  }

  return {
    findVisible,

    async list(user: AuthUser): Promise<EventDto[]> {
      const rows = await repo.list(seesDrafts(user) ? {} : { statusNot: 'draft' });
      const seqs = await repo.lastSeqs(rows.map((r) => r.id));
      return rows.map((row) => toEventDto(row, seqs.get(row.id) ?? 0));
    },

    async get(user: Pick<AuthUser, 'role'>, eventId: string): Promise<EventDto> {
      const row = await findVisible(user, eventId);
      const seqs = await repo.lastSeqs([row.id]);
      return toEventDto(row, seqs.get(row.id) ?? 0);
    },

    async update(user: AuthUser, eventId: string, patch: EventPatch): Promise<EventDto> {
      const changed = await repo.updateWithActivity(eventId, patch, user.id, toEventDto);
      if (!changed) throw notFound('Event');
      // Published only after the commit: a broadcast change is always a durable one.
      publisher.publish(changed.fact);
      return changed.dto;
    },
  };
}
export type EventsService = ReturnType<typeof createEventsService>;
