// Plain SQL for the few paths where Prisma's own cost is the whole cost: a booking at the
// fair's opening is seven small statements, and through Prisma each costs ~0.15 ms of query
// engine and adapter work (and a fresh prepare) on top of ~0.01 ms in SQLite itself.
//
// `RawSql` is the part of a Prisma client these paths use (tagged $queryRaw / $executeRaw and
// $queryRawUnsafe), so the same code runs inside a Prisma transaction or here. On PostgreSQL
// a raw transaction simply is a Prisma one. On SQLite it runs on the writer connection Prisma
// itself uses (sqlite-adapter.ts), under the same writer turn as Prisma's transactions and
// writes, with BEGIN IMMEDIATE … COMMIT and prepared statements kept between calls; values and
// results are converted as Prisma's adapter does (dates as ISO text with +00:00, booleans as
// 0/1; DATETIME columns back as Date), so rows written here read the same through Prisma.
import type BetterSqlite3 from 'better-sqlite3';

export interface RawSql {
  $queryRaw<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
}

export interface RawDb {
  /** One transaction of plain statements; rolled back when `work` throws. */
  transaction<T>(work: (tx: RawSql) => Promise<T>): Promise<T>;
  /** A plain read of the last committed state, outside any transaction (SQLite: on the reader connection). */
  query<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  /** The same with $1, $2 … placeholders (for IN lists of any length). */
  queryUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
}

/** A unique index or primary key refused a plain statement (read by db/unique-violation.ts). */
export class RawUniqueViolation extends Error {
  readonly code = 'RAW_UNIQUE_VIOLATION';
  constructor(
    readonly model: string | null,
    readonly fields: string[],
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : 'Unique constraint failed', { cause });
  }
}

/** SQLite's "UNIQUE constraint failed: Meeting.activeSlotId, Meeting.producerId". */
function asUniqueViolation(error: unknown): unknown {
  const e = error as { code?: unknown; message?: unknown };
  if (e?.code !== 'SQLITE_CONSTRAINT_UNIQUE' && e?.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return error;
  const columns = String(e.message)
    .replace(/^.*constraint failed:\s*/i, '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const model = columns[0]?.includes('.') ? columns[0].split('.')[0]! : null;
  return new RawUniqueViolation(
    model,
    columns.map((c) => c.slice(c.indexOf('.') + 1)),
    error,
  );
}

const toSqlite = (v: unknown): unknown => {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString().replace('Z', '+00:00');
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
};

type Convert = (v: unknown) => unknown;
const asDate: Convert = (v) => (v === null ? null : new Date(typeof v === 'bigint' ? Number(v) : (v as string | number)));
const asBoolean: Convert = (v) => (v === null ? null : Boolean(Number(v)));
const asBigInt: Convert = (v) => (v === null ? null : BigInt(v as bigint));
/** Integers come back as numbers where they fit (as Prisma's Int), as bigint beyond. */
const asNumber: Convert = (v) =>
  typeof v === 'bigint' && v <= Number.MAX_SAFE_INTEGER && v >= Number.MIN_SAFE_INTEGER ? Number(v) : v;

function converterOf(declared: string | null): Convert {
  switch ((declared ?? '').toUpperCase()) {
    case 'DATETIME':
    case 'TIMESTAMP':
      return asDate;
    case 'BOOLEAN':
      return asBoolean;
    case 'BIGINT':
      return asBigInt;
    default:
      return asNumber;
  }
}

interface Prepared {
  statement: BetterSqlite3.Statement;
  reader: boolean;
  /** Column names and converters of a reader, read once. */
  columns?: { name: string; convert: Convert }[];
}

/** Statements kept per connection; Prisma's adapter prepares every statement anew. */
const CACHE_SIZE = 200;

/** Plain statements on one better-sqlite3 connection, with a prepared-statement cache. */
export class SqliteStatements {
  readonly #cache = new Map<string, Prepared>();
  constructor(private readonly db: BetterSqlite3.Database) {}

  #prepared(sql: string): Prepared {
    let p = this.#cache.get(sql);
    if (p) {
      // Least recently used goes first.
      this.#cache.delete(sql);
      this.#cache.set(sql, p);
      return p;
    }
    const statement = this.db.prepare(sql);
    p = { statement, reader: statement.reader };
    if (p.reader) {
      statement.raw(true);
      p.columns = statement.columns().map((c) => ({ name: c.name, convert: converterOf(c.type) }));
    }
    this.#cache.set(sql, p);
    if (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
    return p;
  }

  query<T>(sql: string, values: unknown[]): T {
    const p = this.#prepared(sql);
    const args = values.map(toSqlite);
    try {
      if (!p.reader) {
        p.statement.run(args);
        return [] as T;
      }
      const rows = p.statement.all(args) as unknown[][];
      const columns = p.columns!;
      return rows.map((row) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < columns.length; i++) out[columns[i]!.name] = columns[i]!.convert(row[i]);
        return out;
      }) as T;
    } catch (error) {
      throw asUniqueViolation(error);
    }
  }

  execute(sql: string, values: unknown[]): number {
    const p = this.#prepared(sql);
    try {
      return p.statement.run(values.map(toSqlite)).changes;
    } catch (error) {
      throw asUniqueViolation(error);
    }
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }
}

