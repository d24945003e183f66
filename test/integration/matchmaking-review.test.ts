// What a review found, each kept from coming back: a session's times or tables changed while a
// booking lands, a buyer's representatives lowered under a standing seat, an accepted request
// racing the declines of the slot's others (a deadlock on PostgreSQL), a confirmation of an
// outcome recorded again meanwhile, a party overwriting an organiser's record, a request
// accepted after its slot began, a producer moving a buyer without its consent. On PostgreSQL a
// second connection holds a row to widen the window a race would need.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let clock = Date.parse('2026-12-02T09:00:00+07:00');
const prisma = () => t.database.db.prisma;
const onPostgres = () => t.database.url.startsWith('postgres');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await startTestServer({}, { now: () => new Date(clock) });
  organisers = await makeOrganisers(prisma(), 5);
}, 120_000);
afterAll(() => t.close());

const book = (cookie: string, sessionId: string, body: object) =>
  t.http.post(`/api/sessions/${sessionId}/meetings`).set('Cookie', cookie).send(body);

/** On PostgreSQL: a row held by another connection while `during` runs, then let go. */
async function holding<T>(sql: string, params: string[], during: () => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: t.database.url });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query(sql, params);
    const result = during();
    await sleep(300);
    await c.query('COMMIT');
    return await result;
  } finally {
    await c.end();
  }
}

describe('session changes while bookings land', () => {
  it('a retimed session never deletes a meeting that was answered 201', async () => {
    const [buyer] = await makeBuyers(prisma(), 1);
    const [producer] = await makeProducers(prisma(), 1);
    const session = await makeSession(t, organisers[0]!, {}, [{ id: buyer!.id }]);
    const race = async () => {
      const patch = t.http
        .patch(`/api/sessions/${session.id}`)
        .set('Cookie', organisers[1]!)
        .send({ endsAt: '2026-12-12T11:00:00+07:00' });
      await sleep(100);
      const booking = book(producer!.cookie, session.id, { slotId: session.slotIds[2]!, buyerId: buyer!.id });
      return Promise.all([patch, booking]);
    };
    const [patched, booked] = onPostgres()
      ? await holding('SELECT 1 FROM "MatchmakingSession" WHERE "id" = $1 FOR NO KEY UPDATE', [session.id], race)
      : await race();
    if (booked.status === 201) {
      expect(await prisma().meeting.findUnique({ where: { id: booked.body.id } })).not.toBeNull();
      expect(patched.status).toBe(409);
    } else {
      expect(patched.status).toBe(200);
      expect(booked.status).toBe(400);
    }
    expect(await meetingRuleViolations(prisma())).toEqual([]);
  }, 60_000);

  it('fewer tables are refused while a meeting stands at one that would go', async () => {
    const buyers = await makeBuyers(prisma(), 5);
    const producers = await makeProducers(prisma(), 5);
    const session = await makeSession(t, organisers[0]!, {}, buyers);
    const race = async () => {
      const patch = t.http.patch(`/api/sessions/${session.id}`).set('Cookie', organisers[1]!).send({ tableCount: 2 });
      await sleep(100);
      const bookings = Promise.all(
        producers.map((p, i) => book(p.cookie, session.id, { slotId: session.slotIds[0]!, buyerId: buyers[i]!.id })),
      );
      return Promise.all([patch, bookings]);
    };
    const [patched, bookings] = onPostgres()
      ? await holding('SELECT 1 FROM "MatchmakingSession" WHERE "id" = $1 FOR NO KEY UPDATE', [session.id], race)
      : await race();
    expect([200, 409]).toContain(patched.status);
    expect(bookings.every((b) => b.status === 201 || b.status === 409)).toBe(true);
    expect(await meetingRuleViolations(prisma())).toEqual([]);
  }, 60_000);

  it('a buyer taken out of a session while a booking lands leaves no meeting without it', async () => {
    const [buyer] = await makeBuyers(prisma(), 1);
    const [producer] = await makeProducers(prisma(), 1);
    const session = await makeSession(t, organisers[0]!, {}, [{ id: buyer!.id }]);
    const race = async () => {
      const remove = t.http.delete(`/api/sessions/${session.id}/buyers/${buyer!.id}`).set('Cookie', organisers[1]!);
      await sleep(100);
      return Promise.all([remove, book(producer!.cookie, session.id, { slotId: session.slotIds[2]!, buyerId: buyer!.id })]);
    };
    const [removed, booked] = onPostgres()
      ? await holding(
          'SELECT 1 FROM "SessionBuyer" WHERE "sessionId" = $1 AND "buyerId" = $2 FOR NO KEY UPDATE',
          [session.id, buyer!.id],
          race,
        )
      : await race();
    expect(removed.status === 204 ? booked.status : removed.status).toBe(409);
    expect(await meetingRuleViolations(prisma())).toEqual([]);
  }, 60_000);

  it('representatives cannot be lowered under a seat a standing meeting holds', async () => {
    const [buyer] = await makeBuyers(prisma(), 1);
    const producers = await makeProducers(prisma(), 3);
    const session = await makeSession(t, organisers[0]!, {}, [{ id: buyer!.id, representatives: 2 }]);
    const slotId = session.slotIds[0]!;
    const first = await book(producers[0]!.cookie, session.id, { slotId, buyerId: buyer!.id });
    const second = await book(producers[1]!.cookie, session.id, { slotId, buyerId: buyer!.id });
    expect([first.body.buyerSeat, second.body.buyerSeat]).toEqual([1, 2]);
    expect((await t.http.delete(`/api/meetings/${first.body.id}`).set('Cookie', producers[0]!.cookie)).status).toBe(204);
    const lower = await t.http
      .put(`/api/sessions/${session.id}/buyers/${buyer!.id}`)
      .set('Cookie', buyer!.cookie)
      .send({ representatives: 1 });
    expect(lower.status).toBe(409);
    expect(lower.body.error.fields[0].code).toBe('representatives_in_use');
    expect(await meetingRuleViolations(prisma())).toEqual([]);
  });
});

