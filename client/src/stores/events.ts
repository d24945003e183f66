// Fairs and conferences, keyed by id, kept live through the event rooms of the socket.
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref } from 'vue';
import type { EventDto, EventFact, EventLeftNotice, EventStatus, EventVisibleNotice } from '../../../server/contracts/index.ts';
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
  /**
   * Events the server took us out of (set back to draft): what we held of them is gone, and
   * stays gone until a join is acknowledged again, which then re-reads them from scratch.
   */
  const withdrawnEventIds = ref<Record<string, true>>({});
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();

  /** Rooms the pages asked for; re-joined after every reconnect. */
  const rooms = new Set<string>();
  const inFlight = new Map<string, Promise<void>>();
  /** Counts withdrawals per event: a snapshot requested before one is not applied after it. */
  const withdrawals = new Map<string, number>();
  let connectedBefore = false;

  const list = computed(() => Object.values(byId.value).sort((a, b) => a.startsAt.localeCompare(b.startsAt)));
  const listState = computed(() => loadStateOf(LIST_KEY));

  function eventState(eventId: string) {
    return loadStateOf(eventId);
  }

  function isLive(eventId: string): boolean {
    return liveEventIds.value[eventId] === true;
  }

  function isWithdrawn(eventId: string): boolean {
    return withdrawnEventIds.value[eventId] === true;
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
      const before = new Map(withdrawals);
      const answer = await eventsApi.list();
      const listed = new Set(answer.items.map((e) => e.id));
      for (const id of Object.keys(byId.value)) {
        if (!listed.has(id) && !rooms.has(id)) delete byId.value[id];
      }
      for (const event of answer.items) {
        // Read before a withdrawal that has arrived since: that copy is no longer ours to show.
        if ((withdrawals.get(event.id) ?? 0) === (before.get(event.id) ?? 0)) apply(event);
      }
    });
  }

  function loadOne(eventId: string): Promise<void> {
    const running = inFlight.get(eventId);
    if (running) return running;
    const generation = withdrawals.get(eventId) ?? 0;
    const loading = track(eventId, async () => {
      const event = await eventsApi.get(eventId);
      if ((withdrawals.get(eventId) ?? 0) === generation) apply(event);
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

  /**
   * Taken out of the room (the event went back to draft): no more facts will come, so nothing
   * held of it is current. Forget it, seq included, so that a later join re-reads it whole
   * instead of resuming from a seq with a gap after it.
   */
  function onEventLeft(notice: EventLeftNotice): void {
    const { eventId } = notice;
    withdrawals.set(eventId, (withdrawals.get(eventId) ?? 0) + 1);
    delete liveEventIds.value[eventId];
    delete lastSeq.value[eventId];
    delete byId.value[eventId];
    withdrawnEventIds.value[eventId] = true;
  }

  /**
   * An event we are not watching changed, or was published (again). A page that wants its
   * room (it was withdrawn) joins again and re-reads it; a loaded list re-reads what it shows.
   */
  function onEventVisible(notice: EventVisibleNotice): void {
    const { eventId } = notice;
    if (rooms.has(eventId)) {
      if (!liveEventIds.value[eventId] && socket.connected) emitJoin(eventId, true);
      return;
    }
    if (listState.value.loaded) void load();
  }

  function emitJoin(eventId: string, freshSnapshot: boolean): void {
    socket.emit('event:join', { eventId }, async (answer) => {
      if (!rooms.has(eventId)) return;
      if (!answer.ok) {
        // A refused join leaves us outside the room, whatever we were before.
        delete liveEventIds.value[eventId];
        return;
      }
      if (withdrawnEventIds.value[eventId]) {
        // Back after a withdrawal: whatever we held is from before the gap.
        delete withdrawnEventIds.value[eventId];
        freshSnapshot = true;
      }
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
  socket.on('event:left', onEventLeft);
  socket.on('event:visible', onEventVisible);
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  onScopeDispose(() => {
    socket.off('event:updated', onEventUpdated);
    socket.off('event:left', onEventLeft);
    socket.off('event:visible', onEventVisible);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
  });

  function clear(): void {
    byId.value = {};
    lastSeq.value = {};
    liveEventIds.value = {};
    withdrawnEventIds.value = {};
    withdrawals.clear();
    rooms.clear();
    connectedBefore = false;
    clearLoadStates();
  }

  return {
    byId,
    lastSeq,
    liveEventIds,
    withdrawnEventIds,
    loadStates,
    list,
    listState,
    eventState,
    isLive,
    isWithdrawn,
    load,
    loadOne,
    updateStatus,
    joinRoom,
    leaveRoom,
    clear,
  };
});
