// What a matchmaking session offers to book: its buyers with their representatives, blocked
// slots and the slots still free for them, and the buyers suggested to a producer (with the
// reasons and the slots free for both). These are derived by the server from every meeting of
// the session, most of which the viewer may not see, so a meeting, request or session fact of
// a session we hold has them read again (gathered, a moment later) rather than patched here.
import { defineStore } from 'pinia';
import { onScopeDispose, ref, watch } from 'vue';
import type { SessionBuyerAvailabilityDto, SessionBuyerBody } from '../../../server/contracts/matchmaking.ts';
import type { SuggestedBuyerDto } from '../../../server/contracts/suggestions.ts';
import type { ProducerDto } from '../../../server/contracts/index.ts';
import { directoryApi } from '../api/directory.ts';
import { matchmakingApi } from '../api/matchmaking.ts';
import { useEventFeed } from '../realtime/useEventFeed.ts';
import { useAuthStore } from './auth.ts';
import { useLoadStates } from './loadState.ts';

/** Facts arriving together (a reschedule and its declines, a busy minute of bookings) lead to one read. */
const REFRESH_DELAY_MS = 800;
const PRODUCER_SEARCH_SIZE = 8;
const suggestionKey = (sessionId: string, producerId?: string) => `${sessionId}:${producerId ?? 'self'}`;

export const useMatchmakingStore = defineStore('matchmaking', () => {
  const feed = useEventFeed();
  const buyersBySession = ref<Record<string, SessionBuyerAvailabilityDto[]>>({});
  const suggestions = ref<Record<string, SuggestedBuyerDto[]>>({});
  const buyerStates = useLoadStates();
  const suggestionStates = useLoadStates();
  /** The producers whose suggestions we hold, per session (undefined: the signed-in producer). */
  const suggestedFor = new Map<string, Set<string | undefined>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const buyersState = (sessionId: string) => buyerStates.loadStateOf(sessionId);
  const suggestionsState = (sessionId: string, producerId?: string) =>
    suggestionStates.loadStateOf(suggestionKey(sessionId, producerId));

  function buyersOf(sessionId: string): SessionBuyerAvailabilityDto[] {
    return buyersBySession.value[sessionId] ?? [];
  }

  function buyerOf(sessionId: string, buyerId: string): SessionBuyerAvailabilityDto | undefined {
    return buyersOf(sessionId).find((b) => b.buyerId === buyerId);
  }

  function suggestionsOf(sessionId: string, producerId?: string): SuggestedBuyerDto[] {
    return suggestions.value[suggestionKey(sessionId, producerId)] ?? [];
  }

  function loadBuyers(sessionId: string): Promise<void> {
    return buyerStates.track(sessionId, async () => {
      const answer = await matchmakingApi.buyers(sessionId);
      buyersBySession.value[sessionId] = [...answer.items].sort((a, b) => a.buyerName.localeCompare(b.buyerName, 'vi'));
    });
  }

  function loadSuggestions(sessionId: string, producerId?: string): Promise<void> {
    let set = suggestedFor.get(sessionId);
    if (!set) suggestedFor.set(sessionId, (set = new Set()));
    set.add(producerId);
    const key = suggestionKey(sessionId, producerId);
    return suggestionStates.track(key, async () => {
      const answer = await matchmakingApi.suggestedBuyers(sessionId, producerId);
      suggestions.value[key] = answer.items;
    });
  }

  /** A buyer's representatives and the slots it does not attend (the buyer itself or organisers). */
  async function setBuyer(sessionId: string, buyerId: string, body: SessionBuyerBody): Promise<SessionBuyerAvailabilityDto> {
    const answer = await matchmakingApi.setBuyer(sessionId, buyerId, body);
    const list = buyersOf(sessionId).filter((b) => b.buyerId !== buyerId);
    buyersBySession.value[sessionId] = [...list, answer].sort((a, b) => a.buyerName.localeCompare(b.buyerName, 'vi'));
    return answer;
  }

  /** Producers by name, place or product, for an organiser booking for one. */
  async function searchProducers(q: string): Promise<ProducerDto[]> {
    return (await directoryApi.producers({ q, pageSize: PRODUCER_SEARCH_SIZE })).items;
  }

  /** Reads again what a session offers, soon: something of it changed. */
  function refreshSoon(sessionId: string): void {
    const held = buyersBySession.value[sessionId] !== undefined || suggestedFor.has(sessionId);
    if (!held || timers.has(sessionId)) return;
    timers.set(
      sessionId,
      setTimeout(() => {
        timers.delete(sessionId);
        if (buyersBySession.value[sessionId] !== undefined) void loadBuyers(sessionId);
        for (const producerId of suggestedFor.get(sessionId) ?? []) void loadSuggestions(sessionId, producerId);
      }, REFRESH_DELAY_MS),
    );
  }

  function forget(sessionId: string): void {
    clearTimeout(timers.get(sessionId));
    timers.delete(sessionId);
    suggestedFor.delete(sessionId);
  }

  const stops = [
    feed.on('meeting:changed', (fact) => refreshSoon(fact.data.meeting.sessionId)),
    feed.on('request:changed', (fact) => refreshSoon(fact.data.request.sessionId)),
    feed.on('session:changed', (fact) => refreshSoon(fact.data.sessionId)),
  ];
  onScopeDispose(() => stops.forEach((stop) => stop()));

  function clear(): void {
    for (const sessionId of [...suggestedFor.keys(), ...timers.keys()]) forget(sessionId);
    buyersBySession.value = {};
    suggestions.value = {};
    buyerStates.clearLoadStates();
    suggestionStates.clearLoadStates();
  }

  // Another user signing in on this screen sees none of what the last one held.
  const auth = useAuthStore();
  watch(
    () => auth.user?.id,
    (now, before) => {
      if (before !== undefined && now !== before) clear();
    },
  );

  return {
    buyersBySession,
    suggestions,
    buyersState,
    suggestionsState,
    buyersOf,
    buyerOf,
    suggestionsOf,
    loadBuyers,
    loadSuggestions,
    setBuyer,
    searchProducers,
    refreshSoon,
    forget,
    clear,
  };
});
