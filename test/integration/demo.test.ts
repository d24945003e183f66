// The demo as `npm start` loads it: the fair's afternoon session has a day under way (wishes,
// meetings booked by buyers and organisers, requests accepted, declined and waiting, a
// cancellation, meetings held and one no-show, outcomes recorded and answered) that breaks no
// rule, holds the deals the dashboard counts, and logged every change in the event feed as the
// API does; the morning session and the conference are left free, as other tests need them; the
// same clock gives the same day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDto } from '../../server/contracts/matchmaking.ts';
import { loadAdministrativeUnits } from '../../prisma/demo/reference.ts';
import { DEMO, seedDemo } from '../../prisma/demo/seed.ts';
import type { Db } from '../../server/db/database.ts';
import { ORGANISER } from '../support/accounts.ts';
import { createTestDatabase } from '../support/database.ts';
import { meetingRuleViolations } from '../support/matchmaking.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The demo loaded a week before the fair, as on the day this was written.
const LOADED = new Date('2026-12-02T09:00:00+07:00');
let t: TestServer;
const prisma = () => t.database.db.prisma;
let organiser = '';
let fairId = '';
let sessionId = '';
/** The afternoon as loaded, before the tests below change it. */
let loadedDay: Awaited<ReturnType<typeof dayOf>>;

beforeAll(async () => {
  t = await startTestServer({}, { now: () => LOADED, demoNow: LOADED });
  organiser = await t.signIn(ORGANISER);
  fairId = (await prisma().event.findFirstOrThrow({ where: { name: DEMO.fair.name }, select: { id: true } })).id;
  sessionId = (
    await prisma().matchmakingSession.findFirstOrThrow({ where: { name: DEMO.fair.tradeSession.name }, select: { id: true } })
  ).id;
  loadedDay = await dayOf(prisma());
}, 60_000);
afterAll(() => t.close());

const meetingsOf = async (): Promise<MeetingDto[]> => {
  const res = await t.http.get(`/api/sessions/${sessionId}/meetings?cancelled=true`).set('Cookie', organiser);
  expect(res.status).toBe(200);
  return res.body.items as MeetingDto[];
};

