// A change that could not start within its wait limit because another held the database
// (SQLite's one writer, PostgreSQL's import lock). Nothing was done; answered 503.
export class DatabaseBusyError extends Error {
  constructor(waitMs: number) {
    super(`The database was busy with another change for ${waitMs} ms`);
    this.name = 'DatabaseBusyError';
  }
}

/** No PostgreSQL connection came free within the pool's connectionTimeoutMillis (pg's own words). */
export function isPoolTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'timeout exceeded when trying to connect';
}

/** PostgreSQL's lock_timeout ran out (SQLSTATE 55P03), as Prisma reports it. */
export function isPostgresLockTimeout(error: unknown): boolean {
  return error instanceof Error && /\b55P03\b|lock timeout/.test(error.message);
}
