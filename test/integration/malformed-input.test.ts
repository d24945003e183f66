// No input, however malformed, gets a 500: every route of the OpenAPI document is fed
// broken JSON, wrong types, odd params and queries, signed in as each role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Test } from 'supertest';
import { ALL_ROLES } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
let routes: { method: string; path: string }[] = [];
const cookies: string[] = [];

beforeAll(async () => {
  t = await startTestServer({ LOGIN_MAX_ATTEMPTS: '100000' });
  for (const { email } of ALL_ROLES) cookies.push(await t.signIn(email));
  const doc = await t.http.get('/api/openapi.json');
  for (const [path, ops] of Object.entries(doc.body.paths as Record<string, object>)) {
    for (const method of Object.keys(ops)) routes.push({ method, path });
  }
  // logout would end the sessions the other requests need: send it last, on its own.
  routes = routes.filter((r) => r.path !== '/api/auth/logout');
});
afterAll(() => t.close());

const PARAM_VALUES = ['x', '%00', '..%2F..%2Fetc', 'a'.repeat(300), '%F0%9F%92%A9', "1' OR '1'='1", '%E0%A4%A'];
const RAW_BODIES: [string, string][] = [
  ['application/json', '{"email": '],
  ['application/json', 'null'],
  ['application/json', '[]'],
  ['application/json', '"text"'],
  ['application/json', '123'],
  ['application/json', '{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}'],
  ['application/json', JSON.stringify({ email: ['a'], password: { $ne: 1 }, status: 7, name: null, venue: 1 })],
  ['application/json', JSON.stringify({ nested: JSON.parse('['.repeat(500) + ']'.repeat(500)) })],
  ['application/json', JSON.stringify({ name: 'x'.repeat(900_000) })],
  ['text/plain', 'email=a&password=b'],
  ['application/x-www-form-urlencoded', 'email=a&password=b'],
];
const QUERIES = ['?page=-1', '?page=abc&pageSize=1e9', '?q[]=1&q[]=2', '?q=%00%FF', '?pageSize=0', `?q=${'đ'.repeat(500)}`];

describe('malformed input', () => {
  it('never answers 500 to any route, any role, any shape of input', async () => {
    const failures: string[] = [];
    for (const cookie of cookies) {
      for (const route of routes) {
        // a path without parameters needs one pass, not one per odd parameter value
        for (const value of route.path.includes('{') ? PARAM_VALUES : ['-']) {
          const url = route.path.replace(/\{\w+\}/g, value);
          const requests = [
            ...RAW_BODIES.map(([type, raw]) => ({ label: `${type} ${raw.slice(0, 30)}`, query: '', type, raw })),
            ...QUERIES.map((query) => ({ label: query.slice(0, 30), query, type: 'application/json', raw: '{}' })),
          ];
          for (const r of requests) {
            const call = (t.http as unknown as Record<string, (u: string) => Test>)[route.method]!(url + r.query)
              .set('Cookie', cookie)
              .set('Content-Type', r.type);
            const res = route.method === 'get' ? await call : await call.send(r.raw);
            const shaped = res.status < 400 || typeof res.body?.error?.code === 'string';
            if (res.status >= 500 || !shaped)
              failures.push(`${route.method.toUpperCase()} ${url}${r.query} [${r.label}] → ${res.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('answers malformed JSON with 400 naming the body', async () => {
    const res = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields[0].path).toBe('body');
  });

  it('answers a body over 1 MB with 413 in the error shape', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.vn', password: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
