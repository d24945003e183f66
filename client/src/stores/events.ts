// Fairs and conferences, keyed by id, kept live by the event feed (realtime/feed.ts): the feed
// joins the rooms, orders the facts and fills gaps; this store applies `event:updated` and says
// how to load an event afresh when the feed needs a snapshot.
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref } from 'vue';
import type { EventDto, EventStatus } from '../../../server/contracts/index.ts';
import type { EventInput, EventPatch } from '../../../server/contracts/index.ts';
import { eventsApi } from '../api/events.ts';
import { useEventFeed } from '../realtime/useEventFeed.ts';
import type { EventFeedState } from '../realtime/feed.ts';
import { useLoadStates } from './loadState.ts';

const LIST_KEY = 'list';
/** This store's snapshot loader in the feed. */
const FEED_KEY = 'event';

export const useEventsStore = defineStore('events', () => {
  const feed = useEventFeed();
  const byId = ref<Record<string, EventDto>>({});
  /**
   * Events the server took us out of (set back to draft): what we held of them is gone, and
   * stays gone until a join is acknowledged again, after which the feed re-reads them whole.
   */
  const withdrawnEventIds = ref<Record<string, true>>({});
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();

  /** Counts withdrawals per event: a snapshot asked for before one is not applied after it. */
  const withdrawals = new Map<string, number>();

  const list = computed(() => Object.values(byId.value).sort((a, b) => a.startsAt.localeCompare(b.startsAt)));
  const listState = computed(() => loadStateOf(LIST_KEY));
  /** The seq of the last change applied per followed event (the feed's). */
  const lastSeq = computed<Record<string, number>>(() => {
    const seqs: Record<string, number> = {};
    for (const [id, state] of Object.entries(feed.states.value)) if (state.lastSeq !== null) seqs[id] = state.lastSeq;
    return seqs;
  });
  /** Events whose room this client is in right now (joined and acknowledged). */
  const liveEventIds = computed<Record<string, true>>(() => {
    const live: Record<string, true> = {};
    for (const [id, state] of Object.entries(feed.states.value)) if (state.joined) live[id] = true;
    return live;
  });

  function eventState(eventId: string) {
    return loadStateOf(eventId);
  }

  function isLive(eventId: string): boolean {
    return feed.stateOf(eventId).joined;
  }

  function isWithdrawn(eventId: string): boolean {
    return withdrawnEventIds.value[eventId] === true;
  }

  /** live / catching-up / offline, and since when what is shown may be stale. */
  function feedState(eventId: string): EventFeedState {
    return feed.stateOf(eventId);
  }

  /** Keeps the newer of what we hold and what arrived (an answer racing the facts). */
  function keepNewer(event: EventDto): void {
    const held = byId.value[event.id];
    if (held && held.seq > event.seq) return;
    byId.value[event.id] = event;
  }

  function load(): Promise<void> {
    return track(LIST_KEY, async () => {
      const before = new Map(withdrawals);
      const answer = await eventsApi.list();
      const listed = new Set(answer.items.map((e) => e.id));
      for (const id of Object.keys(byId.value)) {
        if (!listed.has(id) && !feed.isFollowing(id)) delete byId.value[id];
      }
      for (const event of answer.items) {
        // Read before a withdrawal that has arrived since: that copy is no longer ours to show.
        if ((withdrawals.get(event.id) ?? 0) !== (before.get(event.id) ?? 0)) continue;
        // An event the feed keeps live is as new as its facts; a list read alongside them is not.
        if (feed.stateOf(event.id).joined && feed.lastSeqOf(event.id) !== undefined && byId.value[event.id]) continue;
        keepNewer(event);
      }
    });
  }

  /** The feed's snapshot of one event: rejects when it fails (the load state keeps the error). */
  async function readEvent(eventId: string): Promise<void> {
    const generation = withdrawals.get(eventId) ?? 0;
    let failure: { error: unknown } | undefined;
    await track(eventId, async () => {
      try {
        const event = await eventsApi.get(eventId);
        if ((withdrawals.get(eventId) ?? 0) === generation) byId.value[eventId] = event;
      } catch (error) {
        failure = { error };
        throw error;
      }
    });
    if (failure) throw failure.error;
  }

  function registerLoader(eventId: string): void {
    feed.setLoader(eventId, FEED_KEY, () => readEvent(eventId));
  }

  /** Reads one event; never rejects (the error is in eventState). */
  function loadOne(eventId: string): Promise<void> {
    registerLoader(eventId);
    return feed.reload(eventId, FEED_KEY);
  }

  /** Organisers only; throws the ApiError so the page can say what went wrong. */
  async function updateStatus(eventId: string, status: EventStatus): Promise<void> {
    keepNewer(await eventsApi.update(eventId, { status }));
  }

  /** Organisers only: a new event (a draft); throws the ApiError for the form to show. */
  async function create(input: EventInput): Promise<EventDto> {
    const event = await eventsApi.create(input);
    keepNewer(event);
    return event;
  }

  /** Organisers only: edits an event; throws the ApiError for the form to show. */
  async function update(eventId: string, patch: EventPatch): Promise<EventDto> {
    const event = await eventsApi.update(eventId, patch);
    keepNewer(event);
    return event;
  }

  /** Pages follow an event while they show it: the feed joins its room and keeps it live. */
  function joinRoom(eventId: string): void {
    registerLoader(eventId);
    feed.follow(eventId);
  }

  function leaveRoom(eventId: string): void {
    feed.unfollow(eventId);
  }

  const stops = [
    // The feed hands us each change once, in order: it is the event as it is after that seq.
    feed.on('event:updated', (fact) => {
      byId.value[fact.eventId] = { ...fact.data, seq: Math.max(fact.data.seq, fact.seq) };
    }),
    // Taken out of the room: no more facts will come, so nothing held of it is current.
    feed.onLeft(({ eventId }) => {
      withdrawals.set(eventId, (withdrawals.get(eventId) ?? 0) + 1);
      delete byId.value[eventId];
      withdrawnEventIds.value[eventId] = true;
    }),
    // Back in the room: the feed re-reads it whole (its seq was forgotten on leaving).
    feed.onJoined((eventId) => {
      delete withdrawnEventIds.value[eventId];
    }),
    // An event we are not watching changed or was published (again): a loaded list re-reads.
    // (A followed one that was withdrawn is joined again by the feed.)
    feed.onVisible(({ eventId }) => {
      if (!feed.isFollowing(eventId) && listState.value.loaded) void load();
    }),
  ];
  onScopeDispose(() => stops.forEach((stop) => stop()));

  function clear(): void {
    byId.value = {};
    withdrawnEventIds.value = {};
    withdrawals.clear();
    clearLoadStates();
    feed.clear();
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
    feedState,
    load,
    loadOne,
    updateStatus,
    create,
    update,
    joinRoom,
    leaveRoom,
    clear,
  };
});
