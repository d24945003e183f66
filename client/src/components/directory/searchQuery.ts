// The list pages keep their search in the address (?q=&provinceId=&page=…), so a search can be
// shared, bookmarked and undone with the back button. These read and write that query.
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { BuyerSearch, ProducerSearch } from '../../api/directory.ts';
import { isBuyerType, isCategory, isLegalType, isStars } from './options.ts';

function text(query: LocationQuery, key: string): string | undefined {
  const value = query[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

function positive(query: LocationQuery, key: string): number | undefined {
  const value = Number(text(query, key));
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

export function producerSearchFrom(query: LocationQuery): ProducerSearch {
  const legalType = text(query, 'legalType');
  const category = text(query, 'category');
  const minStars = positive(query, 'minStars');
  return {
    q: text(query, 'q'),
    provinceId: text(query, 'provinceId'),
    legalType: isLegalType(legalType) ? legalType : undefined,
    category: isCategory(category) ? category : undefined,
    minStars: isStars(minStars) ? minStars : undefined,
    page: positive(query, 'page'),
  };
}

export function buyerSearchFrom(query: LocationQuery): BuyerSearch {
  const orgType = text(query, 'orgType');
  const category = text(query, 'category');
  return {
    q: text(query, 'q'),
    provinceId: text(query, 'provinceId'),
    orgType: isBuyerType(orgType) ? orgType : undefined,
    category: isCategory(category) ? category : undefined,
    page: positive(query, 'page'),
  };
}

/** The address query of a search: empty values left out, page 1 implied. */
export function queryOf(search: ProducerSearch | BuyerSearch): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === '' || (key === 'page' && value === 1)) continue;
    query[key] = String(value);
  }
  return query;
}

export function hasFilters(search: ProducerSearch | BuyerSearch): boolean {
  return Object.entries(search).some(([key, value]) => key !== 'page' && key !== 'q' && value !== undefined);
}
