// The meetings store on the event feed (a fake socket and activity log, the API's reads
// stubbed): a session's meetings are read through the feed after the join, and the facts the
// feed hands over are applied to them (a new meeting, a cancellation, a move, an outcome), in
// seq order, once each, with the facts missed while offline caught up from the log; a read
// racing a fact never undoes it, and an API answer older than a fact is not kept.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { MeetingDto, MeetingPublicDto, MeetingRequestDto, OutcomeDto } from '../../server/contracts/matchmaking.ts';
import type { MeetingChanged, RequestChanged } from '../../server/contracts/realtime.ts';
import { matchmakingApi, type SessionMeeting } from '../../client/src/api/matchmaking.ts';
import { createEventFeed, type EventFeed } from '../../client/src/realtime/feed.ts';
import { setEventFeed } from '../../client/src/realtime/useEventFeed.ts';
import { useAuthStore } from '../../client/src/stores/auth.ts';
import { useMeetingsStore } from '../../client/src/stores/meetings.ts';
import { FakeLog, FakeSocket, deferred, settle } from './feed-fakes.ts';

const E = 'fair-1';
const S = 'session-1';
const ME = 'user-producer';
const PRODUCER = { id: 'htx-caphe', name: 'HTX Cà phê Chất lượng cao Ea Tul' };
const BIGC = { id: 'bigc', name: 'BigC / GO!' };
const WINMART = { id: 'winmart', name: 'WinMart' };

const slotTimes: Record<string, [string, string]> = {
  s1: ['2026-12-11T08:00:00+07:00', '2026-12-11T08:20:00+07:00'],
  s2: ['2026-12-11T08:20:00+07:00', '2026-12-11T08:40:00+07:00'],
  s3: ['2026-12-11T08:40:00+07:00', '2026-12-11T09:00:00+07:00'],
};

function meeting(id: string, over: Partial<MeetingDto> = {}): MeetingDto {
  const slotId = over.slotId ?? 's1';
  const [startsAt, endsAt] = slotTimes[slotId]!;
  return {
    id,
    eventId: E,
    sessionId: S,
    slotId,
    startsAt,
    endsAt,
    tableNumber: 1,
    buyerSeat: 1,
    status: 'booked',
    source: 'booking',
    producerId: PRODUCER.id,
    buyerId: BIGC.id,
    producer: PRODUCER,
    buyer: BIGC,
    producerCheckedInAt: null,
    buyerCheckedInAt: null,
    sequence: 0,
    outcome: null,
    createdAt: '2026-12-02T09:00:00+07:00',
    ...over,
  };
}

const publicView = (m: MeetingDto | { id: string; slotId: string; tableNumber: number }, over: Partial<MeetingPublicDto> = {}) =>
  ({ id: m.id, sessionId: S, slotId: m.slotId, tableNumber: m.tableNumber, status: 'booked', ...over }) as MeetingPublicDto;

function request(id: string, over: Partial<MeetingRequestDto> = {}): MeetingRequestDto {
  return {
    id,
    eventId: E,
    sessionId: S,
    slotId: 's2',
    startsAt: slotTimes.s2![0],
    endsAt: slotTimes.s2![1],
    producerId: PRODUCER.id,
    buyerId: WINMART.id,
    producer: PRODUCER,
    buyer: WINMART,
    status: 'pending',
    message: '',
    expiresAt: '2026-12-03T09:00:00+07:00',
    decidedAt: null,
    reason: null,
    meetingId: null,
    createdAt: '2026-12-02T09:00:00+07:00',
    ...over,
  };
}

const agreement: OutcomeDto = {
  status: 'agreement',
  valueVnd: 1_250_000_000,
  productIds: [],
  note: '',
  recordedBy: 'buyer',
  recordedAt: '2026-12-11T08:30:00+07:00',
  confirmation: 'pending',
  confirmedAt: null,
};

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
  useAuthStore().user = { id: ME, email: 'htx.caphe@demo.ocop.vn', name: 'HTX', role: 'producer', organisationId: PRODUCER.id };
});

