// The matchmaking sessions of each event, keyed by id, in time order.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SessionDto } from '../../../server/contracts/index.ts';
import { eventsApi } from '../api/events.ts';
import { useLoadStates } from './loadState.ts';

export const useSessionsStore = defineStore('sessions', () => {
  const byId = ref<Record<string, SessionDto>>({});
  const idsByEvent = ref<Record<string, string[]>>({});
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();

  function sessionsState(eventId: string) {
    return loadStateOf(eventId);
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

  function clear(): void {
    byId.value = {};
    idsByEvent.value = {};
    clearLoadStates();
  }

  return { byId, idsByEvent, loadStates, sessionsState, sessionsOf, load, clear };
});
