// One Prisma client per provider, chosen by DATABASE_URL: `file:` → SQLite through
// better-sqlite3 (the embedded default), `postgres(ql)://` → PostgreSQL through pg.
// Both generated clients come from the same schema, so the SQLite client's types stand for both.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts';
import { PrismaClient as PostgresClient } from './generated/postgresql/client.ts';
import { migratePostgres, migrateSqlite, type Migration } from './migrate.ts';
import { serialisedSqlite } from './sqlite-adapter.ts';
import type { RawDb } from './raw.ts';
import type { DatabaseProvider } from './migrations-dir.ts';

export type Db = SqliteClient;
export { Prisma } from './generated/sqlite/client.ts';

export interface Database {
  provider: DatabaseProvider;
  prisma: Db;
  /** Transactions of plain statements, for the hottest paths (raw.ts). */
  raw: RawDb;
  /** Applies pending migrations (all of this provider's by default); returns their names. */
  migrate(migrations?: Migration[]): Promise<string[]>;
  close(): Promise<void>;
}

export function providerOf(url: string): DatabaseProvider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got ${url.split(':')[0]}:)`);
}

export function sqliteFile(url: string): string {
  return resolve(url.slice('file:'.length));
}

export function openDatabase(url: string): Database {
  const provider = providerOf(url);
  if (provider === 'sqlite') {
    const file = sqliteFile(url);
    mkdirSync(dirname(file), { recursive: true });
    // A writer connection and a reader connection per process (sqlite-adapter.ts); a busy
    // timeout instead of SQLITE_BUSY when another process writes. Searches scan the directory
    // tables: with them in the reader's own cache a scan of 50,000 products takes 12 ms
    // instead of 18 ms.
    const adapter = serialisedSqlite(file, {
      timeout: 10_000,
      waitMs: 10_000,
      readerPragmas: 'PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;',
    });
    const prisma = new SqliteClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
    const connected = async () => adapter.current() ?? (await prisma.$connect(), adapter.current()!);
    const raw: RawDb = {
      transaction: async (work) => (await connected()).rawTransaction(work),
      query: async (strings, ...values) => (await connected()).reads.$queryRaw(strings, ...values),
      queryUnsafe: async (sql, ...values) => (await connected()).reads.$queryRawUnsafe(sql, ...values),
    };
    return {
      provider,
      prisma,
      raw,
      migrate: async (migrations) => migrateSqlite(file, migrations),
      close: () => prisma.$disconnect(),
    };
  }
  // A request waits at most 10 s for one of the pool's connections, then is answered 503.
  const adapter = new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  const prisma = new PostgresClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  return {
    provider,
    prisma: prisma as unknown as Db,
    raw: {
      transaction: (work) => prisma.$transaction((tx) => work(tx)),
      query: (strings, ...values) => prisma.$queryRaw(strings, ...values),
      queryUnsafe: (sql, ...values) => prisma.$queryRawUnsafe(sql, ...values),
    },
    migrate: (migrations) => migratePostgres(url, migrations),
    close: () => prisma.$disconnect(),
  };
}
