// The signed-in producer's or buyer's agenda at an event: its meetings in time order, kept live
// by the event feed (a `meeting:changed` fact that carries a whole meeting is one of the
// viewer's own), and its private calendar subscription link.
import { defineStore } from 'pinia';
import { onScopeDispose, ref, watch } from 'vue';
import type { CalendarFeedCreatedDto } from '../../../server/contracts/calendar.ts';
import type { MeetingDto } from '../../../server/contracts/matchmaking.ts';
import { isWholeMeeting, matchmakingApi } from '../api/matchmaking.ts';
import { useEventFeed } from '../realtime/useEventFeed.ts';
import { useAuthStore } from './auth.ts';
import { useLoadStates } from './loadState.ts';

const FEED_KEY = 'agenda';
/** The key of the agenda over every visible event (the menu's "My agenda"). */
export const ALL_EVENTS = '*';

export const useAgendaStore = defineStore('agenda', () => {
  const feed = useEventFeed();
  const auth = useAuthStore();
  const byEvent = ref<Record<string, MeetingDto[]>>({});
  /** The link just created: shown this once (the server keeps only its hash). */
  const createdFeed = ref<CalendarFeedCreatedDto | null>(null);
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();

  const agendaState = (eventId: string) => loadStateOf(eventId);

  function meetingsOf(eventId: string, includeCancelled: boolean): MeetingDto[] {
    return (byEvent.value[eventId] ?? [])
      .filter((m) => includeCancelled || m.status !== 'cancelled')
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.tableNumber - b.tableNumber);
  }

  async function read(eventId: string): Promise<void> {
    let failure: { error: unknown } | undefined;
    await track(eventId, async () => {
      try {
        const answer = await matchmakingApi.agenda(eventId === ALL_EVENTS ? undefined : eventId, true);
        byEvent.value[eventId] = answer.items;
      } catch (error) {
        failure = { error };
        throw error;
      }
    });
    if (failure) throw failure.error;
  }

  /** Reads the agenda through the event's feed, so that no change is lost; never rejects. */
  function load(eventId: string): Promise<void> {
    if (eventId === ALL_EVENTS) return read(ALL_EVENTS).catch(() => undefined);
    feed.setLoader(eventId, FEED_KEY, () => read(eventId));
    return feed.reload(eventId, FEED_KEY);
  }

  function put(eventId: string, m: MeetingDto): void {
    for (const key of [eventId, ALL_EVENTS]) {
      const list = byEvent.value[key];
      if (list) byEvent.value[key] = [...list.filter((o) => o.id !== m.id), m];
    }
  }

  async function createFeed(): Promise<CalendarFeedCreatedDto> {
    createdFeed.value = await matchmakingApi.createCalendarFeed();
    return createdFeed.value;
  }

  async function revokeFeed(): Promise<void> {
    await matchmakingApi.revokeCalendarFeed();
    createdFeed.value = null;
  }

  function clear(): void {
    for (const eventId of Object.keys(byEvent.value)) if (eventId !== ALL_EVENTS) feed.removeLoader(eventId, FEED_KEY);
    byEvent.value = {};
    createdFeed.value = null;
    clearLoadStates();
  }

  const stops = [
    feed.on('meeting:changed', (fact) => {
      const m = fact.data.meeting;
      if (isWholeMeeting(m)) put(fact.eventId, m);
    }),
    feed.onLeft(({ eventId }) => {
      delete byEvent.value[eventId];
      feed.removeLoader(eventId, FEED_KEY);
    }),
  ];
  onScopeDispose(() => stops.forEach((stop) => stop()));
  watch(
    () => auth.user?.id,
    (now, before) => {
      if (before !== undefined && now !== before) clear();
    },
  );

  return { byEvent, createdFeed, loadStates, agendaState, meetingsOf, load, createFeed, revokeFeed, clear };
});
