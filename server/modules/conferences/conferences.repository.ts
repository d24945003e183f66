// The only code of the conference module that knows Prisma: a conference with its provinces,
// its agenda, delegations and agreements, and the changes of each, logged as facts of the
// event in the same transaction (appendFact), to be broadcast once it commits.
import type { Db } from '../../db/database.ts';
import type { DatabaseProvider } from '../../db/migrations-dir.ts';
import type { PartyKind } from '../../contracts/conferences.ts';
import { appendFact } from '../activity/activity.repository.ts';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export const conferenceSelect = {
  id: true,
  kind: true,
  status: true,
  timeZone: true,
  hostProvince: { select: { id: true, name: true } },
  partners: { select: { province: { select: { id: true, name: true } } } },
} as const;

export interface ConferenceRow {
  id: string;
  kind: string;
  status: string;
  timeZone: string;
  hostProvince: { id: string; name: string };
  partners: { province: { id: string; name: string } }[];
}

export const agendaSelect = {
  id: true,
  eventId: true,
  kind: true,
  title: true,
  startsAt: true,
  endsAt: true,
  place: true,
  speakers: true,
  provinceId: true,
} as const;
export type AgendaRow = {
  id: string;
  eventId: string;
  kind: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  speakers: string;
  provinceId: string | null;
};

export const delegationSelect = {
  id: true,
  eventId: true,
  provinceId: true,
  leaderName: true,
  leaderTitle: true,
  members: true,
  note: true,
  updatedAt: true,
  organisations: { select: { kind: true, organisationId: true } },
} as const;
export type DelegationRow = {
  id: string;
  eventId: string;
  provinceId: string;
  leaderName: string;
  leaderTitle: string;
  members: string;
  note: string;
  updatedAt: Date;
  organisations: { kind: string; organisationId: string }[];
};

