// Today's 34 provinces and centrally-run cities, loaded once for filters and forms.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { directoryApi, type Province } from '../api/directory.ts';
import { useLoadStates } from './loadState.ts';

const LIST_KEY = 'list';

export const useProvincesStore = defineStore('provinces', () => {
  const items = ref<Province[]>([]);
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();
  let pending: Promise<void> | null = null;

  const listState = computed(() => loadStateOf(LIST_KEY));
  const sorted = computed(() => [...items.value].sort((a, b) => a.name.localeCompare(b.name, 'vi')));

  function nameOf(provinceId: string): string {
    return items.value.find((p) => p.id === provinceId)?.name ?? '';
  }

  /** Loads the list unless it is already here (or on its way). */
  function ensureLoaded(): Promise<void> {
    if (listState.value.loaded) return Promise.resolve();
    pending ??= track(LIST_KEY, async () => {
      items.value = (await directoryApi.provinces()).items;
    }).finally(() => {
      pending = null;
    });
    return pending;
  }

  function clear(): void {
    items.value = [];
    clearLoadStates();
  }

  return { items, loadStates, listState, sorted, nameOf, ensureLoaded, clear };
});
