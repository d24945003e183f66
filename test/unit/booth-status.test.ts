import { describe, expect, it } from 'vitest';
import { boothStatus } from '../../server/modules/booths/booths.service.ts';
import type { BoothRow } from '../../server/modules/booths/booths.repository.ts';

const now = new Date('2026-12-10T08:00:00+07:00');
const booth = (over: Partial<BoothRow>): BoothRow => ({
  id: 'b1',
  code: 'A01',
  zone: 'A',
  type: 'standard',
  widthM: 3,
  depthM: 3,
  priceVnd: 3_000_000,
  x: 0,
  y: 0,
  blocked: false,
  assignment: null,
  hold: null,
  ...over,
});

describe('boothStatus', () => {
  it('is available with no assignment, hold or block', () => {
    expect(boothStatus(booth({}), now)).toBe('available');
  });
  it('is held while the hold lasts, available once it has expired', () => {
    expect(boothStatus(booth({ hold: { producerId: 'p', expiresAt: new Date(now.getTime() + 1) } }), now)).toBe('held');
    expect(boothStatus(booth({ hold: { producerId: 'p', expiresAt: now } }), now)).toBe('available');
  });
  it('is assigned over a hold, and blocked over everything', () => {
    const hold = { producerId: 'p', expiresAt: new Date(now.getTime() + 60_000) };
    expect(boothStatus(booth({ assignment: { producerId: 'p' }, hold }), now)).toBe('assigned');
    expect(boothStatus(booth({ blocked: true, assignment: { producerId: 'p' } }), now)).toBe('blocked');
  });
});
