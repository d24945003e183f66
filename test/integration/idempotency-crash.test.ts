// Idempotency-Key across a failure between a call's commit and storing its answer (the
// process dying, the disk filling): a retry must never act twice, however long after; a call
// that died before its change committed must run again. The failures are injected with
// database triggers, so the app runs unchanged; the clock is the app's own, moved forward.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { injectFault } from '../support/faults.ts';
import { makeBuyers, makeProducers, makeSession } from '../support/matchmaking.ts';

let t: TestServer;
const c: Record<string, string> = {};
let producerId: string;
let clockShiftMs = 0;

beforeAll(async () => {
  t = await startTestServer({}, { now: () => new Date(Date.now() + clockShiftMs) });
  for (const email of [ORGANISER, PRODUCER]) c[email] = await t.signIn(email);
  producerId = (await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!)).body.user.organisationId;
});
afterAll(() => t.close());

const MINUTE = 60_000;

const addProduct = (key: string, body: object) =>
  t.http.post(`/api/producers/${producerId}/products`).set('Cookie', c[PRODUCER]!).set('Idempotency-Key', key).send(body);

async function productsNamed(name: string): Promise<number> {
  const res = await t.http.get(`/api/producers/${producerId}`).set('Cookie', c[ORGANISER]!);
  expect(res.status).toBe(200);
  return res.body.products.filter((p: { name: string }) => p.name === name).length;
}

const FAULTS = {
  'answer-not-stored': { table: 'IdempotencyKey', on: 'UPDATE OF "status"', when: 'NEW."status" IS NOT NULL' },
  'product-not-written': { table: 'Product', on: 'INSERT', when: 'NEW."name" LIKE \'%(crash)%\'' },
  'key-not-freed': { table: 'IdempotencyKey', on: 'DELETE', when: 'OLD."status" IS NULL' },
};

/** Makes one kind of write fail until the returned function is called. */
const inject = (fault: keyof typeof FAULTS) => injectFault(t, { name: fault.replaceAll('-', '_'), ...FAULTS[fault] });

