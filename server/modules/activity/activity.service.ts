// The catch-up of the event feed: the facts of an event after a seq, in order, each exactly as
// it was broadcast to this caller (organisers and the organisation a private fact is about get
// its private projection, everyone else the public one).
import type { Db } from '../../db/database.ts';
import type { CountChange } from '../../contracts/dashboard.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import { buyerAudience, producerAudience } from '../../realtime/publisher.ts';
import { factsAfter, lastSeqOf, eventStream, staffActors, type StoredFact } from './activity.repository.ts';

export interface ReplayedFact {
  type: string;
  eventId: string;
  seq: number;
  at: string;
  actorId: string | null;
  data: unknown;
  counts?: CountChange[];
}

/** Whether this caller got the private projection of the fact: organisers and its audience. */
function seesPrivate(user: AuthUser, row: StoredFact): boolean {
  if (row.privateData === null || row.audience === null) return false;
  if (user.role === 'organiser') return true;
  const audiences = row.audience.split(' ');
  if (user.producerId && audiences.includes(producerAudience(user.producerId))) return true;
  return Boolean(user.buyerId && audiences.includes(buyerAudience(user.buyerId)));
}

export function createActivityService(deps: { prisma: Db }) {
  return {
    async factsAfter(
      user: AuthUser,
      eventId: string,
      after: number,
      limit: number,
    ): Promise<{ items: ReplayedFact[]; lastSeq: number; hasMore: boolean }> {
      // The last seq first: every fact up to it is committed (a seq is handed out inside the
      // transaction that logs it), so the page read next holds them all.
      const lastSeq = (await lastSeqOf(deps.prisma, [eventStream(eventId)])).get(eventStream(eventId)) ?? 0;
      const rows = await factsAfter(deps.prisma, eventId, after, Math.min(limit, Math.max(lastSeq - after, 0)));
      const staff = await staffActors(
        deps.prisma,
        rows.flatMap((row) => (row.actorId ? [row.actorId] : [])),
      );
      const items = rows
        .filter((row) => row.seq <= lastSeq)
        .map((row) => {
          const isPrivate = seesPrivate(user, row);
          const data = isPrivate ? row.privateData : row.publicData;
          return {
            type: row.type,
            eventId,
            seq: row.seq,
            at: row.createdAt.toISOString(),
            // As broadcast: the actor is named in the public projection only when an organiser.
            actorId: isPrivate || (row.actorId !== null && staff.has(row.actorId)) ? row.actorId : null,
            data: data === null ? null : (JSON.parse(data) as unknown),
            ...(row.counts ? { counts: JSON.parse(row.counts) as CountChange[] } : {}),
          };
        });
      const reached = items.at(-1)?.seq ?? after;
      return { items, lastSeq, hasMore: reached < lastSeq };
    },
  };
}
export type ActivityService = ReturnType<typeof createActivityService>;
