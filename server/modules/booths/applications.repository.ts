// Booth applications: one per producer and fair (the unique index decides a second one), and
// their decisions as compare-and-set updates (the status read is the one changed, so two
// organisers deciding at once cannot both win). Each change logs application:changed last in
// its transaction: its id and status for everyone, the whole application for organisers and
// its producer. A waitlisting with booths free serves the waitlist at once, and a withdrawal or
// a rejection passes the application's open offer on; those take the booths' locks first, in
// the same order as every occupancy change (booth, then application), so they cannot deadlock
// with an acceptance of the same offer.
import type { Db, Prisma } from '../../db/database.ts';
import { orConflict } from '../../conflicts.ts';
import { notFound } from '../../errors.ts';
import {
  preferencesSchema,
  type ApplicationDto,
  type ApplicationStatus,
  type BoothPolicy,
  type Preferences,
} from '../../contracts/booths.ts';
import { toIsoInZone } from '../../contracts/time.ts';
import { producerAudience, type OutgoingFact } from '../../realtime/publisher.ts';
import { appendFact } from '../activity/activity.repository.ts';
import { conflict, parsePolicy, type OccupancyRepository } from './occupancy.repository.ts';

type Tx = Prisma.TransactionClient;
type Reader = Tx | Db;

const DEFAULT_PREFERENCES = preferencesSchema.parse({});

const applicationSelect = {
  id: true,
  eventId: true,
  producerId: true,
  status: true,
  preferences: true,
  productIds: true,
  note: true,
  reason: true,
  support: true,
  priority: true,
  createdAt: true,
  decidedAt: true,
  producer: { select: { name: true, provinceId: true, locality: true } },
} as const;

type ApplicationRow = Prisma.BoothApplicationGetPayload<{ select: typeof applicationSelect }>;

