// Loading and error state per key (a list, or one entity's id), shared by the stores.
import { ref } from 'vue';
import { ApiError } from '../api/http.ts';

export interface LoadState {
  loading: boolean;
  loaded: boolean;
  error: ApiError | null;
}

const idle: LoadState = Object.freeze({ loading: false, loaded: false, error: null });

export function asApiError(cause: unknown): ApiError {
  if (cause instanceof ApiError) return cause;
  return new ApiError(0, 'UNKNOWN', cause instanceof Error ? cause.message : 'Unexpected failure');
}

export function useLoadStates() {
  const loadStates = ref<Record<string, LoadState>>({});

  function loadStateOf(key: string): LoadState {
    return loadStates.value[key] ?? idle;
  }

  /** Runs `work`, recording loading and error under `key`; never throws (the error is kept). */
  async function track(key: string, work: () => Promise<void>): Promise<void> {
    const previous = loadStateOf(key);
    loadStates.value[key] = { loading: true, loaded: previous.loaded, error: null };
    try {
      await work();
      loadStates.value[key] = { loading: false, loaded: true, error: null };
    } catch (cause) {
      loadStates.value[key] = { loading: false, loaded: previous.loaded, error: asApiError(cause) };
    }
  }

  function clearLoadStates(): void {
    loadStates.value = {};
  }

  return { loadStates, loadStateOf, track, clearLoadStates };
}
