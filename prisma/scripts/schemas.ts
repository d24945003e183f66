// Writes the per-provider Prisma schemas from prisma/schema.base.prisma.
// Prisma fixes the provider per schema file, so SQLite and PostgreSQL each get one,
// identical apart from the header. `test/integration/schema-drift.test.ts` fails if they drift.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROVIDERS = ['sqlite', 'postgresql'] as const;
export type Provider = (typeof PROVIDERS)[number];

const prismaDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export function renderSchema(provider: Provider): string {
  const base = readFileSync(join(prismaDir, 'schema.base.prisma'), 'utf8');
  // The url is required here: without it `prisma generate` tries to download a query engine.
  const fallbackUrl = provider === 'sqlite' ? 'file:./unused.db' : 'postgresql://localhost/unused';
  const header = `// GENERATED from prisma/schema.base.prisma by prisma/scripts/schemas.ts. Do not edit.

generator client {
  provider   = "prisma-client"
  output     = "../../server/db/generated/${provider}"
  engineType = "client"
  moduleFormat = "esm"
}

datasource db {
  provider = "${provider}"
  url      = "${fallbackUrl}"
}
`;
  return `${header}\n${base}`;
}

export function schemaPath(provider: Provider): string {
  return join(prismaDir, provider, 'schema.prisma');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const provider of PROVIDERS) {
    mkdirSync(dirname(schemaPath(provider)), { recursive: true });
    writeFileSync(schemaPath(provider), renderSchema(provider));
  }
}
