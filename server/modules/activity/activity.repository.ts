// The append-only activity log. Each stream ("event:<id>", or "global") has its own
// monotonically increasing seq, handed out by one atomic upsert inside the caller's
// transaction: on PostgreSQL the row lock, on SQLite the single writer, keeps it gap-free.
import type { Db } from '../../db/database.ts';
import { markClaimTookEffect } from '../idempotency/claim-context.ts';

type Tx = Pick<Db, '$queryRaw' | 'activityLog' | 'activityStream' | 'idempotencyKey'>;

export const eventStream = (eventId: string) => `event:${eventId}`;

export interface ActivityEntry {
  stream: string;
  eventId: string | null;
  type: string;
  actorId: string | null;
  payload: unknown;
}

export async function appendActivity(tx: Tx, entry: ActivityEntry): Promise<{ seq: number; at: Date }> {
  const rows = await tx.$queryRaw<{ lastSeq: number | bigint }[]>`
    INSERT INTO "ActivityStream" ("key", "lastSeq") VALUES (${entry.stream}, 1)
    ON CONFLICT ("key") DO UPDATE SET "lastSeq" = "ActivityStream"."lastSeq" + 1
    RETURNING "lastSeq"`;
  const seq = Number(rows[0]!.lastSeq);
  const at = new Date();
  await tx.activityLog.create({
    data: {
      stream: entry.stream,
      seq,
      eventId: entry.eventId,
      type: entry.type,
      actorId: entry.actorId,
      payload: JSON.stringify(entry.payload),
      createdAt: at,
    },
    select: { id: true },
  });
  // Every change is logged in its own transaction: the place to record, in that same
  // transaction, that a call made with an Idempotency-Key has taken effect.
  await markClaimTookEffect(tx);
  return { seq, at };
}

export async function lastSeqOf(prisma: Pick<Db, 'activityStream'>, streams: string[]): Promise<Map<string, number>> {
  const rows = await prisma.activityStream.findMany({ where: { key: { in: streams } }, select: { key: true, lastSeq: true } });
  return new Map(rows.map((r) => [r.key, r.lastSeq]));
}