describe('the afternoon session of the demo fair', () => {
  it('has a believable day: meetings booked, held, a no-show, a cancellation, requests accepted, declined and waiting, wish lists', async () => {
    const meetings = await meetingsOf();
    const count = (status: string) => meetings.filter((m) => m.status === status).length;
    expect(meetings.length).toBeGreaterThanOrEqual(15);
    expect(count('held')).toBeGreaterThanOrEqual(5);
    expect(count('booked')).toBeGreaterThanOrEqual(8);
    expect(count('no_show')).toBe(1);
    expect(count('cancelled')).toBe(1);
    expect(new Set(meetings.map((m) => m.buyerId)).size).toBe(12);
    expect(meetings.some((m) => m.source === 'request')).toBe(true);
    // Held ones took place before the break; what comes after it has not happened yet.
    const breakStarts = DEMO.fair.tradeSession.breaks[0]![0].getTime();
    for (const m of meetings.filter((x) => x.status === 'held' || x.status === 'no_show'))
      expect(Date.parse(m.endsAt)).toBeLessThanOrEqual(breakStarts);

    const requests = await t.http.get(`/api/sessions/${sessionId}/requests`).set('Cookie', organiser);
    expect(requests.status).toBe(200);
    const byStatus = (s: string) =>
      (requests.body.items as { status: string; reason: string | null }[]).filter((r) => r.status === s);
    expect(byStatus('pending').length).toBeGreaterThanOrEqual(2);
    expect(byStatus('accepted').length).toBeGreaterThanOrEqual(1);
    expect(byStatus('declined').map((r) => r.reason)).toEqual(
      expect.arrayContaining(['slot_taken', expect.stringContaining('4 sao')]),
    );

    expect(await prisma().meetingWish.count({ where: { sessionId, side: 'producer' } })).toBeGreaterThan(0);
    expect(await prisma().meetingWish.count({ where: { sessionId, side: 'buyer' } })).toBeGreaterThan(0);
  });

  it('breaks no rule of meetings, and the check would see a producer at two tables at once', async () => {
    expect(await meetingRuleViolations(prisma())).toEqual([]);
    // The check is not vacuous: a meeting written past the API into an overlapping session of
    // the fair, for a producer who meets someone in the afternoon's first slot, is reported.
    const first = (await meetingsOf()).find((m) => m.status === 'held')!;
    const other = await prisma().matchmakingSession.create({
      data: {
        eventId: fairId,
        name: 'Phiên song song (kiểm tra)',
        startsAt: new Date(first.startsAt),
        endsAt: new Date(first.endsAt),
        slotMinutes: 20,
        tableCount: 1,
        slots: { create: [{ position: 0, startsAt: new Date(first.startsAt), endsAt: new Date(first.endsAt) }] },
        buyers: { create: [{ buyerId: first.buyerId }] },
      },
      select: { id: true, slots: { select: { id: true } } },
    });
    await prisma().meeting.create({
      data: {
        eventId: fairId,
        sessionId: other.id,
        slotId: other.slots[0]!.id,
        activeSlotId: other.slots[0]!.id,
        producerId: first.producerId,
        buyerId: first.buyerId,
        tableNumber: 1,
      },
    });
    try {
      expect(await meetingRuleViolations(prisma())).toEqual([expect.stringContaining('at two tables at once')]);
    } finally {
      await prisma().matchmakingSession.delete({ where: { id: other.id } });
    }
    expect(await meetingRuleViolations(prisma())).toEqual([]);
  });

  it('holds the deals the dashboard counts: confirmed agreements and listings in VND, one disputed, one awaiting its answer', async () => {
    const meetings = await meetingsOf();
    const deals = meetings.filter(
      (m) => m.outcome && ['agreement', 'listed'].includes(m.outcome.status) && m.outcome.confirmation === 'confirmed',
    );
    expect(deals.length).toBeGreaterThanOrEqual(5);
    expect(new Set(deals.map((m) => m.buyerId)).size).toBeGreaterThanOrEqual(4);
    for (const d of deals) {
      expect(Number.isSafeInteger(d.outcome!.valueVnd)).toBe(true);
      expect(d.outcome!.valueVnd).toBeGreaterThan(0);
      expect(d.outcome!.productIds.length).toBeGreaterThan(0);
      expect(d.status).toBe('held');
    }
    const total = deals.reduce((sum, d) => sum + d.outcome!.valueVnd!, 0);
    expect(total).toBeGreaterThan(1_000_000_000); // billions of VND, as at a real fair
    // Stored as 64-bit integers.
    const stored = await prisma().meeting.findMany({
      where: { sessionId, outcomeConfirmation: 'confirmed', outcomeStatus: { in: ['agreement', 'listed'] } },
      select: { outcomeValueVnd: true },
    });
    expect(stored.reduce((sum, m) => sum + m.outcomeValueVnd!, 0n)).toBe(BigInt(total));
    // The fair's dashboard counts them (the demo's other sessions hold none).
    const dashboard = async () => (await t.http.get(`/api/events/${fairId}/dashboard`).set('Cookie', organiser)).body;
    expect((await dashboard()).deals).toMatchObject({ count: deals.length, valueVnd: total });
    expect(meetings.filter((m) => m.outcome?.confirmation === 'disputed')).toHaveLength(1);
    const awaiting = meetings.filter((m) => m.outcome?.confirmation === 'pending' && m.outcome.status === 'agreement');
    expect(awaiting).toHaveLength(1);
    // Both sides' words are kept: each answer beside the record it answers.
    const history = await prisma().meetingOutcomeRecord.groupBy({
      by: ['kind'],
      where: { meeting: { sessionId } },
      _count: true,
    });
    expect(Object.fromEntries(history.map((h) => [h.kind, h._count]))).toMatchObject({ disputed: 1 });

    // The producer awaited signs in with the demo password and confirms: one more deal.
    const producerUser = await prisma().user.findFirstOrThrow({
      where: { producerId: awaiting[0]!.producerId },
      select: { email: true },
    });
    const cookie = await t.signIn(producerUser.email);
    const confirmed = await t.http
      .post(`/api/meetings/${awaiting[0]!.id}/outcome/confirmation`)
      .set('Cookie', cookie)
      .send({ agree: true, status: 'agreement', valueVnd: awaiting[0]!.outcome!.valueVnd });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.outcome.confirmation).toBe('confirmed');
    expect((await dashboard()).deals).toMatchObject({
      count: deals.length + 1,
      valueVnd: total + awaiting[0]!.outcome!.valueVnd!,
    });
  });

  it('logged every change in the event feed, in seq order, each meeting’s last fact as the meeting now stands', async () => {
    const items: { seq: number; type: string; data: { meeting?: MeetingDto } }[] = [];
    for (;;) {
      const res = await t.http
        .get(`/api/events/${fairId}/activity?after=${items.at(-1)?.seq ?? 0}&limit=500`)
        .set('Cookie', organiser);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      if (!res.body.hasMore) break;
    }
    expect(items.map((f) => f.seq)).toEqual(items.map((_, i) => i + 1));
    const last = new Map<string, MeetingDto>();
    for (const f of items) if (f.type === 'meeting:changed' && f.data.meeting) last.set(f.data.meeting.id, f.data.meeting);
    const meetings = await meetingsOf();
    expect(last.size).toBe(meetings.length);
    for (const m of meetings) expect(last.get(m.id), m.id).toEqual(m);
    expect(items.filter((f) => f.type === 'request:changed').length).toBeGreaterThanOrEqual(5);
  });
});

