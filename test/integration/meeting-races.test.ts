// SPEC rules 2 and 3 for meetings under real concurrency, checked in the database afterwards:
// in a slot one meeting per buyer (representative), per producer and per table, whatever
// arrives at once; limits hold; two acceptances for one buyer slot never both stand; reschedules
// racing with bookings keep every rule. Every request comes from its own signed-in session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../server/seeded-random.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import {
  makeBuyers,
  makeOrganisers,
  makeProducers,
  makeSession,
  meetingRuleViolations,
  requestSlot,
  statuses,
} from '../support/matchmaking.ts';

let t: TestServer;
let organisers: string[] = [];
const clock = Date.parse('2026-12-02T09:00:00+07:00');
const prisma = () => t.database.db.prisma;

beforeAll(async () => {
  t = await startTestServer({}, { now: () => new Date(clock) });
  organisers = await makeOrganisers(prisma(), 500);
}, 120_000);
afterAll(() => t.close());

const book = (cookie: string, sessionId: string, body: object) =>
  t.http.post(`/api/sessions/${sessionId}/meetings`).set('Cookie', cookie).send(body);

describe('meeting races', () => {
  it('100 producers booking the same buyer’s same slot at once: exactly one 201, one meeting stored', async () => {
    const [buyer] = await makeBuyers(prisma(), 1);
    const producers = await makeProducers(prisma(), 100);
    const session = await makeSession(t, organisers[0]!, {}, [{ id: buyer!.id }]);
    const slotId = session.slotIds[3]!;
    const answers = await Promise.all(producers.map((p) => book(p.cookie, session.id, { slotId, buyerId: buyer!.id })));
    expect(statuses(answers)).toEqual({ 201: 1, 409: 99 });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.conflict).toBe('buyer');
    const stored = await prisma().meeting.findMany({
      where: { sessionId: session.id },
      select: { producerId: true, activeSlotId: true },
    });
    expect(stored).toEqual([{ producerId: answers.find((a) => a.status === 201)!.body.producerId, activeSlotId: slotId }]);
    expect(await meetingRuleViolations(prisma())).toEqual([]);
  }, 120_000);

  it('one producer booking 50 buyers in one slot at once gets exactly one', async () => {
    const buyers = await makeBuyers(prisma(), 50);
    const [producer] = await makeProducers(prisma(), 1);
    const session = await makeSession(t, organisers[0]!, { maxMeetingsPerProducer: 50 }, buyers);
    const slotId = session.slotIds[0]!;
    const answers = await Promise.all(buyers.map((b) => book(producer!.cookie, session.id, { slotId, buyerId: b.id })));
    expect(statuses(answers)).toEqual({ 201: 1, 409: 49 });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.conflict).toBe('producer');
    expect(
      await prisma().meeting.count({ where: { sessionId: session.id, producerId: producer!.id, activeSlotId: { not: null } } }),
    ).toBe(1);
  }, 120_000);

  it('a producer booking 12 buyers in 12 slots at once stops at its limit; a buyer booked by 12 producers stops at its own', async () => {
    for (let round = 0; round < 3; round++) {
      const buyers = await makeBuyers(prisma(), 12);
      const producers = await makeProducers(prisma(), 12);
      const session = await makeSession(t, organisers[0]!, { maxMeetingsPerProducer: 3, maxMeetingsPerBuyer: 4 }, buyers);
      const mine = await Promise.all(
        buyers.map((b, i) => book(producers[0]!.cookie, session.id, { slotId: session.slotIds[i]!, buyerId: b.id })),
      );
      expect(statuses(mine)).toEqual({ 201: 3, 409: 9 });
      for (const a of mine.filter((x) => x.status === 409)) expect(a.body.conflict).toBe('limit');
      const theirs = await Promise.all(
        producers.slice(1).map((p, i) => book(p.cookie, session.id, { slotId: session.slotIds[i]!, buyerId: buyers[11]!.id })),
      );
      expect(theirs.filter((a) => a.status === 201).length).toBeLessThanOrEqual(4);
      expect(
        await prisma().meeting.count({ where: { sessionId: session.id, buyerId: buyers[11]!.id, activeSlotId: { not: null } } }),
      ).toBeLessThanOrEqual(4);
      expect(await meetingRuleViolations(prisma())).toEqual([]);
    }
  }, 120_000);

  it('a producer booking two overlapping sessions at once, from two sessions of its own, gets one of them', async () => {
    for (let round = 0; round < 5; round++) {
      const buyers = await makeBuyers(prisma(), 2);
      const [producer] = await makeProducers(prisma(), 1);
      const morning = await makeSession(t, organisers[0]!, {}, buyers);
      const parallel = await makeSession(t, organisers[0]!, { slotMinutes: 30, startsAt: '2026-12-12T08:10:00+07:00' }, buyers);
      const answers = await Promise.all([
        book(producer!.cookie, morning.id, { slotId: morning.slotIds[0]!, buyerId: buyers[0]!.id }),
        book(organisers[1 + round]!, parallel.id, {
          slotId: parallel.slotIds[0]!,
          buyerId: buyers[1]!.id,
          producerId: producer!.id,
        }),
      ]);
      expect(statuses(answers)).toEqual({ 201: 1, 409: 1 });
      expect(answers.find((a) => a.status === 409)!.body.conflict).toBe('producer');
      expect(await prisma().meeting.count({ where: { producerId: producer!.id, activeSlotId: { not: null } } })).toBe(1);
    }
  }, 120_000);

  it('500 simultaneous bookings over 20 tables never put two meetings on one table, nor pass a limit', async () => {
    const buyers = await makeBuyers(prisma(), 30);
    const producers = await makeProducers(prisma(), 250);
    const session = await makeSession(
      t,
      organisers[0]!,
      { tableCount: 20, maxMeetingsPerProducer: 2, maxMeetingsPerBuyer: 6, endsAt: '2026-12-12T09:00:00+07:00' },
      buyers.map((b, i) => ({ id: b.id, representatives: i % 3 === 0 ? 2 : 1 })),
    );
    // Seeded, so a failing race can be replayed.
    const random = seededRandom(7);
    const rand = (n: number) => Math.floor(random() * n);
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) => {
        const producer = producers[rand(producers.length)]!;
        const body = { slotId: session.slotIds[rand(session.slotIds.length)]!, buyerId: buyers[rand(buyers.length)]!.id };
        return i % 2 === 0
          ? book(producer.cookie, session.id, body)
          : book(organisers[i]!, session.id, { ...body, producerId: producer.id });
      }),
    );
    const counts = statuses(answers);
    expect(Object.keys(counts).sort()).toEqual(['201', '409']);
    for (const a of answers.filter((x) => x.status === 409))
      expect(['buyer', 'producer', 'table', 'limit']).toContain(a.body.conflict);
    const stored = await prisma().meeting.count({ where: { sessionId: session.id, activeSlotId: { not: null } } });
    expect(stored).toBe(counts[201]);
    // Four slots of 20 tables: the slots filled up, so the table rule was really raced.
    expect(stored).toBeGreaterThan(40);
    expect(answers.some((a) => a.status === 409 && a.body.conflict === 'table')).toBe(true);
    expect(await meetingRuleViolations(prisma())).toEqual([]);
  }, 120_000);

  it('a buyer accepting two requests for one slot at once ends with one accepted', async () => {
    for (let round = 0; round < 5; round++) {
      const [buyer] = await makeBuyers(prisma(), 1);
      const producers = await makeProducers(prisma(), 2);
      const session = await makeSession(t, organisers[0]!, { bookingMode: 'request' }, [{ id: buyer!.id }]);
      const slotId = session.slotIds[1]!;
      const requests = await requestSlot(t, session, slotId, buyer!.id, producers);
      const answers = await Promise.all(
        requests.map((id) => t.http.post(`/api/requests/${id}/accept`).set('Cookie', buyer!.cookie)),
      );
      expect(statuses(answers)).toEqual({ 200: 1, 409: 1 });
      const stored = await prisma().meetingRequest.findMany({ where: { id: { in: requests } }, select: { status: true } });
      expect(stored.map((r) => r.status).sort()).toEqual(['accepted', 'declined']);
      expect(await prisma().meeting.count({ where: { sessionId: session.id, activeSlotId: slotId } })).toBe(1);
    }
  }, 120_000);

  it('reschedules racing with bookings keep every rule', async () => {
    const buyers = await makeBuyers(prisma(), 8);
    const producers = await makeProducers(prisma(), 60);
    const session = await makeSession(
      t,
      organisers[0]!,
      { tableCount: 6, maxMeetingsPerProducer: 3, endsAt: '2026-12-12T09:30:00+07:00' },
      buyers,
    );
    // A first wave books, then moves and new bookings race for the same few slots.
    const first = await Promise.all(
      producers
        .slice(0, 30)
        .map((p, i) => book(p.cookie, session.id, { slotId: session.slotIds[i % 2]!, buyerId: buyers[i % buyers.length]!.id })),
    );
    const booked = first.filter((a) => a.status === 201).map((a) => a.body as { id: string; producerId: string });
    expect(booked.length).toBeGreaterThan(5);
    const cookieOf = new Map(producers.map((p) => [p.id, p.cookie]));
    const target = session.slotIds.slice(2);
    const race = await Promise.all([
      ...booked.map((m, i) =>
        t.http
          .post(`/api/meetings/${m.id}/reschedule`)
          .set('Cookie', cookieOf.get(m.producerId)!)
          .send({ slotId: target[i % target.length]! }),
      ),
      ...producers
        .slice(30)
        .map((p, i) =>
          book(p.cookie, session.id, { slotId: target[i % target.length]!, buyerId: buyers[(i * 3) % buyers.length]!.id }),
        ),
    ]);
    expect(new Set(race.map((a) => a.status))).toEqual(new Set([200, 201, 409]));
    expect(await meetingRuleViolations(prisma())).toEqual([]);
  }, 120_000);
});
