// The live dashboard of an event on the event feed (realtime/feed.ts). It holds the event's
// counters as the API answered them, with the seq they include, and adds each fact's `counts`
// to them exactly once, in seq order: a fact at or before the held seq is already in them (the
// feed may hand over facts a newer snapshot holds), and a fact after a missing one means the
// counters cannot be trusted, so they are read afresh. The feed puts facts back in order and
// catches up after a reconnect; the answer drawn (dashboardOf over the counters) is recomputed
// a few times a second at most, however many facts come, while the counters stay exact.
//
// The same model serves the signed-in dashboard (the app's feed, the session's API) and the big
// screen (its own socket and feed, its link's token): createEventDashboard takes both.
import { defineStore } from 'pinia';
import { computed, effectScope, onScopeDispose, ref, shallowRef, type EffectScope } from 'vue';
import {
  addCounts,
  counterKeys,
  provincesNamedBy,
  dashboardOf,
  type CountChange,
  type Counter,
  type DashboardDto,
  type DashboardLabels,
  type ProvinceDashboardDto,
} from '../../../server/contracts/dashboard.ts';
import { eventFactTypes, type AnyEventFact, type EventFactType } from '../../../server/contracts/realtime.ts';
import type { ApiError } from '../api/http.ts';
import { dashboardApi } from '../api/dashboard.ts';
import type { EventFeed, EventFeedState, FeedFact } from '../realtime/feed.ts';
import { useEventFeed } from '../realtime/useEventFeed.ts';
import { asApiError } from './loadState.ts';

/** The answer's panels, as drawn. */
export type DashboardView = Omit<DashboardDto, 'eventId' | 'seq'> & { seq: number };

/** One line of the activity feed, from a fact received (what everyone watching may see). */
export interface ActivityItem {
  seq: number;
  at: string;
  type: EventFactType;
  change: string;
  /** Booth codes, or who meets whom when the viewer sees the meeting whole. */
  detail: string;
  /** A deal the fact added (or, negative, took back), in VND. */
  dealVnd?: number;
  dealCount?: number;
}

export interface DashboardLoadState {
  loading: boolean;
  loaded: boolean;
  error: ApiError | null;
}

export interface EventDashboardOptions {
  feed: EventFeed;
  eventId: string;
  /** Reads the event's answer (the session's API, or a big screen's token). */
  read: (eventId: string) => Promise<DashboardDto>;
  /** Redraws at most once per this many ms (default 250: four a second). */
  throttleMs?: number;
  /** Lines of activity kept. */
  activityKept?: number;
}

const FEED_KEY = 'dashboard';
const DEFAULT_THROTTLE_MS = 250;

/** What a fact says in the activity feed. */
function describe(fact: AnyEventFact): Pick<ActivityItem, 'change' | 'detail'> {
  switch (fact.type) {
    case 'booths:changed':
      return { change: fact.data.change, detail: fact.data.booths.map((b) => b.code).join(', ') };
    case 'meeting:changed': {
      const m = fact.data.meeting;
      const detail = 'producer' in m && 'buyer' in m ? `${m.producer.name} — ${m.buyer.name}` : '';
      return { change: fact.data.change, detail };
    }
    case 'application:changed':
      return { change: fact.data.status, detail: '' };
    case 'request:changed':
      return { change: fact.data.change, detail: '' };
    case 'session:changed':
      return { change: fact.data.change, detail: '' };
    case 'event:updated':
      return { change: 'updated', detail: fact.data.name };
    case 'agenda:changed':
      return { change: fact.data.change, detail: 'title' in fact.data.item ? fact.data.item.title : '' };
    case 'delegation:changed':
      return { change: 'updated', detail: fact.data.delegation.province.name };
    case 'agreement:changed': {
      const [a, b] = fact.data.agreement.parties;
      return { change: fact.data.change, detail: a && b ? `${a.name} — ${b.name}` : '' };
    }
  }
}

/** Ids named by a count's key that the labels must name: a buyer's or provinces'. */
function labelledIds(key: string): ['buyers' | 'provinces', string][] {
  const buyer = counterKeys.dealBuyer('');
  if (key.startsWith(buyer)) return [['buyers', key.slice(buyer.length)]];
  return provincesNamedBy(key).map((id) => ['provinces', id]);
}

