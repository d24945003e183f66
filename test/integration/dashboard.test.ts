// The live dashboard against the database: after every step of long random sequences of
// bookings, cancellations, assignments, releases, holds, attendance, outcomes and confirmations
// (through the API, by producers, buyers and organisers), the dashboard answer equals what an
// independent count over the database's rows says, and a socket in the event's room received
// every change once, in order, whose counts, added to the first answer, give the last.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEventFact } from '../../server/contracts/realtime.ts';
import { addCounts, bucketOf, type Counter, type DashboardDto } from '../../server/contracts/dashboard.ts';
import { createDashboardRepository } from '../../server/modules/dashboard/dashboard.repository.ts';
import { OFFICIAL, ORGANISER } from '../support/accounts.ts';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.ts';
import { io as connectSocket } from 'socket.io-client';
import { hashPassword } from '../../server/modules/auth/password.ts';
import request from 'supertest';
import { eventStream } from '../../server/modules/activity/activity.repository.ts';
import { createApp } from '../../server/app.ts';
import { createLogger } from '../../server/logger.ts';
import { makeBuyers, makeProducers, makeSession, type Party, type TestSession } from '../support/matchmaking.ts';

let t: TestServer;
let fairId = '';
const cookie: Record<string, string> = {};
const prisma = () => t.database.db.prisma;
let producers: Party[] = [];
let buyers: Party[] = [];
let session: TestSession;
let booths: string[] = [];