export const agreementSelect = {
  id: true,
  eventId: true,
  kind: true,
  title: true,
  partyAKind: true,
  partyAId: true,
  partyAProvinceId: true,
  partyBKind: true,
  partyBId: true,
  partyBProvinceId: true,
  valueVnd: true,
  productIds: true,
  signingOrder: true,
  status: true,
  version: true,
  partyAConfirmedAt: true,
  partyBConfirmedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;
export type AgreementRow = {
  id: string;
  eventId: string;
  kind: string;
  title: string;
  partyAKind: string;
  partyAId: string;
  partyAProvinceId: string;
  partyBKind: string;
  partyBId: string;
  partyBProvinceId: string;
  valueVnd: bigint;
  productIds: string;
  signingOrder: number;
  status: string;
  version: number;
  partyAConfirmedAt: Date | null;
  partyBConfirmedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export interface Organisation {
  kind: PartyKind;
  id: string;
  name: string;
  provinceId: string;
}

/** Names of what agreements and delegations refer to by id. */
export interface Names {
  provinces: Map<string, string>;
  producers: Map<string, string>;
  buyers: Map<string, string>;
  products: Map<string, { name: string; category: string; producerId: string }>;
}

export function createConferencesRepository(prisma: Db, provider: DatabaseProvider) {
  /** Holds the event's row until the commit (PostgreSQL; SQLite has one writer anyway). */
  async function lockEvent(tx: Tx, eventId: string) {
    if (provider === 'postgresql') await tx.$queryRaw`SELECT "id" FROM "Event" WHERE "id" = ${eventId} FOR UPDATE`;
  }

  async function names(
    db: Pick<Tx, 'administrativeUnit' | 'producer' | 'buyer' | 'product'>,
    ids: { provinces?: string[]; producers?: string[]; buyers?: string[]; products?: string[] },
  ): Promise<Names> {
    const uniq = (a: string[] | undefined) => [...new Set(a ?? [])];
    const [provinces, producers, buyers, products] = await Promise.all([
      uniq(ids.provinces).length
        ? db.administrativeUnit.findMany({ where: { id: { in: uniq(ids.provinces) } }, select: { id: true, name: true } })
        : [],
      uniq(ids.producers).length
        ? db.producer.findMany({ where: { id: { in: uniq(ids.producers) } }, select: { id: true, name: true } })
        : [],
      uniq(ids.buyers).length
        ? db.buyer.findMany({ where: { id: { in: uniq(ids.buyers) } }, select: { id: true, name: true } })
        : [],
      uniq(ids.products).length
        ? db.product.findMany({
            where: { id: { in: uniq(ids.products) } },
            select: { id: true, name: true, category: true, producerId: true },
          })
        : [],
    ]);
    return {
      provinces: new Map(provinces.map((p) => [p.id, p.name])),
      producers: new Map(producers.map((p) => [p.id, p.name])),
      buyers: new Map(buyers.map((b) => [b.id, b.name])),
      products: new Map(products.map((p) => [p.id, { name: p.name, category: p.category, producerId: p.producerId }])),
    };
  }

  /** Producers and buyers by id, with their provinces (those that exist). */
  async function organisations(
    db: Pick<Tx, 'producer' | 'buyer'>,
    refs: { kind: PartyKind; id: string }[],
  ): Promise<Organisation[]> {
    const of = (kind: PartyKind) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
    const [producers, buyers] = await Promise.all([
      of('producer').length
        ? db.producer.findMany({ where: { id: { in: of('producer') } }, select: { id: true, name: true, provinceId: true } })
        : [],
      of('buyer').length
        ? db.buyer.findMany({ where: { id: { in: of('buyer') } }, select: { id: true, name: true, provinceId: true } })
        : [],
    ]);
    return [
      ...producers.map((p) => ({ kind: 'producer' as const, ...p })),
      ...buyers.map((b) => ({ kind: 'buyer' as const, ...b })),
    ];
  }

  return {
    prisma,
    lockEvent,
    names,
    organisations,
    conference: (eventId: string, db: Pick<Tx, 'event'> = prisma): Promise<ConferenceRow | null> =>
      db.event.findUnique({ where: { id: eventId }, select: conferenceSelect }),
    agenda: (eventId: string): Promise<AgendaRow[]> =>
      prisma.agendaItem.findMany({
        where: { eventId },
        select: agendaSelect,
        orderBy: [{ startsAt: 'asc' }, { endsAt: 'asc' }, { id: 'asc' }],
      }),
    agendaItem: (id: string, db: Pick<Tx, 'agendaItem'> = prisma): Promise<AgendaRow | null> =>
      db.agendaItem.findUnique({ where: { id }, select: agendaSelect }),
    delegations: (eventId: string, db: Pick<Tx, 'delegation'> = prisma): Promise<DelegationRow[]> =>
      db.delegation.findMany({ where: { eventId }, select: delegationSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    delegation: (eventId: string, provinceId: string, db: Pick<Tx, 'delegation'> = prisma): Promise<DelegationRow | null> =>
      db.delegation.findUnique({ where: { eventId_provinceId: { eventId, provinceId } }, select: delegationSelect }),
    /** Which delegation of the conference brings each of these organisations, other than `except`. */
    async broughtElsewhere(tx: Tx, eventId: string, except: string | null, refs: { kind: PartyKind; id: string }[]) {
      if (refs.length === 0) return [];
      return tx.delegationOrganisation.findMany({
        where: {
          eventId,
          OR: refs.map((r) => ({ kind: r.kind, organisationId: r.id })),
          ...(except ? { NOT: { delegationId: except } } : {}),
        },
        select: { kind: true, organisationId: true, delegation: { select: { provinceId: true } } },
      });
    },
    agreements: (eventId: string, status?: string): Promise<AgreementRow[]> =>
      prisma.agreement.findMany({
        where: { eventId, ...(status ? { status } : {}) },
        select: agreementSelect,
        orderBy: [{ signingOrder: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      }),
    agreement: (id: string, db: Pick<Tx, 'agreement'> = prisma): Promise<AgreementRow | null> =>
      db.agreement.findUnique({ where: { id }, select: agreementSelect }),
    /** An agreement read with its row held to the commit (PostgreSQL; SQLite has one writer). */
    async lockedAgreement(tx: Tx, id: string): Promise<AgreementRow | null> {
      if (provider === 'postgresql') await tx.$queryRaw`SELECT "id" FROM "Agreement" WHERE "id" = ${id} FOR UPDATE`;
      return tx.agreement.findUnique({ where: { id }, select: agreementSelect });
    },
    /** The turn after the last at the ceremony. */
    async nextSigningOrder(tx: Tx, eventId: string): Promise<number> {
      const { _max } = await tx.agreement.aggregate({ where: { eventId }, _max: { signingOrder: true } });
      return (_max.signingOrder ?? 0) + 1;
    },
    transaction: <T>(work: (tx: Tx) => Promise<T>) => prisma.$transaction(work),
    appendFact,

    createAgendaItem: (tx: Tx, data: Omit<AgendaRow, 'id'>): Promise<AgendaRow> =>
      tx.agendaItem.create({ data, select: agendaSelect }),
    updateAgendaItem: (tx: Tx, id: string, data: Partial<Omit<AgendaRow, 'id' | 'eventId'>>): Promise<AgendaRow> =>
      tx.agendaItem.update({ where: { id }, data, select: agendaSelect }),
    deleteAgendaItem: async (tx: Tx, id: string): Promise<boolean> =>
      (await tx.agendaItem.deleteMany({ where: { id } })).count === 1,

    /** Writes a province's delegation whole (its organisations replaced), creating it if new. */
    async putDelegation(
      tx: Tx,
      key: { eventId: string; provinceId: string },
      data: Pick<DelegationRow, 'leaderName' | 'leaderTitle' | 'members' | 'note'>,
      organisations: { kind: PartyKind; id: string }[],
    ): Promise<DelegationRow> {
      const { id } = await tx.delegation.upsert({
        where: { eventId_provinceId: key },
        create: { ...key, ...data },
        update: data,
        select: { id: true },
      });
      await tx.delegationOrganisation.deleteMany({ where: { delegationId: id } });
      if (organisations.length)
        await tx.delegationOrganisation.createMany({
          data: organisations.map((o) => ({ eventId: key.eventId, kind: o.kind, organisationId: o.id, delegationId: id })),
        });
      return tx.delegation.findUniqueOrThrow({ where: { id }, select: delegationSelect });
    },

    createAgreement: (
      tx: Tx,
      data: Omit<
        AgreementRow,
        'id' | 'status' | 'version' | 'partyAConfirmedAt' | 'partyBConfirmedAt' | 'createdAt' | 'updatedAt'
      > & {
        createdById: string;
        partyAConfirmedAt: Date | null;
        partyAConfirmedBy: string | null;
        partyBConfirmedAt: Date | null;
        partyBConfirmedBy: string | null;
      },
    ): Promise<AgreementRow> => tx.agreement.create({ data, select: agreementSelect }),
    /**
     * Changes an agreement if it is still at `version` and not withdrawn (compare and set: of
     * two changes at once, one wins); null when it changed meanwhile.
     */
    async updateAgreement(
      tx: Tx,
      id: string,
      version: number,
      data: Partial<{
        kind: string;
        title: string;
        valueVnd: bigint;
        productIds: string;
        signingOrder: number;
        status: string;
        version: number;
        partyAConfirmedAt: Date | null;
        partyAConfirmedBy: string | null;
        partyBConfirmedAt: Date | null;
        partyBConfirmedBy: string | null;
      }>,
    ): Promise<AgreementRow | null> {
      const { count } = await tx.agreement.updateMany({ where: { id, version, status: { not: 'withdrawn' } }, data });
      return count === 1 ? tx.agreement.findUniqueOrThrow({ where: { id }, select: agreementSelect }) : null;
    },
  };
}
export type ConferencesRepository = ReturnType<typeof createConferencesRepository>;
