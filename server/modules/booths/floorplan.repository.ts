// The floor plan's changes: a row or grid of booths in one step, the edit and the deletion of
// one booth, and the fair's booth policy. Each runs in one transaction that logs its fact last
// (booths:changed), and takes the same booth locks as the occupancy changes
// (occupancy.repository.ts), so that an edit and an assignment of one booth take turns: a booth
// is never blocked or deleted under an assignment that commits at the same moment.
import type { DatabaseProvider } from '../../db/migrations-dir.ts';
import type { Db, Prisma } from '../../db/database.ts';
import { DomainError, notFound } from '../../errors.ts';
import { conflictOf } from '../../conflicts.ts';
import { boothPolicySchema, type BoothDto, type BoothPolicy } from '../../contracts/booths.ts';
import { boothGridCells, type BoothGrid, type BoothPatch } from '../../contracts/floorplan.ts';
import type { FieldError } from '../../contracts/common.ts';
import type { OutgoingFact } from '../../realtime/publisher.ts';
import { appendFact } from '../activity/activity.repository.ts';
import { boothSelect, occupancyStands, type BoothRow } from './booth-view.ts';
import { conflict, parsePolicy, tallyKeys, type OccupancyRepository } from './occupancy.repository.ts';

type Tx = Prisma.TransactionClient;

/** The booth's fields that decide where it stands, and so which rules its occupant must keep. */
const PLACEMENT_FIELDS = ['zone', 'x', 'y', 'widthM', 'depthM'] as const;

function codesTaken(path: string, codes: string[]): DomainError {
  const message = `Another booth of this event already has the code ${codes.slice(0, 10).join(', ')}`;
  return new DomainError('CONFLICT', message, {
    fields: [{ path, message, code: 'booth_code_taken', params: { codes: codes.slice(0, 50).join(', ') } }],
    extra: { conflict: 'code' },
  });
}

const invalid = (fields: FieldError[]) =>
  new DomainError('VALIDATION_FAILED', fields.map((f) => f.message).join('; '), { fields });

export interface FloorplanEvent {
  id: string;
  kind: string;
  status: string;
  timeZone: string;
  policy: BoothPolicy;
}

