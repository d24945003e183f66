// Matchmaking sessions: their settings and slots, and the buyers taking part (representatives,
// blocked slots). A session's times can change only while nothing is booked or requested in it:
// its slots are cut anew, and a meeting must never lose the slot it stands in.
import type { Db, Prisma } from '../../db/database.ts';
import { orConflict } from '../../conflicts.ts';
import { DomainError, notFound } from '../../errors.ts';
import type { SessionInput, SessionPatch } from '../../contracts/matchmaking.ts';
import { appendFact } from '../activity/activity.repository.ts';
import type { OutgoingFact } from '../../realtime/publisher.ts';
import { lockParties, meetingConflict, sessionSettingsSelect } from './placement.ts';
import type { DatabaseProvider } from '../../db/migrations-dir.ts';
import { breaksOf, slotTimes } from './slots.ts';

type Tx = Prisma.TransactionClient;

export const sessionDetailSelect = {
  ...sessionSettingsSelect,
  slots: { select: { id: true, startsAt: true, endsAt: true }, orderBy: { position: 'asc' } },
} as const satisfies Prisma.MatchmakingSessionSelect;
export type SessionDetailRow = Prisma.MatchmakingSessionGetPayload<{ select: typeof sessionDetailSelect }>;

const TIMING = ['startsAt', 'endsAt', 'slotMinutes', 'breaks'] as const;

function columnsOf(input: Partial<SessionInput>) {
  const { breaks, startsAt, endsAt, bookingOpensAt, bookingClosesAt, ...rest } = input;
  const date = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));
  return {
    ...rest,
    ...(breaks !== undefined
      ? {
          breaks: JSON.stringify(
            breaks.map((b) => ({ startsAt: new Date(b.startsAt).toISOString(), endsAt: new Date(b.endsAt).toISOString() })),
          ),
        }
      : {}),
    ...(startsAt !== undefined ? { startsAt: new Date(startsAt) } : {}),
    ...(endsAt !== undefined ? { endsAt: new Date(endsAt) } : {}),
    ...(bookingOpensAt !== undefined ? { bookingOpensAt: date(bookingOpensAt) } : {}),
    ...(bookingClosesAt !== undefined ? { bookingClosesAt: date(bookingClosesAt) } : {}),
  };
}

async function cutSlots(tx: Tx, sessionId: string) {
  const s = await tx.matchmakingSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { startsAt: true, endsAt: true, slotMinutes: true, breaks: true },
  });
  const slots = slotTimes(s.startsAt, s.endsAt, s.slotMinutes, breaksOf(s.breaks));
  await tx.slot.deleteMany({ where: { sessionId } });
  // A draft schedule was fitted into the slots just cut away: it can no longer be published.
  await tx.scheduleProposal.updateMany({ where: { sessionId, status: 'draft' }, data: { status: 'discarded' } });
  await tx.slot.createMany({ data: slots.map((slot, position) => ({ sessionId, position, ...slot })) });
}

