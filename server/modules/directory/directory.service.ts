import type { BuyerDto, DirectoryQuery, ProducerDto } from '../../contracts/directory.ts';
import type { DirectoryRepository } from './directory.repository.ts';

function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

export function createDirectoryService(deps: { repo: DirectoryRepository }) {
  return {
    async producers(query: DirectoryQuery) {
      const { total, rows } = await deps.repo.producers(query);
      const items: ProducerDto[] = rows.map((r) => ({
        id: r.id,
        name: r.name,
        legalType: r.legalType as ProducerDto['legalType'],
        province: r.province.name,
        provinceId: r.province.id,
        locality: r.locality,
        products: r.products,
      }));
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
    async buyers(query: DirectoryQuery) {
      const { total, rows } = await deps.repo.buyers(query);
      const items: BuyerDto[] = rows.map((r) => ({
        id: r.id,
        name: r.name,
        orgType: r.orgType as BuyerDto['orgType'],
        province: r.province.name,
        provinceId: r.province.id,
        categories: parseList(r.categories),
        minStars: r.minStars,
      }));
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
