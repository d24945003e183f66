// The events and booths stores on the event feed (a fake socket and activity log, the API's
// reads stubbed): they apply the facts the feed hands them, in order, and a read racing the
// facts never undoes one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { BoothDto, EventDto } from '../../server/contracts/index.ts';
import { eventsApi } from '../../client/src/api/events.ts';
import { createEventFeed, type EventFeed } from '../../client/src/realtime/feed.ts';
import { setEventFeed } from '../../client/src/realtime/useEventFeed.ts';
import { useEventsStore } from '../../client/src/stores/events.ts';
import { useBoothsStore } from '../../client/src/stores/booths.ts';
import { FakeLog, FakeSocket, deferred, settle } from './feed-fakes.ts';

const E = 'fair-1';

const event = (over: Partial<EventDto> = {}): EventDto => ({
  id: E,
  kind: 'fair',
  name: 'Hội chợ OCOP Tây Nguyên 2026',
  venue: 'Buôn Ma Thuột',
  hostProvince: { id: 'p-dl', name: 'Đắk Lắk' },
  partnerProvinces: [],
  startsAt: '2026-12-10T08:00:00+07:00',
  endsAt: '2026-12-13T17:00:00+07:00',
  timeZone: 'Asia/Ho_Chi_Minh',
  status: 'published',
  seq: 0,
  ...over,
});

const booth = (id: string, over: Partial<BoothDto> = {}): BoothDto => ({
  id,
  code: id.toUpperCase(),
  zone: 'A',
  type: 'standard',
  status: 'available',
  widthM: 3,
  depthM: 3,
  priceVnd: 3_000_000,
  x: 0,
  y: 0,
  ...over,
});

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

/** An event:updated fact appended to the log, for the event as `over` makes it. */
function eventUpdated(over: Partial<EventDto>) {
  const seq = log.lastSeq(E) + 1;
  return log.add(E, 'event:updated', event({ ...over, seq }));
}

function boothsChanged(booths: BoothDto[], removedIds: string[] = []) {
  return log.add(E, 'booths:changed', { change: 'updated', booths, removedIds });
}

describe('the events store on the feed', () => {
  it('reads an event once when a page loads it and joins its room in the same tick, after the join', async () => {
    const get = vi.spyOn(eventsApi, 'get').mockImplementation(async () => event({ seq: log.lastSeq(E) }));
    log.addMany(E, 3);
    socket.connect();
    const events = useEventsStore();
    void events.loadOne(E);
    events.joinRoom(E);
    await settle();
    expect(get).toHaveBeenCalledTimes(1);
    expect(events.isLive(E)).toBe(true);
    expect(events.feedState(E)).toMatchObject({ status: 'live', lastSeq: 3 });
    expect(events.lastSeq[E]).toBe(3);
    expect(events.eventState(E)).toMatchObject({ loaded: true, loading: false, error: null });
  });

  it('applies changes of the event in order, whatever order they arrive in', async () => {
    vi.spyOn(eventsApi, 'get').mockImplementation(async () => event({ seq: log.lastSeq(E) }));
    socket.connect();
    const events = useEventsStore();
    events.joinRoom(E);
    await settle();
    eventUpdated({ venue: 'Venue 1' });
    boothsChanged([]);
    eventUpdated({ venue: 'Venue 3' });
    socket.deliverSeqs(E, [3, 2]); // 1 is late
    expect(events.byId[E]?.venue).toBe(event().venue);
    socket.deliverSeqs(E, [1]);
    expect(events.byId[E]).toMatchObject({ venue: 'Venue 3', seq: 3 });
  });

  it('forgets an event taken out of its room and says it is withdrawn; joins and reads it again once it is visible', async () => {
    const get = vi
      .spyOn(eventsApi, 'get')
      .mockImplementation(async () => event({ seq: log.lastSeq(E), name: `as at ${log.lastSeq(E)}` }));
    socket.connect();
    const events = useEventsStore();
    events.joinRoom(E);
    await settle();
    socket.deliver('event:left', { eventId: E, reason: 'unpublished' });
    expect(events.byId[E]).toBeUndefined();
    expect(events.isWithdrawn(E)).toBe(true);
    expect(events.isLive(E)).toBe(false);
    log.addMany(E, 2);
    socket.deliver('event:visible', { eventId: E });
    await settle();
    expect(events.isWithdrawn(E)).toBe(false);
    expect(events.isLive(E)).toBe(true);
    expect(get).toHaveBeenCalledTimes(2);
    expect(events.byId[E]?.name).toBe('as at 2');
  });

  it('does not let a list read overwrite an event the feed keeps live', async () => {
    vi.spyOn(eventsApi, 'get').mockImplementation(async () => event({ seq: log.lastSeq(E) }));
    const listed = deferred<{ items: EventDto[] }>();
    vi.spyOn(eventsApi, 'list').mockReturnValue(listed.promise);
    socket.connect();
    const events = useEventsStore();
    events.joinRoom(E);
    await settle();
    const listing = events.load();
    eventUpdated({ venue: 'Moved' });
    socket.deliverSeqs(E, [1]);
    listed.resolve({ items: [event({ seq: 1, venue: 'Buôn Ma Thuột' })] }); // read before the move
    await listing;
    expect(events.byId[E]?.venue).toBe('Moved');
  });

  it('leaves the room when the page leaves', async () => {
    vi.spyOn(eventsApi, 'get').mockImplementation(async () => event());
    socket.connect();
    const events = useEventsStore();
    events.joinRoom(E);
    await settle();
    events.leaveRoom(E);
    expect(socket.leaves).toEqual([E]);
    expect(events.isLive(E)).toBe(false);
  });
});

