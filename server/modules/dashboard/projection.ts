// The dashboard's counters, kept in the transaction of each change: every fact of an event
// passes through here as it is logged (activity.repository appendFact), after its seq is
// taken. Each booth, application and meeting adds a set of [counter, VND] to its event's
// counters (what it adds is stored beside the counters); a fact about it takes back what it
// added and adds what it adds now. So the counters and the seq are changed together or not at
// all, whichever process made the change, and with nothing recomputed by a scan.
//
// Which counters a thing adds is said once, in `itemCounts`, from its state; the same
// function rebuilds an event's counters from its rows (rebuild.ts).
import type { RawSql } from '../../db/raw.ts';
import { bucketOf, counterKeys, provincePair, type CountChange } from '../../contracts/dashboard.ts';
import { dealStatuses, type MeetingDto, type OutcomeStatus } from '../../contracts/matchmaking.ts';
import type { AgreementChanged, AgreementDto } from '../../contracts/conferences.ts';
import type { ApplicationChanged, BoothsChanged, MeetingChanged } from '../../contracts/realtime.ts';

type Tx = Pick<RawSql, '$queryRaw' | '$executeRaw'>;

/** What one thing adds to the counters: each key counts 1 and adds its VND. */
export type ItemCounts = [key: string, valueVnd: number][];

export interface BoothState {
  status: string;
  zone: string;
}
export interface MeetingState {
  status: string;
  createdAt: Date | string;
  /** At a conference: the producer's and the buyer's provinces as a pair (provincePair); else null. */
  pair?: string | null;
  /** A deal: an agreement or a listing, confirmed. */
  deal: null | {
    valueVnd: number;
    category: string;
    provinceId: string;
    buyerId: string;
    at: Date | string;
  };
}

export const boothCounts = (b: BoothState): ItemCounts => [
  [counterKeys.booths, 0],
  [counterKeys.boothStatus(b.status), 0],
  [counterKeys.zone(b.zone), 0],
  [counterKeys.zoneStatus(b.zone, b.status), 0],
];

export const applicationCounts = (status: string): ItemCounts => [[counterKeys.application(status), 0]];

export function meetingCounts(m: MeetingState): ItemCounts {
  const counts: ItemCounts = [[counterKeys.meeting(m.status), 0]];
  if (m.status !== 'cancelled') counts.push([counterKeys.bookingsAt(bucketOf(m.createdAt)), 0]);
  if (m.deal && m.status !== 'cancelled') {
    const { valueVnd: v } = m.deal;
    counts.push(
      [counterKeys.deals, v],
      [counterKeys.dealCategory(m.deal.category), v],
      [counterKeys.dealProvince(m.deal.provinceId), v],
      [counterKeys.dealBuyer(m.deal.buyerId), v],
      [counterKeys.dealsAt(bucketOf(m.deal.at)), v],
    );
    if (m.pair) counts.push([counterKeys.pairDeals(m.pair), v]);
  }
  if (m.pair && m.status !== 'cancelled') counts.push([counterKeys.pairMeetings(m.pair), 0]);
  return counts;
}

/**
 * What an agreement of a conference adds: one between its parties' provinces while not
 * withdrawn, and, confirmed by both sides, a deal (of the producer's province, or the first
 * party's when neither is a producer; of the buyer, when one is a party).
 */
export function agreementCounts(a: AgreementDto): ItemCounts {
  if (a.status === 'withdrawn') return [];
  const [first, second] = a.parties as [AgreementDto['parties'][number], AgreementDto['parties'][number]];
  const pair = provincePair(first.province.id, second.province.id);
  const v = a.valueVnd;
  const counts: ItemCounts = [[counterKeys.pairAgreements(pair), v]];
  if (a.status === 'confirmed') {
    const producer = a.parties.find((p) => p.kind === 'producer') ?? first;
    const buyer = a.parties.find((p) => p.kind === 'buyer');
    // Confirmed when the second side confirmed.
    const at = [first.confirmedAt ?? a.updatedAt, second.confirmedAt ?? a.updatedAt].reduce((x, y) =>
      Date.parse(x) >= Date.parse(y) ? x : y,
    );
    counts.push(
      [counterKeys.deals, v],
      [counterKeys.dealCategory(a.products[0]?.category ?? 'other'), v],
      [counterKeys.dealProvince(producer.province.id), v],
      ...(buyer ? ([[counterKeys.dealBuyer(buyer.id), v]] as ItemCounts) : []),
      [counterKeys.dealsAt(bucketOf(at)), v],
      [counterKeys.pairDeals(pair), v],
    );
  }
  return counts;
}