describe('requests', () => {
  it('an acceptance racing the declines of the same slot’s other requests never fails with a 5xx', async () => {
    const all: Record<number, number> = {};
    for (let round = 0; round < 6; round++) {
      const [buyer] = await makeBuyers(prisma(), 1);
      const producers = await makeProducers(prisma(), 4);
      const session = await makeSession(t, organisers[0]!, { bookingMode: 'request' }, [{ id: buyer!.id }]);
      const slotId = session.slotIds[1]!;
      const ids = await requestSlot(t, session, slotId, buyer!.id, producers);
      const answers = await Promise.all([
        t.http.post(`/api/requests/${ids[0]}/accept`).set('Cookie', buyer!.cookie),
        ...ids.slice(1).map((id, i) =>
          sleep((round % 4) + i).then(() =>
            t.http
              .post(`/api/requests/${id}/decline`)
              .set('Cookie', organisers[1 + i]!)
              .send({}),
          ),
        ),
      ]);
      for (const [s, n] of Object.entries(statuses(answers))) all[Number(s)] = (all[Number(s)] ?? 0) + n;
      expect(answers[0]!.status).toBe(200);
    }
    expect(Object.keys(all).filter((s) => Number(s) >= 500)).toEqual([]);
  }, 120_000);

  it('a request ends when its slot begins, and cannot be accepted after', async () => {
    const [buyer] = await makeBuyers(prisma(), 1);
    const [producer] = await makeProducers(prisma(), 1);
    const session = await makeSession(t, organisers[0]!, { bookingMode: 'request', requestTtlMinutes: 30 * 24 * 60 }, [
      { id: buyer!.id },
    ]);
    const res = await t.http
      .post(`/api/sessions/${session.id}/requests`)
      .set('Cookie', producer!.cookie)
      .send({ slotId: session.slotIds[0]!, buyerId: buyer!.id });
    expect(res.status).toBe(201);
    expect(Date.parse(res.body.expiresAt)).toBe(Date.parse(res.body.startsAt));
    const saved = clock;
    clock = Date.parse(res.body.startsAt) + 60_000;
    try {
      const late = await t.http.post(`/api/requests/${res.body.id}/accept`).set('Cookie', buyer!.cookie);
      expect(late.status).toBe(409);
      expect(await prisma().meeting.count({ where: { sessionId: session.id } })).toBe(0);
    } finally {
      clock = saved;
    }
  });

  it('in a request-mode session a producer does not move a meeting to a slot the buyer never agreed to', async () => {
    const [buyer] = await makeBuyers(prisma(), 1);
    const [producer] = await makeProducers(prisma(), 1);
    const session = await makeSession(t, organisers[0]!, { bookingMode: 'request' }, [{ id: buyer!.id }]);
    const asked = await t.http
      .post(`/api/sessions/${session.id}/requests`)
      .set('Cookie', producer!.cookie)
      .send({ slotId: session.slotIds[0]!, buyerId: buyer!.id });
    const accepted = await t.http.post(`/api/requests/${asked.body.id}/accept`).set('Cookie', buyer!.cookie);
    expect(accepted.status).toBe(200);
    const moved = await t.http
      .post(`/api/meetings/${accepted.body.meeting.id}/reschedule`)
      .set('Cookie', producer!.cookie)
      .send({ slotId: session.slotIds[3]! });
    expect(moved.status).toBe(409);
    expect(moved.body.error.fields[0].code).toBe('requests_only');
    const byBuyer = await t.http
      .post(`/api/meetings/${accepted.body.meeting.id}/reschedule`)
      .set('Cookie', buyer!.cookie)
      .send({ slotId: session.slotIds[3]! });
    expect(byBuyer.status).toBe(200);
  });
});

