// The client's event feed on a fake socket and a fake activity log: facts of one event share
// one seq, may arrive late, early, twice or not at all, and every store must end up with each
// change exactly once, in order.
import { afterEach, describe, expect, it } from 'vitest';
import { createEventFeed, type EventFeed } from '../../client/src/realtime/feed.ts';
import { FakeLog, FakeSocket, deferred, settle } from './feed-fakes.ts';

const E = 'event-1';

let feeds: EventFeed[] = [];
afterEach(() => {
  for (const feed of feeds) feed.dispose();
  feeds = [];
});

/** A feed on a fake socket, with a store that records the seqs it is handed and counts its snapshots. */
function setup(options: { pageSize?: number; maxGap?: number; retryDelayMs?: number; joinWaitMs?: number } = {}) {
  const log = new FakeLog();
  const socket = new FakeSocket(log);
  let clock = new Date('2026-12-10T03:15:00Z');
  const feed = createEventFeed({
    socket,
    api: { activity: (eventId, after, limit) => log.activity(eventId, after, limit) },
    now: () => clock,
    retryDelayMs: options.retryDelayMs ?? 1,
    joinWaitMs: options.joinWaitMs ?? 1_000,
    onError: (error) => {
      throw error;
    },
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    ...(options.maxGap ? { maxGap: options.maxGap } : {}),
  });
  feeds.push(feed);
  const applied: number[] = [];
  feed.on('booths:changed', (fact) => applied.push(fact.seq));
  feed.on('event:updated', (fact) => applied.push(fact.seq));
  const snapshots: number[] = [];
  let snapshotGate: Promise<void> | undefined;
  feed.setLoader(E, 'store', async () => {
    snapshots.push(log.lastSeq(E));
    await snapshotGate;
  });
  return {
    log,
    socket,
    feed,
    applied,
    snapshots,
    holdSnapshots() {
      const gate = deferred();
      snapshotGate = gate.promise;
      return () => {
        snapshotGate = undefined;
        gate.resolve();
      };
    },
    holdActivity() {
      const gate = deferred();
      log.gate = gate.promise;
      return () => {
        log.gate = undefined;
        gate.resolve();
      };
    },
    setClock(next: string) {
      clock = new Date(next);
    },
  };
}

