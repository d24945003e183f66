// The one event feed of the client (ARCHITECTURE habits 6 and 12). It joins the rooms of the
// events the pages follow, and joins them again after every reconnect; it keeps the last seq
// applied per event; it puts facts back in order, fills gaps from the activity log, and takes a
// fresh snapshot when a gap is too long; and it hands each fact to the stores through handlers
// registered per fact type. Stores never touch the socket.
//
// One seq per event is shared by all its facts (booths, applications, the event itself), and
// across server processes facts may arrive out of order, so a fact is never dropped because a
// later one came first: only a seq already applied is a duplicate.
//
// Every fact carries the current state of what it is about (the event, the booths changed), so
// applying one to a store whose snapshot already holds it does no harm: once the later facts
// are applied the store is where the server is. That is why a snapshot needs only a seq it is
// at least as new as: every seq the feed knows of was committed before the snapshot was asked
// for (an acknowledged join's seq, a fact received, a catch-up's lastSeq), so the snapshot holds
// them all; the facts after that seq are applied on top of it, in order, whenever they arrive.
import { ref, type Ref } from 'vue';
import type {
  Ack,
  EventFact,
  EventFactData,
  EventFactType,
  EventLeftNotice,
  EventVisibleNotice,
} from '../../../server/contracts/realtime.ts';
import { eventFactTypes } from '../../../server/contracts/realtime.ts';
import type { ActivityPage, ReplayedFact } from '../api/events.ts';

/** A fact as a store's handler gets it. */
export type FeedFact<N extends EventFactType = EventFactType> = EventFact<EventFactData[N], N>;

/**
 * live: in the event's room and up to date. catching-up: joining, filling a gap or loading a
 * snapshot. offline: not in the room (disconnected, refused, taken out, or not followed).
 */
export type FeedStatus = 'live' | 'catching-up' | 'offline';

export interface EventFeedState {
  status: FeedStatus;
  /** In the event's room on this connection: the join was acknowledged. */
  joined: boolean;
  /** The seq of the last fact applied, or of the last snapshot; null before the first one. */
  lastSeq: number | null;
  /** When what the stores hold stopped being known current (ISO 8601); null while live. */
  staleSince: string | null;
}

/** The part of a Socket.IO client socket the feed uses; tests pass a fake. */
export interface FeedSocket {
  readonly connected: boolean;
  /** Connecting, or will reconnect by itself (Socket.IO's `active`). */
  readonly active?: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  emit(event: 'event:join', payload: { eventId: string }, ack: (answer: Ack<{ eventId: string; seq: number }>) => void): unknown;
  emit(event: 'event:leave', payload: { eventId: string }, ack: (answer: Ack<{ eventId: string }>) => void): unknown;
}

export interface FeedApi {
  activity(eventId: string, after: number, limit: number): Promise<ActivityPage>;
}

/** Loads one store's snapshot of one event; rejects when it fails (the store keeps its error). */
export type SnapshotLoader = () => Promise<void>;

export interface EventFeedOptions {
  socket: FeedSocket;
  api: FeedApi;
  now?: () => Date;
  /** Further behind than this, a snapshot is cheaper than the catch-up (the log's page limit). */
  maxGap?: number;
  /** Facts asked for per catch-up call (the server's maximum is 500). */
  pageSize?: number;
  /** First wait before a failed catch-up or snapshot is tried again; doubled each time. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** How long a store's load waits for a join under way before loading on its own. */
  joinWaitMs?: number;
  onError?: (error: unknown, context: string) => void;
}

interface Waiter {
  promise: Promise<void>;
  resolve: () => void;
  timer?: ReturnType<typeof setTimeout>;
}