const joined = (strings: TemplateStringsArray, values: unknown[]) => {
  // Prisma.sql fragments (Prisma.join …) are Prisma's to compose: not taken here.
  if (values.some((v) => typeof v === 'object' && v !== null && 'strings' in v && 'values' in v))
    throw new Error('A raw statement here takes plain values, not Prisma.sql fragments');
  return strings.join('?');
};

/** $queryRawUnsafe's $1, $2 … as SQLite's plain ?, with the values in the order they stand. */
function positional(sql: string, values: unknown[]): [string, unknown[]] {
  const ordered: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    ordered.push(values[Number(n) - 1]);
    return '?';
  });
  return [text, ordered];
}

/** A statement's outcome as a promise: a refusal rejects it rather than throwing at the call. */
function settled<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The RawSql of one SQLite transaction on these statements. */
export function sqliteTx(statements: SqliteStatements): RawSql {
  return {
    $queryRaw: <T>(strings: TemplateStringsArray, ...values: unknown[]) =>
      settled(() => statements.query<T>(joined(strings, values), values)),
    $executeRaw: (strings: TemplateStringsArray, ...values: unknown[]) =>
      settled(() => statements.execute(joined(strings, values), values)),
    $queryRawUnsafe: <T>(sql: string, ...values: unknown[]) => settled(() => statements.query<T>(...positional(sql, values))),
  };
}

interface Queued {
  work: (tx: RawSql) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** At most this many transactions share one COMMIT… */
export const GROUP_COMMIT_MAX = 64;
/**
 * …and a group takes no more once it has been open this long. The first transaction of a group
 * is answered at the group's COMMIT, so a group's length is a latency: without a bound, a group
 * went on for as long as bookings kept arriving, up to 64 of them, and the first waited for all
 * their work (64 × ~1.4 ms at a fair's opening). The sync a group shares costs ~0.5 ms, a
 * twentieth of this window.
 */
export const GROUP_COMMIT_WINDOW_MS = 10;

/**
 * Group commit of plain transactions on SQLite's writer: the transactions that queued while
 * the writer was busy run one after the other inside one BEGIN IMMEDIATE … COMMIT, each in a
 * SAVEPOINT of its own, so the disk is synced once for the group instead of once each (the
 * sync was a fifth of a booking's time at a fair's opening). Each transaction still sees
 * exactly what the ones before it wrote, as when they committed one by one; one that throws
 * is rolled back to its savepoint alone and rejects with its error. None is answered before
 * the COMMIT: a failed COMMIT rejects every transaction of the group, and then none of them
 * was stored.
 */
export class SqliteGroupCommit {
  readonly #queue: Queued[] = [];
  #running = false;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly statements: SqliteStatements,
    /** The writer's turn (released by the function it resolves to). */
    private readonly acquire: () => Promise<() => void>,
  ) {}

  transaction<T>(work: (tx: RawSql) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length) {
        let release: () => void;
        try {
          release = await this.acquire();
        } catch (error) {
          // No turn within the wait limit: those waiting are told so (DatabaseBusyError).
          for (const q of this.#queue.splice(0)) q.reject(error);
          return;
        }
        try {
          await this.#group();
        } finally {
          release();
        }
      }
    } finally {
      this.#running = false;
    }
  }

  /** One group: as many queued transactions as wait (up to the maximum), one COMMIT. */
  async #group(): Promise<void> {
    const tx = sqliteTx(this.statements);
    const done: { q: Queued; value: unknown }[] = [];
    const failed: { q: Queued; error: unknown }[] = [];
    try {
      this.statements.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const q of this.#queue.splice(0, GROUP_COMMIT_MAX)) q.reject(error);
      return;
    }
    let lost: unknown = null;
    const opened = performance.now();
    try {
      while (done.length + failed.length < GROUP_COMMIT_MAX && performance.now() - opened < GROUP_COMMIT_WINDOW_MS) {
        // A transaction's statements are synchronous: requests that arrived meanwhile are still
        // unread on their sockets. One turn of the event loop lets them reach the queue.
        if (!this.#queue.length) await new Promise((resolve) => setImmediate(resolve));
        if (!this.#queue.length) break;
        const q = this.#queue.shift()!;
        this.statements.exec('SAVEPOINT one');
        try {
          done.push({ q, value: await q.work(tx) });
          this.statements.exec('RELEASE one');
        } catch (error) {
          failed.push({ q, error });
          if (!this.db.inTransaction) {
            // SQLite rolled the whole transaction back (a full disk, an I/O error): the group is lost.
            lost = error;
            break;
          }
          this.statements.exec('ROLLBACK TO one');
          this.statements.exec('RELEASE one');
        }
      }
    } catch (error) {
      // A savepoint that could not be released or rolled back: nothing of the group is kept.
      lost = error;
      if (this.db.inTransaction) this.statements.exec('ROLLBACK');
    }
    if (lost === null) {
      try {
        this.statements.exec('COMMIT');
      } catch (error) {
        lost = error;
        if (this.db.inTransaction) this.statements.exec('ROLLBACK');
      }
    }
    for (const f of failed) f.q.reject(f.error);
    for (const d of done) {
      if (lost === null) d.q.resolve(d.value);
      else d.q.reject(lost);
    }
  }
}