describe('outcomes', () => {
  it('a confirmation of an outcome recorded again meanwhile is refused; an organiser’s record stays the organisers’', async () => {
    const [buyer] = await makeBuyers(prisma(), 1);
    const [producer] = await makeProducers(prisma(), 1);
    const session = await makeSession(t, organisers[0]!, {}, [{ id: buyer!.id }]);
    const meeting = (await book(producer!.cookie, session.id, { slotId: session.slotIds[0]!, buyerId: buyer!.id })).body;
    const outcome = (cookie: string, body: object) =>
      t.http.post(`/api/meetings/${meeting.id}/outcome`).set('Cookie', cookie).send(body);
    const confirm = (cookie: string, body: object) =>
      t.http.post(`/api/meetings/${meeting.id}/outcome/confirmation`).set('Cookie', cookie).send(body);
    expect((await outcome(producer!.cookie, { status: 'agreement', valueVnd: 1_000_000_000 })).status).toBe(200);
    // The buyer read 1 billion; the producer records 50 billion before the buyer confirms.
    expect((await outcome(producer!.cookie, { status: 'agreement', valueVnd: 50_000_000_000 })).status).toBe(200);
    const stale = await confirm(buyer!.cookie, { agree: true, status: 'agreement', valueVnd: 1_000_000_000 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields[0].code).toBe('outcome_changed');
    const fresh = await confirm(buyer!.cookie, { agree: true, status: 'agreement', valueVnd: 50_000_000_000 });
    expect(fresh.status).toBe(200);
    expect(fresh.body.outcome.confirmation).toBe('confirmed');

    expect((await outcome(organisers[0]!, { status: 'listed', valueVnd: 2_000_000_000 })).status).toBe(200);
    const overwrite = await outcome(producer!.cookie, { status: 'no_interest' });
    expect(overwrite.status).toBe(409);
    expect(overwrite.body.error.fields[0].code).toBe('outcome_by_organiser');
    const stored = await prisma().meeting.findUniqueOrThrow({
      where: { id: meeting.id },
      select: { outcomeStatus: true, outcomeConfirmation: true },
    });
    expect(stored).toEqual({ outcomeStatus: 'listed', outcomeConfirmation: 'confirmed' });
  });
});

describe('across sessions and times', () => {
  it('a producer cannot sit at two tables at once in two sessions of the event; a buyer may send another representative', async () => {
    const buyers = await makeBuyers(prisma(), 2);
    const [producer, other] = await makeProducers(prisma(), 2);
    const morning = await makeSession(t, organisers[0]!, {}, buyers);
    const parallel = await makeSession(t, organisers[0]!, { slotMinutes: 30, startsAt: '2026-12-12T08:10:00+07:00' }, buyers);
    expect((await book(producer!.cookie, morning.id, { slotId: morning.slotIds[0]!, buyerId: buyers[0]!.id })).status).toBe(201);
    // 08:10–08:40 overlaps 08:00–08:15.
    const clash = await book(producer!.cookie, parallel.id, { slotId: parallel.slotIds[0]!, buyerId: buyers[1]!.id });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ conflict: 'producer', error: { fields: [{ code: 'producer_busy_elsewhere' }] } });
    // The buyer meets another producer in the parallel session at that time.
    expect((await book(other!.cookie, parallel.id, { slotId: parallel.slotIds[0]!, buyerId: buyers[0]!.id })).status).toBe(201);
    // Later, once the morning slot is over, the producer is free again.
    expect((await book(producer!.cookie, parallel.id, { slotId: parallel.slotIds[1]!, buyerId: buyers[1]!.id })).status).toBe(
      201,
    );
  });

  it('times outside 2000–2099 are refused with the field named', async () => {
    const fair = await prisma().event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' }, select: { id: true } });
    const res = await t.http.post(`/api/events/${fair.id}/sessions`).set('Cookie', organisers[0]!).send({
      name: 'Phiên năm 1',
      startsAt: '0001-01-01T08:00:00+07:00',
      endsAt: '0001-01-01T10:00:00+07:00',
      slotMinutes: 20,
      tableCount: 4,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'startsAt', code: 'date_out_of_range' })]),
    );
  });
});

