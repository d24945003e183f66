// One page of search results, kept by id: only the answer to the latest search counts (a
// slower earlier answer is dropped), and the page's items are read from `byId`, where other
// changes (an edited profile) show at once.
import { computed, ref } from 'vue';
import type { Page } from '../api/directory.ts';
import { useLoadStates } from './loadState.ts';

const LIST_KEY = 'list';

export function useSearchPage<Item extends { id: string }, Search>(options: {
  pageSize: number;
  fetchPage: (search: Search & { pageSize: number }) => Promise<Page<Item>>;
}) {
  const byId = ref<Record<string, Item>>({});
  const resultIds = ref<string[]>([]);
  const emptyResult = () => ({ total: 0, page: 1, pageSize: options.pageSize });
  const result = ref(emptyResult());
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();
  let latestSearch = 0;

  const listState = computed(() => loadStateOf(LIST_KEY));
  const results = computed(() => resultIds.value.flatMap((id) => (byId.value[id] as Item | undefined) ?? []));

  function search(query: Search): Promise<void> {
    const ticket = ++latestSearch;
    return track(LIST_KEY, async () => {
      const answer = await options.fetchPage({ ...query, pageSize: options.pageSize });
      if (ticket !== latestSearch) return;
      for (const item of answer.items) (byId.value as Record<string, Item>)[item.id] = item;
      resultIds.value = answer.items.map((item) => item.id);
      result.value = { total: answer.total, page: answer.page, pageSize: answer.pageSize };
    });
  }

  function clear(): void {
    byId.value = {};
    resultIds.value = [];
    result.value = emptyResult();
    latestSearch += 1;
    clearLoadStates();
  }

  return { byId, resultIds, result, loadStates, listState, results, loadStateOf, track, search, clear };
}
