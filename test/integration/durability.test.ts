// The real server process, killed and stopped the ways a venue's machine kills and stops it.
// SIGKILL in the middle of a write load: every write that was acknowledged is there after a
// restart, exactly once, and every unanswered one, retried with its key and body, ends as
// exactly one record. SIGTERM: requests in flight get their answers, Socket.IO clients are
// disconnected by the server, new connections are refused, and the process exits 0 soon.
import { randomUUID } from 'node:crypto';
import { request as httpRequest, Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import { ORGANISER } from '../support/accounts.ts';
import { DEMO_PASSWORD } from '../../prisma/demo/seed.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startChildServer, type ChildServer } from '../support/child-server.ts';

let database: TestDatabase;
const running: ChildServer[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const child of running) await child.kill();
  await database.drop();
});

async function start(): Promise<ChildServer> {
  const child = await startChildServer(database.url);
  running.push(child);
  return child;
}

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

async function call(base: string, method: string, path: string, init: { cookie?: string; key?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  if (init.key) headers['idempotency-key'] = init.key;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, headers: res.headers } satisfies Answer;
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ocop_session='));
  return cookie!.split(';')[0]!;
}

/** How many buyers bear each of these names, read from the database itself. */
async function buyersNamed(names: string[]): Promise<Map<string, number>> {
  const rows = await database.db.prisma.buyer.findMany({ where: { name: { in: names } }, select: { name: true } });
  const counts = new Map(names.map((n) => [n, 0]));
  for (const r of rows) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  return counts;
}

