// Bookings and deals over time as one evenly spaced axis: the server counts per quarter hour;
// the chart shows quarter hours, hours, three hours or days (Vietnam's, which has one offset all
// year), the finest step that draws the whole range in at most MAX_POINTS points, and a point
// for every step in between, zero where nothing happened, so a quiet hour looks quiet instead of
// vanishing.
import { BUCKET_MS } from '../../../../server/contracts/dashboard.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Vietnam's offset from UTC (no daylight saving). */
const VIETNAM_OFFSET = 7 * HOUR;
export const TIMELINE_STEPS = [BUCKET_MS, HOUR, 3 * HOUR, DAY] as const;
export const MAX_POINTS = 96;

export interface Timeline {
  /** The start of each step (ISO, UTC). */
  at: string[];
  /** The step in ms. */
  step: number;
  bookings: number[];
  deals: number[];
}

/** Where a step that holds `t` starts: steps are whole in Vietnam's time (days at its midnight). */
const startOf = (t: number, step: number) => Math.floor((t + VIETNAM_OFFSET) / step) * step - VIETNAM_OFFSET;

export function timeline(bookings: { at: string; count: number }[], deals: { at: string; count: number }[]): Timeline {
  const times = [...bookings, ...deals].map((b) => new Date(b.at).getTime());
  if (!times.length) return { at: [], step: BUCKET_MS, bookings: [], deals: [] };
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const step = TIMELINE_STEPS.find((s) => (startOf(last, s) - startOf(first, s)) / s + 1 <= MAX_POINTS) ?? TIMELINE_STEPS.at(-1)!;
  const from = startOf(first, step);
  const n = (startOf(last, step) - from) / step + 1;
  const sum = (rows: { at: string; count: number }[]) => {
    const out = Array.from({ length: n }, () => 0);
    for (const r of rows) out[(startOf(new Date(r.at).getTime(), step) - from) / step]! += r.count;
    return out;
  };
  return {
    at: Array.from({ length: n }, (_, i) => new Date(from + i * step).toISOString()),
    step,
    bookings: sum(bookings),
    deals: sum(deals),
  };
}
