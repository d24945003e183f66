// Builds the Express app and wires every module by hand; it does not listen, so tests build
// their own on their own database. main.ts listens and attaches Socket.IO.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Logger } from './logger.ts';
import { DomainError, errorBody } from './errors.ts';
import { errorHandler, notFoundHandler } from './http/errors.ts';
import { mountRoutes } from './http/mount.ts';
import { buildOpenApi } from './http/openapi.ts';
import { defineRoute, type RouteSpec } from './http/route.ts';
import { sessionMiddleware } from './http/session.ts';
import { csrfGuard } from './http/csrf.ts';
import { createFactBus } from './realtime/publisher.ts';
import { createAuthRepository } from './modules/auth/auth.repository.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { hashPassword, verifyPassword } from './modules/auth/password.ts';
import { createLoginThrottle } from './modules/auth/login-throttle.ts';
import { createEventsRepository } from './modules/events/events.repository.ts';
import { createEventsService } from './modules/events/events.service.ts';
import { eventsRoutes } from './modules/events/events.routes.ts';
import { createOccupancyRepository } from './modules/booths/occupancy.repository.ts';
import { createBoothsService } from './modules/booths/booths.service.ts';
import { boothsRoutes } from './modules/booths/booths.routes.ts';
import { createFloorplanRepository } from './modules/booths/floorplan.repository.ts';
import { createFloorplanService } from './modules/booths/floorplan.service.ts';
import { floorplanRoutes } from './modules/booths/floorplan.routes.ts';
import { createApplicationsRepository } from './modules/booths/applications.repository.ts';
import { createApplicationsService } from './modules/booths/applications.service.ts';
import { applicationsRoutes } from './modules/booths/applications.routes.ts';
import { createAllocationService } from './modules/booths/allocation.service.ts';
import { allocationRoutes } from './modules/booths/allocation.routes.ts';
import { createMatchmakingRepository } from './modules/matchmaking/matchmaking.repository.ts';
import { createMatchmakingService } from './modules/matchmaking/matchmaking.service.ts';
import { matchmakingRoutes } from './modules/matchmaking/matchmaking.routes.ts';
import type { MatchmakingDeps } from './modules/matchmaking/deps.ts';
import { createMeetingsRepository } from './modules/matchmaking/meetings.repository.ts';
import { createRequestsRepository } from './modules/matchmaking/requests.repository.ts';
import { createMeetingsService } from './modules/matchmaking/meetings.service.ts';
import { meetingsRoutes } from './modules/matchmaking/meetings.routes.ts';
import { createSuggestionsService } from './modules/matchmaking/suggestions.service.ts';
import { suggestionsRoutes } from './modules/matchmaking/suggestions.routes.ts';
import { createScheduleService } from './modules/matchmaking/schedule.service.ts';
import { scheduleRoutes } from './modules/matchmaking/schedule.routes.ts';
import { createCalendarService } from './modules/matchmaking/calendar.service.ts';
import { calendarRoutes } from './modules/matchmaking/calendar.routes.ts';
import { createDashboardRepository } from './modules/dashboard/dashboard.repository.ts';
import { createDashboardService } from './modules/dashboard/dashboard.service.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { createDirectoryRepository } from './modules/directory/directory.repository.ts';
import { createDirectoryService } from './modules/directory/directory.service.ts';
import { directoryRoutes } from './modules/directory/directory.routes.ts';
import { createImportRepository } from './modules/directory/import/import.repository.ts';
import { createImportService } from './modules/directory/import/import.service.ts';
import { importRoutes } from './modules/directory/import/import.routes.ts';
import { createAccountsRepository } from './modules/accounts/accounts.repository.ts';
import { createAccountsService } from './modules/accounts/accounts.service.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { createConferencesRepository } from './modules/conferences/conferences.repository.ts';
import { createConferencesService } from './modules/conferences/conferences.service.ts';
import { createAgreementsService } from './modules/conferences/agreements.service.ts';
import { conferencesRoutes } from './modules/conferences/conferences.routes.ts';
import { createActivityService } from './modules/activity/activity.service.ts';
import { activityRoutes } from './modules/activity/activity.routes.ts';
import { createIdempotencyRepository } from './modules/idempotency/idempotency.repository.ts';
import { purgeBefore } from './http/idempotency.ts';

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  now?: () => Date;
}

