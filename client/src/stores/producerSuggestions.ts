// The producers suggested to a buyer in a session: those of the directory that fit what it buys,
// best first with the reasons, a page at a time, each with the slots free for both. Like the
// buyers suggested to a producer (stores/matchmaking.ts), they are derived by the server from
// every meeting of the session, so a meeting, request or session fact of a session we hold has
// the pages shown read again (gathered, a moment later) rather than patched here.
import { defineStore } from 'pinia';
import { onScopeDispose, ref, watch } from 'vue';
import type { SuggestedProducerDto } from '../../../server/contracts/suggestions.ts';
import { matchmakingApi } from '../api/matchmaking.ts';
import { useEventFeed } from '../realtime/useEventFeed.ts';
import { useAuthStore } from './auth.ts';
import { useLoadStates } from './loadState.ts';

/** Suggestions asked for at a time: the best few first on a phone, the rest on asking. */
export const PRODUCER_SUGGESTIONS_PAGE = 5;
/** The server's most per call. */
const READ_MAX = 100;
const REFRESH_DELAY_MS = 800;

interface Held {
  items: SuggestedProducerDto[];
  total: number;
  /** How many the screen shows: read again as one call of this size. */
  shown: number;
}

export const useProducerSuggestionsStore = defineStore('producerSuggestions', () => {
  const feed = useEventFeed();
  const bySession = ref<Record<string, Held>>({});
  const { loadStateOf, track, clearLoadStates } = useLoadStates();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Bumped by forget: an answer for a session no longer shown is dropped. */
  const generations = new Map<string, number>();

  const stateOf = (sessionId: string) => loadStateOf(sessionId);
  const itemsOf = (sessionId: string): SuggestedProducerDto[] => bySession.value[sessionId]?.items ?? [];
  const totalOf = (sessionId: string): number => bySession.value[sessionId]?.total ?? 0;
  const hasMore = (sessionId: string): boolean => itemsOf(sessionId).length < totalOf(sessionId);

  /** Reads the first `count` suggestions (the first page, or as many as the screen shows). */
  function read(sessionId: string, count: number): Promise<void> {
    const generation = generations.get(sessionId) ?? 0;
    return track(sessionId, async () => {
      const limit = Math.min(READ_MAX, Math.max(PRODUCER_SUGGESTIONS_PAGE, count));
      const answer = await matchmakingApi.suggestedProducers(sessionId, { page: 1, limit });
      if ((generations.get(sessionId) ?? 0) !== generation) return;
      bySession.value[sessionId] = { items: answer.items, total: answer.total, shown: limit };
    });
  }

  /** The first page; never rejects (the load state keeps the error). */
  function load(sessionId: string): Promise<void> {
    return read(sessionId, PRODUCER_SUGGESTIONS_PAGE);
  }

  /** The next page, added after those shown. */
  function more(sessionId: string): Promise<void> {
    const held = bySession.value[sessionId];
    if (!held) return load(sessionId);
    const generation = generations.get(sessionId) ?? 0;
    return track(sessionId, async () => {
      const page = Math.floor(held.items.length / PRODUCER_SUGGESTIONS_PAGE) + 1;
      const answer = await matchmakingApi.suggestedProducers(sessionId, { page, limit: PRODUCER_SUGGESTIONS_PAGE });
      if ((generations.get(sessionId) ?? 0) !== generation) return;
      const seen = new Set(held.items.map((s) => s.producer.id));
      const items = [...held.items, ...answer.items.filter((s) => !seen.has(s.producer.id))];
      bySession.value[sessionId] = { items, total: answer.total, shown: items.length };
    });
  }

  /** Reads again what is shown, soon: something of the session changed. */
  function refreshSoon(sessionId: string): void {
    if (!bySession.value[sessionId] || timers.has(sessionId)) return;
    timers.set(
      sessionId,
      setTimeout(() => {
        timers.delete(sessionId);
        const held = bySession.value[sessionId];
        if (held) void read(sessionId, held.shown);
      }, REFRESH_DELAY_MS),
    );
  }

  function forget(sessionId: string): void {
    clearTimeout(timers.get(sessionId));
    timers.delete(sessionId);
    generations.set(sessionId, (generations.get(sessionId) ?? 0) + 1);
    delete bySession.value[sessionId];
  }

  const stops = [
    feed.on('meeting:changed', (fact) => refreshSoon(fact.data.meeting.sessionId)),
    feed.on('request:changed', (fact) => refreshSoon(fact.data.request.sessionId)),
    feed.on('session:changed', (fact) => refreshSoon(fact.data.sessionId)),
  ];
  onScopeDispose(() => stops.forEach((stop) => stop()));

  function clear(): void {
    for (const sessionId of [...Object.keys(bySession.value), ...timers.keys()]) forget(sessionId);
    bySession.value = {};
    clearLoadStates();
  }

  // Another user signing in on this screen sees none of what the last one held.
  const auth = useAuthStore();
  watch(
    () => auth.user?.id,
    (now, before) => {
      if (before !== undefined && now !== before) clear();
    },
  );

  return { bySession, stateOf, itemsOf, totalOf, hasMore, load, more, refreshSoon, forget, clear };
});