afterEach(() => {
  feed.dispose();
  setEventFeed(undefined);
  vi.restoreAllMocks();
});

/** A meeting:changed fact appended to the log (by an organiser unless `actorId` says who). */
function meetingChanged(
  change: MeetingChanged['change'],
  m: SessionMeeting,
  extra: Partial<MeetingChanged> = {},
  actorId?: string,
) {
  const fact = log.add(E, 'meeting:changed', { change, meeting: m, ...extra });
  if (actorId !== undefined) fact.actorId = actorId;
  return fact.seq;
}

function requestChanged(change: RequestChanged['change'], r: RequestChanged['request'], actorId?: string) {
  const fact = log.add(E, 'request:changed', { change, request: r });
  if (actorId !== undefined) fact.actorId = actorId;
  return fact.seq;
}

/** The page's way in: the session's meetings loaded through the feed, the event's room joined in the same tick. */
async function liveSession(meetings: SessionMeeting[], requests: MeetingRequestDto[] = []) {
  const readMeetings = vi.spyOn(matchmakingApi, 'meetings').mockResolvedValue({ items: meetings });
  const readRequests = vi.spyOn(matchmakingApi, 'requests').mockResolvedValue({ items: requests });
  socket.connect();
  const store = useMeetingsStore();
  const loading = store.load(E, S);
  feed.follow(E);
  await loading;
  await settle();
  expect(readMeetings).toHaveBeenCalledTimes(1);
  expect(store.isLive(S)).toBe(true);
  return { store, readMeetings, readRequests };
}

const cell = (store: ReturnType<typeof useMeetingsStore>, slotId: string, table: number) =>
  store.gridOf(S).get(`${slotId}:${table}`)?.id;

