// Meetings through the API, as the spec's contract names them: a producer books a buyer's slot
// and gets its table, the rules answer 409 with what was taken, a meeting is cancelled and
// rescheduled, both sides record and confirm an outcome, requests are accepted and declined, and
// every change reaches the meeting's two parties whole and everyone else as a table only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDto } from '../../server/contracts/matchmaking.ts';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const OTHER_PRODUCER = 'hokd.matong@demo.ocop.vn';
const OTHER_BUYER = 'vinmart@demo.ocop.vn';

let t: TestServer;
let clock = Date.parse('2026-12-02T09:00:00+07:00');
const prisma = () => t.database.db.prisma;
const cookies: Record<string, string> = {};
let sessionId = '';
let slots: { id: string; startsAt: string }[] = [];
let producerId = '';
let otherProducerId = '';
let buyerId = '';
let otherBuyerId = '';

beforeAll(async () => {
  t = await startTestServer({}, { now: () => new Date(clock) });
  for (const email of [ORGANISER, OFFICIAL, PRODUCER, OTHER_PRODUCER, BUYER, OTHER_BUYER]) cookies[email] = await t.signIn(email);
  const fair = await prisma().event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' }, select: { id: true } });
  const sessions = await t.http.get(`/api/events/${fair.id}/sessions`).set('Cookie', cookies[PRODUCER]!);
  expect(sessions.status).toBe(200);
  sessionId = sessions.body.items[0].id;
  slots = sessions.body.items[0].slots;
  const user = async (email: string) =>
    prisma().user.findUniqueOrThrow({ where: { email }, select: { producerId: true, buyerId: true } });
  producerId = (await user(PRODUCER)).producerId!;
  otherProducerId = (await user(OTHER_PRODUCER)).producerId!;
  buyerId = (await user(BUYER)).buyerId!;
  otherBuyerId = (await user(OTHER_BUYER)).buyerId!;
  // The demo's buyers send one representative each; WinMart and BigC send two here.
  for (const id of [otherBuyerId, buyerId]) {
    const res = await t.http
      .put(`/api/sessions/${sessionId}/buyers/${id}`)
      .set('Cookie', cookies[ORGANISER]!)
      .send({ representatives: 2 });
    expect(res.status).toBe(200);
    expect(res.body.representatives).toBe(2);
  }
}, 60_000);
afterAll(() => t.close());

const book = (email: string, body: object, session = sessionId) =>
  t.http.post(`/api/sessions/${session}/meetings`).set('Cookie', cookies[email]!).send(body);