/** What the feed keeps for one followed event. */
interface Followed {
  eventId: string;
  /** Bumped when the event is forgotten (left, unfollowed): answers to older work are ignored. */
  generation: number;
  joined: boolean;
  joinPending: boolean;
  /** The highest seq known to exist (and so to be committed). */
  known: number;
  /** Facts after the last applied seq, waiting for their predecessors. */
  buffer: Map<number, ReplayedFact>;
  needsSnapshot: boolean;
  /** Stores that asked to reload their snapshot of this event. */
  reloadKeys: Set<string>;
  waiting: Map<string, Waiter>;
  /** Store loads the feed runs now, with facts held back until they are done. */
  loading: Map<string, Promise<void>>;
  /** The token of the work loop running now (catch-up, snapshot, reloads), if any. */
  run: number | null;
  /** A snapshot is loading: facts are buffered, not applied, until it is in. */
  snapshotting: boolean;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  retries: number;
  /** A snapshot was refused (4xx): nothing more is tried until something changes. */
  stalled: boolean;
}

const idleState: EventFeedState = Object.freeze({ status: 'offline', joined: false, lastSeq: null, staleSince: null });

/** A 4xx answer: asking again will not help (429 and 408 will, later). */
function isRefusal(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

const noop = () => undefined;

export function createEventFeed(options: EventFeedOptions) {
  const { socket, api } = options;
  const now = options.now ?? (() => new Date());
  const maxGap = options.maxGap ?? 500;
  const pageSize = options.pageSize ?? 500;
  const retryDelayMs = options.retryDelayMs ?? 2_000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  const joinWaitMs = options.joinWaitMs ?? 2_000;
  const onError = options.onError ?? ((error: unknown, context: string) => console.error(`event feed: ${context}`, error));

  /** Per event, reactive: what pages show ("reconnecting, numbers may be stale since 10:42"). */
  const states = ref<Record<string, EventFeedState>>({});
  const online = ref(socket.connected);
  const followed = new Map<string, Followed>();
  /** Kept after an event is unfollowed (a later follow catches up from it), forgotten on event:left. */
  const lastApplied = new Map<string, number>();
  const loaders = new Map<string, Map<string, SnapshotLoader>>();
  const directRuns = new Map<string, Promise<void>>();
  const handlers = new Map<string, Set<(fact: FeedFact) => void>>();
  const leftHandlers = new Set<(notice: EventLeftNotice) => void>();
  const visibleHandlers = new Set<(notice: EventVisibleNotice) => void>();
  const joinedHandlers = new Set<(eventId: string, seq: number) => void>();
  /** Bumped on every connect and disconnect: a join's answer from another connection is ignored. */
  let connection = 0;
  let runs = 0;

  function safely(context: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      onError(error, context);
    }
  }

  // --- state shown to pages ----------------------------------------------------------------

  function refresh(eventId: string): void {
    const entry = followed.get(eventId);
    const previous = states.value[eventId];
    if (!entry && !previous) return;
    const last = lastApplied.get(eventId);
    let status: FeedStatus = 'offline';
    if (entry && entry.joined && !entry.stalled) {
      const inStep = entry.run === null && last !== undefined && entry.buffer.size === 0 && entry.known <= last;
      status = inStep ? 'live' : 'catching-up';
    } else if (entry && entry.joinPending && socket.connected) {
      status = 'catching-up';
    }
    const staleSince =
      status === 'live' ? null : previous?.status === 'live' ? now().toISOString() : (previous?.staleSince ?? null);
    const next: EventFeedState = { status, joined: entry?.joined ?? false, lastSeq: last ?? null, staleSince };
    if (
      !previous ||
      previous.status !== next.status ||
      previous.joined !== next.joined ||
      previous.lastSeq !== next.lastSeq ||
      previous.staleSince !== next.staleSince
    ) {
      states.value[eventId] = next;
    }
  }

  function stateOf(eventId: string): EventFeedState {
    return states.value[eventId] ?? idleState;
  }

  // --- applying facts in order ---------------------------------------------------------------

  function apply(entry: Followed, fact: ReplayedFact): void {
    lastApplied.set(entry.eventId, fact.seq);
    entry.buffer.delete(fact.seq);
    if (fact.data === null) return; // an old entry with nothing to apply: its seq still counts
    const forType = handlers.get(fact.type);
    if (!forType) return;
    for (const handler of forType) safely(`${fact.type} handler`, () => handler(fact as FeedFact));
  }

  /** Applies the buffered facts that follow the last applied one, in order. */
  function drain(entry: Followed): void {
    let last = lastApplied.get(entry.eventId);
    if (last === undefined) return;
    for (let next = entry.buffer.get(last + 1); next; next = entry.buffer.get(last + 1)) {
      apply(entry, next);
      last = next.seq;
    }
  }

  function receive(fact: ReplayedFact): void {
    const entry = followed.get(fact?.eventId);
    if (!entry || !Number.isSafeInteger(fact.seq)) return;
    const last = lastApplied.get(entry.eventId);
    if (last !== undefined && fact.seq <= last) return; // already applied: a duplicate
    entry.known = Math.max(entry.known, fact.seq);
    // No seq to continue from and no snapshot loading: the next snapshot holds this fact.
    if (last === undefined && !entry.snapshotting) return refresh(entry.eventId);
    if (!entry.buffer.has(fact.seq)) entry.buffer.set(fact.seq, fact);
    if (entry.buffer.size > maxGap) {
      // Too much waiting for a gap to close: a snapshot (after all of them) is cheaper.
      entry.buffer.clear();
      entry.needsSnapshot = true;
    }
    // While a snapshot loads, facts wait: applied before it is in, they would be overwritten.
    if (!entry.snapshotting) drain(entry);
    entry.stalled = false;
    schedule(entry);
    refresh(entry.eventId);
  }

  // --- catch-up and snapshots ------------------------------------------------------------------

  function hasWork(entry: Followed): boolean {
    const last = lastApplied.get(entry.eventId);
    return last === undefined || entry.needsSnapshot || entry.buffer.size > 0 || entry.known > last || entry.reloadKeys.size > 0;
  }

  function schedule(entry: Followed): void {
    if (entry.run !== null || !entry.joined || entry.stalled || entry.retryTimer !== undefined) return;
    if (hasWork(entry)) void work(entry);
  }

  function retryLater(entry: Followed): void {
    const delay = Math.min(retryDelayMs * 2 ** entry.retries, maxRetryDelayMs);
    entry.retries += 1;
    entry.retryTimer = setTimeout(() => {
      entry.retryTimer = undefined;
      schedule(entry);
    }, delay);
  }

  /** One loop per event at a time: snapshot, catch-up or reloads until the event is in step. */
  async function work(entry: Followed): Promise<void> {
    const token = ++runs;
    const generation = entry.generation;
    entry.run = token;
    const current = () => entry.run === token && entry.generation === generation && followed.get(entry.eventId) === entry;
    refresh(entry.eventId);
    /** The log gave nothing right after a snapshot: wait before asking again, not in a loop. */
    let snapshotted = false;
    try {
      while (current() && entry.joined && !entry.stalled) {
        const last = lastApplied.get(entry.eventId);
        const step =
          last === undefined || entry.needsSnapshot || entry.known - last > maxGap
            ? 'snapshot'
            : entry.buffer.size > 0 || entry.known > last
              ? 'catch-up'
              : entry.reloadKeys.size > 0
                ? 'reload'
                : null;
        if (!step) break;
        try {
          if (step === 'catch-up') {
            const progressed = await catchUp(entry, last!, current);
            if (!progressed && current()) {
              if (snapshotted) throw new Error('the activity log lacks facts the feed was sent');
              // The log lacks what we wait for: the state says what it led to.
              entry.needsSnapshot = true;
            }
          } else await snapshot(entry, step === 'snapshot' ? 'all' : [...entry.reloadKeys], current);
          snapshotted = step === 'snapshot';
          entry.retries = 0;
        } catch (error) {
          if (!current()) break;
          if (step === 'catch-up' && isRefusal(error)) {
            entry.needsSnapshot = true; // the log will not say: read the state instead
            continue;
          }
          if (isRefusal(error)) entry.stalled = true;
          else retryLater(entry);
          break;
        }
      }
    } finally {
      if (entry.run === token) entry.run = null;
      refresh(entry.eventId);
    }
  }

  /** One page of the log after `after`; false when it moved nothing on. */
  async function catchUp(entry: Followed, after: number, current: () => boolean): Promise<boolean> {
    const page = await api.activity(entry.eventId, after, pageSize);
    if (!current()) return true;
    entry.known = Math.max(entry.known, page.lastSeq);
    for (const item of page.items) {
      // Facts from the socket may have been applied while the page was on its way.
      const last = lastApplied.get(entry.eventId)!;
      if (item.seq <= last) continue;
      if (item.seq === last + 1) apply(entry, item);
      else if (!entry.buffer.has(item.seq)) entry.buffer.set(item.seq, item);
      drain(entry);
    }
    drain(entry);
    return lastApplied.get(entry.eventId) !== after;
  }

  function takeWaiter(entry: Followed, key: string): Waiter | undefined {
    const waiter = entry.waiting.get(key);
    if (!waiter) return undefined;
    entry.waiting.delete(key);
    clearTimeout(waiter.timer);
    return waiter;
  }

  function runCoordinated(entry: Followed, key: string, loader: SnapshotLoader): Promise<void> {
    const waiter = takeWaiter(entry, key);
    const running = Promise.resolve().then(loader);
    const settled = running.then(noop, noop);
    entry.loading.set(key, settled);
    void settled.then(() => {
      if (entry.loading.get(key) === settled) entry.loading.delete(key);
      waiter?.resolve();
    });
    return running;
  }

  /**
   * Loads the stores' snapshots while facts wait, then applies the facts after them. 'all' is a
   * fresh start: the feed continues from the newest seq it knew of when the loads were asked for.
   * A list of keys is a store asking to reload: the feed continues from where it was.
   */
  async function snapshot(entry: Followed, keys: 'all' | string[], current: () => boolean): Promise<void> {
    const { eventId } = entry;
    const full = keys === 'all';
    const base = full ? Math.max(entry.known, lastApplied.get(eventId) ?? 0) : lastApplied.get(eventId)!;
    const registered = loaders.get(eventId) ?? new Map<string, SnapshotLoader>();
    const chosen = full ? [...registered.keys()] : keys.filter((key) => registered.has(key));
    if (full) {
      entry.reloadKeys.clear();
      entry.needsSnapshot = false;
    } else {
      for (const key of keys) entry.reloadKeys.delete(key);
    }
    entry.snapshotting = true;
    let results: PromiseSettledResult<void>[];
    try {
      results = await Promise.allSettled(chosen.map((key) => runCoordinated(entry, key, registered.get(key)!)));
    } finally {
      if (current()) entry.snapshotting = false;
    }
    if (!current()) return;
    if (full) {
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      if (failures.length > 0) {
        entry.needsSnapshot = true;
        throw failures.find(isRefusal) ?? failures[0];
      }
      lastApplied.set(eventId, Math.max(base, lastApplied.get(eventId) ?? base));
      for (const seq of entry.buffer.keys()) if (seq <= base) entry.buffer.delete(seq);
    }
    // A store whose own reload failed shows its error; the feed goes on.
    drain(entry);
  }

  function runDirect(eventId: string, key: string): Promise<void> {
    const id = `${eventId}\u0000${key}`;
    const running = directRuns.get(id);
    if (running) return running;
    const loader = loaders.get(eventId)?.get(key);
    if (!loader) return Promise.resolve();
    const run: Promise<void> = Promise.resolve()
      .then(loader)
      .then(noop, noop)
      .finally(() => {
        if (directRuns.get(id) === run) directRuns.delete(id);
      });
    directRuns.set(id, run);
    return run;
  }

  function waitFor(entry: Followed, key: string, timeoutMs?: number): Promise<void> {
    let waiter = entry.waiting.get(key);
    if (!waiter) {
      let resolve = noop as () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      waiter = { promise, resolve };
      entry.waiting.set(key, waiter);
    }
    if (timeoutMs !== undefined && waiter.timer === undefined) {
      const own = waiter;
      // The join is slow in coming: load without it (the snapshot after the join will follow).
      own.timer = setTimeout(() => {
        if (entry.waiting.get(key) !== own) return;
        entry.waiting.delete(key);
        entry.reloadKeys.delete(key);
        void runDirect(entry.eventId, key).then(own.resolve);
      }, timeoutMs);
    }
    return waiter.promise;
  }

  function releaseWaiters(entry: Followed, loadAlone: boolean): void {
    const keys = [...entry.waiting.keys()];
    for (const key of keys) {
      const waiter = takeWaiter(entry, key)!;
      entry.reloadKeys.delete(key);
      if (loadAlone) void runDirect(entry.eventId, key).then(waiter.resolve);
      else waiter.resolve();
    }
  }

  // --- rooms ---------------------------------------------------------------------------------

  function join(entry: Followed): void {
    const epoch = connection;
    const generation = entry.generation;
    const { eventId } = entry;
    entry.joinPending = true;
    refresh(eventId);
    socket.emit('event:join', { eventId }, (answer) => {
      if (epoch !== connection || generation !== entry.generation || followed.get(eventId) !== entry) return;
      entry.joinPending = false;
      if (!answer?.ok) {
        // Refused (not visible to us, or gone): loads waiting for the join go on alone.
        entry.joined = false;
        releaseWaiters(entry, true);
        refresh(eventId);
        return;
      }
      entry.joined = true;
      entry.stalled = false;
      entry.retries = 0;
      clearTimeout(entry.retryTimer);
      entry.retryTimer = undefined;
      entry.known = Math.max(entry.known, answer.data.seq);
      for (const handler of joinedHandlers) safely('joined handler', () => handler(eventId, answer.data.seq));
      schedule(entry);
      refresh(eventId);
    });
  }

  function newFollowed(eventId: string): Followed {
    return {
      eventId,
      generation: 0,
      joined: false,
      joinPending: false,
      known: lastApplied.get(eventId) ?? 0,
      buffer: new Map(),
      needsSnapshot: false,
      reloadKeys: new Set(),
      waiting: new Map(),
      loading: new Map(),
      run: null,
      snapshotting: false,
      retryTimer: undefined,
      retries: 0,
      stalled: false,
    };
  }

  /** Stops whatever runs for the event; its answers will be ignored. */
  function stopWork(entry: Followed): void {
    entry.generation += 1;
    entry.run = null;
    entry.snapshotting = false;
    clearTimeout(entry.retryTimer);
    entry.retryTimer = undefined;
    entry.retries = 0;
    releaseWaiters(entry, false);
    entry.reloadKeys.clear();
    entry.buffer.clear();
    entry.loading.clear();
  }

  /** Follows an event: joins its room now (or once connected) and after every reconnect. */
  function follow(eventId: string): void {
    let entry = followed.get(eventId);
    if (!entry) {
      entry = newFollowed(eventId);
      followed.set(eventId, entry);
    }
    if (socket.connected && !entry.joined && !entry.joinPending) join(entry);
    refresh(eventId);
  }

  /** Leaves the event's room. Its last seq is kept: following it again catches up from there. */
  function unfollow(eventId: string): void {
    const entry = followed.get(eventId);
    if (!entry) return;
    stopWork(entry);
    followed.delete(eventId);
    if (socket.connected) socket.emit('event:leave', { eventId }, noop);
    refresh(eventId);
  }

  function isFollowing(eventId: string): boolean {
    return followed.has(eventId);
  }

  // --- stores' snapshots ---------------------------------------------------------------------

  /** A store's loader of its snapshot of one event, run by the feed when it needs a fresh start. */
  function setLoader(eventId: string, key: string, loader: SnapshotLoader): void {
    let forEvent = loaders.get(eventId);
    if (!forEvent) loaders.set(eventId, (forEvent = new Map()));
    forEvent.set(key, loader);
  }

  function removeLoader(eventId: string, key: string): void {
    loaders.get(eventId)?.delete(key);
  }

  /**
   * Runs a store's loader of an event so that no fact is lost or undone by it: while it loads,
   * the event's facts wait, and are applied after it. A load asked for in the same tick as the
   * event's join (a page loading, then joining) waits for the join and runs once, after it.
   * Never rejects: the store keeps its own error.
   */
  async function reload(eventId: string, key: string): Promise<void> {
    await Promise.resolve();
    if (!loaders.get(eventId)?.has(key)) return;
    const entry = followed.get(eventId);
    if (!entry) return runDirect(eventId, key);
    const running = entry.loading.get(key);
    if (running) return running;
    if (entry.joined) {
      entry.stalled = false;
      entry.reloadKeys.add(key);
      const waiting = waitFor(entry, key);
      schedule(entry);
      return waiting;
    }
    if (entry.joinPending || (!socket.connected && socket.active)) {
      entry.reloadKeys.add(key);
      return waitFor(entry, key, joinWaitMs);
    }
    return runDirect(eventId, key);
  }

  // --- registries ----------------------------------------------------------------------------

  function on<N extends EventFactType>(type: N, handler: (fact: FeedFact<N>) => void): () => void {
    let forType = handlers.get(type);
    if (!forType) handlers.set(type, (forType = new Set()));
    const stored = handler as (fact: FeedFact) => void;
    forType.add(stored);
    return () => forType.delete(stored);
  }

  function subscribe<H>(set: Set<H>, handler: H): () => void {
    set.add(handler);
    return () => set.delete(handler);
  }

  // --- the socket ----------------------------------------------------------------------------

  function onConnect(): void {
    connection += 1;
    online.value = true;
    for (const entry of followed.values()) {
      entry.joined = false;
      entry.joinPending = false;
      join(entry);
    }
  }

  function onDisconnect(): void {
    connection += 1;
    online.value = false;
    for (const entry of followed.values()) {
      entry.joined = false;
      entry.joinPending = false;
      refresh(entry.eventId);
    }
  }

  /** Taken out of the room (set back to draft): nothing held of it is current, its seq included. */
  function onLeft(notice: EventLeftNotice): void {
    const { eventId } = notice;
    const entry = followed.get(eventId);
    lastApplied.delete(eventId);
    if (entry) {
      stopWork(entry);
      entry.joined = false;
      entry.joinPending = false;
      entry.known = 0;
      entry.needsSnapshot = false;
      entry.stalled = false;
    }
    refresh(eventId);
    for (const handler of leftHandlers) safely('event:left handler', () => handler(notice));
  }

  /** A followed event we are not in the room of (withdrawn, refused) is visible again: join. */
  function onVisible(notice: EventVisibleNotice): void {
    const entry = followed.get(notice.eventId);
    if (entry && socket.connected && !entry.joined && !entry.joinPending) join(entry);
    for (const handler of visibleHandlers) safely('event:visible handler', () => handler(notice));
  }

  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('event:left', onLeft);
  socket.on('event:visible', onVisible);
  for (const type of eventFactTypes) socket.on(type, receive);

  /** Forgets everything (signing out); handlers registered by stores stay. */
  function clear(): void {
    for (const entry of followed.values()) stopWork(entry);
    followed.clear();
    lastApplied.clear();
    loaders.clear();
    directRuns.clear();
    states.value = {};
  }

  function dispose(): void {
    clear();
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('event:left', onLeft);
    socket.off('event:visible', onVisible);
    for (const type of eventFactTypes) socket.off(type, receive);
  }

  return {
    /** Per event: status, joined, lastSeq, staleSince (reactive). */
    states: states as Readonly<Ref<Readonly<Record<string, EventFeedState>>>>,
    /** The socket is connected. */
    online: online as Readonly<Ref<boolean>>,
    stateOf,
    lastSeqOf: (eventId: string): number | undefined => lastApplied.get(eventId),
    follow,
    unfollow,
    isFollowing,
    on,
    onLeft: (handler: (notice: EventLeftNotice) => void) => subscribe(leftHandlers, handler),
    onVisible: (handler: (notice: EventVisibleNotice) => void) => subscribe(visibleHandlers, handler),
    onJoined: (handler: (eventId: string, seq: number) => void) => subscribe(joinedHandlers, handler),
    setLoader,
    removeLoader,
    reload,
    clear,
    dispose,
  };
}

export type EventFeed = ReturnType<typeof createEventFeed>;
