// Buyer organisations: the page of search results, and full profiles by id.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { BuyerDetailDto, BuyerDto, BuyerInput } from '../../../server/contracts/index.ts';
import { directoryApi, type BuyerSearch } from '../api/directory.ts';
import { useLoadStates } from './loadState.ts';

const LIST_KEY = 'list';
export const BUYERS_PAGE_SIZE = 20;

export const useBuyersStore = defineStore('buyers', () => {
  const summaries = ref<Record<string, BuyerDto>>({});
  const details = ref<Record<string, BuyerDetailDto>>({});
  const resultIds = ref<string[]>([]);
  const result = ref({ total: 0, page: 1, pageSize: BUYERS_PAGE_SIZE });
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();
  let latestSearch = 0;

  const listState = computed(() => loadStateOf(LIST_KEY));
  const results = computed(() => resultIds.value.flatMap((id) => summaries.value[id] ?? []));

  function buyerState(buyerId: string) {
    return loadStateOf(buyerId);
  }

  function search(query: BuyerSearch): Promise<void> {
    const ticket = ++latestSearch;
    return track(LIST_KEY, async () => {
      const answer = await directoryApi.buyers({ pageSize: BUYERS_PAGE_SIZE, ...query });
      if (ticket !== latestSearch) return;
      for (const buyer of answer.items) summaries.value[buyer.id] = buyer;
      resultIds.value = answer.items.map((b) => b.id);
      result.value = { total: answer.total, page: answer.page, pageSize: answer.pageSize };
    });
  }

  function keep(buyer: BuyerDetailDto): void {
    details.value[buyer.id] = buyer;
    const { regions: _r, volumes: _v, description: _d, website: _w, representatives: _p, ...summary } = buyer;
    summaries.value[buyer.id] = summary;
  }

  function loadOne(buyerId: string): Promise<void> {
    return track(buyerId, async () => {
      keep(await directoryApi.buyer(buyerId));
    });
  }

  /** Organisers only. Throws the ApiError, so the form can show what was refused. */
  async function create(input: BuyerInput): Promise<BuyerDetailDto> {
    const buyer = await directoryApi.createBuyer(input);
    keep(buyer);
    return buyer;
  }

  async function update(buyerId: string, patch: Partial<BuyerInput>): Promise<void> {
    keep(await directoryApi.updateBuyer(buyerId, patch));
  }

  function clear(): void {
    summaries.value = {};
    details.value = {};
    resultIds.value = [];
    result.value = { total: 0, page: 1, pageSize: BUYERS_PAGE_SIZE };
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
    buyerState,
    search,
    loadOne,
    create,
    update,
    clear,
  };
});
