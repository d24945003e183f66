import { describe, expect, it } from 'vitest';
import { toIsoInZone } from '../../server/contracts/time.ts';

describe('toIsoInZone', () => {
  it('writes Vietnam time with its +07:00 offset, naming the same instant', () => {
    const instant = new Date('2026-12-10T01:00:00Z');
    expect(toIsoInZone(instant)).toBe('2026-12-10T08:00:00+07:00');
    expect(Date.parse(toIsoInZone(instant))).toBe(instant.getTime());
  });
  it('crosses midnight correctly and handles UTC', () => {
    expect(toIsoInZone(new Date('2026-12-31T20:30:00Z'))).toBe('2027-01-01T03:30:00+07:00');
    expect(toIsoInZone(new Date('2026-12-31T20:30:00Z'), 'UTC')).toBe('2026-12-31T20:30:00+00:00');
  });
});

describe('wallClockIn for Vietnam', () => {
  // The reference: what the time-zone database says, through Intl.
  const intl = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  });
  const reference = (d: Date) => {
    const p = Object.fromEntries(intl.formatToParts(d).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${String(p.timeZoneName).replace('GMT', '')}`;
  };

  it('gives what the time-zone database gives, from 1975 to 2200', () => {
    let seed = 20261202;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const from = Date.UTC(1975, 5, 12, 17);
    const to = Date.UTC(2200, 0, 1);
    const instants = [from, Date.UTC(2026, 11, 31, 16, 59, 59), Date.UTC(2026, 11, 31, 17), Date.UTC(2028, 1, 28, 17)];
    for (let i = 0; i < 5000; i++) instants.push(Math.floor(from + random() * (to - from)));
    for (const t of instants) expect(toIsoInZone(new Date(t)), new Date(t).toISOString()).toBe(reference(new Date(t)));
  });

  it('falls back to the database before Vietnam kept +07:00, and refuses an invalid date', () => {
    expect(toIsoInZone(new Date('1970-01-01T00:00:00Z'))).toBe(reference(new Date('1970-01-01T00:00:00Z')));
    expect(toIsoInZone(new Date('1970-01-01T00:00:00Z'))).toBe('1970-01-01T08:00:00+08:00');
    expect(() => toIsoInZone(new Date(Number.NaN))).toThrow(RangeError);
  });
});
