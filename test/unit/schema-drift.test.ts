// prisma/schema.base.prisma is the one source of truth. These fail when a per-provider
// schema was edited by hand or not regenerated, or when the model changed without a migration.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDERS, renderSchema, schemaPath } from '../../prisma/scripts/schemas.ts';
import { migrationsDir } from '../../server/db/migrations-dir.ts';

const migrationNames = (provider: string) =>
  readdirSync(migrationsDir(provider as 'sqlite'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

describe.each(PROVIDERS)('the %s schema', (provider) => {
  it('is exactly what the script generates from schema.base.prisma (run npm run db:schemas)', () => {
    expect(readFileSync(schemaPath(provider), 'utf8')).toBe(renderSchema(provider));
  });

  it('is covered by the migrations: the last migration was written from this model (npm run db:migration -- <name>)', () => {
    const snapshot = join(migrationsDir(provider), 'schema.snapshot.prisma');
    expect(existsSync(snapshot)).toBe(true);
    expect(readFileSync(snapshot, 'utf8')).toBe(renderSchema(provider));
  });

  it('has a migration.sql in every migration folder', () => {
    for (const name of migrationNames(provider)) {
      expect(existsSync(join(migrationsDir(provider), name, 'migration.sql'))).toBe(true);
    }
  });
});

describe('the two providers', () => {
  it('have migrations of the same names, so neither is missing a step', () => {
    expect(migrationNames('postgresql')).toEqual(migrationNames('sqlite'));
  });
});
