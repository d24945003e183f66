// What an organiser does with booths, one call at a time: assign, move, release, hold, check in,
// the fair's rules (zone stars, neighbours to avoid, blocked booths), and the waitlist: a freed
// booth is offered to the first waitlisted application that fits, a declined or lapsed offer
// passes to the next, an accepted one becomes the assignment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISER, PRODUCER } from '../support/accounts.ts';
import { areNeighbours } from '../../server/modules/booths/booth-view.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
let clock = Date.now();
let fairId = '';
const cookie: Record<string, string> = {};
const prisma = () => t.database.db.prisma;
let demoProducerId = '';

beforeAll(async () => {
  t = await startTestServer({}, { now: () => new Date(clock) });
  for (const email of [ORGANISER, PRODUCER]) cookie[email] = await t.signIn(email);
  fairId = (await prisma().event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' }, select: { id: true } })).id;
  demoProducerId = (await t.http.get('/api/auth/me').set('Cookie', cookie[PRODUCER]!)).body.user.organisationId;
  await policy({ boothsPerProducer: 2 });
  // Freed booths are offered to the waitlist: the demo's waitlisted applications would take them.
  await prisma().boothApplication.updateMany({ where: { eventId: fairId, status: 'waitlisted' }, data: { status: 'rejected' } });
});
afterAll(() => t.close());

async function policy(p: object) {
  await prisma().event.update({ where: { id: fairId }, data: { boothPolicy: JSON.stringify(p) } });
}
let serial = 0;
async function producer(stars: number | null = null): Promise<string> {
  const name = `HTX thử ${++serial}`;
  const row = await prisma().producer.create({
    data: { name, nameFolded: name.toLowerCase(), legalType: 'cooperative', provinceId: 'dak-lak' },
  });
  if (stars !== null)
    await prisma().product.create({
      data: {
        producerId: row.id,
        name: `Cà phê ${serial}`,
        nameFolded: `ca phe ${serial}`,
        category: 'coffee',
        stars,
        certExpiresAt: new Date(clock + 365 * 86_400_000),
      },
    });
  return row.id;
}
const used = new Set<string>();
async function booth(codePrefix = 'D'): Promise<{ id: string; code: string; zone: string; x: number; y: number }> {
  const rows = await prisma().booth.findMany({
    where: { eventId: fairId, blocked: false, occupancy: null, code: { startsWith: codePrefix } },
    select: { id: true, code: true, zone: true, x: true, y: true },
    orderBy: { code: 'asc' },
  });
  const b = rows.find((r) => !used.has(r.id))!;
  used.add(b.id);
  return b;
}
const call = (method: 'put' | 'delete' | 'post', path: string, body?: object, who = ORGANISER) => {
  const url = `/api/events/${fairId}${path}`;
  const req = method === 'put' ? t.http.put(url) : method === 'post' ? t.http.post(url) : t.http.delete(url);
  return req.set('Cookie', cookie[who]!).send(body);
};
async function waitlisted(producerId: string, priority = 0, preferences: object = {}) {
  clock += 1000;
  return prisma().boothApplication.create({
    data: {
      eventId: fairId,
      producerId,
      status: 'waitlisted',
      priority,
      preferences: JSON.stringify(preferences),
      createdAt: new Date(clock),
    },
  });
}
const occupancyOf = (boothId: string) => prisma().boothOccupancy.findUnique({ where: { boothId } });

describe('assign, move, release, check in', () => {
  it('moves an assignment to a free booth, checks it in, releases it', async () => {
    const p = await producer();
    const [a, b] = [await booth(), await booth()];
    expect((await call('put', `/booths/${a.id}/assignment`, { producerId: p })).status).toBe(200);
    const moved = await call('post', `/booths/${a.id}/move`, { toBoothId: b.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: b.id, status: 'assigned', producerId: p });
    expect(await occupancyOf(a.id)).toBeNull();
    const checked = await call('post', `/booths/${b.id}/check-in`, {});
    expect(checked.status).toBe(200);
    expect(checked.body.checkedInAt).toMatch(/\+07:00$/);
    expect((await call('delete', `/booths/${b.id}/assignment`)).status).toBe(204);
    expect(await occupancyOf(b.id)).toBeNull();
    const tally = await prisma().boothTally.findUnique({ where: { eventId_key: { eventId: fairId, key: `producer:${p}` } } });
    expect(tally?.count).toBe(0);
  });

  it('refuses a blocked booth, an unknown producer and a booth of another event, saying why', async () => {
    const b = await booth();
    await prisma().booth.update({ where: { id: b.id }, data: { blocked: true } });
    const blocked = await call('put', `/booths/${b.id}/assignment`, { producerId: await producer() });
    expect(blocked.status).toBe(409);
    expect(blocked.body.conflict).toBe('blocked');
    const unknown = await call('put', `/booths/${(await booth()).id}/assignment`, { producerId: 'no-such-producer' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0]).toMatchObject({ path: 'producerId', code: 'unknown_producer' });
    const draft = await prisma().event.findFirstOrThrow({ where: { status: 'draft' }, select: { id: true } });
    const elsewhere = await t.http
      .put(`/api/events/${draft.id}/booths/${(await booth()).id}/assignment`)
      .set('Cookie', cookie[ORGANISER]!)
      .send({ producerId: await producer() });
    expect(elsewhere.status).toBe(404);
  });

  it('keeps a zone for producers with its OCOP stars, counting valid certificates only', async () => {
    const e = await booth('E');
    await policy({ boothsPerProducer: 2, zoneMinStars: { [e.zone]: 4 } });
    const three = await call('put', `/booths/${e.id}/assignment`, { producerId: await producer(3) });
    expect(three.status).toBe(409);
    expect(three.body.conflict).toBe('stars');
    const expired = await producer(5);
    await prisma().product.updateMany({ where: { producerId: expired }, data: { certExpiresAt: new Date(clock - 1000) } });
    expect((await call('put', `/booths/${e.id}/assignment`, { producerId: expired })).body.conflict).toBe('stars');
    expect((await call('put', `/booths/${e.id}/assignment`, { producerId: await producer(4) })).status).toBe(200);
    await policy({ boothsPerProducer: 2 });
  });

  it('never places a producer next to one it asked to avoid, either way round', async () => {
    const free = await prisma().booth.findMany({
      where: { eventId: fairId, blocked: false, occupancy: null, code: { startsWith: 'A' } },
      select: { id: true, x: true, y: true, widthM: true, depthM: true },
    });
    const a = free.find((x) => !used.has(x.id) && free.some((y) => y !== x && !used.has(y.id) && areNeighbours(x, y)))!;
    const b = free.find((y) => y !== a && !used.has(y.id) && areNeighbours(a, y))!;
    used.add(a.id);
    used.add(b.id);
    const first = await producer();
    const second = await producer();
    await prisma().boothApplication.create({
      data: {
        eventId: fairId,
        producerId: second,
        status: 'approved',
        preferences: JSON.stringify({ avoidProducerIds: [first] }),
      },
    });
    expect((await call('put', `/booths/${a.id}/assignment`, { producerId: first })).status).toBe(200);
    const refused = await call('put', `/booths/${b.id}/assignment`, { producerId: second });
    expect(refused.status).toBe(409);
    expect(refused.body.conflict).toBe('neighbour');
  });

  it('a hold is for its producer only, and becomes its assignment', async () => {
    const b = await booth();
    const [holder, other] = [await producer(), await producer()];
    expect((await call('put', `/booths/${b.id}/hold`, { producerId: holder, minutes: 10 })).status).toBe(200);
    expect((await call('put', `/booths/${b.id}/assignment`, { producerId: other })).body.conflict).toBe('hold');
    expect((await call('put', `/booths/${b.id}/hold`, { producerId: other })).body.conflict).toBe('hold');
    expect((await call('put', `/booths/${b.id}/assignment`, { producerId: holder })).status).toBe(200);
    expect(await occupancyOf(b.id)).toMatchObject({ kind: 'assigned', producerId: holder, expiresAt: null });
  });
});

describe('waitlist', () => {
  it('offers a freed booth to the first waitlisted application that fits: policy priority, then arrival', async () => {
    await prisma().boothApplication.updateMany({
      where: { eventId: fairId, status: 'waitlisted' },
      data: { status: 'rejected' },
    });
    await policy({ boothsPerProducer: 2, offerMinutes: 5 });
    const b = await booth();
    const owner = await producer();
    expect((await call('put', `/booths/${b.id}/assignment`, { producerId: owner })).status).toBe(200);
    const early = await waitlisted(await producer());
    const late = await waitlisted(await producer());
    const favoured = await waitlisted(await producer(), 10);
    expect((await call('delete', `/booths/${b.id}/assignment`)).status).toBe(204);
    expect(await occupancyOf(b.id)).toMatchObject({ kind: 'offered', applicationId: favoured.id });

    // Declined: the next in line (arrival order) gets it.
    const declined = await t.services.booths.declineOffer(
      { id: 'x', email: '', name: '', role: 'organiser', producerId: null, buyerId: null },
      fairId,
      b.id,
    );
    expect(declined).toBeUndefined();
    expect(await occupancyOf(b.id)).toMatchObject({ kind: 'offered', applicationId: early.id });
    const passed = await prisma().boothApplication.findUniqueOrThrow({ where: { id: favoured.id } });
    expect(JSON.parse(passed.passedBoothIds)).toEqual([b.id]);

    // Lapsed with nobody looking: the sweeper passes it on, once.
    clock += 6 * 60_000;
    await Promise.all([t.services.booths.sweepLapsed(), t.services.booths.sweepLapsed()]);
    expect(await occupancyOf(b.id)).toMatchObject({ kind: 'offered', applicationId: late.id });
    const lapses = await prisma().activityLog.findMany({
      where: { eventId: fairId, publicData: { contains: '"change":"offer_lapsed"' } },
      select: { publicData: true },
    });
    expect(lapses.filter((l) => l.publicData!.includes(b.id))).toHaveLength(1);

    // Accepted: the assignment, and the application is approved.
    const accepted = await call('post', `/booths/${b.id}/offer/accept`, {});
    expect(accepted.status).toBe(200);
    expect(await occupancyOf(b.id)).toMatchObject({ kind: 'assigned', applicationId: late.id, expiresAt: null });
    expect((await prisma().boothApplication.findUniqueOrThrow({ where: { id: late.id } })).status).toBe('approved');
  });

  it("an offer is its producer's to take: another producer gets 403, its own producer takes it", async () => {
    await prisma().boothApplication.updateMany({
      where: { eventId: fairId, status: 'waitlisted' },
      data: { status: 'rejected' },
    });
    const b = await booth();
    const owner = await producer();
    expect((await call('put', `/booths/${b.id}/assignment`, { producerId: owner })).status).toBe(200);
    await prisma().boothApplication.upsert({
      where: { eventId_producerId: { eventId: fairId, producerId: demoProducerId } },
      create: { eventId: fairId, producerId: demoProducerId, status: 'waitlisted' },
      update: { status: 'waitlisted', passedBoothIds: '[]' },
    });
    expect((await call('delete', `/booths/${b.id}/assignment`)).status).toBe(204);
    expect(await occupancyOf(b.id)).toMatchObject({ kind: 'offered', producerId: demoProducerId });
    const other = await t.signIn('hokd.matong@demo.ocop.vn');
    const refused = await t.http.post(`/api/events/${fairId}/booths/${b.id}/offer/accept`).set('Cookie', other).send({});
    expect(refused.status).toBe(403);
    const mine = await call('post', `/booths/${b.id}/offer/accept`, {}, PRODUCER);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ status: 'assigned', producerId: demoProducerId });
  });

  it('skips a waitlisted producer the booth does not fit (zone stars), so the booth is not left stuck', async () => {
    await prisma().boothApplication.updateMany({
      where: { eventId: fairId, status: 'waitlisted' },
      data: { status: 'rejected' },
    });
    const e = await booth('E');
    await policy({ boothsPerProducer: 2, zoneMinStars: { [e.zone]: 5 } });
    expect((await call('put', `/booths/${e.id}/assignment`, { producerId: await producer(5) })).status).toBe(200);
    await waitlisted(await producer(3), 50);
    const fits = await waitlisted(await producer(5));
    expect((await call('delete', `/booths/${e.id}/assignment`)).status).toBe(204);
    expect(await occupancyOf(e.id)).toMatchObject({ kind: 'offered', applicationId: fits.id });
    await policy({ boothsPerProducer: 2 });
  });

  it('an offer withdrawn at the moment it is accepted is never both: either assigned, or free for the next', async () => {
    for (let round = 0; round < 5; round += 1) {
      await prisma().boothApplication.updateMany({
        where: { eventId: fairId, status: 'waitlisted' },
        data: { status: 'rejected' },
      });
      const b = await booth();
      await prisma().boothApplication.upsert({
        where: { eventId_producerId: { eventId: fairId, producerId: demoProducerId } },
        create: { eventId: fairId, producerId: demoProducerId, status: 'waitlisted' },
        update: { status: 'waitlisted', passedBoothIds: '[]' },
      });
      await prisma().boothOccupancy.deleteMany({ where: { eventId: fairId, producerId: demoProducerId } });
      await prisma().boothTally.deleteMany({ where: { eventId: fairId, key: `producer:${demoProducerId}` } });
      await prisma().boothOccupancy.create({
        data: {
          boothId: b.id,
          eventId: fairId,
          producerId: demoProducerId,
          kind: 'offered',
          expiresAt: new Date(clock + 3_600_000),
        },
      });
      const [accepted, withdrawn] = await Promise.all([
        call('post', `/booths/${b.id}/offer/accept`, {}, PRODUCER),
        call('delete', `/booths/${b.id}/hold`),
      ]);
      const stored = await occupancyOf(b.id);
      if (accepted.status === 200) expect(stored).toMatchObject({ kind: 'assigned', producerId: demoProducerId });
      else {
        expect([404, 409]).toContain(accepted.status);
        expect(stored?.producerId ?? null).not.toBe(demoProducerId);
      }
      expect(withdrawn.status).toBe(204);
    }
  });

  it('a hold that lapses offers its booth to the waitlist', async () => {
    await prisma().boothApplication.updateMany({
      where: { eventId: fairId, status: 'waitlisted' },
      data: { status: 'rejected' },
    });
    const b = await booth();
    expect((await call('put', `/booths/${b.id}/hold`, { producerId: await producer(), minutes: 1 })).status).toBe(200);
    const next = await waitlisted(await producer());
    clock += 61_000;
    await t.services.booths.sweepLapsed();
    expect(await occupancyOf(b.id)).toMatchObject({ kind: 'offered', applicationId: next.id });
  });

  it('a request takes over a lapsed hold in place even with a waitlist that fits the booth', async () => {
    await prisma().boothApplication.updateMany({
      where: { eventId: fairId, status: 'waitlisted' },
      data: { status: 'rejected' },
    });
    const b = await booth();
    expect((await call('put', `/booths/${b.id}/hold`, { producerId: await producer(), minutes: 1 })).status).toBe(200);
    await waitlisted(await producer());
    clock += 61_000;
    const taker = await producer();
    const taken = await call('put', `/booths/${b.id}/assignment`, { producerId: taker });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(await occupancyOf(b.id)).toMatchObject({ kind: 'assigned', producerId: taker });
  });
});
