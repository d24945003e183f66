// The dashboard's reads: an event's counters and the seq they include, read by one statement
// (one snapshot on either database, whatever commits meanwhile), the names they refer to, and
// the rebuild of an event's counters from its rows (for data from before the counters, and the
// demo, which writes its rows directly).
import type { Db } from '../../db/database.ts';
import type { RawDb, RawSql } from '../../db/raw.ts';
import { boothStatus, boothSelect } from '../booths/booth-view.ts';
import { eventStream } from '../activity/activity.repository.ts';
import { addCounts, provincesNamedBy, type Counter, type CountChange, type DashboardLabels } from '../../contracts/dashboard.ts';
import {
  agreementCounts,
  applicationCounts,
  boothCounts,
  conferencePair,
  dealFacts,
  isDeal,
  meetingCounts,
  type ItemCounts,
} from './projection.ts';
import { agreementSelect } from '../conferences/conferences.repository.ts';
import { agreementNameIds, toAgreementDto } from '../conferences/conference-view.ts';

/** Marks an event whose counters were built: rebuilt once, then kept by each change. */
const BUILT = '#built';

export interface Snapshot {
  seq: number;
  counters: Record<string, Counter>;
}

export function createDashboardRepository(prisma: Db, raw: RawDb) {
  async function snapshot(eventId: string): Promise<Snapshot> {
    const rows = await raw.query<{ key: string; count: number | bigint; value: number | bigint }[]>`
      SELECT "key", "count", "value" FROM "DashboardCounter"
      WHERE "eventId" = ${eventId} AND ("count" <> 0 OR "value" <> 0) AND "key" <> ${BUILT}
      UNION ALL
      SELECT '#seq' AS "key", "lastSeq" AS "count", 0 AS "value" FROM "ActivityStream" WHERE "key" = ${eventStream(eventId)}`;
    const counters: Record<string, Counter> = {};
    let seq = 0;
    for (const r of rows) {
      if (r.key === '#seq') seq = Number(r.count);
      else counters[r.key] = { count: Number(r.count), valueVnd: Number(r.value) };
    }
    return { seq, counters };
  }

  /**
   * What deciding who may watch an event needs, and its seq now, in one plain statement: the
   * event's status and provinces (host first). Null for an unknown event.
   */
  async function watchable(eventId: string): Promise<{ status: string; provinceIds: string[]; seq: number } | null> {
    const rows = await raw.query<{ kind: string; a: string; b: string }[]>`
      SELECT 'e' AS "kind", "status" AS "a", "hostProvinceId" AS "b" FROM "Event" WHERE "id" = ${eventId}
      UNION ALL
      SELECT 'p' AS "kind", "provinceId" AS "a", '' AS "b" FROM "EventPartnerProvince" WHERE "eventId" = ${eventId}
      UNION ALL
      SELECT 's' AS "kind", CAST("lastSeq" AS TEXT) AS "a", '' AS "b" FROM "ActivityStream" WHERE "key" = ${eventStream(eventId)}`;
    const event = rows.find((r) => r.kind === 'e');
    if (!event) return null;
    return {
      status: event.a,
      provinceIds: [event.b, ...rows.filter((r) => r.kind === 'p').map((r) => r.a)],
      seq: Number(rows.find((r) => r.kind === 's')?.a ?? 0),
    };
  }

  /** A big-screen link by the hash of its token, with its event's status. */
  async function screenLink(id: string) {
    const [row] = await raw.query<{ id: string; eventId: string; revokedAt: Date | null; eventStatus: string }[]>`
      SELECT l."id", l."eventId", l."revokedAt", e."status" AS "eventStatus"
      FROM "BigScreenLink" l JOIN "Event" e ON e."id" = l."eventId" WHERE l."id" = ${id}`;
    return row ?? null;
  }

  /** The names of the provinces and buyers the counters name: one plain statement (on every answer). */
  async function labelsOf(counters: Record<string, Counter>): Promise<DashboardLabels> {
    const ids = (prefix: string) => Object.keys(counters).flatMap((k) => (k.startsWith(prefix) ? [k.slice(prefix.length)] : []));
    const provinces = [...new Set(Object.keys(counters).flatMap(provincesNamedBy))];
    const buyers = ids('deals.buyer:');
    const labels: DashboardLabels = { provinces: {}, buyers: {} };
    if (provinces.length + buyers.length === 0) return labels;
    const marks = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i + 1}`).join(', ') || 'NULL';
    const rows = await raw.queryUnsafe<{ kind: string; id: string; name: string }[]>(
      `SELECT 'p' AS "kind", "id", "name" FROM "AdministrativeUnit" WHERE "id" IN (${marks(0, provinces.length)})
       UNION ALL
       SELECT 'b' AS "kind", "id", "name" FROM "Buyer" WHERE "id" IN (${marks(provinces.length, buyers.length)})`,
      ...provinces,
      ...buyers,
    );
    for (const r of rows) (r.kind === 'p' ? labels.provinces : labels.buyers)[r.id] = r.name;
    return labels;
  }

  /** What every booth, application and meeting of the event adds, read from their rows. */
  async function itemsFromRows(tx: Pick<RawSql, '$queryRaw'>, eventId: string, now: Date): Promise<Map<string, ItemCounts>> {
    const items = new Map<string, ItemCounts>();
    const [booths, applications, meetings, agreements] = await Promise.all([
      prisma.booth.findMany({ where: { eventId }, select: boothSelect }),
      prisma.boothApplication.findMany({ where: { eventId }, select: { id: true, status: true } }),
      prisma.meeting.findMany({
        where: { eventId },
        select: {
          id: true,
          status: true,
          createdAt: true,
          producerId: true,
          buyerId: true,
          outcomeStatus: true,
          outcomeConfirmation: true,
          outcomeValueVnd: true,
          outcomeProductIds: true,
          outcomeAt: true,
          outcomeConfirmedAt: true,
        },
      }),
      prisma.agreement.findMany({ where: { eventId }, select: agreementSelect }),
    ]);
    for (const b of booths) items.set(`booth:${b.id}`, boothCounts({ status: boothStatus(b, now), zone: b.zone }));
    for (const a of applications) items.set(`application:${a.id}`, applicationCounts(a.status));
    for (const m of meetings) {
      const deal = isDeal(m.outcomeStatus, m.outcomeConfirmation)
        ? {
            valueVnd: Number(m.outcomeValueVnd ?? 0n),
            ...(await dealFacts(tx, m.producerId, JSON.parse(m.outcomeProductIds) as string[])),
            buyerId: m.buyerId,
            at: m.outcomeConfirmedAt ?? m.outcomeAt ?? m.createdAt,
          }
        : null;
      const pair = await conferencePair(tx, eventId, m.producerId, m.buyerId);
      items.set(`meeting:${m.id}`, meetingCounts({ status: m.status, createdAt: m.createdAt, deal, pair }));
    }
    if (agreements.length) {
      const ids = agreementNameIds(agreements);
      const products = await prisma.product.findMany({
        where: { id: { in: [...new Set(ids.products)] } },
        select: { id: true, name: true, category: true, producerId: true },
      });
      const names = {
        provinces: new Map<string, string>(),
        producers: new Map<string, string>(),
        buyers: new Map<string, string>(),
        products: new Map(products.map((p) => [p.id, p])),
      };
      for (const a of agreements) items.set(`agreement:${a.id}`, agreementCounts(toAgreementDto(a, names, 'Asia/Ho_Chi_Minh')));
    }
    return items;
  }

  /**
   * Builds an event's counters from its rows, unless built already; in one transaction that
   * first takes the event's seq row (as every change does), so no change interleaves.
   */
  async function build(eventId: string, now: Date): Promise<boolean> {
    return raw.transaction(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "ActivityStream" ("key", "lastSeq") VALUES (${eventStream(eventId)}, 0)
        ON CONFLICT ("key") DO UPDATE SET "lastSeq" = "ActivityStream"."lastSeq"`;
      const [built] = await tx.$queryRaw<unknown[]>`
        SELECT 1 AS "one" FROM "DashboardCounter" WHERE "eventId" = ${eventId} AND "key" = ${BUILT}`;
      if (built) return false;
      const items = await itemsFromRows(tx, eventId, now);
      const counters: Record<string, Counter> = {};
      for (const counts of items.values())
        addCounts(
          counters,
          counts.map(([k, v]): CountChange => [k, 1, v]),
        );
      await tx.$executeRaw`DELETE FROM "DashboardItem" WHERE "eventId" = ${eventId}`;
      await tx.$executeRaw`DELETE FROM "DashboardCounter" WHERE "eventId" = ${eventId}`;
      for (const [itemKey, counts] of items)
        await tx.$executeRaw`INSERT INTO "DashboardItem" ("eventId", "itemKey", "counts") VALUES (${eventId}, ${itemKey}, ${JSON.stringify(counts)})`;
      for (const [key, c] of Object.entries(counters))
        await tx.$executeRaw`INSERT INTO "DashboardCounter" ("eventId", "key", "count", "value") VALUES (${eventId}, ${key}, ${c.count}, ${BigInt(c.valueVnd)})`;
      await tx.$executeRaw`INSERT INTO "DashboardCounter" ("eventId", "key", "count", "value") VALUES (${eventId}, ${BUILT}, 0, ${0n})`;
      return true;
    });
  }

  return {
    snapshot,
    watchable,
    screenLink,
    labelsOf,
    build,
    /** Builds the counters of every event not built yet (at start-up); how many were built. */
    async buildAll(now: Date): Promise<number> {
      const events = await prisma.event.findMany({ select: { id: true } });
      let built = 0;
      for (const e of events) if (await build(e.id, now)) built++;
      return built;
    },
    /** The events a province hosts or takes part in. */
    eventsOfProvince(provinceId: string) {
      return prisma.event.findMany({
        where: { OR: [{ hostProvinceId: provinceId }, { partners: { some: { provinceId } } }] },
        select: { id: true, name: true, status: true },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      });
    },
    province(provinceId: string) {
      return prisma.administrativeUnit.findUnique({ where: { id: provinceId }, select: { id: true, name: true } });
    },
  };
}
export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
