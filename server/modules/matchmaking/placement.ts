// Where a meeting may stand, decided in one place for bookings, accepted requests, reschedules
// and a published schedule. Every change first locks what it touches (lockParties): on
// PostgreSQL row locks taken slots first, then producers, then buyers, each in id order, so two
// changes never wait on each other in a circle; on SQLite the single writer already makes every
// change take its turn. Then it reads, decides and writes. The Meeting table's unique indexes on
// the active slot (one per producer, per buyer seat, per table) are the backstop: if anything
// slipped past the rules, the insert is refused instead of double-booking.
import type { DatabaseProvider } from '../../db/migrations-dir.ts';
import type { Prisma } from '../../db/database.ts';
import type { RawSql } from '../../db/raw.ts';
import { DomainError, notFound } from '../../errors.ts';
import type { MeetingConflict } from '../../contracts/matchmaking.ts';
import { meetingSelect, type MeetingRow } from './meeting-view.ts';

type Tx = Prisma.TransactionClient;
/** What the booking path's reads need: plain statements, in a Prisma or a plain transaction (db/raw.ts). */
type RawTx = Pick<RawSql, '$queryRaw' | '$queryRawUnsafe'>;

export const meetingConflict = (what: MeetingConflict, message: string, field?: { path: string; code: string }) =>
  new DomainError('CONFLICT', message, {
    extra: { conflict: what },
    ...(field ? { fields: [{ ...field, message }] } : {}),
  });

const invalid = (path: string, code: string, message: string) =>
  new DomainError('VALIDATION_FAILED', message, { fields: [{ path, message, code }] });

/** A session's settings, as every matchmaking read of a session takes them. */
export const sessionSettingsSelect = {
  id: true,
  eventId: true,
  name: true,
  startsAt: true,
  endsAt: true,
  slotMinutes: true,
  tableCount: true,
  breaks: true,
  bookingMode: true,
  bookingOpensAt: true,
  bookingClosesAt: true,
  maxMeetingsPerProducer: true,
  maxMeetingsPerBuyer: true,
  maxPendingPerProducer: true,
  requestTtlMinutes: true,
} as const satisfies Prisma.MatchmakingSessionSelect;

export const sessionSelect = {
  ...sessionSettingsSelect,
  event: { select: { id: true, status: true, kind: true } },
} as const satisfies Prisma.MatchmakingSessionSelect;
export type SessionRow = Prisma.MatchmakingSessionGetPayload<{ select: typeof sessionSelect }>;

export async function sessionIn(tx: Tx, sessionId: string): Promise<SessionRow> {
  const session = await tx.matchmakingSession.findUnique({ where: { id: sessionId }, select: sessionSelect });
  if (!session) throw notFound('Session');
  return session;
}

export function openForChanges(session: { event: { status: string } }) {
  if (session.event.status === 'closed')
    throw meetingConflict('state', 'The event is closed: its meetings no longer change', {
      path: 'sessionId',
      code: 'event_closed',
    });
}

/** Producers and buyers book only while the session takes bookings; organisers at any time. */
export function bookingOpen(session: Pick<SessionRow, 'bookingOpensAt' | 'bookingClosesAt'>, now: Date) {
  const t = now.getTime();
  if (session.bookingOpensAt && t < session.bookingOpensAt.getTime())
    throw meetingConflict('state', 'Booking for this session has not opened yet', {
      path: 'sessionId',
      code: 'booking_not_open',
    });
  if (session.bookingClosesAt && t >= session.bookingClosesAt.getTime())
    throw meetingConflict('state', 'Booking for this session has closed', { path: 'sessionId', code: 'booking_closed' });
}

export async function slotIn(tx: Tx, session: SessionRow, slotId: string) {
  const slot = await tx.slot.findUnique({
    where: { id: slotId },
    select: { id: true, sessionId: true, startsAt: true, endsAt: true },
  });
  if (!slot || slot.sessionId !== session.id) throw invalid('slotId', 'unknown_slot', 'This session has no slot with this id');
  return slot;
}

export async function producerExists(tx: Tx, producerId: string) {
  const producer = await tx.producer.findUnique({
    where: { id: producerId },
    select: { id: true, name: true, provinceId: true },
  });
  if (!producer) throw invalid('producerId', 'unknown_producer', 'No producer has this id');
  return producer;
}

export async function buyerExists(tx: Tx, buyerId: string) {
  const buyer = await tx.buyer.findUnique({ where: { id: buyerId }, select: { id: true, name: true, provinceId: true } });
  if (!buyer) throw invalid('buyerId', 'unknown_buyer', 'No buyer has this id');
  return buyer;
}