/** A throttle: `run` at once if it has not run for `ms`, else once when `ms` has passed. */
function throttled(ms: number, run: () => void) {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  function fire() {
    timer = undefined;
    last = Date.now();
    run();
  }
  return {
    request() {
      if (timer !== undefined) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

export function createEventDashboard(options: EventDashboardOptions) {
  const { feed, eventId, read } = options;
  const activityKept = options.activityKept ?? 12;
  /** The counters held, exact at every fact; not reactive (only the drawn answer is). */
  let counters: Record<string, Counter> = {};
  let labels: DashboardLabels = { provinces: {}, buyers: {} };
  /** The seq the counters include; null before the first answer. */
  let held: number | null = null;
  let generation = 0;
  /** Ids we asked the labels of once: asked again only when the answer names others. */
  const askedLabels = new Set<string>();
  let pendingActivity: ActivityItem[] = [];

  const view = shallowRef<DashboardView | null>(null);
  const activity = shallowRef<ActivityItem[]>([]);
  /** How many times the answer was redrawn (tests; a burst must not redraw hundreds of times). */
  const redraws = ref(0);
  const loadState = ref<DashboardLoadState>({ loading: false, loaded: false, error: null });

  function draw(): void {
    if (held === null) return;
    view.value = { seq: held, ...dashboardOf(structuredClone(counters), labels) };
    if (pendingActivity.length > 0) {
      activity.value = [...pendingActivity.reverse(), ...activity.value].slice(0, activityKept);
      pendingActivity = [];
    }
    redraws.value += 1;
  }
  const redraw = throttled(options.throttleMs ?? DEFAULT_THROTTLE_MS, draw);

  /** The feed's snapshot: the answer replaces the counters and the seq they include. */
  async function readSnapshot(): Promise<void> {
    const own = generation;
    loadState.value = { ...loadState.value, loading: true, error: null };
    try {
      const answer = await read(eventId);
      if (own !== generation) return;
      // An answer older than what we hold (a read overtaken by facts) is not kept.
      if (held === null || answer.seq >= held) {
        counters = structuredClone(answer.counters);
        labels = answer.labels;
        held = answer.seq;
      }
      loadState.value = { loading: false, loaded: true, error: null };
      redraw.cancel();
      draw();
    } catch (error) {
      if (own === generation) loadState.value = { loading: false, loaded: loadState.value.loaded, error: asApiError(error) };
      throw error;
    }
  }

  function reread(): void {
    void feed.reload(eventId, FEED_KEY);
  }

  function apply(fact: FeedFact): void {
    if (fact.eventId !== eventId || held === null) return;
    if (fact.seq <= held) return; // already in the counters
    if (fact.seq !== held + 1) {
      // A fact missed (the feed never skips one it hands over, but our snapshot may lag it):
      // the counters would be wrong from here, so they are read afresh.
      reread();
      return;
    }
    held = fact.seq;
    const counts: readonly CountChange[] = fact.counts ?? [];
    if (counts.length > 0) addCounts(counters, counts);
    let unknown = false;
    for (const [key] of counts) {
      const named = labelledIds(key);
      if (counters[key] && named.some(([kind, id]) => !(id in labels[kind])) && !askedLabels.has(key)) {
        askedLabels.add(key);
        unknown = true;
      }
    }
    const deal = counts.find(([key]) => key === counterKeys.deals);
    pendingActivity.push({
      seq: fact.seq,
      at: fact.at,
      type: fact.type,
      ...describe(fact as AnyEventFact),
      ...(deal ? { dealCount: deal[1], dealVnd: deal[2] } : {}),
    });
    if (pendingActivity.length > activityKept) pendingActivity.shift();
    // A buyer or province the labels do not name: the answer names it (the counts are in it too).
    if (unknown) reread();
    redraw.request();
  }

  const feedState = computed<EventFeedState>(() => feed.stateOf(eventId));
  /** Reconnecting or catching up after having been live: the numbers may be stale since then. */
  const staleSince = computed(() => (feedState.value.status === 'live' ? null : feedState.value.staleSince));

  const stops = eventFactTypes.map((type) => feed.on(type, (fact) => apply(fact as FeedFact)));
  stops.push(
    feed.onLeft((notice) => {
      if (notice.eventId !== eventId) return;
      // Taken out of the room: nothing held is current; the next join reads it afresh.
      generation += 1;
      held = null;
    }),
  );

  /** Reads the answer through the feed (so that no fact is lost or counted twice); never rejects. */
  function load(): Promise<void> {
    feed.setLoader(eventId, FEED_KEY, readSnapshot);
    return feed.reload(eventId, FEED_KEY);
  }

  function dispose(): void {
    generation += 1;
    redraw.cancel();
    stops.forEach((stop) => stop());
    feed.removeLoader(eventId, FEED_KEY);
  }

  return {
    eventId,
    view,
    activity,
    redraws,
    loadState,
    feedState,
    staleSince,
    /** The seq the counters include (tests). */
    heldSeq: () => held,
    /** The exact counters now, whatever was last drawn (tests). */
    counters: () => structuredClone(counters),
    load,
    dispose,
  };
}

export type EventDashboard = ReturnType<typeof createEventDashboard>;

/** A province's view: re-read (throttled) whenever a fact of one of its events comes. */
export function createProvinceDashboard(options: {
  feed: EventFeed;
  provinceId: string;
  read?: (provinceId: string) => Promise<ProvinceDashboardDto>;
  throttleMs?: number;
}) {
  const { feed, provinceId } = options;
  const read = options.read ?? dashboardApi.province;
  const view = shallowRef<ProvinceDashboardDto | null>(null);
  const loadState = ref<DashboardLoadState>({ loading: false, loaded: false, error: null });
  const followedIds = new Set<string>();
  let disposed = false;
  let running: Promise<void> | null = null;
  let again = false;

  async function readOnce(): Promise<void> {
    loadState.value = { ...loadState.value, loading: true, error: null };
    try {
      const answer = await read(provinceId);
      if (disposed) return;
      view.value = answer;
      loadState.value = { loading: false, loaded: true, error: null };
      for (const e of answer.events)
        if (!followedIds.has(e.eventId)) {
          followedIds.add(e.eventId);
          feed.follow(e.eventId);
        }
    } catch (error) {
      if (!disposed) loadState.value = { loading: false, loaded: loadState.value.loaded, error: asApiError(error) };
    }
  }

  /** One read at a time; facts during it ask for one more after it. */
  function load(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = readOnce().finally(() => {
      running = null;
      if (again && !disposed) {
        again = false;
        refresh.request();
      }
    });
    return running;
  }
  const refresh = throttled(options.throttleMs ?? 1_000, () => void load());

  const stops = eventFactTypes.map((type) =>
    feed.on(type, (fact) => {
      if (followedIds.has(fact.eventId) && (fact.counts?.length ?? 0) > 0) refresh.request();
    }),
  );
  const staleSince = computed(() => {
    const stale = [...followedIds].map((id) => feed.stateOf(id)).filter((s) => s.status !== 'live' && s.staleSince);
    return stale.map((s) => s.staleSince!).sort()[0] ?? null;
  });

  function dispose(): void {
    disposed = true;
    refresh.cancel();
    stops.forEach((stop) => stop());
    for (const id of followedIds) feed.unfollow(id);
    followedIds.clear();
  }

  return { provinceId, view, loadState, staleSince, load, dispose };
}

export type ProvinceDashboard = ReturnType<typeof createProvinceDashboard>;

/** The signed-in dashboards, on the app's feed and the session's API: one per event shown. */
export const useDashboardStore = defineStore('dashboard', () => {
  const feed = useEventFeed();
  const scope: EffectScope = effectScope(true);
  const open = new Map<string, EventDashboard>();

  /** The dashboard of an event (made once, kept while a page shows it); call load() to read it. */
  function of(eventId: string, options: { throttleMs?: number } = {}): EventDashboard {
    let dashboard = open.get(eventId);
    if (!dashboard) {
      dashboard = scope.run(() => createEventDashboard({ feed, eventId, read: dashboardApi.event, ...options }))!;
      open.set(eventId, dashboard);
    }
    return dashboard;
  }

  function close(eventId: string): void {
    open.get(eventId)?.dispose();
    open.delete(eventId);
  }

  function clear(): void {
    for (const eventId of [...open.keys()]) close(eventId);
  }

  onScopeDispose(() => {
    clear();
    scope.stop();
  });

  return { of, close, clear };
});
