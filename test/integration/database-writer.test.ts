// The database's writer is given back whatever happens to a transaction: one that the
// database rolled back by itself (as on a full disk, where even the ROLLBACK then fails)
// must not leave every later change of every user waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCER } from '../support/accounts.ts';
import { injectFault } from '../support/faults.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
let cookie: string;
let producerId: string;

beforeAll(async () => {
  t = await startTestServer();
  cookie = await t.signIn(PRODUCER);
  producerId = (await t.http.get('/api/auth/me').set('Cookie', cookie)).body.user.organisationId;
});
afterAll(() => t.close());

const addProduct = (name: string) =>
  t.http.post(`/api/producers/${producerId}/products`).set('Cookie', cookie).send({ name, category: 'coffee' });

describe('the writer after a transaction the database rolled back by itself', () => {
  it('is free again: the next changes are made, and the failed one left nothing', async () => {
    const heal = await injectFault(t, {
      name: 'whole_tx_rolled_back',
      table: 'Product',
      on: 'INSERT',
      when: `NEW."name" = 'Cà phê (đĩa đầy)'`,
      sqliteRaise: 'rollback',
    });
    const failed = await addProduct('Cà phê (đĩa đầy)');
    await heal();
    expect(failed.status).toBeGreaterThanOrEqual(500);

    const next = await Promise.all([addProduct('Cà phê sau sự cố 1'), addProduct('Cà phê sau sự cố 2'), t.signIn(PRODUCER)]);
    expect(next[0].status).toBe(201);
    expect(next[1].status).toBe(201);
    const names = (await t.http.get(`/api/producers/${producerId}`).set('Cookie', cookie)).body.products.map(
      (p: { name: string }) => p.name,
    );
    expect(names).toEqual(expect.arrayContaining(['Cà phê sau sự cố 1', 'Cà phê sau sự cố 2']));
    expect(names).not.toContain('Cà phê (đĩa đầy)');
  }, 30_000);
});
