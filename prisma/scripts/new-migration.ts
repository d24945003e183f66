// Writes a new migration for each provider: `npm run db:migration -- <name>`.
// `prisma migrate dev` cannot run on these machines (no shadow database through the adapter),
// so the SQL comes from `prisma migrate diff` between the schema of the last migration
// (kept beside the migrations as schema.snapshot.prisma) and the current generated schema.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDERS, schemaPath, type Provider } from './schemas.ts';
import { migrationsDir } from '../../server/db/migrations-dir.ts';

export function snapshotPath(provider: Provider): string {
  return join(migrationsDir(provider), 'schema.snapshot.prisma');
}

export function diffSinceLastMigration(provider: Provider): string {
  const from = existsSync(snapshotPath(provider)) ? ['--from-schema-datamodel', snapshotPath(provider)] : ['--from-empty'];
  return execFileSync(
    'npx',
    [
      'prisma',
      'migrate',
      'diff',
      '--config',
      'prisma/prisma.config.ts',
      ...from,
      '--to-schema-datamodel',
      schemaPath(provider),
      '--script',
    ],
    { encoding: 'utf8', env: { ...process.env, PRISMA_PROVIDER: provider }, stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

export function isEmptyMigration(sql: string): boolean {
  return !sql.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--'));
}

if (process.argv[1]?.endsWith('new-migration.ts')) {
  const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  if (!name) {
    process.stderr.write('usage: npm run db:migration -- <name>\n');
    process.exit(2);
  }
  execFileSync('npx', ['tsx', 'prisma/scripts/schemas.ts'], { stdio: 'inherit' });
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  for (const provider of PROVIDERS) {
    const sql = diffSinceLastMigration(provider);
    if (isEmptyMigration(sql)) {
      process.stdout.write(`${provider}: no change\n`);
      continue;
    }
    const dir = join(migrationsDir(provider), `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), sql);
    copyFileSync(schemaPath(provider), snapshotPath(provider));
    process.stdout.write(`${provider}: wrote ${dir}/migration.sql\n`);
  }
}
