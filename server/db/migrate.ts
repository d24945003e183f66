// Applies prisma/migrations/<provider>/*/migration.sql in name order and records each one
// (name and checksum) in _ocop_migrations. Prisma's own `migrate deploy` cannot run on
// PostgreSQL through the driver adapter here, so both databases use this one mechanism.
// On SQLite all pending migrations run in one IMMEDIATE transaction; on PostgreSQL each
// runs in its own transaction and an advisory lock keeps several
// starting processes from migrating at once.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { migrationsDir, type DatabaseProvider } from './migrations-dir.ts';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(provider: DatabaseProvider): Migration[] {
  const dir = migrationsDir(provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationChecksumError extends Error {
  constructor(name: string) {
    super(`Migration ${name} was changed after it was applied; write a new migration instead`);
  }
}

const LEDGER = `CREATE TABLE IF NOT EXISTS _ocop_migrations (
  name TEXT PRIMARY KEY,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

function pending(all: Migration[], applied: Map<string, string>): Migration[] {
  for (const m of all) {
    const sum = applied.get(m.name);
    if (sum !== undefined && sum !== m.checksum) throw new MigrationChecksumError(m.name);
  }
  return all.filter((m) => !applied.has(m.name));
}

/**
 * Returns the names of the migrations it applied. Foreign keys are off while migrating, as
 * SQLite's table-redefinition procedure requires (the pragma is a no-op inside a transaction):
 * with them on, Prisma's DROP TABLE of a redefined parent would cascade-delete its children.
 * foreign_key_check then proves the result consistent before the commit.
 */
export function migrateSqlite(file: string, all: Migration[] = readMigrations('sqlite')): string[] {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 10000');
    db.pragma('foreign_keys = OFF');
    db.exec(LEDGER);
    const record = db.prepare('INSERT INTO _ocop_migrations (name, checksum, applied_at) VALUES (?, ?, ?)');
    // BEGIN IMMEDIATE takes the write lock before reading the ledger, so a second process
    // starting at the same moment waits, then finds the work done.
    const todo = db
      .transaction(() => {
        const rows = db.prepare('SELECT name, checksum FROM _ocop_migrations').all() as { name: string; checksum: string }[];
        const list = pending(all, new Map(rows.map((r) => [r.name, r.checksum])));
        for (const m of list) {
          db.exec(m.sql);
          record.run(m.name, m.checksum, new Date().toISOString());
        }
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`Migration left ${broken.length} rows breaking foreign keys; rolled back`);
        return list;
      })
      .immediate();
    // Fresh statistics let the query planner pick the right index (SQLite's advice for
    // long-lived connections); cheap when nothing changed.
    db.pragma('optimize=0x10002');
    return todo.map((m) => m.name);
  } finally {
    db.close();
  }
}

const PG_LOCK_KEY = 74_210_611; // any constant shared by every process of this app

export async function migratePostgres(
  connectionString: string,
  all: Migration[] = readMigrations('postgresql'),
): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PG_LOCK_KEY]);
    await client.query(LEDGER);
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM _ocop_migrations');
    const todo = pending(all, new Map(rows.map((r) => [r.name, r.checksum])));
    for (const m of todo) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO _ocop_migrations (name, checksum, applied_at) VALUES ($1, $2, $3)', [
          m.name,
          m.checksum,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PG_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