export function createFloorplanRepository(prisma: Db, provider: DatabaseProvider, occupancy: OccupancyRepository) {
  async function eventOf(tx: Tx | Db, eventId: string): Promise<FloorplanEvent> {
    const event = await tx.event.findUnique({
      where: { id: eventId },
      select: { id: true, kind: true, status: true, timeZone: true, boothPolicy: true },
    });
    if (!event) throw notFound('Event');
    return {
      id: event.id,
      kind: event.kind,
      status: event.status,
      timeZone: event.timeZone,
      policy: parsePolicy(event.boothPolicy),
    };
  }

  /** A fair that is not closed: a conference has no floor plan, a closed fair's no longer changes. */
  function editable(event: FloorplanEvent) {
    if (event.kind !== 'fair') throw conflict('state', 'A conference has no floor plan: booths belong to fairs');
    if (event.status === 'closed') throw conflict('state', 'The fair is closed: its floor plan no longer changes');
  }

  async function boothIn(tx: Tx, eventId: string, boothId: string): Promise<BoothRow> {
    const booth = await tx.booth.findFirst({ where: { id: boothId, eventId }, select: boothSelect });
    if (!booth) throw notFound('Booth');
    return booth;
  }

  /**
   * Every booth of the fair locked (PostgreSQL; SQLite has one writer): a policy change then
   * waits for the occupancy changes under way, and those that follow read the new policy.
   */
  async function lockFair(tx: Tx, eventId: string) {
    if (provider !== 'postgresql') return;
    await tx.$queryRaw`SELECT "id" FROM "Booth" WHERE "eventId" = ${eventId} ORDER BY "id" FOR UPDATE`;
  }

  /** A unique violation of a booth's code, said on the field the caller sent it in. */
  async function codeGuarded<T>(path: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const mapped = conflictOf(error);
      if (!mapped) throw error;
      if (mapped.extra?.conflict === 'code') throw codesTaken(path, []);
      throw mapped;
    }
  }

  return {
    eventOf: (eventId: string) => eventOf(prisma, eventId),

    /** Creates all the booths of the grid or none: a code already used is a 409 naming it. */
    createGrid(input: { eventId: string; grid: BoothGrid; actorId: string; now: Date }) {
      const { eventId, grid, actorId, now } = input;
      const cells = boothGridCells(grid);
      const codes = cells.map((c) => c.code);
      return codeGuarded('prefix', () =>
        prisma.$transaction(async (tx) => {
          editable(await eventOf(tx, eventId));
          const taken = await tx.booth.findMany({
            where: { eventId, code: { in: codes } },
            select: { code: true },
            orderBy: { code: 'asc' },
          });
          if (taken.length)
            throw codesTaken(
              'prefix',
              taken.map((b) => b.code),
            );
          const created = await tx.booth.createManyAndReturn({
            data: cells.map((cell) => ({
              eventId,
              code: cell.code,
              zone: grid.zone,
              type: grid.type,
              widthM: grid.widthM,
              depthM: grid.depthM,
              priceVnd: grid.priceVnd,
              x: cell.x,
              y: cell.y,
            })),
            select: { id: true },
          });
          const fact = await occupancy.boothsFact(
            tx,
            eventId,
            'created',
            created.map((b) => b.id),
            actorId,
            [],
            now,
          );
          return { booths: fact.public.data.booths as BoothDto[], facts: [fact] as OutgoingFact[] };
        }),
      );
    },

    /**
     * Edits one booth. Blocking refuses a booth an assignment, a hold or an offer stands on;
     * moving or re-zoning an occupied booth keeps its occupant's rules (zone stars, neighbours
     * to avoid); unblocking offers the booth to the waitlist. A hold or an offer that lapsed on
     * a booth being blocked or unblocked is ended first (its expiry logged, an offer passed on).
     */
    update(input: { eventId: string; boothId: string; patch: BoothPatch; actorId: string; now: Date }) {
      const { eventId, boothId, patch, actorId, now } = input;
      return codeGuarded('code', () =>
        prisma.$transaction(async (tx) => {
          await occupancy.lockBooths(tx, [boothId]);
          const event = await eventOf(tx, eventId);
          editable(event);
          const booth = await boothIn(tx, eventId, boothId);
          const changes = Object.fromEntries(
            Object.entries(patch).filter(([key, value]) => value !== undefined && booth[key as keyof BoothRow] !== value),
          ) as BoothPatch;
          const facts: OutgoingFact[] = [];
          if (Object.keys(changes).length === 0) return { facts };
          const occ = booth.occupancy;
          const stands = occupancyStands(occ, now);
          if (changes.blocked === true && stands)
            throw occ!.kind === 'assigned'
              ? conflict('booth', 'This booth is assigned: release it before blocking it', [
                  { path: 'blocked', code: 'booth_occupied' },
                ])
              : conflict('hold', 'This booth is held for, or offered to, a producer: end that first', [
                  { path: 'blocked', code: 'booth_occupied' },
                ]);
          const next: BoothRow = { ...booth, ...changes };
          if (stands && PLACEMENT_FIELDS.some((field) => changes[field] !== undefined)) {
            const producer = await occupancy.producerFacts(tx, occ!.producerId, now);
            await occupancy.checkPlacement(tx, next, producer, event.policy);
          }
          await tx.booth.update({ where: { id: boothId }, data: changes, select: { id: true } });
          facts.push(await occupancy.boothsFact(tx, eventId, 'updated', [boothId], actorId, [], now));
          if (changes.blocked !== undefined) {
            if (occ && !stands) facts.push(...(await occupancy.lapse(tx, next, now, actorId)));
            if (changes.blocked === false) facts.push(...(await occupancy.offerNext(tx, boothId, now, actorId)));
          }
          return { facts };
        }),
      );
    },

    /**
     * Deletes a booth nobody occupies. The delete is conditional (no assignment, no hold or
     * offer that still stands), after the booth's lock: an assignment racing it either
     * committed first, and the delete does nothing (409), or waits and finds no booth (404).
     * Without the lock, PostgreSQL could re-check only the booth's own row and cascade away an
     * assignment that committed meanwhile.
     */
    remove(input: { eventId: string; boothId: string; actorId: string; now: Date }) {
      const { eventId, boothId, actorId, now } = input;
      return prisma.$transaction(async (tx) => {
        await occupancy.lockBooths(tx, [boothId]);
        editable(await eventOf(tx, eventId));
        const booth = await boothIn(tx, eventId, boothId);
        const { count } = await tx.booth.deleteMany({
          where: {
            id: boothId,
            eventId,
            OR: [{ occupancy: { is: null } }, { occupancy: { is: { kind: { not: 'assigned' }, expiresAt: { lte: now } } } }],
          },
        });
        if (count === 0)
          throw booth.occupancy?.kind === 'assigned'
            ? conflict('booth', 'This booth is assigned: release it before deleting it')
            : conflict('hold', 'This booth is held for, or offered to, a producer: end that before deleting it');
        return { facts: [await occupancy.boothsFact(tx, eventId, 'deleted', [], actorId, [boothId], now)] as OutgoingFact[] };
      });
    },

    async policyOf(eventId: string): Promise<BoothPolicy> {
      return (await eventOf(prisma, eventId)).policy;
    },

    /**
     * Stores the fields sent over the stored policy, and recounts the quota counters from the
     * assignments that stand: a quota added (or changed) counts the booths its producers hold
     * already, so it cannot be passed by those given before it was set. The fair's booths are
     * locked meanwhile, so no assignment is counted against the old policy after the recount.
     */
    updatePolicy(input: { eventId: string; patch: Partial<BoothPolicy>; actorId: string }) {
      const { eventId, patch, actorId } = input;
      return prisma.$transaction(async (tx) => {
        await lockFair(tx, eventId);
        const event = await eventOf(tx, eventId);
        if (event.kind !== 'fair') throw conflict('state', 'A conference has no booths, so no booth policy');
        const policy = boothPolicySchema.parse({ ...event.policy, ...patch });
        await checkQuotas(tx, policy);
        await tx.event.update({ where: { id: eventId }, data: { boothPolicy: JSON.stringify(policy) }, select: { id: true } });
        await recountQuotas(tx, eventId, policy);
        const fact = await appendFact(tx, {
          type: 'booths:changed',
          eventId,
          actorId,
          data: { change: 'updated', booths: [], removedIds: [] },
          audit: { policy },
        });
        return { policy, facts: [fact] as OutgoingFact[] };
      });
    },

    /** Every booth of the fair with its exhibitor, for the export (code order). */
    async exportRows(eventId: string) {
      return prisma.booth.findMany({
        where: { eventId },
        orderBy: [{ code: 'asc' }],
        select: {
          ...boothSelect,
          occupancy: {
            select: {
              ...boothSelect.occupancy.select,
              producer: { select: { name: true, locality: true, province: { select: { name: true } } } },
            },
          },
        },
      });
    },
  };

  /** Quotas name provinces of today, each province or locality once. */
  async function checkQuotas(tx: Tx, policy: BoothPolicy) {
    const ids = [...new Set(policy.quotas.map((q) => q.provinceId))];
    const known = new Set(
      (await tx.administrativeUnit.findMany({ where: { id: { in: ids }, level: 'province' }, select: { id: true } })).map(
        (u) => u.id,
      ),
    );
    const fields: FieldError[] = [];
    const seen = new Set<string>();
    policy.quotas.forEach((quota, i) => {
      if (!known.has(quota.provinceId))
        fields.push({
          path: `quotas.${i}.provinceId`,
          message: 'Unknown province: use an id from /api/provinces',
          code: 'unknown_province',
          params: { value: quota.provinceId },
        });
      const key = tallyKeys(
        { id: '', provinceId: quota.provinceId, locality: quota.locality ?? '' },
        { ...policy, quotas: [quota] },
      )
        .filter((k) => k.what === 'quota')
        .map((k) => k.key)[0];
      if (key !== undefined && seen.has(key))
        fields.push({
          path: `quotas.${i}`,
          message: 'This province or locality has a quota already',
          code: 'duplicate_quota',
        });
      if (key !== undefined) seen.add(key);
    });
    if (fields.length) throw invalid(fields);
  }

  async function recountQuotas(tx: Tx, eventId: string, policy: BoothPolicy) {
    if (policy.quotas.length === 0) return;
    const assigned = await tx.boothOccupancy.findMany({
      where: { eventId, kind: 'assigned' },
      select: { producer: { select: { id: true, provinceId: true, locality: true } } },
    });
    const counts = new Map<string, number>();
    for (const { producer } of assigned)
      for (const { key, what } of tallyKeys(producer, policy)) if (what === 'quota') counts.set(key, (counts.get(key) ?? 0) + 1);
    const quotaKeys = new Set(
      policy.quotas.flatMap((quota) =>
        tallyKeys({ id: '', provinceId: quota.provinceId, locality: quota.locality ?? '' }, { ...policy, quotas: [quota] })
          .filter((k) => k.what === 'quota')
          .map((k) => k.key),
      ),
    );
    for (const key of quotaKeys) {
      const count = counts.get(key) ?? 0;
      await tx.boothTally.upsert({
        where: { eventId_key: { eventId, key } },
        create: { eventId, key, count },
        update: { count },
        select: { key: true },
      });
    }
  }
}
export type FloorplanRepository = ReturnType<typeof createFloorplanRepository>;
