// Failures injected into a test's database with triggers, so the app runs unchanged: a kind
// of write fails, with an error, until the returned function heals it.
import type { TestServer } from './server.ts';

export interface Fault {
  /** A name for the trigger: letters, digits and underscores. */
  name: string;
  table: string;
  /** When the trigger fires, e.g. `INSERT` or `UPDATE OF "status"`. */
  on: string;
  /** The SQL condition on NEW or OLD, the same on both databases. */
  when: string;
  /**
   * SQLite only: `rollback` makes SQLite roll the whole transaction back by itself, as on a
   * full disk, instead of failing the one statement (`abort`, the default).
   */
  sqliteRaise?: 'abort' | 'rollback';
}

export async function injectFault(t: TestServer, fault: Fault): Promise<() => Promise<void>> {
  const prisma = t.database.db.prisma;
  const name = `fault_${fault.name}`;
  if (t.database.db.provider === 'sqlite') {
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER ${name} BEFORE ${fault.on} ON "${fault.table}" WHEN ${fault.when}
       BEGIN SELECT RAISE(${(fault.sqliteRaise ?? 'abort').toUpperCase()}, 'injected fault: ${fault.name}'); END`,
    );
    return async () => void (await prisma.$executeRawUnsafe(`DROP TRIGGER ${name}`));
  }
  await prisma.$executeRawUnsafe(
    `CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected fault: ${fault.name}'; END $$ LANGUAGE plpgsql`,
  );
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE ${fault.on} ON "${fault.table}" FOR EACH ROW WHEN (${fault.when}) EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await prisma.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${fault.table}"`);
    await prisma.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  };
}
