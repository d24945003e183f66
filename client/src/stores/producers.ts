// OCOP producers: the page of search results, and full profiles with their products, by id.
import { defineStore } from 'pinia';
import type {
  ProducerDetailDto,
  ProducerDto,
  ProducerInput,
  ProductDetailDto,
  ProductInput,
} from '../../../server/contracts/index.ts';
import { directoryApi, type ProducerSearch } from '../api/directory.ts';
import { useDirectoryEntries } from './directoryEntries.ts';

export const PRODUCERS_PAGE_SIZE = 20;

export const useProducersStore = defineStore('producers', () => {
  const entries = useDirectoryEntries<ProducerDto, ProducerDetailDto, ProducerSearch>({
    pageSize: PRODUCERS_PAGE_SIZE,
    fetchPage: directoryApi.producers,
    fetchOne: directoryApi.producer,
    summaryOf: ({ contactName: _c, phone: _p, email: _e, story: _s, registrationNo: _r, ...summary }) => summary,
  });
  const { keep, details } = entries;

  /** Organisers only. Throws the ApiError, so the form can show what was refused. */
  async function create(input: ProducerInput): Promise<ProducerDetailDto> {
    const producer = await directoryApi.createProducer(input);
    keep(producer);
    return producer;
  }

  async function update(producerId: string, patch: Partial<ProducerInput>): Promise<void> {
    keep(await directoryApi.updateProducer(producerId, patch));
  }

  function withProducts(producerId: string, change: (products: ProductDetailDto[]) => ProductDetailDto[]): void {
    const producer = details.value[producerId];
    if (producer) keep({ ...producer, products: change(producer.products) });
  }

  async function addProduct(producerId: string, input: ProductInput): Promise<ProductDetailDto> {
    const product = await directoryApi.createProduct(producerId, input);
    withProducts(producerId, (products) => [...products, product]);
    return product;
  }

  async function updateProduct(producerId: string, productId: string, patch: Partial<ProductInput>): Promise<void> {
    const product = await directoryApi.updateProduct(productId, patch);
    withProducts(producerId, (products) => products.map((p) => (p.id === productId ? product : p)));
  }

  async function deleteProduct(producerId: string, productId: string): Promise<void> {
    await directoryApi.deleteProduct(productId);
    withProducts(producerId, (products) => products.filter((p) => p.id !== productId));
  }

  const { keep: _keep, loadStateOf: producerState, ...shared } = entries;
  return { ...shared, producerState, create, update, addProduct, updateProduct, deleteProduct };
});