describe('booking a meeting', () => {
  it('gives the producer its meeting with a table, and 409 buyer / producer when the slot is taken on that side', async () => {
    const first = await book(PRODUCER, { slotId: slots[0]!.id, buyerId: otherBuyerId });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ producerId, buyerId: otherBuyerId, slotId: slots[0]!.id, status: 'booked' });
    expect(first.body.tableNumber).toBeGreaterThanOrEqual(1);
    // WinMart sends two representatives: a second producer meets its second one.
    const second = await book(OTHER_PRODUCER, { slotId: slots[0]!.id, buyerId: otherBuyerId });
    expect(second.status).toBe(201);
    expect(second.body.buyerSeat).toBe(2);
    expect(second.body.tableNumber).not.toBe(first.body.tableNumber);
    // A third producer for the same slot: the buyer is taken.
    const third = await book(ORGANISER, { slotId: slots[0]!.id, buyerId: otherBuyerId, producerId: await aProducer(1) });
    expect(third.status).toBe(409);
    expect(third.body.conflict).toBe('buyer');
    // The producer in the same slot with another buyer: the producer is taken.
    const busy = await book(PRODUCER, { slotId: slots[0]!.id, buyerId });
    expect(busy.status).toBe(409);
    expect(busy.body.conflict).toBe('producer');
  });

  it('refuses another producer’s id, a missing producer for organisers, an unknown slot, and a buyer outside the session', async () => {
    const forOther = await book(PRODUCER, { slotId: slots[1]!.id, buyerId, producerId: otherProducerId });
    expect(forOther.status).toBe(403);
    const noProducer = await book(ORGANISER, { slotId: slots[1]!.id, buyerId });
    expect(noProducer.status).toBe(400);
    expect(noProducer.body.error.fields[0].path).toBe('producerId');
    const badSlot = await book(PRODUCER, { slotId: 'no-such-slot', buyerId });
    expect(badSlot.status).toBe(400);
    expect(badSlot.body.error.fields[0]).toMatchObject({ path: 'slotId', code: 'unknown_slot' });
    const official = await book(OFFICIAL, { slotId: slots[1]!.id, buyerId });
    expect(official.status).toBe(403);
    const outsider = await prisma().buyer.create({
      data: {
        name: 'Nhà phân phối ngoài phiên',
        nameFolded: 'nha phan phoi ngoai phien',
        nameKey: 'nhaphanphoingoaiphien',
        orgType: 'distributor',
        provinceId: 'dak-lak',
      },
      select: { id: true },
    });
    const notIn = await book(PRODUCER, { slotId: slots[1]!.id, buyerId: outsider.id });
    expect(notIn.status).toBe(409);
    expect(notIn.body).toMatchObject({ conflict: 'buyer', error: { fields: [{ code: 'buyer_not_in_session' }] } });
  });

  it('answers 409 table when every table of a slot is taken, and 409 limit past the meetings per producer', async () => {
    const session = await prisma().matchmakingSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { tableCount: true, maxMeetingsPerProducer: true },
    });
    const slot = slots[2]!.id;
    const buyers = await prisma().sessionBuyer.findMany({
      where: { sessionId },
      select: { buyerId: true, representatives: true },
    });
    const seats = buyers.flatMap((b) => Array.from({ length: b.representatives }, () => b.buyerId));
    expect(seats.length).toBeGreaterThan(session.tableCount);
    const statuses: number[] = [];
    for (let i = 0; i < session.tableCount; i++) {
      const res = await book(ORGANISER, { slotId: slot, buyerId: seats[i]!, producerId: await aProducer(10 + i) });
      statuses.push(res.status);
    }
    expect(statuses.every((s) => s === 201)).toBe(true);
    const full = await book(ORGANISER, { slotId: slot, buyerId: seats[session.tableCount]!, producerId: await aProducer(40) });
    expect(full.status).toBe(409);
    expect(full.body.conflict).toBe('table');

    const many = await aProducer(41);
    const allBuyers = buyers.map((b) => b.buyerId);
    for (let i = 0; i < session.maxMeetingsPerProducer; i++) {
      const res = await book(ORGANISER, { slotId: slots[3 + i]!.id, buyerId: allBuyers[i]!, producerId: many });
      expect(res.status).toBe(201);
    }
    const past = await book(ORGANISER, {
      slotId: slots[3 + session.maxMeetingsPerProducer]!.id,
      buyerId: allBuyers[8]!,
      producerId: many,
    });
    expect(past.status).toBe(409);
    expect(past.body.conflict).toBe('limit');
  });
});

describe('changing a meeting', () => {
  it('cancels it (its producer, its buyer, organisers; 404 for anyone else) and frees the slot', async () => {
    const slot = slots[5]!.id;
    const meeting = (await book(PRODUCER, { slotId: slot, buyerId })).body as MeetingDto;
    expect(meeting.id).toBeTruthy();
    const stranger = await t.http.delete(`/api/meetings/${meeting.id}`).set('Cookie', cookies[OTHER_PRODUCER]!);
    expect(stranger.status).toBe(404);
    const read = await t.http.get(`/api/meetings/${meeting.id}`).set('Cookie', cookies[OTHER_BUYER]!);
    expect(read.status).toBe(404);
    const cancelled = await t.http.delete(`/api/meetings/${meeting.id}`).set('Cookie', cookies[BUYER]!);
    expect(cancelled.status).toBe(204);
    const again = await t.http.delete(`/api/meetings/${meeting.id}`).set('Cookie', cookies[PRODUCER]!);
    expect(again.status).toBe(409);
    const row = await prisma().meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(row).toMatchObject({ status: 'cancelled', activeSlotId: null, sequence: 1 });
    const rebook = await book(PRODUCER, { slotId: slot, buyerId });
    expect(rebook.status).toBe(201);
  });

  it('reschedules it to a free slot and refuses a slot where the producer is busy', async () => {
    const meeting = (await book(OTHER_PRODUCER, { slotId: slots[6]!.id, buyerId })).body as MeetingDto;
    const moved = await t.http
      .post(`/api/meetings/${meeting.id}/reschedule`)
      .set('Cookie', cookies[OTHER_PRODUCER]!)
      .send({ slotId: slots[7]!.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ slotId: slots[7]!.id, sequence: 1 });
    // OTHER_PRODUCER meets WinMart in slot 0: moving there is refused.
    const clash = await t.http
      .post(`/api/meetings/${meeting.id}/reschedule`)
      .set('Cookie', cookies[ORGANISER]!)
      .send({ slotId: slots[0]!.id });
    expect(clash.status).toBe(409);
    expect(clash.body.conflict).toBe('producer');
  });
});

