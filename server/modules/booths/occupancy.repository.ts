// Who occupies a booth is decided in one place: the BoothOccupancy row whose key is the booth's
// id. Every change of it runs in one transaction that first locks the booths it touches (on
// PostgreSQL a row lock taken in id order, on SQLite the single writer), then reads, decides and
// writes; the row's key is the backstop, so an assignment, a hold and an offer can never both
// stand on one booth. Limits (booths per producer, quotas per province or locality) are counters
// raised by one conditional upsert that refuses to pass the limit, so no race gets past it.
// A hold or an offer past its time is taken over in place by the next request (with the expiry
// logged first); sweepLapsed() announces the ones nobody asked for, claiming each in the database
// so that several processes announce it once.
import type { DatabaseProvider } from '../../db/migrations-dir.ts';
import type { Db, Prisma } from '../../db/database.ts';
import { DomainError, notFound } from '../../errors.ts';
import {
  boothPolicySchema,
  preferencesSchema,
  type BoothConflict,
  type BoothDto,
  type BoothPolicy,
} from '../../contracts/booths.ts';
import type { BoothsChanged } from '../../contracts/realtime.ts';
import { producerAudience, type OutgoingFact } from '../../realtime/publisher.ts';
import { appendFact } from '../activity/activity.repository.ts';
import { conflictOf } from '../../conflicts.ts';
import { foldForSearch as foldText } from '../directory/fold.ts';
import { areNeighbours, boothSelect, occupancyStands, STAFF, PUBLIC, toBoothView, type BoothRow } from './booth-view.ts';

type Tx = Prisma.TransactionClient;
/** lapse() for a request that takes the booth over in place. */
const TAKE_OVER = { offerOn: false };

export const conflict = (what: BoothConflict, message: string, fields?: { path: string; code: string }[]) =>
  new DomainError('CONFLICT', message, {
    extra: { conflict: what },
    ...(fields ? { fields: fields.map((f) => ({ ...f, message })) } : {}),
  });

export function parsePolicy(json: string): BoothPolicy {
  let raw: unknown = {};
  try {
    raw = JSON.parse(json);
  } catch {
    raw = {};
  }
  const parsed = boothPolicySchema.safeParse(raw);
  return parsed.success ? parsed.data : boothPolicySchema.parse({});
}

/** The counters a producer's booth raises under a policy (exported for the policy's recount). */
export const tallyKeys = (
  producer: { id: string; provinceId: string; locality: string },
  policy: BoothPolicy,
): { key: string; limit: number; what: 'limit' | 'quota' }[] => {
  const keys: { key: string; limit: number; what: 'limit' | 'quota' }[] = [
    { key: `producer:${producer.id}`, limit: policy.boothsPerProducer, what: 'limit' },
  ];
  for (const quota of policy.quotas) {
    if (quota.provinceId !== producer.provinceId) continue;
    if (quota.locality === undefined) keys.push({ key: `province:${quota.provinceId}`, limit: quota.maxBooths, what: 'quota' });
    else if (foldText(quota.locality) === foldText(producer.locality))
      keys.push({ key: `locality:${quota.provinceId}:${foldText(quota.locality)}`, limit: quota.maxBooths, what: 'quota' });
  }
  return keys;
};

export interface ProducerFacts {
  id: string;
  name: string;
  provinceId: string;
  locality: string;
  /** Best OCOP stars of its valid certificates; null when none counts. */
  stars: number | null;
}

