// The event feed from the server's side: every socket in an event's room gets every seq once
// (its projection of it), the activity call replays exactly what was broadcast to that caller,
// a client that missed changes catches up from its last seq, and a producer never receives
// another producer's private details, live or on catch-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEventFact } from '../../server/contracts/realtime.ts';
import { BUYER, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.ts';

const OTHER_PRODUCER = 'hokd.matong@demo.ocop.vn';
let t: TestServer;
let fairId = '';
const cookie: Record<string, string> = {};
const prisma = () => t.database.db.prisma;
let producerId = '';
let otherProducerId = '';

beforeAll(async () => {
  t = await startTestServer();
  for (const email of [ORGANISER, PRODUCER, OTHER_PRODUCER, BUYER]) cookie[email] = await t.signIn(email);
  fairId = (await prisma().event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' }, select: { id: true } })).id;
  const me = async (email: string) =>
    (await t.http.get('/api/auth/me').set('Cookie', cookie[email]!)).body.user.organisationId as string;
  producerId = await me(PRODUCER);
  otherProducerId = await me(OTHER_PRODUCER);
  await prisma().event.update({ where: { id: fairId }, data: { boothPolicy: JSON.stringify({ boothsPerProducer: 20 }) } });
  // Freed booths are offered to the waitlist: the demo's waitlisted applications would take them.
  await prisma().boothApplication.updateMany({ where: { eventId: fairId, status: 'waitlisted' }, data: { status: 'rejected' } });
});
afterAll(() => t.close());

async function watch(email: string): Promise<{ socket: TestSocket; facts: AnyEventFact[]; seq: number }> {
  const socket = await t.socket(cookie[email]);
  const facts: AnyEventFact[] = [];
  for (const type of ['event:updated', 'booths:changed', 'application:changed'] as const)
    socket.on(type, (fact: AnyEventFact) => facts.push(fact));
  const ack = await new Promise<{ ok: true; data: { seq: number } }>((resolve) =>
    socket.emit('event:join', { eventId: fairId }, resolve as never),
  );
  expect(ack.ok).toBe(true);
  return { socket, facts, seq: ack.data.seq };
}

const freeBooths = async (count: number) =>
  (
    await prisma().booth.findMany({
      where: { eventId: fairId, blocked: false, occupancy: null, code: { startsWith: 'A' } },
      select: { id: true },
      orderBy: { code: 'desc' },
      take: count,
    })
  ).map((b) => b.id);

const organiser = (method: 'put' | 'delete', path: string, body?: object) =>
  (method === 'put' ? t.http.put(`/api/events/${fairId}${path}`) : t.http.delete(`/api/events/${fairId}${path}`))
    .set('Cookie', cookie[ORGANISER]!)
    .send(body);

async function activity(email: string, after: number): Promise<AnyEventFact[]> {
  const items: AnyEventFact[] = [];
  let from = after;
  for (;;) {
    const res = await t.http.get(`/api/events/${fairId}/activity?after=${from}&limit=7`).set('Cookie', cookie[email]!);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    if (!res.body.hasMore) return items;
    from = res.body.items.at(-1).seq;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('event feed', () => {
  it('a client that misses 50 changes while disconnected catches up from its last seq: each once, in order, as broadcast', async () => {
    const live = await watch(ORGANISER);
    const away = await watch(BUYER);
    const lastSeen = away.seq;
    away.socket.disconnect();
    const booths = await freeBooths(25);
    // 50 changes: a hold and its release on 25 booths, several at once.
    await Promise.all(booths.map((b) => organiser('put', `/booths/${b}/hold`, { producerId: otherProducerId, minutes: 10 })));
    await Promise.all(booths.map((b) => organiser('delete', `/booths/${b}/hold`)));
    await settle();
    const caughtUp = await activity(BUYER, lastSeen);
    expect(caughtUp).toHaveLength(50);
    const seqs = caughtUp.map((f) => f.seq);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => lastSeen + 1 + i));
    // Each exactly as the organiser's socket got it, minus what the buyer may not see.
    const liveBySeq = new Map(live.facts.map((f) => [f.seq, f]));
    for (const fact of caughtUp) {
      const seen = liveBySeq.get(fact.seq)!;
      expect(seen.type).toBe(fact.type);
      if (fact.type === 'booths:changed') {
        expect(fact.data.booths.map((b) => b.id)).toEqual((seen.data as typeof fact.data).booths.map((b) => b.id));
        for (const b of fact.data.booths) expect(b).not.toHaveProperty('hold');
      }
    }
    // The organiser's replay is what its socket received, byte for byte.
    const replayed = await activity(ORGANISER, lastSeen);
    expect(replayed).toEqual(live.facts.filter((f) => f.seq > lastSeen).sort((a, b) => a.seq - b.seq));
    live.socket.disconnect();
  }, 60_000);

  it('every socket in the room gets every seq once, live, whatever projection it gets', async () => {
    const watchers = await Promise.all([ORGANISER, PRODUCER, OTHER_PRODUCER, BUYER].map((e) => watch(e)));
    const booths = await freeBooths(10);
    await Promise.all(
      booths.map((b, i) => organiser('put', `/booths/${b}/hold`, { producerId: i % 2 ? producerId : otherProducerId })),
    );
    await settle();
    const start = Math.max(...watchers.map((w) => w.seq));
    for (const w of watchers) {
      const seqs = w.facts.map((f) => f.seq).filter((s) => s > start);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => start + 1 + i));
    }
    for (const w of watchers) w.socket.disconnect();
  }, 60_000);

  it("a producer never receives another producer's hold details, live or on catch-up; its own it does", async () => {
    const mine = await watch(PRODUCER);
    const theirs = await watch(OTHER_PRODUCER);
    const staff = await watch(ORGANISER);
    const [forMe, forThem] = await freeBooths(2);
    const r1 = await organiser('put', `/booths/${forMe}/hold`, { producerId });
    expect(r1.status, JSON.stringify(r1.body)).toBe(200);
    expect((await organiser('put', `/booths/${forThem}/hold`, { producerId: otherProducerId })).status).toBe(200);
    await settle();
    const holdsIn = (facts: AnyEventFact[]) =>
      facts.flatMap((f) =>
        f.type === 'booths:changed' ? f.data.booths.filter((b) => b.hold).map((b) => b.hold!.producerId) : [],
      );
    expect(holdsIn(mine.facts)).toEqual([producerId]);
    expect(holdsIn(theirs.facts)).toEqual([otherProducerId]);
    expect(holdsIn(staff.facts)).toEqual([producerId, otherProducerId]);
    expect(JSON.stringify(mine.facts)).not.toContain(otherProducerId);
    // The same on catch-up.
    const replay = await activity(PRODUCER, mine.seq);
    expect(holdsIn(replay)).toEqual([producerId]);
    expect(JSON.stringify(replay)).not.toContain(otherProducerId);
    // And in the booth list.
    const list = await t.http.get(`/api/events/${fairId}/booths`).set('Cookie', cookie[PRODUCER]!);
    const held = (list.body.items as { id: string; hold?: { producerId: string } }[]).filter((b) => b.hold);
    expect(held.every((b) => b.hold!.producerId === producerId)).toBe(true);
    expect(held.map((b) => b.id)).toContain(forMe);
    for (const w of [mine, theirs, staff]) w.socket.disconnect();
  }, 60_000);

  it('names a producer as the actor of a change to no one but organisers and itself', async () => {
    const other = await watch(OTHER_PRODUCER);
    const staff = await watch(ORGANISER);
    const mine = await watch(PRODUCER);
    const applied = await t.http.post(`/api/events/${fairId}/applications`).set('Cookie', cookie[PRODUCER]!).send({});
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    await settle();
    const producerUser = (await t.http.get('/api/auth/me').set('Cookie', cookie[PRODUCER]!)).body.user.id as string;
    const about = (facts: AnyEventFact[]) => facts.filter((f) => f.type === 'application:changed');
    expect(about(other.facts).map((f) => f.actorId)).toEqual([null]);
    expect(about(staff.facts).map((f) => f.actorId)).toEqual([producerUser]);
    expect(about(mine.facts).map((f) => f.actorId)).toEqual([producerUser]);
    const replayed = about(await activity(OTHER_PRODUCER, other.seq));
    expect(replayed.map((f) => f.actorId)).toEqual([null]);
    expect(JSON.stringify(await activity(OTHER_PRODUCER, other.seq))).not.toContain(producerUser);
    for (const w of [other, staff, mine]) w.socket.disconnect();
  }, 60_000);

  it('answers 400 to a bad after, 404 for an event the caller may not see', async () => {
    const bad = await t.http.get(`/api/events/${fairId}/activity?after=-1`).set('Cookie', cookie[BUYER]!);
    expect(bad.status).toBe(400);
    const draft = await prisma().event.findFirstOrThrow({ where: { status: 'draft' }, select: { id: true } });
    const hidden = await t.http.get(`/api/events/${draft.id}/activity?after=0`).set('Cookie', cookie[BUYER]!);
    expect(hidden.status).toBe(404);
  });
});
