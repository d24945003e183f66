// SPEC rules 1, 3, 4 and 5 for booths, under real concurrency, checked in the database
// afterwards and not only in the answers: one booth has one occupant whatever arrives at once,
// a producer never passes its booth limit, a retried call never acts twice, and a lapsed hold
// is taken over in place with its expiry announced exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFact } from '../../server/contracts/realtime.ts';
import type { BoothsChanged } from '../../server/contracts/realtime.ts';
import { ORGANISER } from '../support/accounts.ts';
import { areNeighbours } from '../../server/modules/booths/booth-view.ts';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.ts';

let t: TestServer;
let clock = Date.now();
let fairId = '';
const organisers: string[] = [];
const prisma = () => t.database.db.prisma;

beforeAll(async () => {
  t = await startTestServer({}, { now: () => new Date(clock) });
  // 200 organiser sessions: every request of a race comes from another one.
  for (let i = 0; i < 200; i += 10)
    organisers.push(...(await Promise.all(Array.from({ length: 10 }, () => t.signIn(ORGANISER)))));
  fairId = (await prisma().event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' }, select: { id: true } })).id;
}, 120_000);
afterAll(() => t.close());

let serial = 0;
/** Producers of our own, with no booth at the fair. */
async function freshProducers(count: number): Promise<string[]> {
  const run = ++serial;
  const data = Array.from({ length: count }, (_, i) => ({
    name: `HTX đua ${run}-${i}`,
    nameFolded: `htx dua ${run}-${i}`,
    legalType: 'cooperative',
    provinceId: 'dak-lak',
  }));
  await prisma().producer.createMany({ data });
  const rows = await prisma().producer.findMany({ where: { name: { in: data.map((d) => d.name) } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Available booths of the fair nobody has touched yet (no zone rule applies to them). */
const usedBooths = new Set<string>();
async function freeBooths(count: number): Promise<string[]> {
  const rows = await prisma().booth.findMany({
    where: { eventId: fairId, blocked: false, occupancy: null, NOT: { code: { startsWith: 'E' } } },
    select: { id: true },
    orderBy: { code: 'asc' },
  });
  const picked = rows
    .map((r) => r.id)
    .filter((id) => !usedBooths.has(id))
    .slice(0, count);
  for (const id of picked) usedBooths.add(id);
  expect(picked).toHaveLength(count);
  return picked;
}

const assign = (cookie: string, boothId: string, producerId: string, key?: string) => {
  const req = t.http.put(`/api/events/${fairId}/booths/${boothId}/assignment`).set('Cookie', cookie);
  if (key) req.set('Idempotency-Key', key);
  return req.send({ producerId });
};
const hold = (cookie: string, boothId: string, producerId: string, minutes = 30) =>
  t.http.put(`/api/events/${fairId}/booths/${boothId}/hold`).set('Cookie', cookie).send({ producerId, minutes });

const statuses = (answers: { status: number }[]) =>
  answers.reduce<Record<number, number>>((n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }), {});

async function setPolicy(policy: object) {
  await prisma().event.update({ where: { id: fairId }, data: { boothPolicy: JSON.stringify(policy) } });
}

describe('booth races', () => {
  it('200 simultaneous assignments of one booth, each for another producer from another session: one 200, 199 409s, one stored', async () => {
    await setPolicy({ boothsPerProducer: 1 });
    const [boothId] = await freeBooths(1);
    const producers = await freshProducers(200);
    const answers = await Promise.all(producers.map((p, i) => assign(organisers[i]!, boothId!, p)));
    expect(statuses(answers)).toEqual({ 200: 1, 409: 199 });
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.body.conflict).toBe('booth');
      expect(a.body.error.code).toBe('CONFLICT');
    }
    const winner = answers.find((a) => a.status === 200)!.body as { producerId: string; status: string };
    expect(winner.status).toBe('assigned');
    const stored = await prisma().boothOccupancy.findMany({ where: { boothId }, select: { producerId: true, kind: true } });
    expect(stored).toEqual([{ producerId: winner.producerId, kind: 'assigned' }]);
    // The losers' counters were rolled back with their transactions.
    const tallies = await prisma().boothTally.findMany({
      where: { eventId: fairId, key: { in: producers.map((p) => `producer:${p}`) }, count: { gt: 0 } },
      select: { key: true, count: true },
    });
    expect(tallies).toEqual([{ key: `producer:${winner.producerId}`, count: 1 }]);
    const logged = await prisma().activityLog.count({
      where: { eventId: fairId, type: 'booths:changed', publicData: { contains: boothId } },
    });
    expect(logged).toBe(1);
  }, 120_000);

  it('assignments and holds racing on one booth never leave both: exactly one wins', async () => {
    await setPolicy({ boothsPerProducer: 1 });
    for (let round = 0; round < 5; round += 1) {
      const [boothId] = await freeBooths(1);
      const producers = await freshProducers(40);
      const answers = await Promise.all(
        producers.map((p, i) => (i % 2 === 0 ? assign(organisers[i]!, boothId!, p) : hold(organisers[i]!, boothId!, p))),
      );
      expect(statuses(answers)).toEqual({ 200: 1, 409: 39 });
      for (const a of answers.filter((x) => x.status === 409)) expect(['booth', 'hold']).toContain(a.body.conflict);
      const stored = await prisma().boothOccupancy.findMany({ where: { boothId } });
      expect(stored).toHaveLength(1);
    }
  }, 120_000);

  it('a producer racing for 20 booths ends with exactly its limit', async () => {
    await setPolicy({ boothsPerProducer: 3 });
    const booths = await freeBooths(20);
    const [producerId] = await freshProducers(1);
    const answers = await Promise.all(booths.map((b, i) => assign(organisers[i]!, b, producerId!)));
    expect(statuses(answers)).toEqual({ 200: 3, 409: 17 });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.conflict).toBe('limit');
    expect(await prisma().boothOccupancy.count({ where: { eventId: fairId, producerId, kind: 'assigned' } })).toBe(3);
    const tally = await prisma().boothTally.findUnique({
      where: { eventId_key: { eventId: fairId, key: `producer:${producerId}` } },
    });
    expect(tally?.count).toBe(3);
    // At its limit, 20 more attempts at once all fail and change nothing.
    const more = await freeBooths(20);
    const again = await Promise.all(more.map((b, i) => assign(organisers[i]!, b, producerId!)));
    expect(statuses(again)).toEqual({ 409: 20 });
    expect(await prisma().boothOccupancy.count({ where: { eventId: fairId, producerId } })).toBe(3);
  }, 120_000);

  it('a province quota holds under a race of many producers', async () => {
    await setPolicy({ boothsPerProducer: 1, quotas: [{ provinceId: 'dak-lak', maxBooths: 0 }] });
    const quotaUsed = await prisma().boothTally.findUnique({
      where: { eventId_key: { eventId: fairId, key: 'province:dak-lak' } },
      select: { count: true },
    });
    const limit = (quotaUsed?.count ?? 0) + 5;
    await setPolicy({ boothsPerProducer: 1, quotas: [{ provinceId: 'dak-lak', maxBooths: limit }] });
    const booths = await freeBooths(30);
    const producers = await freshProducers(30);
    const answers = await Promise.all(booths.map((b, i) => assign(organisers[i]!, b, producers[i]!)));
    expect(statuses(answers)).toEqual({ 200: 5, 409: 25 });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.conflict).toBe('quota');
    expect(await prisma().boothOccupancy.count({ where: { producerId: { in: producers } } })).toBe(5);
    await setPolicy({ boothsPerProducer: 1 });
  }, 120_000);

  it('a retried assignment with the same Idempotency-Key answers the same and changes nothing', async () => {
    await setPolicy({ boothsPerProducer: 5 });
    const [boothId] = await freeBooths(1);
    const [producerId] = await freshProducers(1);
    const seqBefore = (await prisma().activityStream.findUnique({ where: { key: `event:${fairId}` } }))?.lastSeq ?? 0;
    const key = `retry-${Date.now()}`;
    const cookie = organisers[0]!;
    const first = await Promise.all(Array.from({ length: 10 }, () => assign(cookie, boothId!, producerId!, key)));
    const done = first.filter((a) => a.status === 200);
    expect(done.length).toBeGreaterThanOrEqual(1);
    // Retries while the first still runs are told so (409 in progress), never run twice.
    for (const a of first) expect([200, 409]).toContain(a.status);
    const retry = await assign(cookie, boothId!, producerId!, key);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(done[0]!.body);
    expect(await prisma().boothOccupancy.count({ where: { boothId } })).toBe(1);
    const seqAfter = (await prisma().activityStream.findUnique({ where: { key: `event:${fairId}` } }))!.lastSeq;
    expect(seqAfter - seqBefore).toBe(1);
  }, 60_000);

  it('an expired hold is taken over in place by the next request, and its expiry is announced once', async () => {
    await setPolicy({ boothsPerProducer: 1 });
    const [boothId] = await freeBooths(1);
    const [first, second] = await freshProducers(2);
    const watcher: TestSocket = await t.socket(organisers[199]!);
    const facts: EventFact<BoothsChanged>[] = [];
    watcher.on('booths:changed', (fact) => facts.push(fact));
    const joined = await new Promise<{ ok: boolean }>((resolve) =>
      watcher.emit('event:join', { eventId: fairId }, resolve as never),
    );
    expect(joined.ok).toBe(true);

    expect((await hold(organisers[0]!, boothId!, first!, 1)).status).toBe(200);
    // While it lasts, nobody else gets the booth.
    const refused = await assign(organisers[1]!, boothId!, second!);
    expect(refused.status).toBe(409);
    expect(refused.body.conflict).toBe('hold');

    clock += 61_000;
    // The sweeper of three processes and a request for the booth, all at once.
    const [, , , taken] = await Promise.all([
      t.services.booths.sweepLapsed(),
      t.services.booths.sweepLapsed(),
      t.services.booths.sweepLapsed(),
      assign(organisers[2]!, boothId!, second!),
    ]);
    expect(taken.status).toBe(200);
    expect(taken.body.producerId).toBe(second);
    const stored = await prisma().boothOccupancy.findMany({ where: { boothId }, select: { producerId: true, kind: true } });
    expect(stored).toEqual([{ producerId: second, kind: 'assigned' }]);

    const expiries = await prisma().activityLog.findMany({
      where: { eventId: fairId, type: 'booths:changed', publicData: { contains: '"change":"hold_expired"' } },
      select: { publicData: true },
    });
    expect(expiries.filter((e) => e.publicData!.includes(boothId!))).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mine = facts.filter((f) => f.data.booths.some((b) => b.id === boothId));
    expect(mine.map((f) => f.data.change)).toEqual(['held', 'hold_expired', 'assigned']);
    // In seq order, each seq once.
    const seqs = mine.map((f) => f.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    watcher.disconnect();
  }, 60_000);

  it('a hold that lapses with nobody asking is announced once by several sweepers', async () => {
    const [boothId] = await freeBooths(1);
    const [producerId] = await freshProducers(1);
    expect((await hold(organisers[0]!, boothId!, producerId!, 1)).status).toBe(200);
    clock += 61_000;
    const swept = await Promise.all(Array.from({ length: 6 }, () => t.services.booths.sweepLapsed()));
    expect(swept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await prisma().boothOccupancy.count({ where: { boothId } })).toBe(0);
    const expiries = await prisma().activityLog.findMany({
      where: { eventId: fairId, publicData: { contains: '"change":"hold_expired"' } },
      select: { publicData: true },
    });
    expect(expiries.filter((e) => e.publicData!.includes(boothId!))).toHaveLength(1);
  }, 60_000);

  it('two producers that must not be neighbours, placed side by side at once: never both', async () => {
    await setPolicy({ boothsPerProducer: 1 });
    const free = await prisma().booth.findMany({
      where: { eventId: fairId, blocked: false, occupancy: null, NOT: { code: { startsWith: 'E' } } },
      select: { id: true, x: true, y: true, widthM: true, depthM: true },
      orderBy: { code: 'asc' },
    });
    const pairs: [string, string][] = [];
    for (const a of free) {
      if (usedBooths.has(a.id)) continue;
      const b = free.find((c) => c.id !== a.id && !usedBooths.has(c.id) && areNeighbours(a, c));
      if (!b) continue;
      usedBooths.add(a.id);
      usedBooths.add(b.id);
      pairs.push([a.id, b.id]);
      if (pairs.length === 10) break;
    }
    expect(pairs).toHaveLength(10);
    for (const [a, b] of pairs) {
      const [first, second] = await freshProducers(2);
      await prisma().boothApplication.create({
        data: {
          eventId: fairId,
          producerId: second!,
          status: 'approved',
          preferences: JSON.stringify({ avoidProducerIds: [first] }),
        },
      });
      const answers = await Promise.all([assign(organisers[0]!, a, first!), assign(organisers[1]!, b, second!)]);
      expect(answers.filter((x) => x.status === 200)).toHaveLength(1);
      const refused = answers.find((x) => x.status !== 200)!;
      expect(refused.status).toBe(409);
      expect(refused.body.conflict).toBe('neighbour');
      expect(await prisma().boothOccupancy.count({ where: { boothId: { in: [a, b] } } })).toBe(1);
    }
  }, 60_000);
});
