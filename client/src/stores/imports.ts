// A spreadsheet import: the file chosen, its preview row by row, then the all-or-nothing commit.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ImportCommit, ImportKind, ImportPreview, ImportRow } from '../../../server/contracts/imports.ts';
import { importsApi } from '../api/imports.ts';
import { asApiError, useLoadStates } from './loadState.ts';

const PREVIEW_KEY = 'preview';
const COMMIT_KEY = 'commit';

/** A refused commit may answer with the rows that failed; this finds them wherever they are. */
function rowsIn(payload: unknown): ImportRow[] | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const record = payload as Record<string, unknown>;
  for (const candidate of [record.rows, (record.error as Record<string, unknown> | undefined)?.rows]) {
    if (Array.isArray(candidate)) return candidate as ImportRow[];
  }
  return null;
}

function summaryIn(payload: unknown): ImportPreview['summary'] | null {
  if (typeof payload !== 'object' || payload === null || !('summary' in payload)) return null;
  const summary = (payload as { summary: unknown }).summary;
  return typeof summary === 'object' && summary !== null && 'total' in summary ? (summary as ImportPreview['summary']) : null;
}

function summarise(rows: ImportRow[]): ImportPreview['summary'] {
  const summary = { total: rows.length, create: 0, update: 0, unchanged: 0, error: 0 };
  for (const row of rows) summary[row.action] += 1;
  return summary;
}

export const useImportsStore = defineStore('imports', () => {
  const kind = ref<ImportKind>('producers');
  const file = shallowRef<File | null>(null);
  const preview = shallowRef<ImportPreview | null>(null);
  const committed = ref<ImportCommit | null>(null);
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();

  const previewState = computed(() => loadStateOf(PREVIEW_KEY));
  const commitState = computed(() => loadStateOf(COMMIT_KEY));
  const errorRows = computed(() => preview.value?.rows.filter((r) => r.action === 'error') ?? []);
  const canCommit = computed(
    () =>
      file.value !== null &&
      preview.value !== null &&
      preview.value.kind === kind.value &&
      errorRows.value.length === 0 &&
      committed.value === null &&
      !previewState.value.loading &&
      !commitState.value.loading,
  );

  /** A new kind or file makes the old preview and result meaningless. */
  function choose(next: { kind?: ImportKind; file?: File | null }): void {
    if (next.kind !== undefined) kind.value = next.kind;
    if (next.file !== undefined) file.value = next.file;
    preview.value = null;
    committed.value = null;
    clearLoadStates();
  }

  function runPreview(): Promise<void> {
    const chosen = file.value;
    const chosenKind = kind.value;
    if (!chosen) return Promise.resolve();
    committed.value = null;
    return track(PREVIEW_KEY, async () => {
      const answer = await importsApi.preview(chosenKind, chosen);
      if (file.value === chosen && kind.value === chosenKind) preview.value = answer;
    });
  }

  function commit(): Promise<void> {
    const chosen = file.value;
    const chosenKind = kind.value;
    if (!chosen || !canCommit.value) return Promise.resolve();
    return track(COMMIT_KEY, async () => {
      try {
        committed.value = await importsApi.commit(chosenKind, chosen);
      } catch (cause) {
        // The file changed on the server's side since the preview: show the rows it refused now.
        const payload = asApiError(cause).payload;
        const rows = rowsIn(payload);
        if (rows) preview.value = { kind: chosenKind, rows, summary: summaryIn(payload) ?? summarise(rows) };
        throw cause;
      }
    });
  }

  function clear(): void {
    kind.value = 'producers';
    file.value = null;
    preview.value = null;
    committed.value = null;
    clearLoadStates();
  }

  return {
    kind,
    file,
    preview,
    committed,
    loadStates,
    previewState,
    commitState,
    errorRows,
    canCommit,
    choose,
    runPreview,
    commit,
    clear,
  };
});
