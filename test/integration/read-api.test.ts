// The read calls of the spec's API contract, answered as the contract says, with role checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROLES, BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const cookies: Record<string, string> = {};
let fairId: string;
let conferenceId: string;

beforeAll(async () => {
  t = await startTestServer();
  for (const { email } of ALL_ROLES) cookies[email] = await t.signIn(email);
  const events = await t.http.get('/api/events').set('Cookie', cookies[ORGANISER]!);
  fairId = events.body.items.find((e: { kind: string }) => e.kind === 'fair').id;
  conferenceId = events.body.items.find((e: { kind: string }) => e.kind === 'conference').id;
});
afterAll(() => t.close());

const SIGNED_IN_READS = ['/api/events', '/api/producers', '/api/buyers', '/api/auth/me'];

describe('events', () => {
  it.each(ALL_ROLES)('lists the demo fair and conference to the $role', async ({ email }) => {
    const res = await t.http.get('/api/events').set('Cookie', cookies[email]!);
    expect(res.status).toBe(200);
    const names = res.body.items.map((e: { name: string }) => e.name);
    expect(names).toContain('Hội chợ Nông nghiệp và sản phẩm OCOP khu vực Tây Nguyên 2026');
    expect(names.some((n: string) => n.includes('Sóc Trăng'))).toBe(true);
    for (const e of res.body.items) {
      expect(['fair', 'conference']).toContain(e.kind);
      expect(typeof e.id).toBe('string');
      expect(e.startsAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    }
  });

  it('shows draft events to organisers only', async () => {
    const organiser = await t.http.get('/api/events').set('Cookie', cookies[ORGANISER]!);
    const draft = organiser.body.items.find((e: { status: string }) => e.status === 'draft');
    expect(draft).toBeDefined();
    for (const email of [OFFICIAL, PRODUCER, BUYER]) {
      const list = await t.http.get('/api/events').set('Cookie', cookies[email]!);
      expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(draft.id);
      expect((await t.http.get(`/api/events/${draft.id}`).set('Cookie', cookies[email]!)).status).toBe(404);
    }
  });

  it('gives one event with its partner provinces, and 404 in the error shape for an unknown id', async () => {
    const res = await t.http.get(`/api/events/${conferenceId}`).set('Cookie', cookies[OFFICIAL]!);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: conferenceId, kind: 'conference', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(res.body.hostProvince.name).toBe('Đắk Lắk');
    expect(res.body.partnerProvinces.map((p: { name: string }) => p.name)).toContain('Cần Thơ');
    const missing = await t.http.get('/api/events/no-such-event').set('Cookie', cookies[OFFICIAL]!);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([OFFICIAL, PRODUCER, BUYER])('forbids %s to change an event (403), and changes nothing', async (email) => {
    const res = await t.http.patch(`/api/events/${fairId}`).set('Cookie', cookies[email]!).send({ status: 'live' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const after = await t.http.get(`/api/events/${fairId}`).set('Cookie', cookies[ORGANISER]!);
    expect(after.body.status).toBe('published');
  });

  it('lets the organiser change the status, counting the change in seq', async () => {
    const before = await t.http.get(`/api/events/${fairId}`).set('Cookie', cookies[ORGANISER]!);
    const res = await t.http.patch(`/api/events/${fairId}`).set('Cookie', cookies[ORGANISER]!).send({ status: 'live' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('live');
    expect(res.body.seq).toBe(before.body.seq + 1);
    const log = await t.database.db.prisma.activityLog.findMany({ where: { eventId: fairId } });
    expect(log.map((l) => l.seq)).toContain(res.body.seq);
  });

  it('answers 400 naming the field for a bad status, and 404 for an unknown event', async () => {
    const bad = await t.http.patch(`/api/events/${fairId}`).set('Cookie', cookies[ORGANISER]!).send({ status: 'finished' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toContain('status');
    const unknownField = await t.http
      .patch(`/api/events/${fairId}`)
      .set('Cookie', cookies[ORGANISER]!)
      .send({ hostProvinceId: 'x' });
    expect(unknownField.status).toBe(400);
    const missing = await t.http.patch('/api/events/nope').set('Cookie', cookies[ORGANISER]!).send({ status: 'live' });
    expect(missing.status).toBe(404);
  });
});

describe('booths and sessions', () => {
  it('lists about 250 booths of the fair with their status, and the producer of assigned ones', async () => {
    const res = await t.http.get(`/api/events/${fairId}/booths`).set('Cookie', cookies[PRODUCER]!);
    expect(res.status).toBe(200);
    const booths = res.body.items as {
      id: string;
      code: string;
      zone: string;
      type: string;
      status: string;
      producerId?: string;
    }[];
    expect(booths.length).toBeGreaterThanOrEqual(240);
    const statuses = new Set(booths.map((b) => b.status));
    for (const s of ['available', 'held', 'assigned', 'blocked']) expect(statuses).toContain(s);
    for (const b of booths) {
      expect(['standard', 'corner', 'premium', 'pavilion']).toContain(b.type);
      expect(b.producerId !== undefined).toBe(b.status === 'assigned');
    }
    expect(new Set(booths.map((b) => b.code)).size).toBe(booths.length);
  });

  it('lists the matchmaking sessions with ordered slots', async () => {
    const res = await t.http.get(`/api/events/${fairId}/sessions`).set('Cookie', cookies[BUYER]!);
    expect(res.status).toBe(200);
    const [session] = res.body.items;
    expect(session.slots.length).toBeGreaterThan(5);
    expect(session.startsAt).toBe('2026-12-11T08:00:00+07:00');
    for (const slot of session.slots) {
      expect(typeof slot.id).toBe('string');
      expect(Date.parse(slot.endsAt)).toBeGreaterThan(Date.parse(slot.startsAt));
    }
    const starts = session.slots.map((s: { startsAt: string }) => Date.parse(s.startsAt));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('answers 404 for the booths and sessions of an unknown event', async () => {
    expect((await t.http.get('/api/events/nope/booths').set('Cookie', cookies[ORGANISER]!)).status).toBe(404);
    expect((await t.http.get('/api/events/nope/sessions').set('Cookie', cookies[ORGANISER]!)).status).toBe(404);
  });
});

describe('directory', () => {
  it('lists producers with legal type, province and products, paged', async () => {
    const res = await t.http.get('/api/producers?pageSize=10&page=2').set('Cookie', cookies[BUYER]!);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 2, pageSize: 10 });
    expect(res.body.total).toBeGreaterThanOrEqual(100);
    expect(res.body.items).toHaveLength(10);
    const legalTypes = new Set<string>();
    const all = await t.http.get('/api/producers?pageSize=200').set('Cookie', cookies[BUYER]!);
    for (const p of all.body.items) {
      legalTypes.add(p.legalType);
      expect(typeof p.province).toBe('string');
      for (const product of p.products) {
        expect(typeof product.category).toBe('string');
        expect([3, 4, 5, null]).toContain(product.stars);
      }
    }
    expect([...legalTypes].sort()).toEqual(['cooperative', 'cooperative_group', 'enterprise', 'household']);
  });

  it('finds producers and buyers by name regardless of diacritics and case', async () => {
    const all = await t.http.get('/api/producers?pageSize=200').set('Cookie', cookies[OFFICIAL]!);
    const withAccent = all.body.items.find((p: { name: string }) => /[ắằẳẵặâấầẩẫậđ]/i.test(p.name));
    const plain = withAccent.name
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .replace(/[đĐ]/g, 'd')
      .toUpperCase();
    const found = await t.http.get('/api/producers').query({ q: plain }).set('Cookie', cookies[OFFICIAL]!);
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(withAccent.id);
    const bigc = await t.http.get('/api/buyers').query({ q: 'bigc' }).set('Cookie', cookies[OFFICIAL]!);
    expect(bigc.status).toBe(200);
    expect(bigc.body.items.length).toBeGreaterThan(0);
    expect(bigc.body.items[0]).toHaveProperty('province');
  });

  it('answers 400 naming the field for a bad page', async () => {
    const res = await t.http.get('/api/producers?page=0').set('Cookie', cookies[OFFICIAL]!);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('page');
  });
});

describe('access', () => {
  it.each(SIGNED_IN_READS)('answers 401 to %s without a session', async (path) => {
    const res = await t.http.get(path);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers unknown API paths with 404 in the error shape', async () => {
    const res = await t.http.get('/api/nothing-here').set('Cookie', cookies[ORGANISER]!);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('serves health and an OpenAPI document listing the contract paths', async () => {
    expect((await t.http.get('/api/health')).body).toMatchObject({ status: 'ok' });
    const doc = await t.http.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/login',
      '/api/events',
      '/api/events/{eventId}',
      '/api/events/{eventId}/booths',
      '/api/events/{eventId}/sessions',
      '/api/producers',
      '/api/buyers',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    const login = doc.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
  });
});
