// An inter-province conference: who may do what (organisers belong to a province and manage
// only their own province's delegation; the host's organisers manage the conference), its
// agenda and its delegations. Agreements are in agreements.service.ts.
import type {
  AgendaItemDto,
  AgendaItemInput,
  AgendaItemPatch,
  DelegationBody,
  DelegationDto,
  PartyKind,
} from '../../contracts/conferences.ts';
import type { FieldError } from '../../contracts/common.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import type { FactPublisher } from '../../realtime/publisher.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import type { ConferenceRow, ConferencesRepository, Tx } from './conferences.repository.ts';
import { toAgendaDto, toDelegationDto } from './conference-view.ts';

export const provincesOf = (c: ConferenceRow) => [c.hostProvince.id, ...c.partners.map((p) => p.province.id)];

/** An organiser manages a province's part when it belongs to that province, or to none (national). */
export const managesProvince = (user: Pick<AuthUser, 'role' | 'provinceId'>, provinceId: string) =>
  user.role === 'organiser' && (user.provinceId == null || user.provinceId === provinceId);

/** Who may read members' phones and e-mails: organisers and officials. */
export const readsContacts = (user: Pick<AuthUser, 'role'>) => user.role === 'organiser' || user.role === 'official';

export const invalid = (fields: FieldError[]) =>
  new DomainError('VALIDATION_FAILED', fields.map((f) => f.message).join('; '), { fields });

export function closedConflict(c: Pick<ConferenceRow, 'status'>) {
  if (c.status !== 'closed') return;
  const message = 'The conference is closed: its programme, delegations and agreements no longer change';
  throw new DomainError('CONFLICT', message, {
    fields: [{ path: 'eventId', message, code: 'event_closed' }],
    extra: { conflict: 'state' },
  });
}

