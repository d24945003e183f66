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
