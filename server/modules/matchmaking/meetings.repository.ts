// Meetings: booking, cancelling, rescheduling, the day's check-in and attendance, and outcomes.
// Each change is one transaction that locks what it reads its rules from (placement.ts), decides,
// writes, and logs its fact last; the service publishes the fact once it has committed.
import { randomUUID } from 'node:crypto';
import type { DatabaseProvider } from '../../db/migrations-dir.ts';
import type { Db, Prisma } from '../../db/database.ts';
import type { RawDb, RawSql } from '../../db/raw.ts';
import { notFound } from '../../errors.ts';
import { orConflict } from '../../conflicts.ts';
import { dealStatuses, type MeetingSide, type OutcomeBody } from '../../contracts/matchmaking.ts';
import type { MeetingChanged } from '../../contracts/realtime.ts';
import { buyerAudience, producerAudience, type OutgoingFact } from '../../realtime/publisher.ts';
import { appendFact } from '../activity/activity.repository.ts';
import { meetingSelect, toMeetingDto, toMeetingPublic, type MeetingRow } from './meeting-view.ts';
import {
  crossProvinceOnly,
  decidePlace,
  placementFacts,
  findPlace,
  lockParties,
  meetingConflict,
  openForChanges,
  sessionIn,
  slotIn,
  bookingOpen,
} from './placement.ts';
import { DomainError } from '../../errors.ts';

type Tx = Prisma.TransactionClient;

interface BookingContext {
  eventId: string;
  tableCount: number | bigint;
  bookingMode: string;
  bookingOpensAt: Date | null;
  bookingClosesAt: Date | null;
  maxMeetingsPerProducer: number | bigint;
  maxMeetingsPerBuyer: number | bigint | null;
  sameProvincePairs: boolean | number | bigint;
  eventStatus: string;
  eventKind: string;
  slotId: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  producerName: string | null;
  buyerName: string | null;
  representatives: number | bigint | null;
  blockedSlotIds: string | null;
}

const invalid = (path: string, code: string, message: string) =>
  new DomainError('VALIDATION_FAILED', message, { fields: [{ path, message, code }] });

/** The fact of a meeting's change: whole for its two parties and organisers, a table for the rest. */
export function meetingFact(
  tx: Pick<RawSql, '$queryRaw' | '$executeRaw'>,
  row: MeetingRow,
  change: MeetingChanged['change'],
  actorId: string | null,
  from?: MeetingChanged['from'],
  actorIsStaff?: boolean,
): Promise<OutgoingFact<'meeting:changed'>> {
  const extra = from ? { from } : {};
  return appendFact(tx, {
    type: 'meeting:changed',
    eventId: row.eventId,
    actorId,
    ...(actorIsStaff !== undefined ? { actorIsStaff } : {}),
    data: { change, meeting: toMeetingPublic(row), ...extra },
    private: {
      audience: [producerAudience(row.producerId), buyerAudience(row.buyerId)],
      data: { change, meeting: toMeetingDto(row), ...extra },
    },
  });
}

export interface Actor {
  userId: string;
  /** Who the caller is to this meeting: decides who records and who confirms an outcome. */
  side: MeetingSide;
  /** Organisers may book outside the booking window and for any producer. */
  staff: boolean;
}

