// Requests for a buyer's slot, in sessions where the buyer accepts or declines. Several producers
// may ask for the same slot; accepting one books the meeting and, once the buyer has no free
// representative left in that slot, declines the others (telling each the buyer's other free
// slots). The acceptance is a compare-and-set from pending under the slot's lock, so two
// acceptances for one slot can never both stand. An unanswered request expires at expiresAt:
// read as expired from then on (requestStatusAt), and stored and announced by sweepExpired().
import type { DatabaseProvider } from '../../db/migrations-dir.ts';
import type { Db, Prisma } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { orConflict } from '../../conflicts.ts';
import type { RequestChanged } from '../../contracts/realtime.ts';
import { buyerAudience, producerAudience, type OutgoingFact } from '../../realtime/publisher.ts';
import { appendFact } from '../activity/activity.repository.ts';
import { requestSelect, requestStatusAt, toRequestDto, type RequestRow } from './meeting-view.ts';
import {
  blockedSlotIdsOf,
  bookingOpen,
  buyerExists,
  findPlace,
  lockParties,
  meetingConflict,
  openForChanges,
  placeMeeting,
  producerExists,
  sessionIn,
  slotIn,
} from './placement.ts';
import { meetingFact, type Actor } from './meetings.repository.ts';
import { slotsWithFreeSeat } from './slots.ts';

type Tx = Prisma.TransactionClient;

function requestFact(
  tx: Tx,
  row: RequestRow,
  change: RequestChanged['change'],
  actorId: string | null,
  now: Date,
  freeSlotIds?: string[],
): Promise<OutgoingFact<'request:changed'>> {
  const dto = toRequestDto(row, now, freeSlotIds);
  return appendFact(tx, {
    type: 'request:changed',
    eventId: row.eventId,
    actorId,
    data: { change, request: { id: row.id, sessionId: row.sessionId, slotId: row.slotId, status: dto.status } },
    private: { audience: [producerAudience(row.producerId), buyerAudience(row.buyerId)], data: { change, request: dto } },
  });
}

/** The slots of a session where a buyer still has a free representative and attends. */
export async function freeSlotsOf(tx: Tx, sessionId: string, buyerId: string, now: Date): Promise<string[]> {
  // One after the other: a transaction's queries share its one connection.
  const participant = await tx.sessionBuyer.findUnique({
    where: { sessionId_buyerId: { sessionId, buyerId } },
    select: { representatives: true, blockedSlotIds: true },
  });
  const slots = await tx.slot.findMany({
    where: { sessionId, startsAt: { gt: now } },
    select: { id: true },
    orderBy: { position: 'asc' },
  });
  const meetings = await tx.meeting.groupBy({
    by: ['activeSlotId'],
    where: { sessionId, buyerId, activeSlotId: { not: null } },
    _count: { _all: true },
  });
  if (!participant) return [];
  const used = new Map(meetings.map((m) => [m.activeSlotId, m._count._all]));
  return slotsWithFreeSeat(
    slots.map((s) => s.id),
    { representatives: participant.representatives, blockedSlotIds: new Set(blockedSlotIdsOf(participant.blockedSlotIds)) },
    (id) => used.get(id) ?? 0,
  );
}

