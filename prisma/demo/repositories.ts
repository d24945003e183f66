// The repositories and services the API uses, for the demo loader: each change joins the demo's
// one transaction instead of opening its own, so the rules are checked as for any request (a
// plan that broke one would stop the demo loading) and each change logs the fact the API logs.
import type { DatabaseProvider } from '../../server/db/migrations-dir.ts';
import type { Db, Prisma } from '../../server/db/database.ts';
import type { RawDb } from '../../server/db/raw.ts';
import { createMeetingsRepository } from '../../server/modules/matchmaking/meetings.repository.ts';
import { createRequestsRepository } from '../../server/modules/matchmaking/requests.repository.ts';
import { createScheduleRepository } from '../../server/modules/matchmaking/schedule/schedule.repository.ts';
import { createConferencesRepository } from '../../server/modules/conferences/conferences.repository.ts';
import { createConferencesService } from '../../server/modules/conferences/conferences.service.ts';
import { createAgreementsService } from '../../server/modules/conferences/agreements.service.ts';

type Tx = Prisma.TransactionClient;

/**
 * Built without row locks (as on SQLite, whose single writer makes changes take turns): locks
 * order concurrent changes, and nothing else sees this transaction until it commits. Nothing is
 * broadcast: no one is connected while the demo loads.
 */
export function repositoriesIn(tx: Tx, now: () => Date = () => new Date()) {
  const joined = new Proxy(tx, {
    get(target, key) {
      if (key === '$transaction') return <T>(work: (inner: Tx) => Promise<T>) => work(target);
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as Db;
  const raw: RawDb = {
    transaction: (work) => work(tx),
    query: (strings, ...values) => tx.$queryRaw(strings, ...values),
    queryUnsafe: (sql, ...values) => tx.$queryRawUnsafe(sql, ...values),
  };
  const noLocks: DatabaseProvider = 'sqlite';
  const publisher = { publish: () => {} };
  const conferences = createConferencesService({ repo: createConferencesRepository(joined, noLocks), publisher });
  return {
    meetings: createMeetingsRepository(joined, noLocks, raw),
    requests: createRequestsRepository(joined, noLocks),
    schedule: createScheduleRepository(joined, noLocks),
    conferences,
    agreements: createAgreementsService({
      repo: createConferencesRepository(joined, noLocks),
      conferences,
      publisher,
      now,
    }),
  };
}