/**
 * Whether each event is a conference. An event's kind is set when it is created and never
 * changes (the patch has no kind), so each process asks once: a booking at a fair, the hot
 * path, pays no query for the province pair it does not have.
 */
const conferenceKind = new Map<string, boolean>();
const MAX_KNOWN_EVENTS = 10_000;

/** At a conference, the provinces of a meeting's producer and buyer as a pair; null at a fair. */
export async function conferencePair(
  tx: Pick<RawSql, '$queryRaw'>,
  eventId: string,
  producerId: string,
  buyerId: string,
): Promise<string | null> {
  let conference = conferenceKind.get(eventId);
  if (conference === undefined) {
    const [event] = await tx.$queryRaw<{ kind: string }[]>`SELECT "kind" FROM "Event" WHERE "id" = ${eventId}`;
    if (!event) return null;
    conference = event.kind === 'conference';
    if (conferenceKind.size >= MAX_KNOWN_EVENTS) conferenceKind.clear();
    conferenceKind.set(eventId, conference);
  }
  if (!conference) return null;
  const [row] = await tx.$queryRaw<{ p: string | null; b: string | null }[]>`
    SELECT (SELECT "provinceId" FROM "Producer" WHERE "id" = ${producerId}) AS "p",
           (SELECT "provinceId" FROM "Buyer" WHERE "id" = ${buyerId}) AS "b"`;
  return row?.p && row.b ? provincePair(row.p, row.b) : null;
}

/** Whether an outcome is one of the deals the dashboard counts. */
export const isDeal = (status: string | null | undefined, confirmation: string | null | undefined) =>
  status !== null && status !== undefined && dealStatuses.includes(status as OutcomeStatus) && confirmation === 'confirmed';

/** A deal's category is that of the first product it concerns, else the producer's first product's. */
export async function dealFacts(
  tx: Pick<RawSql, '$queryRaw'>,
  producerId: string,
  productIds: string[],
): Promise<{ category: string; provinceId: string }> {
  const first = productIds[0] ?? '';
  const [row] = await tx.$queryRaw<{ provinceId: string; category: string | null }[]>`
    SELECT p."provinceId",
           COALESCE((SELECT pr."category" FROM "Product" pr WHERE pr."id" = ${first} AND pr."producerId" = p."id"),
                    (SELECT pr."category" FROM "Product" pr WHERE pr."producerId" = p."id" ORDER BY pr."createdAt", pr."id" LIMIT 1)) AS "category"
    FROM "Producer" p WHERE p."id" = ${producerId}`;
  return { category: row?.category ?? 'other', provinceId: row?.provinceId ?? 'unknown' };
}

async function meetingState(tx: Tx, eventId: string, m: MeetingDto): Promise<MeetingState> {
  const o = m.outcome;
  const deal =
    o && isDeal(o.status, o.confirmation)
      ? {
          valueVnd: o.valueVnd ?? 0,
          ...(await dealFacts(tx, m.producerId, o.productIds)),
          buyerId: m.buyerId,
          at: o.confirmedAt ?? o.recordedAt,
        }
      : null;
  return { status: m.status, createdAt: m.createdAt, deal, pair: await conferencePair(tx, eventId, m.producerId, m.buyerId) };
}

