// Prisma CLI configuration. The classic schema engine is a native binary that Prisma
// downloads from its own host, which these machines cannot reach; `engine: 'js'` makes the
// CLI use the WebAssembly schema engine through a driver adapter instead.
// PRISMA_PROVIDER picks which generated schema the CLI works on (default sqlite).
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

const provider = process.env.PRISMA_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: `${provider}/schema.prisma`,
  adapter: async () =>
    provider === 'sqlite'
      ? new PrismaBetterSQLite3({ url: process.env.PRISMA_CLI_SQLITE_URL ?? ':memory:' })
      : new PrismaPg({ connectionString: process.env.PRISMA_CLI_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' }),
});
