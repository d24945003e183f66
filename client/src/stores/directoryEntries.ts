// What the producers and buyers stores share: one page of search results (only the answer to
// the latest search counts), full profiles by id, and a summary kept in step with each
// profile, so a list shows an edit at once.
import { computed, ref } from 'vue';
import type { Page } from '../api/directory.ts';
import { useLoadStates } from './loadState.ts';

const LIST_KEY = 'list';

export interface DirectoryEntriesOptions<Summary, Detail, Search> {
  pageSize: number;
  fetchPage: (search: Search & { pageSize: number }) => Promise<Page<Summary>>;
  fetchOne: (id: string) => Promise<Detail>;
  /** The list's view of a full profile (its private fields left out). */
  summaryOf: (detail: Detail) => Summary;
}

export function useDirectoryEntries<Summary extends { id: string }, Detail extends { id: string }, Search>(
  options: DirectoryEntriesOptions<Summary, Detail, Search>,
) {
  const summaries = ref<Record<string, Summary>>({});
  const details = ref<Record<string, Detail>>({});
  const resultIds = ref<string[]>([]);
  const emptyResult = () => ({ total: 0, page: 1, pageSize: options.pageSize });
  const result = ref(emptyResult());
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();
  let latestSearch = 0;

  const listState = computed(() => loadStateOf(LIST_KEY));
  const results = computed(() => resultIds.value.flatMap((id) => (summaries.value[id] as Summary | undefined) ?? []));

  function search(query: Search): Promise<void> {
    const ticket = ++latestSearch;
    return track(LIST_KEY, async () => {
      const answer = await options.fetchPage({ ...query, pageSize: options.pageSize });
      if (ticket !== latestSearch) return;
      for (const item of answer.items) (summaries.value as Record<string, Summary>)[item.id] = item;
      resultIds.value = answer.items.map((item) => item.id);
      result.value = { total: answer.total, page: answer.page, pageSize: answer.pageSize };
    });
  }

  function keep(detail: Detail): void {
    (details.value as Record<string, Detail>)[detail.id] = detail;
    (summaries.value as Record<string, Summary>)[detail.id] = options.summaryOf(detail);
  }

  function loadOne(id: string): Promise<void> {
    return track(id, async () => keep(await options.fetchOne(id)));
  }

  function clear(): void {
    summaries.value = {};
    details.value = {};
    resultIds.value = [];
    result.value = emptyResult();
    latestSearch += 1;
    clearLoadStates();
  }

  return { summaries, details, resultIds, result, loadStates, listState, results, loadStateOf, search, keep, loadOne, clear };
}
