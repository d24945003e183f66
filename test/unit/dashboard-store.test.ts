// The dashboard store on the event feed (a fake socket and activity log, the dashboard answer
// stubbed as the fold of the log's counts up to its last seq): each fact's counts are added once,
// in seq order, whatever order and how many times the socket delivers them; the facts missed
// while offline are caught up from the log; a buyer the labels do not name makes it read the
// answer again; and a burst of 500 facts is drawn only a few times, with exact counters.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { addCounts, dashboardOf, type CountChange, type Counter, type DashboardDto } from '../../server/contracts/dashboard.ts';
import { dashboardApi } from '../../client/src/api/dashboard.ts';
import { createEventFeed, type EventFeed } from '../../client/src/realtime/feed.ts';
import { setEventFeed } from '../../client/src/realtime/useEventFeed.ts';
import { useDashboardStore } from '../../client/src/stores/dashboard.ts';
import { FakeLog, FakeSocket, settle } from './feed-fakes.ts';

const E = 'fair-1';
const BIGC = 'buyer-bigc';
const WINMART = 'buyer-winmart';
const names: Record<string, string> = { [BIGC]: 'BigC / GO!', [WINMART]: 'WinMart' };

let log: FakeLog;
let socket: FakeSocket;
let feed: EventFeed;

beforeEach(() => {
  log = new FakeLog();
  socket = new FakeSocket(log);
  feed = createEventFeed({
    socket,
    api: { activity: (eventId, after, limit) => log.activity(eventId, after, limit) },
    retryDelayMs: 1,
  });
  setEventFeed(feed);
  setActivePinia(createPinia());
});

afterEach(() => {
  feed.dispose();
  setEventFeed(undefined);
  vi.restoreAllMocks();
});

/** A fact in the log with these counts (a booking unless it says more). */
function fact(counts: CountChange[]): number {
  const f = log.add(E, 'meeting:changed', {
    change: 'booked',
    meeting: { id: `m${log.lastSeq(E) + 1}`, sessionId: 's', slotId: 'slot', tableNumber: 1, status: 'booked' },
  });
  f.counts = counts;
  return f.seq;
}
const booking = () => fact([['meetings:booked', 1, 0]]);
const deal = (buyerId: string, valueVnd: number) =>
  fact([
    ['deals', 1, valueVnd],
    [`deals.buyer:${buyerId}`, 1, valueVnd],
  ]);

/** What the server answers: the counts of every fact logged so far, with labels for what they name. */
function answerNow(known: Record<string, string> = names): DashboardDto {
  const counters: Record<string, Counter> = { booths: { count: 10, valueVnd: 0 } };
  for (const f of log.facts.get(E) ?? []) addCounts(counters, f.counts ?? []);
  const labels = { provinces: {}, buyers: known };
  return { eventId: E, seq: log.lastSeq(E), ...dashboardOf(counters, labels) };
}

/** The page's way in: the dashboard loaded through the feed, the room joined in the same tick. */
async function liveDashboard(options: { throttleMs?: number } = {}) {
  const read = vi.spyOn(dashboardApi, 'event').mockImplementation(async () => answerNow());
  socket.connect();
  const dashboard = useDashboardStore().of(E, options);
  const loading = dashboard.load();
  feed.follow(E);
  await loading;
  await settle();
  expect(read).toHaveBeenCalledTimes(1);
  expect(feed.stateOf(E).status).toBe('live');
  return { dashboard, read };
}

const waitForDraw = () => new Promise((resolve) => setTimeout(resolve, 80));