/** Followed, joined and live at seq `at` (the first snapshot taken there). */
async function liveAt(at: number, options?: Parameters<typeof setup>[0]) {
  const t = setup(options);
  t.log.addMany(E, at);
  t.feed.follow(E);
  t.socket.connect();
  await settle();
  expect(t.feed.stateOf(E)).toMatchObject({ status: 'live', joined: true, lastSeq: at });
  expect(t.snapshots).toEqual([at]);
  return t;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('the event feed', () => {
  it('joins a followed event once connected, takes a snapshot at the acknowledged seq and applies what follows', async () => {
    const t = setup();
    t.log.addMany(E, 7);
    t.feed.follow(E);
    expect(t.socket.joins).toEqual([]);
    expect(t.feed.stateOf(E).status).toBe('offline');
    t.socket.connect();
    expect(t.socket.joins).toEqual([E]);
    expect(t.feed.stateOf(E).status).toBe('catching-up');
    await settle();
    expect(t.snapshots).toEqual([7]);
    expect(t.log.calls).toEqual([]);
    t.log.add(E);
    t.socket.deliverSeqs(E, [8]);
    expect(t.applied).toEqual([8]);
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'live', lastSeq: 8 });
  });

  it('catches up the 50 changes missed while disconnected after reconnecting, each applied exactly once and in order', async () => {
    const t = await liveAt(0, { pageSize: 20 });
    t.log.addMany(E, 5);
    t.socket.deliverSeqs(E, [1, 2, 3, 4, 5]);
    t.socket.disconnect();
    t.log.addMany(E, 50); // 6..55, never delivered
    const release = t.holdActivity();
    t.socket.connect();
    await settle();
    expect(t.feed.stateOf(E).status).toBe('catching-up');
    // While the catch-up is on its way: a new change live, and one delivered again.
    t.log.add(E);
    t.socket.deliverSeqs(E, [56, 30, 5]);
    release();
    await settle();
    expect(t.applied).toEqual(range(1, 56));
    expect(t.log.calls.map((c) => c.after)).toEqual([5, 25, 45]);
    expect(t.snapshots).toEqual([0]);
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'live', lastSeq: 56 });
  });

  it('applies facts delivered out of order (5, 3, 4, 2) in order and loses none', async () => {
    const t = await liveAt(1);
    t.log.addMany(E, 4);
    const release = t.holdActivity();
    t.socket.deliverSeqs(E, [5, 3, 4]);
    expect(t.applied).toEqual([]); // 2 is missing: nothing after it may go first
    t.socket.deliverSeqs(E, [2]);
    expect(t.applied).toEqual([2, 3, 4, 5]);
    release();
    await settle();
    expect(t.applied).toEqual([2, 3, 4, 5]);
    expect(t.log.calls).toHaveLength(1);
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'live', lastSeq: 5 });
  });

  it('fills a gap from the facts themselves when the catch-up call fails', async () => {
    const t = await liveAt(1, { retryDelayMs: 60_000 });
    t.log.addMany(E, 4);
    t.log.failures.push(Object.assign(new Error('The server cannot be reached'), { status: 0 }));
    t.socket.deliverSeqs(E, [4]);
    await settle();
    expect(t.log.calls).toHaveLength(1);
    expect(t.feed.stateOf(E).status).toBe('catching-up');
    t.socket.deliverSeqs(E, [5, 2, 3]);
    expect(t.applied).toEqual([2, 3, 4, 5]);
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'live', lastSeq: 5 });
  });

  it('drops a fact already applied or already waiting', async () => {
    const t = await liveAt(0);
    t.log.addMany(E, 4);
    const release = t.holdActivity();
    t.socket.deliverSeqs(E, [1, 1, 3, 3, 2, 2, 1]);
    expect(t.applied).toEqual([1, 2, 3]);
    release();
    await settle();
    t.socket.deliverSeqs(E, [4, 4]);
    expect(t.applied).toEqual([1, 2, 3, 4]);
  });

  it('asks for one catch-up per gap, however many facts arrive after it meanwhile', async () => {
    const t = await liveAt(1);
    t.log.addMany(E, 5);
    const release = t.holdActivity();
    t.socket.deliverSeqs(E, [4, 5, 6]);
    await settle();
    expect(t.log.calls).toEqual([{ eventId: E, after: 1, limit: 500 }]);
    release();
    await settle();
    expect(t.applied).toEqual([2, 3, 4, 5, 6]);
    expect(t.log.calls).toHaveLength(1);
    // In step again: the next fact needs no call.
    t.log.add(E);
    t.socket.deliverSeqs(E, [7]);
    await settle();
    expect(t.log.calls).toHaveLength(1);
    expect(t.applied.at(-1)).toBe(7);
  });

  it('takes a snapshot instead of a catch-up when it is more than 500 behind, and goes on from it', async () => {
    const t = await liveAt(3);
    t.socket.disconnect();
    t.log.addMany(E, 600);
    t.socket.connect();
    await settle();
    expect(t.log.calls).toEqual([]);
    expect(t.snapshots).toEqual([3, 603]);
    expect(t.applied).toEqual([]);
    t.log.add(E);
    t.socket.deliverSeqs(E, [604]);
    expect(t.applied).toEqual([604]);
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'live', lastSeq: 604 });
  });

  it('takes a snapshot when a live fact shows it is more than 500 behind', async () => {
    const t = await liveAt(1);
    t.log.addMany(E, 700);
    t.socket.deliverSeqs(E, [701]);
    await settle();
    expect(t.log.calls).toEqual([]);
    expect(t.snapshots).toEqual([1, 701]);
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'live', lastSeq: 701 });
  });

  it('takes a snapshot when the catch-up is refused with a 4xx', async () => {
    const t = await liveAt(2);
    t.log.addMany(E, 3);
    t.log.failures.push(Object.assign(new Error('Bad request'), { status: 400 }));
    t.socket.deliverSeqs(E, [5]);
    await settle();
    expect(t.log.calls).toHaveLength(1);
    expect(t.snapshots).toEqual([2, 5]);
    expect(t.applied).toEqual([]);
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'live', lastSeq: 5 });
  });

  it('settles a gap the log cannot fill with a snapshot, and then waits instead of asking in a loop', async () => {
    const t = await liveAt(1, { retryDelayMs: 60_000 });
    const notLogged = (seq: number) => ({ ...t.log.fact(E, 1), seq });
    const release = t.holdSnapshots();
    t.socket.deliver('booths:changed', notLogged(3)); // sent, but the log (a lagging copy) has only 1
    await settle();
    expect(t.log.calls.map((c) => c.after)).toEqual([1]);
    expect(t.snapshots).toEqual([1, 1]);
    t.socket.deliver('booths:changed', notLogged(5)); // arrives while the snapshot loads
    release();
    await settle();
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'catching-up', lastSeq: 3 });
    expect(t.log.calls.map((c) => c.after)).toEqual([1, 3]);
    expect(t.snapshots).toHaveLength(2);
  });

  it('applies the facts that arrive while a snapshot loads after it, once, and not those it already holds', async () => {
    const t = setup();
    t.log.addMany(E, 10);
    t.feed.follow(E);
    const release = t.holdSnapshots();
    t.socket.connect();
    await settle();
    expect(t.snapshots).toEqual([10]);
    t.log.addMany(E, 3);
    t.socket.deliverSeqs(E, [9, 12, 11, 12, 10]);
    expect(t.applied).toEqual([]); // not before the snapshot is in, which would overwrite them
    release();
    await settle();
    expect(t.applied).toEqual([11, 12]);
    expect(t.log.calls).toHaveLength(0);
    t.socket.deliverSeqs(E, [13]);
    expect(t.applied).toEqual([11, 12, 13]);
  });

  it('fills a gap left behind a snapshot from the log', async () => {
    const t = setup();
    t.log.addMany(E, 10);
    t.feed.follow(E);
    const release = t.holdSnapshots();
    t.socket.connect();
    await settle();
    t.log.addMany(E, 3);
    t.socket.deliverSeqs(E, [13]); // 11 and 12 lost on the way
    release();
    await settle();
    expect(t.log.calls.map((c) => c.after)).toEqual([10]);
    expect(t.applied).toEqual([11, 12, 13]);
  });

  it('holds facts back while a store reloads its snapshot, then applies them on top of it', async () => {
    const t = await liveAt(3);
    const release = t.holdSnapshots();
    const reloaded = t.feed.reload(E, 'store');
    await settle();
    expect(t.snapshots).toEqual([3, 3]);
    t.log.addMany(E, 2);
    t.socket.deliverSeqs(E, [4, 5]);
    expect(t.applied).toEqual([]);
    release();
    await reloaded;
    await settle();
    expect(t.applied).toEqual([4, 5]);
  });

  it('runs a load asked for in the same tick as the join once, after the join is acknowledged', async () => {
    const t = setup();
    t.socket.connected = true;
    t.socket.holdAcks = true;
    t.log.addMany(E, 4);
    const loaded = t.feed.reload(E, 'store');
    t.feed.follow(E);
    await settle();
    expect(t.snapshots).toEqual([]);
    t.socket.releaseAcks();
    await loaded;
    expect(t.snapshots).toEqual([4]);
  });

  it('counts the seq of a replayed entry with nothing to apply without handing it to a store', async () => {
    const t = await liveAt(1);
    t.log.add(E, 'booths:changed', null);
    t.log.add(E);
    t.socket.deliverSeqs(E, [3]);
    await settle();
    expect(t.applied).toEqual([3]);
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'live', lastSeq: 3 });
  });

  it('forgets an event taken out of its room, and starts afresh when it is visible and joined again', async () => {
    const t = await liveAt(2);
    const left: string[] = [];
    t.feed.onLeft((notice) => left.push(notice.eventId));
    t.socket.deliver('event:left', { eventId: E, reason: 'unpublished' });
    expect(left).toEqual([E]);
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'offline', joined: false, lastSeq: null });
    t.log.addMany(E, 3); // changes while withdrawn, never sent to us
    t.socket.deliver('event:visible', { eventId: E });
    expect(t.socket.joins).toEqual([E, E]);
    await settle();
    expect(t.snapshots).toEqual([2, 5]);
    expect(t.log.calls).toEqual([]);
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'live', lastSeq: 5 });
  });

  it('catches up from where it was when an event is followed again', async () => {
    const t = await liveAt(2);
    t.feed.unfollow(E);
    expect(t.socket.leaves).toEqual([E]);
    t.log.addMany(E, 3);
    t.feed.follow(E);
    await settle();
    expect(t.log.calls.map((c) => c.after)).toEqual([2]);
    expect(t.applied).toEqual([3, 4, 5]);
    expect(t.snapshots).toEqual([2]);
  });

  it('says whether it is live, catching up or offline, and since when what it holds may be stale', async () => {
    const t = await liveAt(1);
    expect(t.feed.stateOf(E).staleSince).toBeNull();
    t.setClock('2026-12-10T03:42:00Z');
    t.socket.disconnect();
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'offline', joined: false, staleSince: '2026-12-10T03:42:00.000Z' });
    expect(t.feed.online.value).toBe(false);
    t.setClock('2026-12-10T03:50:00Z');
    t.log.addMany(E, 2);
    const release = t.holdActivity();
    t.socket.connect();
    await settle();
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'catching-up', joined: true, staleSince: '2026-12-10T03:42:00.000Z' });
    release();
    await settle();
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'live', staleSince: null, lastSeq: 3 });
  });

  it('is offline for an event whose join is refused, and loads waiting for that join go on alone', async () => {
    const t = setup();
    t.socket.connected = true;
    t.socket.holdAcks = true;
    t.socket.refused.add(E);
    const loaded = t.feed.reload(E, 'store');
    t.feed.follow(E);
    await settle();
    t.socket.releaseAcks();
    await loaded;
    expect(t.snapshots).toEqual([0]);
    expect(t.feed.stateOf(E)).toMatchObject({ status: 'offline', joined: false });
  });
});