export function createOccupancyRepository(prisma: Db, provider: DatabaseProvider) {
  /**
   * Locks booths for this transaction in id order (no deadlock between two movers), with their
   * neighbours: the rules of a placement read who stands next to it (neighbours to avoid), so
   * two placements side by side must take turns, not both pass on what each read before the
   * other wrote. SQLite's single writer already makes every change take its turn.
   */
  async function lockBooths(tx: Tx, boothIds: string[]): Promise<void> {
    if (provider !== 'postgresql' || boothIds.length === 0) return;
    const geometry = { id: true, eventId: true, x: true, y: true, widthM: true, depthM: true } as const;
    const targets = await tx.booth.findMany({ where: { id: { in: boothIds } }, select: geometry });
    const eventIds = [...new Set(targets.map((t) => t.eventId))];
    const around = eventIds.length ? await tx.booth.findMany({ where: { eventId: { in: eventIds } }, select: geometry }) : [];
    const ids = new Set(boothIds);
    for (const target of targets) for (const booth of around) if (areNeighbours(target, booth)) ids.add(booth.id);
    const sorted = [...ids].sort();
    await tx.$queryRawUnsafe(
      `SELECT "id" FROM "Booth" WHERE "id" IN (${sorted.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY "id" FOR UPDATE`,
      ...sorted,
    );
  }

  async function eventFor(tx: Tx, eventId: string) {
    const event = await tx.event.findUnique({ where: { id: eventId }, select: { id: true, status: true, boothPolicy: true } });
    if (!event) throw notFound('Event');
    return { ...event, policy: parsePolicy(event.boothPolicy) };
  }

  function openForChanges(event: { status: string }) {
    if (event.status === 'closed') throw conflict('state', 'The fair is closed: its booths no longer change');
  }

  async function producerFacts(tx: Tx, producerId: string, now: Date): Promise<ProducerFacts> {
    const producer = await tx.producer.findUnique({
      where: { id: producerId },
      select: { id: true, name: true, provinceId: true, locality: true },
    });
    if (!producer)
      throw new DomainError('VALIDATION_FAILED', 'No producer has this id', {
        fields: [{ path: 'producerId', message: 'No producer has this id', code: 'unknown_producer' }],
      });
    const best = await tx.product.aggregate({
      where: { producerId, stars: { not: null }, certExpiresAt: { gt: now } },
      _max: { stars: true },
    });
    return { ...producer, stars: best._max.stars ?? null };
  }

  async function boothIn(tx: Tx, eventId: string, boothId: string): Promise<BoothRow> {
    const booth = await tx.booth.findFirst({ where: { id: boothId, eventId }, select: boothSelect });
    if (!booth) throw notFound('Booth');
    return booth;
  }

  /** What placing a producer on a booth (an assignment or a hold) starts from: the open fair, the producer, the booth if not blocked. */
  async function placementIn(tx: Tx, eventId: string, boothId: string, producerId: string, now: Date) {
    const event = await eventFor(tx, eventId);
    openForChanges(event);
    const producer = await producerFacts(tx, producerId, now);
    const booth = await boothIn(tx, eventId, boothId);
    if (booth.blocked) throw conflict('blocked', 'This booth is blocked on the floor plan');
    return { event, producer, booth };
  }

  /** Zone minimum stars and neighbours to avoid (either way round): the rules of one placement. */
  async function checkPlacement(
    tx: Tx,
    booth: BoothRow,
    producer: ProducerFacts,
    policy: BoothPolicy,
    ignoreBoothIds: string[] = [],
  ) {
    const minStars = policy.zoneMinStars[booth.zone];
    if (minStars !== undefined && (producer.stars ?? 0) < minStars)
      throw conflict('stars', `Zone ${booth.zone} is for producers with ${minStars} OCOP stars or more (valid certificates)`, [
        { path: 'producerId', code: 'zone_min_stars' },
      ]);
    const others = await tx.booth.findMany({
      where: { eventId: booth.eventId, occupancy: { kind: 'assigned' }, id: { notIn: [booth.id, ...ignoreBoothIds] } },
      select: { id: true, x: true, y: true, widthM: true, depthM: true, occupancy: { select: { producerId: true } } },
    });
    const neighbourIds = others.filter((o) => areNeighbours(o, booth)).map((o) => o.occupancy!.producerId);
    if (neighbourIds.length === 0) return;
    const applications = await tx.boothApplication.findMany({
      where: { eventId: booth.eventId, producerId: { in: [producer.id, ...neighbourIds] } },
      select: { producerId: true, preferences: true },
    });
    const avoids = new Map(
      applications.map((a) => {
        const prefs = preferencesSchema.safeParse(JSON.parse(a.preferences));
        return [a.producerId, new Set(prefs.success ? prefs.data.avoidProducerIds : [])];
      }),
    );
    for (const neighbour of neighbourIds) {
      if (neighbour === producer.id) continue;
      if (avoids.get(producer.id)?.has(neighbour) || avoids.get(neighbour)?.has(producer.id))
        throw conflict('neighbour', 'A producer next to this booth is one it must not be placed beside', [
          { path: 'producerId', code: 'avoided_neighbour' },
        ]);
    }
  }

  /**
   * Raises each counter of the producer by one, refusing past its limit (one statement each).
   * A refusal gives back the counters it had raised, so that a caller who goes on in the same
   * transaction (accepting an allocation) leaves them as they were.
   */
  async function raiseTallies(tx: Tx, eventId: string, producer: ProducerFacts, policy: BoothPolicy) {
    const raised: string[] = [];
    for (const { key, limit, what } of tallyKeys(producer, policy)) {
      const rows = await tx.$queryRaw<{ count: number }[]>`
        INSERT INTO "BoothTally" ("eventId", "key", "count") SELECT ${eventId}, ${key}, 1 WHERE ${limit} > 0
        ON CONFLICT ("eventId", "key") DO UPDATE SET "count" = "BoothTally"."count" + 1
        WHERE "BoothTally"."count" < ${limit}
        RETURNING "count"`;
      if (rows.length > 0) {
        raised.push(key);
        continue;
      }
      for (const done of raised)
        await tx.boothTally.updateMany({ where: { eventId, key: done }, data: { count: { decrement: 1 } } });
      throw what === 'limit'
        ? conflict('limit', `This producer already has ${limit} booth(s) at this fair, the most the fair allows`, [
            { path: 'producerId', code: 'booth_limit' },
          ])
        : conflict('quota', 'The booths set aside for producers of this province or locality are all taken', [
            { path: 'producerId', code: 'booth_quota' },
          ]);
    }
  }

  async function lowerTallies(tx: Tx, eventId: string, producer: ProducerFacts, policy: BoothPolicy) {
    for (const { key } of tallyKeys(producer, policy))
      await tx.boothTally.updateMany({ where: { eventId, key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
  }

  /** The booths' current views, and the fact that announces them: public, and private for the holder. */
  async function boothsFact(
    tx: Tx,
    eventId: string,
    change: BoothsChanged['change'],
    boothIds: string[],
    actorId: string | null,
    removedIds: string[] = [],
    now = new Date(),
  ): Promise<OutgoingFact<'booths:changed'>> {
    const rows = boothIds.length
      ? await tx.booth.findMany({ where: { id: { in: boothIds } }, select: boothSelect, orderBy: { code: 'asc' } })
      : [];
    const holders = new Set(
      rows
        .filter((r) => occupancyStands(r.occupancy, now) && r.occupancy!.kind !== 'assigned')
        .map((r) => r.occupancy!.producerId),
    );
    const data: BoothsChanged = { change, booths: rows.map((r) => toBoothView(r, now, PUBLIC)), removedIds };
    // One holder at most: its private view is the organisers' view too.
    const holder = holders.size === 1 ? [...holders][0]! : null;
    return appendFact(tx, {
      type: 'booths:changed',
      eventId,
      actorId,
      data,
      ...(holder
        ? {
            private: {
              audience: producerAudience(holder),
              data: { ...data, booths: rows.map((r) => toBoothView(r, now, STAFF)) },
            },
          }
        : {}),
    });
  }

  /**
   * A hold or offer that lapsed: removed if it is still the one read (so that two processes
   * never both announce it), its expiry logged, and for an offer the booth passed on to the next
   * on the waitlist. Returns the facts, or [] when another process got there first. A request
   * taking the booth over in place (offerOn false) keeps it: offering it on would put an offer
   * on the very booth the request is about to take.
   */
  async function lapse(
    tx: Tx,
    booth: BoothRow,
    now: Date,
    actorId: string | null,
    { offerOn = true }: { offerOn?: boolean } = {},
  ): Promise<OutgoingFact[]> {
    const occ = booth.occupancy;
    if (!occ || occ.kind === 'assigned' || occupancyStands(occ, now)) return [];
    const { count } = await tx.boothOccupancy.deleteMany({
      where: { boothId: booth.id, kind: occ.kind, producerId: occ.producerId, expiresAt: occ.expiresAt },
    });
    if (count === 0) return [];
    if (occ.kind === 'offered' && occ.applicationId) await passOn(tx, occ.applicationId, booth.id);
    const facts: OutgoingFact[] = [
      await boothsFact(tx, booth.eventId, occ.kind === 'offered' ? 'offer_lapsed' : 'hold_expired', [booth.id], actorId, [], now),
    ];
    // Freed capacity is never left stuck: a lapsed hold is offered to the waitlist too.
    if (offerOn) facts.push(...(await offerNext(tx, booth.id, now, actorId)));
    return facts;
  }

  /** The application will not be offered this booth again. */
  async function passOn(tx: Tx, applicationId: string, boothId: string) {
    const app = await tx.boothApplication.findUnique({ where: { id: applicationId }, select: { passedBoothIds: true } });
    if (!app) return;
    const passed = new Set<string>(JSON.parse(app.passedBoothIds) as string[]);
    passed.add(boothId);
    await tx.boothApplication.update({ where: { id: applicationId }, data: { passedBoothIds: JSON.stringify([...passed]) } });
  }

  /**
   * A booth just freed: the first waitlisted application that fits it (policy priority, then
   * arrival; zone stars, neighbours, limits and quotas kept; not one that passed on this booth
   * or holds an open offer) gets a time-limited offer.
   */
  async function offerNext(tx: Tx, boothId: string, now: Date, actorId: string | null): Promise<OutgoingFact[]> {
    const booth = await tx.booth.findUnique({ where: { id: boothId }, select: boothSelect });
    if (!booth || booth.blocked || occupancyStands(booth.occupancy, now)) return [];
    // A lapsed hold or offer still on the booth: lapse() removes it, announces it and offers on.
    if (booth.occupancy) return lapse(tx, booth, now, actorId);
    const event = await eventFor(tx, booth.eventId);
    if (event.status === 'closed') return [];
    const waiting = await tx.boothApplication.findMany({
      where: { eventId: booth.eventId, status: 'waitlisted' },
      orderBy: [{ priority: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, producerId: true, passedBoothIds: true },
      take: 200,
    });
    for (const app of waiting) {
      if ((JSON.parse(app.passedBoothIds) as string[]).includes(boothId)) continue;
      const open = await tx.boothOccupancy.count({ where: { applicationId: app.id, kind: 'offered', expiresAt: { gt: now } } });
      if (open > 0) continue;
      const producer = await producerFacts(tx, app.producerId, now);
      try {
        await checkPlacement(tx, booth, producer, event.policy);
      } catch (error) {
        if (error instanceof DomainError) continue;
        throw error;
      }
      // One after the other: a transaction's queries share its one connection.
      const full: boolean[] = [];
      for (const { key, limit } of tallyKeys(producer, event.policy)) {
        const tally = await tx.boothTally.findUnique({
          where: { eventId_key: { eventId: booth.eventId, key } },
          select: { count: true },
        });
        full.push((tally?.count ?? 0) >= limit);
      }
      if (full.some(Boolean)) continue;
      await tx.boothOccupancy.create({
        data: {
          boothId,
          eventId: booth.eventId,
          producerId: app.producerId,
          kind: 'offered',
          applicationId: app.id,
          expiresAt: new Date(now.getTime() + event.policy.offerMinutes * 60_000),
          createdById: actorId,
        },
      });
      return [await boothsFact(tx, booth.eventId, 'offered', [boothId], actorId, [], now)];
    }
    return [];
  }

  /** Runs one change of occupancy: the booths locked first, the facts it logged returned. */
  async function change<T>(boothIds: string[], work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await prisma.$transaction(async (tx) => {
        await lockBooths(tx, boothIds);
        return work(tx);
      });
    } catch (error) {
      // The occupancy row's key is the backstop of the lock: a second row for a booth is refused.
      throw conflictOf(error) ?? error;
    }
  }

  return {
    parsePolicy,

    async list(eventId: string): Promise<BoothRow[]> {
      return prisma.booth.findMany({ where: { eventId }, select: boothSelect, orderBy: { code: 'asc' } });
    },

    async findOne(eventId: string, boothId: string): Promise<BoothRow | null> {
      return prisma.booth.findFirst({ where: { id: boothId, eventId }, select: boothSelect });
    },

    /**
     * Assigns the booth to the producer: free, or held or offered to that same producer (the
     * hold becomes the assignment), or its hold lapsed (taken over in place). Anything else is
     * a 409 saying what stands there.
     */
    assign(input: { eventId: string; boothId: string; producerId: string; actorId: string; now: Date; offerOnly?: boolean }) {
      const { eventId, boothId, producerId, actorId, now } = input;
      return change([boothId], async (tx) => {
        const { event, producer, booth } = await placementIn(tx, eventId, boothId, producerId, now);
        const facts: OutgoingFact[] = [];
        const occ = booth.occupancy;
        if (occ?.kind === 'assigned') {
          if (occ.producerId === producerId) return { facts, unchanged: true };
          throw conflict('booth', 'This booth is already assigned to another producer');
        }
        const ownHold = occ !== null && occupancyStands(occ, now) && occ.producerId === producerId;
        // Accepting an offer: it must still stand, for this producer, now that the booth is locked.
        if (input.offerOnly && !(ownHold && occ!.kind === 'offered'))
          throw conflict('state', 'This offer was withdrawn or has lapsed');
        if (occ && occupancyStands(occ, now) && !ownHold) throw conflict('hold', 'This booth is held for another producer');
        if (occ && !ownHold) facts.push(...(await lapse(tx, booth, now, actorId, TAKE_OVER)));
        await checkPlacement(tx, booth, producer, event.policy);
        await raiseTallies(tx, eventId, producer, event.policy);
        const application = await tx.boothApplication.findUnique({
          where: { eventId_producerId: { eventId, producerId } },
          select: { id: true, status: true },
        });
        if (ownHold) {
          await tx.boothOccupancy.update({
            where: { boothId },
            data: { kind: 'assigned', expiresAt: null, applicationId: occ!.applicationId ?? application?.id ?? null },
          });
        } else {
          await tx.boothOccupancy.create({
            data: {
              boothId,
              eventId,
              producerId,
              kind: 'assigned',
              applicationId: application?.id ?? null,
              createdById: actorId,
            },
          });
        }
        // An accepted offer, or a booth given to a waitlisted one: it is in.
        // Compare-and-set: a rejection or withdrawal committed meanwhile is kept, not overwritten.
        if (application && (application.status === 'submitted' || application.status === 'waitlisted'))
          await tx.boothApplication.updateMany({
            where: { id: application.id, status: application.status },
            data: { status: 'approved', decidedAt: now, decidedById: actorId },
          });
        facts.push(
          await boothsFact(
            tx,
            eventId,
            ownHold && occ!.kind === 'offered' ? 'offer_accepted' : 'assigned',
            [boothId],
            actorId,
            [],
            now,
          ),
        );
        return { facts, unchanged: false };
      });
    },

    /** Frees an assigned booth and offers it to the waitlist; nothing to do when it is not assigned. */
    release(input: { eventId: string; boothId: string; actorId: string; now: Date }) {
      const { eventId, boothId, actorId, now } = input;
      return change([boothId], async (tx) => {
        const event = await eventFor(tx, eventId);
        openForChanges(event);
        const booth = await boothIn(tx, eventId, boothId);
        const occ = booth.occupancy;
        if (occ?.kind !== 'assigned') return { facts: [] as OutgoingFact[] };
        const producer = await producerFacts(tx, occ.producerId, now);
        await tx.boothOccupancy.delete({ where: { boothId } });
        await lowerTallies(tx, eventId, producer, event.policy);
        const facts: OutgoingFact[] = [await boothsFact(tx, eventId, 'released', [boothId], actorId, [], now)];
        facts.push(...(await offerNext(tx, boothId, now, actorId)));
        return { facts };
      });
    },

    /** Holds a booth for a producer for some minutes (its own hold is extended). */
    hold(input: { eventId: string; boothId: string; producerId: string; minutes?: number; actorId: string; now: Date }) {
      const { eventId, boothId, producerId, actorId, now } = input;
      return change([boothId], async (tx) => {
        const { event, producer, booth } = await placementIn(tx, eventId, boothId, producerId, now);
        const occ = booth.occupancy;
        const facts: OutgoingFact[] = [];
        if (occ?.kind === 'assigned') throw conflict('booth', 'This booth is already assigned');
        if (occ && occupancyStands(occ, now) && (occ.producerId !== producerId || occ.kind === 'offered'))
          throw conflict(
            'hold',
            occ.producerId === producerId
              ? 'This booth is offered to this producer from the waitlist: it accepts the offer instead'
              : 'This booth is held for another producer',
          );
        if (occ && !occupancyStands(occ, now)) facts.push(...(await lapse(tx, booth, now, actorId, TAKE_OVER)));
        await checkPlacement(tx, booth, producer, event.policy);
        const expiresAt = new Date(now.getTime() + (input.minutes ?? event.policy.holdMinutes) * 60_000);
        if (occ && occupancyStands(occ, now)) await tx.boothOccupancy.update({ where: { boothId }, data: { expiresAt } });
        else
          await tx.boothOccupancy.create({
            data: { boothId, eventId, producerId, kind: 'held', expiresAt, createdById: actorId },
          });
        facts.push(await boothsFact(tx, eventId, 'held', [boothId], actorId, [], now));
        return { facts };
      });
    },

    /** Ends a hold or withdraws an offer (which then passes to the next on the waitlist). */
    releaseHold(input: { eventId: string; boothId: string; actorId: string; now: Date; offerFor?: string }) {
      const { eventId, boothId, actorId, now } = input;
      return change([boothId], async (tx) => {
        const booth = await boothIn(tx, eventId, boothId);
        const occ = booth.occupancy;
        if (!occ || occ.kind === 'assigned') return { facts: [] as OutgoingFact[] };
        // Declining an offer: only that producer's offer, as it stands now the booth is locked.
        if (input.offerFor !== undefined && (occ.kind !== 'offered' || occ.producerId !== input.offerFor))
          return { facts: [] as OutgoingFact[] };
        if (!occupancyStands(occ, now)) return { facts: await lapse(tx, booth, now, actorId) };
        await tx.boothOccupancy.delete({ where: { boothId } });
        const facts: OutgoingFact[] = [];
        if (occ.kind === 'offered' && occ.applicationId) await passOn(tx, occ.applicationId, boothId);
        facts.push(
          await boothsFact(tx, eventId, occ.kind === 'offered' ? 'offer_declined' : 'hold_released', [boothId], actorId, [], now),
        );
        facts.push(...(await offerNext(tx, boothId, now, actorId)));
        return { facts };
      });
    },

    /** The producer an open offer on this booth is for, or null. */
    async offerHolder(eventId: string, boothId: string, now: Date): Promise<string | null> {
      const booth = await prisma.booth.findFirst({ where: { id: boothId, eventId }, select: boothSelect });
      if (!booth) throw notFound('Booth');
      const occ = booth.occupancy;
      return occ && occ.kind === 'offered' && occupancyStands(occ, now) ? occ.producerId : null;
    },

    /** Moves an assignment to another booth, keeping every rule; the booth left is offered on. */
    move(input: { eventId: string; boothId: string; toBoothId: string; actorId: string; now: Date }) {
      const { eventId, boothId, toBoothId, actorId, now } = input;
      return change([boothId, toBoothId], async (tx) => {
        const event = await eventFor(tx, eventId);
        openForChanges(event);
        const from = await boothIn(tx, eventId, boothId);
        const to = await boothIn(tx, eventId, toBoothId);
        const occ = from.occupancy;
        if (occ?.kind !== 'assigned') throw conflict('state', 'This booth has no assignment to move');
        if (boothId === toBoothId) return { facts: [] as OutgoingFact[] };
        if (to.blocked) throw conflict('blocked', 'The booth to move to is blocked on the floor plan');
        if (to.occupancy?.kind === 'assigned') throw conflict('booth', 'The booth to move to is assigned to another producer');
        const facts: OutgoingFact[] = [];
        if (to.occupancy && occupancyStands(to.occupancy, now) && to.occupancy.producerId !== occ.producerId)
          throw conflict('hold', 'The booth to move to is held for another producer');
        if (to.occupancy && !occupancyStands(to.occupancy, now)) facts.push(...(await lapse(tx, to, now, actorId, TAKE_OVER)));
        else if (to.occupancy) await tx.boothOccupancy.delete({ where: { boothId: toBoothId } });
        const producer = await producerFacts(tx, occ.producerId, now);
        await checkPlacement(tx, to, producer, event.policy, [boothId]);
        await tx.boothOccupancy.delete({ where: { boothId } });
        await tx.boothOccupancy.create({
          data: {
            boothId: toBoothId,
            eventId,
            producerId: occ.producerId,
            kind: 'assigned',
            applicationId: occ.applicationId,
            createdById: actorId,
          },
        });
        facts.push(await boothsFact(tx, eventId, 'moved', [boothId, toBoothId], actorId, [], now));
        facts.push(...(await offerNext(tx, boothId, now, actorId)));
        return { facts };
      });
    },

    checkIn(input: { eventId: string; boothId: string; actorId: string; now: Date }) {
      const { eventId, boothId, actorId, now } = input;
      return change([boothId], async (tx) => {
        const booth = await boothIn(tx, eventId, boothId);
        if (booth.occupancy?.kind !== 'assigned') throw conflict('state', 'Only an assigned booth can be checked in');
        if (booth.occupancy.checkedInAt) return { facts: [] as OutgoingFact[] };
        await tx.boothOccupancy.update({ where: { boothId }, data: { checkedInAt: now } });
        return { facts: [await boothsFact(tx, eventId, 'checked_in', [boothId], actorId, [], now)] };
      });
    },

    /**
     * Announces holds and offers that lapsed with nobody asking for their booth: each is claimed
     * by the conditional delete in lapse(), so with several processes sweeping each is
     * announced once. Returns the facts to publish.
     */
    async sweepLapsed(now: Date, limit = 100): Promise<OutgoingFact[]> {
      const lapsed = await prisma.boothOccupancy.findMany({
        where: { kind: { in: ['held', 'offered'] }, expiresAt: { lte: now } },
        select: { boothId: true, eventId: true },
        orderBy: { expiresAt: 'asc' },
        take: limit,
      });
      const facts: OutgoingFact[] = [];
      for (const { boothId, eventId } of lapsed) {
        facts.push(
          ...(await change([boothId], async (tx) => {
            const booth = await tx.booth.findFirst({ where: { id: boothId, eventId }, select: boothSelect });
            return booth ? lapse(tx, booth, now, null) : [];
          })),
        );
      }
      return facts;
    },

    /**
     * Accepts placements of an allocation as one change: each booth is given to its approved
     * application if every rule still holds; those taken or made impossible meanwhile are
     * reported with their conflict, never overwritten. One fact announces all that was given.
     */
    assignMany(input: { eventId: string; placements: { boothId: string; applicationId: string }[]; actorId: string; now: Date }) {
      const { eventId, placements, actorId, now } = input;
      return change(
        placements.map((p) => p.boothId),
        async (tx) => {
          const event = await eventFor(tx, eventId);
          openForChanges(event);
          const assigned: { boothId: string; applicationId: string; producerId: string }[] = [];
          const skipped: { boothId: string; applicationId: string; conflict: BoothConflict | 'not_found' }[] = [];
          const facts: OutgoingFact[] = [];
          const seen = new Set<string>();
          for (const placement of placements) {
            const skip = (what: BoothConflict | 'not_found') => skipped.push({ ...placement, conflict: what });
            if (seen.has(placement.boothId)) {
              skip('booth');
              continue;
            }
            seen.add(placement.boothId);
            const application = await tx.boothApplication.findFirst({
              where: { id: placement.applicationId, eventId },
              select: { id: true, status: true, producerId: true },
            });
            const booth = await tx.booth.findFirst({ where: { id: placement.boothId, eventId }, select: boothSelect });
            if (!application || !booth) {
              skip('not_found');
              continue;
            }
            if (application.status !== 'approved') {
              skip('state');
              continue;
            }
            if (booth.blocked) {
              skip('blocked');
              continue;
            }
            const occ = booth.occupancy;
            if (occ?.kind === 'assigned') {
              skip('booth');
              continue;
            }
            if (occ && occupancyStands(occ, now)) {
              skip('hold');
              continue;
            }
            if (occ) facts.push(...(await lapse(tx, booth, now, actorId, TAKE_OVER)));
            const producer = await producerFacts(tx, application.producerId, now);
            try {
              await checkPlacement(tx, booth, producer, event.policy);
              await raiseTallies(tx, eventId, producer, event.policy);
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              skip(((error.extra?.conflict as BoothConflict | undefined) ?? 'state') as BoothConflict);
              continue;
            }
            await tx.boothOccupancy.create({
              data: {
                boothId: booth.id,
                eventId,
                producerId: producer.id,
                kind: 'assigned',
                applicationId: application.id,
                createdById: actorId,
              },
            });
            assigned.push({ ...placement, producerId: producer.id });
          }
          if (assigned.length)
            facts.push(
              await boothsFact(
                tx,
                eventId,
                'allocated',
                assigned.map((a) => a.boothId),
                actorId,
                [],
                now,
              ),
            );
          return { assigned, skipped, facts };
        },
      );
    },

    /** For other booth modules (floor plan, allocation): the same fact, in their transaction. */
    boothsFact,
    lockBooths,
    producerFacts,
    checkPlacement,
    raiseTallies,
    offerNext,
    eventFor,
    lapse,
  };
}
export type OccupancyRepository = ReturnType<typeof createOccupancyRepository>;
export type { BoothDto };