describe('Idempotency-Key when a call fails between its commit and its answer', () => {
  it('never runs again a call whose change committed but whose answer was not stored', async () => {
    const key = randomUUID();
    const body = { name: 'Cà phê rang xay (câu trả lời mất)', category: 'coffee' };
    const heal = await inject('answer-not-stored');
    const first = await addProduct(key, body);
    await heal();
    expect(first.status).toBe(500);
    expect(await productsNamed(body.name)).toBe(1);

    // Soon after: the call may still be finishing, so the client is told to wait.
    const soon = await addProduct(key, body);
    expect(soon.status).toBe(409);
    expect(soon.body).toMatchObject({ error: { code: 'CONFLICT' }, conflict: 'idempotency' });

    // Long after, when a call that died before committing would be run again: this one is not.
    clockShiftMs += 6 * MINUTE;
    const late = await addProduct(key, body);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'CONFLICT' }, conflict: 'idempotency_answer_lost' });
    expect(late.body.error.message).toMatch(/took effect/);
    const racing = await Promise.all(Array.from({ length: 6 }, () => addProduct(key, body)));
    expect(racing.map((r) => r.status)).toEqual(Array(6).fill(409));
    expect(await productsNamed(body.name)).toBe(1);
  });

  it('runs again, once, a call that died before its change committed', async () => {
    const key = randomUUID();
    const body = { name: 'Hồ tiêu đen (crash)', category: 'pepper' };
    const healWrite = await inject('product-not-written');
    const healFree = await inject('key-not-freed');
    const first = await addProduct(key, body);
    await healWrite();
    await healFree();
    expect(first.status).toBe(500);
    expect(await productsNamed(body.name)).toBe(0);

    const soon = await addProduct(key, body);
    expect(soon.status).toBe(409);
    expect(soon.body.conflict).toBe('idempotency');

    clockShiftMs += 6 * MINUTE;
    const retries = await Promise.all(Array.from({ length: 6 }, () => addProduct(key, body)));
    const created = retries.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of retries.filter((r) => r.status !== 201)) expect(r.body.conflict).toBe('idempotency');
    expect(await productsNamed(body.name)).toBe(1);
  });

  it('lets only one of a stalled call and the retry that took over its key act', async () => {
    // Another change holds the database, so the first call waits; more than five minutes on,
    // its retry takes the key over. When the database is free both go on: one may act.
    const key = randomUUID();
    const body = { name: 'Hạt điều rang muối (chờ lâu)', category: 'cashew' };
    let free!: () => void;
    const holding = t.database.db.prisma.$transaction(
      async (tx) => {
        if (t.database.db.provider === 'postgresql')
          await tx.$queryRawUnsafe('SELECT id FROM "Producer" WHERE id = $1 FOR UPDATE', producerId);
        else await tx.producer.count();
        await new Promise<void>((resolve) => (free = resolve));
      },
      { timeout: 20_000 },
    );
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await wait(100);
    const first = addProduct(key, body).then((r) => r);
    await wait(300);
    clockShiftMs += 6 * MINUTE;
    const retry = addProduct(key, body).then((r) => r);
    await wait(300);
    free();
    await holding;
    const answers = await Promise.all([first, retry]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await productsNamed(body.name)).toBe(1);
  });

  it('keeps the claim of a call that failed after its change committed', async () => {
    // A rename that commits, then its answer cannot be stored: the key is not freed by the
    // failure, so the retry does not rename a second time over a later edit.
    const made = await t.http
      .post(`/api/producers/${producerId}/products`)
      .set('Cookie', c[PRODUCER]!)
      .send({ name: 'Mật ong rừng (đổi tên)', category: 'honey' });
    expect(made.status).toBe(201);
    const key = randomUUID();
    const rename = () =>
      t.http
        .patch(`/api/products/${made.body.id}`)
        .set('Cookie', c[PRODUCER]!)
        .set('Idempotency-Key', key)
        .send({ name: 'Mật ong rừng Yok Đôn' });
    const heal = await inject('answer-not-stored');
    expect((await rename()).status).toBe(500);
    await heal();
    const later = await t.http
      .patch(`/api/products/${made.body.id}`)
      .set('Cookie', c[PRODUCER]!)
      .send({ name: 'Mật ong rừng Yok Đôn 500 g' });
    expect(later.status).toBe(200);
    clockShiftMs += 6 * MINUTE;
    expect((await rename()).status).toBe(409);
    const now = await t.http.get(`/api/producers/${producerId}`).set('Cookie', c[ORGANISER]!);
    expect(now.body.products.map((p: { name: string }) => p.name)).toContain('Mật ong rừng Yok Đôn 500 g');
  });

  // A booking runs in a plain transaction of its own (db/raw.ts on SQLite): the claim's mark
  // must commit in it too, or a late retry would book again.
  it('never books again a meeting whose booking committed but whose answer was not stored', async () => {
    const prisma = t.database.db.prisma;
    const [producer] = await makeProducers(prisma, 1);
    const buyers = await makeBuyers(prisma, 2);
    const session = await makeSession(t, c[ORGANISER]!, {}, buyers);
    const key = randomUUID();
    const book = (buyerId: string) =>
      t.http
        .post(`/api/sessions/${session.id}/meetings`)
        .set('Cookie', producer!.cookie)
        .set('Idempotency-Key', key)
        .send({ slotId: session.slotIds[0], buyerId });
    const heal = await inject('answer-not-stored');
    const first = await book(buyers[0]!.id);
    await heal();
    expect(first.status).toBe(500);
    const stored = await prisma.idempotencyKey.findFirstOrThrow({ where: { key } });
    expect(stored.committedAt).not.toBeNull();
    clockShiftMs += 6 * MINUTE;
    const late = await book(buyers[0]!.id);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ conflict: 'idempotency_answer_lost' });
    expect(await prisma.meeting.count({ where: { sessionId: session.id, producerId: producer!.id } })).toBe(1);
  });
});
