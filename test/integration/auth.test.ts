import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROLES, ORGANISER, PRODUCER, BUYER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { DEMO_PASSWORD } from '../../prisma/demo/seed.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ LOGIN_MAX_ATTEMPTS: '5' });
});
afterAll(() => t.close());

describe('sign-in', () => {
  it.each(ALL_ROLES)('signs in the demo $role and sets an httpOnly session cookie', async ({ role, email }) => {
    const res = await t.http.post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email, role });
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n');
    expect(setCookie).toMatch(/ocop_session=[^;]{20,};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    // As long as the session, by the server's clock, whatever the browser's says (this server's
    // clock stands days before the real one, as a phone's may be wrong): Max-Age, not only Expires.
    const maxAge = Number(/Max-Age=(\d+)/i.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(t.config.sessionTtlMs / 1000 - 5);
    expect(maxAge).toBeLessThanOrEqual(t.config.sessionTtlMs / 1000);
    expect(res.body.user.passwordHash).toBeUndefined();
  });

  it('tells producers and buyers which organisation they belong to', async () => {
    for (const email of [PRODUCER, BUYER]) {
      const cookie = await t.signIn(email);
      const me = await t.http.get('/api/auth/me').set('Cookie', cookie);
      expect(me.status).toBe(200);
      expect(typeof me.body.user.organisationId).toBe('string');
    }
    const organiser = await t.http.get('/api/auth/me').set('Cookie', await t.signIn(ORGANISER));
    expect(organiser.body.user.role).toBe('organiser');
    expect(organiser.body.user.organisationId).toBeUndefined();
  });

  it('accepts the email in any case and with spaces around it', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: ORGANISER.toUpperCase(), password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
  });

  it('answers 401 with the error shape for a wrong password or an unknown email, and sets no cookie', async () => {
    for (const body of [
      { email: ORGANISER, password: 'wrong-password' },
      { email: 'nobody@demo.ocop.vn', password: DEMO_PASSWORD },
    ]) {
      const res = await t.http.post('/api/auth/login').send(body);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('answers 400 naming the field when the email is not an email', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: 'not-an-email', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['email']);
  });

  it('answers 401 to /me without a session and with a forged one', async () => {
    expect((await t.http.get('/api/auth/me')).status).toBe(401);
    const forged = await t.http.get('/api/auth/me').set('Cookie', 'ocop_session=forged-token-value-1234567890');
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('ends the session on logout: the same cookie no longer works', async () => {
    const cookie = await t.signIn(ORGANISER);
    expect((await t.http.get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
    const out = await t.http.post('/api/auth/logout').set('Cookie', cookie);
    expect(out.status).toBe(204);
    expect((await t.http.get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
  });

  it('refuses a deactivated user, even with a live session', async () => {
    const cookie = await t.signIn(BUYER);
    await t.database.db.prisma.user.update({ where: { email: BUYER }, data: { active: false } });
    expect((await t.http.get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
    const again = await t.http.post('/api/auth/login').send({ email: BUYER, password: DEMO_PASSWORD });
    expect(again.status).toBe(401);
    await t.database.db.prisma.user.update({ where: { email: BUYER }, data: { active: true } });
  });

  it('removes expired sessions in housekeeping and keeps live ones', async () => {
    const live = await t.signIn(ORGANISER);
    const user = await t.database.db.prisma.user.findUniqueOrThrow({ where: { email: ORGANISER } });
    await t.database.db.prisma.userSession.create({
      data: { id: 'expired-session', userId: user.id, expiresAt: new Date(t.services.now().getTime() - 1000) },
    });
    expect(await t.services.auth.purgeExpiredSessions()).toBe(1);
    expect(await t.database.db.prisma.userSession.count({ where: { id: 'expired-session' } })).toBe(0);
    expect((await t.http.get('/api/auth/me').set('Cookie', live)).status).toBe(200);
  });

  // Last: it uses up the failed-attempt budget of this server (5, set above).
  it('rate-limits failed sign-ins with 429 in the error shape, and still lets nobody in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.http.post('/api/auth/login').send({ email: ORGANISER, password: `guess-${i}` });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error.code).toBe('RATE_LIMITED');
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.at(-1)).toBe(429);
    const right = await t.http.post('/api/auth/login').send({ email: ORGANISER, password: DEMO_PASSWORD });
    expect(right.status).toBe(429);
  });

  it('keeps letting other people sign in from the same address while one email is locked', async () => {
    const locked = await t.http.post('/api/auth/login').send({ email: ORGANISER, password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    const other = await t.http.post('/api/auth/login').send({ email: PRODUCER, password: DEMO_PASSWORD });
    expect(other.status).toBe(200);
  });
});
