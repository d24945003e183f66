// Agendas as calendar data (issue 10), read back with a real iCalendar parser (Mozilla's
// ical.js): a meeting's own .ics has one VEVENT with its stable UID, its SEQUENCE and its times
// in Asia/Ho_Chi_Minh; once cancelled it carries METHOD:CANCEL with the same UID and a higher
// SEQUENCE; a participant's secret feed lists its own meetings only (cancelled ones as
// STATUS:CANCELLED), stops on revocation, on rotation and on deactivation; and only the
// meeting's producer, its buyer and organisers get its file (404 for anyone else).
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const OTHER_PRODUCER = 'hokd.matong@demo.ocop.vn';
const OTHER_BUYER = 'vinmart@demo.ocop.vn';
const ZONE = 'Asia/Ho_Chi_Minh';

let t: TestServer;
const prisma = () => t.database.db.prisma;
const cookie: Record<string, string> = {};
const org: Record<string, string> = {};
let fair = { id: '', venue: '' };
let draftId = '';
let session = { id: '', slots: [] as { id: string; startsAt: string; endsAt: string }[] };
/** The meetings every test reads: A = the demo producer, B = another; buyers likewise. */
const m = { aa: '', ba: '', ab: '', bb: '', draft: '' };

/** A meeting booked by an organiser through the meeting calls; its table is allocated. */
async function meeting(slot: number, producer: string, buyer: string) {
  // a user's email names its organisation; anything else is a buyer's id
  const buyerId = org[buyer] ?? buyer;
  const res = await t.http
    .post(`/api/sessions/${session.id}/meetings`)
    .set('Cookie', cookie[ORGANISER]!)
    .send({ slotId: session.slots[slot]!.id, buyerId, producerId: org[producer]! });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  table[res.body.id] = res.body.tableNumber;
  return res.body.id as string;
}
const table: Record<string, number> = {};
/** Buyers of the session without a sign-in: a producer meets each buyer once per session. */
let moreBuyers: string[] = [];

/** Its producer cancels it (DELETE /api/meetings/:id): the row stays, its SEQUENCE rises. */
async function cancel(meetingId: string) {
  const res = await t.http.delete(`/api/meetings/${meetingId}`).set('Cookie', cookie[PRODUCER]!);
  expect(res.status, JSON.stringify(res.body)).toBe(204);
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return { calendar, events, method: calendar.getFirstPropertyValue('method') };
}
const uidOf = (id: string) => `meeting-${id}@ocop-connect`;

async function ics(url: string, who?: string) {
  const req = t.http.get(url);
  if (who) req.set('Cookie', cookie[who]!);
  return req;
}
async function newFeed(who: string) {
  const res = await t.http.post('/api/calendar-feeds').set('Cookie', cookie[who]!).send({});
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { url: string; path: string; webcalUrl: string };
}

beforeAll(async () => {
  t = await startTestServer();
  for (const email of [ORGANISER, OFFICIAL, PRODUCER, OTHER_PRODUCER, BUYER, OTHER_BUYER]) {
    cookie[email] = await t.signIn(email);
    const me = await t.http.get('/api/auth/me').set('Cookie', cookie[email]!);
    if (me.body.user.organisationId) org[email] = me.body.user.organisationId;
  }
  fair = await prisma().event.findFirstOrThrow({
    where: { kind: 'fair', status: 'published' },
    select: { id: true, venue: true },
  });
  const sessions = await t.http.get(`/api/events/${fair.id}/sessions`).set('Cookie', cookie[PRODUCER]!);
  expect(sessions.status).toBe(200);
  session = sessions.body.items[0];
  const taking = await prisma().sessionBuyer.findMany({
    where: { sessionId: session.id, buyerId: { notIn: [org[BUYER]!, org[OTHER_BUYER]!] } },
    select: { buyerId: true },
    orderBy: { buyerId: 'asc' },
  });
  moreBuyers = taking.map((b) => b.buyerId);
  m.aa = await meeting(0, PRODUCER, BUYER);
  m.bb = await meeting(0, OTHER_PRODUCER, OTHER_BUYER);
  m.ab = await meeting(1, PRODUCER, OTHER_BUYER);
  m.ba = await meeting(1, OTHER_PRODUCER, BUYER);
  // a meeting of a draft event: the organisers' alone, whoever it names (stored directly: no
  // session of the draft is open to anyone)
  const draft = await prisma().event.findFirstOrThrow({ where: { status: 'draft' }, select: { id: true } });
  draftId = draft.id;
  const slotAt = new Date('2027-04-23T01:00:00Z');
  const draftSession = await prisma().matchmakingSession.create({
    data: {
      eventId: draftId,
      name: 'Phiên nháp',
      startsAt: slotAt,
      endsAt: new Date('2027-04-23T02:00:00Z'),
      slotMinutes: 20,
      tableCount: 5,
      slots: { create: [{ position: 0, startsAt: slotAt, endsAt: new Date('2027-04-23T01:20:00Z') }] },
    },
    select: { id: true, slots: { select: { id: true } } },
  });
  const slotId = draftSession.slots[0]!.id;
  const row = await prisma().meeting.create({
    data: {
      eventId: draftId,
      sessionId: draftSession.id,
      slotId,
      activeSlotId: slotId,
      producerId: org[PRODUCER]!,
      buyerId: org[BUYER]!,
      tableNumber: 1,
    },
    select: { id: true },
  });
  m.draft = row.id;
});
afterAll(() => t.close());

