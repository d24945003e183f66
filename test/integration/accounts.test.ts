// Accounts: one-time invitation links, deactivation, and who may do either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { sessionCookie, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const c: Record<string, string> = {};
let producerId: string;

beforeAll(async () => {
  t = await startTestServer({ LOGIN_MAX_ATTEMPTS: '1000' });
  for (const email of [ORGANISER, OFFICIAL, PRODUCER, BUYER]) c[email] = await t.signIn(email);
  const list = await t.http.get('/api/producers?pageSize=5').set('Cookie', c[ORGANISER]!);
  producerId = list.body.items[0].id;
});
afterAll(() => t.close());

async function invite(email: string) {
  const res = await t.http
    .post('/api/invitations')
    .set('Cookie', c[ORGANISER]!)
    .send({ email, name: 'Nguyễn Thị Hạnh', role: 'producer', organisationId: producerId });
  expect(res.status).toBe(201);
  return (res.body.url as string).replace('/invite/', '');
}

describe('invitations', () => {
  it('lets an invited producer set a password once and be signed in as that producer', async () => {
    const token = await invite('hanh.htx@example.vn');
    const view = await t.http.get(`/api/invitations/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ email: 'hanh.htx@example.vn', role: 'producer' });

    const accepted = await t.http.post(`/api/invitations/${token}/accept`).send({ password: 'mật-khẩu-dài-2026' });
    expect(accepted.status).toBe(201);
    const me = await t.http.get('/api/auth/me').set('Cookie', sessionCookie(accepted.headers['set-cookie']));
    expect(me.body.user).toMatchObject({ email: 'hanh.htx@example.vn', role: 'producer', organisationId: producerId });

    const again = await t.http.post(`/api/invitations/${token}/accept`).send({ password: 'another-password-1' });
    expect(again.status).toBe(404);
    expect((await t.http.get(`/api/invitations/${token}`)).status).toBe(404);
  });

  it('answers a repeated accept with the same password as the first, when that answer was lost', async () => {
    const token = await invite('lan.wifi@example.vn');
    const accept = (password: string) => t.http.post(`/api/invitations/${token}/accept`).send({ password });
    expect((await accept('mật-khẩu-wifi-2026')).status).toBe(201);
    const repeated = await accept('mật-khẩu-wifi-2026');
    expect(repeated.status).toBe(201);
    const me = await t.http.get('/api/auth/me').set('Cookie', sessionCookie(repeated.headers['set-cookie']));
    expect(me.body.user).toMatchObject({ email: 'lan.wifi@example.vn', role: 'producer' });
    expect((await accept('someone-elses-guess')).status).toBe(404);
    const users = await t.http.get('/api/users').query({ q: 'lan.wifi' }).set('Cookie', c[ORGANISER]!);
    expect(users.body.items).toHaveLength(1);

    // Deactivated meanwhile: the repeat does not sign in.
    await t.http.patch(`/api/users/${users.body.items[0].id}`).set('Cookie', c[ORGANISER]!).send({ active: false });
    const afterDeactivation = await accept('mật-khẩu-wifi-2026');
    expect(afterDeactivation.status).toBeGreaterThanOrEqual(400);
    expect(afterDeactivation.headers['set-cookie']).toBeUndefined();
  });

  it('never creates two users from one link, however many accept it at once', async () => {
    const token = await invite('race@example.vn');
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        t.http.post(`/api/invitations/${token}/accept`).send({ password: `password-number-${i}` }),
      ),
    );
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : 0));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 404)).toBe(true);
    expect(await t.database.db.prisma.user.count({ where: { email: 'race@example.vn' } })).toBe(1);
  });

  it('refuses an email that already has an account (409 naming email), and an unknown organisation (400)', async () => {
    const taken = await t.http
      .post('/api/invitations')
      .set('Cookie', c[ORGANISER]!)
      .send({ email: PRODUCER, name: 'Ai đó', role: 'producer', organisationId: producerId });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields[0].path).toBe('email');
    const unknown = await t.http
      .post('/api/invitations')
      .set('Cookie', c[ORGANISER]!)
      .send({ email: 'x@example.vn', name: 'Ai đó', role: 'buyer', organisationId: producerId });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].path).toBe('organisationId');
  });

  it('needs a password of 10 characters or more', async () => {
    const token = await invite('short@example.vn');
    const res = await t.http.post(`/api/invitations/${token}/accept`).send({ password: 'short' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('password');
  });

  it.each([OFFICIAL, PRODUCER, BUYER])('forbids %s to invite or list accounts (403)', async (email) => {
    const res = await t.http
      .post('/api/invitations')
      .set('Cookie', c[email]!)
      .send({ email: 'y@example.vn', name: 'Ai đó', role: 'producer', organisationId: producerId });
    expect(res.status).toBe(403);
    expect((await t.http.get('/api/users').set('Cookie', c[email]!)).status).toBe(403);
  });
});

describe('deactivation', () => {
  it('signs a deactivated user out at once and lets them back in when reactivated', async () => {
    const users = await t.http.get('/api/users').query({ q: BUYER }).set('Cookie', c[ORGANISER]!);
    const buyer = users.body.items.find((u: { email: string }) => u.email === BUYER);
    expect(buyer).toMatchObject({ role: 'buyer', active: true });
    expect(typeof buyer.organisationName).toBe('string');
    const off = await t.http.patch(`/api/users/${buyer.id}`).set('Cookie', c[ORGANISER]!).send({ active: false });
    expect(off.status).toBe(200);
    expect((await t.http.get('/api/auth/me').set('Cookie', c[BUYER]!)).status).toBe(401);
    await t.http.patch(`/api/users/${buyer.id}`).set('Cookie', c[ORGANISER]!).send({ active: true });
    expect(await t.signIn(BUYER)).toMatch(/^ocop_session=/);
  });

  it('does not let organisers lock themselves out', async () => {
    const me = await t.http.get('/api/auth/me').set('Cookie', c[ORGANISER]!);
    const res = await t.http.patch(`/api/users/${me.body.user.id}`).set('Cookie', c[ORGANISER]!).send({ active: false });
    expect(res.status).toBe(409);
  });
});