describe('the meetings store on the feed', () => {
  it("reads a session's meetings and requests once, after the event's room is joined", async () => {
    const { store, readRequests } = await liveSession([meeting('m1')], [request('r1')]);
    expect(readRequests).toHaveBeenCalledTimes(1);
    expect(store.meetingsState(S)).toMatchObject({ loaded: true, loading: false, error: null });
    expect(store.wholeMeetingsOf(S).map((m) => m.id)).toEqual(['m1']);
    expect(store.requestsOf(S).map((r) => r.id)).toEqual(['r1']);
    expect(socket.joins).toEqual([E]);
  });

  it('adds a new meeting from a fact: its own whole, another producer’s as a taken table only', async () => {
    const { store } = await liveSession([]);
    meetingChanged('booked', meeting('m1', { slotId: 's2', tableNumber: 3 }));
    meetingChanged('booked', publicView({ id: 'theirs', slotId: 's1', tableNumber: 7 }));
    socket.deliverSeqs(E, [1, 2]);
    expect(store.wholeMeetingsOf(S).map((m) => m.id)).toEqual(['m1']);
    expect(store.meetingsOf(S).map((m) => m.id)).toEqual(['m1', 'theirs']);
    expect(cell(store, 's2', 3)).toBe('m1');
    expect(cell(store, 's1', 7)).toBe('theirs');
    // The viewer is told of its own meeting booked by someone else.
    expect(store.noticesOf(S)).toEqual([expect.objectContaining({ kind: 'meeting', change: 'booked', meetingId: 'm1' })]);
  });

  it('does not announce what the viewer did itself', async () => {
    const { store } = await liveSession([]);
    meetingChanged('booked', meeting('m1'), {}, ME);
    socket.deliverSeqs(E, [1]);
    expect(store.wholeMeetingsOf(S).map((m) => m.id)).toEqual(['m1']);
    expect(store.noticesOf(S)).toEqual([]);
  });

  it('marks a cancelled meeting: kept struck through in the list, gone from the default list and from the grid', async () => {
    const { store } = await liveSession([meeting('m1', { tableNumber: 2 })]);
    expect(cell(store, 's1', 2)).toBe('m1');
    meetingChanged('cancelled', meeting('m1', { tableNumber: 2, status: 'cancelled', sequence: 1 }));
    socket.deliverSeqs(E, [1]);
    expect(store.meeting('m1')?.status).toBe('cancelled');
    expect(store.wholeMeetingsOf(S)).toEqual([]);
    expect(store.wholeMeetingsOf(S, { includeCancelled: true }).map((m) => m.id)).toEqual(['m1']);
    expect(cell(store, 's1', 2)).toBeUndefined();
    expect(store.noticesOf(S)[0]).toMatchObject({ change: 'cancelled', meetingId: 'm1' });
  });

  it('moves a rescheduled meeting to its new slot and table, freeing the cell it left', async () => {
    const { store } = await liveSession([meeting('m1', { slotId: 's1', tableNumber: 4 }), meeting('m2', { slotId: 's3' })]);
    meetingChanged('rescheduled', meeting('m1', { slotId: 's2', tableNumber: 9, sequence: 1 }), {
      from: { slotId: 's1', tableNumber: 4 },
    });
    socket.deliverSeqs(E, [1]);
    expect(store.meeting('m1')).toMatchObject({ slotId: 's2', tableNumber: 9, startsAt: slotTimes.s2![0] });
    expect(cell(store, 's1', 4)).toBeUndefined();
    expect(cell(store, 's2', 9)).toBe('m1');
    // Still in time order: the moved meeting before the one at 08:40.
    expect(store.wholeMeetingsOf(S).map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it("applies an outcome the other side recorded, and a public view of one's own meeting keeps it whole", async () => {
    const { store } = await liveSession([meeting('m1')]);
    meetingChanged('outcome_recorded', meeting('m1', { outcome: agreement, sequence: 1 }), {}, 'user-bigc');
    socket.deliverSeqs(E, [1]);
    expect(store.meeting('m1')).toMatchObject({ outcome: { status: 'agreement', valueVnd: 1_250_000_000 } });
    expect(store.noticesOf(S)[0]).toMatchObject({ change: 'outcome_recorded', meetingId: 'm1' });
    // A public view (as everyone else watching gets it) never takes away what the viewer holds.
    meetingChanged('held', publicView(meeting('m1'), { status: 'held' }));
    socket.deliverSeqs(E, [2]);
    expect(store.meeting('m1')).toMatchObject({ status: 'held', producer: PRODUCER, buyer: BIGC, outcome: agreement });
  });

  it('applies facts in seq order whatever order they arrive in', async () => {
    const { store } = await liveSession([meeting('m1', { tableNumber: 1 })]);
    meetingChanged('rescheduled', meeting('m1', { slotId: 's2', tableNumber: 5, sequence: 1 }));
    meetingChanged('cancelled', meeting('m1', { slotId: 's2', tableNumber: 5, status: 'cancelled', sequence: 2 }));
    socket.deliverSeqs(E, [2]); // 1 is late: nothing applied yet
    expect(store.meeting('m1')).toMatchObject({ slotId: 's1', status: 'booked' });
    socket.deliverSeqs(E, [1]);
    expect(store.meeting('m1')).toMatchObject({ slotId: 's2', tableNumber: 5, status: 'cancelled' });
  });

  it('applies a fact delivered twice once: one meeting, one notice', async () => {
    const { store } = await liveSession([]);
    meetingChanged('booked', meeting('m1'));
    socket.deliverSeqs(E, [1, 1]);
    await settle();
    socket.deliverSeqs(E, [1]);
    expect(store.idsBySession[S]).toEqual(['m1']);
    expect(store.noticesOf(S)).toHaveLength(1);
  });

  it('catches up from the activity log on the facts missed while disconnected, and applies each once', async () => {
    const { store, readMeetings } = await liveSession([meeting('m1')]);
    socket.disconnect();
    expect(store.isLive(S)).toBe(false);
    meetingChanged('booked', meeting('m2', { slotId: 's2', buyerId: WINMART.id, buyer: WINMART }));
    meetingChanged('cancelled', meeting('m1', { status: 'cancelled', sequence: 1 }));
    requestChanged('declined', request('r1', { status: 'declined', freeSlotIds: ['s3'] }));
    socket.connect();
    await settle();
    await settle();
    expect(log.calls.map((c) => c.after)).toEqual([0]);
    expect(readMeetings).toHaveBeenCalledTimes(1); // a short gap is caught up, not read again
    expect(store.meeting('m1')?.status).toBe('cancelled');
    expect(store.wholeMeetingsOf(S).map((m) => m.id)).toEqual(['m2']);
    // The request was not held (the read had none): a fact that has it whole adds it.
    expect(store.requestsOf(S).map((r) => [r.id, r.status])).toEqual([['r1', 'declined']]);
    // The same facts arriving late on the socket change nothing.
    socket.deliverSeqs(E, [1, 2, 3]);
    expect(store.idsBySession[S]).toEqual(['m1', 'm2']);
    expect(store.noticesOf(S)).toHaveLength(3);
  });

  it('keeps a fact that arrives while the session is read again instead of letting the older read undo it', async () => {
    const { store, readMeetings } = await liveSession([meeting('m1')]);
    const reading = deferred<{ items: SessionMeeting[] }>();
    readMeetings.mockReturnValueOnce(reading.promise);
    const reload = store.load(E, S);
    await settle();
    meetingChanged('cancelled', meeting('m1', { status: 'cancelled', sequence: 1 }));
    socket.deliverSeqs(E, [1]);
    reading.resolve({ items: [meeting('m1')] }); // read before the cancellation
    await reload;
    await settle();
    expect(store.meeting('m1')?.status).toBe('cancelled');
  });

  it('keeps an API answer unless a fact changed that meeting after the call began', async () => {
    const { store } = await liveSession([meeting('m1'), meeting('m2', { slotId: 's2' })]);
    const since = store.seqOf(E);
    expect(since).toBe(0);
    // m2 was moved by the organiser after our call began, before our answer came back.
    meetingChanged('rescheduled', meeting('m2', { slotId: 's3', tableNumber: 6, sequence: 1 }));
    socket.deliverSeqs(E, [1]);
    store.applyMeeting(E, meeting('m1', { producerCheckedInAt: '2026-12-11T07:58:00+07:00', sequence: 1 }), since);
    store.applyMeeting(E, meeting('m2', { slotId: 's2', status: 'cancelled' }), since);
    store.markCancelled(E, 'm2', since);
    expect(store.meeting('m1')).toMatchObject({ producerCheckedInAt: '2026-12-11T07:58:00+07:00' });
    expect(store.meeting('m2')).toMatchObject({ slotId: 's3', tableNumber: 6, status: 'booked' });
  });

  it('updates a request from a fact, and only the status from a fact that does not have it whole', async () => {
    const { store } = await liveSession([], [request('r1')]);
    requestChanged('accepted', { id: 'r1', sessionId: S, slotId: 's2', status: 'accepted' });
    socket.deliverSeqs(E, [1]);
    expect(store.requestsOf(S)[0]).toMatchObject({ id: 'r1', status: 'accepted', buyer: WINMART });
    expect(store.noticesOf(S)).toEqual([]); // nothing whole to say who
  });

  it('ignores facts of a session it does not hold', async () => {
    const { store } = await liveSession([]);
    meetingChanged('booked', meeting('other', { sessionId: 'session-2' }));
    socket.deliverSeqs(E, [1]);
    expect(store.meeting('other')).toBeUndefined();
    expect(store.noticesOf('session-2')).toEqual([]);
  });

  it('drops the meetings of an event taken out of its room', async () => {
    const { store } = await liveSession([meeting('m1')], [request('r1')]);
    socket.deliver('event:left', { eventId: E, reason: 'unpublished' });
    expect(store.meetingsOf(S)).toEqual([]);
    expect(store.requestsOf(S)).toEqual([]);
    expect(store.meeting('m1')).toBeUndefined();
  });
});
