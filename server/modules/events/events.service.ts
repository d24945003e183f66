import {
  eventRuleErrors,
  eventStatusMoves,
  type EventDto,
  type EventInput,
  type EventPatch,
  type EventStatus,
} from '../../contracts/events.ts';
import type { FieldError } from '../../contracts/common.ts';
import { DomainError, notFound } from '../../errors.ts';
import { toIsoInZone } from '../../contracts/time.ts';
import type { FactPublisher } from '../../realtime/publisher.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import type { EventChanges, EventRow, EventsRepository } from './events.repository.ts';

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
/** Drafts are the organisers' until published. */
export const seesDrafts = (user: Pick<AuthUser, 'role'>) => user.role === 'organiser';

const invalid = (fields: FieldError[]) =>
  new DomainError('VALIDATION_FAILED', fields.map((f) => f.message).join('; '), { fields });

/** A status that may not follow the stored one: 409, the event's state stands in the way. */
function refusedMove(from: EventStatus, to: EventStatus): DomainError {
  const message = `An event cannot go from ${from} to ${to}`;
  return new DomainError('CONFLICT', message, {
    fields: [{ path: 'status', message, code: 'status_transition', params: { from, to } }],
    extra: { conflict: 'state' },
  });
}

/** What an edit writes, decided against the event as stored (the row locked): or the refusal. */
function changesFor(current: EventRow, patch: EventPatch): EventChanges {
  const errors = eventRuleErrors({
    startsAt: patch.startsAt ?? current.startsAt.toISOString(),
    endsAt: patch.endsAt ?? current.endsAt.toISOString(),
    hostProvinceId: patch.hostProvinceId ?? current.hostProvince.id,
    partnerProvinceIds: patch.partnerProvinceIds ?? current.partners.map((p) => p.province.id),
  });
  if (errors.length) throw invalid(errors);
  const from = current.status as EventStatus;
  if (patch.status !== undefined && patch.status !== from && !eventStatusMoves[from].includes(patch.status))
    throw refusedMove(from, patch.status);
  const { startsAt, endsAt, ...rest } = patch;
  return {
    ...rest,
    ...(startsAt !== undefined ? { startsAt: new Date(startsAt) } : {}),
    ...(endsAt !== undefined ? { endsAt: new Date(endsAt) } : {}),
  };
}

export function createEventsService(deps: { repo: EventsRepository; publisher: FactPublisher }) {
  const { repo, publisher } = deps;

  async function findVisible(user: Pick<AuthUser, 'role'>, eventId: string): Promise<EventRow> {
    const row = await repo.find(eventId);
    if (!row || (row.status === 'draft' && !seesDrafts(user))) throw notFound('Event');
    return row;
  }

  /** Host and partners must be provinces of today: 400 naming the field that holds another. */
  async function checkProvinces(input: { hostProvinceId?: string | undefined; partnerProvinceIds?: string[] | undefined }) {
    const fields: FieldError[] = [];
    const unknown = new Set(await repo.unknownProvinces([input.hostProvinceId ?? [], input.partnerProvinceIds ?? []].flat()));
    const say = (path: string, value: string): FieldError => ({
      path,
      message: `Unknown province: use an id from /api/provinces`,
      code: 'unknown_province',
      params: { value },
    });
    if (input.hostProvinceId !== undefined && unknown.has(input.hostProvinceId))
      fields.push(say('hostProvinceId', input.hostProvinceId));
    const partner = input.partnerProvinceIds?.find((id) => unknown.has(id));
    if (partner !== undefined) fields.push(say('partnerProvinceIds', partner));
    if (fields.length) throw invalid(fields);
  }

  return {
    findVisible,

    async list(user: AuthUser): Promise<EventDto[]> {
      const rows = await repo.list(seesDrafts(user) ? {} : { statusNot: 'draft' });
      const seqs = await repo.lastSeqs(rows.map((r) => r.id));
      return rows.map((row) => toEventDto(row, seqs.get(row.id) ?? 0));
    },

    async get(user: Pick<AuthUser, 'role'>, eventId: string): Promise<EventDto> {
      // The seq first: the row read next holds at least every change up to it, so a client
      // that continues from this seq misses none (a later fact reapplies what it already has).
      const seqs = await repo.lastSeqs([eventId]);
      const row = await findVisible(user, eventId);
      return toEventDto(row, seqs.get(eventId) ?? 0);
    },

    /** A new fair or conference, as a draft: only organisers see it until it is published. */
    async create(user: AuthUser, input: EventInput): Promise<EventDto> {
      await checkProvinces(input);
      const created = await repo.create(
        {
          kind: input.kind,
          name: input.name,
          venue: input.venue,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          timeZone: input.timeZone,
          hostProvinceId: input.hostProvinceId,
          partnerProvinceIds: input.partnerProvinceIds,
        },
        user.id,
        toEventDto,
      );
      publisher.publish(created.fact);
      return created.dto;
    },

    async update(user: AuthUser, eventId: string, patch: EventPatch): Promise<EventDto> {
      // Unknown first: an unknown event is 404 whatever the patch says.
      if (!(await repo.find(eventId))) throw notFound('Event');
      await checkProvinces(patch);
      const changed = await repo.updateWithActivity(eventId, (current) => changesFor(current, patch), patch, user.id, toEventDto);
      if (!changed) throw notFound('Event');
      // Published only after the commit: a broadcast change is always a durable one.
      publisher.publish(changed.fact);
      return changed.dto;
    },
  };
}
export type EventsService = ReturnType<typeof createEventsService>;