export function createRequestsRepository(prisma: Db, provider: DatabaseProvider) {
  const inTx = <T>(work: (tx: Tx) => Promise<T>) => orConflict(prisma.$transaction(work));

  async function requestIn(tx: Tx, requestId: string): Promise<RequestRow> {
    const row = await tx.meetingRequest.findUnique({ where: { id: requestId }, select: requestSelect });
    if (!row) throw notFound('Request');
    return row;
  }

  /** Stores a pending request's end (compare-and-set: only if still pending). */
  async function close(
    tx: Tx,
    id: string,
    status: 'declined' | 'expired' | 'withdrawn',
    actorId: string | null,
    now: Date,
    reason: string | null,
  ) {
    const { count } = await tx.meetingRequest.updateMany({
      where: { id, status: 'pending' },
      data: { status, pendingSlotId: null, decidedAt: now, decidedById: actorId, reason },
    });
    return count === 1;
  }

  return {
    get(requestId: string) {
      return prisma.meetingRequest.findUnique({ where: { id: requestId }, select: requestSelect });
    },

    listForSession(sessionId: string, filter: { producerId?: string; buyerId?: string }) {
      return prisma.meetingRequest.findMany({
        where: {
          sessionId,
          ...(filter.producerId ? { producerId: filter.producerId } : {}),
          ...(filter.buyerId ? { buyerId: filter.buyerId } : {}),
        },
        select: requestSelect,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: 1000,
      });
    },

    create(input: {
      sessionId: string;
      slotId: string;
      producerId: string;
      buyerId: string;
      message: string;
      actor: Actor;
      now: Date;
    }) {
      return inTx(async (tx) => {
        const session = await sessionIn(tx, input.sessionId);
        openForChanges(session);
        if (session.bookingMode !== 'request')
          throw meetingConflict('state', 'In this session meetings are booked directly, without a request', {
            path: 'sessionId',
            code: 'instant_booking',
          });
        if (!input.actor.staff) bookingOpen(session, input.now);
        const slot = await slotIn(tx, session, input.slotId);
        if (slot.startsAt.getTime() <= input.now.getTime())
          throw meetingConflict('state', 'This slot has already begun', { path: 'slotId', code: 'slot_past' });
        await producerExists(tx, input.producerId);
        await buyerExists(tx, input.buyerId);
        await lockParties(tx, provider, { slotIds: [slot.id], producerIds: [input.producerId], buyerIds: [input.buyerId] });
        // The meeting could stand now (free seat, table, producer, limits); else no point asking.
        await findPlace(tx, { session, slotId: slot.id, producerId: input.producerId, buyerId: input.buyerId });
        const pending = await tx.meetingRequest.count({
          where: { sessionId: session.id, producerId: input.producerId, status: 'pending', expiresAt: { gt: input.now } },
        });
        if (pending >= session.maxPendingPerProducer)
          throw meetingConflict(
            'limit',
            `A producer has at most ${session.maxPendingPerProducer} requests waiting for an answer`,
            {
              path: 'producerId',
              code: 'pending_limit',
            },
          );
        // A pending one past its time no longer holds the key a new request takes.
        const stale = await tx.meetingRequest.findMany({
          where: { pendingSlotId: slot.id, producerId: input.producerId, buyerId: input.buyerId, expiresAt: { lte: input.now } },
          select: requestSelect,
        });
        const facts: OutgoingFact[] = [];
        for (const old of stale)
          if (await close(tx, old.id, 'expired', null, input.now, null))
            facts.push(await requestFact(tx, await requestIn(tx, old.id), 'expired', null, input.now));
        const created = await tx.meetingRequest.create({
          data: {
            eventId: session.eventId,
            sessionId: session.id,
            slotId: slot.id,
            pendingSlotId: slot.id,
            producerId: input.producerId,
            buyerId: input.buyerId,
            message: input.message,
            // Unanswered, it expires after the session's time, or when its slot begins if sooner.
            expiresAt: new Date(Math.min(input.now.getTime() + session.requestTtlMinutes * 60_000, slot.startsAt.getTime())),
          },
          select: requestSelect,
        });
        facts.push(await requestFact(tx, created, 'requested', input.actor.userId, input.now));
        return { request: created, facts };
      });
    },

    /**
     * The buyer (or an organiser) accepts: the meeting is booked, and when the buyer has no free
     * representative left in the slot the other requests for it are declined, each told the
     * buyer's other free slots; the producer's other requests for that slot are withdrawn.
     */
    accept(input: { requestId: string; actor: Actor; now: Date }) {
      return inTx(async (tx) => {
        const first = await requestIn(tx, input.requestId);
        await lockParties(tx, provider, { slotIds: [first.slotId], producerIds: [first.producerId], buyerIds: [first.buyerId] });
        const row = await requestIn(tx, input.requestId);
        const status = requestStatusAt(row, input.now);
        if (status !== 'pending') throw meetingConflict('request', `This request is ${status}: it can no longer be accepted`);
        const session = await sessionIn(tx, row.sessionId);
        openForChanges(session);
        if (row.slot.startsAt.getTime() <= input.now.getTime())
          throw meetingConflict('state', 'This slot has already begun', { path: 'requestId', code: 'slot_past' });
        const meeting = await placeMeeting(tx, {
          session,
          slotId: row.slotId,
          producerId: row.producerId,
          buyerId: row.buyerId,
          source: 'request',
          actorId: input.actor.userId,
        });
        const { count } = await tx.meetingRequest.updateMany({
          where: { id: row.id, status: 'pending' },
          data: {
            status: 'accepted',
            pendingSlotId: null,
            decidedAt: input.now,
            decidedById: input.actor.userId,
            meetingId: meeting.id,
          },
        });
        if (count !== 1) throw meetingConflict('request', 'This request was answered meanwhile');
        // Every write first, the facts last: a fact takes the event's seq row, and declines,
        // withdrawals and the expiry sweep lock a request before it; taking them the other way
        // round here deadlocked on PostgreSQL.
        const free = await freeSlotsOf(tx, session.id, row.buyerId, input.now);
        const others = await tx.meetingRequest.findMany({
          where: {
            status: 'pending',
            id: { not: row.id },
            OR: [
              ...(free.includes(row.slotId) ? [] : [{ slotId: row.slotId, buyerId: row.buyerId }]),
              { slotId: row.slotId, producerId: row.producerId },
            ],
          },
          select: { id: true, buyerId: true },
          orderBy: { id: 'asc' },
        });
        const ended: { id: string; how: 'declined' | 'withdrawn'; slotTaken: boolean }[] = [];
        for (const other of others) {
          const slotTaken = other.buyerId === row.buyerId;
          const how = slotTaken ? 'declined' : 'withdrawn';
          if (await close(tx, other.id, how, input.actor.userId, input.now, slotTaken ? 'slot_taken' : 'producer_booked'))
            ended.push({ id: other.id, how, slotTaken });
        }
        const facts: OutgoingFact[] = [await meetingFact(tx, meeting, 'booked', input.actor.userId)];
        facts.push(await requestFact(tx, await requestIn(tx, row.id), 'accepted', input.actor.userId, input.now));
        for (const e of ended)
          facts.push(
            await requestFact(
              tx,
              await requestIn(tx, e.id),
              e.how,
              input.actor.userId,
              input.now,
              e.slotTaken ? free : undefined,
            ),
          );
        return { request: await requestIn(tx, row.id), meeting, facts };
      });
    },

    decline(input: { requestId: string; actor: Actor; now: Date; reason?: string }) {
      return inTx(async (tx) => {
        const row = await requestIn(tx, input.requestId);
        const status = requestStatusAt(row, input.now);
        if (status !== 'pending') throw meetingConflict('request', `This request is ${status}: it can no longer be declined`);
        if (!(await close(tx, row.id, 'declined', input.actor.userId, input.now, input.reason ?? 'declined')))
          throw meetingConflict('request', 'This request was answered meanwhile');
        const free = await freeSlotsOf(tx, row.sessionId, row.buyerId, input.now);
        const after = await requestIn(tx, row.id);
        const fact = await requestFact(tx, after, 'declined', input.actor.userId, input.now, free);
        return { request: after, free, facts: [fact] };
      });
    },

    withdraw(input: { requestId: string; actor: Actor; now: Date }) {
      return inTx(async (tx) => {
        const row = await requestIn(tx, input.requestId);
        const status = requestStatusAt(row, input.now);
        if (status !== 'pending') throw meetingConflict('request', `This request is ${status}: there is nothing to withdraw`);
        if (!(await close(tx, row.id, 'withdrawn', input.actor.userId, input.now, 'withdrawn')))
          throw meetingConflict('request', 'This request was answered meanwhile');
        const after = await requestIn(tx, row.id);
        return { request: after, facts: [await requestFact(tx, after, 'withdrawn', input.actor.userId, input.now)] };
      });
    },

    /** Stores and announces the requests past their time, each once (compare-and-set). */
    async sweepExpired(now: Date, limit = 200): Promise<OutgoingFact[]> {
      const due = await prisma.meetingRequest.findMany({
        where: { status: 'pending', expiresAt: { lte: now } },
        select: { id: true },
        take: limit,
        orderBy: { expiresAt: 'asc' },
      });
      const facts: OutgoingFact[] = [];
      for (const { id } of due) {
        const fact = await prisma.$transaction(async (tx) => {
          if (!(await close(tx, id, 'expired', null, now, null))) return null;
          return requestFact(tx, await requestIn(tx, id), 'expired', null, now);
        });
        if (fact) facts.push(fact);
      }
      return facts;
    },
  };
}
export type RequestsRepository = ReturnType<typeof createRequestsRepository>;
