// SQLite through better-sqlite3, made safe for a server that interleaves requests.
//
// Prisma's better-sqlite3 adapter has one connection per client, and only its transactions
// take turns: a query outside a transaction runs on that same connection at once, so while
// another request's transaction is open it reads that transaction's uncommitted rows, and a
// write it makes joins that transaction and is lost when it rolls back, after its own caller
// was told it had succeeded. That happens whenever a transaction awaits anything that yields
// to the event loop (an import that lets other requests in between its rows, a password
// hash, a lock).
//
// So here every write outside a transaction waits its turn behind open transactions (one
// writer, as SQLite has anyway), and every read outside a transaction goes to a second,
// query-only connection that sees the last committed state (WAL lets readers run beside the
// writer): readers never wait for a long import, and no statement sees an uncommitted row.
// A turn not given within the wait limit fails with DatabaseBusyError (answered 503), and a
// transaction whose COMMIT or ROLLBACK fails is rolled back and gives up its turn, so one
// failed commit (a full disk) cannot leave every later write waiting for ever.
import { Mutex, withTimeout, type MutexInterface } from 'async-mutex';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseBusyError } from './busy.ts';
import { SqliteGroupCommit, sqliteTx, SqliteStatements, type RawSql } from './raw.ts';

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;
type Query = Parameters<Adapter['queryRaw']>[0];

/** Foreign keys are off by default in SQLite, and Prisma relies on them; readers need WAL. */
const CONNECTION_PRAGMAS = 'PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;';
/** The reader refuses writes: a statement routed to it by mistake fails loudly. */
const READER_PRAGMAS = 'PRAGMA foreign_keys = ON; PRAGMA query_only = ON;';

/** A plain SELECT (Prisma's reads); INSERT … RETURNING and PRAGMAs stay with the writer. */
const isRead = (sql: string) => /^\s*SELECT\b/i.test(sql);
/** The statement Prisma sends to end a transaction, before it calls commit() or rollback(). */
const endsTransaction = (sql: string) => /^\s*(COMMIT|END|ROLLBACK)\s*;?\s*$/i.test(sql);

export class SerialisedSqlite implements Adapter {
  readonly provider: Adapter['provider'];
  readonly adapterName: Adapter['adapterName'];
  /** Held by an open transaction, and by each write outside one while it runs. */
  readonly #writer: MutexInterface;
  /** Prisma's own writer connection, for plain transactions (raw.ts) in the same turns. */
  readonly #connection: BetterSqlite3.Database;
  readonly #statements: SqliteStatements;
  readonly #group: SqliteGroupCommit;
  /** Plain reads on the query-only reader connection. */
  readonly reads: RawSql;

  constructor(
    private readonly writer: Adapter,
    private readonly reader: Adapter,
    waitMs: number,
  ) {
    this.provider = writer.provider;
    this.adapterName = writer.adapterName;
    this.#writer = withTimeout(new Mutex(), waitMs, new DatabaseBusyError(waitMs));
    // The adapter keeps its better-sqlite3 connection as `client` (not a public API: checked
    // here, so a Prisma upgrade that moves it fails at the first connection, not later).
    this.#connection = connectionOf(writer);
    this.#statements = new SqliteStatements(this.#connection);
    this.#group = new SqliteGroupCommit(this.#connection, this.#statements, () => this.#writer.acquire());
    this.reads = sqliteTx(new SqliteStatements(connectionOf(reader)));
  }

  /**
   * Plain statements in one transaction, in the writer's turn like any Prisma transaction;
   * those that wait for the turn together share one COMMIT (raw.ts, SqliteGroupCommit).
   */
  rawTransaction<T>(work: (tx: RawSql) => Promise<T>): Promise<T> {
    return this.#group.transaction(work);
  }

  queryRaw(query: Query) {
    if (isRead(query.sql)) return this.reader.queryRaw(query);
    return this.#writer.runExclusive(() => this.writer.queryRaw(query));
  }

  executeRaw(query: Query) {
    return this.#writer.runExclusive(() => this.writer.executeRaw(query));
  }

  executeScript(script: string) {
    return this.#writer.runExclusive(() => this.writer.executeScript(script));
  }

  async startTransaction(...args: Parameters<Adapter['startTransaction']>): Promise<Transaction> {
    const release = await this.#writer.acquire();
    try {
      const tx = await this.writer.startTransaction(...args);
      return endsWith(tx, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  getConnectionInfo() {
    return this.writer.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  async dispose() {
    await Promise.all([this.writer.dispose(), this.reader.dispose()]);
  }
}

function connectionOf(adapter: Adapter): BetterSqlite3.Database {
  const connection = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
  if (!connection || typeof connection.prepare !== 'function' || typeof connection.exec !== 'function')
    throw new Error("Prisma's better-sqlite3 adapter no longer exposes its connection as `client`");
  return connection;
}

/**
 * The transaction, giving up the writer's turn once it ends. Prisma ends it with a COMMIT or
 * ROLLBACK statement and calls commit() or rollback() only when that statement succeeded; when
 * it fails (a full disk, a deferred constraint, SQLite having rolled back by itself) the
 * transaction is rolled back here and the turn given up, and the statement's error goes on.
 */
function endsWith(tx: Transaction, release: () => void): Transaction {
  let ended = false;
  const end = async (how: 'commit' | 'rollback') => {
    if (ended) return;
    ended = true;
    try {
      await tx[how]();
    } finally {
      release();
    }
  };
  async function ending<T>(statement: () => Promise<T>): Promise<T> {
    try {
      return await statement();
    } catch (error) {
      await tx.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] }).catch(() => undefined);
      await end('rollback').catch(() => undefined);
      throw error;
    }
  }
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => (endsTransaction(query.sql) ? ending(() => tx.queryRaw(query)) : tx.queryRaw(query)),
    executeRaw: (query) => (endsTransaction(query.sql) ? ending(() => tx.executeRaw(query)) : tx.executeRaw(query)),
    commit: () => end('commit'),
    rollback: () => end('rollback'),
  };
}

/**
 * A driver adapter factory for Prisma: a writer and a query-only reader on one file. `current`
 * is the connected adapter (for plain transactions), once Prisma has connected.
 */
export function serialisedSqlite(
  file: string,
  options: { timeout: number; waitMs: number; readerPragmas?: string },
): Pick<PrismaBetterSQLite3, 'provider' | 'adapterName' | 'connect'> & { current(): SerialisedSqlite | null } {
  const writer = new PrismaBetterSQLite3({ url: file, timeout: options.timeout });
  const reader = new PrismaBetterSQLite3({ url: file, timeout: options.timeout });
  let current: SerialisedSqlite | null = null;
  return {
    provider: writer.provider,
    adapterName: writer.adapterName,
    current: () => current,
    async connect(): Promise<Adapter> {
      const w = await writer.connect();
      try {
        await w.executeScript(CONNECTION_PRAGMAS);
        const r = await reader.connect();
        await r.executeScript(READER_PRAGMAS + (options.readerPragmas ?? ''));
        current = new SerialisedSqlite(w, r, options.waitMs);
        return current;
      } catch (error) {
        await w.dispose();
        throw error;
      }
    },
  };
}