describe('which table a booking gets', () => {
  it('a buyer keeps its table across slots, a freed table is given again lowest first, and a full slot is a 409 table', async () => {
    const buyers = await makeBuyers(prisma(), 4);
    const producers = await makeProducers(prisma(), 5);
    const session = await makeSession(t, organisers[0]!, { tableCount: 3 }, buyers);
    const [s0, s1] = session.slotIds;
    const at = async (slotId: string, p: number, b: number, status = 201) => {
      const res = await book(organisers[0]!, session.id, { slotId, producerId: producers[p]!.id, buyerId: buyers[b]!.id });
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      return res.body as { id: string; tableNumber: number; conflict?: string };
    };
    expect((await at(s0!, 0, 0)).tableNumber).toBe(1);
    const second = await at(s0!, 1, 1);
    expect(second.tableNumber).toBe(2);
    // In the next slot buyer 1 stays at its table 2 although table 1 is free; buyer 0 at its 1.
    expect((await at(s1!, 2, 1)).tableNumber).toBe(2);
    expect((await at(s1!, 3, 0)).tableNumber).toBe(1);
    // Table 2 of the first slot is freed: a buyer of no table of its own gets it, the lowest free.
    const cancel = await t.http.delete(`/api/meetings/${second.id}`).set('Cookie', organisers[0]!);
    expect(cancel.status).toBe(204);
    expect((await at(s0!, 2, 2)).tableNumber).toBe(2);
    expect((await at(s0!, 3, 3)).tableNumber).toBe(3);
    // Three tables, three meetings: the fourth buyer's producer finds none.
    expect((await at(s0!, 4, 1, 409)).conflict).toBe('table');
    // Buyer 2's table (2) is taken in the second slot: it gets the lowest free one there, 3;
    // moved on to the third slot, it gets its own table 2 back.
    const elsewhere = await at(s1!, 4, 2);
    expect(elsewhere.tableNumber).toBe(3);
    const moved = await t.http
      .post(`/api/meetings/${elsewhere.id}/reschedule`)
      .set('Cookie', organisers[0]!)
      .send({ slotId: session.slotIds[2] });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.tableNumber).toBe(2);
    expect(await meetingRuleViolations(prisma())).toEqual([]);
  });
});
