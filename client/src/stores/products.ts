// OCOP products across all producers: the page of search results (a buyer looking for 4-star
// coffee), each with its producer's name. Products are changed on their producer's page.
import { defineStore } from 'pinia';
import { directoryApi, type ProductListItem, type ProductSearch } from '../api/directory.ts';
import { useSearchPage } from './searchPage.ts';

export const PRODUCTS_PAGE_SIZE = 20;

export const useProductsStore = defineStore('products', () => {
  const { track: _track, ...page } = useSearchPage<ProductListItem, ProductSearch>({
    pageSize: PRODUCTS_PAGE_SIZE,
    fetchPage: directoryApi.products,
  });
  return page;
});
