// Tells exactly and cheaply whether a request changed the database. Triggers on every table
// (except those that change on every call by design: sessions, stored Idempotency-Key
// answers, the migrations ledger) bump one counter row on any INSERT, UPDATE or DELETE, in
// the same transaction as the change, so a write rolled back leaves the counter as it was.
// A digest of every watched table's rows backs the counter up where it cannot see.
import { createHash } from 'node:crypto';
import type { Database } from '../../server/db/database.ts';

const COUNTER = 'test_change_count';

/** Tables whose rows change on calls that change nothing: a sign-in's session, a key's claim. */
export const UNWATCHED_TABLES = ['UserSession', 'IdempotencyKey', '_ocop_migrations', '_prisma_migrations'];

export interface TableWatch {
  /** The tables watched. */
  tables: string[];
  /** How many rows were inserted, updated or deleted in watched tables so far (committed only). */
  changes(): Promise<number>;
  /** A hash of every watched table's rows, in a stable order. */
  digest(): Promise<string>;
  /** Drops the triggers and the counter. */
  remove(): Promise<void>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const triggerName = (table: string, op: string) => `test_count_${table.replace(/\W/g, '_')}_${op}`.toLowerCase();

/** A row as stable text: keys sorted, values written the same way on every read. */
function rowText(row: Record<string, unknown>): string {
  const stable = (v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v instanceof Date) return v.toISOString();
    if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
    return v;
  };
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, stable(row[k])]),
  );
}

export async function watchTables(db: Database, exclude: readonly string[] = UNWATCHED_TABLES): Promise<TableWatch> {
  const prisma = db.prisma;
  const skip = new Set([...exclude, COUNTER]);
  let tables: string[];
  if (db.provider === 'sqlite') {
    const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    tables = rows.map((r) => r.name).filter((n) => !skip.has(n));
    await prisma.$executeRawUnsafe(`CREATE TABLE ${COUNTER} (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)`);
    await prisma.$executeRawUnsafe(`INSERT INTO ${COUNTER} (id, n) VALUES (1, 0)`);
    for (const table of tables)
      for (const op of ['INSERT', 'UPDATE', 'DELETE'])
        await prisma.$executeRawUnsafe(
          `CREATE TRIGGER ${triggerName(table, op)} AFTER ${op} ON ${quote(table)}
           BEGIN UPDATE ${COUNTER} SET n = n + 1 WHERE id = 1; END`,
        );
  } else {
    const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(
      'SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
    );
    tables = rows.map((r) => r.name).filter((n) => !skip.has(n));
    await prisma.$executeRawUnsafe(`CREATE TABLE ${COUNTER} (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)`);
    await prisma.$executeRawUnsafe(`INSERT INTO ${COUNTER} (id, n) VALUES (1, 0)`);
    await prisma.$executeRawUnsafe(
      `CREATE FUNCTION ${COUNTER}_bump() RETURNS trigger AS $$
       BEGIN UPDATE ${COUNTER} SET n = n + 1 WHERE id = 1; RETURN NULL; END $$ LANGUAGE plpgsql`,
    );
    for (const table of tables) {
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER ${triggerName(table, 'row')} AFTER INSERT OR UPDATE OR DELETE ON ${quote(table)}
         FOR EACH ROW EXECUTE FUNCTION ${COUNTER}_bump()`,
      );
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER ${triggerName(table, 'truncate')} AFTER TRUNCATE ON ${quote(table)}
         FOR EACH STATEMENT EXECUTE FUNCTION ${COUNTER}_bump()`,
      );
    }
  }

  return {
    tables,
    async changes() {
      const [row] = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT n FROM ${COUNTER} WHERE id = 1`);
      return Number(row!.n);
    },
    async digest() {
      const hash = createHash('sha256');
      for (const table of tables) {
        // PostgreSQL writes each row as jsonb text itself (any column type, keys in a fixed order).
        const texts =
          db.provider === 'postgresql'
            ? (await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT to_jsonb(t)::text AS row FROM ${quote(table)} t`)).map(
                (r) => r.row,
              )
            : (await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM ${quote(table)}`)).map(rowText);
        hash.update(`${table}\n`);
        for (const text of texts.sort()) hash.update(`${text}\n`);
      }
      return hash.digest('hex');
    },
    async remove() {
      if (db.provider === 'sqlite') {
        for (const table of tables)
          for (const op of ['INSERT', 'UPDATE', 'DELETE'])
            await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${triggerName(table, op)}`);
        await prisma.$executeRawUnsafe(`DROP TABLE ${COUNTER}`);
        return;
      }
      for (const table of tables) {
        await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${triggerName(table, 'row')} ON ${quote(table)}`);
        await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${triggerName(table, 'truncate')} ON ${quote(table)}`);
      }
      await prisma.$executeRawUnsafe(`DROP FUNCTION ${COUNTER}_bump()`);
      await prisma.$executeRawUnsafe(`DROP TABLE ${COUNTER}`);
    },
  };
}
