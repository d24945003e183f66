// The matchmaking sessions of each event, keyed by id, in time order. A session whose settings
// or slots change (`session:changed` from the event feed) is read again.
import { defineStore } from 'pinia';
import { onScopeDispose, ref } from 'vue';
import type { SessionDto } from '../../../server/contracts/index.ts';
import { eventsApi } from '../api/events.ts';
import { matchmakingApi } from '../api/matchmaking.ts';
import { useEventFeed } from '../realtime/useEventFeed.ts';
import { useLoadStates } from './loadState.ts';

export const useSessionsStore = defineStore('sessions', () => {
  const feed = useEventFeed();
  const byId = ref<Record<string, SessionDto>>({});
  const idsByEvent = ref<Record<string, string[]>>({});
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();
  /** One session's own read (the matchmaking page), apart from its event's list. */
  const sessionStates = useLoadStates();

  function sessionsState(eventId: string) {
    return loadStateOf(eventId);
  }

  function sessionState(sessionId: string) {
    return sessionStates.loadStateOf(sessionId);
  }

  function sessionsOf(eventId: string): SessionDto[] {
    const ids = idsByEvent.value[eventId] ?? [];
    return ids.flatMap((id) => byId.value[id] ?? []).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  function load(eventId: string): Promise<void> {
    return track(eventId, async () => {
      const answer = await eventsApi.sessions(eventId);
      for (const id of idsByEvent.value[eventId] ?? []) delete byId.value[id];
      for (const session of answer.items) byId.value[session.id] = session;
      idsByEvent.value[eventId] = answer.items.map((s) => s.id);
    });
  }

  /** One session with its slots and settings; never rejects (the load state keeps the error). */
  function loadOne(sessionId: string): Promise<void> {
    return sessionStates.track(sessionId, async () => {
      const session = await matchmakingApi.session(sessionId);
      byId.value[session.id] = session;
      const ids = idsByEvent.value[session.eventId];
      if (ids && !ids.includes(session.id)) idsByEvent.value[session.eventId] = [...ids, session.id];
    });
  }

  const stops = [
    feed.on('session:changed', (fact) => {
      const { sessionId, change } = fact.data;
      if (change === 'buyers') return; // its settings and slots are as they were
      if (byId.value[sessionId]) void loadOne(sessionId);
      else if (change === 'created' && idsByEvent.value[fact.eventId]) void load(fact.eventId);
    }),
  ];
  onScopeDispose(() => stops.forEach((stop) => stop()));

  function clear(): void {
    byId.value = {};
    idsByEvent.value = {};
    clearLoadStates();
    sessionStates.clearLoadStates();
  }

  return { byId, idsByEvent, loadStates, sessionsState, sessionState, sessionsOf, load, loadOne, clear };
});