beforeAll(async () => {
  t = await startTestServer();
  for (const email of [ORGANISER, OFFICIAL]) cookie[email] = await t.signIn(email);
  fairId = (await prisma().event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' }, select: { id: true } })).id;
  await prisma().event.update({ where: { id: fairId }, data: { boothPolicy: JSON.stringify({ boothsPerProducer: 20 }) } });
  // Freed booths would be offered to the demo's waitlist; these steps are about counting.
  await prisma().boothApplication.updateMany({ where: { eventId: fairId, status: 'waitlisted' }, data: { status: 'rejected' } });
  // Counters are built from the rows at start-up: the direct writes above are rows too.
  await prisma().dashboardCounter.deleteMany({ where: { eventId: fairId } });
  await createDashboardRepository(prisma(), t.database.db.raw).build(fairId, t.services.now());
  producers = await makeProducers(prisma(), 6, 'dak-lak');
  producers.push(...(await makeProducers(prisma(), 3, 'can-tho')));
  buyers = await makeBuyers(prisma(), 4);
  // Half the producers have products (a deal's category), the others none ('other').
  for (const [i, p] of producers.entries())
    if (i % 2 === 0)
      await prisma().product.create({
        data: { producerId: p.id, name: `Sản phẩm ${i}`, nameFolded: `san pham ${i}`, category: i % 4 ? 'coffee' : 'honey' },
      });
  session = await makeSession(t, cookie[ORGANISER]!, { maxMeetingsPerProducer: 10 }, buyers);
  booths = (
    await prisma().booth.findMany({
      where: { eventId: fairId, blocked: false, occupancy: null },
      select: { id: true },
      orderBy: { code: 'asc' },
      take: 8,
    })
  ).map((b) => b.id);
});
afterAll(() => t.close());

/** What the database's rows say, counted here independently of the counters. */
async function recount() {
  const now = t.services.now();
  const boothRows = await prisma().booth.findMany({
    where: { eventId: fairId },
    select: { zone: true, blocked: true, occupancy: { select: { kind: true, expiresAt: true } } },
  });
  const boothStatus = (b: (typeof boothRows)[number]) =>
    b.blocked
      ? 'blocked'
      : b.occupancy?.kind === 'assigned'
        ? 'assigned'
        : b.occupancy && b.occupancy.expiresAt && b.occupancy.expiresAt > now
          ? 'held'
          : 'available';
  const tally = (xs: string[]) => xs.reduce<Record<string, number>>((n, x) => ({ ...n, [x]: (n[x] ?? 0) + 1 }), {});
  const byStatus = tally(boothRows.map(boothStatus));
  const zones = [...new Set(boothRows.map((b) => b.zone))].sort((a, b) => a.localeCompare(b, 'vi'));
  const apps = tally(
    (await prisma().boothApplication.findMany({ where: { eventId: fairId }, select: { status: true } })).map((a) => a.status),
  );
  const meetings = await prisma().meeting.findMany({
    where: { eventId: fairId },
    select: {
      status: true,
      buyerId: true,
      createdAt: true,
      outcomeAt: true,
      outcomeConfirmedAt: true,
      outcomeStatus: true,
      outcomeConfirmation: true,
      outcomeValueVnd: true,
      outcomeProductIds: true,
      producer: {
        select: {
          provinceId: true,
          products: { select: { id: true, category: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
        },
      },
    },
  });
  const ms = tally(meetings.map((m) => m.status));
  const deals = meetings.filter(
    (m) =>
      m.status !== 'cancelled' &&
      ['agreement', 'listed'].includes(m.outcomeStatus ?? '') &&
      m.outcomeConfirmation === 'confirmed',
  );
  const sumBy = (key: (m: (typeof deals)[number]) => string) => {
    const out: Record<string, { count: number; valueVnd: number }> = {};
    for (const d of deals) {
      const k = key(d);
      out[k] = { count: (out[k]?.count ?? 0) + 1, valueVnd: (out[k]?.valueVnd ?? 0) + Number(d.outcomeValueVnd ?? 0n) };
    }
    return out;
  };
  const categoryOf = (d: (typeof deals)[number]) => {
    const first = (JSON.parse(d.outcomeProductIds) as string[])[0];
    return d.producer.products.find((p) => p.id === first)?.category ?? d.producer.products[0]?.category ?? 'other';
  };
  return {
    booths: {
      total: boothRows.length,
      assigned: byStatus.assigned ?? 0,
      held: byStatus.held ?? 0,
      available: byStatus.available ?? 0,
      blocked: byStatus.blocked ?? 0,
    },
    boothsByZone: zones.map((zone) => {
      const z = tally(boothRows.filter((b) => b.zone === zone).map(boothStatus));
      return {
        zone,
        total: boothRows.filter((b) => b.zone === zone).length,
        assigned: z.assigned ?? 0,
        held: z.held ?? 0,
        available: z.available ?? 0,
        blocked: z.blocked ?? 0,
      };
    }),
    applications: {
      pending: apps.submitted ?? 0,
      approved: apps.approved ?? 0,
      waitlisted: apps.waitlisted ?? 0,
      rejected: apps.rejected ?? 0,
      withdrawn: apps.withdrawn ?? 0,
    },
    meetings: { booked: ms.booked ?? 0, held: ms.held ?? 0, noShow: ms.no_show ?? 0, cancelled: ms.cancelled ?? 0 },
    deals: { count: deals.length, valueVnd: deals.reduce((s, d) => s + Number(d.outcomeValueVnd ?? 0n), 0) },
    dealsByBuyer: sumBy((d) => d.buyerId),
    dealsByProvince: sumBy((d) => d.producer.provinceId),
    dealsByCategory: sumBy(categoryOf),
    bookingsOverTime: tally(meetings.filter((m) => m.status !== 'cancelled').map((m) => bucketOf(m.createdAt))),
    dealsOverTime: sumBy((d) => bucketOf(d.outcomeConfirmedAt ?? d.outcomeAt!)),
  };
}

const asMap = <K extends string>(rows: ({ count: number; valueVnd: number } & Record<K, string>)[], key: K) =>
  Object.fromEntries(rows.map((r) => [r[key], { count: r.count, valueVnd: r.valueVnd }]));

async function dashboard(who = OFFICIAL): Promise<DashboardDto> {
  const res = await t.http.get(`/api/events/${fairId}/dashboard`).set('Cookie', cookie[who]!);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as DashboardDto;
}

async function expectDashboardTrue(step: string, given?: DashboardDto) {
  const [d, db] = [given ?? (await dashboard()), await recount()];
  expect(
    {
      booths: d.booths,
      boothsByZone: d.boothsByZone,
      applications: d.applications,
      meetings: d.meetings,
      deals: d.deals,
      dealsByBuyer: asMap(d.dealsByBuyer, 'buyerId'),
      dealsByProvince: asMap(d.dealsByProvince, 'provinceId'),
      dealsByCategory: asMap(d.dealsByCategory, 'category'),
      bookingsOverTime: Object.fromEntries(d.bookingsOverTime.map((b) => [b.at, b.count])),
      dealsOverTime: asMap(d.dealsOverTime, 'at'),
    },
    step,
  ).toEqual(db);
}

async function watch(): Promise<{ socket: TestSocket; facts: AnyEventFact[]; seq: number }> {
  const socket = await t.socket(cookie[OFFICIAL]);
  const facts: AnyEventFact[] = [];
  for (const type of [
    'event:updated',
    'booths:changed',
    'application:changed',
    'meeting:changed',
    'request:changed',
    'session:changed',
  ] as const)
    socket.on(type, (fact: AnyEventFact) => facts.push(fact));
  const ack = await new Promise<{ ok: true; data: { seq: number } }>((resolve) =>
    socket.emit('event:join', { eventId: fairId }, resolve as never),
  );
  expect(ack.ok).toBe(true);
  return { socket, facts, seq: ack.data.seq };
}

type Command =
  | { kind: 'book'; producer: number; buyer: number; slot: number; by: 'producer' | 'buyer' | 'organiser' }
  | { kind: 'cancel'; meeting: number }
  | { kind: 'attend'; meeting: number; status: 'held' | 'no_show' }
  | {
      kind: 'outcome';
      meeting: number;
      status: string;
      value: number;
      side: 'producer' | 'buyer' | 'organiser';
      product: boolean;
    }
  | { kind: 'confirm'; meeting: number; agree: boolean }
  | { kind: 'assign'; booth: number; producer: number }
  | { kind: 'release'; booth: number }
  | { kind: 'hold'; booth: number; producer: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('book' as const),
    producer: fc.nat(8),
    buyer: fc.nat(3),
    slot: fc.nat(5),
    by: fc.constantFrom('producer' as const, 'buyer' as const, 'organiser' as const),
  }),
  fc.record({ kind: fc.constant('cancel' as const), meeting: fc.nat(30) }),
  fc.record({
    kind: fc.constant('attend' as const),
    meeting: fc.nat(30),
    status: fc.constantFrom('held' as const, 'no_show' as const),
  }),
  fc.record({
    kind: fc.constant('outcome' as const),
    meeting: fc.nat(30),
    status: fc.constantFrom('agreement', 'listed', 'follow_up', 'no_interest', 'agreement'),
    value: fc.integer({ min: 0, max: 5_000_000_000 }),
    side: fc.constantFrom('producer' as const, 'buyer' as const, 'organiser' as const),
    product: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('confirm' as const), meeting: fc.nat(30), agree: fc.boolean() }),
  fc.record({ kind: fc.constant('assign' as const), booth: fc.nat(7), producer: fc.nat(8) }),
  fc.record({ kind: fc.constant('release' as const), booth: fc.nat(7) }),
  fc.record({ kind: fc.constant('hold' as const), booth: fc.nat(7), producer: fc.nat(8) }),
);

async function run(c: Command): Promise<number> {
  const meetings = await prisma().meeting.findMany({
    where: { sessionId: session.id },
    select: { id: true, producerId: true, buyerId: true, outcomeBy: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const m = 'meeting' in c ? meetings[c.meeting % Math.max(meetings.length, 1)] : undefined;
  const as = (who: string) =>
    who === 'organiser'
      ? cookie[ORGANISER]!
      : who === 'producer'
        ? producers.find((p) => p.id === m!.producerId)!.cookie
        : buyers.find((b) => b.id === m!.buyerId)!.cookie;
  const api = (method: 'post' | 'put' | 'delete', path: string, cookieValue: string, body?: object) =>
    t.http[method](`/api${path}`).set('Cookie', cookieValue).send(body);
  switch (c.kind) {
    case 'book': {
      const producer = producers[c.producer]!;
      const buyer = buyers[c.buyer]!;
      const who = c.by === 'producer' ? producer.cookie : c.by === 'buyer' ? buyer.cookie : cookie[ORGANISER]!;
      const body = {
        slotId: session.slotIds[c.slot]!,
        buyerId: buyer.id,
        ...(c.by === 'producer' ? {} : { producerId: producer.id }),
      };
      return (await api('post', `/sessions/${session.id}/meetings`, who, body)).status;
    }
    case 'cancel':
      return m ? (await api('delete', `/meetings/${m.id}`, cookie[ORGANISER]!)).status : 0;
    case 'attend':
      return m ? (await api('post', `/meetings/${m.id}/attendance`, cookie[ORGANISER]!, { status: c.status })).status : 0;
    case 'outcome': {
      if (!m) return 0;
      const products = await prisma().product.findMany({ where: { producerId: m.producerId }, select: { id: true } });
      const body = {
        status: c.status,
        valueVnd: c.value,
        ...(c.product && products[0] ? { productIds: [products[0].id] } : {}),
      };
      return (await api('post', `/meetings/${m.id}/outcome`, as(c.side), body)).status;
    }
    case 'confirm': {
      if (!m || !m.outcomeBy) return 0;
      const other = m.outcomeBy === 'producer' ? 'buyer' : 'producer';
      return (await api('post', `/meetings/${m.id}/outcome/confirmation`, as(other), { agree: c.agree })).status;
    }
    case 'assign':
      return (
        await api('put', `/events/${fairId}/booths/${booths[c.booth]!}/assignment`, cookie[ORGANISER]!, {
          producerId: producers[c.producer]!.id,
        })
      ).status;
    case 'release':
      return (await api('delete', `/events/${fairId}/booths/${booths[c.booth]!}/assignment`, cookie[ORGANISER]!)).status;
    case 'hold':
      return (
        await api('put', `/events/${fairId}/booths/${booths[c.booth]!}/hold`, cookie[ORGANISER]!, {
          producerId: producers[c.producer]!.id,
          minutes: 60,
        })
      ).status;
  }
}

describe('the dashboard', () => {
  it('equals a count over the database after every step, and a watching socket gets each change once, in order', async () => {
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 30, maxLength: 60 }), async (commands) => {
        const watcher = await watch();
        const first = await dashboard();
        for (const [i, c] of commands.entries()) {
          const status = await run(c);
          statuses[status] = (statuses[status] ?? 0) + 1;
          expect(status, `step ${i}: ${JSON.stringify(c)}`).toBeLessThan(500);
          await expectDashboardTrue(`after step ${i}: ${JSON.stringify(c)}`);
        }
        const last = await dashboard();
        // Every change reached the socket once, in order ...
        await expect.poll(() => watcher.facts.length, { timeout: 5000 }).toBe(last.seq - first.seq);
        expect(watcher.facts.map((f) => f.seq)).toEqual(
          Array.from({ length: last.seq - first.seq }, (_, i) => first.seq + 1 + i),
        );
        // ... and its counts, added to the first answer's counters, are the last answer's.
        const counters: Record<string, Counter> = structuredClone(first.counters);
        for (const f of watcher.facts) addCounts(counters, f.counts ?? []);
        expect(counters).toEqual(last.counters);
        watcher.socket.disconnect();
      }),
      // A fixed seed by default (as the fuzz test): every CI run checks the same sequences, and
      // the check below that they changed things cannot come out differently from run to run
      // (a seed from the clock once gave only 9 bookings in 4 runs); FC_SEED explores others.
      { numRuns: 4, seed: Number(process.env.FC_SEED ?? 20261202), endOnFailure: true },
    );
    // The sequences did change things (a property over refusals only would prove nothing).
    expect(statuses[201] ?? 0).toBeGreaterThan(10);
    expect(statuses[200] ?? 0).toBeGreaterThan(10);
    const d = await dashboard();
    expect(d.deals.count).toBeGreaterThan(0);
    expect(d.meetings.booked + d.meetings.held + d.meetings.noShow).toBeGreaterThan(0);
  }, 300_000);

  it("is refused to an official of another province (403), shown to one of the event's", async () => {
    const passwordHash = await hashPassword('mat-khau-can-bo');
    await prisma().user.createMany({
      data: [
        { email: 'canbo.hanoi@test.vn', name: 'Cán bộ Hà Nội', role: 'official', provinceId: 'ha-noi', passwordHash },
        { email: 'canbo.daklak@test.vn', name: 'Cán bộ Đắk Lắk', role: 'official', provinceId: 'dak-lak', passwordHash },
      ],
    });
    const other = await t.signIn('canbo.hanoi@test.vn', 'mat-khau-can-bo');
    const own = await t.signIn('canbo.daklak@test.vn', 'mat-khau-can-bo');
    const refused = await t.http.get(`/api/events/${fairId}/dashboard`).set('Cookie', other);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await t.http.get('/api/provinces/dak-lak/dashboard').set('Cookie', other)).status).toBe(403);
    expect((await t.http.get(`/api/events/${fairId}/dashboard`).set('Cookie', own)).status).toBe(200);
    expect((await t.http.get('/api/provinces/dak-lak/dashboard').set('Cookie', own)).status).toBe(200);
    expect((await t.http.get('/api/provinces/atlantis/dashboard').set('Cookie', cookie[ORGANISER]!)).status).toBe(404);
  });

  it("of a province is the sum of its events' dashboards, with each event's seq", async () => {
    const province = (await t.http.get('/api/provinces/dak-lak/dashboard').set('Cookie', cookie[OFFICIAL]!)).body;
    expect(province.events.length).toBeGreaterThan(0);
    const each = await Promise.all(
      province.events.map(
        async (e: { eventId: string }) =>
          (await t.http.get(`/api/events/${e.eventId}/dashboard`).set('Cookie', cookie[OFFICIAL]!)).body as DashboardDto,
      ),
    );
    const sum: Record<string, Counter> = {};
    for (const d of each)
      addCounts(
        sum,
        Object.entries(d.counters).map(([k, c]): [string, number, number] => [k, (c as Counter).count, (c as Counter).valueVnd]),
      );
    expect(province.counters).toEqual(sum);
    expect(province.events.map((e: { seq: number }) => e.seq)).toEqual(each.map((d) => d.seq));
    expect(province.deals.count).toBe(each.reduce((n, d) => n + d.deals.count, 0));
  });

  it('is never an answer kept from before a change, though it is kept between changes, with several server processes', async () => {
    // A second app on the same database: its own memory, as another process would have.
    const other = request(
      createApp({ config: t.config, db: t.database.db, logger: createLogger('silent'), now: t.services.now }).app,
    );
    const read = async (via: typeof other) => {
      const res = await via.get(`/api/events/${fairId}/dashboard`).set('Cookie', cookie[OFFICIAL]!);
      expect(res.status).toBe(200);
      return res;
    };
    const seqInDatabase = async () =>
      (await prisma().activityStream.findUniqueOrThrow({ where: { key: eventStream(fairId) } })).lastSeq;
    const first = await read(other);
    // Kept: asked again with no change between, the same bytes (and 304 to If-None-Match).
    const again = await other
      .get(`/api/events/${fairId}/dashboard`)
      .set('Cookie', cookie[OFFICIAL]!)
      .set('If-None-Match', first.headers.etag as string);
    expect(again.status).toBe(304);
    for (let i = 0, changed = 0; changed < 3 && i < 400; i++) {
      const c = fc.sample(command, { numRuns: 1, seed: i + 101 })[0]!;
      // Every change is made through this server; the other one, which kept its answer, is asked.
      const before = await seqInDatabase();
      if ((await run(c)) >= 300 || (await seqInDatabase()) === before) continue; // refused, or changed nothing
      changed++;
      const seen = (await read(other)).body as DashboardDto;
      expect(seen.seq).toBe(await seqInDatabase());
      await expectDashboardTrue(`through the other server after change ${changed}`, seen);
      expect(seen).toEqual((await read(t.http)).body);
    }
  });

  it('converges after a dropped socket: the changes it missed, replayed after its seq, give the counters it would have had', async () => {
    const watcher = await watch();
    const before = await dashboard();
    watcher.socket.disconnect();
    const missed = 25;
    let done = 0;
    for (let i = 0; done < missed && i < 400; i++) {
      const c = fc.sample(command, { numRuns: 1, seed: i + 7 })[0]!;
      if ((await run(c)) < 300) done++;
    }
    expect(done).toBe(missed);
    // Reconnected: it asks for what came after the seq it holds, and adds their counts once.
    const again = await watch();
    const replay = await t.http
      .get(`/api/events/${fairId}/activity`)
      .query({ after: before.seq, limit: 500 })
      .set('Cookie', cookie[OFFICIAL]!);
    expect(replay.status).toBe(200);
    const counters: Record<string, Counter> = structuredClone(before.counters);
    let seq = before.seq;
    for (const f of replay.body.items as AnyEventFact[]) {
      if (f.seq <= seq) continue; // already held: never counted twice
      expect(f.seq).toBe(seq + 1);
      addCounts(counters, f.counts ?? []);
      seq = f.seq;
    }
    // A fact that also arrives live after the replay is one it already has.
    for (const f of again.facts) if (f.seq > seq) addCounts(counters, f.counts ?? []);
    const now = await dashboard();
    expect(seq).toBe(now.seq);
    expect(counters).toEqual(now.counters);
    again.socket.disconnect();
  });

  it('opens on a big-screen link without signing in, live; a revoked link answers 401 and its open screens close', async () => {
    const created = await t.http
      .post(`/api/events/${fairId}/big-screens`)
      .set('Cookie', cookie[ORGANISER]!)
      .send({ label: 'Sảnh A' });
    expect(created.status).toBe(201);
    const { token, id } = created.body as { token: string; id: string };
    expect(token.length).toBeGreaterThan(20);
    const listed = await t.http.get(`/api/events/${fairId}/big-screens`).set('Cookie', cookie[ORGANISER]!);
    expect(listed.body.items.find((l: { id: string }) => l.id === id)).toMatchObject({ label: 'Sảnh A', revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const byLink = () => t.http.get(`/api/events/${fairId}/dashboard`).set('Authorization', `Bearer ${token}`);
    const open = await byLink();
    expect(open.status).toBe(200);
    expect(open.body.seq).toBe((await dashboard()).seq);
    // The link opens its own event only.
    const otherEvent = await prisma().event.findFirstOrThrow({
      where: { id: { not: fairId }, status: { not: 'draft' } },
      select: { id: true },
    });
    expect((await t.http.get(`/api/events/${otherEvent.id}/dashboard`).set('Authorization', `Bearer ${token}`)).status).toBe(404);
    expect((await t.http.get(`/api/events/${fairId}/dashboard`).set('Authorization', 'Bearer not-a-real-token')).status).toBe(
      401,
    );

    // Its socket: no cookie, the token; it gets the event's facts with their counts.
    const screen = connectSocket(t.baseUrl, {
      transports: ['websocket'],
      auth: { screenToken: token },
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => (screen.once('connect', resolve), screen.once('connect_error', reject)));
    const facts: AnyEventFact[] = [];
    screen.on('meeting:changed', (f: AnyEventFact) => facts.push(f));
    const ack = await new Promise<{ ok: boolean; data?: { seq: number } }>((resolve) =>
      screen.emit('event:join', { eventId: fairId }, resolve),
    );
    expect(ack.ok).toBe(true);
    const refusedJoin = await new Promise<{ ok: boolean }>((resolve) =>
      screen.emit('event:join', { eventId: otherEvent.id }, resolve),
    );
    expect(refusedJoin.ok).toBe(false);
    const [p] = producers;
    const res = await t.http
      .post(`/api/sessions/${session.id}/meetings`)
      .set('Cookie', cookie[ORGANISER]!)
      .send({ slotId: session.slotIds[5], buyerId: buyers[3]!.id, producerId: p!.id });
    expect([201, 409]).toContain(res.status);
    if (res.status === 201) {
      await expect.poll(() => facts.length).toBe(1);
      // What everyone watching gets: which table is taken, never who meets whom.
      expect(facts[0]!.data).not.toHaveProperty('meeting.producerId');
      expect(facts[0]!.counts).toEqual(expect.arrayContaining([['meetings:booked', 1, 0]]));
    }

    const closed = new Promise<string>((resolve) => screen.once('disconnect', resolve));
    expect((await t.http.delete(`/api/events/${fairId}/big-screens/${id}`).set('Cookie', cookie[ORGANISER]!)).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect((await byLink()).status).toBe(401);
    const reconnect = connectSocket(t.baseUrl, {
      transports: ['websocket'],
      auth: { screenToken: token },
      reconnection: false,
      forceNew: true,
    });
    await expect(
      new Promise<void>(
        (resolve, reject) => (reconnect.once('connect', () => resolve()), reconnect.once('connect_error', (e) => reject(e))),
      ),
    ).rejects.toThrow('UNAUTHENTICATED');
    reconnect.close();
  });
});
