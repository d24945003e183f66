// Every route of the OpenAPI document, read when the test runs (a new route is fuzzed without
// anyone adding a line), is sent valid-looking and hostile requests generated from its own
// schemas (test/support/openapi-arbitrary.ts), as the roles it allows, others and nobody.
// Whatever is sent: never a 5xx; a 4xx has the error shape and leaves the database exactly
// as it was; a retry with the same Idempotency-Key gets the first answer back; the server
// still answers. FUZZ_RUNS (100) sets the cases per route; FUZZ_SEED (fixed, so main stays
// green for a reason) picks other cases; a failure names the seed, the route, the request
// and the answer, shrunk by fast-check.
import { request as httpRequest, Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ORGANISER, OFFICIAL, PRODUCER, BUYER } from '../support/accounts.ts';
import { startTestServer } from '../support/server.ts';
import { DEMO_PASSWORD } from '../../prisma/demo/seed.ts';
import { watchTables, type TableWatch } from '../support/table-digest.ts';
import {
  describeRequest,
  enumsByName,
  shorten,
  requestsFor,
  routesOf,
  type FuzzRequest,
  type Pools,
  type OpenApiDocument,
  type Role,
  type Route,
} from '../support/openapi-arbitrary.ts';

/** Calls after which the caller's cookie is another session (or none). */
const SESSION_CHANGING = new Set(['/api/auth/logout', '/api/invitations/{token}/accept']);
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_208);
/** FUZZ_VERBOSE=1 tallies each 4xx with its first refused field, to see how deep the cases reach. */
const VERBOSE = process.env.FUZZ_VERBOSE === '1';
const EMAILS: Record<Role, string> = { organiser: ORGANISER, official: OFFICIAL, producer: PRODUCER, buyer: BUYER };

// The routes must be known when the tests are collected: the server starts here.
const t = await startTestServer({ LOGIN_MAX_ATTEMPTS: '1000000' });
const doc = (await t.http.get('/api/openapi.json')).body as OpenApiDocument;
const routes = routesOf(doc);
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
const port = Number(new URL(t.baseUrl).port);

const cookies = {} as Record<Role, string>;
const pools: Pools = { byName: {}, any: [] };
let watch: TableWatch;
let digestAt = { changes: -1, digest: '' };
const started = Date.now();
let cases = 0;
let requests = 0;
/** Retries checked for a replay: the same body, and the same members in another order. */
const repeats = { same: 0, reordered: 0 };
const statuses = new Map<string, Map<string, number>>();

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request on the wire exactly as generated: no client adds or fixes a header. */
function send(r: FuzzRequest, body: string | Buffer | undefined = r.body): Promise<Answer> {
  requests++;
  const headers: Record<string, string> = { ...r.headers };
  if (r.who === 'forged') headers.cookie = 'ocop_session=forged-0123456789abcdefghijklmnopqrstuvwxyz';
  else if (r.who !== 'nobody') headers.cookie = cookies[r.who];
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: r.method, path: r.url, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function reasonOf(a: Answer): string {
  try {
    const e = (JSON.parse(a.text) as { error: { code: string; fields?: { path: string; code?: string }[] } }).error;
    const f = e.fields?.[0];
    return f ? `${f.path}:${f.code ?? ''}` : e.code;
  } catch {
    return '?';
  }
}

const describeAnswer = (a: Answer) => `${a.status} ${a.headers['content-type'] ?? '(no content type)'} ${shorten(a.text)}`;

/** The one error shape: {error: {code, message, fields?}}, as JSON. */
function errorShapeProblem(a: Answer): string | null {
  if (!String(a.headers['content-type']).startsWith('application/json')) return 'a 4xx answer that is not JSON';
  let body: { error?: { code?: unknown; message?: unknown; fields?: unknown } };
  try {
    body = JSON.parse(a.text) as typeof body;
  } catch {
    return 'a 4xx answer whose body is not JSON';
  }
  const e = body?.error;
  if (!e || typeof e.code !== 'string' || !/^[A-Z_]+$/.test(e.code) || typeof e.message !== 'string')
    return 'a 4xx answer without {error: {code, message}}';
  if (e.fields !== undefined) {
    if (!Array.isArray(e.fields)) return 'error.fields is not an array';
    for (const f of e.fields as { path?: unknown; message?: unknown }[])
      if (typeof f?.path !== 'string' || typeof f?.message !== 'string') return 'an error.fields entry without path and message';
  }
  return null;
}

async function signIn(role: Role) {
  cookies[role] = await t.signIn(EMAILS[role]);
}

const singular = (plural: string) => (plural.endsWith('ies') ? `${plural.slice(0, -3)}y` : plural.replace(/s$/, ''));

/** Every `id` anywhere in an answer. */
function idsIn(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) idsIn(v, into);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && typeof v === 'string') into.add(v);
      else idsIn(v, into);
    }
}