describe("a meeting's own .ics", () => {
  it('holds one VEVENT with its stable UID, its SEQUENCE and its times in Asia/Ho_Chi_Minh (08:00 there is 01:00Z)', async () => {
    const res = await ics(`/api/meetings/${m.aa}/calendar.ics`, PRODUCER);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const { calendar, events, method } = parse(res.text);
    expect(method).toBe('PUBLISH');
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.uid).toBe(uidOf(m.aa));
    expect(event.sequence).toBe(0);
    // the first slot of the demo session: 11 Dec 2026, 08:00-08:20 in Vietnam
    expect(session.slots[0]!.startsAt).toBe('2026-12-11T08:00:00+07:00');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-11T01:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-11T01:20:00.000Z');
    // written as Vietnam's wall clock with its TZID, and the file carries that zone (+07:00)
    const dtstart = event.component.getFirstProperty('dtstart')!;
    expect(dtstart.getParameter('tzid')).toBe(ZONE);
    expect([event.startDate.hour, event.startDate.minute]).toEqual([8, 0]);
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    expect(zone.getFirstPropertyValue('tzid')).toBe(ZONE);
    const standard = zone.getFirstSubcomponent('standard')!;
    expect(String(standard.getFirstPropertyValue('tzoffsetto'))).toBe('+07:00');
    expect(zone.getFirstSubcomponent('daylight')).toBeNull();
    // in Vietnamese, naming the other party and the table; the venue and the table
    expect(event.summary).toContain('BigC');
    expect(event.summary).toContain(`bàn ${table[m.aa]}`);
    expect(event.location).toBe(`${fair.venue} – Bàn ${table[m.aa]}`);
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    // the DTSTAMP is UTC, as RFC 5545 wants
    expect((event.component.getFirstPropertyValue('dtstamp') as ICAL.Time).zone?.tzid).toBe('UTC');
  });

  it("names the producer in the buyer's file and both parties in an organiser's", async () => {
    const buyer = parse((await ics(`/api/meetings/${m.aa}/calendar.ics`, BUYER)).text).events[0]!;
    expect(buyer.summary).toContain('HTX Cà phê');
    expect(buyer.summary).not.toContain('BigC');
    const organiser = parse((await ics(`/api/meetings/${m.aa}/calendar.ics`, ORGANISER)).text).events[0]!;
    expect(organiser.summary).toContain('HTX Cà phê');
    expect(organiser.summary).toContain('BigC');
    expect(organiser.uid).toBe(uidOf(m.aa));
  });

  it('once the meeting is cancelled carries METHOD:CANCEL with the same UID, a higher SEQUENCE and STATUS:CANCELLED', async () => {
    const id = await meeting(3, PRODUCER, moreBuyers[0]!);
    const before = parse((await ics(`/api/meetings/${id}/calendar.ics`, PRODUCER)).text);
    expect(before.method).toBe('PUBLISH');
    await cancel(id);
    const res = await ics(`/api/meetings/${id}/calendar.ics`, PRODUCER);
    expect(res.status).toBe(200);
    const after = parse(res.text);
    expect(after.method).toBe('CANCEL');
    expect(after.events).toHaveLength(1);
    expect(after.events[0]!.uid).toBe(before.events[0]!.uid);
    expect(after.events[0]!.sequence).toBeGreaterThan(before.events[0]!.sequence);
    expect(after.events[0]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    // same time still, so a calendar finds the entry it removes
    expect(after.events[0]!.startDate.toJSDate().toISOString()).toBe(before.events[0]!.startDate.toJSDate().toISOString());
    // an organiser's copy says the same
    expect(parse((await ics(`/api/meetings/${id}/calendar.ics`, ORGANISER)).text).method).toBe('CANCEL');
  });

  it('once the meeting moves to another slot keeps its UID, with a higher SEQUENCE and the new times', async () => {
    const id = await meeting(5, PRODUCER, moreBuyers[1]!);
    const before = parse((await ics(`/api/meetings/${id}/calendar.ics`, PRODUCER)).text).events[0]!;
    const moved = await t.http
      .post(`/api/meetings/${id}/reschedule`)
      .set('Cookie', cookie[ORGANISER]!)
      .send({ slotId: session.slots[6]!.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const after = parse((await ics(`/api/meetings/${id}/calendar.ics`, PRODUCER)).text);
    expect(after.method).toBe('PUBLISH');
    const event = after.events[0]!;
    expect(event.uid).toBe(before.uid);
    expect(event.sequence).toBeGreaterThan(before.sequence);
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(session.slots[6]!.startsAt).toISOString());
    expect(event.startDate.toJSDate().getTime()).not.toBe(before.startDate.toJSDate().getTime());
    expect(event.location).toBe(`${fair.venue} – Bàn ${moved.body.tableNumber}`);
  });

  it("is its producer's, its buyer's and organisers' only: anyone else gets the 404 of a meeting that does not exist", async () => {
    const url = `/api/meetings/${m.aa}/calendar.ics`;
    expect((await ics(url)).status).toBe(401);
    expect((await ics(url, ORGANISER)).status).toBe(200);
    expect((await ics(url, PRODUCER)).status).toBe(200);
    expect((await ics(url, BUYER)).status).toBe(200);
    const unknown = await ics('/api/meetings/no-such-meeting/calendar.ics', ORGANISER);
    expect(unknown.status).toBe(404);
    for (const who of [OTHER_PRODUCER, OTHER_BUYER, OFFICIAL]) {
      const res = await ics(url, who);
      expect(res.status, who).toBe(404);
      expect(res.body, who).toEqual(unknown.body);
      expect(res.text, who).not.toContain('BEGIN:VCALENDAR');
    }
    // a draft event's meeting: organisers only, even for the producer and buyer it names
    expect((await ics(`/api/meetings/${m.draft}/calendar.ics`, ORGANISER)).status).toBe(200);
    expect((await ics(`/api/meetings/${m.draft}/calendar.ics`, PRODUCER)).status).toBe(404);
    expect((await ics(`/api/meetings/${m.draft}/calendar.ics`, BUYER)).status).toBe(404);
  });
});

describe('a private subscription feed', () => {
  it("lists the producer's meetings only, cancelled ones as STATUS:CANCELLED with a raised SEQUENCE, by a link that needs no sign-in", async () => {
    const cancelled = await meeting(4, PRODUCER, moreBuyers[2]!);
    await cancel(cancelled);
    const feed = await newFeed(PRODUCER);
    expect(feed.url).toMatch(/^http:\/\/[^/]+\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(feed.url.endsWith(feed.path)).toBe(true);
    expect(feed.webcalUrl).toBe(feed.url.replace(/^http:/, 'webcal:'));
    const res = await t.http.get(feed.path); // no cookie
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const { calendar, events, method } = parse(res.text);
    expect(method).toBe('PUBLISH');
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe(ZONE);
    const uids = events.map((e) => e.uid);
    const own = await prisma().meeting.findMany({
      where: { producerId: org[PRODUCER]!, eventId: fair.id },
      select: { id: true },
    });
    expect(uids.sort()).toEqual(own.map((r) => uidOf(r.id)).sort());
    expect(uids).toContain(uidOf(m.aa));
    expect(uids).toContain(uidOf(m.ab));
    // never another producer's meeting, nor a draft event's
    expect(uids).not.toContain(uidOf(m.ba));
    expect(uids).not.toContain(uidOf(m.bb));
    expect(uids).not.toContain(uidOf(m.draft));
    const gone = events.find((e) => e.uid === uidOf(cancelled))!;
    expect(gone.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(gone.sequence).toBe(1);
    const standing = events.find((e) => e.uid === uidOf(m.aa))!;
    expect(standing.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(standing.sequence).toBe(0);
    expect(standing.startDate.toJSDate().toISOString()).toBe('2026-12-11T01:00:00.000Z');
    // in time order, in Vietnam's time zone
    const starts = events.map((e) => e.startDate.toJSDate().getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(events.every((e) => e.component.getFirstProperty('dtstart')!.getParameter('tzid') === ZONE)).toBe(true);
    // the secret is stored as its SHA-256 only
    const secret = feed.path.slice('/api/calendar/'.length, -'.ics'.length);
    const rows = await prisma().calendarFeed.findMany({ where: { userId: await userId(PRODUCER) }, select: { id: true } });
    expect(rows.map((r) => r.id)).toContain(createHash('sha256').update(secret).digest('hex'));
    expect(rows.map((r) => r.id)).not.toContain(secret);
    const logged = await prisma().activityLog.findMany({
      where: { type: { startsWith: 'calendar-feed:' } },
      select: { payload: true },
    });
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.some((l) => l.payload.includes(secret))).toBe(false);
  });

  it("lists a buyer's meetings only, and an organiser's lists every participant's", async () => {
    const buyer = parse((await t.http.get((await newFeed(BUYER)).path)).text).events.map((e) => e.uid);
    expect(buyer).toContain(uidOf(m.aa));
    expect(buyer).toContain(uidOf(m.ba));
    expect(buyer).not.toContain(uidOf(m.ab));
    expect(buyer).not.toContain(uidOf(m.bb));
    const organiserFeed = await t.http.get((await newFeed(ORGANISER)).path);
    expect(organiserFeed.status).toBe(200);
    const organiser = parse(organiserFeed.text).events;
    for (const id of [m.aa, m.ba, m.ab, m.bb]) expect(organiser.map((e) => e.uid)).toContain(uidOf(id));
    expect(organiser.find((e) => e.uid === uidOf(m.bb))!.summary).toContain('–');
  });

  it('answers 404 once revoked', async () => {
    const feed = await newFeed(OTHER_PRODUCER);
    expect((await t.http.get(feed.path)).status).toBe(200);
    const revoked = await t.http.delete('/api/calendar-feeds').set('Cookie', cookie[OTHER_PRODUCER]!);
    expect(revoked.status).toBe(204);
    const res = await t.http.get(feed.path);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('BEGIN:VCALENDAR');
    // revoking again is no error
    expect((await t.http.delete('/api/calendar-feeds').set('Cookie', cookie[OTHER_PRODUCER]!)).status).toBe(204);
  });

  it('a new link invalidates the previous one (rotation)', async () => {
    const first = await newFeed(OTHER_PRODUCER);
    const second = await newFeed(OTHER_PRODUCER);
    expect(second.path).not.toBe(first.path);
    expect((await t.http.get(first.path)).status).toBe(404);
    const res = await t.http.get(second.path);
    expect(res.status).toBe(200);
    expect(parse(res.text).events.map((e) => e.uid)).toContain(uidOf(m.bb));
    const live = await prisma().calendarFeed.count({ where: { userId: await userId(OTHER_PRODUCER), revokedAt: null } });
    expect(live).toBe(1);
  });

  it('two rotations at once leave one live link', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => t.http.post('/api/calendar-feeds').set('Cookie', cookie[OTHER_BUYER]!).send({})),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(await prisma().calendarFeed.count({ where: { userId: await userId(OTHER_BUYER), revokedAt: null } })).toBe(1);
    const working = await Promise.all(answers.map((a) => t.http.get(a.body.path).then((r) => r.status)));
    expect(working.filter((s) => s === 200)).toHaveLength(1);
  });

  it('stops when its user is deactivated', async () => {
    const feed = await newFeed(OTHER_BUYER);
    expect((await t.http.get(feed.path)).status).toBe(200);
    const id = await userId(OTHER_BUYER);
    const off = await t.http.patch(`/api/users/${id}`).set('Cookie', cookie[ORGANISER]!).send({ active: false });
    expect(off.status).toBe(200);
    try {
      expect((await t.http.get(feed.path)).status).toBe(404);
    } finally {
      await t.http.patch(`/api/users/${id}`).set('Cookie', cookie[ORGANISER]!).send({ active: true });
    }
    cookie[OTHER_BUYER] = await t.signIn(OTHER_BUYER);
  });

  it('answers 404 for a link that never existed, whatever its shape', async () => {
    for (const secret of ['x', 'A'.repeat(43), 'not-a-secret-at-all', '%20']) {
      expect((await t.http.get(`/api/calendar/${secret}.ics`)).status, secret).toBe(404);
    }
  });

  it('is for producers, buyers and organisers signed in', async () => {
    expect((await t.http.post('/api/calendar-feeds').send({})).status).toBe(401);
    expect((await t.http.delete('/api/calendar-feeds')).status).toBe(401);
    expect((await t.http.post('/api/calendar-feeds').set('Cookie', cookie[OFFICIAL]!).send({})).status).toBe(403);
    expect((await t.http.delete('/api/calendar-feeds').set('Cookie', cookie[OFFICIAL]!)).status).toBe(403);
  });
});

describe("the caller's agenda", () => {
  it('lists its own meetings in time order, standing ones unless cancelled ones are asked for', async () => {
    const res = await t.http.get(`/api/me/agenda?eventId=${fair.id}`).set('Cookie', cookie[PRODUCER]!);
    expect(res.status).toBe(200);
    const items = res.body.items as {
      id: string;
      startsAt: string;
      status: string;
      producerId: string;
      buyer: { name: string };
    }[];
    expect(items.map((i) => i.id)).toContain(m.aa);
    expect(items.map((i) => i.id)).toContain(m.ab);
    expect(items.every((i) => i.producerId === org[PRODUCER])).toBe(true);
    expect(items.every((i) => i.status !== 'cancelled')).toBe(true);
    expect(items.map((i) => i.startsAt)).toEqual(items.map((i) => i.startsAt).sort());
    const first = items.find((i) => i.id === m.aa)!;
    expect(first.startsAt).toBe('2026-12-11T08:00:00+07:00');
    expect(first.buyer.name).toContain('BigC');
    const all = await t.http.get(`/api/me/agenda?eventId=${fair.id}&includeCancelled=true`).set('Cookie', cookie[PRODUCER]!);
    expect(all.body.items.length).toBeGreaterThan(items.length);
    expect(all.body.items.some((i: { status: string }) => i.status === 'cancelled')).toBe(true);
    // every visible event's: the draft event's meeting is not among them
    const everywhere = await t.http.get('/api/me/agenda').set('Cookie', cookie[PRODUCER]!);
    expect(everywhere.status).toBe(200);
    expect(everywhere.body.items.map((i: { id: string }) => i.id)).not.toContain(m.draft);
  });

  it("a buyer's lists its side only", async () => {
    const res = await t.http.get(`/api/me/agenda?eventId=${fair.id}`).set('Cookie', cookie[BUYER]!);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([m.aa, m.ba]));
    expect(ids).not.toContain(m.ab);
    expect(ids).not.toContain(m.bb);
  });

  it('is for producers and buyers; a draft or unknown event is 404', async () => {
    expect((await t.http.get('/api/me/agenda')).status).toBe(401);
    expect((await t.http.get('/api/me/agenda').set('Cookie', cookie[ORGANISER]!)).status).toBe(403);
    expect((await t.http.get('/api/me/agenda').set('Cookie', cookie[OFFICIAL]!)).status).toBe(403);
    expect((await t.http.get(`/api/me/agenda?eventId=${draftId}`).set('Cookie', cookie[PRODUCER]!)).status).toBe(404);
    expect((await t.http.get('/api/me/agenda?eventId=no-such-event').set('Cookie', cookie[PRODUCER]!)).status).toBe(404);
    expect((await t.http.get('/api/me/agenda?includeCancelled=maybe').set('Cookie', cookie[PRODUCER]!)).status).toBe(400);
  });
});

async function userId(email: string) {
  return (await prisma().user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}
