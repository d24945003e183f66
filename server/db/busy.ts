// A change that could not start within its wait limit because another held the database
// (SQLite's one writer, PostgreSQL's import lock). Nothing was done; answered 503.
export class DatabaseBusyError extends Error {
  constructor(waitMs: number) {
    super(`The database was busy with another change for ${waitMs} ms`);
    this.name = 'DatabaseBusyError';
  }
}

/** PostgreSQL's lock_timeout ran out (SQLSTATE 55P03), as Prisma reports it. */
export function isPostgresLockTimeout(error: unknown): boolean {
  return error instanceof Error && /\b55P03\b|lock timeout/.test(error.message);
}
