// A fresh database per test file: a new SQLite file by default, or a new PostgreSQL
// database when TEST_POSTGRES_URL is set (npm run test:pg sets it). Never shared, always dropped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/database.ts';

export interface TestDatabase {
  url: string;
  db: Database;
  drop(): Promise<void>;
}

if (!process.env.TEST_POSTGRES_URL && process.env.VITEST_POOL_ID === '1') {
  process.stderr.write(
    '[tests on SQLite] set TEST_POSTGRES_URL=postgresql://… (or npm run test:pg) to run them on PostgreSQL too.\n',
  );
}

export function testPostgresUrl(): string | undefined {
  return process.env.TEST_POSTGRES_URL || undefined;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The database at url, opened; dropping it closes it, then removes what holds it. */
function opened(url: string, remove: () => Promise<void> | void): TestDatabase {
  const db = openDatabase(url);
  return {
    url,
    db,
    drop: async () => {
      await db.close();
      await remove();
    },
  };
}

async function onServer(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(sql);
  await admin.end();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = testPostgresUrl();
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'ocop-test-'));
    return opened(`file:${join(dir, 'test.db')}`, () => rmSync(dir, { recursive: true, force: true }));
  }
  const name = `ocop_test_${randomBytes(6).toString('hex')}`;
  await onServer(adminUrl, `CREATE DATABASE ${name}`);
  return opened(withDatabase(adminUrl, name), () => onServer(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
