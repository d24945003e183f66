import { describe, expect, it } from 'vitest';
import {
  areNeighbours,
  boothStatus,
  toBoothView,
  type BoothRow,
  type OccupancyRow,
} from '../../server/modules/booths/booth-view.ts';

const now = new Date('2026-12-10T08:00:00+07:00');
const booth = (over: Partial<BoothRow>): BoothRow => ({
  id: 'b1',
  eventId: 'e1',
  code: 'A01',
  zone: 'A',
  type: 'standard',
  widthM: 3,
  depthM: 3,
  priceVnd: 3_000_000,
  x: 0,
  y: 0,
  blocked: false,
  occupancy: null,
  ...over,
});
const occ = (over: Partial<OccupancyRow>): OccupancyRow => ({
  kind: 'held',
  producerId: 'p',
  producer: { name: 'HTX' },
  expiresAt: null,
  applicationId: null,
  checkedInAt: null,
  ...over,
});

describe('boothStatus', () => {
  it('is available with no occupancy or block', () => {
    expect(boothStatus(booth({}), now)).toBe('available');
  });
  it('is held while the hold or offer lasts, available once it has lapsed', () => {
    expect(boothStatus(booth({ occupancy: occ({ expiresAt: new Date(now.getTime() + 1) }) }), now)).toBe('held');
    expect(boothStatus(booth({ occupancy: occ({ kind: 'offered', expiresAt: new Date(now.getTime() + 1) }) }), now)).toBe('held');
    expect(boothStatus(booth({ occupancy: occ({ expiresAt: now }) }), now)).toBe('available');
  });
  it('is assigned with an assignment, and blocked over everything', () => {
    expect(boothStatus(booth({ occupancy: occ({ kind: 'assigned' }) }), now)).toBe('assigned');
    expect(boothStatus(booth({ blocked: true, occupancy: occ({ kind: 'assigned' }) }), now)).toBe('blocked');
  });
});

describe('toBoothView', () => {
  const held = booth({ occupancy: occ({ producerId: 'p1', expiresAt: new Date(now.getTime() + 60_000) }) });
  it('names the holder to organisers and to the holder only', () => {
    expect(toBoothView(held, now, { kind: 'staff' }).hold?.producerId).toBe('p1');
    expect(toBoothView(held, now, { kind: 'producer', producerId: 'p1' }).hold?.producerId).toBe('p1');
    expect(toBoothView(held, now, { kind: 'producer', producerId: 'p2' })).not.toHaveProperty('hold');
    expect(toBoothView(held, now, { kind: 'public' })).not.toHaveProperty('hold');
  });
  it('names the exhibitor of an assigned booth to everyone', () => {
    const view = toBoothView(booth({ occupancy: occ({ kind: 'assigned', producerId: 'p1' }) }), now, { kind: 'public' });
    expect(view).toMatchObject({ status: 'assigned', producerId: 'p1', producerName: 'HTX' });
  });
});

describe('areNeighbours', () => {
  it('counts touching booths and those 1 m apart, not farther ones', () => {
    const a = { id: 'a', x: 0, y: 0, widthM: 3, depthM: 3 };
    expect(areNeighbours(a, { id: 'b', x: 3, y: 0, widthM: 3, depthM: 3 })).toBe(true);
    expect(areNeighbours(a, { id: 'b', x: 4, y: 0, widthM: 3, depthM: 3 })).toBe(true);
    expect(areNeighbours(a, { id: 'b', x: 5, y: 0, widthM: 3, depthM: 3 })).toBe(false);
    expect(areNeighbours(a, a)).toBe(false);
  });
});