export function createMeetingsRepository(prisma: Db, provider: DatabaseProvider, raw: RawDb) {
  const inTx = <T>(work: (tx: Tx) => Promise<T>) => orConflict(prisma.$transaction(work));

  async function meetingIn(tx: Tx, meetingId: string): Promise<MeetingRow> {
    const row = await tx.meeting.findUnique({ where: { id: meetingId }, select: meetingSelect });
    if (!row) throw notFound('Meeting');
    return row;
  }

  /** Locks a meeting's parties (and extra slots) and reads it again under the locks. */
  async function lockedMeeting(tx: Tx, meetingId: string, extraSlotIds: string[] = []): Promise<MeetingRow> {
    const first = await meetingIn(tx, meetingId);
    await lockParties(tx, provider, {
      slotIds: [first.slotId, ...extraSlotIds],
      producerIds: [first.producerId],
      buyerIds: [first.buyerId],
    });
    if (provider === 'postgresql')
      await tx.$queryRawUnsafe(`SELECT "id" FROM "Meeting" WHERE "id" = $1 FOR NO KEY UPDATE`, meetingId);
    return meetingIn(tx, meetingId);
  }

  return {
    get(meetingId: string) {
      return prisma.meeting.findUnique({ where: { id: meetingId }, select: meetingSelect });
    },

    listForSession(sessionId: string, filter: { producerId?: string; buyerId?: string; includeCancelled?: boolean }) {
      return prisma.meeting.findMany({
        where: {
          sessionId,
          ...(filter.producerId ? { producerId: filter.producerId } : {}),
          ...(filter.buyerId ? { buyerId: filter.buyerId } : {}),
          ...(filter.includeCancelled ? {} : { activeSlotId: { not: null } }),
        },
        select: meetingSelect,
        orderBy: [{ slot: { position: 'asc' } }, { tableNumber: 'asc' }, { id: 'asc' }],
      });
    },

    /**
     * The hot path of the fair's opening: two reads under the locks (everything the rules need,
     * then the meetings around the slot), the insert and the fact. The answer is built from what
     * was read, with no read back. Plain statements in a plain transaction (db/raw.ts): through
     * Prisma's engine these seven statements cost ten times what SQLite spends on them.
     */
    book(input: {
      sessionId: string;
      slotId: string;
      producerId: string;
      buyerId: string;
      actor: Actor;
      now: Date;
      source?: 'booking' | 'request';
    }) {
      return orConflict(
        raw.transaction(async (tx) => {
          const { sessionId, slotId, producerId, buyerId, actor } = input;
          await lockParties(tx, provider, { slotIds: [slotId], producerIds: [producerId], buyerIds: [buyerId] });
          const [ctx] = await tx.$queryRaw<BookingContext[]>`
          SELECT s."eventId", s."tableCount", s."bookingMode", s."bookingOpensAt", s."bookingClosesAt",
                 s."maxMeetingsPerProducer", s."maxMeetingsPerBuyer", s."sameProvincePairs", e."status" AS "eventStatus", e."kind" AS "eventKind",
                 sl."id" AS "slotId", sl."startsAt", sl."endsAt", p."name" AS "producerName", b."name" AS "buyerName",
                 sb."representatives", sb."blockedSlotIds"
          FROM "MatchmakingSession" s
          JOIN "Event" e ON e."id" = s."eventId"
          LEFT JOIN "Slot" sl ON sl."id" = ${slotId} AND sl."sessionId" = s."id"
          LEFT JOIN "Producer" p ON p."id" = ${producerId}
          LEFT JOIN "Buyer" b ON b."id" = ${buyerId}
          LEFT JOIN "SessionBuyer" sb ON sb."sessionId" = s."id" AND sb."buyerId" = ${buyerId}
          WHERE s."id" = ${sessionId}`;
          // A draft event is the organisers' (and officials', who cannot book): 404 to anyone else.
          if (!ctx || (ctx.eventStatus === 'draft' && !actor.staff)) throw notFound('Session');
          const session = {
            id: sessionId,
            tableCount: Number(ctx.tableCount),
            maxMeetingsPerProducer: Number(ctx.maxMeetingsPerProducer),
            maxMeetingsPerBuyer: ctx.maxMeetingsPerBuyer === null ? null : Number(ctx.maxMeetingsPerBuyer),
            // SQLite answers a boolean as 0 or 1
            crossProvinceOnly: crossProvinceOnly(ctx.eventKind, Boolean(Number(ctx.sameProvincePairs))),
          };
          openForChanges({ event: { status: ctx.eventStatus } });
          if (!actor.staff) {
            bookingOpen(ctx, input.now);
            if (ctx.bookingMode === 'request' && actor.side === 'producer')
              throw meetingConflict('state', 'In this session a producer sends a request, which the buyer accepts', {
                path: 'sessionId',
                code: 'requests_only',
              });
          }
          if (!ctx.slotId) throw invalid('slotId', 'unknown_slot', 'This session has no slot with this id');
          if (!actor.staff && ctx.startsAt!.getTime() <= input.now.getTime())
            throw meetingConflict('state', 'This slot has already begun', { path: 'slotId', code: 'slot_past' });
          if (ctx.producerName === null) throw invalid('producerId', 'unknown_producer', 'No producer has this id');
          if (ctx.buyerName === null) throw invalid('buyerId', 'unknown_buyer', 'No buyer has this id');
          const participant =
            ctx.representatives === null
              ? null
              : { representatives: Number(ctx.representatives), blockedSlotIds: ctx.blockedSlotIds ?? '[]' };
          const facts = await placementFacts(tx, {
            sessionId,
            slotId,
            producerId,
            buyerId,
            representatives: participant?.representatives ?? null,
            tableCount: session.tableCount,
          });
          const place = decidePlace(session, { slotId, producerId, buyerId }, { participant, ...facts });
          const source = input.source ?? 'booking';
          // One plain insert (a model call costs three times as much on the fair's busiest path).
          const created = { id: randomUUID(), createdAt: input.now };
          await tx.$executeRaw`
          INSERT INTO "Meeting" ("id", "eventId", "sessionId", "slotId", "activeSlotId", "producerId", "buyerId", "tableNumber",
                                 "buyerSeat", "status", "source", "bookedById", "sequence", "createdAt", "updatedAt")
          VALUES (${created.id}, ${ctx.eventId}, ${sessionId}, ${slotId}, ${slotId}, ${producerId}, ${buyerId}, ${place.tableNumber},
                  ${place.buyerSeat}, 'booked', ${source}, ${actor.userId}, 0, ${created.createdAt}, ${created.createdAt})`;
          const row: MeetingRow = {
            id: created.id,
            eventId: ctx.eventId,
            sessionId,
            slotId,
            ...place,
            status: 'booked',
            source,
            producerId,
            buyerId,
            producerCheckedInAt: null,
            buyerCheckedInAt: null,
            sequence: 0,
            outcomeStatus: null,
            outcomeValueVnd: null,
            outcomeProductIds: '[]',
            outcomeNote: '',
            outcomeBy: null,
            outcomeAt: null,
            outcomeConfirmation: null,
            outcomeConfirmedAt: null,
            createdAt: created.createdAt,
            slot: { startsAt: ctx.startsAt!, endsAt: ctx.endsAt! },
            producer: { id: producerId, name: ctx.producerName },
            buyer: { id: buyerId, name: ctx.buyerName },
          };
          const fact = await meetingFact(tx, row, 'booked', actor.userId, undefined, actor.staff);
          return { meeting: row, facts: [fact] };
        }),
      );
    },

    cancel(input: { meetingId: string; actor: Actor; now: Date }) {
      return inTx(async (tx) => {
        const row = await lockedMeeting(tx, input.meetingId);
        const session = await sessionIn(tx, row.sessionId);
        openForChanges(session);
        if (row.status === 'cancelled') throw meetingConflict('state', 'This meeting is already cancelled');
        if (row.status !== 'booked' && !input.actor.staff)
          throw meetingConflict('state', 'This meeting has taken place (or was marked a no-show): it can no longer be cancelled');
        await tx.meeting.update({
          where: { id: row.id },
          data: {
            status: 'cancelled',
            activeSlotId: null,
            cancelledAt: input.now,
            cancelledById: input.actor.userId,
            sequence: { increment: 1 },
          },
        });
        const after = await meetingIn(tx, row.id);
        const fact = await meetingFact(tx, after, 'cancelled', input.actor.userId);
        return { meeting: after, facts: [fact] };
      });
    },

    reschedule(input: { meetingId: string; slotId: string; actor: Actor; now: Date }) {
      return inTx(async (tx) => {
        const row = await lockedMeeting(tx, input.meetingId, [input.slotId]);
        const session = await sessionIn(tx, row.sessionId);
        openForChanges(session);
        if (row.status !== 'booked') throw meetingConflict('state', 'Only a booked meeting can move to another slot');
        if (!input.actor.staff) {
          bookingOpen(session, input.now);
          if (session.bookingMode === 'request' && input.actor.side === 'producer')
            throw meetingConflict(
              'state',
              'In this session the buyer agrees to a slot: cancel and send a request for another one',
              {
                path: 'slotId',
                code: 'requests_only',
              },
            );
        }
        const slot = await slotIn(tx, session, input.slotId);
        if (slot.id === row.slotId) return { meeting: row, facts: [] };
        if (!input.actor.staff && slot.startsAt.getTime() <= input.now.getTime())
          throw meetingConflict('state', 'This slot has already begun', { path: 'slotId', code: 'slot_past' });
        const place = await findPlace(tx, {
          session,
          slotId: slot.id,
          producerId: row.producerId,
          buyerId: row.buyerId,
          movingId: row.id,
        });
        await tx.meeting.update({
          where: { id: row.id },
          data: {
            slotId: slot.id,
            activeSlotId: slot.id,
            ...place,
            sequence: { increment: 1 },
            producerCheckedInAt: null,
            buyerCheckedInAt: null,
          },
        });
        const after = await meetingIn(tx, row.id);
        const fact = await meetingFact(tx, after, 'rescheduled', input.actor.userId, {
          slotId: row.slotId,
          tableNumber: row.tableNumber,
        });
        return { meeting: after, facts: [fact] };
      });
    },

    /** A party arrives at its table; when both have, the meeting is held. */
    checkIn(input: { meetingId: string; party: 'producer' | 'buyer'; actor: Actor; now: Date }) {
      return inTx(async (tx) => {
        const row = await lockedMeeting(tx, input.meetingId);
        openForChanges(await sessionIn(tx, row.sessionId));
        if (row.status === 'cancelled') throw meetingConflict('state', 'This meeting was cancelled');
        const field = input.party === 'producer' ? 'producerCheckedInAt' : 'buyerCheckedInAt';
        if (row[field]) return { meeting: row, facts: [] };
        const other = input.party === 'producer' ? row.buyerCheckedInAt : row.producerCheckedInAt;
        await tx.meeting.update({
          where: { id: row.id },
          data: { [field]: input.now, ...(other && row.status !== 'held' ? { status: 'held' } : {}) },
        });
        const after = await meetingIn(tx, row.id);
        const fact = await meetingFact(
          tx,
          after,
          after.status === 'held' && row.status !== 'held' ? 'held' : 'checked_in',
          input.actor.userId,
        );
        return { meeting: after, facts: [fact] };
      });
    },

    /** Organisers mark a meeting held or a no-show on the day. */
    attendance(input: { meetingId: string; status: 'held' | 'no_show'; actor: Actor }) {
      return inTx(async (tx) => {
        const row = await lockedMeeting(tx, input.meetingId);
        openForChanges(await sessionIn(tx, row.sessionId));
        if (row.status === 'cancelled') throw meetingConflict('state', 'This meeting was cancelled');
        if (row.status === input.status) return { meeting: row, facts: [] };
        if (input.status === 'no_show' && row.outcomeStatus)
          throw meetingConflict('state', 'This meeting has an outcome recorded: it took place');
        await tx.meeting.update({ where: { id: row.id }, data: { status: input.status, sequence: { increment: 1 } } });
        const after = await meetingIn(tx, row.id);
        const fact = await meetingFact(tx, after, input.status, input.actor.userId);
        return { meeting: after, facts: [fact] };
      });
    },

    /**
     * One side records the result. An organiser's record stands confirmed (entered from the
     * signed forms); a party's waits for the other side, unless it repeats what the other side
     * recorded, which is then agreed by both.
     */
    recordOutcome(input: { meetingId: string; body: OutcomeBody; actor: Actor; now: Date }) {
      return inTx(async (tx) => {
        const row = await lockedMeeting(tx, input.meetingId);
        if (row.status === 'cancelled') throw meetingConflict('state', 'This meeting was cancelled: it has no outcome');
        if (row.status === 'no_show') throw meetingConflict('state', 'This meeting did not take place (no-show)');
        const { body, actor } = input;
        if (row.outcomeBy === 'organiser' && actor.side !== 'organiser')
          throw meetingConflict('state', 'Organisers recorded this outcome from the signed forms: ask them to change it', {
            path: 'status',
            code: 'outcome_by_organiser',
          });
        const productIds = [...new Set(body.productIds ?? [])];
        if (productIds.length > 0) {
          const own = await tx.product.count({ where: { id: { in: productIds }, producerId: row.producerId } });
          if (own !== productIds.length)
            throw new DomainError('VALIDATION_FAILED', 'Name products of this meeting’s producer', {
              fields: [{ path: 'productIds', code: 'unknown_product', message: 'Name products of this meeting’s producer' }],
            });
        }
        const value = body.valueVnd === undefined ? null : BigInt(body.valueVnd);
        const sameAsOther =
          row.outcomeBy !== null &&
          row.outcomeBy !== actor.side &&
          row.outcomeBy !== 'organiser' &&
          row.outcomeStatus === body.status &&
          (row.outcomeValueVnd ?? null) === value;
        const confirmation = actor.side === 'organiser' || sameAsOther ? 'confirmed' : 'pending';
        await tx.meeting.update({
          where: { id: row.id },
          data: {
            outcomeStatus: body.status,
            outcomeValueVnd: value,
            outcomeProductIds: JSON.stringify(productIds),
            outcomeNote: body.note ?? '',
            outcomeBy: sameAsOther ? row.outcomeBy : actor.side,
            outcomeAt: input.now,
            outcomeConfirmation: confirmation,
            outcomeConfirmedAt: confirmation === 'confirmed' ? input.now : null,
          },
        });
        await tx.meetingOutcomeRecord.create({
          data: {
            meetingId: row.id,
            kind: sameAsOther ? 'confirmed' : 'recorded',
            side: actor.side,
            status: body.status,
            valueVnd: value,
            productIds: JSON.stringify(productIds),
            note: body.note ?? '',
            userId: actor.userId,
          },
        });
        const after = await meetingIn(tx, row.id);
        const fact = await meetingFact(tx, after, sameAsOther ? 'outcome_confirmed' : 'outcome_recorded', actor.userId);
        return { meeting: after, facts: [fact] };
      });
    },

    /** The other side agrees with the recorded outcome, or disputes it. */
    confirmOutcome(input: {
      meetingId: string;
      agree: boolean;
      note?: string;
      /** What the confirming side read: refused if the outcome changed since. */
      expected?: { status?: string; valueVnd?: number | null };
      actor: Actor;
      now: Date;
    }) {
      return inTx(async (tx) => {
        const row = await lockedMeeting(tx, input.meetingId);
        if (!row.outcomeStatus || !row.outcomeBy)
          throw meetingConflict('state', 'No outcome has been recorded for this meeting yet');
        if (row.status === 'cancelled') throw meetingConflict('state', 'This meeting was cancelled');
        if (row.outcomeBy === input.actor.side)
          throw meetingConflict('state', 'The other side of the meeting confirms an outcome, not the side that recorded it');
        if (
          (input.expected?.status !== undefined && input.expected.status !== row.outcomeStatus) ||
          (input.expected?.valueVnd !== undefined &&
            (input.expected.valueVnd === null ? null : BigInt(input.expected.valueVnd)) !== (row.outcomeValueVnd ?? null))
        )
          throw meetingConflict('state', 'The outcome changed since you read it: read it again before confirming', {
            path: 'status',
            code: 'outcome_changed',
          });
        if (row.outcomeConfirmation !== 'pending')
          throw meetingConflict('state', `This outcome is already ${row.outcomeConfirmation}; record it again to change it`);
        const confirmation = input.agree ? 'confirmed' : 'disputed';
        await tx.meeting.update({
          where: { id: row.id },
          data: { outcomeConfirmation: confirmation, outcomeConfirmedAt: input.agree ? input.now : null },
        });
        await tx.meetingOutcomeRecord.create({
          data: {
            meetingId: row.id,
            kind: confirmation,
            side: input.actor.side,
            status: row.outcomeStatus,
            valueVnd: row.outcomeValueVnd,
            productIds: row.outcomeProductIds,
            note: input.note ?? '',
            userId: input.actor.userId,
          },
        });
        const after = await meetingIn(tx, row.id);
        const fact = await meetingFact(tx, after, input.agree ? 'outcome_confirmed' : 'outcome_disputed', input.actor.userId);
        return { meeting: after, facts: [fact] };
      });
    },

    outcomeHistory(meetingId: string) {
      return prisma.meetingOutcomeRecord.findMany({
        where: { meetingId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { kind: true, side: true, status: true, valueVnd: true, note: true, createdAt: true },
      });
    },
  };
}
export type MeetingsRepository = ReturnType<typeof createMeetingsRepository>;

/** Whether a meeting's outcome counts as a deal: an agreement or a listing both sides confirmed. */
export const isDeal = (row: Pick<MeetingRow, 'status' | 'outcomeStatus' | 'outcomeConfirmation'>) =>
  row.status !== 'cancelled' &&
  row.outcomeConfirmation === 'confirmed' &&
  (dealStatuses as readonly string[]).includes(row.outcomeStatus ?? '');
