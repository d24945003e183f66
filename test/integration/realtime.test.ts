// Socket.IO: the same session as the API, event rooms, facts in order with their seq.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import type { EventVisibleNotice, EventFact, EventLeftNotice } from '../../server/contracts/realtime.ts';
import type { EventDto } from '../../server/contracts/events.ts';
import { BUYER, OFFICIAL, ORGANISER } from '../support/accounts.ts';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.ts';

let t: TestServer;
let organiser: string;
let fairId: string;
let conferenceId: string;

beforeAll(async () => {
  t = await startTestServer();
  organiser = await t.signIn(ORGANISER);
  const events = (await t.http.get('/api/events').set('Cookie', organiser)).body.items as EventDto[];
  fairId = events.find((e) => e.kind === 'fair')!.id;
  conferenceId = events.find((e) => e.kind === 'conference')!.id;
});
afterAll(() => t.close());

function join(socket: TestSocket, eventId: unknown) {
  return new Promise<Parameters<Parameters<TestSocket['emit']>[2]>[0]>((resolve) => {
    socket.emit('event:join', { eventId } as { eventId: string }, resolve as never);
  });
}

/** The next `event:left` notice on this socket, or a failure after a few seconds. */
function nextLeft(socket: TestSocket): Promise<EventLeftNotice> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no event:left notice arrived')), 3_000);
    socket.once('event:left', (notice) => {
      clearTimeout(timer);
      resolve(notice);
    });
  });
}

function collect(socket: TestSocket, count: number): Promise<EventFact<EventDto>[]> {
  const facts: EventFact<EventDto>[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`got ${facts.length} of ${count} facts`)), 10_000);
    socket.on('event:updated', (fact) => {
      facts.push(fact);
      if (facts.length === count) {
        clearTimeout(timer);
        resolve(facts);
      }
    });
  });
}

describe('realtime', () => {
  it('refuses a connection without a session', async () => {
    await expect(t.socket(undefined)).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('refuses a browser connection from another site', async () => {
    const socket = connectSocket(t.baseUrl, {
      transports: ['websocket'],
      extraHeaders: { cookie: organiser, origin: 'https://evil.example' },
      reconnection: false,
      forceNew: true,
    });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    expect(error).toBeInstanceOf(Error);
  });

  it('accepts a browser connection from its own origin and refuses an opaque one', async () => {
    const open = (origin: string) =>
      new Promise<boolean>((resolve) => {
        const socket = connectSocket(t.baseUrl, {
          transports: ['websocket'],
          extraHeaders: { cookie: organiser, origin },
          reconnection: false,
          forceNew: true,
        });
        socket.once('connect', () => {
          socket.disconnect();
          resolve(true);
        });
        socket.once('connect_error', () => resolve(false));
      });
    expect(await open(t.baseUrl)).toBe(true);
    expect(await open('null')).toBe(false);
  });

  it('closes a live connection when its session is signed out, and when its user is deactivated', async () => {
    const officialCookie = await t.signIn(OFFICIAL);
    const signedOut = await t.socket(officialCookie);
    const closed = new Promise<string>((resolve) => signedOut.once('disconnect', resolve));
    expect((await t.http.post('/api/auth/logout').set('Cookie', officialCookie)).status).toBe(204);
    expect(await closed).toBe('io server disconnect');

    const buyerCookie = await t.signIn(BUYER);
    const buyer = await t.socket(buyerCookie);
    const buyerClosed = new Promise<string>((resolve) => buyer.once('disconnect', resolve));
    const buyerId = (await t.http.get('/api/auth/me').set('Cookie', buyerCookie)).body.user.id;
    expect((await t.http.patch(`/api/users/${buyerId}`).set('Cookie', organiser).send({ active: false })).status).toBe(200);
    expect(await buyerClosed).toBe('io server disconnect');
    await t.http.patch(`/api/users/${buyerId}`).set('Cookie', organiser).send({ active: true });
  });

  it('sends an event set back to draft to organisers only, and stops the others watching it', async () => {
    const official = await t.socket(await t.signIn(OFFICIAL));
    await join(official, conferenceId);
    const staff = await joined(conferenceId);
    const seenByOfficial: EventFact<EventDto>[] = [];
    official.on('event:updated', (f) => seenByOfficial.push(f));
    const staffGot = collect(staff, 2);
    await t.http.patch(`/api/events/${conferenceId}`).set('Cookie', organiser).send({ status: 'draft' });
    await t.http.patch(`/api/events/${conferenceId}`).set('Cookie', organiser).send({ name: 'Hội nghị (bản nháp đổi tên)' });
    expect((await staffGot).map((f) => f.data.status)).toEqual(['draft', 'draft']);
    await join(official, fairId); // a round trip: anything sent before it has arrived
    expect(seenByOfficial).toEqual([]);
    await t.http.patch(`/api/events/${conferenceId}`).set('Cookie', organiser).send({ status: 'published' });
  });

  it('joins an event room, acknowledging with the current seq, and receives the change made through the API', async () => {
    const official = await t.socket(await t.signIn(OFFICIAL));
    const ack = await join(official, fairId);
    expect(ack).toEqual({ ok: true, data: { eventId: fairId, seq: expect.any(Number) } });
    const seqBefore = (ack as { data: { seq: number } }).data.seq;
    const received = collect(official, 1);
    const res = await t.http
      .patch(`/api/events/${fairId}`)
      .set('Cookie', organiser)
      .send({ venue: 'Trung tâm Hội nghị tỉnh Đắk Lắk' });
    expect(res.status).toBe(200);
    const [fact] = await received;
    expect(fact).toMatchObject({ eventId: fairId, seq: seqBefore + 1, data: { venue: 'Trung tâm Hội nghị tỉnh Đắk Lắk' } });
  });

  it('does not send a room the changes of another event', async () => {
    const socket = await t.socket(organiser);
    await join(socket, conferenceId);
    const seen: unknown[] = [];
    socket.on('event:updated', (f) => seen.push(f));
    const marker = collect(await joined(fairId), 1);
    await t.http.patch(`/api/events/${fairId}`).set('Cookie', organiser).send({ status: 'live' });
    await marker;
    await join(socket, conferenceId); // a round trip on this socket: a stray fact would be here by now
    expect(seen).toEqual([]);
  });

  it('acknowledges a bad or unknown event with ok:false and the error code', async () => {
    const socket = await t.socket(organiser);
    expect(await join(socket, 'no-such-event')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await join(socket, 42)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'eventId', code: expect.any(String) })] },
    });
  });

  it('delivers concurrent changes once each, in seq order, with no gaps', async () => {
    const socket = await joined(conferenceId);
    const start = (await t.http.get(`/api/events/${conferenceId}`).set('Cookie', organiser)).body.seq as number;
    const n = 25;
    const received = collect(socket, n);
    const results = await Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        t.http
          .patch(`/api/events/${conferenceId}`)
          .set('Cookie', organiser)
          .send({ venue: `Khách sạn Sài Gòn – Ban Mê, phòng ${i}` }),
      ),
    );
    expect(results.every((r) => r.status === 'fulfilled' && r.value.status === 200)).toBe(true);
    const seqs = (await received).map((f) => f.seq);
    expect(seqs).toEqual(Array.from({ length: n }, (_, i) => start + i + 1));
    const log = await t.database.db.prisma.activityLog.findMany({ where: { eventId: conferenceId }, select: { seq: true } });
    expect(new Set(log.map((l) => l.seq)).size).toBe(log.length);
    expect(Math.max(...log.map((l) => l.seq))).toBe(start + n);
  });
});

