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

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = testPostgresUrl();
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'ocop-test-'));
    const url = `file:${join(dir, 'test.db')}`;
    const db = openDatabase(url);
    return {
      url,
      db,
      drop: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `ocop_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const db = openDatabase(url);
  return {
    url,
    db,
    drop: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