export function createConferencesService(deps: { repo: ConferencesRepository; publisher: FactPublisher }) {
  const { repo, publisher } = deps;

  /** The conference as this user may see it: 404 for another kind of event, or a draft to non-organisers. */
  async function conference(user: Pick<AuthUser, 'role'>, eventId: string, db?: Tx): Promise<ConferenceRow> {
    const c = await repo.conference(eventId, db);
    if (!c || c.kind !== 'conference' || (c.status === 'draft' && user.role !== 'organiser')) throw notFound('Conference');
    return c;
  }

  function mustManageConference(user: AuthUser, c: ConferenceRow) {
    if (!managesProvince(user, c.hostProvince.id))
      throw forbidden(`Only organisers of the host province (${c.hostProvince.name}) manage this conference's programme`);
  }

  async function agendaDtos(c: ConferenceRow, rows: Awaited<ReturnType<ConferencesRepository['agenda']>>, db?: Tx) {
    const names = await repo.names(db ?? repo.prisma, { provinces: rows.flatMap((r) => r.provinceId ?? []) });
    return rows.map((r) => toAgendaDto(r, names, c.timeZone));
  }

  function checkAgendaProvince(c: ConferenceRow, provinceId: string | null | undefined) {
    if (provinceId && !provincesOf(c).includes(provinceId))
      throw invalid([
        {
          path: 'provinceId',
          message: 'The province presenting is the host or a partner province of this conference',
          code: 'not_in_conference',
        },
      ]);
  }

  async function publishAgenda(
    user: AuthUser,
    c: ConferenceRow,
    change: 'created' | 'updated' | 'deleted',
    tx: Tx,
    item: AgendaItemDto | { id: string },
  ) {
    return repo.appendFact(tx, {
      type: 'agenda:changed',
      eventId: c.id,
      actorId: user.id,
      actorIsStaff: true,
      data: { change, item },
    });
  }

  async function organisationsOf(
    tx: Tx,
    c: ConferenceRow,
    provinceId: string,
    delegationId: string | null,
    body: DelegationBody,
  ): Promise<{ kind: PartyKind; id: string }[]> {
    const refs = [
      ...[...new Set(body.producerIds)].map((id) => ({ kind: 'producer' as const, id })),
      ...[...new Set(body.buyerIds)].map((id) => ({ kind: 'buyer' as const, id })),
    ];
    const found = await repo.organisations(tx, refs);
    const fields: FieldError[] = [];
    const pathOf = (r: { kind: PartyKind; id: string }) =>
      r.kind === 'producer' ? `producerIds.${body.producerIds.indexOf(r.id)}` : `buyerIds.${body.buyerIds.indexOf(r.id)}`;
    for (const r of refs) {
      const org = found.find((o) => o.kind === r.kind && o.id === r.id);
      if (!org) fields.push({ path: pathOf(r), message: `No ${r.kind} has the id ${r.id}`, code: 'not_found' });
      else if (org.provinceId !== provinceId)
        fields.push({
          path: pathOf(r),
          message: `${org.name} is not of this delegation's province: another province's delegation brings it`,
          code: 'other_province',
        });
    }
    if (fields.length) throw invalid(fields);
    const elsewhere = await repo.broughtElsewhere(tx, c.id, delegationId, refs);
    if (elsewhere.length) {
      const message = 'Another delegation of this conference brings this organisation';
      throw new DomainError('CONFLICT', message, {
        fields: elsewhere.map((e) => ({
          path: pathOf({ kind: e.kind as PartyKind, id: e.organisationId }),
          message,
          code: 'in_other_delegation',
          params: { provinceId: e.delegation.provinceId },
        })),
        extra: { conflict: 'delegation' },
      });
    }
    return refs;
  }

  return {
    conference,
    async agenda(user: AuthUser, eventId: string): Promise<AgendaItemDto[]> {
      const c = await conference(user, eventId);
      return agendaDtos(c, await repo.agenda(eventId));
    },

    async addAgendaItem(user: AuthUser, eventId: string, input: AgendaItemInput): Promise<AgendaItemDto> {
      const { dto, fact } = await repo.transaction(async (tx) => {
        await repo.lockEvent(tx, eventId);
        const c = await conference(user, eventId, tx);
        mustManageConference(user, c);
        closedConflict(c);
        checkAgendaProvince(c, input.provinceId);
        const row = await repo.createAgendaItem(tx, {
          eventId,
          kind: input.kind,
          title: input.title,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          place: input.place,
          speakers: JSON.stringify(input.speakers),
          provinceId: input.provinceId,
        });
        const [item] = await agendaDtos(c, [row], tx);
        return { dto: item!, fact: await publishAgenda(user, c, 'created', tx, item!) };
      });
      publisher.publish(fact);
      return dto;
    },

    async changeAgendaItem(user: AuthUser, itemId: string, patch: AgendaItemPatch): Promise<AgendaItemDto> {
      const { dto, fact } = await repo.transaction(async (tx) => {
        const found = await repo.agendaItem(itemId, tx);
        if (!found) throw notFound('Agenda item');
        await repo.lockEvent(tx, found.eventId);
        const current = await repo.agendaItem(itemId, tx);
        if (!current) throw notFound('Agenda item');
        const c = await conference(user, current.eventId, tx);
        mustManageConference(user, c);
        closedConflict(c);
        checkAgendaProvince(c, patch.provinceId);
        const startsAt = patch.startsAt ? new Date(patch.startsAt) : current.startsAt;
        const endsAt = patch.endsAt ? new Date(patch.endsAt) : current.endsAt;
        if (endsAt <= startsAt)
          throw invalid([{ path: 'endsAt', message: 'An agenda item ends after it starts', code: 'ends_before_start' }]);
        const row = await repo.updateAgendaItem(tx, itemId, {
          ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.place !== undefined ? { place: patch.place } : {}),
          ...(patch.speakers !== undefined ? { speakers: JSON.stringify(patch.speakers) } : {}),
          ...(patch.provinceId !== undefined ? { provinceId: patch.provinceId } : {}),
          startsAt,
          endsAt,
        });
        const [item] = await agendaDtos(c, [row], tx);
        return { dto: item!, fact: await publishAgenda(user, c, 'updated', tx, item!) };
      });
      publisher.publish(fact);
      return dto;
    },

    async removeAgendaItem(user: AuthUser, itemId: string): Promise<void> {
      const fact = await repo.transaction(async (tx) => {
        const current = await repo.agendaItem(itemId, tx);
        if (!current) throw notFound('Agenda item');
        await repo.lockEvent(tx, current.eventId);
        const c = await conference(user, current.eventId, tx);
        mustManageConference(user, c);
        closedConflict(c);
        if (!(await repo.deleteAgendaItem(tx, itemId))) throw notFound('Agenda item');
        return publishAgenda(user, c, 'deleted', tx, { id: itemId });
      });
      publisher.publish(fact);
    },

    async delegations(user: AuthUser, eventId: string): Promise<DelegationDto[]> {
      const c = await conference(user, eventId);
      const rows = await repo.delegations(eventId);
      const names = await repo.names(repo.prisma, {
        provinces: rows.map((r) => r.provinceId),
        producers: rows.flatMap((r) => r.organisations.filter((o) => o.kind === 'producer').map((o) => o.organisationId)),
        buyers: rows.flatMap((r) => r.organisations.filter((o) => o.kind === 'buyer').map((o) => o.organisationId)),
      });
      const order = provincesOf(c);
      return rows
        .map((r) => toDelegationDto(r, c, names, readsContacts(user)))
        .sort((a, b) => order.indexOf(a.province.id) - order.indexOf(b.province.id));
    },

    /** Registers or rewrites a province's delegation: only that province's organisers (or national ones). */
    async putDelegation(user: AuthUser, eventId: string, provinceId: string, body: DelegationBody): Promise<DelegationDto> {
      const { dto, fact } = await repo.transaction(async (tx) => {
        await repo.lockEvent(tx, eventId);
        const c = await conference(user, eventId, tx);
        if (!provincesOf(c).includes(provinceId))
          throw invalid([
            {
              path: 'provinceId',
              message: 'Delegations are of the host or a partner province of this conference',
              code: 'not_in_conference',
            },
          ]);
        if (!managesProvince(user, provinceId)) throw forbidden("An organiser manages only their own province's delegation");
        closedConflict(c);
        const existing = await repo.delegation(eventId, provinceId, tx);
        const organisations = await organisationsOf(tx, c, provinceId, existing?.id ?? null, body);
        const row = await repo.putDelegation(
          tx,
          { eventId, provinceId },
          {
            leaderName: body.leaderName,
            leaderTitle: body.leaderTitle,
            members: JSON.stringify(body.members),
            note: body.note,
          },
          organisations,
        );
        const names = await repo.names(tx, {
          provinces: [provinceId],
          producers: organisations.filter((o) => o.kind === 'producer').map((o) => o.id),
          buyers: organisations.filter((o) => o.kind === 'buyer').map((o) => o.id),
        });
        const full = toDelegationDto(row, c, names, true);
        const fact = await repo.appendFact(tx, {
          type: 'delegation:changed',
          eventId,
          actorId: user.id,
          actorIsStaff: true,
          data: { delegation: toDelegationDto(row, c, names, false) },
          private: { audience: [], data: { delegation: full } },
        });
        return { dto: full, fact };
      });
      publisher.publish(fact);
      return dto;
    },
  };
}
export type ConferencesService = ReturnType<typeof createConferencesService>;
