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
  sameProvincePairs: true,
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

/** What a placement's rules read: the buyer's part in the session, and what stands around the slot. */
export interface PlacementFacts {
  /** null: the buyer does not take part in the session */
  participant: { representatives: number; blockedSlotIds: string } | null;
  /** The producer has a meeting at an overlapping time in another session of the event. */
  busyElsewhere: boolean;
  /** The producer has a meeting in this slot. */
  producerBusy: boolean;
  /** The producer already meets this buyer in the session. */
  pairMeets: boolean;
  /** Standing meetings of the producer, and of the buyer, in the session. */
  producerCount: number;
  buyerCount: number;
  /** The producer and the buyer are of one province. */
  sameProvince: boolean;
  /**
   * The lowest table number free in the slot (may exceed the session's tables); null when it was
   * not read, because the seat the meeting takes has its own table free in the slot.
   */
  firstFreeTable: number | null;
  /** Each seat and table the buyer holds in the session: whether in this slot, and whether that table is taken in it. */
  buyerTables: { buyerSeat: number; tableNumber: number; here: boolean; tableTaken: boolean }[];
}

type Count = number | bigint;

type PlacementParams = { session: string; producer: string; buyer: string; slot: string; moving: string };

/**
 * A statement whose values are named (@slot), as the parts and values of a tagged template:
 * each mention becomes a placeholder of its own, as in a tagged $queryRaw, so that Prisma
 * writes $1, $2 … for PostgreSQL and ? for SQLite, and the plain SQLite path (db/raw.ts) ?.
 */
function numbered(text: string): { strings: TemplateStringsArray; names: (keyof PlacementParams)[] } {
  const names: (keyof PlacementParams)[] = [];
  const parts = text.split(/@(session|producer|buyer|slot|moving)\b/);
  const strings = parts.filter((_, i) => i % 2 === 0);
  for (let i = 1; i < parts.length; i += 2) names.push(parts[i] as keyof PlacementParams);
  return { strings: Object.assign(strings, { raw: strings }) as unknown as TemplateStringsArray, names };
}

/**
 * The statements of placementFacts, of a session, producer, buyer, slot and, for a reschedule,
 * the meeting that moves. A booking moves nothing, so its statements name no meeting id: then
 * each test of the slot's tables reads the (activeSlotId, tableNumber) index alone, without a
 * row of the table behind every entry.
 */
function placementStatements(moving: boolean) {
  const other = (alias: string) => (moving ? ` AND ${alias}"id" <> @moving` : '');
  return {
    facts: numbered(`
    SELECT
      (SELECT COUNT(*) FROM "Meeting" WHERE "sessionId" = @session AND "producerId" = @producer
         AND "activeSlotId" IS NOT NULL${other('')}) AS "producerCount",
      CASE WHEN EXISTS (SELECT 1 FROM "Meeting" WHERE "activeSlotId" = @slot AND "producerId" = @producer${other('')})
         THEN 1 ELSE 0 END AS "producerBusy",
      CASE WHEN EXISTS (SELECT 1 FROM "Meeting" WHERE "sessionId" = @session AND "producerId" = @producer
         AND "buyerId" = @buyer AND "activeSlotId" IS NOT NULL${other('')}) THEN 1 ELSE 0 END AS "pairMeets",
      CASE WHEN EXISTS (SELECT 1 FROM "Meeting" m JOIN "Slot" s ON s."id" = m."activeSlotId" JOIN "Slot" here ON here."id" = @slot
         WHERE m."producerId" = @producer AND m."sessionId" <> @session
           AND s."startsAt" < here."endsAt" AND here."startsAt" < s."endsAt") THEN 1 ELSE 0 END AS "busyElsewhere",
      CASE WHEN (SELECT "provinceId" FROM "Producer" WHERE "id" = @producer) = (SELECT "provinceId" FROM "Buyer" WHERE "id" = @buyer)
         THEN 1 ELSE 0 END AS "sameProvince"`),
    tables: numbered(`
    SELECT t."buyerSeat", t."tableNumber", MAX(t."here") AS "here", COUNT(*) AS "meetings",
      CASE WHEN EXISTS (SELECT 1 FROM "Meeting" n WHERE n."activeSlotId" = @slot AND n."tableNumber" = t."tableNumber"${other('n.')})
        THEN 1 ELSE 0 END AS "tableTaken"
    FROM (SELECT "buyerSeat", "tableNumber", CASE WHEN "activeSlotId" = @slot THEN 1 ELSE 0 END AS "here"
          FROM "Meeting"
          WHERE "sessionId" = @session AND "buyerId" = @buyer AND "activeSlotId" IS NOT NULL${other('')}) AS t
    GROUP BY t."buyerSeat", t."tableNumber"`),
    firstFree: numbered(`
    SELECT CASE
        WHEN "occupied"."tables" = COALESCE("occupied"."top", 0) THEN "occupied"."tables" + 1
        WHEN NOT EXISTS (SELECT 1 FROM "Meeting" WHERE "activeSlotId" = @slot AND "tableNumber" = 1${other('')}) THEN 1
        ELSE (SELECT MIN(m."tableNumber") + 1 FROM "Meeting" m
              WHERE m."activeSlotId" = @slot${other('m.')} AND NOT EXISTS (
                SELECT 1 FROM "Meeting" n
                WHERE n."activeSlotId" = @slot AND n."tableNumber" = m."tableNumber" + 1${other('n.')}))
      END AS "firstFree"
    FROM (SELECT COUNT(*) AS "tables", MAX("tableNumber") AS "top" FROM "Meeting"
          WHERE "activeSlotId" = @slot${other('')}) AS "occupied"`),
  };
}
const booking = placementStatements(false);
const rescheduling = placementStatements(true);

