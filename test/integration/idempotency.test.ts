// Idempotency-Key (the spec: every mutating call accepts one): a retried call acts once and
// gets the first answer back, even when the retries race each other.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const c: Record<string, string> = {};
let producerId: string;

beforeAll(async () => {
  t = await startTestServer();
  for (const email of [ORGANISER, PRODUCER]) c[email] = await t.signIn(email);
  producerId = (await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!)).body.user.organisationId;
});
afterAll(() => t.close());

async function productNames(): Promise<string[]> {
  const res = await t.http.get(`/api/producers/${producerId}`).set('Cookie', c[ORGANISER]!);
  expect(res.status).toBe(200);
  return res.body.products.map((p: { name: string }) => p.name);
}

const addProduct = (who: string, key: string | undefined, body: object) => {
  const call = t.http.post(`/api/producers/${producerId}/products`).set('Cookie', c[who]!);
  return (key === undefined ? call : call.set('Idempotency-Key', key)).send(body);
};

describe('Idempotency-Key', () => {
  it('answers a retry with the first answer and creates the product once', async () => {
    const key = randomUUID();
    const body = { name: 'Cà phê hạt Robusta (thử lại)', category: 'coffee' };
    const first = await addProduct(PRODUCER, key, body);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await addProduct(PRODUCER, key, body);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await productNames()).filter((n) => n === body.name)).toHaveLength(1);
  });

  it('acts once when eight retries with one key race each other', async () => {
    const key = randomUUID();
    const body = { name: 'Mật ong hoa cà phê (đua)', category: 'honey' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => addProduct(PRODUCER, key, body)));
    const created = answers.filter((a) => a.status === 201);
    const running = answers.filter((a) => a.status === 409);
    expect(created.length + running.length).toBe(8);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    for (const a of running) expect(a.body).toMatchObject({ error: { code: 'CONFLICT' }, conflict: 'idempotency' });
    expect((await productNames()).filter((n) => n === body.name)).toHaveLength(1);
    // Once the first call is done, every retry gets its answer.
    const late = await addProduct(PRODUCER, key, body);
    expect(late.status).toBe(201);
    expect(late.body.id).toBe(created[0]!.body.id);
  });

  it('refuses a key reused for a different call (400 naming the header) and changes nothing', async () => {
    const key = randomUUID();
    expect((await addProduct(PRODUCER, key, { name: 'Hồ tiêu đen (khoá 1)', category: 'pepper' })).status).toBe(201);
    const reused = await addProduct(PRODUCER, key, { name: 'Hồ tiêu trắng (khoá 1)', category: 'pepper' });
    expect(reused.status).toBe(400);
    expect(reused.body.error.fields).toEqual([expect.objectContaining({ path: 'headers.idempotency-key' })]);
    expect(await productNames()).not.toContain('Hồ tiêu trắng (khoá 1)');
  });

  it('keeps keys apart per user', async () => {
    const key = randomUUID();
    const body = { name: 'Sầu riêng Ri6 (hai người)', category: 'durian' };
    const mine = await addProduct(PRODUCER, key, body);
    const theirs = await addProduct(ORGANISER, key, body);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect((await productNames()).filter((n) => n === body.name)).toHaveLength(2);
  });

  it('frees the key of a refused call, so the corrected retry runs', async () => {
    const key = randomUUID();
    const refused = await addProduct(PRODUCER, key, { category: 'coffee' });
    expect(refused.status).toBe(400);
    const retried = await addProduct(PRODUCER, key, { name: 'Cà phê (sửa lại)', category: 'coffee' });
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it.each([
    ['too long', 'k'.repeat(256)],
    ['with spaces', 'two words'],
    ['not ASCII', 'khoá'],
    ['empty', '""'],
  ])('answers a key %s with 400 naming the header, and creates nothing', async (_why, key) => {
    const name = `Gạo ST25 (khoá xấu ${_why})`;
    const res = await addProduct(PRODUCER, key, { name, category: 'rice' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('headers.idempotency-key');
    expect(await productNames()).not.toContain(name);
  });

  it('replays a 204 too: a second removal with the key answers 204, not 404', async () => {
    const made = await addProduct(PRODUCER, undefined, { name: 'Ca cao (xoá)', category: 'cocoa' });
    const key = randomUUID();
    const remove = () => t.http.delete(`/api/products/${made.body.id}`).set('Cookie', c[PRODUCER]!).set('Idempotency-Key', key);
    expect((await remove()).status).toBe(204);
    const again = await remove();
    expect(again.status).toBe(204);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const plain = await t.http.delete(`/api/products/${made.body.id}`).set('Cookie', c[PRODUCER]!);
    expect(plain.status).toBe(404);
  });

  it('documents the header on every mutating call of the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { parameters: { name: string; in: string }[] }>>;
    };
    const mutating = Object.values(doc.paths).flatMap((ops) => Object.entries(ops).filter(([verb]) => verb !== 'get'));
    expect(mutating.length).toBeGreaterThan(5);
    for (const [, op] of mutating)
      expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
  });
});