describe('the dashboard store on the feed', () => {
  it('reads the answer once the room is joined and adds each fact once, in order', async () => {
    booking();
    const { dashboard } = await liveDashboard({ throttleMs: 20 });
    expect(dashboard.view.value?.meetings.booked).toBe(1);
    expect(dashboard.heldSeq()).toBe(1);

    const seqs = [booking(), deal(BIGC, 1_250_000_000), booking()];
    socket.deliverSeqs(E, seqs);
    // Duplicates (a retry, two processes) change nothing.
    socket.deliverSeqs(E, seqs);
    socket.deliverSeqs(E, [1]);
    await waitForDraw();
    const view = dashboard.view.value!;
    expect(view.seq).toBe(4);
    expect(view.meetings.booked).toBe(3);
    expect(view.deals).toEqual({ count: 1, valueVnd: 1_250_000_000 });
    expect(view.dealsByBuyer).toEqual([{ buyerId: BIGC, name: 'BigC / GO!', count: 1, valueVnd: 1_250_000_000 }]);
    expect(dashboard.counters()).toEqual(answerNow().counters);
    // The activity feed: newest first, the deal with its value.
    expect(dashboard.activity.value.map((a) => a.seq)).toEqual([4, 3, 2]);
    expect(dashboard.activity.value[1]).toMatchObject({ dealCount: 1, dealVnd: 1_250_000_000 });
  });

  it('does not add a fact the answer already holds (committed between the join and the read)', async () => {
    booking();
    let racing = 0;
    vi.spyOn(dashboardApi, 'event').mockImplementation(async () => {
      racing = booking(); // committed after the join's seq, before the answer was read
      return answerNow();
    });
    socket.connect();
    const dashboard = useDashboardStore().of(E, { throttleMs: 20 });
    const loading = dashboard.load();
    feed.follow(E);
    await loading;
    await settle();
    expect(dashboard.heldSeq()).toBe(2);
    // Its fact reaches the socket after the answer: the feed hands it over (it is after the
    // join's seq), the counters already include it.
    socket.deliverSeqs(E, [racing]);
    await settle();
    await waitForDraw();
    expect(dashboard.view.value?.meetings.booked).toBe(2);
    expect(dashboard.counters()).toEqual(answerNow().counters);
  });

  it('puts facts that come out of order back in order before adding them', async () => {
    const { dashboard } = await liveDashboard({ throttleMs: 20 });
    const seqs = [
      booking(),
      deal(BIGC, 500_000_000),
      fact([
        ['deals', -1, -500_000_000],
        [`deals.buyer:${BIGC}`, -1, -500_000_000],
      ]),
    ];
    const apply = vi.fn();
    feed.on('meeting:changed', (f) => apply(f.seq));
    socket.deliverSeqs(E, [seqs[2]!, seqs[0]!]);
    // The third waits for the second (the feed asks the log for it meanwhile).
    socket.deliverSeqs(E, [seqs[1]!]);
    await settle();
    await waitForDraw();
    expect(apply.mock.calls.map(([seq]) => seq)).toEqual([1, 2, 3]);
    expect(dashboard.view.value?.deals).toEqual({ count: 0, valueVnd: 0 });
    expect(dashboard.view.value?.meetings.booked).toBe(1);
    expect(dashboard.counters()).toEqual(answerNow().counters);
  });

  it('catches up the facts missed while offline from the log, without counting any twice', async () => {
    const { dashboard, read } = await liveDashboard({ throttleMs: 20 });
    socket.deliverSeqs(E, [booking()]);
    socket.disconnect();
    expect(dashboard.staleSince.value).not.toBeNull();
    const missed = [booking(), deal(WINMART, 80_000_000), booking()];
    socket.connect();
    // One of the missed facts also arrives live right after the join.
    socket.deliverSeqs(E, [missed[1]!]);
    await settle();
    await settle();
    await waitForDraw();
    expect(log.calls.at(-1)).toMatchObject({ eventId: E, after: 1 });
    expect(read).toHaveBeenCalledTimes(1); // a catch-up, not a fresh read
    expect(dashboard.heldSeq()).toBe(4);
    expect(dashboard.view.value?.meetings.booked).toBe(3);
    expect(dashboard.view.value?.deals.valueVnd).toBe(80_000_000);
    expect(dashboard.counters()).toEqual(answerNow().counters);
    expect(dashboard.staleSince.value).toBeNull();
  });

  it('reads the answer again for a buyer its labels do not name', async () => {
    const { dashboard, read } = await liveDashboard({ throttleMs: 20 });
    read.mockImplementation(async () => answerNow({ ...names, 'buyer-new': 'Co.op Mart' }));
    socket.deliverSeqs(E, [deal('buyer-new', 30_000_000)]);
    await settle();
    await waitForDraw();
    expect(read).toHaveBeenCalledTimes(2);
    expect(dashboard.view.value?.dealsByBuyer).toEqual([
      { buyerId: 'buyer-new', name: 'Co.op Mart', count: 1, valueVnd: 30_000_000 },
    ]);
    expect(dashboard.counters()).toEqual(answerNow().counters);
  });

  it('draws a burst of 500 facts a few times only, and loses none', async () => {
    const { dashboard } = await liveDashboard({ throttleMs: 250 });
    const before = dashboard.redraws.value;
    const seqs = Array.from({ length: 500 }, (_, i) => (i % 5 === 4 ? deal(i % 2 ? BIGC : WINMART, 1_000_000) : booking()));
    // Delivered over about half a second, in batches, with some repeated.
    for (let i = 0; i < 500; i += 50) {
      socket.deliverSeqs(E, seqs.slice(i, i + 50));
      socket.deliverSeqs(E, seqs.slice(i, i + 5));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const drawn = dashboard.redraws.value - before;
    expect(drawn).toBeGreaterThanOrEqual(1);
    expect(drawn).toBeLessThanOrEqual(4);
    expect(dashboard.view.value?.seq).toBe(500);
    expect(dashboard.view.value?.meetings.booked).toBe(400);
    expect(dashboard.view.value?.deals).toEqual({ count: 100, valueVnd: 100_000_000 });
    expect(dashboard.counters()).toEqual(answerNow().counters);
  });
});
