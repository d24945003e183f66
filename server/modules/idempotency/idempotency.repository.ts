// Stored answers of calls made with an Idempotency-Key: one row per (user, key).
import type { Db } from '../../db/database.ts';
import { uniqueViolationOf } from '../../db/unique-violation.ts';

export type Claim =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: string | null }
  | { kind: 'mismatch' }
  | { kind: 'running' }
  /** The first call took effect but its answer was never stored: it must not run again. */
  | { kind: 'lost' };

export function createIdempotencyRepository(prisma: Db) {
  const where = (userId: string, key: string) => ({ userId_key: { userId, key } });

  return {
    /**
     * Claims the key for a call, or says why not. The primary key makes the claim atomic:
     * of several calls racing with one key, exactly one inserts the row. A row older than
     * `reclaimBefore` is taken over (its answer expired, or its call died before its change
     * committed); one whose change committed but whose answer never came is never run again.
     */
    async claim(
      userId: string,
      key: string,
      fingerprint: string,
      now: Date,
      reclaimBefore: { done: Date; running: Date },
    ): Promise<Claim> {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await prisma.idempotencyKey.create({ data: { userId, key, fingerprint, createdAt: now } });
          return { kind: 'new' };
        } catch (error) {
          // Only the (user, key) primary key refusing it means another call holds the key.
          if (uniqueViolationOf(error)?.model !== 'IdempotencyKey') throw error;
        }
        const row = await prisma.idempotencyKey.findUnique({ where: where(userId, key) });
        if (!row) continue; // released meanwhile: claim again
        const answered = row.status !== null;
        const expired = answered && row.createdAt < reclaimBefore.done;
        const died = !answered && row.committedAt === null && row.createdAt < reclaimBefore.running;
        if (expired || died) {
          // Only one racer may take it over: the one whose update still sees the old row
          // (and, for a died call, still sees its change uncommitted).
          const { count } = await prisma.idempotencyKey.updateMany({
            where: { userId, key, createdAt: row.createdAt, status: row.status, committedAt: row.committedAt },
            data: { fingerprint, createdAt: now, status: null, body: null, committedAt: null },
          });
          if (count === 1) return { kind: 'new' };
          continue;
        }
        if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
        if (answered) return { kind: 'replay', status: row.status!, body: row.body };
        if (row.committedAt !== null && row.createdAt < reclaimBefore.running) return { kind: 'lost' };
        return { kind: 'running' };
      }
      return { kind: 'running' };
    },

    /** Stores the answer of the call that claimed the key at `claimedAt`. */
    async complete(userId: string, key: string, claimedAt: Date, status: number, body: string | null): Promise<void> {
      await prisma.idempotencyKey.updateMany({
        where: { userId, key, createdAt: claimedAt, status: null },
        data: { status, body },
      });
    },

    /**
     * Frees the key after the call failed, so that a retry runs it again; unless its change
     * had committed before the failure: then the claim stays, and is never run again.
     */
    async release(userId: string, key: string, claimedAt: Date): Promise<void> {
      await prisma.idempotencyKey.deleteMany({
        where: { userId, key, createdAt: claimedAt, status: null, committedAt: null },
      });
    },

    /**
     * At start-up, before serving: every call still marked running was the previous
     * process's, which died with it (SIGKILL, power cut). Its claim is dated `asOf`, old
     * enough for claim() to see it as dead now instead of "still running" for minutes: a retry
     * runs a call that never committed and is told the answer of one that did was lost. With
     * several processes on one PostgreSQL database, a call another process is running meanwhile
     * is then refused at its commit (its claim looks taken over) and its client's retry runs it:
     * a moment lost, never a change made twice.
     */
    async abandonRunning(startedAt: Date, asOf: Date): Promise<number> {
      const { count } = await prisma.idempotencyKey.updateMany({
        where: { status: null, createdAt: { lt: startedAt, gt: asOf } },
        data: { createdAt: asOf },
      });
      return count;
    },

    async purge(before: Date): Promise<number> {
      const { count } = await prisma.idempotencyKey.deleteMany({ where: { createdAt: { lt: before } } });
      return count;
    },
  };
}
export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
