// What the search boxes match, folded once at write time so reads stay a plain LIKE on one
// column, the same on SQLite and PostgreSQL.
import { foldForSearch } from './fold.ts';

export interface ProducerSearchSource {
  name: string;
  locality: string;
  provinceName: string;
  productNames: string[];
}

export function producerSearchText(p: ProducerSearchSource): string {
  return foldForSearch([p.name, p.locality, p.provinceName, ...p.productNames].join(' | '));
}

/** A product is found by its own name and by where and by whom it is made. */
export function productSearchText(productName: string, p: Omit<ProducerSearchSource, 'productNames'>): string {
  return foldForSearch([productName, p.name, p.locality, p.provinceName].join(' | '));
}

/** What people call each kind of buyer, in Vietnamese and English: "sieu thi" finds the chains. */
const BUYER_TYPE_WORDS: Record<string, string> = {
  supermarket_chain: 'chuỗi siêu thị, supermarket chain',
  distributor: 'nhà phân phối, distributor',
  exporter: 'doanh nghiệp xuất khẩu, exporter',
  ecommerce: 'thương mại điện tử, sàn, e-commerce, ecommerce',
  horeca: 'nhà hàng, khách sạn, horeca',
};

export function buyerSearchText(b: { name: string; provinceName: string; regions: string[]; orgType: string }): string {
  return foldForSearch([b.name, b.provinceName, ...b.regions, BUYER_TYPE_WORDS[b.orgType] ?? ''].join(' | '));
}
