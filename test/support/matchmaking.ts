// Matchmaking fixtures for race tests: producers and buyers of our own, each with a signed-in
// user (a session row made directly, so that hundreds of them cost no password hashing), a
// session of the demo fair with buyers taking part, and the check of every meeting rule over the
// whole database afterwards.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { hashToken } from '../../server/modules/auth/auth.service.ts';
import type { TestServer } from './server.ts';

let serial = 0;

async function sessionCookieFor(prisma: Db, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await prisma.userSession.create({ data: { id: hashToken(token), userId, expiresAt: new Date(Date.now() + 90 * 86_400_000) } });
  return `ocop_session=${token}`;
}

export interface Party {
  id: string;
  /** A signed-in user of this organisation, as a Cookie header value. */
  cookie: string;
}

/** A signed-in user for each of these organisations: the parties, each with its own session. */
async function signedIn(
  prisma: Db,
  organisations: { id: string }[],
  user: (
    organisation: { id: string },
    i: number,
  ) => { email: string; name: string; role: 'producer' | 'buyer'; producerId?: string; buyerId?: string },
): Promise<Party[]> {
  const users = await prisma.user.createManyAndReturn({
    data: organisations.map((o, i) => ({ ...user(o, i), passwordHash: 'x' })),
    select: { id: true, producerId: true, buyerId: true },
  });
  return Promise.all(
    users.map(async (u) => ({ id: (u.producerId ?? u.buyerId)!, cookie: await sessionCookieFor(prisma, u.id) })),
  );
}

export async function makeProducers(prisma: Db, count: number, provinceId = 'dak-lak'): Promise<Party[]> {
  const run = ++serial;
  const data = Array.from({ length: count }, (_, i) => ({
    name: `HTX kết nối ${run}-${i}`,
    nameFolded: `htx ket noi ${run}-${i}`,
    legalType: 'cooperative',
    provinceId,
  }));
  const rows = await prisma.producer.createManyAndReturn({ data, select: { id: true } });
  return signedIn(prisma, rows, (r, i) => ({
    email: `sx${run}-${i}@race.test`,
    name: `SX ${i}`,
    role: 'producer',
    producerId: r.id,
  }));
}

export async function makeBuyers(prisma: Db, count: number): Promise<Party[]> {
  const run = ++serial;
  const data = Array.from({ length: count }, (_, i) => ({
    name: `Nhà phân phối ${run}-${i}`,
    nameFolded: `nha phan phoi ${run}-${i}`,
    nameKey: `nhaphanphoi${run}x${i}`,
    orgType: 'distributor',
    provinceId: 'ho-chi-minh',
  }));
  const rows = await prisma.buyer.createManyAndReturn({ data, select: { id: true } });
  return signedIn(prisma, rows, (r, i) => ({
    email: `mua${run}-${i}@race.test`,
    name: `Mua ${i}`,
    role: 'buyer',
    buyerId: r.id,
  }));
}

/** Organiser sessions of our own, one per concurrent caller. */
export async function makeOrganisers(prisma: Db, count: number): Promise<string[]> {
  const organiser = await prisma.user.findFirstOrThrow({ where: { role: 'organiser' }, select: { id: true } });
  return Promise.all(Array.from({ length: count }, () => sessionCookieFor(prisma, organiser.id)));
}

export interface TestSession {
  id: string;
  eventId: string;
  slotIds: string[];
}

