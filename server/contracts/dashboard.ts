// The live dashboard: an event's counters, kept by the server in the same transaction as each
// change (server/modules/dashboard/projection.ts) and sent with each fact as the change it made
// to them (`counts`), so that a dashboard holds the counters and adds each fact's counts in seq
// order. The answer is built from the counters by one function shared by server and client.
import { z } from 'zod';
import { idSchema } from './common.ts';

/** A counter's key: "meetings:held", "deals.buyer:<id>", "bookings@2026-12-12T01:15:00.000Z" … */
export type CounterKey = string;
/** One counter: how many, and their sum in VND. */
export interface Counter {
  count: number;
  valueVnd: number;
}
/** What a change did to one counter: [key, count added, VND added] (negative when taken back). */
export type CountChange = [key: CounterKey, count: number, valueVnd: number];

/** Bookings and deals over time are counted per quarter hour (UTC start, ISO). */
export const BUCKET_MS = 15 * 60_000;
export const bucketOf = (at: Date | string): string =>
  new Date(Math.floor(new Date(at).getTime() / BUCKET_MS) * BUCKET_MS).toISOString();

export const counterKeys = {
  booths: 'booths',
  boothStatus: (status: string) => `booths:${status}`,
  zone: (zone: string) => `zone:${zone}`,
  zoneStatus: (zone: string, status: string) => `zone:${zone}:${status}`,
  application: (status: string) => `applications:${status}`,
  meeting: (status: string) => `meetings:${status}`,
  bookingsAt: (bucket: string) => `bookings@${bucket}`,
  deals: 'deals',
  dealCategory: (category: string) => `deals.category:${category}`,
  dealProvince: (provinceId: string) => `deals.province:${provinceId}`,
  dealBuyer: (buyerId: string) => `deals.buyer:${buyerId}`,
  dealsAt: (bucket: string) => `deals@${bucket}`,
  /** At a conference: standing meetings, agreements (not withdrawn) and deals between two provinces. */
  pairMeetings: (pair: string) => `pair.meetings:${pair}`,
  pairAgreements: (pair: string) => `pair.agreements:${pair}`,
  pairDeals: (pair: string) => `pair.deals:${pair}`,
} as const;

/** Two provinces as one key, whichever comes first: "a~b" with a before b. */
export const provincePair = (a: string, b: string): string => (a <= b ? `${a}~${b}` : `${b}~${a}`);
const pairIds = (pair: string): [string, string] => {
  const i = pair.indexOf('~');
  return [pair.slice(0, i), pair.slice(i + 1)];
};

/** The provinces a counter's key names, whose names the labels must hold. */
export function provincesNamedBy(key: string): string[] {
  if (key.startsWith('deals.province:')) return [key.slice('deals.province:'.length)];
  const m = /^pair\.(?:meetings|agreements|deals):(.*)$/.exec(key);
  return m ? pairIds(m[1]!) : [];
}

/** Names of what the counters name by id, as of the answer. */
export interface DashboardLabels {
  provinces: Record<string, string>;
  buyers: Record<string, string>;
}

export interface Breakdown {
  count: number;
  valueVnd: number;
}

export interface DashboardDto {
  eventId: string;
  /** The seq of the last change the counters include. */
  seq: number;
  booths: { total: number; assigned: number; held: number; available: number; blocked: number };
  boothsByZone: { zone: string; total: number; assigned: number; held: number; available: number; blocked: number }[];
  applications: { pending: number; approved: number; waitlisted: number; rejected: number; withdrawn: number };
  meetings: { booked: number; held: number; noShow: number; cancelled: number };
  deals: Breakdown;
  dealsByCategory: ({ category: string } & Breakdown)[];
  dealsByProvince: ({ provinceId: string; province: string } & Breakdown)[];
  dealsByBuyer: ({ buyerId: string; name: string } & Breakdown)[];
  bookingsOverTime: { at: string; count: number }[];
  dealsOverTime: ({ at: string } & Breakdown)[];
  /** At a conference: deals (confirmed agreements and meeting deals) between each two provinces. */
  dealsByProvincePair: ({ provinceIds: [string, string]; provinces: [string, string] } & Breakdown)[];
  /**
   * At a conference: between each two provinces (both ways, one cell), the meetings standing
   * and the agreements not withdrawn; rows and columns are the provinces named.
   */
  provinceMatrix: {
    provinces: { id: string; name: string }[];
    cells: { provinceIds: [string, string]; meetings: number; agreements: number; agreementsVnd: number }[];
  };
  /** The raw counters, for a dashboard that adds each fact's counts to them. */
  counters: Record<CounterKey, Counter>;
  labels: DashboardLabels;
}

/** A province's view: the sum of its events' counters; seq per event. */
export interface ProvinceDashboardDto extends Omit<DashboardDto, 'eventId' | 'seq'> {
  provinceId: string;
  events: { eventId: string; name: string; seq: number }[];
}

const byValueThenCount = (a: Breakdown, b: Breakdown) => b.valueVnd - a.valueVnd || b.count - a.count;

/** Adds a fact's counts to counters (in place); counters that fall to nothing are removed. */
export function addCounts(counters: Record<CounterKey, Counter>, counts: readonly CountChange[]): void {
  for (const [key, count, valueVnd] of counts) {
    const c = counters[key] ?? { count: 0, valueVnd: 0 };
    c.count += count;
    c.valueVnd += valueVnd;
    if (c.count === 0 && c.valueVnd === 0) delete counters[key];
    else counters[key] = c;
  }
}

