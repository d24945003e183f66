import type { BoothDto } from '../../contracts/events.ts';
import type { BoothRow, BoothsRepository } from './booths.repository.ts';

/** A booth's status is derived, never stored: blocked, assigned, held (until it expires), available. */
export function boothStatus(row: BoothRow, now: Date): BoothDto['status'] {
  if (row.blocked) return 'blocked';
  if (row.assignment) return 'assigned';
  if (row.hold && row.hold.expiresAt > now) return 'held';
  return 'available';
}

export function toBoothDto(row: BoothRow, now: Date): BoothDto {
  const status = boothStatus(row, now);
  return {
    id: row.id,
    code: row.code,
    zone: row.zone,
    type: row.type as BoothDto['type'],
    status,
    ...(status === 'assigned' && row.assignment ? { producerId: row.assignment.producerId } : {}),
    widthM: row.widthM,
    depthM: row.depthM,
    priceVnd: row.priceVnd,
    x: row.x,
    y: row.y,
  };
}

export function createBoothsService(deps: { repo: BoothsRepository; now: () => Date }) {
  return {
    async listForEvent(eventId: string): Promise<BoothDto[]> {
      const now = deps.now();
      return (await deps.repo.listByEvent(eventId)).map((row) => toBoothDto(row, now));
    },
  };
}
export type BoothsService = ReturnType<typeof createBoothsService>;
