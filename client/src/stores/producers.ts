// OCOP producers: the page of search results, and full profiles with their products, by id.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type {
  ProducerDetailDto,
  ProducerDto,
  ProducerInput,
  ProductDetailDto,
  ProductInput,
} from '../../../server/contracts/index.ts';
import { directoryApi, type ProducerSearch } from '../api/directory.ts';
import { useLoadStates } from './loadState.ts';

const LIST_KEY = 'list';
export const PRODUCERS_PAGE_SIZE = 20;

export const useProducersStore = defineStore('producers', () => {
  const summaries = ref<Record<string, ProducerDto>>({});
  const details = ref<Record<string, ProducerDetailDto>>({});
  const resultIds = ref<string[]>([]);
  const result = ref({ total: 0, page: 1, pageSize: PRODUCERS_PAGE_SIZE });
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();
  /** Only the answer to the latest search counts; slower earlier answers are dropped. */
  let latestSearch = 0;

  const listState = computed(() => loadStateOf(LIST_KEY));
  const results = computed(() => resultIds.value.flatMap((id) => summaries.value[id] ?? []));

  function producerState(producerId: string) {
    return loadStateOf(producerId);
  }

  function search(query: ProducerSearch): Promise<void> {
    const ticket = ++latestSearch;
    return track(LIST_KEY, async () => {
      const answer = await directoryApi.producers({ pageSize: PRODUCERS_PAGE_SIZE, ...query });
      if (ticket !== latestSearch) return;
      for (const producer of answer.items) summaries.value[producer.id] = producer;
      resultIds.value = answer.items.map((p) => p.id);
      result.value = { total: answer.total, page: answer.page, pageSize: answer.pageSize };
    });
  }

  function keep(producer: ProducerDetailDto): void {
    details.value[producer.id] = producer;
    const { contactName: _c, phone: _p, email: _e, story: _s, registrationNo: _r, ...summary } = producer;
    summaries.value[producer.id] = summary;
  }

  function loadOne(producerId: string): Promise<void> {
    return track(producerId, async () => {
      keep(await directoryApi.producer(producerId));
    });
  }

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

  function clear(): void {
    summaries.value = {};
    details.value = {};
    resultIds.value = [];
    result.value = { total: 0, page: 1, pageSize: PRODUCERS_PAGE_SIZE };
    latestSearch += 1;
    clearLoadStates();
  }

  return {
    summaries,
    details,
    resultIds,
    result,
    loadStates,
    listState,
    results,
    producerState,
    search,
    loadOne,
    create,
    update,
    addProduct,
    updateProduct,
    deleteProduct,
    clear,
  };
});
