// Sign-in throttling (issue 8, defect 5): at a fair everybody shares the venue Wi-Fi's
// address, so one person's wrong passwords must never refuse someone else's correct one,
// while guessing one account is stopped hard. Addresses are set with X-Forwarded-For behind
// one trusted proxy, as a load balancer would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { DEMO_PASSWORD } from '../../prisma/demo/seed.ts';

const MAX = 3; // per account and address; 5 × that per account; 10 × that per address
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ LOGIN_MAX_ATTEMPTS: String(MAX), TRUST_PROXY: '1' });
});
afterAll(() => t.close());

const login = (email: string, password: string, from: string) =>
  t.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });

describe('sign-in throttling', () => {
  it("never refuses a correct password because of other people's failures from the same address", async () => {
    const VENUE = '203.0.113.10';
    // 32 wrong passwords over many accounts, past the address's budget of 30
    for (let i = 0; i < 32; i++) {
      const res = await login(`khach${i}@venue.vn`, 'sai-mat-khau', VENUE);
      expect(res.status).toBe(401);
    }
    for (const email of [ORGANISER, BUYER]) {
      const res = await login(email, DEMO_PASSWORD, VENUE);
      expect(res.status, email).toBe(200);
    }
  });

  it('holds back each further failure from an address over its budget', async () => {
    const BUSY = '203.0.113.77';
    for (let i = 0; i < MAX * 10; i++) expect((await login(`khach-ban${i}@venue.vn`, 'sai', BUSY)).status).toBe(401);
    const started = Date.now();
    const res = await login('khach-cham@venue.vn', 'sai', BUSY);
    expect(res.status).toBe(401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('lets no more than its budget of racing guesses at one account through to the password check', async () => {
    const FROM = '198.51.100.50';
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login('nguoi-bi-doan@venue.vn', `doan-dong-thoi-${i}`, FROM)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - MAX);
  });

  it('counts the addresses of one IPv6 network as one address', async () => {
    for (let i = 0; i < MAX; i++) expect((await login(PRODUCER, `v6-${i}`, `2001:db8:abcd:1${i}0::1`)).status).toBe(401);
    // the same /56 network, another address in it: the account is locked from there too
    expect((await login(PRODUCER, DEMO_PASSWORD, '2001:db8:abcd:1ff::7')).status).toBe(429);
  });

  it('locks one account from an address after its failures there, with 429 and Retry-After, correct password included', async () => {
    const FROM = '198.51.100.7';
    for (let i = 0; i < MAX; i++) expect((await login(PRODUCER, `doan-${i}`, FROM)).status).toBe(401);
    const right = await login(PRODUCER, DEMO_PASSWORD, FROM);
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('RATE_LIMITED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // the same account from elsewhere, and other accounts from here, are not under attack
    expect((await login(PRODUCER, DEMO_PASSWORD, '192.0.2.44')).status).toBe(200);
    expect((await login(OFFICIAL, DEMO_PASSWORD, FROM)).status).toBe(200);
  });

  it('locks an account everywhere when guesses at it come from many addresses', async () => {
    for (let i = 0; i < MAX * 5; i++) {
      // MAX - 1 guesses per address: never enough to lock it from one place
      expect((await login(OFFICIAL, `doan-${i}`, `10.9.${Math.floor(i / (MAX - 1))}.1`)).status).toBe(401);
    }
    const right = await login(OFFICIAL, DEMO_PASSWORD, '192.0.2.200');
    expect(right.status).toBe(429);
    expect((await login(BUYER, DEMO_PASSWORD, '192.0.2.200')).status).toBe(200);
  });

  it('clears the count of an account at an address once its password is right', async () => {
    const FROM = '198.51.100.99';
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < MAX - 1; i++) expect((await login(BUYER, `go-nham-${i}`, FROM)).status).toBe(401);
      expect((await login(BUYER, DEMO_PASSWORD, FROM)).status).toBe(200);
    }
  });
});