describe('realtime: an event set back to draft while others watch it', () => {
  const patch = (body: object) => t.http.patch(`/api/events/${fairId}`).set('Cookie', organiser).send(body);
  const seqOf = async (cookie: string) => (await t.http.get(`/api/events/${fairId}`).set('Cookie', cookie)).body.seq as number;

  /** A buyer's socket joined to the fair, and what reaches it from now on. */
  async function watchingBuyer() {
    const cookie = await t.signIn(BUYER);
    const socket = await t.socket(cookie);
    const left: EventLeftNotice[] = [];
    const facts: EventFact<EventDto>[] = [];
    socket.on('event:left', (n) => left.push(n));
    socket.on('event:updated', (f) => facts.push(f));
    expect(await join(socket, fairId)).toMatchObject({ ok: true });
    return { cookie, socket, left, facts };
  }

  afterEach(async () => {
    // Whatever happened, the next test starts from a published fair.
    await patch({ status: 'published' });
  });

  it('tells a buyer it was taken out of the room, and sends it nothing of the draft', async () => {
    await patch({ status: 'published' });
    const buyer = await watchingBuyer();
    const staffGot = collect(await joined(fairId), 2);
    const leftNotice = nextLeft(buyer.socket);
    expect((await patch({ status: 'draft' })).status).toBe(200);
    expect((await patch({ name: 'Hội chợ (bản nháp đổi tên)' })).status).toBe(200);
    await staffGot;
    expect(await leftNotice).toEqual({ eventId: fairId, reason: 'unpublished' });
    // A round trip on the buyer's socket: anything sent before it has arrived by now.
    expect(await join(buyer.socket, fairId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(buyer.left).toEqual([{ eventId: fairId, reason: 'unpublished' }]);
    expect(buyer.facts).toEqual([]);
  });

  it('after re-publishing, a re-join answers the seq the API gives and changes follow it with no gap', async () => {
    await patch({ status: 'published' });
    const buyer = await watchingBuyer();
    const seqWhenWatching = await seqOf(buyer.cookie);
    const leftNotice = nextLeft(buyer.socket);
    await patch({ status: 'draft' });
    expect(await leftNotice).toMatchObject({ eventId: fairId });
    await patch({ venue: 'Nhà văn hoá tỉnh (bản nháp)' });
    await patch({ status: 'published' });

    const rejoin = await join(buyer.socket, fairId);
    const apiSeq = await seqOf(buyer.cookie);
    expect(rejoin).toEqual({ ok: true, data: { eventId: fairId, seq: apiSeq } });
    expect(apiSeq).toBe(seqWhenWatching + 3); // the gap the notice told the buyer about
    expect(buyer.facts).toEqual([]); // nothing of the draft, nor the re-publishing, was sent

    const later = collect(buyer.socket, 2);
    await patch({ venue: 'Trung tâm Hội nghị tỉnh Đắk Lắk' });
    await patch({ status: 'live' });
    const facts = await later;
    expect(facts.map((f) => f.seq)).toEqual([apiSeq + 1, apiSeq + 2]);
    expect(facts.map((f) => f.data.status)).toEqual(['published', 'live']);
    expect(buyer.left).toHaveLength(1);
  });

  it('tells buyers who are not watching it that it is published again, and nothing of the draft meanwhile', async () => {
    await patch({ status: 'draft' });
    const buyer = await t.socket(await t.signIn(BUYER));
    const visible: EventVisibleNotice[] = [];
    buyer.on('event:visible', (n) => visible.push(n));
    expect((await patch({ name: 'Hội chợ (bản nháp)' })).status).toBe(200);
    const told = new Promise<EventVisibleNotice>((resolve) => buyer.once('event:visible', resolve));
    expect((await patch({ status: 'published' })).status).toBe(200);
    expect(await told).toEqual({ eventId: fairId });
    // A round trip on the socket: anything sent before it has arrived by now.
    expect(await join(buyer, fairId)).toMatchObject({ ok: true });
    expect(visible).toEqual([{ eventId: fairId }]);
    // In the room now: changes come as facts, not as notices.
    const fact = collect(buyer, 1);
    await patch({ venue: 'Quảng trường 10-3, Buôn Ma Thuột' });
    await fact;
    expect(await join(buyer, conferenceId)).toMatchObject({ ok: true });
    expect(visible).toHaveLength(1);
  });

  /** A buyer's socket, not in any room yet, and the facts that reach it. */
  async function idleBuyer() {
    const socket = await t.socket(await t.signIn(BUYER));
    const facts: EventFact<EventDto>[] = [];
    socket.on('event:updated', (f) => facts.push(f));
    return { socket, facts };
  }

  /** Runs `during` inside the next call of one events-service method, after its original answers. */
  function interceptOnce(method: 'findVisible' | 'get', during: () => Promise<unknown>): () => void {
    const events = t.services.events as Record<typeof method, (...args: never[]) => Promise<unknown>>;
    const original = events[method];
    events[method] = async (...args) => {
      events[method] = original;
      const answer = await original(...args);
      await during();
      return answer;
    };
    return () => void (events[method] = original);
  }

  it('refuses a join whose event is unpublished before the socket is in the room, and keeps it outside the room', async () => {
    await patch({ status: 'published' });
    const buyer = await idleBuyer();
    const restore = interceptOnce('findVisible', () => patch({ status: 'draft' }));
    try {
      expect(await join(buyer.socket, fairId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      restore();
    }
    // Refused means outside: neither the draft's nor the re-published event's changes reach it.
    const left: EventLeftNotice[] = [];
    buyer.socket.on('event:left', (n) => left.push(n));
    await patch({ name: 'Hội chợ (bản nháp, lần 2)' });
    await patch({ status: 'published' });
    await patch({ venue: 'Nhà thi đấu tỉnh' });
    await join(buyer.socket, conferenceId); // a round trip: a stray fact or notice would be here by now
    expect(buyer.facts).toEqual([]);
    expect(left).toEqual([]);
  });

  it('refuses a join whose event is unpublished after its seq was read, rather than acknowledge a seq it will not follow', async () => {
    await patch({ status: 'published' });
    const buyer = await idleBuyer();
    const leftNotice = nextLeft(buyer.socket);
    const restore = interceptOnce('get', () => patch({ status: 'draft' }));
    try {
      expect(await join(buyer.socket, fairId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      restore();
    }
    expect(await leftNotice).toEqual({ eventId: fairId, reason: 'unpublished' });
    await patch({ name: 'Hội chợ (bản nháp, lần 3)' });
    await join(buyer.socket, conferenceId);
    expect(buyer.facts).toEqual([]);
  });
});

async function joined(eventId: string): Promise<TestSocket> {
  const socket = await t.socket(organiser);
  const ack = await join(socket, eventId);
  if (!('ok' in ack) || !ack.ok) throw new Error('join failed');
  return socket;
}