describe('a server killed with SIGKILL in the middle of a write load', () => {
  const ROUNDS = 3;
  const WRITES_PER_ROUND = 70;
  const IN_FLIGHT = 8;
  const KILL_AFTER_ACKS = 25;

  it(
    'keeps every acknowledged write exactly once, and each unanswered one retried with its key runs once',
    { timeout: 120_000 },
    async () => {
      let server = await start();
      const cookie = await signIn(server.baseUrl, ORGANISER);
      const provinces = await call(server.baseUrl, 'GET', '/provinces', { cookie });
      const provinceId = (provinces.body as { items: { id: string }[] }).items[0]!.id;
      const run = randomUUID().slice(0, 8);
      const writes = Array.from({ length: ROUNDS * WRITES_PER_ROUND }, (_, i) => ({
        key: randomUUID(),
        body: { name: `Nhà phân phối bền ${run}-${i}`, orgType: 'distributor', provinceId },
        answer: undefined as Answer | undefined,
      }));
      const tally: Record<string, number> = {};
      const outcome = (r: Answer) =>
        r.status === 201
          ? r.headers.get('idempotent-replayed') === 'true'
            ? 'replayed'
            : 'ran'
          : `${r.status} ${(r.body as { conflict?: string } | null)?.conflict ?? JSON.stringify(r.body)}`;
      let acknowledged = 0;

      for (let round = 0; round < ROUNDS; round++) {
        const mine = writes.slice(round * WRITES_PER_ROUND, (round + 1) * WRITES_PER_ROUND);
        // ~8 writes in flight; SIGKILL 0, 7 or 14 ms after the 25th answer, so
        // that the process dies with calls at every stage: queued, claimed, committed, answered.
        let next = 0;
        let acks = 0;
        let killed: Promise<void> | undefined;
        let dead = false;
        const worker = async () => {
          while (next < mine.length && !dead) {
            const w = mine[next++]!;
            try {
              w.answer = await call(server.baseUrl, 'POST', '/buyers', { cookie, key: w.key, body: w.body });
            } catch {
              continue; // no answer: the process died under it
            }
            expect(w.answer.status, JSON.stringify(w.answer.body)).toBe(201);
            if (++acks === KILL_AFTER_ACKS) {
              const s = server;
              killed = new Promise<void>((resolve) => setTimeout(resolve, round * 7)).then(() => s.kill());
              void killed.then(() => (dead = true));
            }
          }
        };
        await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
        await killed;
        acknowledged += acks;
        expect(acks).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
        const unanswered = mine.filter((w) => !w.answer);
        expect(unanswered.length).toBeGreaterThan(0);

        // With the process dead: every acknowledged write is on disk, once.
        const afterKill = await buyersNamed(mine.filter((w) => w.answer).map((w) => w.body.name));
        expect([...afterKill.entries()].filter(([, n]) => n !== 1)).toEqual([]);

        server = await start();
        // The session is stored in the database: it outlives the process. Every retry at once.
        const retries = await Promise.all(
          unanswered.map((w) => call(server.baseUrl, 'POST', '/buyers', { cookie, key: w.key, body: w.body })),
        );
        // A call the killed process had started either committed (its retry is told its
        // answer was lost, or gets it replayed) or did not (its retry runs it now); it is
        // never "still running", which would leave its client waiting for minutes.
        for (const r of retries) {
          const o = outcome(r);
          tally[o] = (tally[o] ?? 0) + 1;
          expect(['ran', 'replayed', '409 idempotency_answer_lost']).toContain(o);
        }
        // A second retry of each changes nothing.
        const again = await Promise.all(
          unanswered.map((w) => call(server.baseUrl, 'POST', '/buyers', { cookie, key: w.key, body: w.body })),
        );
        for (const r of again) expect(['replayed', '409 idempotency_answer_lost']).toContain(outcome(r));
      }
      const abandoned = running.flatMap((c) => c.output().match(/"abandoned":\d+/g) ?? []);
      console.info(
        `[durability] ${database.db.provider}: ${ROUNDS} SIGKILLs, ${acknowledged} of ${writes.length} writes acknowledged before them; ` +
          `retries of the unanswered: ${JSON.stringify(tally)}; claims found running at a restart: ${abandoned.join(' ') || 'none logged'}`,
      );
      await server.kill();
      const all = await buyersNamed(writes.map((w) => w.body.name));
      expect([...all.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    },
  );
});

/** A request on its own new connection (no keep-alive pool), so "refused" means a new connection was refused. */
function freshRequest(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A call on a keep-alive agent's connection, timed: when its answer came. */
function agentCall(agent: Agent, port: number, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; text: string; at: number }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, at: Date.now() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('a server stopped with SIGTERM', () => {
  it(
    'answers the requests in flight, disconnects its sockets, refuses new connections and exits 0',
    { timeout: 40_000 },
    async () => {
      const server = await start();
      const cookie = await signIn(server.baseUrl, ORGANISER);

      // Slow-ish calls: import previews of 3,000 buyers, an import that creates 300, sign-ins
      // (password hashing); each on a keep-alive connection, which the client would keep open.
      const csv = await fetch(`${server.baseUrl}/api/exports/buyers?format=csv`, { headers: { cookie } }).then((r) => r.text());
      const [header, row] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
      const sheet = (n: number, name: string) =>
        `${header}\n${Array.from({ length: n }, (_, i) => row!.replace(/^[^,]*/, `"${name} ${i}"`)).join('\n')}\n`;
      const run = randomUUID().slice(0, 8);
      const preview = sheet(3000, `Người mua thử ${run}`);
      const commit = sheet(300, `Người mua nhập lúc dừng ${run}`);

      const socket = connectSocket(server.baseUrl, {
        transports: ['websocket'],
        extraHeaders: { cookie },
        reconnection: false,
        forceNew: true,
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

      // One connection already idle when the signal comes: it must not hold the exit either. (On
      // an agent of its own: a call sent on it just as the server closes it would be reset, as
      // any client of any server may see; these clients retry such a call.)
      const idleAgent = new Agent({ keepAlive: true });
      expect((await agentCall(idleAgent, server.port, 'GET', '/api/health', {})).status).toBe(200);
      const keepAlive = new Agent({ keepAlive: true });

      const csvHeaders = { cookie, 'content-type': 'text/csv' };
      const json = { 'content-type': 'application/json' };
      const login = JSON.stringify({ email: ORGANISER, password: DEMO_PASSWORD });
      const inFlight = [
        agentCall(keepAlive, server.port, 'POST', '/api/imports/buyers/preview', csvHeaders, preview),
        agentCall(keepAlive, server.port, 'POST', '/api/imports/buyers/preview', csvHeaders, preview),
        agentCall(
          keepAlive,
          server.port,
          'POST',
          '/api/imports/buyers/commit',
          { ...csvHeaders, 'idempotency-key': randomUUID() },
          commit,
        ),
        ...Array.from({ length: 4 }, () => agentCall(keepAlive, server.port, 'POST', '/api/auth/login', json, login)),
      ];
      await new Promise((resolve) => setTimeout(resolve, 150));
      const sigtermAt = Date.now();
      server.process.kill('SIGTERM');

      // New connections are refused while the calls in flight are still being answered. (One
      // made before the signal was handled, still in the listen queue, is reset instead.)
      const tries: string[] = [];
      for (let i = 0; i < 100 && tries.at(-1) !== 'ECONNREFUSED'; i++) {
        tries.push(
          await freshRequest(server.port, '/api/health').then(
            (status) => String(status),
            (error: NodeJS.ErrnoException) => error.code ?? error.message,
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const refusedAt = Date.now();
      expect(tries.at(-1), tries.join(' ')).toBe('ECONNREFUSED');

      const answers = await Promise.all(inFlight);
      expect(
        answers.map((a) => a.status),
        answers.map((a) => a.text.slice(0, 200)).join('\n'),
      ).toEqual([200, 200, 200, 200, 200, 200, 200]);
      // The test is only worth something if calls were still running when new ones were refused.
      expect(answers.filter((a) => a.at > refusedAt).length).toBeGreaterThan(0);
      // The server closed the socket (a client-side disconnect would say "io client disconnect").
      expect(await disconnected).toBe('transport close');
      const exit = await server.exited;
      const exitedAt = Date.now();
      const lastAnswerAt = Math.max(...answers.map((a) => a.at));
      console.info(
        `[durability] ${database.db.provider}: SIGTERM with ${answers.filter((a) => a.at > sigtermAt).length} of ${answers.length} calls ` +
          `still to answer; new connections refused after ${refusedAt - sigtermAt} ms; last answer after ${lastAnswerAt - sigtermAt} ms; ` +
          `exit ${exit.code} after ${exitedAt - sigtermAt} ms`,
      );
      expect(exit).toEqual({ code: 0, signal: null });
      // Keep-alive connections are closed as they fall idle, not after their 5 s timeout.
      expect(exitedAt - lastAnswerAt).toBeLessThan(2_000);
      keepAlive.destroy();
      idleAgent.destroy();
      socket.close();
      // The import answered during the shutdown is on disk.
      const imported = await database.db.prisma.buyer.count({
        where: { name: { startsWith: `Người mua nhập lúc dừng ${run}` } },
      });
      expect(imported).toBe(300);
    },
  );
});