/**
 * What a placement's rules read (under the caller's locks), moving meeting aside, in statements
 * whose answers do not grow with the session: counts and yes-or-no facts in one row, and the few
 * seats and tables the buyer holds (with how many meetings at each: the buyer's count). The rows
 * of every meeting of the slot, the producer and the buyer used to come back, ~50 to 250 of them
 * converted to objects for the few numbers the rules take from them: most of a booking's time at
 * a big fair.
 *
 * A buyer's representative keeps its table all session where it can, so the slot's lowest free
 * table is read only when the seat the meeting takes has no table of its own free in the slot
 * (its first meeting, or its table taken there): on a slot of 200 tables that read costs as
 * much as the rest together. It is the next table when the slot's tables are taken from 1
 * without a gap (their count is their highest number), else table 1, or the lowest taken table
 * whose next one is free, found on the slot's (activeSlotId, tableNumber) index. A household
 * cannot sit at two tables at once, so the producer's meetings in another session at an
 * overlapping time count; a buyer may send other representatives to a parallel session.
 */
export async function placementFacts(
  tx: RawTx,
  p: {
    sessionId: string;
    slotId: string;
    producerId: string;
    buyerId: string;
    movingId?: string | undefined;
    /** The buyer's representatives in the session (null: it takes no part), and the session's tables. */
    representatives: number | null;
    tableCount: number;
  },
): Promise<Omit<PlacementFacts, 'participant'>> {
  const { sessionId, slotId, producerId, buyerId, movingId } = p;
  const sql = movingId ? rescheduling : booking;
  const params: PlacementParams = {
    session: sessionId,
    producer: producerId,
    buyer: buyerId,
    slot: slotId,
    moving: movingId ?? '',
  };
  const valuesOf = (st: { names: (keyof PlacementParams)[] }) => st.names.map((name) => params[name]);
  const [row] = await tx.$queryRaw<
    {
      producerCount: Count;
      producerBusy: Count;
      pairMeets: Count;
      busyElsewhere: Count;
      sameProvince: Count;
    }[]
  >(sql.facts.strings, ...valuesOf(sql.facts));
  // One after the other: a transaction's queries share its one connection (pg refuses overlapping ones).
  const tables = await tx.$queryRaw<{ buyerSeat: Count; tableNumber: Count; here: Count; meetings: Count; tableTaken: Count }[]>(
    sql.tables.strings,
    ...valuesOf(sql.tables),
  );
  const buyerTables = tables.map((t) => ({
    buyerSeat: Number(t.buyerSeat),
    tableNumber: Number(t.tableNumber),
    here: Number(t.here) === 1,
    tableTaken: Number(t.tableTaken) === 1,
  }));
  const seat = p.representatives === null ? null : seatIn(p.representatives, buyerTables, p.tableCount);
  let firstFreeTable: number | null = null;
  if (seat?.buyerSeat !== undefined && seat.ownTable === undefined) {
    const [free] = await tx.$queryRaw<{ firstFree: Count | null }[]>(sql.firstFree.strings, ...valuesOf(sql.firstFree));
    firstFreeTable = Number(free?.firstFree ?? 1);
  }
  return {
    producerCount: Number(row!.producerCount),
    // The buyer's standing meetings in the session are those its seats and tables are read from.
    buyerCount: tables.reduce((n, t) => n + Number(t.meetings), 0),
    producerBusy: Number(row!.producerBusy) === 1,
    pairMeets: Number(row!.pairMeets) === 1,
    busyElsewhere: Number(row!.busyElsewhere) === 1,
    sameProvince: Number(row!.sameProvince) === 1,
    firstFreeTable,
    buyerTables,
  };
}

/**
 * The seat a meeting of the buyer takes in the slot (its lowest representative without a
 * meeting there; undefined: every one has one), and that seat's own table when it is free in the
 * slot: a buyer's representative keeps one table all session where it can, producers come to it.
 */
