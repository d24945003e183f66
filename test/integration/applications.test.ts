// Booth applications through HTTP against a real database: a producer applies for itself (staff
// for a household), once per fair, before the deadline, with its own products; organisers
// approve, waitlist or reject with a reason, with the policy's priority for supported producers;
// two organisers deciding at once do not both win; a waitlisting while booths that fit are free
// is offered one at once; a withdrawal passes its open offer on. Each change is logged as
// application:changed: its id and status for everyone, the whole application for organisers and
// its producer only, live and on catch-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEventFact } from '../../server/contracts/realtime.ts';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.ts';

const OTHER_PRODUCER = 'hokd.matong@demo.ocop.vn';
let t: TestServer;
let clock = Date.now();
let fairId = '';
const cookie: Record<string, string> = {};
const prisma = () => t.database.db.prisma;
let producerId = '';
let otherProducerId = '';

beforeAll(async () => {
  t = await startTestServer({}, { now: () => new Date(clock) });
  for (const email of [ORGANISER, PRODUCER, OTHER_PRODUCER, OFFICIAL, BUYER]) cookie[email] = await t.signIn(email);
  fairId = (await prisma().event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' }, select: { id: true } })).id;
  const me = async (email: string) =>
    (await t.http.get('/api/auth/me').set('Cookie', cookie[email]!)).body.user.organisationId as string;
  producerId = await me(PRODUCER);
  otherProducerId = await me(OTHER_PRODUCER);
  await policy({ boothsPerProducer: 2 });
}, 60_000);
afterAll(() => t.close());

async function policy(p: object) {
  await prisma().event.update({ where: { id: fairId }, data: { boothPolicy: JSON.stringify(p) } });
}
const call = (who: string) => ({
  post: (path: string, body?: object) => t.http.post(`/api${path}`).set('Cookie', cookie[who]!).send(body),
  get: (path: string) => t.http.get(`/api${path}`).set('Cookie', cookie[who]!),
});
const organiser = call(ORGANISER);
const apply = (who: string, body: object = {}) => call(who).post(`/events/${fairId}/applications`, body);
const decide = (id: string, body: object, who = ORGANISER) => call(who).post(`/applications/${id}/decision`, body);

let serial = 0;
/** A producer of our own (a household without a sign-in), with a product of `stars` when given. */
async function household(stars?: number, options: { expired?: boolean } = {}): Promise<string> {
  const name = `Hộ kinh doanh thử ${++serial}`;
  const row = await prisma().producer.create({
    data: { name, nameFolded: name.toLowerCase(), legalType: 'household', provinceId: 'dak-lak', locality: 'Xã Ea Kao' },
  });
  if (stars !== undefined)
    await prisma().product.create({
      data: {
        producerId: row.id,
        name: `Mật ong ${serial}`,
        nameFolded: `mat ong ${serial}`,
        category: 'honey',
        stars,
        certExpiresAt: new Date(clock + (options.expired ? -1 : 1) * 365 * 86_400_000),
      },
    });
  return row.id;
}
const fileFor = async (producer: string, body: object = {}) => {
  const res = await apply(ORGANISER, { producerId: producer, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; status: string };
};
/** Organiser sessions of their own, signed in five at a time (the sign-in throttle counts attempts in flight). */
async function organiserSessions(count: number): Promise<string[]> {
  const sessions: string[] = [];
  while (sessions.length < count) sessions.push(...(await Promise.all(Array.from({ length: 5 }, () => t.signIn(ORGANISER)))));
  return sessions.slice(0, count);
}
const stored = (id: string) => prisma().boothApplication.findUniqueOrThrow({ where: { id } });
const factsOf = async (applicationId: string) =>
  (
    await prisma().activityLog.findMany({
      where: { stream: `event:${fairId}`, type: 'application:changed', publicData: { contains: `"id":"${applicationId}"` } },
      orderBy: { seq: 'asc' },
      select: { publicData: true, privateData: true, audience: true },
    })
  ).map((f) => ({ public: JSON.parse(f.publicData!), private: JSON.parse(f.privateData!), audience: f.audience }));
/** Waitlisted applications of the demo data are taken out of the way of the waitlist tests. */
const clearWaitlist = () =>
  prisma().boothApplication.updateMany({ where: { eventId: fairId, status: 'waitlisted' }, data: { status: 'rejected' } });

async function grid(prefix: string, count: number, zone: string) {
  const res = await organiser.post(`/events/${fairId}/booths`, {
    zone,
    prefix,
    from: 1,
    to: count,
    x: 3000 + 40 * ++serial,
    y: 3000,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.items as { id: string; code: string }[];
}

describe('applying', () => {
  it('a producer applies for itself with its own products; the application tells its best valid stars', async () => {
    const product = await prisma().product.findFirstOrThrow({ where: { producerId }, select: { id: true } });
    const res = await apply(PRODUCER, {
      preferences: { zones: ['Khu B – Cà phê, ca cao'], types: ['corner'], booths: 2 },
      productIds: [product.id, product.id],
      note: 'Xin gian góc gần lối vào.',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const best = await prisma().product.aggregate({
      where: { producerId, stars: { not: null }, certExpiresAt: { gt: new Date(clock) } },
      _max: { stars: true },
    });
    expect(res.body).toMatchObject({
      eventId: fairId,
      producerId,
      status: 'submitted',
      productIds: [product.id],
      preferences: { zones: ['Khu B – Cà phê, ca cao'], types: ['corner'], booths: 2, seekProducerIds: [], avoidProducerIds: [] },
      note: 'Xin gian góc gần lối vào.',
      support: 'none',
      priority: 0,
      boothIds: [],
      stars: best._max.stars,
      decidedAt: null,
    });
    expect(res.body.createdAt).toMatch(/\+07:00$/);
    expect(res.body).not.toHaveProperty('offer');
    // Logged: its id and status for everyone, the whole of it for its producer and organisers.
    const [fact] = await factsOf(res.body.id);
    expect(fact!.public).toEqual({ id: res.body.id, status: 'submitted' });
    expect(fact!.private.application).toEqual(res.body);
    expect(fact!.audience).toBe(`producer:${producerId}`);
  });

  it('counts only valid certificates for stars', async () => {
    const expired = await household(5, { expired: true });
    await prisma().product.create({
      data: {
        producerId: expired,
        name: 'Cà phê 3 sao',
        nameFolded: 'ca phe 3 sao',
        category: 'coffee',
        stars: 3,
        certExpiresAt: new Date(clock + 86_400_000),
      },
    });
    expect((await fileFor(expired)) as unknown as { stars: number }).toMatchObject({ stars: 3 });
    expect((await fileFor(await household())) as unknown as { stars: null }).toMatchObject({ stars: null });
  });

  it("refuses a producer applying for another (403), another's products and unknown neighbours (400), a second application (409)", async () => {
    expect((await apply(OTHER_PRODUCER, { producerId })).status).toBe(403);
    const foreign = await prisma().product.findFirstOrThrow({
      where: { producerId: { not: otherProducerId } },
      select: { id: true },
    });
    const products = await apply(OTHER_PRODUCER, { productIds: [foreign.id] });
    expect(products.status).toBe(400);
    expect(products.body.error.fields[0]).toMatchObject({ path: 'productIds', code: 'not_own_product' });
    const neighbours = await apply(OTHER_PRODUCER, { preferences: { avoidProducerIds: ['no-such-producer'] } });
    expect(neighbours.status).toBe(400);
    expect(neighbours.body.error.fields[0]).toMatchObject({ path: 'preferences.avoidProducerIds', code: 'unknown_producer' });
    const tooMany = await apply(OTHER_PRODUCER, { preferences: { booths: 3 } });
    expect(tooMany.body.error.fields[0]).toMatchObject({ path: 'preferences.booths', code: 'too_big', params: { maximum: 2 } });
    expect(await prisma().boothApplication.count({ where: { producerId: otherProducerId } })).toBe(0);
    const again = await apply(PRODUCER);
    expect(again.status).toBe(409);
    expect(again.body.conflict).toBe('application');
    expect((await apply(BUYER)).status).toBe(403);
  });

  it('organisers file for a household that does not use the web, naming it; after the deadline only they may', async () => {
    const missing = await apply(ORGANISER, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0]).toMatchObject({ path: 'producerId', code: 'required' });
    const filed = await fileFor(await household());
    expect((await stored(filed.id)).submittedById).not.toBeNull();

    await policy({ boothsPerProducer: 2, applicationDeadline: new Date(clock - 60_000).toISOString() });
    const late = await apply(OTHER_PRODUCER);
    expect(late.status).toBe(409);
    expect(late.body.conflict).toBe('state');
    expect(late.body.error.fields[0]).toMatchObject({ code: 'applications_closed' });
    expect((await apply(ORGANISER, { producerId: await household() })).status).toBe(201);
    await policy({ boothsPerProducer: 2 });
  });

  it('twenty applications for one producer at once: one is filed, nineteen get 409 `application`', async () => {
    const producer = await household();
    const sessions = await organiserSessions(20);
    const answers = await Promise.all(
      sessions.map((s) => t.http.post(`/api/events/${fairId}/applications`).set('Cookie', s).send({ producerId: producer })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(19).fill(409)]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.conflict).toBe('application');
    expect(await prisma().boothApplication.count({ where: { producerId: producer } })).toBe(1);
  });
});

describe('reading', () => {
  it('organisers and officials see every application, by status too; a producer its own only; buyers none', async () => {
    const all = await organiser.get(`/events/${fairId}/applications`);
    expect(all.status).toBe(200);
    const total = await prisma().boothApplication.count({ where: { eventId: fairId } });
    expect(all.body.items).toHaveLength(total);
    expect((await call(OFFICIAL).get(`/events/${fairId}/applications`)).body.items).toHaveLength(total);
    const submitted = await organiser.get(`/events/${fairId}/applications?status=submitted`);
    expect(submitted.body.items.length).toBeGreaterThan(0);
    expect(submitted.body.items.every((a: { status: string }) => a.status === 'submitted')).toBe(true);
    const mine = await call(PRODUCER).get(`/events/${fairId}/applications`);
    expect(mine.body.items.map((a: { producerId: string }) => a.producerId)).toEqual([producerId]);
    expect((await call(OTHER_PRODUCER).get(`/events/${fairId}/applications`)).body.items).toEqual([]);
    expect((await call(BUYER).get(`/events/${fairId}/applications`)).status).toBe(403);
  });

  it('one application: its producer and staff read it, another producer gets 403', async () => {
    const [mine] = (await call(PRODUCER).get(`/events/${fairId}/applications`)).body.items;
    expect((await call(PRODUCER).get(`/applications/${mine.id}`)).body).toEqual(mine);
    expect((await call(OFFICIAL).get(`/applications/${mine.id}`)).status).toBe(200);
    expect((await call(OTHER_PRODUCER).get(`/applications/${mine.id}`)).status).toBe(403);
    expect((await call(ORGANISER).get('/applications/no-such-application')).status).toBe(404);
  });
});

describe('deciding', () => {
  it('approves with support: free and subsidised get the higher default priority unless the organiser sets one', async () => {
    const free = await fileFor(await household());
    const res = await decide(free.id, { status: 'approved', support: 'free' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', support: 'free', priority: 20 });
    expect(res.body.decidedAt).toMatch(/\+07:00$/);
    const subsidised = await fileFor(await household());
    expect((await decide(subsidised.id, { status: 'approved', support: 'subsidised' })).body.priority).toBe(10);
    const set = await fileFor(await household());
    expect((await decide(set.id, { status: 'approved', support: 'free', priority: 5 })).body.priority).toBe(5);
    // Deciding the same again keeps the priority the organiser set.
    expect((await decide(set.id, { status: 'approved', support: 'free' })).body.priority).toBe(5);
    expect((await factsOf(free.id)).map((f) => f.public.status)).toEqual(['submitted', 'approved']);
  });

  it('rejects only with a reason, and a rejection is final', async () => {
    const app = await fileFor(await household());
    const bare = await decide(app.id, { status: 'rejected' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.fields[0]).toMatchObject({ path: 'reason', code: 'reason_required' });
    const res = await decide(app.id, { status: 'rejected', reason: 'Sản phẩm chưa có chứng nhận OCOP còn hiệu lực.' });
    expect(res.body).toMatchObject({ status: 'rejected', reason: 'Sản phẩm chưa có chứng nhận OCOP còn hiệu lực.' });
    const again = await decide(app.id, { status: 'approved' });
    expect(again.status).toBe(409);
    expect(again.body.conflict).toBe('state');
    expect((await stored(app.id)).status).toBe('rejected');
    expect((await decide(app.id, { status: 'approved' }, PRODUCER)).status).toBe(403);
  });

  it('twenty organisers deciding one application at once, approve against reject: one wins, the database and the log agree', async () => {
    const app = await fileFor(await household());
    const sessions = await organiserSessions(20);
    const answers = await Promise.all(
      sessions.map((s, i) =>
        t.http
          .post(`/api/applications/${app.id}/decision`)
          .set('Cookie', s)
          // Each says what it saw, as the organisers' screen does.
          .send(
            i % 2
              ? { status: 'approved', support: 'free', expectedStatus: 'submitted' }
              : { status: 'rejected', reason: `Lý do ${i}`, expectedStatus: 'submitted' },
          ),
      ),
    );
    const won = answers.filter((a) => a.status === 200);
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(19).fill(409)]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.conflict).toBe('state');
    const row = await stored(app.id);
    expect(row.status).toBe(won[0]!.body.status);
    expect(row.reason).toBe(won[0]!.body.reason);
    expect((await factsOf(app.id)).map((f) => f.public.status)).toEqual(['submitted', won[0]!.body.status]);
  });

  it('organisers deciding at once without saying what they saw: one status wins; the same decision again is a re-decision', async () => {
    const app = await fileFor(await household());
    const sessions = await organiserSessions(20);
    const answers = await Promise.all(
      sessions.map((s, i) =>
        t.http
          .post(`/api/applications/${app.id}/decision`)
          .set('Cookie', s)
          .send(i % 2 ? { status: 'approved', support: 'free' } : { status: 'rejected', reason: `Lý do ${i}` }),
      ),
    );
    const won = answers.filter((a) => a.status === 200);
    const status = won[0]!.body.status as string;
    // A rejection is final (one 200); an approval is not taken back by a rejection, and
    // approving again only re-decides support: every approval may pass, no rejection does.
    expect(won.every((a) => a.body.status === status)).toBe(true);
    if (status === 'rejected') expect(won).toHaveLength(1);
    else expect(won.length).toBeLessThanOrEqual(10);
    for (const a of answers.filter((x) => x.status !== 200)) {
      expect(a.status).toBe(409);
      expect(a.body.conflict).toBe('state');
    }
    expect((await stored(app.id)).status).toBe(status);
    expect((await factsOf(app.id)).map((f) => f.public.status)).toEqual(['submitted', ...won.map(() => status)]);
  });

  it('a decision naming a status the application has left is refused and changes nothing', async () => {
    const app = await fileFor(await household());
    expect((await decide(app.id, { status: 'approved', support: 'free' })).status).toBe(200);
    const stale = await decide(app.id, { status: 'approved', support: 'subsidised', expectedStatus: 'submitted' });
    expect(stale.status).toBe(409);
    expect(stale.body.conflict).toBe('state');
    expect(stale.body.error.fields[0]).toMatchObject({ path: 'expectedStatus', code: 'changed_meanwhile' });
    expect(await stored(app.id)).toMatchObject({ status: 'approved', support: 'free' });
    const seen = await decide(app.id, { status: 'approved', support: 'subsidised', expectedStatus: 'approved' });
    expect(seen.status).toBe(200);
    expect(seen.body.support).toBe('subsidised');
  });
});

describe('the waitlist', () => {
  it('a waitlisting while booths that fit are free is offered one at once, in its preferred zone', async () => {
    await clearWaitlist();
    await policy({ boothsPerProducer: 2, offerMinutes: 60 });
    const booths = await grid('WL', 3, 'Khu chờ');
    const app = await fileFor(await household(), { preferences: { zones: ['Khu chờ'] } });
    const res = await decide(app.id, { status: 'waitlisted', reason: 'Chờ gian trống' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('waitlisted');
    expect(res.body.offer).toMatchObject({ boothId: booths[0]!.id, boothCode: 'WL01' });
    expect(Date.parse(res.body.offer.expiresAt)).toBe(Math.floor((clock + 60 * 60_000) / 1000) * 1000);
    expect(await prisma().boothOccupancy.findUnique({ where: { boothId: booths[0]!.id } })).toMatchObject({
      kind: 'offered',
      applicationId: app.id,
    });
    const offered = await prisma().activityLog.findMany({
      where: { stream: `event:${fairId}`, publicData: { contains: '"change":"offered"' } },
      select: { publicData: true },
    });
    expect(offered.filter((f) => f.publicData!.includes(booths[0]!.id))).toHaveLength(1);
    // Its producer takes it: the assignment, and the application is in.
    const accepted = await organiser.post(`/events/${fairId}/booths/${booths[0]!.id}/offer/accept`, {});
    expect(accepted.status).toBe(200);
    const after = (await organiser.get(`/applications/${app.id}`)).body;
    expect(after).toMatchObject({ status: 'approved', boothIds: [booths[0]!.id] });
    expect(after).not.toHaveProperty('offer');
  });

  it('is not offered a booth of a zone whose stars it lacks; it waits for one that fits', async () => {
    await clearWaitlist();
    // Every free booth is in a zone that asks for 5 stars: there is nothing to offer a 3-star household.
    const zones = await prisma().booth.findMany({ where: { eventId: fairId }, distinct: ['zone'], select: { zone: true } });
    await policy({ boothsPerProducer: 2, zoneMinStars: Object.fromEntries(zones.map((z) => [z.zone, 5])) });
    const app = await fileFor(await household(3));
    const res = await decide(app.id, { status: 'waitlisted' });
    expect(res.body.status).toBe('waitlisted');
    expect(res.body).not.toHaveProperty('offer');
    expect(await prisma().boothOccupancy.count({ where: { applicationId: app.id } })).toBe(0);
    await policy({ boothsPerProducer: 2 });
  });

  it('a withdrawal ends its open offer and passes the booth to the next in line', async () => {
    await clearWaitlist();
    await policy({ boothsPerProducer: 2, offerMinutes: 60 });
    const [booth] = await grid('WD', 1, 'Khu rút');
    const own = await apply(OTHER_PRODUCER, { preferences: { zones: ['Khu rút'] } });
    expect(own.status).toBe(201);
    expect((await decide(own.body.id, { status: 'waitlisted' })).body.offer).toMatchObject({ boothId: booth!.id });
    // The next in line: waitlisted while the only booth of its zone is offered to the first.
    clock += 1000;
    const next = await fileFor(await household(), { preferences: { zones: ['Khu rút'] } });
    await prisma().boothApplication.update({ where: { id: next.id }, data: { status: 'waitlisted' } });
    expect((await call(PRODUCER).post(`/applications/${own.body.id}/withdraw`)).status).toBe(403);
    const res = await call(OTHER_PRODUCER).post(`/applications/${own.body.id}/withdraw`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', boothIds: [] });
    expect(res.body).not.toHaveProperty('offer');
    expect(await prisma().boothOccupancy.findUnique({ where: { boothId: booth!.id } })).toMatchObject({
      kind: 'offered',
      applicationId: next.id,
    });
    const again = await call(OTHER_PRODUCER).post(`/applications/${own.body.id}/withdraw`);
    expect(again.status).toBe(409);
    expect(again.body.conflict).toBe('state');
    // Applying again after withdrawing files it anew, in its place.
    const reapplied = await apply(OTHER_PRODUCER);
    expect(reapplied.status).toBe(201);
    expect(reapplied.body).toMatchObject({ id: own.body.id, status: 'submitted', reason: '', decidedAt: null });
  });

  it('a rejection of a waitlisted application passes its offer on too', async () => {
    await clearWaitlist();
    const [booth] = await grid('RJ', 1, 'Khu từ chối');
    const first = await fileFor(await household(), { preferences: { zones: ['Khu từ chối'] } });
    expect((await decide(first.id, { status: 'waitlisted' })).body.offer).toMatchObject({ boothId: booth!.id });
    const res = await decide(first.id, { status: 'rejected', reason: 'Không đủ hồ sơ' });
    expect(res.body).toMatchObject({ status: 'rejected' });
    expect(res.body).not.toHaveProperty('offer');
    expect(await prisma().boothOccupancy.findUnique({ where: { boothId: booth!.id } })).toBeNull();
  });

  it('a producer with a booth cannot withdraw: the organisers release it first', async () => {
    const [booth] = await grid('HB', 1, 'Khu có gian');
    const app = await fileFor(await household());
    const assigned = await t.http
      .put(`/api/events/${fairId}/booths/${booth!.id}/assignment`)
      .set('Cookie', cookie[ORGANISER]!)
      .send({ producerId: (await stored(app.id)).producerId });
    expect(assigned.status).toBe(200);
    const res = await organiser.post(`/applications/${app.id}/withdraw`);
    expect(res.status).toBe(409);
    expect(res.body.error.fields[0]).toMatchObject({ code: 'application_has_booths' });
    expect((await stored(app.id)).status).toBe('approved');
  });
});

describe('live', () => {
  it('its producer and organisers see the whole application change live; another producer its id and status only', async () => {
    const watch = async (email: string) => {
      const socket: TestSocket = await t.socket(cookie[email]);
      const facts: AnyEventFact[] = [];
      socket.on('application:changed', (fact) => facts.push(fact as AnyEventFact));
      const ack = await new Promise<{ ok: boolean }>((resolve) =>
        socket.emit('event:join', { eventId: fairId }, resolve as never),
      );
      expect(ack.ok).toBe(true);
      return { socket, facts };
    };
    const [mine, theirs, staff] = await Promise.all([watch(PRODUCER), watch(OTHER_PRODUCER), watch(ORGANISER)]);
    const [application] = (await call(PRODUCER).get(`/events/${fairId}/applications`)).body.items;
    const res = await decide(application.id, { status: 'approved', support: 'subsidised' });
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const last = (w: { facts: AnyEventFact[] }) => w.facts.at(-1)!.data as { id: string; status: string; application?: unknown };
    expect(last(mine)).toEqual({ id: application.id, status: 'approved', application: res.body });
    expect(last(staff)).toEqual({ id: application.id, status: 'approved', application: res.body });
    expect(last(theirs)).toEqual({ id: application.id, status: 'approved' });
    // The same on catch-up.
    const seq = mine.facts.at(-1)!.seq;
    const replay = async (email: string) =>
      (await t.http.get(`/api/events/${fairId}/activity?after=${seq - 1}`).set('Cookie', cookie[email]!)).body.items[0].data;
    expect(await replay(OTHER_PRODUCER)).toEqual({ id: application.id, status: 'approved' });
    expect(await replay(PRODUCER)).toEqual({ id: application.id, status: 'approved', application: res.body });
    for (const w of [mine, theirs, staff]) w.socket.disconnect();
  });
});
