// The automatic schedule through the API, on a real database: producers and buyers set their
// ranked wish lists (their own only; organisers for anyone), an organiser generates a proposal
// (every meeting with its reasons, the solver's bound and gap beside the greedy pass), a
// conflicting booking is made meanwhile, and publishing books the rest through the same rules as
// any booking: the database afterwards breaks no rule, the conflicting meeting was skipped with
// why, and each booked meeting logged its fact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleProposalDto } from '../../server/contracts/schedule.ts';
import { PUBLISH_CHUNK } from '../../server/modules/matchmaking/schedule.service.ts';
import { seededRandom } from '../../server/seeded-random.ts';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import {
  makeBuyers,
  makeOrganisers,
  makeProducers,
  makeSession,
  meetingRuleViolations,
  statuses,
  type Party,
  type TestSession,
} from '../support/matchmaking.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const clock = Date.parse('2026-12-02T09:00:00+07:00');
const prisma = () => t.database.db.prisma;
const cookies: Record<string, string> = {};
let session: TestSession;
let producers: Party[] = [];
let buyers: Party[] = [];
let demoProducerId = '';
let demoBuyerId = '';

beforeAll(async () => {
  t = await startTestServer({}, { now: () => new Date(clock) });
  for (const email of [ORGANISER, OFFICIAL, PRODUCER, BUYER]) cookies[email] = await t.signIn(email);
  const user = (email: string) =>
    prisma().user.findUniqueOrThrow({ where: { email }, select: { producerId: true, buyerId: true } });
  demoProducerId = (await user(PRODUCER)).producerId!;
  demoBuyerId = (await user(BUYER)).buyerId!;
  producers = await makeProducers(prisma(), 14);
  buyers = await makeBuyers(prisma(), 3);
  // 08:00-09:00 in 15 minutes: 4 slots, 3 tables, 2 meetings per producer; buyer 0 sends two
  // representatives, buyer 2 skips the first slot.
  session = await makeSession(
    t,
    cookies[ORGANISER]!,
    { startsAt: '2026-12-12T08:00:00+07:00', endsAt: '2026-12-12T09:00:00+07:00', tableCount: 3, maxMeetingsPerProducer: 2 },
    [{ id: buyers[0]!.id, representatives: 2 }, { id: buyers[1]!.id }, { id: buyers[2]!.id }, { id: demoBuyerId }],
  );
  expect(session.slotIds).toHaveLength(4);
  await prisma().sessionBuyer.update({
    where: { sessionId_buyerId: { sessionId: session.id, buyerId: buyers[2]!.id } },
    data: { blockedSlotIds: JSON.stringify([session.slotIds[0]]) },
  });
}, 120_000);
afterAll(() => t.close());

const putWishes = (cookie: string | undefined, body: object, sessionId = session.id) => {
  const req = t.http.put(`/api/sessions/${sessionId}/wishes`);
  return (cookie ? req.set('Cookie', cookie) : req).send(body);
};
const getWishes = (cookie: string | undefined, query = '') => {
  const req = t.http.get(`/api/sessions/${session.id}/wishes${query}`);
  return cookie ? req.set('Cookie', cookie) : req;
};

