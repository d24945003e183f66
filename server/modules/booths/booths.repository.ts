import type { Db } from '../../db/database.ts';

export type BoothRow = {
  id: string;
  code: string;
  zone: string;
  type: string;
  widthM: number;
  depthM: number;
  priceVnd: number;
  x: number;
  y: number;
  blocked: boolean;
  assignment: { producerId: string } | null;
  hold: { producerId: string; expiresAt: Date } | null;
};

export function createBoothsRepository(prisma: Db) {
  return {
    listByEvent(eventId: string): Promise<BoothRow[]> {
      return prisma.booth.findMany({
        where: { eventId },
        select: {
          id: true,
          code: true,
          zone: true,
          type: true,
          widthM: true,
          depthM: true,
          priceVnd: true,
          x: true,
          y: true,
          blocked: true,
          assignment: { select: { producerId: true } },
          hold: { select: { producerId: true, expiresAt: true } },
        },
        orderBy: { code: 'asc' },
      });
    },
  };
}
export type BoothsRepository = ReturnType<typeof createBoothsRepository>;