describe('outcomes', () => {
  it('the buyer records an agreement with its value, the producer confirms it; a value past 2^53 is refused', async () => {
    const session = await newSession({}, [otherBuyerId]);
    const booked = await book(PRODUCER, { slotId: session.slots[0]!, buyerId: otherBuyerId }, session.id);
    expect(booked.status).toBe(201);
    const meeting = booked.body as MeetingDto;
    const big = 2_500_000_000_000;
    const recorded = await t.http
      .post(`/api/meetings/${meeting.id}/outcome`)
      .set('Cookie', cookies[OTHER_BUYER]!)
      .send({ status: 'agreement', valueVnd: big });
    expect(recorded.status).toBe(200);
    expect(recorded.body.outcome).toMatchObject({
      status: 'agreement',
      valueVnd: big,
      recordedBy: 'buyer',
      confirmation: 'pending',
    });
    const self = await t.http
      .post(`/api/meetings/${meeting.id}/outcome/confirmation`)
      .set('Cookie', cookies[OTHER_BUYER]!)
      .send({ agree: true });
    expect(self.status).toBe(409);
    const confirmed = await t.http
      .post(`/api/meetings/${meeting.id}/outcome/confirmation`)
      .set('Cookie', cookies[PRODUCER]!)
      .send({ agree: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.outcome.confirmation).toBe('confirmed');
    const stored = await prisma().meeting.findUniqueOrThrow({ where: { id: meeting.id }, select: { outcomeValueVnd: true } });
    expect(stored.outcomeValueVnd).toBe(BigInt(big));

    for (const valueVnd of [Number.MAX_SAFE_INTEGER + 2, -1, 1.5, '100']) {
      const res = await t.http
        .post(`/api/meetings/${meeting.id}/outcome`)
        .set('Cookie', cookies[PRODUCER]!)
        .send({ status: 'listed', valueVnd });
      expect(res.status, String(valueVnd)).toBe(400);
      expect(res.body.error.fields[0].path).toBe('valueVnd');
    }
    const raw = await t.http
      .post(`/api/meetings/${meeting.id}/outcome`)
      .set('Cookie', cookies[PRODUCER]!)
      .set('Content-Type', 'application/json')
      .send('{"status":"listed","valueVnd":9007199254740993}');
    expect(raw.status).toBe(400);
    const after = await prisma().meeting.findUniqueOrThrow({ where: { id: meeting.id }, select: { outcomeStatus: true } });
    expect(after.outcomeStatus).toBe('agreement');
  });
});

describe('requests', () => {
  it('several producers ask for one slot; the buyer accepts one and the others are declined with its free slots', async () => {
    const session = await newSession({ bookingMode: 'request' });
    const buyer = session.buyerIds[0]!;
    const askers = [await aProducer(60), await aProducer(61), await aProducer(62)];
    const asked: string[] = [];
    for (const p of askers) {
      const res = await t.http
        .post(`/api/sessions/${session.id}/requests`)
        .set('Cookie', cookies[ORGANISER]!)
        .send({ slotId: session.slots[0]!, buyerId: buyer, producerId: p });
      expect(res.status).toBe(201);
      asked.push(res.body.id as string);
    }
    const direct = await book(PRODUCER, { slotId: session.slots[0]!, buyerId: buyer }, session.id);
    expect(direct.status).toBe(409);
    expect(direct.body.error.fields[0].code).toBe('requests_only');
    const accepted = await t.http.post(`/api/requests/${asked[1]}/accept`).set('Cookie', cookies[ORGANISER]!);
    expect(accepted.status).toBe(200);
    expect(accepted.body.meeting).toMatchObject({ producerId: askers[1], buyerId: buyer, source: 'request' });
    const rows = await prisma().meetingRequest.findMany({
      where: { id: { in: asked } },
      select: { id: true, status: true, reason: true },
    });
    expect(rows.find((r) => r.id === asked[1])!.status).toBe('accepted');
    for (const id of [asked[0], asked[2]])
      expect(rows.find((r) => r.id === id)).toMatchObject({ status: 'declined', reason: 'slot_taken' });
    const late = await t.http.post(`/api/requests/${asked[0]}/accept`).set('Cookie', cookies[ORGANISER]!);
    expect(late.status).toBe(409);
    expect(late.body.conflict).toBe('request');
  });

  it('a request nobody answers expires at its time', async () => {
    const session = await newSession({ bookingMode: 'request', requestTtlMinutes: 30 });
    const res = await t.http
      .post(`/api/sessions/${session.id}/requests`)
      .set('Cookie', cookies[ORGANISER]!)
      .send({ slotId: session.slots[1]!, buyerId: session.buyerIds[0]!, producerId: await aProducer(70) });
    expect(res.status).toBe(201);
    clock += 31 * 60_000;
    const accept = await t.http.post(`/api/requests/${res.body.id}/accept`).set('Cookie', cookies[ORGANISER]!);
    expect(accept.status).toBe(409);
    expect(accept.body.conflict).toBe('request');
    expect(await t.services.meetings.sweepExpired()).toBeGreaterThanOrEqual(1);
    const row = await prisma().meetingRequest.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row).toMatchObject({ status: 'expired', pendingSlotId: null });
  });
});