describe('wish lists', () => {
  it('a producer sets its own ranked list of buyers, a buyer its producers, and each reads only its own', async () => {
    const mine = await putWishes(cookies[PRODUCER], { buyerIds: [demoBuyerId, buyers[1]!.id] });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.items.map((w: { buyerId: string; rank: number; side: string }) => [w.side, w.buyerId, w.rank])).toEqual([
      ['producer', demoBuyerId, 1],
      ['producer', buyers[1]!.id, 2],
    ]);
    // The list is replaced, not appended to.
    const again = await putWishes(cookies[PRODUCER], { buyerIds: [demoBuyerId] });
    expect(again.body.items).toHaveLength(1);
    expect(again.body.items[0]).toMatchObject({ producerId: demoProducerId, buyerId: demoBuyerId, rank: 1 });
    expect(again.body.items[0].buyerName).not.toBe('');

    const theirs = await putWishes(cookies[BUYER], { producerIds: [demoProducerId, producers[5]!.id] });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    expect(
      theirs.body.items.every((w: { side: string; buyerId: string }) => w.side === 'buyer' && w.buyerId === demoBuyerId),
    ).toBe(true);

    const producerView = await getWishes(cookies[PRODUCER]);
    expect(producerView.status).toBe(200);
    expect(producerView.body.items).toEqual(again.body.items); // not the buyer's wish naming it
    const buyerView = await getWishes(cookies[BUYER]);
    expect(buyerView.body.items.map((w: { producerId: string }) => w.producerId)).toEqual([demoProducerId, producers[5]!.id]);
  });

  it('refuses another party’s list, the wrong kind of list, duplicates and buyers outside the session', async () => {
    expect((await putWishes(cookies[PRODUCER], { producerId: producers[0]!.id, buyerIds: [demoBuyerId] })).status).toBe(403);
    expect((await putWishes(cookies[BUYER], { buyerId: buyers[0]!.id, producerIds: [demoProducerId] })).status).toBe(403);
    const wrong = await putWishes(cookies[PRODUCER], { producerIds: [producers[0]!.id] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0]).toMatchObject({ path: 'producerIds', code: 'wrong_wish_list' });
    const twice = await putWishes(cookies[PRODUCER], { buyerIds: [demoBuyerId, demoBuyerId] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields[0]).toMatchObject({ path: 'buyerIds.1', code: 'duplicate_wish' });
    const [outsider] = await makeBuyers(prisma(), 1);
    const outside = await putWishes(cookies[PRODUCER], { buyerIds: [outsider!.id] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields[0]).toMatchObject({ path: 'buyerIds.0', code: 'buyer_not_in_session' });
    const unnamed = await putWishes(cookies[ORGANISER], { buyerIds: [demoBuyerId] });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.fields[0]).toMatchObject({ code: 'wish_owner_required' });
    expect((await putWishes(cookies[OFFICIAL], { buyerIds: [demoBuyerId] })).status).toBe(403);
    expect((await putWishes(undefined, { buyerIds: [demoBuyerId] })).status).toBe(401);
    expect((await getWishes(cookies[OFFICIAL])).status).toBe(403);
    expect((await getWishes(undefined)).status).toBe(401);
    const unknownSession = await t.http.get('/api/sessions/no-such-session/wishes').set('Cookie', cookies[PRODUCER]!);
    expect(unknownSession.status).toBe(404);
  });

  it('organisers set and read anyone’s lists', async () => {
    // Every made-up producer wants two or three of the session's buyers, in a rotating order;
    // buyer 1 wants producers 0-3 back (mutual wishes).
    const sessionBuyers = [buyers[0]!.id, buyers[1]!.id, buyers[2]!.id, demoBuyerId];
    for (const [i, p] of producers.entries()) {
      const wanted = [0, 1, 2].slice(0, 2 + (i % 2)).map((k) => sessionBuyers[(i + k) % 4]!);
      const res = await putWishes(cookies[ORGANISER], { producerId: p.id, buyerIds: wanted });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const back = await putWishes(cookies[ORGANISER], {
      buyerId: buyers[1]!.id,
      producerIds: producers.slice(0, 4).map((p) => p.id),
    });
    expect(back.status).toBe(200);
    const all = await getWishes(cookies[ORGANISER]);
    expect(all.status).toBe(200);
    const sides = new Set(all.body.items.map((w: { side: string }) => w.side));
    expect(sides).toEqual(new Set(['producer', 'buyer']));
    const one = await getWishes(cookies[ORGANISER], `?producerId=${producers[0]!.id}`);
    expect(one.body.items.every((w: { producerId: string }) => w.producerId === producers[0]!.id)).toBe(true);
    expect(one.body.items.length).toBeGreaterThanOrEqual(3); // its own two and buyer 1's wish for it
  });
});

describe('a schedule proposal, reviewed and published', () => {
  let proposal: ScheduleProposalDto;
  let bookedBefore = { producerId: '', buyerId: '', slotId: '' };

  it('only organisers generate and read proposals', async () => {
    for (const email of [OFFICIAL, PRODUCER, BUYER])
      expect(
        (await t.http.post(`/api/sessions/${session.id}/schedule-proposals`).set('Cookie', cookies[email]!).send({})).status,
      ).toBe(403);
    expect((await t.http.post(`/api/sessions/${session.id}/schedule-proposals`).send({})).status).toBe(401);
    expect(
      (await t.http.post('/api/sessions/no-such-session/schedule-proposals').set('Cookie', cookies[ORGANISER]!).send({})).status,
    ).toBe(404);
    const bad = await t.http
      .post(`/api/sessions/${session.id}/schedule-proposals`)
      .set('Cookie', cookies[ORGANISER]!)
      .send({ timeLimitSeconds: 0 });
    expect(bad.status).toBe(400);
  });

  it('generates a draft that keeps the rules with what is booked, explains each meeting and reports its bound and the greedy pass', async () => {
    // Booked before the proposal: producer 0 meets buyer 0 in slot 1. The proposal keeps to it.
    bookedBefore = { producerId: producers[0]!.id, buyerId: buyers[0]!.id, slotId: session.slotIds[1]! };
    const before = await t.http
      .post(`/api/sessions/${session.id}/meetings`)
      .set('Cookie', cookies[ORGANISER]!)
      .send(bookedBefore);
    expect(before.status, JSON.stringify(before.body)).toBe(201);

    const res = await t.http
      .post(`/api/sessions/${session.id}/schedule-proposals`)
      .set('Cookie', cookies[ORGANISER]!)
      .send({ timeLimitSeconds: 5 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    proposal = res.body;
    expect(proposal.status).toBe('draft');
    expect(proposal.figures.solver).toBe('highs');
    expect(proposal.figures.bound).not.toBeNull();
    expect(proposal.figures.gapPercent).toBeGreaterThanOrEqual(0);
    expect(proposal.figures.greedy.meetings).toBeGreaterThan(0);
    expect(proposal.figures.metMutual + proposal.figures.metOneSided).toBeGreaterThanOrEqual(
      proposal.figures.greedy.metMutual + proposal.figures.greedy.metOneSided,
    );
    expect(proposal.meetings.length).toBeGreaterThan(8);
    for (const m of proposal.meetings) {
      expect(m.reasons.length).toBeGreaterThan(0);
      expect(m.producerName).not.toBe('');
      expect(m.startsAt).toMatch(/\+07:00$/);
    }
    // The mutual wish (the demo producer and BigC want each other) is there, and says so.
    const mutual = proposal.meetings.find((m) => m.producerId === demoProducerId && m.buyerId === demoBuyerId);
    expect(mutual?.reasons[0]).toMatchObject({ code: 'mutual_wish', producerRank: 1, buyerRank: 1 });
    // Booked, blocked and limits are kept: no second meeting of the booked pair, nothing for
    // producer 0 in slot 1, nothing for buyer 2 in the slot it skips, at most 2 per producer.
    expect(proposal.meetings.some((m) => m.producerId === bookedBefore.producerId && m.buyerId === bookedBefore.buyerId)).toBe(
      false,
    );
    expect(proposal.meetings.some((m) => m.producerId === bookedBefore.producerId && m.slotId === bookedBefore.slotId)).toBe(
      false,
    );
    expect(proposal.meetings.some((m) => m.buyerId === buyers[2]!.id && m.slotId === session.slotIds[0])).toBe(false);
    const perProducer = new Map<string, number>();
    for (const m of [...proposal.meetings, bookedBefore]) perProducer.set(m.producerId, (perProducer.get(m.producerId) ?? 0) + 1);
    expect(Math.max(...perProducer.values())).toBeLessThanOrEqual(2);
    // Nothing is booked by a proposal.
    expect(await prisma().meeting.count({ where: { sessionId: session.id, activeSlotId: { not: null } } })).toBe(1);

    const read = await t.http.get(`/api/schedule-proposals/${proposal.id}`).set('Cookie', cookies[ORGANISER]!);
    expect(read.status).toBe(200);
    expect(read.body.meetings).toEqual(proposal.meetings);
    expect((await t.http.get(`/api/schedule-proposals/${proposal.id}`).set('Cookie', cookies[PRODUCER]!)).status).toBe(403);
    expect((await t.http.get('/api/schedule-proposals/no-such-proposal').set('Cookie', cookies[ORGANISER]!)).status).toBe(404);
  }, 60_000);

  it('publishes what still holds: a meeting a booking made meanwhile stands in the way of is skipped, with why', async () => {
    // Meanwhile the producer of a proposed meeting books another buyer in that very slot.
    const target = proposal.meetings.find((m) => m.producerId !== demoProducerId)!;
    const busyWith = [buyers[0]!.id, buyers[1]!.id, buyers[2]!.id, demoBuyerId].find(
      (b) => b !== target.buyerId && !proposal.meetings.some((m) => m.producerId === target.producerId && m.buyerId === b),
    )!;
    const meanwhile = await t.http
      .post(`/api/sessions/${session.id}/meetings`)
      .set('Cookie', cookies[ORGANISER]!)
      .send({ slotId: target.slotId, buyerId: busyWith, producerId: target.producerId });
    expect(meanwhile.status, JSON.stringify(meanwhile.body)).toBe(201);
    const factsBefore = await prisma().activityLog.count({ where: { eventId: session.eventId, type: 'meeting:changed' } });

    const res = await t.http.post(`/api/schedule-proposals/${proposal.id}/publish`).set('Cookie', cookies[ORGANISER]!);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { booked, skipped } = res.body as {
      booked: { meetingId: string; producerId: string; buyerId: string; slotId: string }[];
      skipped: { producerId: string; buyerId: string; slotId: string; conflict: string; code: string }[];
    };
    expect(skipped).toContainEqual(
      expect.objectContaining({
        producerId: target.producerId,
        buyerId: target.buyerId,
        slotId: target.slotId,
        conflict: 'producer',
        code: 'producer_busy',
      }),
    );
    expect(booked.length + skipped.length).toBe(proposal.meetings.length);
    expect(booked.length).toBeGreaterThan(0);

    // The database afterwards: no rule broken; the meanwhile booking stands; the booked meetings
    // are exactly the proposal's less the skipped, sourced 'schedule', each with its fact logged.
    expect(await meetingRuleViolations(prisma())).toEqual([]);
    const standing = await prisma().meeting.findMany({
      where: { sessionId: session.id, activeSlotId: { not: null } },
      select: { id: true, producerId: true, buyerId: true, slotId: true, source: true },
    });
    expect(standing).toContainEqual(expect.objectContaining({ id: meanwhile.body.id, source: 'booking' }));
    const fromSchedule = standing.filter((m) => m.source === 'schedule');
    const key = (m: { producerId: string; buyerId: string; slotId: string }) => `${m.producerId} ${m.buyerId} ${m.slotId}`;
    const skippedKeys = new Set(skipped.map(key));
    expect(new Set(fromSchedule.map(key))).toEqual(new Set(proposal.meetings.map(key).filter((k) => !skippedKeys.has(k))));
    expect(new Set(fromSchedule.map((m) => m.id))).toEqual(new Set(booked.map((b) => b.meetingId)));
    expect(await prisma().activityLog.count({ where: { eventId: session.eventId, type: 'meeting:changed' } })).toBe(
      factsBefore + booked.length,
    );

    const after = await t.http.get(`/api/schedule-proposals/${proposal.id}`).set('Cookie', cookies[ORGANISER]!);
    expect(after.body.status).toBe('published');
    expect(after.body.publishedAt).not.toBeNull();
    expect(after.body.published.skipped).toEqual(skipped);
    const twice = await t.http.post(`/api/schedule-proposals/${proposal.id}/publish`).set('Cookie', cookies[ORGANISER]!);
    expect(twice.status).toBe(409);
    expect(twice.body.conflict).toBe('state');
    expect(await prisma().meeting.count({ where: { sessionId: session.id, source: 'schedule' } })).toBe(booked.length);
  }, 60_000);

  it('a second proposal takes the published meetings as booked and proposes only what still fits', async () => {
    const res = await t.http.post(`/api/sessions/${session.id}/schedule-proposals`).set('Cookie', cookies[ORGANISER]!).send({});
    expect(res.status).toBe(201);
    const standing = await prisma().meeting.findMany({
      where: { sessionId: session.id, activeSlotId: { not: null } },
      select: { producerId: true, buyerId: true },
    });
    const met = new Set(standing.map((m) => `${m.producerId} ${m.buyerId}`));
    for (const m of res.body.meetings as { producerId: string; buyerId: string }[])
      expect(met.has(`${m.producerId} ${m.buyerId}`)).toBe(false);
    const published = await t.http.post(`/api/schedule-proposals/${res.body.id}/publish`).set('Cookie', cookies[ORGANISER]!);
    expect(published.status).toBe(200);
    expect(published.body.skipped).toEqual([]);
    expect(await meetingRuleViolations(prisma())).toEqual([]);
  }, 60_000);
});

describe('publishing while bookings race it', () => {
  it('a large proposal published while 120 bookings arrive at once keeps every rule; each loser is a 409 or a skipped meeting', async () => {
    const many = await makeProducers(prisma(), 80);
    const chains = await makeBuyers(prisma(), 12);
    const [organiser] = await makeOrganisers(prisma(), 1);
    // 08:00-10:00: 8 slots, 12 tables, 3 meetings per producer; four buyers send two
    // representatives. Half the producers wish two buyers each: the proposal leaves room, which
    // the bookings racing its publication fight over with it.
    const big = await makeSession(
      t,
      organiser!,
      { startsAt: '2026-12-13T08:00:00+07:00', endsAt: '2026-12-13T10:00:00+07:00', tableCount: 12, maxMeetingsPerProducer: 3 },
      chains.map((b, i) => ({ id: b.id, representatives: i < 4 ? 2 : 1 })),
    );
    for (const [i, p] of many.slice(0, 40).entries()) {
      const res = await putWishes(p.cookie, { buyerIds: [chains[i % 12]!.id, chains[(i * 5 + 1) % 12]!.id] }, big.id);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const generated = await t.http.post(`/api/sessions/${big.id}/schedule-proposals`).set('Cookie', organiser!).send({});
    expect(generated.status).toBe(201);
    const proposal = generated.body as ScheduleProposalDto;
    expect(proposal.meetings.length).toBeGreaterThan(PUBLISH_CHUNK * 2); // several chunks

    // Every producer books a random buyer in a random slot, 40 of them twice, all at once with
    // the publication.
    const random = seededRandom(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const bookings = [...many, ...many.slice(0, 40)].map((p) =>
      t.http
        .post(`/api/sessions/${big.id}/meetings`)
        .set('Cookie', p.cookie)
        .send({ slotId: pick(big.slotIds), buyerId: pick(chains).id }),
    );
    const [published, ...answers] = await Promise.all([
      t.http.post(`/api/schedule-proposals/${proposal.id}/publish`).set('Cookie', organiser!),
      ...bookings,
    ]);
    expect(published!.status, JSON.stringify(published!.body)).toBe(200);
    const counts = statuses(answers);
    expect((counts[201] ?? 0) + (counts[409] ?? 0)).toBe(answers.length);
    const { booked, skipped } = published!.body as { booked: unknown[]; skipped: { conflict: string }[] };
    expect(booked.length + skipped.length).toBe(proposal.meetings.length);
    for (const s of skipped) expect(['producer', 'buyer', 'table', 'limit']).toContain(s.conflict);

    expect(await meetingRuleViolations(prisma())).toEqual([]);
    expect(await prisma().meeting.count({ where: { sessionId: big.id, source: 'schedule', activeSlotId: { not: null } } })).toBe(
      booked.length,
    );
    expect(await prisma().meeting.count({ where: { sessionId: big.id, source: 'booking', activeSlotId: { not: null } } })).toBe(
      counts[201] ?? 0,
    );
  }, 120_000);
});

describe('a large schedule', () => {
  it('is solved off the server’s thread: other calls are answered while HiGHS works', async () => {
    const many = await makeProducers(prisma(), 300);
    const chains = await makeBuyers(prisma(), 20);
    const [organiser] = await makeOrganisers(prisma(), 1);
    // 08:00-12:00 in 15 minutes: 16 slots, 20 tables; random ranked wishes written directly.
    const big = await makeSession(t, organiser!, { tableCount: 20, maxMeetingsPerProducer: 4 }, chains);
    const random = seededRandom(11);
    const wishes = many.flatMap((p) =>
      [...new Set([0, 1, 2].map(() => chains[Math.floor(random() * chains.length)]!.id))].map((buyerId, i) => ({
        sessionId: big.id,
        side: 'producer',
        producerId: p.id,
        buyerId,
        rank: i + 1,
      })),
    );
    await prisma().meetingWish.createMany({ data: wishes });
    // Health calls one after another, from the moment the proposal is asked for until it is
    // answered: the server (this very process) answers them only if its thread stays free.
    const started = performance.now();
    let proposedAfter = 0;
    const proposing = t.http
      .post(`/api/sessions/${big.id}/schedule-proposals`)
      .set('Cookie', organiser!)
      .send({})
      .then((res) => {
        proposedAfter = performance.now() - started;
        return res;
      });
    const health: number[] = [];
    while (proposedAfter === 0) {
      const t0 = performance.now();
      expect((await t.http.get('/api/health')).status).toBe(200);
      health.push(performance.now() - t0);
    }
    const res = await proposing;
    expect(res.status).toBe(201);
    expect(res.body.figures.solver).toBe('highs');
    expect(res.body.meetings.length).toBeGreaterThan(250);
    // Answered all along while the proposal was computed, none held until it was done.
    expect(health.length).toBeGreaterThan(10);
    expect(Math.max(...health)).toBeLessThan(proposedAfter / 2);
  }, 120_000);
});

describe('a proposal when its session is re-timed', () => {
  it('is discarded with the slots it was fitted into: it lists no meeting in a slot that is gone and cannot be published', async () => {
    const few = await makeProducers(prisma(), 6);
    const chains = await makeBuyers(prisma(), 2);
    const [organiser] = await makeOrganisers(prisma(), 1);
    const s = await makeSession(
      t,
      organiser!,
      { startsAt: '2026-12-14T08:00:00+07:00', endsAt: '2026-12-14T09:00:00+07:00', tableCount: 4 },
      chains,
    );
    for (const p of few) expect((await putWishes(p.cookie, { buyerIds: chains.map((b) => b.id) }, s.id)).status).toBe(200);
    const generated = await t.http.post(`/api/sessions/${s.id}/schedule-proposals`).set('Cookie', organiser!).send({});
    expect(generated.status, JSON.stringify(generated.body)).toBe(201);
    expect((generated.body as ScheduleProposalDto).meetings.length).toBeGreaterThan(0);

    const retimed = await t.http.patch(`/api/sessions/${s.id}`).set('Cookie', organiser!).send({ slotMinutes: 20 });
    expect(retimed.status, JSON.stringify(retimed.body)).toBe(200);
    const read = await t.http.get(`/api/schedule-proposals/${generated.body.id}`).set('Cookie', organiser!);
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('discarded');
    const slotsNow = new Set(
      (await prisma().slot.findMany({ where: { sessionId: s.id }, select: { id: true } })).map((x) => x.id),
    );
    for (const m of (read.body as ScheduleProposalDto).meetings) {
      expect(slotsNow.has(m.slotId)).toBe(true);
      expect(m.startsAt.startsWith('2026-12-14')).toBe(true);
    }
    const publish = await t.http.post(`/api/schedule-proposals/${generated.body.id}/publish`).set('Cookie', organiser!);
    expect(publish.status).toBe(409);
    expect(await prisma().meeting.count({ where: { sessionId: s.id } })).toBe(0);
  });
});

describe('a closed event', () => {
  it('takes no wish, no proposal and no publication: 409 state', async () => {
    const draft = await t.http.post(`/api/sessions/${session.id}/schedule-proposals`).set('Cookie', cookies[ORGANISER]!).send({});
    expect(draft.status).toBe(201);
    await prisma().event.update({ where: { id: session.eventId }, data: { status: 'closed' } });
    const wish = await putWishes(cookies[PRODUCER], { buyerIds: [demoBuyerId] });
    expect([wish.status, wish.body.conflict]).toEqual([409, 'state']);
    const proposal = await t.http
      .post(`/api/sessions/${session.id}/schedule-proposals`)
      .set('Cookie', cookies[ORGANISER]!)
      .send({});
    expect([proposal.status, proposal.body.conflict]).toEqual([409, 'state']);
    const before = await prisma().meeting.count({ where: { sessionId: session.id } });
    const publish = await t.http.post(`/api/schedule-proposals/${draft.body.id}/publish`).set('Cookie', cookies[ORGANISER]!);
    expect([publish.status, publish.body.conflict]).toEqual([409, 'state']);
    expect(await prisma().meeting.count({ where: { sessionId: session.id } })).toBe(before);
    const still = await t.http.get(`/api/schedule-proposals/${draft.body.id}`).set('Cookie', cookies[ORGANISER]!);
    expect(still.body.status).toBe('draft');
  });
});
