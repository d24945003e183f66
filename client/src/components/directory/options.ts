// The fixed lists of the directory, in the order forms and filters show them. They mirror the
// server's contracts (which the client imports only as types, to keep zod out of the bundle);
// the Record types make the compiler say when a value is added there and missing here.
import type { BuyerType, CertificateStatus, LegalType, ProductCategory } from '../../../../server/contracts/index.ts';

type RatingLevel = 'district' | 'province' | 'central';

function ordered<T extends string>(order: Record<T, number>): T[] {
  return (Object.keys(order) as T[]).sort((a, b) => order[a] - order[b]);
}

export const legalTypeOptions = ordered<LegalType>({ enterprise: 0, cooperative: 1, cooperative_group: 2, household: 3 });

export const buyerTypeOptions = ordered<BuyerType>({
  supermarket_chain: 0,
  distributor: 1,
  exporter: 2,
  ecommerce: 3,
  horeca: 4,
});

export const categoryOptions = ordered<ProductCategory>({
  coffee: 0,
  pepper: 1,
  durian: 2,
  honey: 3,
  rice: 4,
  cashew: 5,
  cocoa: 6,
  macadamia: 7,
  avocado: 8,
  dried_food: 9,
  processed_food: 10,
  beverage: 11,
  herbal: 12,
  handicraft: 13,
  textile: 14,
  tourism: 15,
  other: 16,
});

export const ratingLevelOptions = ordered<RatingLevel>({ district: 0, province: 1, central: 2 });
export type { RatingLevel };

export const starOptions = [3, 4, 5] as const;
export type Stars = (typeof starOptions)[number];

export const certificateStatusOptions = ordered<CertificateStatus>({ valid: 0, expiring: 1, expired: 2, none: 3 });

export function isLegalType(value: unknown): value is LegalType {
  return typeof value === 'string' && (legalTypeOptions as string[]).includes(value);
}

export function isBuyerType(value: unknown): value is BuyerType {
  return typeof value === 'string' && (buyerTypeOptions as string[]).includes(value);
}

export function isCategory(value: unknown): value is ProductCategory {
  return typeof value === 'string' && (categoryOptions as string[]).includes(value);
}

export function isStars(value: unknown): value is Stars {
  return value === 3 || value === 4 || value === 5;
}

/** GS1 GTIN-8/12/13/14 with its mod-10 check digit, as the server checks it. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop();
  const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}
