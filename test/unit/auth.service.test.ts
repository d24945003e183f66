// The sign-in rules, with a hand-written fake repository and a fixed clock.
import { describe, expect, it } from 'vitest';
import { createAuthService, hashToken } from '../../server/modules/auth/auth.service.ts';
import { createLoginThrottle } from '../../server/modules/auth/login-throttle.ts';
import type { AuthRepository, UserRow } from '../../server/modules/auth/auth.repository.ts';

function fakeRepo(users: (UserRow & { passwordHash: string })[]) {
  const sessions = new Map<string, { userId: string; expiresAt: Date }>();
  const repo: AuthRepository = {
    findUserForLogin: async (email) => users.find((u) => u.email === email) ?? null,
    createSession: async (id, userId, expiresAt) => void sessions.set(id, { userId, expiresAt }),
    findSessionUser: async (id, now) => {
      const s = sessions.get(id);
      return s && s.expiresAt > now ? (users.find((u) => u.id === s.userId) ?? null) : null;
    },
    deleteSession: async (id) => void sessions.delete(id),
    sessionExpiry: async (id) => sessions.get(id)?.expiresAt ?? null,
    deleteExpiredSessions: async () => 0,
  };
  return { repo, sessions };
}

const user = {
  id: 'u1',
  email: 'a@demo.vn',
  name: 'A',
  role: 'buyer',
  producerId: null,
  buyerId: 'b1',
  active: true,
  passwordHash: 'hash:secret',
};

function service(now: { t: number }, users = [user]) {
  const { repo, sessions } = fakeRepo(users);
  const auth = createAuthService({
    repo,
    hashPassword: async (p) => `hash:${p}`,
    verifyPassword: async (h, p) => h === `hash:${p}`,
    now: () => new Date(now.t),
    sessionTtlMs: 1000,
    sessions: { sessionsEnded: () => undefined },
    throttle: createLoginThrottle({ maxAttempts: 10, windowMs: 60_000 }),
  });
  return { auth, sessions };
}

describe('auth service', () => {
  it('stores only the hash of the session token', async () => {
    const { auth, sessions } = service({ t: 0 });
    const { token } = await auth.login('a@demo.vn', 'secret', '127.0.0.1');
    expect(sessions.has(token)).toBe(false);
    expect(sessions.has(hashToken(token))).toBe(true);
  });

  it('ends a session when its time is up', async () => {
    const clock = { t: 0 };
    const { auth } = service(clock);
    const { token } = await auth.login('a@demo.vn', 'secret', '127.0.0.1');
    clock.t = 999;
    expect(await auth.userForToken(token)).toMatchObject({ id: 'u1', role: 'buyer', buyerId: 'b1' });
    clock.t = 1000;
    expect(await auth.userForToken(token)).toBeNull();
  });

  it('gives one answer for a wrong password, an unknown email and an inactive user', async () => {
    const { auth } = service({ t: 0 }, [user, { ...user, id: 'u2', email: 'off@demo.vn', active: false }]);
    for (const [email, password] of [
      ['a@demo.vn', 'nope'],
      ['nobody@demo.vn', 'secret'],
      ['off@demo.vn', 'secret'],
    ] as const) {
      await expect(auth.login(email, password, '127.0.0.1')).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'Wrong email or password',
      });
    }
  });
});