/**
 * Real ids for path parameters, found the way a client finds them: a GET list route
 * (`/api/producers` for producerId, `/api/events/{eventId}/booths` for boothId) read as the
 * organiser. The demo sign-ins themselves are left out of the user ids, so the fuzz cannot
 * deactivate the accounts it signs in with.
 */
async function collectIds(): Promise<void> {
  const any = new Set<string>();
  const gets = routes.filter((r) => r.method === 'GET').sort((a, b) => a.pathParams.length - b.pathParams.length);
  for (const route of gets) {
    if (!/s$/.test(route.path)) continue;
    const name = `${singular(route.path.split('/').at(-1)!)}Id`;
    const combos: string[] = [];
    if (route.pathParams.every((p) => pools.byName[p.name]?.length)) {
      const first = route.pathParams[0];
      const values = first ? pools.byName[first.name]!.slice(0, 3) : [''];
      for (const v of values) combos.push(first ? route.path.replace(`{${first.name}}`, v) : route.path);
    }
    const found = new Set<string>();
    for (const url of combos) {
      if (/\{/.test(url)) continue;
      const res = await t.http.get(`${url}?pageSize=200`).set('Cookie', cookies.organiser);
      if (res.status !== 200) continue;
      // The items' own ids name this route's kind; ids nested in them (a producer's products) go to `any`.
      const items = (res.body as { items?: { id?: unknown }[] }).items ?? [];
      for (const item of items) if (typeof item?.id === 'string') found.add(item.id);
      idsIn(items, any);
    }
    if (found.size) pools.byName[name] = [...found];
  }
  const me = await Promise.all(
    (Object.keys(cookies) as Role[]).map(async (role) => {
      const user = (await t.http.get('/api/auth/me').set('Cookie', cookies[role])).body.user as {
        id: string;
        organisationId?: string;
      };
      return { role, ...user };
    }),
  );
  pools.byName.userId = (pools.byName.userId ?? []).filter((id) => !me.some((u) => u.id === id));
  // What a producer or buyer owns: its organisation, and for a producer its products.
  pools.own = {};
  for (const u of me) {
    if (!u.organisationId) continue;
    const own = new Set([u.organisationId]);
    const detail = await t.http.get(`/api/${u.role}s/${u.organisationId}`).set('Cookie', cookies[u.role]);
    for (const p of (detail.body as { products?: { id: string }[] }).products ?? []) own.add(p.id);
    pools.own[u.role] = [...own];
  }
  // A real invitation link, to be accepted (once) among the garbage tokens.
  const org = pools.byName.buyerId?.[0];
  if (org) {
    const inv = await t.http
      .post('/api/invitations')
      .set('Cookie', cookies.organiser)
      .send({ email: 'fuzz.invite@example.vn', name: 'Người được mời', role: 'buyer', organisationId: org });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    pools.byName.token = [String(inv.body.url).split('/').at(-1)!];
  }
  pools.any = [...any];
  // Sign-ins that exist, so that some login cases get past "wrong password".
  pools.byName.email = Object.values(EMAILS);
  pools.byName.password = [DEMO_PASSWORD];
  for (const [name, values] of Object.entries(enumsByName(doc))) pools.byName[name] ??= values;
  // The app's own exports, to be mutated into uploads.
  pools.files = [];
  for (const kind of pools.byName.kind ?? []) {
    const param = { name: 'kind', value: kind };
    const csv = await t.http.get(`/api/exports/${kind}?format=csv`).set('Cookie', cookies.organiser);
    if (csv.status === 200) pools.files.push({ type: 'text/csv', body: csv.text, param });
    const xlsx = await t.http
      .get(`/api/exports/${kind}?format=xlsx`)
      .set('Cookie', cookies.organiser)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (xlsx.status === 200)
      pools.files.push({
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: xlsx.body as Buffer,
        param,
      });
  }
}

beforeAll(async () => {
  for (const role of Object.keys(EMAILS) as Role[]) await signIn(role);
  await collectIds();
  watch = await watchTables(t.database.db);
  digestAt = { changes: await watch.changes(), digest: await watch.digest() };
  const known = Object.entries(pools.byName).map(([name, values]) => `${name} ${values.length}`);
  console.info(`[fuzz] known values: ${known.join(', ')}; ${pools.any.length} ids in all; ${watch.tables.length} tables watched`);
});

afterAll(async () => {
  const seconds = (Date.now() - started) / 1000;
  console.info(
    `[fuzz] ${t.database.db.provider}: ${cases} cases (${requests} requests, ${repeats.same} + ${repeats.reordered} replays checked) ` +
      `over ${routes.length} routes in ${seconds.toFixed(1)} s; ` +
      `FUZZ_RUNS=${RUNS} FUZZ_SEED=${SEED}`,
  );
  agent.destroy();
  await watch?.remove();
  await t.close();
});

const signedIn = (r: FuzzRequest): r is FuzzRequest & { who: Role } => r.who !== 'nobody' && r.who !== 'forged';

/** Checks one case; throws a message that says what went wrong, with the request and the answer. */
async function runCase(route: Route, r: FuzzRequest): Promise<void> {
  cases++;
  const fail = (problem: string, a: Answer, more = '') => {
    throw new Error(`${r.route}: ${problem}\n  request: ${describeRequest(r)}\n  answer: ${describeAnswer(a)}${more}`);
  };
  const before = await watch.changes();
  const a = await send(r);
  const tally = statuses.get(r.route) ?? new Map<string, number>();
  const label = VERBOSE && a.status >= 400 ? `${a.status}(${reasonOf(a)})` : String(a.status);
  tally.set(label, (tally.get(label) ?? 0) + 1);
  statuses.set(r.route, tally);

  if (a.status >= 500) fail('a 5xx answer', a);
  if (a.status >= 400) {
    const problem = errorShapeProblem(a);
    if (problem) fail(problem, a);
    const after = await watch.changes();
    if (after !== before) fail(`a ${a.status} answer changed the database (${after - before} rows written)`, a);
  } else if (r.repeat && a.status < 300 && signedIn(r) && !SESSION_CHANGING.has(route.path)) {
    // The same call again with its key, by the same user: the first answer, replayed, and
    // nothing written. (Keys are per user: a call without a session has none; signing out
    // ends the session the retry would be made with, and accepting an invitation signs the
    // caller in as the new user, whose retry has no key of its own: the accept itself answers
    // a repeat with the same password again, as its own tests check.)
    const written = await watch.changes();
    repeats[r.repeat.kind]++;
    const again = await send(r, r.repeat.body);
    const changed = (await watch.changes()) - written;
    const why = `\n  repeated (${r.repeat.kind}): ${describeAnswer(again)}`;
    if (again.status !== a.status || again.headers['idempotent-replayed'] !== 'true' || again.text !== a.text)
      fail(`a retry with the same Idempotency-Key did not get the first answer back`, a, why);
    if (changed !== 0) fail(`a replayed retry wrote ${changed} rows`, a, why);
  }
  // Signing out ends the session the next cases need.
  if (route.path === '/api/auth/logout' && a.status < 300 && signedIn(r)) await signIn(r.who);
  const health = await send({ method: 'GET', route: 'health', url: '/api/health', who: 'nobody', headers: {}, body: undefined });
  if (health.status !== 200) fail('the server stopped answering GET /api/health after this request', health);
}

/** A per-route seed, so adding a route does not change the cases of the others. */
function seedOf(route: string): number {
  let h = SEED | 0;
  for (const ch of route) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

describe(`fuzzing every route of the OpenAPI document (${RUNS} cases each)`, () => {
  it('finds routes to fuzz, and sees a write when one is made', async () => {
    expect(routes.length).toBeGreaterThan(20);
    // The watch is what makes "a 4xx changed nothing" mean something: it must see a real change.
    const before = { changes: await watch.changes(), digest: await watch.digest() };
    const created = await t.http
      .post('/api/buyers')
      .set('Cookie', cookies.organiser)
      .send({ name: 'Người mua kiểm tra bộ đếm', orgType: 'distributor', provinceId: pools.byName.provinceId![0] });
    expect(created.status).toBe(201);
    expect(await watch.changes()).toBeGreaterThan(before.changes);
    expect(await watch.digest()).not.toBe(before.digest);
    digestAt = { changes: await watch.changes(), digest: await watch.digest() };
  });

  for (const route of routes) {
    const name = `${route.method} ${route.path}`;
    it(
      `${name}: no 5xx, 4xx in the error shape and without a change, retries replayed`,
      { timeout: Math.max(60_000, RUNS * 600) },
      async () => {
        const seed = seedOf(name);
        const details = await fc.check(
          fc.asyncProperty(requestsFor(route, pools), (r) => runCase(route, r)),
          { numRuns: RUNS, seed },
        );
        if (details.failed) {
          const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
          throw new Error(
            `${name} failed after ${details.numRuns} cases (${details.numShrinks} shrinks); replay with FUZZ_SEED=${SEED} ` +
              `(this route's seed ${seed}, path ${details.counterexamplePath}):\n${error}`,
          );
        }
        // With nothing written by the whole batch, every watched table must read exactly as before.
        const changes = await watch.changes();
        if (changes === digestAt.changes)
          expect(await watch.digest(), `${name} changed rows the triggers did not see`).toBe(digestAt.digest);
        else digestAt = { changes, digest: await watch.digest() };
        const tally = [...(statuses.get(name) ?? new Map<string, number>()).entries()].sort(([x], [y]) => x.localeCompare(y));
        console.info(`[fuzz] ${name}: ${tally.map(([s, n]) => `${s}×${n}`).join(' ')}`);
      },
    );
  }
});