describe('the rest of the demo', () => {
  it('leaves the morning session and the conference free to book', async () => {
    for (const name of [DEMO.fair.session.name, DEMO.conference.session.name]) {
      const session = await prisma().matchmakingSession.findFirstOrThrow({ where: { name }, select: { id: true } });
      expect(await prisma().meeting.count({ where: { sessionId: session.id } }), name).toBe(0);
      expect(await prisma().meetingRequest.count({ where: { sessionId: session.id } }), name).toBe(0);
    }
    // The demo sign-ins keep no meeting: the tests book them.
    const logins = await prisma().user.findMany({
      where: { email: { in: [...DEMO.producerLogins, 'bigc@demo.ocop.vn', 'vinmart@demo.ocop.vn'] } },
      select: { producerId: true, buyerId: true },
    });
    for (const u of logins)
      expect(
        await prisma().meeting.count({ where: { OR: [{ producerId: u.producerId ?? '-' }, { buyerId: u.buyerId ?? '-' }] } }),
      ).toBe(0);
  });

  it('is the same day whenever it is loaded at the same time', async () => {
    const again = await createTestDatabase();
    try {
      await again.db.migrate();
      await loadAdministrativeUnits(again.db.prisma);
      expect(await seedDemo(again.db.prisma, { passwordHash: 'x', now: LOADED })).toBe(true);
      expect(await dayOf(again.db.prisma)).toEqual(loadedDay);
    } finally {
      await again.drop();
    }
  }, 60_000);
});

/** Who meets or asks whom, and in which slot, by name (ids differ from one load to the next). */
const whoAndWhen = {
  producer: { select: { name: true } },
  buyer: { select: { name: true } },
  slot: { select: { position: true } },
} as const;

/** The afternoon session as names, slots and what happened: what a second load must repeat. */
async function dayOf(db: Db) {
  const session = await db.matchmakingSession.findFirstOrThrow({
    where: { name: DEMO.fair.tradeSession.name },
    select: { id: true },
  });
  const meetings = await db.meeting.findMany({
    where: { sessionId: session.id },
    select: {
      ...whoAndWhen,
      tableNumber: true,
      buyerSeat: true,
      status: true,
      source: true,
      sequence: true,
      outcomeStatus: true,
      outcomeValueVnd: true,
      outcomeConfirmation: true,
      outcomeBy: true,
      outcomeNote: true,
    },
  });
  const requests = await db.meetingRequest.findMany({
    where: { sessionId: session.id },
    select: {
      ...whoAndWhen,
      status: true,
      reason: true,
      message: true,
      expiresAt: true,
    },
  });
  const text = (rows: unknown[]) =>
    rows.map((r) => JSON.stringify(r, (_, v: unknown) => (typeof v === 'bigint' ? `${v}` : v))).sort();
  return { meetings: text(meetings), requests: text(requests) };
}