/** The counts each thing of a fact now adds (null: the thing is gone), by item key. */
async function itemsOf(tx: Tx, eventId: string, type: string, data: unknown): Promise<Map<string, ItemCounts | null>> {
  const items = new Map<string, ItemCounts | null>();
  if (type === 'booths:changed') {
    const d = data as BoothsChanged;
    for (const b of d.booths) items.set(`booth:${b.id}`, boothCounts(b));
    for (const id of d.removedIds) items.set(`booth:${id}`, null);
  } else if (type === 'application:changed') {
    const d = data as ApplicationChanged;
    items.set(`application:${d.id}`, applicationCounts(d.status));
  } else if (type === 'meeting:changed') {
    const d = data as MeetingChanged;
    // The private projection (the whole meeting) is what is projected here.
    if ('producerId' in d.meeting)
      items.set(`meeting:${d.meeting.id}`, meetingCounts(await meetingState(tx, eventId, d.meeting)));
  } else if (type === 'agreement:changed') {
    const d = data as AgreementChanged;
    // The private projection (with the value) is what is projected here.
    if ('valueVnd' in d.agreement) items.set(`agreement:${d.agreement.id}`, agreementCounts(d.agreement));
  }
  return items;
}

/** The change from what a thing added to what it adds now. */
function diff(before: ItemCounts, after: ItemCounts): Map<string, [number, number]> {
  const change = new Map<string, [number, number]>();
  const add = (key: string, count: number, value: number) => {
    const c = change.get(key) ?? [0, 0];
    c[0] += count;
    c[1] += value;
    change.set(key, c);
  };
  for (const [key, v] of before) add(key, -1, -v);
  for (const [key, v] of after) add(key, 1, v);
  return change;
}

const parse = (json: string): ItemCounts => JSON.parse(json) as ItemCounts;

const PROJECTED = new Set(['booths:changed', 'application:changed', 'meeting:changed', 'agreement:changed']);

/**
 * Projects one fact of an event onto its counters, inside the fact's transaction; returns the
 * change it made to them (sent with the fact). `data` is the fact's fullest projection.
 */
export async function projectFact(tx: Tx, eventId: string, type: string, data: unknown): Promise<CountChange[]> {
  if (!PROJECTED.has(type)) return [];
  const items = await itemsOf(tx, eventId, type, data);
  const total = new Map<string, [number, number]>();
  for (const [itemKey, after] of items) {
    const [stored] = await tx.$queryRaw<{ counts: string }[]>`
      SELECT "counts" FROM "DashboardItem" WHERE "eventId" = ${eventId} AND "itemKey" = ${itemKey}`;
    const before = stored ? parse(stored.counts) : [];
    for (const [key, [c, v]] of diff(before, after ?? [])) {
      const t = total.get(key) ?? [0, 0];
      total.set(key, [t[0] + c, t[1] + v]);
    }
    if (after === null) {
      if (stored) await tx.$executeRaw`DELETE FROM "DashboardItem" WHERE "eventId" = ${eventId} AND "itemKey" = ${itemKey}`;
    } else if (stored) {
      await tx.$executeRaw`UPDATE "DashboardItem" SET "counts" = ${JSON.stringify(after)} WHERE "eventId" = ${eventId} AND "itemKey" = ${itemKey}`;
    } else {
      await tx.$executeRaw`INSERT INTO "DashboardItem" ("eventId", "itemKey", "counts") VALUES (${eventId}, ${itemKey}, ${JSON.stringify(after)})`;
    }
  }
  // In key order, so that two transactions on PostgreSQL never wait on each other's rows crosswise.
  const changes: CountChange[] = [...total]
    .filter(([, [c, v]]) => c !== 0 || v !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, [c, v]]) => [key, c, v]);
  for (const [key, c, v] of changes) {
    await tx.$executeRaw`
      INSERT INTO "DashboardCounter" ("eventId", "key", "count", "value") VALUES (${eventId}, ${key}, ${c}, ${BigInt(v)})
      ON CONFLICT ("eventId", "key") DO UPDATE SET "count" = "DashboardCounter"."count" + ${c}, "value" = "DashboardCounter"."value" + ${BigInt(v)}`;
  }
  return changes;
}
