// The floor plan as organisers lay it out, through HTTP against a real database: a row or grid
// of booths in one step (all or none, a code used once), one booth's edit (blocking an occupied
// booth refused, unblocking serving the waitlist, an occupant's rules kept when its booth moves),
// deletion of unoccupied booths only (also when an assignment races it), the fair's booth policy
// (only the fields sent change; quotas count the booths already assigned), and the export.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BOOTH_PRICE_VND } from '../../server/contracts/booths.ts';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
let clock = Date.now();
let fairId = '';
const cookie: Record<string, string> = {};
const prisma = () => t.database.db.prisma;

beforeAll(async () => {
  t = await startTestServer({}, { now: () => new Date(clock) });
  for (const email of [ORGANISER, PRODUCER, OFFICIAL, BUYER]) cookie[email] = await t.signIn(email);
  fairId = (await prisma().event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' }, select: { id: true } })).id;
  await prisma().event.update({ where: { id: fairId }, data: { boothPolicy: JSON.stringify({ boothsPerProducer: 5 }) } });
}, 60_000);
afterAll(() => t.close());

const url = (path: string) => `/api/events/${fairId}${path}`;
const as = (who: string) => ({
  post: (path: string, body?: object) => t.http.post(url(path)).set('Cookie', cookie[who]!).send(body),
  patch: (path: string, body: object) => t.http.patch(url(path)).set('Cookie', cookie[who]!).send(body),
  put: (path: string, body: object) => t.http.put(url(path)).set('Cookie', cookie[who]!).send(body),
  delete: (path: string) => t.http.delete(url(path)).set('Cookie', cookie[who]!),
  get: (path: string) => t.http.get(url(path)).set('Cookie', cookie[who]!),
});
const organiser = as(ORGANISER);

let serial = 0;
async function producer(options: { stars?: number; name?: string; provinceId?: string } = {}): Promise<string> {
  const name = options.name ?? `HTX mặt bằng ${++serial}`;
  const row = await prisma().producer.create({
    data: { name, nameFolded: name.toLowerCase(), legalType: 'cooperative', provinceId: options.provinceId ?? 'dak-lak' },
  });
  if (options.stars)
    await prisma().product.create({
      data: {
        producerId: row.id,
        name: `Sản phẩm ${serial}`,
        nameFolded: `san pham ${serial}`,
        category: 'coffee',
        stars: options.stars,
        certExpiresAt: new Date(clock + 365 * 86_400_000),
      },
    });
  return row.id;
}

/** A grid of our own, far from the demo's booths: `count` booths coded `${prefix}01`…. */
async function grid(prefix: string, count: number, extra: object = {}) {
  const res = await organiser.post('/booths', {
    zone: `Khu ${prefix}`,
    prefix,
    from: 1,
    to: count,
    x: 1000 + 40 * serial++,
    y: 1000,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.items as { id: string; code: string; x: number; y: number; status: string; zone: string }[];
}

const factsAfter = async (seq: number) =>
  (
    await prisma().activityLog.findMany({
      where: { stream: `event:${fairId}`, seq: { gt: seq } },
      orderBy: { seq: 'asc' },
      select: { type: true, publicData: true },
    })
  ).map((f) => ({
    type: f.type,
    data: JSON.parse(f.publicData!) as { change: string; booths: { id: string }[]; removedIds: string[] },
  }));
const lastSeq = async () => (await prisma().activityStream.findUnique({ where: { key: `event:${fairId}` } }))?.lastSeq ?? 0;
/** Organiser sessions of their own, signed in five at a time (the sign-in throttle counts attempts in flight). */
async function organiserSessions(count: number): Promise<string[]> {
  const sessions: string[] = [];
  while (sessions.length < count) sessions.push(...(await Promise.all(Array.from({ length: 5 }, () => t.signIn(ORGANISER)))));
  return sessions.slice(0, count);
}
const occupancyOf = (boothId: string) => prisma().boothOccupancy.findUnique({ where: { boothId } });
const boothCount = () => prisma().booth.count({ where: { eventId: fairId } });

describe('a row or grid of booths in one step', () => {
  it('lays out T01–T40 on a grid of 10 columns from (x, y) with an aisle between rows, and announces them once', async () => {
    const before = await lastSeq();
    const res = await organiser.post('/booths', {
      zone: 'Khu T – Thử',
      prefix: 'T',
      from: 1,
      to: 40,
      digits: 2,
      columns: 10,
      widthM: 3,
      depthM: 2,
      type: 'corner',
      priceVnd: 3_500_000,
      x: 200,
      y: 300,
      gapM: 4,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const booths = res.body.items as { code: string; x: number; y: number; status: string; type: string; priceVnd: number }[];
    expect(booths.map((b) => b.code)).toEqual(Array.from({ length: 40 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`));
    const at = (code: string) => booths.find((b) => b.code === code)!;
    expect(at('T01')).toMatchObject({ x: 200, y: 300, status: 'available', type: 'corner', priceVnd: 3_500_000 });
    expect(at('T10')).toMatchObject({ x: 227, y: 300 });
    expect(at('T11')).toMatchObject({ x: 200, y: 306 });
    expect(at('T40')).toMatchObject({ x: 227, y: 318 });
    const stored = await prisma().booth.findMany({ where: { eventId: fairId, zone: 'Khu T – Thử' } });
    expect(stored).toHaveLength(40);
    const facts = await factsAfter(before);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ type: 'booths:changed', data: { change: 'created', removedIds: [] } });
    expect(facts[0]!.data.booths).toHaveLength(40);
  });

  it('creates none when one code is taken: 409 `code` naming the field and the codes', async () => {
    await grid('K', 3);
    const [count, seq] = [await boothCount(), await lastSeq()];
    const res = await organiser.post('/booths', { zone: 'Khu K', prefix: 'K', from: 2, to: 9, x: 0, y: 900 });
    expect(res.status).toBe(409);
    expect(res.body.conflict).toBe('code');
    expect(res.body.error.fields[0]).toMatchObject({ path: 'prefix', code: 'booth_code_taken' });
    expect(res.body.error.fields[0].params.codes).toBe('K02, K03');
    expect(await boothCount()).toBe(count);
    expect(await lastSeq()).toBe(seq);
  });

  it('refuses more than 500 at once, a range backwards, a price beyond the limit, a plan past its edge (400, nothing made)', async () => {
    const count = await boothCount();
    const cases: [object, string, string][] = [
      [{ from: 1, to: 501 }, 'to', 'too_many_booths'],
      [{ from: 9, to: 1 }, 'to', 'range_order'],
      [{ from: 1, to: 2, priceVnd: MAX_BOOTH_PRICE_VND + 1 }, 'priceVnd', 'too_big'],
      [{ from: 1, to: 400, x: 4000, widthM: 10 }, 'columns', 'plan_too_large'],
      [{ from: 1, to: 2, prefix: 'A 1' }, 'prefix', 'invalid_format'],
    ];
    for (const [body, path, code] of cases) {
      const res = await organiser.post('/booths', { zone: 'Khu Z', prefix: 'Z', ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields, JSON.stringify(body)).toContainEqual(expect.objectContaining({ path, code }));
    }
    const max = await organiser.post('/booths', {
      zone: 'Khu M',
      prefix: 'M',
      from: 1,
      to: 500,
      digits: 3,
      columns: 25,
      x: 0,
      y: 2000,
    });
    expect(max.status).toBe(201);
    expect(await boothCount()).toBe(count + 500);
  });

  it('ten organisers laying out the same row at once: one gets it, nine get 409 `code`, each code stored once', async () => {
    const sessions = await organiserSessions(10);
    const answers = await Promise.all(
      sessions.map((s) =>
        t.http.post(url('/booths')).set('Cookie', s).send({ zone: 'Khu R', prefix: 'R', from: 1, to: 30, x: 300, y: 1500 }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.conflict).toBe('code');
    const stored = await prisma().booth.groupBy({ by: ['code'], where: { eventId: fairId, zone: 'Khu R' }, _count: true });
    expect(stored).toHaveLength(30);
    expect(stored.every((s) => s._count === 1)).toBe(true);
  });

  it('is for organisers of a fair that is not closed', async () => {
    expect((await as(PRODUCER).post('/booths', { zone: 'X', prefix: 'X', from: 1, to: 2 })).status).toBe(403);
    const conference = await prisma().event.findFirstOrThrow({ where: { kind: 'conference' }, select: { id: true } });
    const res = await t.http
      .post(`/api/events/${conference.id}/booths`)
      .set('Cookie', cookie[ORGANISER]!)
      .send({ zone: 'X', prefix: 'X', from: 1, to: 2 });
    expect(res.status).toBe(409);
    expect(res.body.conflict).toBe('state');
    const missing = await t.http
      .post('/api/events/no-such-event/booths')
      .set('Cookie', cookie[ORGANISER]!)
      .send({ zone: 'X', prefix: 'X', from: 1, to: 2 });
    expect(missing.status).toBe(404);
  });
});

describe("one booth's edit", () => {
  it('changes code, zone, type, size, price and position, and announces the booth as it is now', async () => {
    const [b] = await grid('E1-', 1);
    const before = await lastSeq();
    const res = await organiser.patch(`/booths/${b!.id}`, {
      code: 'P-01',
      zone: 'Khu P',
      type: 'premium',
      widthM: 6,
      depthM: 3,
      priceVnd: 6_000_000,
      x: 10,
      y: 2500,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: b!.id,
      code: 'P-01',
      zone: 'Khu P',
      type: 'premium',
      widthM: 6,
      priceVnd: 6_000_000,
      x: 10,
    });
    const facts = await factsAfter(before);
    expect(facts.map((f) => f.data.change)).toEqual(['updated']);
    expect(facts[0]!.data.booths[0]).toMatchObject({ id: b!.id, code: 'P-01' });
    // The same values again: nothing changes, nothing is announced.
    expect((await organiser.patch(`/booths/${b!.id}`, { code: 'P-01' })).status).toBe(200);
    expect(await lastSeq()).toBe(before + 1);
  });

  it("refuses another booth's code: 409 `code` on the field", async () => {
    const [a, b] = await grid('CP', 2);
    const res = await organiser.patch(`/booths/${b!.id}`, { code: a!.code });
    expect(res.status).toBe(409);
    expect(res.body.conflict).toBe('code');
    expect(res.body.error.fields[0]).toMatchObject({ path: 'code', code: 'booth_code_taken' });
    expect((await prisma().booth.findUniqueOrThrow({ where: { id: b!.id } })).code).toBe(b!.code);
  });

  it('blocks a free booth; refuses to block an assigned one (409 booth) or a held one (409 hold)', async () => {
    const [free, assigned, held] = await grid('BL', 3, { gapM: 0, columns: 1 });
    expect((await organiser.patch(`/booths/${free!.id}`, { blocked: true })).body.status).toBe('blocked');
    expect((await organiser.put(`/booths/${assigned!.id}/assignment`, { producerId: await producer() })).status).toBe(200);
    const refused = await organiser.patch(`/booths/${assigned!.id}`, { blocked: true, priceVnd: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.conflict).toBe('booth');
    expect(refused.body.error.fields[0]).toMatchObject({ path: 'blocked', code: 'booth_occupied' });
    expect(await prisma().booth.findUniqueOrThrow({ where: { id: assigned!.id } })).toMatchObject({
      blocked: false,
      priceVnd: 0,
    });
    expect((await organiser.put(`/booths/${held!.id}/hold`, { producerId: await producer(), minutes: 10 })).status).toBe(200);
    const holdRefused = await organiser.patch(`/booths/${held!.id}`, { blocked: true });
    expect(holdRefused.status).toBe(409);
    expect(holdRefused.body.conflict).toBe('hold');
    // Once the hold lapsed the booth can be blocked: the lapsed hold is ended and announced.
    clock += 11 * 60_000;
    const before = await lastSeq();
    expect((await organiser.patch(`/booths/${held!.id}`, { blocked: true })).body.status).toBe('blocked');
    expect(await occupancyOf(held!.id)).toBeNull();
    expect((await factsAfter(before)).map((f) => f.data.change)).toEqual(['updated', 'hold_expired']);
  });

  it('unblocking a booth offers it to the first waitlisted application that fits', async () => {
    await prisma().boothApplication.updateMany({
      where: { eventId: fairId, status: 'waitlisted' },
      data: { status: 'rejected' },
    });
    const [b] = await grid('UB', 1);
    expect((await organiser.patch(`/booths/${b!.id}`, { blocked: true })).status).toBe(200);
    const waiting = await prisma().boothApplication.create({
      data: { eventId: fairId, producerId: await producer(), status: 'waitlisted' },
    });
    const before = await lastSeq();
    const res = await organiser.patch(`/booths/${b!.id}`, { blocked: false });
    expect(res.status).toBe(200);
    expect(await occupancyOf(b!.id)).toMatchObject({ kind: 'offered', applicationId: waiting.id });
    expect((await factsAfter(before)).map((f) => f.data.change)).toEqual(['updated', 'offered']);
    await prisma().boothApplication.update({ where: { id: waiting.id }, data: { status: 'rejected' } });
  });

  it("keeps an occupant's rules when its booth moves or changes zone: zone stars, neighbours to avoid", async () => {
    const [b] = await grid('ST', 1);
    await prisma().event.update({
      where: { id: fairId },
      data: { boothPolicy: JSON.stringify({ boothsPerProducer: 5, zoneMinStars: { 'Khu Sao': 5 } }) },
    });
    const three = await producer({ stars: 3 });
    expect((await organiser.put(`/booths/${b!.id}/assignment`, { producerId: three })).status).toBe(200);
    const res = await organiser.patch(`/booths/${b!.id}`, { zone: 'Khu Sao' });
    expect(res.status).toBe(409);
    expect(res.body.conflict).toBe('stars');
    expect((await prisma().booth.findUniqueOrThrow({ where: { id: b!.id } })).zone).toBe(b!.zone);

    const [left, , right] = await grid('NB', 3);
    const [first, second] = [await producer(), await producer()];
    await prisma().boothApplication.create({
      data: {
        eventId: fairId,
        producerId: second,
        status: 'approved',
        preferences: JSON.stringify({ avoidProducerIds: [first] }),
      },
    });
    expect((await organiser.put(`/booths/${left!.id}/assignment`, { producerId: first })).status).toBe(200);
    expect((await organiser.put(`/booths/${right!.id}/assignment`, { producerId: second })).status).toBe(200);
    // Moving the right booth into the middle puts the two side by side.
    const moved = await organiser.patch(`/booths/${right!.id}`, { x: left!.x + 3 });
    expect(moved.status).toBe(409);
    expect(moved.body.conflict).toBe('neighbour');
    await prisma().event.update({ where: { id: fairId }, data: { boothPolicy: JSON.stringify({ boothsPerProducer: 5 }) } });
  });
});

describe('deleting a booth', () => {
  it('deletes a free booth and announces it gone; refuses an assigned one (409 booth) or a held one (409 hold)', async () => {
    const [free, assigned, held, lapsed] = await grid('DL', 4);
    const before = await lastSeq();
    expect((await organiser.delete(`/booths/${free!.id}`)).status).toBe(204);
    expect(await prisma().booth.findUnique({ where: { id: free!.id } })).toBeNull();
    const facts = await factsAfter(before);
    expect(facts).toEqual([{ type: 'booths:changed', data: { change: 'deleted', booths: [], removedIds: [free!.id] } }]);
    expect((await organiser.delete(`/booths/${free!.id}`)).status).toBe(404);

    expect((await organiser.put(`/booths/${assigned!.id}/assignment`, { producerId: await producer() })).status).toBe(200);
    const refused = await organiser.delete(`/booths/${assigned!.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.conflict).toBe('booth');
    expect(await occupancyOf(assigned!.id)).toMatchObject({ kind: 'assigned' });

    expect((await organiser.put(`/booths/${held!.id}/hold`, { producerId: await producer(), minutes: 10 })).status).toBe(200);
    expect((await organiser.delete(`/booths/${held!.id}`)).body.conflict).toBe('hold');
    expect(await occupancyOf(held!.id)).toMatchObject({ kind: 'held' });

    // A hold that lapsed no longer stands in the way.
    expect((await organiser.put(`/booths/${lapsed!.id}/hold`, { producerId: await producer(), minutes: 1 })).status).toBe(200);
    clock += 2 * 60_000;
    expect((await organiser.delete(`/booths/${lapsed!.id}`)).status).toBe(204);
    expect(await prisma().booth.findUnique({ where: { id: lapsed!.id } })).toBeNull();
  });

  it('never loses an assignment that races the deletion of its booth: one of the two wins, the database agrees', async () => {
    const booths = await grid('DR', 30);
    const producers = await Promise.all(booths.map(() => producer()));
    const sessions = await organiserSessions(4);
    const results = await Promise.all(
      booths.map(async (b, i) => {
        const [assigned, deleted] = await Promise.all([
          t.http
            .put(url(`/booths/${b.id}/assignment`))
            .set('Cookie', sessions[i % 4]!)
            .send({ producerId: producers[i] }),
          t.http.delete(url(`/booths/${b.id}`)).set('Cookie', sessions[(i + 1) % 4]!),
        ]);
        return { booth: b.id, producer: producers[i]!, assigned: assigned.status, deleted: deleted.status };
      }),
    );
    for (const r of results) {
      const [row, occ] = [await prisma().booth.findUnique({ where: { id: r.booth } }), await occupancyOf(r.booth)];
      if (r.assigned === 200) {
        expect(r.deleted, JSON.stringify(r)).toBe(409);
        expect(row, JSON.stringify(r)).not.toBeNull();
        expect(occ, JSON.stringify(r)).toMatchObject({ kind: 'assigned', producerId: r.producer });
      } else {
        expect([r.assigned, r.deleted], JSON.stringify(r)).toEqual([404, 204]);
        expect(row).toBeNull();
        expect(await prisma().boothOccupancy.count({ where: { producerId: r.producer } })).toBe(0);
      }
    }
    const won = results.filter((r) => r.assigned === 200).length;
    process.stdout.write(`[floor plan] assignment racing deletion: ${won} assignments won, ${results.length - won} deletions\n`);
  });
});

describe("the fair's booth policy", () => {
  it('is read by anyone signed in; only organisers change it, and only the fields they send', async () => {
    await prisma().event.update({
      where: { id: fairId },
      data: { boothPolicy: JSON.stringify({ boothsPerProducer: 5, zoneMinStars: { 'Khu E': 4 }, holdMinutes: 45 }) },
    });
    const read = await as(BUYER).get('/booth-policy');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ boothsPerProducer: 5, holdMinutes: 45, offerMinutes: 1440, zoneMinStars: { 'Khu E': 4 } });
    expect((await as(PRODUCER).put('/booth-policy', { boothsPerProducer: 3 })).status).toBe(403);
    const before = await lastSeq();
    const res = await organiser.put('/booth-policy', { boothsPerProducer: 3, applicationDeadline: '2026-12-08T17:00:00+07:00' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      boothsPerProducer: 3,
      holdMinutes: 45,
      zoneMinStars: { 'Khu E': 4 },
      applicationDeadline: '2026-12-08T17:00:00+07:00',
    });
    expect((await as(OFFICIAL).get('/booth-policy')).body).toEqual(res.body);
    expect((await factsAfter(before)).map((f) => f.data.change)).toEqual(['updated']);
    const wrong = await organiser.put('/booth-policy', { boothsPerProducer: 0 });
    expect(wrong.status).toBe(400);
    expect((await as(BUYER).get('/booth-policy')).body.boothsPerProducer).toBe(3);
  });

  it('a quota set now counts the booths its province holds already, so it cannot be passed', async () => {
    const booths = await grid('Q', 4);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => producer({ provinceId: 'lam-dong' })));
    expect((await organiser.put(`/booths/${booths[0]!.id}/assignment`, { producerId: a })).status).toBe(200);
    expect((await organiser.put(`/booths/${booths[1]!.id}/assignment`, { producerId: b })).status).toBe(200);
    const before = await prisma().boothOccupancy.count({
      where: { eventId: fairId, kind: 'assigned', producer: { provinceId: 'lam-dong' } },
    });
    const res = await organiser.put('/booth-policy', { quotas: [{ provinceId: 'lam-dong', maxBooths: before }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const tally = await prisma().boothTally.findUnique({ where: { eventId_key: { eventId: fairId, key: 'province:lam-dong' } } });
    expect(tally?.count).toBe(before);
    const refused = await organiser.put(`/booths/${booths[2]!.id}/assignment`, { producerId: c });
    expect(refused.status).toBe(409);
    expect(refused.body.conflict).toBe('quota');
    // Raised by one: one more fits, and the counter follows.
    await organiser.put('/booth-policy', { quotas: [{ provinceId: 'lam-dong', maxBooths: before + 1 }] });
    expect((await organiser.put(`/booths/${booths[2]!.id}/assignment`, { producerId: c })).status).toBe(200);
    const after = await prisma().boothTally.findUnique({ where: { eventId_key: { eventId: fairId, key: 'province:lam-dong' } } });
    expect(after?.count).toBe(before + 1);
    await organiser.put('/booth-policy', { quotas: [] });
  });

  it('refuses a quota for an unknown province, or two for one province (400 naming the field)', async () => {
    const unknown = await organiser.put('/booth-policy', { quotas: [{ provinceId: 'atlantis', maxBooths: 3 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0]).toMatchObject({ path: 'quotas.0.provinceId', code: 'unknown_province' });
    const twice = await organiser.put('/booth-policy', {
      quotas: [
        { provinceId: 'gia-lai', maxBooths: 3 },
        { provinceId: 'gia-lai', maxBooths: 5 },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields[0]).toMatchObject({ path: 'quotas.1', code: 'duplicate_quota' });
  });
});

describe('the export of assignments', () => {
  it('gives every booth with its status and, when assigned, its exhibitor, province, locality and check-in (CSV, formulas defused)', async () => {
    const [b] = await grid('X', 1);
    const name = `=HYPERLINK("http://evil.example","HTX ${serial}")`;
    const p = await producer({ name });
    await prisma().producer.update({ where: { id: p }, data: { locality: 'Xã Ea Tu' } });
    expect((await organiser.put(`/booths/${b!.id}/assignment`, { producerId: p })).status).toBe(200);
    expect((await organiser.post(`/booths/${b!.id}/check-in`, {})).status).toBe(200);
    const res = await as(OFFICIAL).get('/booths/export?format=csv').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="ocop-booths-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = res.text.replace(/^\uFEFF/, '');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('Mã gian hàng,Khu,Loại,Rộng (m),Sâu (m),Giá (VND),Trạng thái,Chủ thể,Tỉnh/Thành phố,Địa chỉ,Check-in');
    expect(lines).toHaveLength((await boothCount()) + 1);
    const row = lines.find((l) => l.startsWith('X01,'))!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""HTX`);
    expect(row).toContain(',assigned,');
    expect(row).toContain('Đắk Lắk,Xã Ea Tu,');
    expect(row).toMatch(/\+07:00$/);
    expect(lines.some((l) => /,blocked,/.test(l))).toBe(true);
  });

  it('gives the same as .xlsx, to organisers and officials only', async () => {
    const res = await organiser
      .get('/booths/export?format=xlsx')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Mã gian hàng');
    expect(sheet.rowCount).toBe((await boothCount()) + 1);
    const codes: string[] = [];
    sheet.eachRow((row) => codes.push(String(row.getCell(1).value)));
    expect(codes).toContain('T01');
    for (const who of [PRODUCER, BUYER]) expect((await as(who).get('/booths/export?format=csv')).status).toBe(403);
  });
});
