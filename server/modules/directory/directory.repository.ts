import type { Db } from '../../db/database.ts';
import { foldForSearch } from './fold.ts';

interface PageArgs {
  q?: string | undefined;
  page: number;
  pageSize: number;
}

function nameFilter(q: string | undefined) {
  const folded = q ? foldForSearch(q) : '';
  return folded ? { nameFolded: { contains: folded } } : {};
}

export function createDirectoryRepository(prisma: Db) {
  return {
    async producers({ q, page, pageSize }: PageArgs) {
      const where = nameFilter(q);
      const [total, rows] = await Promise.all([
        prisma.producer.count({ where }),
        prisma.producer.findMany({
          where,
          select: {
            id: true,
            name: true,
            legalType: true,
            locality: true,
            province: { select: { id: true, name: true } },
            products: { select: { id: true, name: true, category: true, stars: true, gtin: true }, orderBy: { name: 'asc' } },
          },
          orderBy: [{ nameFolded: 'asc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
      ]);
      return { total, rows };
    },
    async buyers({ q, page, pageSize }: PageArgs) {
      const where = nameFilter(q);
      const [total, rows] = await Promise.all([
        prisma.buyer.count({ where }),
        prisma.buyer.findMany({
          where,
          select: {
            id: true,
            name: true,
            orgType: true,
            categories: true,
            minStars: true,
            province: { select: { id: true, name: true } },
          },
          orderBy: [{ nameFolded: 'asc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
      ]);
      return { total, rows };
    },
  };
}
export type DirectoryRepository = ReturnType<typeof createDirectoryRepository>;
