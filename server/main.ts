// Starts OCOP Connect: config, database (migrate, reference data, demo on an empty
// database), the app, Socket.IO; shuts down gracefully on SIGINT/SIGTERM.
import { createServer } from 'node:http';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openDatabase } from './db/database.ts';
import { prepareDatabase } from './db/prepare.ts';
import { createApp } from './app.ts';
import { attachRealtime } from './realtime/socket-server.ts';
import { answerClientErrors } from './http/client-error.ts';
import { abandonedAt } from './http/idempotency.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = openDatabase(config.databaseUrl);

const prepared = await prepareDatabase(db, { demoData: config.demoData });
logger.info({ provider: db.provider, ...prepared }, 'database ready');

const { app, services } = createApp({ config, db, logger });

// Calls a killed process left running would otherwise read as "still running" for minutes,
// so a client's retry after the restart would be refused until then (idempotency.repository.ts).
const startedAt = new Date();
const abandoned = await services.idempotency.abandonRunning(startedAt, abandonedAt(startedAt));
if (abandoned > 0) logger.warn({ abandoned }, 'calls left running by the previous process are taken as dead');

const server = createServer(app);
answerClientErrors(server);
const io = attachRealtime(server, { services, logger, allowedOrigins: config.allowedOrigins });
let closing = false;
// Once shutting down, every answer closes its connection, so no client keeps sending on a
// keep-alive connection to a process that is going away (registered first: before the app writes).
server.prependListener('request', (_req, res) => {
  if (closing) res.setHeader('Connection', 'close');
});

server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port }, `OCOP Connect is listening on http://localhost:${port}`);
});

const housekeeping = setInterval(() => {
  services
    .housekeeping()
    .then(
      (removed) =>
        (removed.sessions > 0 || removed.answers > 0) && logger.info(removed, 'expired sessions and stored answers removed'),
    )
    .catch((err: unknown) => logger.warn({ err }, 'housekeeping failed'));
}, 3_600_000);
housekeeping.unref();

// Holds, offers and meeting requests lapse by the clock with no timer (the next request takes them over in place);
// this only announces the ones nobody asked for, and passes lapsed offers on to the waitlist.
// Each lapse is claimed in the database, so several processes announce it once.
let sweeping = false;
const sweeper = setInterval(() => {
  if (sweeping || closing) return;
  sweeping = true;
  Promise.all([
    services.booths.sweepLapsed().catch((err: unknown) => logger.warn({ err }, 'announcing lapsed holds failed')),
    // Meeting requests nobody answered expire the same way: read as expired from their time on.
    services.meetings.sweepExpired().catch((err: unknown) => logger.warn({ err }, 'announcing expired requests failed')),
  ]).finally(() => (sweeping = false));
}, 5_000);
sweeper.unref();

/**
 * Stops taking connections at once, lets the requests in flight finish and answer, closes the
 * Socket.IO connections (their clients reconnect to the next process and catch up), then the
 * database. Keep-alive connections are closed as soon as they are idle, so none holds the exit
 * for its timeout; whatever still runs after 10 s is cut off.
 */
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    logger.error('requests still running 10 s after the signal; exiting anyway');
    process.exit(1);
  }, 10_000);
  force.unref();
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => server.closeIdleConnections(), 25);
  server.closeIdleConnections();
  await io.close(); // disconnects every socket; its own server.close() waits with ours
  await drained;
  clearInterval(idle);
  await db.close();
  logger.info('shut down');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