export function seatIn(
  representatives: number,
  buyerTables: PlacementFacts['buyerTables'],
  tableCount: number,
): { buyerSeat: number | undefined; ownTable: number | undefined } {
  const seatsTaken = new Set(buyerTables.filter((t) => t.here).map((t) => t.buyerSeat));
  let buyerSeat: number | undefined;
  for (let s = 1; s <= representatives && buyerSeat === undefined; s++) if (!seatsTaken.has(s)) buyerSeat = s;
  const ownTable = buyerTables
    .filter((t) => t.buyerSeat === buyerSeat && !t.tableTaken && t.tableNumber <= tableCount)
    .map((t) => t.tableNumber)
    .sort((a, b) => a - b)[0];
  return { buyerSeat, ownTable };
}

/**
 * At a conference, B2B meetings pair organisations of different provinces, unless the organiser
 * allows same-province pairs in the session; at a fair any pair may meet.
 */
export const crossProvinceOnly = (eventKind: string, sameProvincePairs: boolean) =>
  eventKind === 'conference' && !sameProvincePairs;

/** The seat and table a meeting would take; throws the conflict that stands in the way. */
export function decidePlace(
  session: Pick<SessionRow, 'id' | 'tableCount' | 'maxMeetingsPerProducer' | 'maxMeetingsPerBuyer'> & {
    crossProvinceOnly: boolean;
  },
  p: Omit<Placement, 'session'>,
  facts: PlacementFacts,
): { buyerSeat: number; tableNumber: number } {
  const { participant } = facts;
  if (session.crossProvinceOnly && facts.sameProvince)
    throw meetingConflict(
      'limit',
      'At this conference B2B meetings pair organisations of different provinces: this producer and this buyer are of the same province (the organiser may allow same-province pairs in the session)',
      { path: 'buyerId', code: 'same_province' },
    );
  if (facts.busyElsewhere)
    throw meetingConflict('producer', 'This producer has a meeting at this time in another session', {
      path: 'slotId',
      code: 'producer_busy_elsewhere',
    });
  if (!participant)
    throw meetingConflict('buyer', 'This buyer does not take part in this session', {
      path: 'buyerId',
      code: 'buyer_not_in_session',
    });
  if (blockedSlotIdsOf(participant.blockedSlotIds).includes(p.slotId))
    throw meetingConflict('buyer', 'This buyer does not attend this slot', { path: 'slotId', code: 'buyer_not_attending' });
  if (facts.producerBusy)
    throw meetingConflict('producer', 'This producer already has a meeting in this slot', {
      path: 'slotId',
      code: 'producer_busy',
    });
  const { buyerSeat, ownTable } = seatIn(participant.representatives, facts.buyerTables, session.tableCount);
  if (buyerSeat === undefined)
    throw meetingConflict(
      'buyer',
      participant.representatives > 1
        ? 'Every representative of this buyer already has a meeting in this slot'
        : 'This buyer already has a meeting in this slot',
      { path: 'slotId', code: 'buyer_busy' },
    );
  if (facts.pairMeets)
    throw meetingConflict('limit', 'This producer already has a meeting with this buyer in this session', {
      path: 'buyerId',
      code: 'pair_already_meets',
    });
  if (facts.producerCount >= session.maxMeetingsPerProducer)
    throw meetingConflict('limit', `A producer has at most ${session.maxMeetingsPerProducer} meetings in this session`, {
      path: 'producerId',
      code: 'producer_meeting_limit',
    });
  if (session.maxMeetingsPerBuyer !== null && facts.buyerCount >= session.maxMeetingsPerBuyer)
    throw meetingConflict('limit', `This buyer takes at most ${session.maxMeetingsPerBuyer} meetings in this session`, {
      path: 'buyerId',
      code: 'buyer_meeting_limit',
    });
  // The seat's own table when it is free here (then the slot has a free table); else the slot's lowest free one.
  if (ownTable !== undefined) return { buyerSeat, tableNumber: ownTable };
  if (facts.firstFreeTable === null) throw new Error('placementFacts did not read the lowest free table it was needed for');
  if (facts.firstFreeTable > session.tableCount)
    throw meetingConflict('table', 'Every table of this slot is taken', { path: 'slotId', code: 'no_table' });
  return { buyerSeat, tableNumber: facts.firstFreeTable };
}

/** The seat and table a meeting would take (reading what the rules need); throws what stands in the way. */
export async function findPlace(tx: Tx, p: Placement): Promise<{ buyerSeat: number; tableNumber: number }> {
  // One after the other: a transaction's queries share its one connection (pg refuses overlapping ones).
  const participant = await tx.sessionBuyer.findUnique({
    where: { sessionId_buyerId: { sessionId: p.session.id, buyerId: p.buyerId } },
    select: { representatives: true, blockedSlotIds: true },
  });
  const facts = await placementFacts(tx, {
    sessionId: p.session.id,
    slotId: p.slotId,
    producerId: p.producerId,
    buyerId: p.buyerId,
    movingId: p.movingId,
    representatives: participant?.representatives ?? null,
    tableCount: p.session.tableCount,
  });
  const crossOnly = crossProvinceOnly(p.session.event.kind, p.session.sameProvincePairs);
  return decidePlace({ ...p.session, crossProvinceOnly: crossOnly }, p, { participant, ...facts });
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
