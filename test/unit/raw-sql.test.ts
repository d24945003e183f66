// db/raw.ts's statements on a scratch SQLite: a unique index's refusal becomes the domain
// conflict it means (as through Prisma), values and results are converted as Prisma does, and
// statements are prepared once.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { conflictOf } from '../../server/conflicts.ts';
import { SqliteStatements, sqliteTx, SqliteGroupCommit, GROUP_COMMIT_WINDOW_MS } from '../../server/db/raw.ts';

function scratch() {
  const db = new Database(':memory:');
  db.defaultSafeIntegers(true); // as Prisma's adapter opens its connection
  db.exec(`CREATE TABLE "Meeting" ("id" TEXT PRIMARY KEY, "activeSlotId" TEXT, "tableNumber" INTEGER NOT NULL,
    "producerId" TEXT NOT NULL, "createdAt" DATETIME NOT NULL, "held" BOOLEAN NOT NULL DEFAULT false, "value" BIGINT);
    CREATE UNIQUE INDEX "t" ON "Meeting" ("activeSlotId", "tableNumber");
    CREATE UNIQUE INDEX "p" ON "Meeting" ("activeSlotId", "producerId");`);
  const statements = new SqliteStatements(db);
  return { db, statements, tx: sqliteTx(statements) };
}

describe('plain SQLite statements', () => {
  it("turn a unique index's refusal into the conflict it means: table, producer", async () => {
    const { tx } = scratch();
    const at = new Date();
    await tx.$executeRaw`INSERT INTO "Meeting" ("id", "activeSlotId", "tableNumber", "producerId", "createdAt") VALUES (${'a'}, ${'s'}, ${1}, ${'p1'}, ${at})`;
    const table =
      await tx.$executeRaw`INSERT INTO "Meeting" ("id", "activeSlotId", "tableNumber", "producerId", "createdAt") VALUES (${'b'}, ${'s'}, ${1}, ${'p2'}, ${at})`.catch(
        (e: unknown) => e,
      );
    expect(conflictOf(table)).toMatchObject({ extra: { conflict: 'table' } });
    const producer =
      await tx.$executeRaw`INSERT INTO "Meeting" ("id", "activeSlotId", "tableNumber", "producerId", "createdAt") VALUES (${'c'}, ${'s'}, ${2}, ${'p1'}, ${at})`.catch(
        (e: unknown) => e,
      );
    expect(conflictOf(producer)).toMatchObject({ extra: { conflict: 'producer' } });
    // Any other error goes on as it was.
    const other = await tx.$executeRaw`INSERT INTO "Nowhere" VALUES (${1})`.catch((e: unknown) => e);
    expect(conflictOf(other)).toBeNull();
    expect(String(other)).toMatch(/no such table/);
  });

  it('store dates as Prisma does and read them back as Date; booleans, integers and bigints too', async () => {
    const { db, tx } = scratch();
    const at = new Date('2026-12-12T01:02:03.004Z');
    await tx.$executeRaw`INSERT INTO "Meeting" ("id", "activeSlotId", "tableNumber", "producerId", "createdAt", "held", "value") VALUES (${'a'}, ${null}, ${7}, ${'p'}, ${at}, ${true}, ${12_345_678_901_234_567n})`;
    expect((db.prepare('SELECT "createdAt" FROM "Meeting"').get() as { createdAt: string }).createdAt).toBe(
      '2026-12-12T01:02:03.004+00:00',
    );
    const rows = await tx.$queryRaw<
      Record<string, unknown>[]
    >`SELECT "activeSlotId", "tableNumber", "createdAt", "held", "value", COUNT(*) AS "n" FROM "Meeting"`;
    expect(rows).toEqual([
      { activeSlotId: null, tableNumber: 7, createdAt: at, held: true, value: 12_345_678_901_234_567n, n: 1 },
    ]);
  });

  it('take $1-numbered parameters, and refuse Prisma.sql fragments rather than mis-binding them', async () => {
    const { tx } = scratch();
    const rows = await tx.$queryRawUnsafe<{ a: unknown; b: unknown }[]>('SELECT $2 AS "a", $1 AS "b"', 'one', 'two');
    expect(rows).toEqual([{ a: 'two', b: 'one' }]);
    const fragment = { strings: ['x'], values: [] };
    await expect(tx.$queryRaw`SELECT ${fragment}`).rejects.toThrow(/Prisma.sql fragments/);
  });

  it('roll a transaction back when its work throws, and when COMMIT fails', async () => {
    const { db, statements } = scratch();
    // The writer's turn is always free here: each transaction is a group of its own.
    const group = new SqliteGroupCommit(db, statements, () => Promise.resolve(() => {}));
    const at = new Date();
    await expect(
      group.transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "Meeting" ("id", "tableNumber", "producerId", "createdAt") VALUES (${'a'}, ${1}, ${'p'}, ${at})`;
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(db.inTransaction).toBe(false);
    // A deferred foreign key fails at COMMIT: the transaction is rolled back, not left open.
    db.exec(`PRAGMA foreign_keys = ON; CREATE TABLE "Parent" ("id" TEXT PRIMARY KEY);
      CREATE TABLE "Child" ("id" TEXT PRIMARY KEY, "parentId" TEXT REFERENCES "Parent"("id") DEFERRABLE INITIALLY DEFERRED);`);
    await expect(group.transaction((tx) => tx.$executeRaw`INSERT INTO "Child" VALUES (${'c'}, ${'nobody'})`)).rejects.toThrow(
      /FOREIGN KEY/,
    );
    expect(db.inTransaction).toBe(false);
    expect((db.prepare('SELECT COUNT(*) AS n FROM "Child"').get() as { n: bigint }).n).toBe(0n);
  });

  it('close a group once it has been open its window: the first transaction is answered before the last one runs', async () => {
    const { db, statements } = scratch();
    const group = new SqliteGroupCommit(db, statements, () => Promise.resolve(() => {}));
    const seen: string[] = [];
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    const at = new Date();
    // Ten transactions queued at once, each working for a third of the window: one group of
    // ten would answer the first only after the tenth has run.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        group
          .transaction(async (tx) => {
            seen.push(`run ${i}`);
            busy(GROUP_COMMIT_WINDOW_MS / 3);
            await tx.$executeRaw`INSERT INTO "Meeting" ("id", "tableNumber", "producerId", "createdAt") VALUES (${`m${i}`}, ${i}, ${'p'}, ${at})`;
          })
          .then(() => seen.push(`answered ${i}`)),
      ),
    );
    expect(seen.indexOf('answered 0')).toBeGreaterThan(-1);
    expect(seen.indexOf('answered 0')).toBeLessThan(seen.indexOf('run 9'));
    expect((db.prepare('SELECT COUNT(*) AS n FROM "Meeting"').get() as { n: bigint }).n).toBe(10n);
  });
});