describe('the booths store on the feed', () => {
  async function liveFair(booths: BoothDto[]) {
    vi.spyOn(eventsApi, 'get').mockImplementation(async () => event({ seq: log.lastSeq(E) }));
    const read = vi.spyOn(eventsApi, 'booths').mockResolvedValue({ items: booths });
    socket.connect();
    const events = useEventsStore();
    const store = useBoothsStore();
    void events.loadOne(E);
    void store.load(E);
    events.joinRoom(E);
    await settle();
    expect(read).toHaveBeenCalledTimes(1);
    return { store, read };
  }

  it('applies booth changes: replaced by id, removed, and new ones added to the fair', async () => {
    const { store } = await liveFair([booth('a1'), booth('a2'), booth('b1', { zone: 'B' })]);
    boothsChanged(
      [booth('a1', { status: 'assigned', producerId: 'htx-caphe', producerName: 'HTX Cà phê' }), booth('a3')],
      ['a2'],
    );
    socket.deliverSeqs(E, [1]);
    expect(store.boothsOf(E).map((b) => b.id)).toEqual(['a1', 'b1', 'a3']);
    expect(store.booth('a1')).toMatchObject({ status: 'assigned', producerName: 'HTX Cà phê' });
    expect(store.booth('a2')).toBeUndefined();
    expect(store.zonesOf(E).map((z) => [z.name, z.booths.map((b) => b.code)])).toEqual([
      ['A', ['A1', 'A3']],
      ['B', ['B1']],
    ]);
    expect(store.countsByStatus(E)).toEqual({ available: 2, held: 0, assigned: 1, blocked: 0 });
    expect(store.boothsOfProducer(E, 'htx-caphe').map((b) => b.id)).toEqual(['a1']);
  });

  it('applies a change to booth A that arrives after a later change to booth B', async () => {
    const { store } = await liveFair([booth('a'), booth('b')]);
    boothsChanged([booth('a', { status: 'assigned', producerId: 'p1' })]);
    boothsChanged([booth('b', { status: 'held' })]);
    socket.deliverSeqs(E, [2, 1]);
    expect(store.booth('a')?.status).toBe('assigned');
    expect(store.booth('b')?.status).toBe('held');
  });

  it('keeps a change that arrives while the booths are read again, instead of letting the older read undo it', async () => {
    const { store, read } = await liveFair([booth('a')]);
    const reading = deferred<{ items: BoothDto[] }>();
    read.mockReturnValueOnce(reading.promise);
    const reload = store.load(E);
    await settle();
    boothsChanged([booth('a', { status: 'assigned', producerId: 'p1' })]);
    socket.deliverSeqs(E, [1]);
    reading.resolve({ items: [booth('a')] }); // read before the assignment
    await reload;
    await settle();
    expect(store.booth('a')).toMatchObject({ status: 'assigned', producerId: 'p1' });
  });

  it('ignores changes of a fair whose booths it does not hold', async () => {
    vi.spyOn(eventsApi, 'get').mockImplementation(async () => event({ seq: log.lastSeq(E) }));
    socket.connect();
    const events = useEventsStore();
    const store = useBoothsStore();
    events.joinRoom(E);
    await settle();
    boothsChanged([booth('a')]);
    socket.deliverSeqs(E, [1]);
    expect(store.boothsOf(E)).toEqual([]);
    expect(store.booth('a')).toBeUndefined();
  });

  it('drops the booths of a fair taken out of its room', async () => {
    const { store } = await liveFair([booth('a')]);
    socket.deliver('event:left', { eventId: E, reason: 'unpublished' });
    expect(store.boothsOf(E)).toEqual([]);
    expect(store.booth('a')).toBeUndefined();
  });

  it('keeps an API answer unless a fact changed its booth after the call began', async () => {
    const { store } = await liveFair([booth('a'), booth('b')]);
    const since = store.seqOf(E);
    expect(since).toBe(0);
    // b changed by someone else after our call began, before our answer came back.
    boothsChanged([booth('b', { status: 'held' })]);
    socket.deliverSeqs(E, [1]);
    store.applyBooths(
      E,
      [booth('a', { status: 'assigned', producerId: 'p1' }), booth('b', { status: 'assigned', producerId: 'p1' })],
      since,
    );
    expect(store.booth('a')).toMatchObject({ status: 'assigned', producerId: 'p1' });
    expect(store.booth('b')?.status).toBe('held');
  });
});
