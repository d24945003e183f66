import { describe, expect, it } from 'vitest';
import { MAX_POINTS, timeline } from '../../client/src/components/dashboard/timeline.ts';

const q = (iso: string, count = 1) => ({ at: new Date(iso).toISOString(), count });

describe('bookings and deals over time', () => {
  it('fills the quiet quarter hours of a day with zeros', () => {
    const t = timeline([q('2026-12-12T01:00:00Z', 2), q('2026-12-12T02:00:00Z')], [q('2026-12-12T01:30:00Z')]);
    expect(t.step).toBe(15 * 60_000);
    expect(t.at).toHaveLength(5);
    expect(t.bookings).toEqual([2, 0, 0, 0, 1]);
    expect(t.deals).toEqual([0, 0, 1, 0, 0]);
  });

  it("keeps a range of days evenly spaced, in days that start at Vietnam's midnight", () => {
    // 30 Nov 04:45 and 11 Dec 13:45 in Vietnam (UTC+7): 12 days, not two neighbouring points;
    // by three hours it would take more than MAX_POINTS points (96 = 12 days).
    const t = timeline([q('2026-11-29T21:45:00Z', 3), q('2026-12-11T06:45:00Z')], [q('2026-12-12T06:45:00Z', 2)]);
    expect(t.step).toBe(24 * 3_600_000);
    expect(t.at[0]).toBe('2026-11-29T17:00:00.000Z'); // 30 Nov, 00:00 in Vietnam
    expect(t.at).toHaveLength(13); // 30 Nov … 12 Dec (13:45 in Vietnam)
    expect(t.bookings[0]).toBe(3);
    expect(t.bookings.slice(1)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]); // 11 Dec
    expect(t.deals).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]); // 12 Dec
  });

  it('never draws more than its points, and loses no count', () => {
    const rows = Array.from({ length: 300 }, (_, i) => q(new Date(Date.UTC(2026, 11, 1) + i * 37 * 60_000).toISOString(), i % 3));
    const t = timeline(rows, rows.slice(0, 10));
    expect(t.at.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(t.bookings.reduce((a, b) => a + b, 0)).toBe(rows.reduce((a, r) => a + r.count, 0));
    expect(t.deals.reduce((a, b) => a + b, 0)).toBe(rows.slice(0, 10).reduce((a, r) => a + r.count, 0));
  });

  it('is empty without bookings or deals', () => {
    expect(timeline([], []).at).toEqual([]);
  });
});
