// The append-only activity log. Each stream ("event:<id>", or "global") has its own
// monotonically increasing seq, handed out by one atomic upsert inside the caller's
// transaction: on PostgreSQL the row lock, on SQLite the single writer, keeps it gap-free.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { RawSql } from '../../db/raw.ts';
import type { CountChange } from '../../contracts/dashboard.ts';
import { projectFact } from '../dashboard/projection.ts';
import { markClaimTookEffect } from '../idempotency/claim-context.ts';
import type { Audience, FactData, FactName, OutgoingFact } from '../../realtime/publisher.ts';

/** Plain statements only, so that a change logs its fact in a Prisma or a plain transaction (db/raw.ts). */
type Tx = Pick<RawSql, '$queryRaw' | '$executeRaw'>;

export const eventStream = (eventId: string) => `event:${eventId}`;

export interface ActivityEntry {
  stream: string;
  eventId: string | null;
  type: string;
  actorId: string | null;
  payload: unknown;
}

type LoggedEntry = ActivityEntry & { publicData?: unknown; privateData?: unknown; audience?: string; counts?: CountChange[] };

async function nextSeq(tx: Tx, stream: string): Promise<number> {
  const rows = await tx.$queryRaw<{ lastSeq: number | bigint }[]>`
    INSERT INTO "ActivityStream" ("key", "lastSeq") VALUES (${stream}, 1)
    ON CONFLICT ("key") DO UPDATE SET "lastSeq" = "ActivityStream"."lastSeq" + 1
    RETURNING "lastSeq"`;
  return Number(rows[0]!.lastSeq);
}

async function writeEntry(tx: Tx, seq: number, entry: LoggedEntry): Promise<Date> {
  const at = new Date();
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  // One plain insert: every change of the fair writes one, inside its transaction.
  await tx.$executeRaw`
    INSERT INTO "ActivityLog" ("id", "stream", "seq", "eventId", "type", "actorId", "payload", "publicData", "privateData", "audience", "counts", "createdAt")
    VALUES (${randomUUID()}, ${entry.stream}, ${seq}, ${entry.eventId}, ${entry.type}, ${entry.actorId}, ${JSON.stringify(entry.payload)},
            ${json(entry.publicData)}, ${json(entry.privateData)}, ${entry.audience ?? null},
            ${entry.counts?.length ? JSON.stringify(entry.counts) : null}, ${at})`;
  // Every change is logged in its own transaction: the place to record, in that same
  // transaction, that a call made with an Idempotency-Key has taken effect.
  await markClaimTookEffect(tx);
  return at;
}

export async function appendActivity(tx: Tx, entry: ActivityEntry): Promise<{ seq: number; at: Date }> {
  const seq = await nextSeq(tx, entry.stream);
  const at = await writeEntry(tx, seq, entry);
  return { seq, at };
}

export async function lastSeqOf(prisma: Pick<Db, 'activityStream'>, streams: string[]): Promise<Map<string, number>> {
  const rows = await prisma.activityStream.findMany({ where: { key: { in: streams } }, select: { key: true, lastSeq: true } });
  return new Map(rows.map((r) => [r.key, r.lastSeq]));
}

export interface FactEntry<N extends FactName> {
  type: N;
  eventId: string;
  actorId: string | null;
  /** What everyone watching the event gets (given the seq when it carries it, as an event does). */
  data: FactData<N> | ((seq: number) => FactData<N>);
  /**
   * What organisers and `audience` get instead (a producer's own application or hold; a
   * meeting's producer and buyer).
   */
  private?: { audience: Audience | Audience[]; data: FactData<N> };
  /** For the audit: what was asked, when it differs from the fact (defaults to the fact). */
  audit?: unknown;
  /** Whether the actor is an organiser, when the caller knows (saves reading it). */
  actorIsStaff?: boolean;
}

/**
 * Appends a fact of an event inside the caller's transaction and returns it as it will be
 * broadcast once the transaction commits: the log stores exactly what is sent, so the activity
 * call replays it (GET /api/events/:eventId/activity). Call it last in the transaction: the
 * per-event seq row is the hot one, and its lock is held from here to the commit.
 */
export async function appendFact<N extends FactName>(tx: Tx, entry: FactEntry<N>): Promise<OutgoingFact<N>> {
  const seq = await nextSeq(tx, eventStream(entry.eventId));
  const data = typeof entry.data === 'function' ? entry.data(seq) : entry.data;
  const audiences = entry.private ? [...new Set([entry.private.audience].flat())] : [];
  // The dashboard's counters change with the fact, after its seq (whose row every change of
  // the event takes first, so no two changes take counter rows crosswise).
  const counts = await projectFact(tx, entry.eventId, entry.type, entry.private?.data ?? data);
  const at = await writeEntry(tx, seq, {
    stream: eventStream(entry.eventId),
    eventId: entry.eventId,
    type: entry.type,
    actorId: entry.actorId,
    payload: entry.audit ?? entry.private?.data ?? data,
    publicData: data,
    ...(entry.private ? { privateData: entry.private.data, audience: audiences.join(' ') } : {}),
    counts,
  });
  // Who acted is public only for organisers: a producer's user id beside its own hold, offer
  // or application would tell everyone watching whose private changes the later facts are.
  const isStaff = entry.actorId !== null && (entry.actorIsStaff ?? (await isOrganiser(tx, entry.actorId)));
  // Each fact is built whole, not as a spread of a shared envelope: on Node 20 an object that
  // begins with the spread of a fresh one costs microseconds per field added after it.
  const factOf = <D>(actorId: string | null, factData: D) => ({
    type: entry.type,
    eventId: entry.eventId,
    seq,
    at: at.toISOString(),
    actorId,
    ...(counts.length ? { counts } : {}),
    data: factData,
  });
  return {
    public: factOf(isStaff ? entry.actorId : null, data),
    ...(entry.private ? { private: { audiences, fact: factOf(entry.actorId, entry.private.data) } } : {}),
  };
}

export interface StoredFact {
  seq: number;
  type: string;
  actorId: string | null;
  createdAt: Date;
  publicData: string | null;
  privateData: string | null;
  audience: string | null;
  counts: string | null;
}

/** The facts of an event after `after`, in seq order, at most `limit`. */
export function factsAfter(
  prisma: Pick<Db, 'activityLog'>,
  eventId: string,
  after: number,
  limit: number,
): Promise<StoredFact[]> {
  return prisma.activityLog.findMany({
    where: { stream: eventStream(eventId), seq: { gt: after } },
    orderBy: { seq: 'asc' },
    take: limit,
    select: {
      seq: true,
      type: true,
      actorId: true,
      createdAt: true,
      publicData: true,
      privateData: true,
      audience: true,
      counts: true,
    },
  });
}

async function isOrganiser(tx: Tx, userId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 AS "one" FROM "User" WHERE "id" = ${userId} AND "role" = 'organiser'`;
  return rows.length > 0;
}

/** Of these users, the organisers: the actors a public fact names (appendFact). */
export async function staffActors(prisma: Pick<Db, 'user'>, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await prisma.user.findMany({
    where: { id: { in: [...new Set(userIds)] }, role: 'organiser' },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}