/** A session of the demo fair (through the API), with these buyers taking part. */
export async function makeSession(
  t: TestServer,
  organiserCookie: string,
  settings: Record<string, unknown>,
  buyers: { id: string; representatives?: number }[],
): Promise<TestSession> {
  const prisma = t.database.db.prisma;
  const fair = await prisma.event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' }, select: { id: true } });
  const res = await t.http
    .post(`/api/events/${fair.id}/sessions`)
    .set('Cookie', organiserCookie)
    .send({
      name: `Phiên đua ${++serial}`,
      startsAt: '2026-12-12T08:00:00+07:00',
      endsAt: '2026-12-12T12:00:00+07:00',
      slotMinutes: 15,
      tableCount: 20,
      ...settings,
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await prisma.sessionBuyer.createMany({
    data: buyers.map((b) => ({ sessionId: res.body.id, buyerId: b.id, representatives: b.representatives ?? 1 })),
  });
  return { id: res.body.id, eventId: fair.id, slotIds: res.body.slots.map((s: { id: string }) => s.id) };
}

/** Each producer asks the buyer for the slot itself, one after the other (each 201); the requests' ids in that order. */
export async function requestSlot(
  t: TestServer,
  session: TestSession,
  slotId: string,
  buyerId: string,
  producers: Party[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const p of producers) {
    const res = await t.http.post(`/api/sessions/${session.id}/requests`).set('Cookie', p.cookie).send({ slotId, buyerId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.id as string);
  }
  return ids;
}

export const statuses = (answers: { status: number }[]) =>
  answers.reduce<Record<number, number>>((n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }), {});

/**
 * Every rule of the spec for meetings, over the whole database: in a slot at most one meeting
 * per producer, per buyer representative and per table; a buyer never past its representatives
 * or in a slot it blocks, tables within the session's count, limits per producer and per buyer,
 * a pair once per session, a producer never in two sessions of an event at overlapping times,
 * a standing meeting's active slot its slot, an accepted request with its meeting. Returns the
 * rules broken (none: an empty list).
 */
export async function meetingRuleViolations(prisma: Db): Promise<string[]> {
  const broken: string[] = [];
  const [meetings, sessions, buyers, requests, slots] = await Promise.all([
    prisma.meeting.findMany({
      select: {
        id: true,
        eventId: true,
        sessionId: true,
        slotId: true,
        activeSlotId: true,
        status: true,
        producerId: true,
        buyerId: true,
        buyerSeat: true,
        tableNumber: true,
      },
    }),
    prisma.matchmakingSession.findMany({
      select: { id: true, tableCount: true, maxMeetingsPerProducer: true, maxMeetingsPerBuyer: true },
    }),
    prisma.sessionBuyer.findMany({ select: { sessionId: true, buyerId: true, representatives: true, blockedSlotIds: true } }),
    prisma.meetingRequest.findMany({ where: { status: 'accepted' }, select: { id: true, meetingId: true } }),
    prisma.slot.findMany({ where: { meetings: { some: {} } }, select: { id: true, startsAt: true, endsAt: true } }),
  ]);
  const sessionOf = new Map(sessions.map((s) => [s.id, s]));
  const participant = new Map(buyers.map((b) => [`${b.sessionId} ${b.buyerId}`, b]));
  const once = (key: string, what: string, seen: Set<string>) => {
    if (seen.has(key)) broken.push(what);
    seen.add(key);
  };
  const producerSlot = new Set<string>();
  const seatSlot = new Set<string>();
  const tableSlot = new Set<string>();
  const pairs = new Set<string>();
  const perProducer = new Map<string, number>();
  const perBuyer = new Map<string, number>();
  const perBuyerSlot = new Map<string, number>();
  for (const m of meetings) {
    const standing = m.status !== 'cancelled';
    if (standing !== (m.activeSlotId !== null) || (standing && m.activeSlotId !== m.slotId))
      broken.push(`meeting ${m.id}: status ${m.status} with active slot ${m.activeSlotId}`);
    if (!standing) continue;
    const s = sessionOf.get(m.sessionId)!;
    once(`${m.slotId} ${m.producerId}`, `producer ${m.producerId} twice in slot ${m.slotId}`, producerSlot);
    once(`${m.slotId} ${m.buyerId} ${m.buyerSeat}`, `buyer ${m.buyerId} seat ${m.buyerSeat} twice in slot ${m.slotId}`, seatSlot);
    once(`${m.slotId} ${m.tableNumber}`, `table ${m.tableNumber} twice in slot ${m.slotId}`, tableSlot);
    once(
      `${m.sessionId} ${m.producerId} ${m.buyerId}`,
      `pair ${m.producerId}/${m.buyerId} twice in session ${m.sessionId}`,
      pairs,
    );
    if (m.tableNumber < 1 || m.tableNumber > s.tableCount)
      broken.push(`meeting ${m.id} at table ${m.tableNumber} of ${s.tableCount}`);
    const p = participant.get(`${m.sessionId} ${m.buyerId}`);
    if (!p) broken.push(`meeting ${m.id}: its buyer does not take part in the session`);
    else {
      if (m.buyerSeat < 1 || m.buyerSeat > p.representatives)
        broken.push(`meeting ${m.id}: seat ${m.buyerSeat} of ${p.representatives}`);
      if ((JSON.parse(p.blockedSlotIds) as string[]).includes(m.slotId))
        broken.push(`meeting ${m.id} in a slot its buyer blocked`);
    }
    const pk = `${m.sessionId} ${m.producerId}`;
    perProducer.set(pk, (perProducer.get(pk) ?? 0) + 1);
    const bk = `${m.sessionId} ${m.buyerId}`;
    perBuyer.set(bk, (perBuyer.get(bk) ?? 0) + 1);
    const bs = `${m.sessionId} ${m.buyerId} ${m.slotId}`;
    perBuyerSlot.set(bs, (perBuyerSlot.get(bs) ?? 0) + 1);
  }
  for (const [key, n] of perProducer) {
    const s = sessionOf.get(key.split(' ')[0]!)!;
    if (n > s.maxMeetingsPerProducer) broken.push(`producer ${key}: ${n} meetings, limit ${s.maxMeetingsPerProducer}`);
  }
  for (const [key, n] of perBuyer) {
    const s = sessionOf.get(key.split(' ')[0]!)!;
    if (s.maxMeetingsPerBuyer !== null && n > s.maxMeetingsPerBuyer)
      broken.push(`buyer ${key}: ${n} meetings, limit ${s.maxMeetingsPerBuyer}`);
  }
  for (const [key, n] of perBuyerSlot) {
    const [sessionId, buyerId] = key.split(' ');
    const p = participant.get(`${sessionId} ${buyerId}`);
    if (p && n > p.representatives) broken.push(`buyer ${key}: ${n} meetings at once, ${p.representatives} representatives`);
  }
  // A producer sits at one table at a time: its meetings in different sessions of an event never overlap.
  const slotOf = new Map(slots.map((s) => [s.id, s]));
  const byProducer = new Map<string, typeof meetings>();
  for (const m of meetings) {
    if (m.status === 'cancelled') continue;
    const key = `${m.eventId} ${m.producerId}`;
    byProducer.set(key, [...(byProducer.get(key) ?? []), m]);
  }
  for (const own of byProducer.values())
    for (const [i, a] of own.entries())
      for (const b of own.slice(i + 1)) {
        const [x, y] = [slotOf.get(a.slotId)!, slotOf.get(b.slotId)!];
        if (a.sessionId !== b.sessionId && x.startsAt < y.endsAt && y.startsAt < x.endsAt)
          broken.push(`producer ${a.producerId} at two tables at once: meetings ${a.id} and ${b.id}`);
      }
  const meetingIds = new Set(meetings.map((m) => m.id));
  for (const r of requests)
    if (!r.meetingId || !meetingIds.has(r.meetingId)) broken.push(`accepted request ${r.id} without its meeting`);
  return broken;
}