const clientDist = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'dist', 'client');

export function createServices({ config, db }: AppDeps, now: () => Date) {
  const bus = createFactBus();
  const auth = createAuthService({
    repo: createAuthRepository(db.prisma, db.raw),
    hashPassword,
    verifyPassword,
    now,
    sessionTtlMs: config.sessionTtlMs,
    sessions: bus,
    throttle: createLoginThrottle(config.login),
  });
  const events = createEventsService({ repo: createEventsRepository(db.prisma), publisher: bus });
  const booths = createBoothsService({ repo: createOccupancyRepository(db.prisma, db.provider), publisher: bus, now });
  const occupancy = createOccupancyRepository(db.prisma, db.provider);
  const floorplan = createFloorplanService({
    repo: createFloorplanRepository(db.prisma, db.provider, occupancy),
    occupancy,
    publisher: bus,
    now,
  });
  const applications = createApplicationsService({
    repo: createApplicationsRepository(db.prisma, occupancy),
    publisher: bus,
    now,
  });
  const allocation = createAllocationService({ prisma: db.prisma, repo: occupancy, publisher: bus, now });
  const sessionsRepo = createMatchmakingRepository(db.prisma, db.provider);
  const matchmaking = createMatchmakingService({ repo: sessionsRepo, events, publisher: bus, now });
  const meetings = createMeetingsService({
    meetings: createMeetingsRepository(db.prisma, db.provider, db.raw),
    requests: createRequestsRepository(db.prisma, db.provider),
    sessions: sessionsRepo,
    events,
    publisher: bus,
    now,
  });
  const matchmakingDeps: MatchmakingDeps = { prisma: db.prisma, provider: db.provider, publisher: bus, now, events };
  const suggestions = createSuggestionsService(matchmakingDeps);
  const schedule = createScheduleService(matchmakingDeps);
  const calendar = createCalendarService(matchmakingDeps);
  const directory = createDirectoryService({ repo: createDirectoryRepository(db.prisma), now });
  const accounts = createAccountsService({
    repo: createAccountsRepository(db.prisma),
    hashPassword,
    verifyPassword,
    now,
    sessions: bus,
  });
  const imports = createImportService({ repo: createImportRepository(db.prisma, db.provider) });
  const idempotency = createIdempotencyRepository(db.prisma);
  const activity = createActivityService({ prisma: db.prisma });
  const conferencesRepo = createConferencesRepository(db.prisma, db.provider);
  const conferences = createConferencesService({ repo: conferencesRepo, publisher: bus });
  const agreements = createAgreementsService({ repo: conferencesRepo, conferences, publisher: bus, now });
  const dashboard = createDashboardService({
    repo: createDashboardRepository(db.prisma, db.raw),
    prisma: db.prisma,
    events,
    screens: bus,
    now,
  });
  /** Hourly (main.ts): removes expired sessions and stored answers older than a day. */
  async function housekeeping() {
    const sessions = await auth.purgeExpiredSessions();
    const answers = await idempotency.purge(purgeBefore(now()));
    return { sessions, answers };
  }
  return {
    /** The app's clock: sessions, holds and deadlines are kept by it. */
    now,
    bus,
    auth,
    events,
    activity,
    booths,
    floorplan,
    applications,
    allocation,
    matchmaking,
    matchmakingDeps,
    meetings,
    suggestions,
    schedule,
    calendar,
    directory,
    accounts,
    imports,
    idempotency,
    dashboard,
    conferences,
    agreements,
    housekeeping,
  };
}
export type Services = ReturnType<typeof createServices>;

