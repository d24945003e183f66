// Every route that names its roles answers 403 to every other role, and 401 to nobody
// signed in, before it looks at the input: read from the OpenAPI document, so a new
// route is covered the day it is added.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Test } from 'supertest';
import { ALL_ROLES } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const cookieOf: Record<string, string> = {};
let operations: { method: string; path: string; access: string | string[] }[] = [];

beforeAll(async () => {
  t = await startTestServer();
  for (const { role, email } of ALL_ROLES) cookieOf[role] = await t.signIn(email);
  const doc = await t.http.get('/api/openapi.json');
  operations = Object.entries(doc.body.paths as Record<string, Record<string, { 'x-access': string | string[] }>>).flatMap(
    ([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, access: op['x-access'] })),
  );
});
afterAll(() => t.close());

const call = (method: string, url: string) => (t.http as unknown as Record<string, (u: string) => Test>)[method]!(url);
const concrete = (path: string) => path.replace(/\{kind\}/, 'producers').replace(/\{\w+\}/g, 'some-id-1234567890abcdefghij');

describe('access', () => {
  it('has routes limited to roles, and every one refuses every other role with 403', async () => {
    const limited = operations.filter((o) => Array.isArray(o.access));
    expect(limited.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const op of limited) {
      for (const { role } of ALL_ROLES) {
        if ((op.access as string[]).includes(role)) continue;
        const res = await call(op.method, concrete(op.path)).set('Cookie', cookieOf[role]!).send({});
        if (res.status !== 403 || res.body.error?.code !== 'FORBIDDEN')
          wrong.push(`${role} ${op.method} ${op.path} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 to every route that is not public when nobody is signed in', async () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => o.access !== 'public')) {
      const res = await call(op.method, concrete(op.path)).send({});
      if (res.status !== 401) wrong.push(`${op.method} ${op.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