/**
 * Locks what a change reads its rules from, for the rest of the transaction: the slots (their
 * tables and seats), the producers (their meetings and requests across slots) and the buyers.
 * FOR NO KEY UPDATE does not block inserts that only reference these rows.
 */
export async function lockParties(
  tx: RawTx,
  provider: DatabaseProvider,
  parties: { slotIds?: string[]; producerIds?: string[]; buyerIds?: string[] },
): Promise<void> {
  if (provider !== 'postgresql') return;
  const lock = async (table: 'Slot' | 'Producer' | 'Buyer', ids: string[] | undefined) => {
    const sorted = [...new Set(ids ?? [])].sort();
    if (sorted.length === 0) return;
    await tx.$queryRawUnsafe(
      `SELECT "id" FROM "${table}" WHERE "id" IN (${sorted.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY "id" FOR NO KEY UPDATE`,
      ...sorted,
    );
  };
  await lock('Slot', parties.slotIds);
  await lock('Producer', parties.producerIds);
  await lock('Buyer', parties.buyerIds);
}

export function blockedSlotIdsOf(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export interface Placement {
  session: SessionRow;
  slotId: string;
  producerId: string;
  buyerId: string;
  /** A reschedule: the meeting that moves (it does not stand in its own way). */
  movingId?: string;
}

/** What a placement's rules read: the buyer's part in the session, and the meetings around it. */
export interface PlacementFacts {
  /** null: the buyer does not take part in the session */
  participant: { representatives: number; blockedSlotIds: string } | null;
  /** Standing meetings in the slot, and those of the producer or the buyer in the session. */
  around: {
    producerId: string;
    buyerId: string;
    buyerSeat: number;
    tableNumber: number;
    activeSlotId: string | null;
    id: string;
  }[];
}

/**
 * One query for the meetings a placement's rules read (under the caller's locks): those in the
 * slot, those of the producer or the buyer in the session (each branch on its own index: an OR
 * of them read every meeting of the session, so a booking cost grew with the session), and the producer's meetings in
 * another session of the event at an overlapping time (a household cannot sit at two tables;
 * a buyer may send other representatives to a parallel session). The last come with seat 0.
 */
export function meetingsAround(tx: RawTx, p: { sessionId: string; slotId: string; producerId: string; buyerId: string }) {
  return tx.$queryRaw<PlacementFacts['around']>`
    SELECT "id", "producerId", "buyerId", "buyerSeat", "tableNumber", "activeSlotId" FROM "Meeting"
    WHERE "activeSlotId" = ${p.slotId}
    UNION
    SELECT "id", "producerId", "buyerId", "buyerSeat", "tableNumber", "activeSlotId" FROM "Meeting"
    WHERE "sessionId" = ${p.sessionId} AND "producerId" = ${p.producerId} AND "activeSlotId" IS NOT NULL
    UNION
    SELECT "id", "producerId", "buyerId", "buyerSeat", "tableNumber", "activeSlotId" FROM "Meeting"
    WHERE "sessionId" = ${p.sessionId} AND "buyerId" = ${p.buyerId} AND "activeSlotId" IS NOT NULL
    UNION ALL
    SELECT m."id", m."producerId", '' AS "buyerId", 0 AS "buyerSeat", 0 AS "tableNumber", CAST(${p.slotId} AS TEXT) AS "activeSlotId"
    FROM "Meeting" m
    JOIN "Slot" s ON s."id" = m."activeSlotId"
    JOIN "Slot" here ON here."id" = ${p.slotId}
    WHERE m."producerId" = ${p.producerId} AND m."sessionId" <> ${p.sessionId}
      AND s."startsAt" < here."endsAt" AND here."startsAt" < s."endsAt"`;
}

/** The seat and table a meeting would take; throws the conflict that stands in the way. */
export function decidePlace(
  session: Pick<SessionRow, 'id' | 'tableCount' | 'maxMeetingsPerProducer' | 'maxMeetingsPerBuyer'>,
  p: Omit<Placement, 'session'>,
  facts: PlacementFacts,
): { buyerSeat: number; tableNumber: number } {
  const { slotId, producerId, buyerId } = p;
  const { participant } = facts;
  if (facts.around.some((m) => m.buyerSeat === 0 && m.producerId === producerId))
    throw meetingConflict('producer', 'This producer has a meeting at this time in another session', {
      path: 'slotId',
      code: 'producer_busy_elsewhere',
    });
  const around = facts.around.filter((m) => m.buyerSeat !== 0 && m.id !== p.movingId);
  if (!participant)
    throw meetingConflict('buyer', 'This buyer does not take part in this session', {
      path: 'buyerId',
      code: 'buyer_not_in_session',
    });
  if (blockedSlotIdsOf(participant.blockedSlotIds).includes(slotId))
    throw meetingConflict('buyer', 'This buyer does not attend this slot', { path: 'slotId', code: 'buyer_not_attending' });

  const inSlot = around.filter((m) => m.activeSlotId === slotId);
  if (inSlot.some((m) => m.producerId === producerId))
    throw meetingConflict('producer', 'This producer already has a meeting in this slot', {
      path: 'slotId',
      code: 'producer_busy',
    });
  const seatsTaken = new Set(inSlot.filter((m) => m.buyerId === buyerId).map((m) => m.buyerSeat));
  const buyerSeat = Array.from({ length: participant.representatives }, (_, i) => i + 1).find((s) => !seatsTaken.has(s));
  if (buyerSeat === undefined)
    throw meetingConflict(
      'buyer',
      participant.representatives > 1
        ? 'Every representative of this buyer already has a meeting in this slot'
        : 'This buyer already has a meeting in this slot',
      { path: 'slotId', code: 'buyer_busy' },
    );

  const ofParties = around.filter((m) => m.producerId === producerId || m.buyerId === buyerId);
  if (ofParties.some((m) => m.producerId === producerId && m.buyerId === buyerId))
    throw meetingConflict('limit', 'This producer already has a meeting with this buyer in this session', {
      path: 'buyerId',
      code: 'pair_already_meets',
    });
  const producerCount = ofParties.filter((m) => m.producerId === producerId).length;
  if (producerCount >= session.maxMeetingsPerProducer)
    throw meetingConflict('limit', `A producer has at most ${session.maxMeetingsPerProducer} meetings in this session`, {
      path: 'producerId',
      code: 'producer_meeting_limit',
    });
  const buyerCount = ofParties.filter((m) => m.buyerId === buyerId).length;
  if (session.maxMeetingsPerBuyer !== null && buyerCount >= session.maxMeetingsPerBuyer)
    throw meetingConflict('limit', `This buyer takes at most ${session.maxMeetingsPerBuyer} meetings in this session`, {
      path: 'buyerId',
      code: 'buyer_meeting_limit',
    });

  const tablesTaken = new Set(inSlot.map((m) => m.tableNumber));
  if (tablesTaken.size >= session.tableCount)
    throw meetingConflict('table', 'Every table of this slot is taken', { path: 'slotId', code: 'no_table' });
  // A buyer's representative keeps one table all session where it can: producers come to it.
  const ownTables = ofParties.filter((m) => m.buyerId === buyerId && m.buyerSeat === buyerSeat).map((m) => m.tableNumber);
  const preferred = ownTables.find((t) => !tablesTaken.has(t));
  const tableNumber = preferred ?? Array.from({ length: session.tableCount }, (_, i) => i + 1).find((t) => !tablesTaken.has(t))!;
  return { buyerSeat, tableNumber };
}

/** The seat and table a meeting would take (reading what the rules need); throws what stands in the way. */
export async function findPlace(tx: Tx, p: Placement): Promise<{ buyerSeat: number; tableNumber: number }> {
  // One after the other: a transaction's queries share its one connection (pg refuses overlapping ones).
  const participant = await tx.sessionBuyer.findUnique({
    where: { sessionId_buyerId: { sessionId: p.session.id, buyerId: p.buyerId } },
    select: { representatives: true, blockedSlotIds: true },
  });
  const around = await meetingsAround(tx, {
    sessionId: p.session.id,
    slotId: p.slotId,
    producerId: p.producerId,
    buyerId: p.buyerId,
  });
  return decidePlace(p.session, p, { participant, around });
}

/**
 * Books a meeting inside the caller's transaction, which must have locked its slot, producer and
 * buyer (lockParties). Throws the CONFLICT that stands in the way; writes nothing then.
 */
export async function placeMeeting(
  tx: Tx,
  p: Placement & { source: 'booking' | 'request' | 'schedule'; actorId: string | null },
): Promise<MeetingRow> {
  const place = await findPlace(tx, p);
  return tx.meeting.create({
    data: {
      eventId: p.session.eventId,
      sessionId: p.session.id,
      slotId: p.slotId,
      activeSlotId: p.slotId,
      producerId: p.producerId,
      buyerId: p.buyerId,
      ...place,
      source: p.source,
      bookedById: p.actorId,
    },
    select: meetingSelect,
  });
}
