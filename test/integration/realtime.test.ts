// Socket.IO: the same session as the API, event rooms, facts in order with their seq.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import type { EventFact } from '../../server/contracts/realtime.ts';
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
    expect(await join(socket, 42)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
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

async function joined(eventId: string): Promise<TestSocket> {
  const socket = await t.socket(organiser);
  const ack = await join(socket, eventId);
  if (!('ok' in ack) || !ack.ok) throw new Error('join failed');
  return socket;
}
