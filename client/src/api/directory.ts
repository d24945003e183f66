import type {
  BuyerDetailDto,
  BuyerDto,
  BuyerInput,
  BuyerType,
  LegalType,
  ProducerDetailDto,
  ProducerDto,
  ProducerInput,
  ProductCategory,
  ProductDetailDto,
  ProductInput,
} from '../../../server/contracts/index.ts';
import { http } from './http.ts';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Province {
  id: string;
  name: string;
}

export interface ProducerSearch {
  q?: string;
  provinceId?: string;
  legalType?: LegalType;
  category?: ProductCategory;
  minStars?: number;
  page?: number;
  pageSize?: number;
}

export interface BuyerSearch {
  q?: string;
  provinceId?: string;
  orgType?: BuyerType;
  category?: ProductCategory;
  page?: number;
  pageSize?: number;
}

export type ProductListItem = ProductDetailDto & { producerName: string };
export type ProductSearch = ProducerSearch;

const producerPath = (producerId: string) => `/producers/${encodeURIComponent(producerId)}`;
const productPath = (productId: string) => `/products/${encodeURIComponent(productId)}`;
const buyerPath = (buyerId: string) => `/buyers/${encodeURIComponent(buyerId)}`;

export const directoryApi = {
  provinces: () => http.get<{ items: Province[] }>('/provinces'),

  producers: (search: ProducerSearch) => http.get<Page<ProducerDto>>('/producers', { ...search }),
  producer: (producerId: string) => http.get<ProducerDetailDto>(producerPath(producerId)),
  createProducer: (input: ProducerInput) => http.post<ProducerDetailDto>('/producers', input),
  updateProducer: (producerId: string, patch: Partial<ProducerInput>) =>
    http.patch<ProducerDetailDto>(producerPath(producerId), patch),

  products: (search: ProductSearch) => http.get<Page<ProductListItem>>('/products', { ...search }),
  createProduct: (producerId: string, input: ProductInput) =>
    http.post<ProductDetailDto>(`${producerPath(producerId)}/products`, input),
  updateProduct: (productId: string, patch: Partial<ProductInput>) => http.patch<ProductDetailDto>(productPath(productId), patch),
  deleteProduct: (productId: string) => http.delete(productPath(productId)),

  buyers: (search: BuyerSearch) => http.get<Page<BuyerDto>>('/buyers', { ...search }),
  buyer: (buyerId: string) => http.get<BuyerDetailDto>(buyerPath(buyerId)),
  createBuyer: (input: BuyerInput) => http.post<BuyerDetailDto>('/buyers', input),
  updateBuyer: (buyerId: string, patch: Partial<BuyerInput>) => http.patch<BuyerDetailDto>(buyerPath(buyerId), patch),
};