export function createApp(deps: AppDeps): { app: Express; services: Services } {
  const { config, db, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const services = createServices(deps, now);

  // Invitation links: failed attempts per address count (a link is a secret token, not an
  // account, so there is no one account to throttle). Sign-ins are throttled per account in
  // the auth service (login-throttle.ts).
  const failedAttemptLimiter = () =>
    rateLimit({
      windowMs: config.login.windowMs,
      limit: config.login.maxAttempts,
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
      handler: (_req, res) => {
        const error = new DomainError(
          'RATE_LIMITED',
          'Too many failed attempts from this address; wait a few minutes and try again',
        );
        res.status(429).json(errorBody(error));
      },
    });

  const routes: RouteSpec[] = [
    defineRoute({
      method: 'get',
      path: '/health',
      tag: 'system',
      summary: 'Liveness and database reachability',
      access: 'public',
      handler: async () => {
        await db.prisma.$queryRaw`SELECT 1`;
        return { status: 'ok', database: db.provider };
      },
    }),
    ...authRoutes(services.auth, { cookieSecure: config.cookieSecure, now }),
    ...eventsRoutes(services.events),
    ...activityRoutes(services.activity, services.events),
    ...boothsRoutes(services.booths, services.events),
    ...floorplanRoutes(services.floorplan, services.events),
    ...applicationsRoutes(services.applications, services.events),
    ...allocationRoutes(services.allocation, services.events),
    ...matchmakingRoutes(services.matchmaking, services.events),
    ...meetingsRoutes(services.meetings),
    ...suggestionsRoutes(services.suggestions, services.matchmakingDeps),
    ...scheduleRoutes(services.schedule, services.matchmakingDeps),
    ...calendarRoutes(services.calendar, services.matchmakingDeps),
    ...dashboardRoutes(services.dashboard),
    ...conferencesRoutes(services.conferences, services.agreements),
    ...directoryRoutes(services.directory),
    ...importRoutes(services.imports, db.prisma, now),
    ...accountsRoutes(services.accounts, services.auth, {
      cookieSecure: config.cookieSecure,
      limiter: failedAttemptLimiter(),
      now,
    }),
  ];
  const openApi = buildOpenApi(routes, { title: 'OCOP Connect API', version: '0.1.0' });

  const app = express();
  app.disable('x-powered-by');
  // Every API answer is no-store, so a hash of each one as its ETag served nothing (the
  // dashboard sets its own, and a matching If-None-Match still gets 304); files have their own.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => !req.url?.startsWith('/api') },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          // invitation links and calendar subscription links are secrets: never in the logs
          url: req.url.replace(/(\/invitations\/)[^/?]+/i, '$1:token').replace(/(\/api\/calendar\/)[^/?]+/i, '$1:secret.ics'),
        }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );
  // Venue screens reach the app over plain HTTP on the local network: no upgrade to https
  // (the page would stay blank) unless the deployment says it is served over HTTPS.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          upgradeInsecureRequests: config.cookieSecure ? [] : null,
          imgSrc: ["'self'", 'data:', 'https:'],
        },
      },
      strictTransportSecurity: config.cookieSecure,
    }),
  );

  const api = express.Router();
  // Every API answer is about someone signed in (contacts, bookings, the user itself): no
  // browser or proxy may keep a copy.
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(csrfGuard(config.allowedOrigins));
  api.use(express.json({ limit: '1mb' }));
  api.use(sessionMiddleware(services.auth));
  api.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  api.use(mountRoutes(routes, { idempotency: services.idempotency, now }));
  api.use(notFoundHandler);
  app.use('/api', api);

  if (existsSync(clientDist)) {
    app.use(express.static(clientDist, { index: false, maxAge: '1h' }));
    // The Vue router owns every other path: answer them with the app's page.
    app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
      res.sendFile(join(clientDist, 'index.html'), { maxAge: 0 });
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler);
  return { app, services };
}