export function createMatchmakingRepository(prisma: Db, provider: DatabaseProvider) {
  const sessionFact = (tx: Tx, eventId: string, sessionId: string, change: 'created' | 'updated' | 'buyers', actorId: string) =>
    appendFact(tx, { type: 'session:changed', eventId, actorId, data: { sessionId, change } });

  return {
    sessionsOfEvent(eventId: string): Promise<SessionDetailRow[]> {
      return prisma.matchmakingSession.findMany({
        where: { eventId },
        select: sessionDetailSelect,
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      });
    },

    findSession(sessionId: string): Promise<SessionDetailRow | null> {
      return prisma.matchmakingSession.findUnique({ where: { id: sessionId }, select: sessionDetailSelect });
    },

    createSession(eventId: string, input: SessionInput, actorId: string) {
      return prisma.$transaction(async (tx) => {
        const event = await tx.event.findUnique({ where: { id: eventId }, select: { status: true } });
        if (!event) throw notFound('Event');
        if (event.status === 'closed')
          throw meetingConflict('state', 'The event is closed', { path: 'eventId', code: 'event_closed' });
        const { id } = await tx.matchmakingSession.create({
          data: { eventId, ...columnsOf(input) } as Prisma.MatchmakingSessionUncheckedCreateInput,
          select: { id: true },
        });
        await cutSlots(tx, id);
        const fact = await sessionFact(tx, eventId, id, 'created', actorId);
        return { id, facts: [fact] as OutgoingFact[] };
      });
    },

    updateSession(sessionId: string, patch: SessionPatch, actorId: string) {
      return prisma.$transaction(async (tx) => {
        const current = await tx.matchmakingSession.findUnique({
          where: { id: sessionId },
          select: { id: true, eventId: true, slots: { select: { id: true } } },
        });
        if (!current) throw notFound('Session');
        // Every booking locks its slot first: with all of them locked here, none lands between
        // the checks below and the change (a meeting counted before its slot is cut, a table
        // counted before the tables are fewer).
        await lockParties(tx, provider, { slotIds: current.slots.map((s) => s.id) });
        const retimed = TIMING.some((k) => patch[k] !== undefined);
        if (retimed) {
          // One after the other: a transaction's queries share its one connection.
          const meetings = await tx.meeting.count({ where: { sessionId } });
          const requests = await tx.meetingRequest.count({ where: { sessionId } });
          if (meetings + requests > 0)
            throw meetingConflict(
              'state',
              'Meetings or requests stand in this session: its times can no longer change (its slots would)',
              {
                path: TIMING.find((k) => patch[k] !== undefined)!,
                code: 'session_has_meetings',
              },
            );
        }
        if (patch.tableCount !== undefined) {
          const highest = await tx.meeting.aggregate({
            where: { sessionId, activeSlotId: { not: null } },
            _max: { tableNumber: true },
          });
          if ((highest._max.tableNumber ?? 0) > patch.tableCount)
            throw meetingConflict(
              'state',
              `A meeting stands at table ${highest._max.tableNumber}: move it before removing that table`,
              {
                path: 'tableCount',
                code: 'table_in_use',
              },
            );
        }
        await tx.matchmakingSession.update({
          where: { id: sessionId },
          data: columnsOf(patch) as Prisma.MatchmakingSessionUncheckedUpdateInput,
        });
        if (retimed) await cutSlots(tx, sessionId);
        const fact = await sessionFact(tx, current.eventId, sessionId, 'updated', actorId);
        return { facts: [fact] as OutgoingFact[] };
      });
    },

    sessionBuyers(sessionId: string) {
      return prisma.sessionBuyer.findMany({
        where: { sessionId },
        select: { buyerId: true, representatives: true, blockedSlotIds: true, buyer: { select: { name: true } } },
        orderBy: { buyer: { nameFolded: 'asc' } },
      });
    },

    /** Meetings standing per buyer and slot in a session. */
    seatsUsed(sessionId: string) {
      return prisma.meeting.groupBy({
        by: ['buyerId', 'activeSlotId'],
        where: { sessionId, activeSlotId: { not: null } },
        _count: { _all: true },
      });
    },

    /**
     * A buyer joins the session or changes its representatives and blocked slots. Fewer
     * representatives than its meetings in a slot, or blocking a slot where it meets someone,
     * is refused: those meetings would stand on nothing.
     */
    setSessionBuyer(input: {
      sessionId: string;
      buyerId: string;
      representatives?: number;
      blockedSlotIds?: string[];
      actorId: string;
    }) {
      return orConflict(
        prisma.$transaction(async (tx) => {
          const session = await tx.matchmakingSession.findUnique({
            where: { id: input.sessionId },
            select: { eventId: true, slots: { select: { id: true } } },
          });
          if (!session) throw notFound('Session');
          const buyer = await tx.buyer.findUnique({ where: { id: input.buyerId }, select: { id: true } });
          if (!buyer) throw notFound('Buyer');
          // Bookings lock the buyer too: none lands in a slot while it is being blocked.
          await lockParties(tx, provider, { buyerIds: [input.buyerId] });
          const slotIds = new Set(session.slots.map((s) => s.id));
          const blocked = [...new Set(input.blockedSlotIds ?? [])];
          const unknown = blocked.find((id) => !slotIds.has(id));
          if (unknown)
            throw new DomainError('VALIDATION_FAILED', 'This session has no slot with this id', {
              fields: [
                {
                  path: `blockedSlotIds.${blocked.indexOf(unknown)}`,
                  code: 'unknown_slot',
                  message: 'This session has no slot with this id',
                },
              ],
            });
          const used = await tx.meeting.groupBy({
            by: ['activeSlotId'],
            where: { sessionId: input.sessionId, buyerId: input.buyerId, activeSlotId: { not: null } },
            _count: { _all: true },
          });
          if (input.representatives !== undefined) {
            // The highest seat a standing meeting holds, not how many meet at once: after a
            // cancellation seat 2 may stand alone, and one representative would meet twice.
            const seats = await tx.meeting.aggregate({
              where: { sessionId: input.sessionId, buyerId: input.buyerId, activeSlotId: { not: null } },
              _max: { buyerSeat: true },
            });
            const most = seats._max.buyerSeat ?? 0;
            if (most > input.representatives)
              throw meetingConflict(
                'buyer',
                `A meeting of this buyer stands at its representative no. ${most}: cancel or move it first`,
                {
                  path: 'representatives',
                  code: 'representatives_in_use',
                },
              );
          }
          if (input.blockedSlotIds !== undefined && used.some((u) => blocked.includes(u.activeSlotId!)))
            throw meetingConflict('buyer', 'This buyer has a meeting in a slot it would block: cancel or move it first', {
              path: 'blockedSlotIds',
              code: 'blocked_slot_in_use',
            });
          const data = {
            ...(input.representatives !== undefined ? { representatives: input.representatives } : {}),
            ...(input.blockedSlotIds !== undefined ? { blockedSlotIds: JSON.stringify(blocked) } : {}),
          };
          await tx.sessionBuyer.upsert({
            where: { sessionId_buyerId: { sessionId: input.sessionId, buyerId: input.buyerId } },
            create: { sessionId: input.sessionId, buyerId: input.buyerId, ...data },
            update: data,
          });
          const fact = await sessionFact(tx, session.eventId, input.sessionId, 'buyers', input.actorId);
          return { facts: [fact] as OutgoingFact[] };
        }),
      );
    },

    removeSessionBuyer(input: { sessionId: string; buyerId: string; actorId: string }) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.sessionBuyer.findUnique({
          where: { sessionId_buyerId: { sessionId: input.sessionId, buyerId: input.buyerId } },
          select: { session: { select: { eventId: true } } },
        });
        if (!row) throw notFound('Buyer of this session');
        await lockParties(tx, provider, { buyerIds: [input.buyerId] });
        const standing = await tx.meeting.count({
          where: { sessionId: input.sessionId, buyerId: input.buyerId, activeSlotId: { not: null } },
        });
        if (standing > 0)
          throw meetingConflict('buyer', 'This buyer has meetings in this session: cancel them first', {
            path: 'buyerId',
            code: 'buyer_has_meetings',
          });
        await tx.sessionBuyer.delete({ where: { sessionId_buyerId: { sessionId: input.sessionId, buyerId: input.buyerId } } });
        const fact = await sessionFact(tx, row.session.eventId, input.sessionId, 'buyers', input.actorId);
        return { facts: [fact] as OutgoingFact[] };
      });
    },
  };
}
export type MatchmakingRepository = ReturnType<typeof createMatchmakingRepository>;
