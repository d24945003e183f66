import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseProvider = 'sqlite' | 'postgresql';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** prisma/migrations/<provider>: one folder per migration, each with its migration.sql. */
export function migrationsDir(provider: DatabaseProvider): string {
  return join(root, 'prisma', 'migrations', provider);
}