function preferencesOf(json: string): Preferences {
  try {
    const parsed = preferencesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : DEFAULT_PREFERENCES;
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

function idsOf(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** The applications as the API tells them, with stars, booths and open offer read in three queries. */
async function toDtos(db: Reader, rows: ApplicationRow[], now: Date): Promise<ApplicationDto[]> {
  if (rows.length === 0) return [];
  const producerIds = [...new Set(rows.map((r) => r.producerId))];
  const eventIds = [...new Set(rows.map((r) => r.eventId))];
  const stars = await db.product.groupBy({
    by: ['producerId'],
    where: { producerId: { in: producerIds }, stars: { not: null }, certExpiresAt: { gt: now } },
    _max: { stars: true },
  });
  const starsOf = new Map(stars.map((s) => [s.producerId, s._max.stars ?? null]));
  const occupancies = await db.boothOccupancy.findMany({
    where: { eventId: { in: eventIds }, producerId: { in: producerIds }, kind: { in: ['assigned', 'offered'] } },
    select: {
      boothId: true,
      eventId: true,
      producerId: true,
      kind: true,
      applicationId: true,
      expiresAt: true,
      booth: { select: { code: true } },
    },
    orderBy: { booth: { code: 'asc' } },
  });
  return rows.map((row) => {
    const mine = occupancies.filter((o) => o.eventId === row.eventId && o.producerId === row.producerId);
    const offer = mine.find(
      (o) => o.kind === 'offered' && o.applicationId === row.id && o.expiresAt !== null && o.expiresAt > now,
    );
    const dto: ApplicationDto = {
      id: row.id,
      eventId: row.eventId,
      producerId: row.producerId,
      producerName: row.producer.name,
      provinceId: row.producer.provinceId,
      locality: row.producer.locality,
      stars: starsOf.get(row.producerId) ?? null,
      status: row.status as ApplicationStatus,
      preferences: preferencesOf(row.preferences),
      productIds: idsOf(row.productIds),
      note: row.note,
      reason: row.reason,
      support: row.support as ApplicationDto['support'],
      priority: row.priority,
      boothIds: mine.filter((o) => o.kind === 'assigned').map((o) => o.boothId),
      createdAt: toIsoInZone(row.createdAt),
      decidedAt: row.decidedAt ? toIsoInZone(row.decidedAt) : null,
    };
    if (offer) dto.offer = { boothId: offer.boothId, boothCode: offer.booth.code, expiresAt: toIsoInZone(offer.expiresAt!) };
    return dto;
  });
}

export interface ApplicationEvent {
  id: string;
  kind: string;
  status: string;
  policy: BoothPolicy;
}

export interface Decision {
  status: 'approved' | 'waitlisted' | 'rejected';
  /** The statuses it may be made from (the one read must be among them). */
  from: readonly ApplicationStatus[];
  /** The status the organiser saw: the decision is refused if the application moved on since. */
  expected?: ApplicationStatus | undefined;
  reason?: string | undefined;
  support?: string | undefined;
  priority: (stored: { support: string; priority: number }) => number;
}

/** How many free booths a waitlisting tries, at most, to get its application an offer. */
const WAITLIST_TRIES = 10;

export function createApplicationsRepository(prisma: Db, occupancy: OccupancyRepository) {
  async function one(db: Reader, id: string, now: Date): Promise<ApplicationDto> {
    const row = await db.boothApplication.findUnique({ where: { id }, select: applicationSelect });
    if (!row) throw notFound('Application');
    return (await toDtos(db, [row], now))[0]!;
  }

  /** Logs the application as it now is: public {id, status}, private the whole of it. */
  async function applicationFact(tx: Tx, id: string, actorId: string, now: Date) {
    const application = await one(tx, id, now);
    const fact = await appendFact(tx, {
      type: 'application:changed',
      eventId: application.eventId,
      actorId,
      data: { id: application.id, status: application.status },
      private: {
        audience: producerAudience(application.producerId),
        data: { id: application.id, status: application.status, application },
      },
    });
    return { application, fact: fact as OutgoingFact };
  }

  /** The booths an application's open (or lapsed) offers stand on. */
  async function offeredBooths(db: Reader, applicationId: string): Promise<string[]> {
    const rows = await db.boothOccupancy.findMany({ where: { applicationId, kind: 'offered' }, select: { boothId: true } });
    return rows.map((r) => r.boothId);
  }

  /**
   * Ends the application's offers (it no longer waits: withdrawn or rejected) and passes each
   * booth to the next on the waitlist. The booths must be locked by the caller.
   */
  async function endOffers(tx: Tx, eventId: string, applicationId: string, actorId: string, now: Date) {
    const facts: OutgoingFact[] = [];
    for (const boothId of await offeredBooths(tx, applicationId)) {
      const { count } = await tx.boothOccupancy.deleteMany({ where: { boothId, applicationId, kind: 'offered' } });
      if (count === 0) continue;
      facts.push(await occupancy.boothsFact(tx, eventId, 'offer_declined', [boothId], actorId, [], now));
      facts.push(...(await occupancy.offerNext(tx, boothId, now, actorId)));
    }
    return facts;
  }

  /**
   * Free booths a just-waitlisted application could be offered: not blocked, nobody on them,
   * in a zone whose minimum stars it has; those in its preferred zones and types first.
   */
  async function freeBoothsFor(db: Reader, eventId: string, applicationId: string, policy: BoothPolicy, now: Date) {
    const application = await one(db, applicationId, now);
    const booths = await db.booth.findMany({
      where: { eventId, blocked: false, occupancy: { is: null } },
      select: { id: true, code: true, zone: true, type: true },
      orderBy: { code: 'asc' },
    });
    const { zones, types } = application.preferences;
    const score = (b: { zone: string; type: string }) =>
      (zones.length && !zones.includes(b.zone) ? 2 : 0) + (types.length && !types.includes(b.type as never) ? 1 : 0);
    return booths
      .filter((b) => (application.stars ?? 0) >= (policy.zoneMinStars[b.zone] ?? 0))
      .sort((a, b) => score(a) - score(b))
      .slice(0, WAITLIST_TRIES)
      .map((b) => b.id);
  }

  async function eventOf(eventId: string): Promise<ApplicationEvent> {
    const event = await prisma.event.findUnique({
      where: { id: eventId },
      select: { id: true, kind: true, status: true, boothPolicy: true },
    });
    if (!event) throw notFound('Event');
    return { id: event.id, kind: event.kind, status: event.status, policy: parsePolicy(event.boothPolicy) };
  }

  return {
    one: (id: string, now: Date) => one(prisma, id, now),
    eventOf,

    /** Who an application belongs to, and the status of its fair (for access). */
    async ownerOf(id: string): Promise<{ producerId: string; eventId: string; eventStatus: string } | null> {
      const row = await prisma.boothApplication.findUnique({
        where: { id },
        select: { producerId: true, eventId: true, event: { select: { status: true } } },
      });
      return row ? { producerId: row.producerId, eventId: row.eventId, eventStatus: row.event.status } : null;
    },

    async list(eventId: string, filter: { status?: ApplicationStatus; producerId?: string }, now: Date) {
      const rows = await prisma.boothApplication.findMany({
        where: {
          eventId,
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.producerId ? { producerId: filter.producerId } : {}),
        },
        select: applicationSelect,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return toDtos(prisma, rows, now);
    },

    async producerExists(producerId: string): Promise<boolean> {
      return (await prisma.producer.count({ where: { id: producerId } })) > 0;
    },

    /** Of these producers, those that do not exist. */
    async unknownProducers(ids: string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const found = new Set(
        (await prisma.producer.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((p) => p.id),
      );
      return ids.filter((id) => !found.has(id));
    },

    /** Of these products, those that are not the producer's. */
    async notOwnProducts(producerId: string, productIds: string[]): Promise<string[]> {
      if (productIds.length === 0) return [];
      const own = new Set(
        (await prisma.product.findMany({ where: { id: { in: productIds }, producerId }, select: { id: true } })).map((p) => p.id),
      );
      return productIds.filter((id) => !own.has(id));
    },

    /**
     * Files the application; one per producer and fair, so a second is 409 `application`
     * (the unique index decides a race). A withdrawn one is filed again in its place, as new.
     */
    create(input: {
      eventId: string;
      producerId: string;
      preferences: Preferences;
      productIds: string[];
      note: string;
      actorId: string;
      now: Date;
    }) {
      const { eventId, producerId, actorId, now } = input;
      const fields = {
        status: 'submitted',
        preferences: JSON.stringify(input.preferences),
        productIds: JSON.stringify(input.productIds),
        note: input.note,
        submittedById: actorId,
      };
      return orConflict(
        prisma.$transaction(async (tx) => {
          const reopened = await tx.boothApplication.updateMany({
            where: { eventId, producerId, status: 'withdrawn' },
            data: {
              ...fields,
              reason: '',
              support: 'none',
              priority: 0,
              passedBoothIds: '[]',
              decidedAt: null,
              decidedById: null,
              createdAt: now,
            },
          });
          const id = reopened.count
            ? (
                await tx.boothApplication.findUniqueOrThrow({
                  where: { eventId_producerId: { eventId, producerId } },
                  select: { id: true },
                })
              ).id
            : (
                await tx.boothApplication.create({
                  data: { eventId, producerId, ...fields, createdAt: now },
                  select: { id: true },
                })
              ).id;
          const { application, fact } = await applicationFact(tx, id, actorId, now);
          return { application, facts: [fact] };
        }),
      );
    },

    /**
     * The organiser's decision, as compare-and-set on the status read: if another decision
     * changed it meanwhile, this one is 409 `state`. A rejection passes its open offer on; a
     * waitlisting with booths free serves the waitlist at once (see below).
     */
    async decide(input: { id: string; decision: Decision; actorId: string; now: Date }) {
      const { id, decision, actorId, now } = input;
      const before = await prisma.boothApplication.findUnique({ where: { id }, select: { eventId: true } });
      if (!before) throw notFound('Application');
      const event = await eventOf(before.eventId);
      // Booths to lock before the application row is written (booth, then application).
      const offered = await offeredBooths(prisma, id);
      const candidates = decision.status === 'waitlisted' ? await freeBoothsFor(prisma, event.id, id, event.policy, now) : [];
      return prisma.$transaction(async (tx) => {
        await occupancy.lockBooths(tx, [...offered, ...candidates]);
        const current = await tx.boothApplication.findUnique({
          where: { id },
          select: { status: true, support: true, priority: true, reason: true, eventId: true },
        });
        if (!current) throw notFound('Application');
        const fresh = await tx.event.findUniqueOrThrow({ where: { id: current.eventId }, select: { status: true } });
        if (fresh.status === 'closed') throw conflict('state', 'The fair is closed: its applications no longer change');
        if (decision.expected !== undefined && current.status !== decision.expected)
          throw conflict('state', `Another organiser decided on this application meanwhile: it is now ${current.status}`, [
            { path: 'expectedStatus', code: 'changed_meanwhile' },
          ]);
        if (!decision.from.includes(current.status as ApplicationStatus))
          throw conflict('state', `An application that is ${current.status} cannot be ${decision.status}`, [
            { path: 'status', code: 'decision_not_allowed' },
          ]);
        const { count } = await tx.boothApplication.updateMany({
          where: { id, status: current.status },
          data: {
            status: decision.status,
            reason: decision.reason ?? (decision.status === current.status ? current.reason : ''),
            support: decision.support ?? current.support,
            priority: decision.priority(current),
            decidedAt: now,
            decidedById: actorId,
          },
        });
        if (count === 0) throw conflict('state', 'Another organiser decided on this application at the same moment');
        const facts: OutgoingFact[] = [];
        if (decision.status === 'rejected') facts.push(...(await endOffers(tx, current.eventId, id, actorId, now)));
        if (decision.status === 'waitlisted') {
          // Booths are free while it waits: the waitlist is served now rather than at the next
          // release (which may never come). Each free booth that fits goes to the first in line
          // (policy priority, then arrival), usually this application; until it holds an offer.
          for (const boothId of candidates) {
            if (await tx.boothOccupancy.count({ where: { applicationId: id, kind: 'offered', expiresAt: { gt: now } } })) break;
            facts.push(...(await occupancy.offerNext(tx, boothId, now, actorId)));
          }
        }
        const { application, fact } = await applicationFact(tx, id, actorId, now);
        facts.push(fact);
        return { application, facts };
      });
    },

    /**
     * The producer withdraws: from submitted, approved or waitlisted; not while it holds booths
     * (the organiser releases them first). Its open offer is ended and passed on.
     */
    async withdraw(input: { id: string; actorId: string; now: Date }) {
      const { id, actorId, now } = input;
      const before = await prisma.boothApplication.findUnique({ where: { id }, select: { eventId: true, producerId: true } });
      if (!before) throw notFound('Application');
      const held = await prisma.boothOccupancy.findMany({
        where: { eventId: before.eventId, producerId: before.producerId, kind: 'assigned' },
        select: { boothId: true },
      });
      const locked = [...(await offeredBooths(prisma, id)), ...held.map((h) => h.boothId)];
      return prisma.$transaction(async (tx) => {
        await occupancy.lockBooths(tx, locked);
        // An offer made meanwhile: its booth is locked too before anything is written.
        const late = (await offeredBooths(tx, id)).filter((b) => !locked.includes(b));
        if (late.length) await occupancy.lockBooths(tx, late);
        const current = await tx.boothApplication.findUniqueOrThrow({ where: { id }, select: { status: true } });
        const event = await tx.event.findUniqueOrThrow({ where: { id: before.eventId }, select: { status: true } });
        if (event.status === 'closed') throw conflict('state', 'The fair is closed: its applications no longer change');
        if (!['submitted', 'approved', 'waitlisted'].includes(current.status))
          throw conflict('state', `An application that is ${current.status} cannot be withdrawn`);
        const booths = await tx.boothOccupancy.count({
          where: { eventId: before.eventId, producerId: before.producerId, kind: 'assigned' },
        });
        if (booths > 0)
          throw conflict('state', 'This producer has booths at the fair: the organisers release them before it withdraws', [
            { path: 'applicationId', code: 'application_has_booths' },
          ]);
        const { count } = await tx.boothApplication.updateMany({
          where: { id, status: current.status },
          data: { status: 'withdrawn' },
        });
        if (count === 0) throw conflict('state', 'This application changed at the same moment');
        const facts = await endOffers(tx, before.eventId, id, actorId, now);
        const { application, fact } = await applicationFact(tx, id, actorId, now);
        facts.push(fact);
        return { application, facts };
      });
    },
  };
}
export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