describe('what each side hears', () => {
  it('the two parties get the meeting whole, another producer only which table is taken', async () => {
    const fair = await prisma().event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' }, select: { id: true } });
    const listen = async (email: string) => {
      const socket = await t.socket(cookies[email]!);
      const got: unknown[] = [];
      socket.on('meeting:changed', (fact) => got.push(fact.data));
      await new Promise<void>((resolve) => socket.emit('event:join', { eventId: fair.id }, () => resolve()));
      return got;
    };
    const [mine, buyers, others] = await Promise.all([listen(PRODUCER), listen(BUYER), listen(OTHER_PRODUCER)]);
    const session = await newSession({}, [buyerId]);
    const res = await book(PRODUCER, { slotId: session.slots[2]!, buyerId }, session.id);
    expect(res.status).toBe(201);
    await expect.poll(() => mine.length + buyers.length + others.length).toBe(3);
    expect(mine[0]).toMatchObject({ change: 'booked', meeting: { id: res.body.id, producerId, buyerId } });
    expect(buyers[0]).toMatchObject({ change: 'booked', meeting: { id: res.body.id, producer: { id: producerId } } });
    expect(others[0]).toEqual({
      change: 'booked',
      meeting: {
        id: res.body.id,
        sessionId: session.id,
        slotId: session.slots[2]!,
        tableNumber: res.body.tableNumber,
        status: 'booked',
      },
    });
  });
});

let producerSerial = 0;
const made = new Map<number, string>();
/** A producer of our own (the demo's have booths and stories the tests need not know). */
async function aProducer(n: number): Promise<string> {
  const known = made.get(n);
  if (known) return known;
  const name = `HTX họp ${n}-${++producerSerial}`;
  const { id } = await prisma().producer.create({
    data: { name, nameFolded: name.toLowerCase(), legalType: 'cooperative', provinceId: 'dak-lak' },
    select: { id: true },
  });
  made.set(n, id);
  return id;
}

async function newSession(
  settings: object,
  withBuyers: string[] = [],
): Promise<{ id: string; slots: string[]; buyerIds: string[] }> {
  const fair = await prisma().event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' }, select: { id: true } });
  const res = await t.http
    .post(`/api/events/${fair.id}/sessions`)
    .set('Cookie', cookies[ORGANISER]!)
    .send({
      name: 'Phiên thử',
      startsAt: '2026-12-12T08:00:00+07:00',
      endsAt: '2026-12-12T10:00:00+07:00',
      slotMinutes: 30,
      tableCount: 5,
      ...settings,
    });
  expect(res.status).toBe(201);
  const buyers = [
    ...(await prisma().buyer.findMany({
      where: { id: { notIn: withBuyers } },
      take: 3,
      select: { id: true },
      orderBy: { id: 'asc' },
    })),
    ...withBuyers.map((id) => ({ id })),
  ];
  for (const b of buyers) {
    const joined = await t.http.put(`/api/sessions/${res.body.id}/buyers/${b.id}`).set('Cookie', cookies[ORGANISER]!).send({});
    expect(joined.status).toBe(200);
  }
  return { id: res.body.id, slots: res.body.slots.map((s: { id: string }) => s.id), buyerIds: buyers.map((b) => b.id) };
}
