// Starts OCOP Connect: config, database (migrate, reference data, demo on an empty
// database), the app, Socket.IO; shuts down gracefully on SIGINT/SIGTERM.
import { createServer } from 'node:http';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openDatabase } from './db/database.ts';
import { prepareDatabase } from './db/prepare.ts';
import { createApp } from './app.ts';
import { attachRealtime } from './realtime/socket-server.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = openDatabase(config.databaseUrl);

const prepared = await prepareDatabase(db, { demoData: config.demoData });
logger.info({ provider: db.provider, ...prepared }, 'database ready');

const { app, services } = createApp({ config, db, logger });
const server = createServer(app);
const io = attachRealtime(server, { services, logger, allowedOrigins: config.allowedOrigins });

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

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await io.close(); // also closes the HTTP server
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
