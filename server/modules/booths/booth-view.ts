// What a booth says, and to whom. Its status is derived at read time from the one occupancy row
// and the clock (a hold or an offer past its time is free, with no timer needed); who holds it
// is told to organisers and to that producer only, while an assignment is public (the exhibitor
// list is).
import type { BoothDto, BoothStatus } from '../../contracts/booths.ts';
import { toIsoInZone } from '../../contracts/time.ts';

export interface OccupancyRow {
  kind: string;
  producerId: string;
  producer: { name: string };
  expiresAt: Date | null;
  applicationId: string | null;
  checkedInAt: Date | null;
}

export interface BoothRow {
  id: string;
  eventId: string;
  code: string;
  zone: string;
  type: string;
  widthM: number;
  depthM: number;
  priceVnd: number;
  x: number;
  y: number;
  blocked: boolean;
  occupancy: OccupancyRow | null;
}

export const boothSelect = {
  id: true,
  eventId: true,
  code: true,
  zone: true,
  type: true,
  widthM: true,
  depthM: true,
  priceVnd: true,
  x: true,
  y: true,
  blocked: true,
  occupancy: {
    select: {
      kind: true,
      producerId: true,
      producer: { select: { name: true } },
      expiresAt: true,
      applicationId: true,
      checkedInAt: true,
    },
  },
} as const;

/** A hold or an offer that has not lapsed; an assignment always stands. */
export function occupancyStands(occupancy: Pick<OccupancyRow, 'kind' | 'expiresAt'> | null, now: Date): boolean {
  if (!occupancy) return false;
  if (occupancy.kind === 'assigned') return true;
  return occupancy.expiresAt !== null && occupancy.expiresAt > now;
}

export function boothStatus(row: BoothRow, now: Date): BoothStatus {
  if (row.blocked) return 'blocked';
  if (row.occupancy?.kind === 'assigned') return 'assigned';
  if (occupancyStands(row.occupancy, now)) return 'held';
  return 'available';
}

/** Who is looking: organisers see every hold, a producer its own, everyone else none. */
export type Viewer = { kind: 'staff' } | { kind: 'producer'; producerId: string } | { kind: 'public' };
export const PUBLIC: Viewer = { kind: 'public' };
export const STAFF: Viewer = { kind: 'staff' };

export function toBoothView(row: BoothRow, now: Date, viewer: Viewer): BoothDto {
  const status = boothStatus(row, now);
  const occ = row.occupancy;
  const dto: BoothDto = {
    id: row.id,
    code: row.code,
    zone: row.zone,
    type: row.type as BoothDto['type'],
    status,
    widthM: row.widthM,
    depthM: row.depthM,
    priceVnd: row.priceVnd,
    x: row.x,
    y: row.y,
  };
  if (status === 'assigned' && occ) {
    dto.producerId = occ.producerId;
    dto.producerName = occ.producer.name;
    if (occ.checkedInAt) dto.checkedInAt = toIsoInZone(occ.checkedInAt);
  }
  if (status === 'held' && occ && occ.expiresAt) {
    const sees = viewer.kind === 'staff' || (viewer.kind === 'producer' && viewer.producerId === occ.producerId);
    if (sees)
      dto.hold = {
        kind: occ.kind === 'offered' ? 'offered' : 'held',
        producerId: occ.producerId,
        producerName: occ.producer.name,
        expiresAt: toIsoInZone(occ.expiresAt),
        ...(occ.applicationId ? { applicationId: occ.applicationId } : {}),
      };
  }
  return dto;
}

/** Two booths are neighbours when their rectangles touch or stand at most 1 m apart. */
export function areNeighbours(
  a: Pick<BoothRow, 'id' | 'x' | 'y' | 'widthM' | 'depthM'>,
  b: Pick<BoothRow, 'id' | 'x' | 'y' | 'widthM' | 'depthM'>,
): boolean {
  if (a.id === b.id) return false;
  const gapX = Math.max(a.x, b.x) - Math.min(a.x + a.widthM, b.x + b.widthM);
  const gapY = Math.max(a.y, b.y) - Math.min(a.y + a.depthM, b.y + b.depthM);
  return gapX <= 1 && gapY <= 1;
}