function matrixOf(counters: Record<CounterKey, Counter>, labels: DashboardLabels): DashboardDto['provinceMatrix'] {
  const cells = new Map<string, DashboardDto['provinceMatrix']['cells'][number]>();
  const cell = (pair: string) => {
    const found = cells.get(pair) ?? { provinceIds: pairIds(pair), meetings: 0, agreements: 0, agreementsVnd: 0 };
    cells.set(pair, found);
    return found;
  };
  for (const [key, c] of Object.entries(counters)) {
    if (key.startsWith('pair.meetings:')) cell(key.slice('pair.meetings:'.length)).meetings = c.count;
    else if (key.startsWith('pair.agreements:')) {
      const found = cell(key.slice('pair.agreements:'.length));
      found.agreements = c.count;
      found.agreementsVnd = c.valueVnd;
    }
  }
  const ids = [...new Set([...cells.values()].flatMap((c) => c.provinceIds))];
  const provinces = ids
    .map((id) => ({ id, name: labels.provinces[id] ?? id }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return {
    provinces,
    cells: [...cells.values()].sort((a, b) => a.provinceIds.join('~').localeCompare(b.provinceIds.join('~'))),
  };
}

/** The dashboard's answer from its counters: the one place that says what each counter means. */
export function dashboardOf(
  counters: Record<CounterKey, Counter>,
  labels: DashboardLabels,
): Omit<DashboardDto, 'eventId' | 'seq'> {
  const n = (key: string) => counters[key]?.count ?? 0;
  const withPrefix = (prefix: string) =>
    Object.entries(counters)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, c]) => [key.slice(prefix.length), c] as const);
  const zones = withPrefix('zone:')
    .filter(([rest]) => !rest.includes(':'))
    .map(([zone]) => zone)
    .sort((a, b) => a.localeCompare(b, 'vi'));
  const breakdown = (c: Counter): Breakdown => ({ count: c.count, valueVnd: c.valueVnd });
  return {
    booths: {
      total: n(counterKeys.booths),
      assigned: n(counterKeys.boothStatus('assigned')),
      held: n(counterKeys.boothStatus('held')),
      available: n(counterKeys.boothStatus('available')),
      blocked: n(counterKeys.boothStatus('blocked')),
    },
    boothsByZone: zones.map((zone) => ({
      zone,
      total: n(counterKeys.zone(zone)),
      assigned: n(counterKeys.zoneStatus(zone, 'assigned')),
      held: n(counterKeys.zoneStatus(zone, 'held')),
      available: n(counterKeys.zoneStatus(zone, 'available')),
      blocked: n(counterKeys.zoneStatus(zone, 'blocked')),
    })),
    applications: {
      pending: n(counterKeys.application('submitted')),
      approved: n(counterKeys.application('approved')),
      waitlisted: n(counterKeys.application('waitlisted')),
      rejected: n(counterKeys.application('rejected')),
      withdrawn: n(counterKeys.application('withdrawn')),
    },
    meetings: {
      booked: n(counterKeys.meeting('booked')),
      held: n(counterKeys.meeting('held')),
      noShow: n(counterKeys.meeting('no_show')),
      cancelled: n(counterKeys.meeting('cancelled')),
    },
    deals: breakdown(counters[counterKeys.deals] ?? { count: 0, valueVnd: 0 }),
    dealsByCategory: withPrefix('deals.category:')
      .map(([category, c]) => ({ category, ...breakdown(c) }))
      .sort(byValueThenCount),
    dealsByProvince: withPrefix('deals.province:')
      .map(([provinceId, c]) => ({ provinceId, province: labels.provinces[provinceId] ?? provinceId, ...breakdown(c) }))
      .sort(byValueThenCount),
    dealsByBuyer: withPrefix('deals.buyer:')
      .map(([buyerId, c]) => ({ buyerId, name: labels.buyers[buyerId] ?? '', ...breakdown(c) }))
      .sort(byValueThenCount),
    bookingsOverTime: withPrefix('bookings@')
      .map(([at, c]) => ({ at, count: c.count }))
      .sort((a, b) => a.at.localeCompare(b.at)),
    dealsOverTime: withPrefix('deals@')
      .map(([at, c]) => ({ at, ...breakdown(c) }))
      .sort((a, b) => a.at.localeCompare(b.at)),
    dealsByProvincePair: withPrefix('pair.deals:')
      .map(([pair, c]) => {
        const ids = pairIds(pair);
        return {
          provinceIds: ids,
          provinces: ids.map((id) => labels.provinces[id] ?? id) as [string, string],
          ...breakdown(c),
        };
      })
      .sort(byValueThenCount),
    provinceMatrix: matrixOf(counters, labels),
    counters,
    labels,
  };
}

export const dashboardParamsSchema = z.object({ eventId: idSchema });
export const provinceDashboardParamsSchema = z.object({ provinceId: z.string().min(1).max(64) });

export const bigScreenCreateSchema = z.object({ label: z.string().trim().max(100).default('') }).strict();
export type BigScreenCreate = z.infer<typeof bigScreenCreateSchema>;

export interface BigScreenLinkDto {
  id: string;
  eventId: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
  /** Only in the answer that creates it: the secret of the link, never stored. */
  token?: string;
}
