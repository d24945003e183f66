// Plain transactions (server/db/raw.ts), the booking path's way past Prisma's engine: what they
// write reads the same through Prisma, they take turns with Prisma's own transactions on the
// one writer (never interleaving with one), a throw leaves nothing, a unique index's refusal is
// the same 409 as through Prisma, and a transaction SQLite rolled back by itself frees the writer.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictOf } from '../../server/conflicts.ts';
import { uniqueViolationOf } from '../../server/db/unique-violation.ts';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../support/database.ts';
import { prepareDatabase } from '../../server/db/prepare.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await prepareDatabase(database.db, { demoData: false });
});
afterAll(() => database.drop());

const prisma = () => database.db.prisma;
const raw = () => database.db.raw;
const stream = () => `test:${randomUUID()}`;

describe('plain transactions', () => {
  it('write rows that read the same through Prisma: text, integers, dates, nulls', async () => {
    const key = stream();
    const at = new Date('2026-12-12T01:02:03.456Z');
    await raw().transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "ActivityStream" ("key", "lastSeq") VALUES (${key}, ${41})`;
      await tx.$executeRaw`
        INSERT INTO "ActivityLog" ("id", "stream", "seq", "eventId", "type", "actorId", "payload", "createdAt")
        VALUES (${randomUUID()}, ${key}, ${41}, ${null}, ${'test:thing'}, ${null}, ${'{"a":"Đắk Lắk"}'}, ${at})`;
    });
    const row = await prisma().activityLog.findFirstOrThrow({ where: { stream: key } });
    expect(row).toMatchObject({ seq: 41, eventId: null, type: 'test:thing', payload: '{"a":"Đắk Lắk"}' });
    expect(row.createdAt.toISOString()).toBe(at.toISOString());
    // And back: what Prisma wrote reads as Date and number here.
    const [back] = await raw().query<{ seq: unknown; createdAt: unknown }[]>`
      SELECT "seq", "createdAt" FROM "ActivityLog" WHERE "stream" = ${key}`;
    expect(back).toEqual({ seq: 41, createdAt: at });
    // Comparisons of dates as the app stores them hold both ways.
    const [n] = await raw().query<{ n: unknown }[]>`
      SELECT COUNT(*) AS "n" FROM "ActivityLog" WHERE "stream" = ${key} AND "createdAt" = ${at}`;
    expect(Number(n!.n)).toBe(1);
  });

  it('leave nothing when the work throws, and the writer is free after', async () => {
    const key = stream();
    await expect(
      raw().transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "ActivityStream" ("key", "lastSeq") VALUES (${key}, 1)`;
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await prisma().activityStream.count({ where: { key } })).toBe(0);
    await prisma().activityStream.create({ data: { key, lastSeq: 2 } });
    expect(await prisma().activityStream.count({ where: { key } })).toBe(1);
  });

  it('answer a unique index refusal as the same 409 as Prisma does', async () => {
    const key = stream();
    await raw().transaction((tx) => tx.$executeRaw`INSERT INTO "ActivityStream" ("key", "lastSeq") VALUES (${key}, 1)`);
    const error = await raw()
      .transaction((tx) => tx.$executeRaw`INSERT INTO "ActivityStream" ("key", "lastSeq") VALUES (${key}, 1)`)
      .catch((e: unknown) => e);
    // ActivityStream's key is no domain conflict: the violation is recognised, and no 409 made up.
    expect(uniqueViolationOf(error)).toMatchObject({ fields: ['key'] });
    expect(conflictOf(error)).toBeNull();
  });

  // PostgreSQL's plain transactions are Prisma's own, on a pool: row locks are their callers'.
  it.skipIf(testPostgresUrl() !== undefined)(
    'never interleave with an open Prisma transaction on SQLite: no update is lost',
    async () => {
      const key = stream();
      await prisma().activityStream.create({ data: { key, lastSeq: 0 } });
      // Many increments at once, half through Prisma's interactive transactions (which await
      // between their read and write), half plain: a lost update shows as a lower total.
      const prismaBump = () =>
        prisma().$transaction(async (tx) => {
          const row = await tx.activityStream.findUniqueOrThrow({ where: { key } });
          await new Promise((r) => setTimeout(r, 1));
          await tx.activityStream.update({ where: { key }, data: { lastSeq: row.lastSeq + 1 } });
        });
      const plainBump = () =>
        raw().transaction(async (tx) => {
          const [row] = await tx.$queryRaw<{ lastSeq: number }[]>`SELECT "lastSeq" FROM "ActivityStream" WHERE "key" = ${key}`;
          await new Promise((r) => setTimeout(r, 1));
          await tx.$executeRaw`UPDATE "ActivityStream" SET "lastSeq" = ${Number(row!.lastSeq) + 1} WHERE "key" = ${key}`;
        });
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? prismaBump() : plainBump())));
      expect((await prisma().activityStream.findUniqueOrThrow({ where: { key } })).lastSeq).toBe(40);
    },
  );

  // Group commit (SQLite): transactions waiting together share one COMMIT, each in a savepoint.
  // (On PostgreSQL a plain transaction is Prisma's, on a pool, and this unlocked read-then-write
  // would race by design: callers there lock the rows they read.)
  it.skipIf(testPostgresUrl() !== undefined)(
    'many at once, some throwing: each that resolved is stored and saw those before it, each that threw left nothing',
    async () => {
      const key = stream();
      await prisma().activityStream.create({ data: { key, lastSeq: 0 } });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 150 }, (_, i) =>
          raw().transaction(async (tx) => {
            const [row] = await tx.$queryRaw<{ lastSeq: number }[]>`SELECT "lastSeq" FROM "ActivityStream" WHERE "key" = ${key}`;
            const seq = Number(row!.lastSeq) + 1;
            await tx.$executeRaw`UPDATE "ActivityStream" SET "lastSeq" = ${seq} WHERE "key" = ${key}`;
            await tx.$executeRaw`
            INSERT INTO "ActivityLog" ("id", "stream", "seq", "eventId", "type", "actorId", "payload", "createdAt")
            VALUES (${randomUUID()}, ${key}, ${seq}, ${null}, ${'test:group'}, ${null}, ${String(i)}, ${new Date()})`;
            // Every third throws after writing: its writes must go, the others' stay.
            if (i % 3 === 0) throw new Error(`no ${i}`);
            // A unique index refuses every seventh's second row (SQLite aborts only that statement).
            if (i % 7 === 1)
              await tx.$executeRaw`
              INSERT INTO "ActivityLog" ("id", "stream", "seq", "eventId", "type", "actorId", "payload", "createdAt")
              VALUES (${randomUUID()}, ${key}, ${seq}, ${null}, ${'test:group'}, ${null}, ${'again'}, ${new Date()})`;
            return seq;
          }),
        ),
      );
      const kept = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      const refused = outcomes.filter((o) => o.status === 'rejected').length;
      expect(refused).toBe(outcomes.filter((_, i) => i % 3 === 0 || i % 7 === 1).length);
      // Those kept numbered themselves 1, 2, 3 … in turn: each saw exactly the ones before it.
      expect([...kept].sort((a, b) => a - b)).toEqual(Array.from({ length: kept.length }, (_, i) => i + 1));
      expect((await prisma().activityStream.findUniqueOrThrow({ where: { key } })).lastSeq).toBe(kept.length);
      const rows = await prisma().activityLog.findMany({ where: { stream: key }, select: { seq: true, payload: true } });
      expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual([...kept].sort((a, b) => a - b));
      expect(rows.some((r) => r.payload === 'again')).toBe(false);
    },
  );

  it.skipIf(testPostgresUrl() !== undefined)(
    'a COMMIT that fails rejects every transaction of its group, and none of them is stored',
    async () => {
      const key = stream();
      // A deferred foreign key is checked at COMMIT: one transaction of the group breaks it.
      await raw().transaction(async (tx) => {
        await tx.$executeRaw`CREATE TABLE IF NOT EXISTS "GcParent" ("id" TEXT PRIMARY KEY)`;
        await tx.$executeRaw`CREATE TABLE IF NOT EXISTS "GcChild" ("id" TEXT PRIMARY KEY, "parent" TEXT REFERENCES "GcParent" ("id") DEFERRABLE INITIALLY DEFERRED)`;
      });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          raw().transaction(async (tx) => {
            await tx.$executeRaw`INSERT INTO "ActivityStream" ("key", "lastSeq") VALUES (${`${key}:${i}`}, ${i})`;
            if (i === 10) await tx.$executeRaw`INSERT INTO "GcChild" ("id", "parent") VALUES (${key}, ${'nobody'})`;
            return i;
          }),
        ),
      );
      const stored = await prisma().activityStream.count({ where: { key: { startsWith: `${key}:` } } });
      const resolved = outcomes.filter((o) => o.status === 'fulfilled').length;
      // Whatever groups formed: exactly those answered are stored, and the breaking one was refused.
      expect(stored).toBe(resolved);
      expect(outcomes[10]!.status).toBe('rejected');
      expect(resolved).toBeLessThan(20);
      // The writer is free after it.
      await prisma().activityStream.create({ data: { key, lastSeq: 1 } });
    },
  );
});
