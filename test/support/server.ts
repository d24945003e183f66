// Starts the real app on port 0 against a fresh database loaded with the demo data,
// with Socket.IO attached: what `npm start` runs, minus the port and the log output.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { loadConfig, type Config } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { createApp, type Services } from '../../server/app.ts';
import { attachRealtime } from '../../server/realtime/socket-server.ts';
import { answerClientErrors } from '../../server/http/client-error.ts';
import { prepareDatabase } from '../../server/db/prepare.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/contracts/realtime.ts';
import { DEMO_PASSWORD, seedDemo } from '../../prisma/demo/seed.ts';
import { hashPassword } from '../../server/modules/auth/password.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  baseUrl: string;
  server: Server;
  config: Config;
  database: TestDatabase;
  services: Services;
  /** supertest bound to this server. */
  http: ReturnType<typeof request>;
  /** Signs in and returns the session cookie, as a Cookie header value. */
  signIn(email: string, password?: string): Promise<string>;
  /** A connected Socket.IO client carrying the given session cookie. */
  socket(cookie: string | undefined): Promise<TestSocket>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** The app's clock (sessions, idempotency, certificates); testClock() by default. */
  now?: () => Date;
  /** The time the demo is loaded at (its holds, deadlines and requests count from it); now by default. */
  demoNow?: Date;
}

/**
 * The day the tests' world stands on: the demo's fair is on 10–14 December 2026 and its
 * matchmaking on the 11th, so a test that books the demo's slots, or a session of its own on
 * those days, needs a clock before them. A test server's clock, unless a test sets its own,
 * starts at this moment when the real one is later and runs on from there at the real pace.
 */
export const TEST_DAY = Date.parse('2026-12-02T09:00:00+07:00');

/** Real time, moved back so that it starts at TEST_DAY (when the real time is past it). */
export function testClock(): () => Date {
  const shift = Math.min(0, TEST_DAY - Date.now());
  return () => new Date(Date.now() + shift);
}

export async function startTestServer(env: Record<string, string> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const now = options.now ?? testClock();
  // Loaded as start-up would, at the app's time (or the given one); start-up then finds the database in use and keeps it.
  await database.db.migrate();
  await seedDemo(database.db.prisma, { passwordHash: () => hashPassword(DEMO_PASSWORD), now: options.demoNow ?? now() });
  await prepareDatabase(database.db, { demoData: true });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, ...env });
  const logger = createLogger(config.logLevel);
  const { app, services } = createApp({ config, db: database.db, logger, now });
  const server = createServer(app);
  answerClientErrors(server);
  const io = attachRealtime(server, { services, logger, allowedOrigins: [] });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sockets: TestSocket[] = [];

  return {
    baseUrl,
    server,
    config,
    database,
    services,
    http: request(server),
    async signIn(email, password = DEMO_PASSWORD) {
      const res = await request(server).post('/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return sessionCookie(res.headers['set-cookie']);
    },
    socket(cookie) {
      const socket: TestSocket = connectSocket(baseUrl, {
        transports: ['websocket'],
        extraHeaders: cookie ? { cookie } : {},
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await io.close();
      await database.drop();
    },
  };
}

/** The session cookie from a Set-Cookie header, as a Cookie header value. */
export function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const session = all.find((c) => c.startsWith('ocop_session='));
  if (!session) throw new Error('no session cookie was set');
  return session.split(';')[0]!;
}
