// What the search box matches, folded once at write time so reads stay a plain LIKE on one
// column, the same on SQLite and PostgreSQL.
import { foldForSearch } from './fold.ts';

export function producerSearchText(p: { name: string; locality: string; provinceName: string; productNames: string[] }): string {
  return foldForSearch([p.name, p.locality, p.provinceName, ...p.productNames].join(' | '));
}

export function buyerSearchText(b: { name: string; provinceName: string; regions: string[] }): string {
  return foldForSearch([b.name, b.provinceName, ...b.regions].join(' | '));
}
