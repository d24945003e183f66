// What the producers and buyers stores share: one page of search results, full profiles by
// id, and a summary kept in step with each profile, so a list shows an edit at once.
import { ref } from 'vue';
import type { Page } from '../api/directory.ts';
import { useSearchPage } from './searchPage.ts';

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
  const { byId: summaries, track, clear: clearPage, ...page } = useSearchPage<Summary, Search>(options);
  const details = ref<Record<string, Detail>>({});

  function keep(detail: Detail): void {
    (details.value as Record<string, Detail>)[detail.id] = detail;
    (summaries.value as Record<string, Summary>)[detail.id] = options.summaryOf(detail);
  }

  function loadOne(id: string): Promise<void> {
    return track(id, async () => keep(await options.fetchOne(id)));
  }

  function clear(): void {
    clearPage();
    details.value = {};
  }

  return { ...page, summaries, details, keep, loadOne, clear };
}
