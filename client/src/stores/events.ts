// Fairs and conferences, keyed by id, kept live through the event rooms of the socket.
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref } from 'vue';
import type { EventDto, EventFact, EventStatus } from '../../../server/contracts/index.ts';
import { eventsApi } from '../api/events.ts';
import { socket } from '../realtime/socket.ts';
import { useLoadStates } from './loadState.ts';

const LIST_KEY = 'list';

export const useEventsStore = defineStore('events', () => {
  const byId = ref<Record<string, EventDto>>({});
  /** The seq of the last change applied per event: older snapshots and repeated facts are ignored. */
  const lastSeq = ref<Record<string, number>>({});
  /** Events whose room this client is in right now (joined and acknowledged). */
  const liveEventIds = ref<Record<string, true>>({});
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();

  /** Rooms the pages asked for; re-joined after every reconnect. */
  const rooms = new Set<string>();
  const inFlight = new Map<string, Promise<void>>();
  let connectedBefore = false;

  const list = computed(() => Object.values(byId.value).sort((a, b) => a.startsAt.localeCompare(b.startsAt)));
  const listState = computed(() => loadStateOf(LIST_KEY));

  function eventState(eventId: string) {
    return loadStateOf(eventId);
  }

  function isLive(eventId: string): boolean {
    return liveEventIds.value[eventId] === true;
  }

  /** Keeps the newer of what we hold and what arrived. */
  function apply(event: EventDto, seq = event.seq): void {
    const known = lastSeq.value[event.id];
    if (known !== undefined && seq < known) return;
    byId.value[event.id] = event;
    lastSeq.value[event.id] = seq;
  }

  function load(): Promise<void> {
    return track(LIST_KEY, async () => {
      const answer = await eventsApi.list();
      const listed = new Set(answer.items.map((e) => e.id));
      for (const id of Object.keys(byId.value)) {
        if (!listed.has(id) && !rooms.has(id)) delete byId.value[id];
      }
      for (const event of answer.items) apply(event);
    });
  }

  function loadOne(eventId: string): Promise<void> {
    const running = inFlight.get(eventId);
    if (running) return running;
    const loading = track(eventId, async () => {
      apply(await eventsApi.get(eventId));
    }).finally(() => inFlight.delete(eventId));
    inFlight.set(eventId, loading);
    return loading;
  }

  /** Organisers only; throws the ApiError so the page can say what went wrong. */
  async function updateStatus(eventId: string, status: EventStatus): Promise<void> {
    apply(await eventsApi.update(eventId, { status }));
  }

  function onEventUpdated(fact: EventFact<EventDto>): void {
    const known = lastSeq.value[fact.eventId];
    if (known !== undefined && fact.seq <= known) return;
    apply(fact.data, fact.seq);
  }

  function emitJoin(eventId: string, freshSnapshot: boolean): void {
    socket.emit('event:join', { eventId }, async (answer) => {
      if (!rooms.has(eventId) || !answer.ok) return;
      liveEventIds.value[eventId] = true;
      // Changes made before we were in the room never reach us: take a snapshot if we are behind.
      await inFlight.get(eventId);
      const known = lastSeq.value[eventId];
      if (freshSnapshot || known === undefined || known < answer.data.seq) await loadOne(eventId);
    });
  }

  function joinRoom(eventId: string): void {
    rooms.add(eventId);
    if (socket.connected) emitJoin(eventId, false);
    // Otherwise the 'connect' handler joins it as soon as the socket is up.
  }

  function leaveRoom(eventId: string): void {
    rooms.delete(eventId);
    delete liveEventIds.value[eventId];
    if (socket.connected) socket.emit('event:leave', { eventId }, () => undefined);
  }

  function onConnect(): void {
    const reconnect = connectedBefore;
    connectedBefore = true;
    for (const eventId of rooms) emitJoin(eventId, reconnect);
  }

  function onDisconnect(): void {
    liveEventIds.value = {};
  }

  socket.on('event:updated', onEventUpdated);
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  onScopeDispose(() => {
    socket.off('event:updated', onEventUpdated);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
  });

  function clear(): void {
    byId.value = {};
    lastSeq.value = {};
    liveEventIds.value = {};
    rooms.clear();
    connectedBefore = false;
    clearLoadStates();
  }

  return {
    byId,
    lastSeq,
    liveEventIds,
    loadStates,
    list,
    listState,
    eventState,
    isLive,
    load,
    loadOne,
    updateStatus,
    joinRoom,
    leaveRoom,
    clear,
  };
});
