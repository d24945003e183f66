// Migrations apply at start, are recorded, apply once, and refuse an edited history.
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../server/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe('migrations', () => {
  it('apply every migration on an empty database, record them, and apply nothing the second time', async () => {
    database = await createTestDatabase();
    const names = readMigrations(database.db.provider).map((m) => m.name);
    expect(await database.db.migrate()).toEqual(names);
    expect(await database.db.migrate()).toEqual([]);
    const recorded = await database.db.prisma.$queryRawUnsafe<{ name: string }[]>(
      'SELECT name FROM _ocop_migrations ORDER BY name',
    );
    expect(recorded.map((r) => r.name)).toEqual(names);
  });

  it('refuse to start when an applied migration was edited afterwards', async () => {
    database = await createTestDatabase();
    await database.db.migrate();
    await database.db.prisma.$executeRawUnsafe(`UPDATE _ocop_migrations SET checksum = 'edited'`);
    await expect(database.db.migrate()).rejects.toThrow(/changed after it was applied/);
  });

  it('keep existing rows when a later migration redefines their tables', async () => {
    database = await createTestDatabase();
    const [first, ...rest] = readMigrations(database.db.provider);
    expect(rest.length).toBeGreaterThan(0);
    await database.db.migrate([first!]);
    const p = database.db.prisma;
    await p.$executeRawUnsafe(
      `INSERT INTO "AdministrativeUnit" ("id", "name", "level", "kind") VALUES ('dak-lak', 'Đắk Lắk', 'province', 'province')`,
    );
    await p.$executeRawUnsafe(
      `INSERT INTO "Producer" ("id", "name", "nameFolded", "legalType", "provinceId", "updatedAt") VALUES ('p1', 'HTX Ea Tu', 'htx ea tu', 'cooperative', 'dak-lak', CURRENT_TIMESTAMP)`,
    );
    await p.$executeRawUnsafe(
      `INSERT INTO "Product" ("id", "producerId", "name", "nameFolded", "category", "stars", "updatedAt") VALUES ('x1', 'p1', 'Cà phê', 'ca phe', 'coffee', 4, CURRENT_TIMESTAMP)`,
    );
    await database.db.migrate();
    const products = await p.$queryRawUnsafe<{ id: string; stars: number }[]>(`SELECT "id", "stars" FROM "Product"`);
    expect(products.map((r) => [r.id, Number(r.stars)])).toEqual([['x1', 4]]);
  });

  it('let several processes start at once: each migration applies exactly once', async () => {
    database = await createTestDatabase();
    const { openDatabase } = await import('../../server/db/database.ts');
    const others = [openDatabase(database.url), openDatabase(database.url), openDatabase(database.url)];
    const applied = await Promise.all(others.map((db) => db.migrate()));
    await Promise.all(others.map((db) => db.close()));
    const names = readMigrations(database.db.provider).map((m) => m.name);
    expect(applied.flat().sort()).toEqual(names);
  });
});
