// The storm: 10,000 requests racing in waves of 200, a randomised mix (seeded, so a failure can
// be replayed) of meeting bookings by producers, buyers and organisers, cancellations,
// reschedules, requests and their answers, booth assignments, releases, holds and their ends,
// each from its own signed-in session; then every rule of the spec is checked over the whole
// database. Nothing may answer 5xx, every refusal is a 409 with its conflict (or the 404 of a
// record cancelled meanwhile), and no rule is broken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../server/seeded-random.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import {
  makeBuyers,
  makeOrganisers,
  makeProducers,
  makeSession,
  meetingRuleViolations,
  type Party,
} from '../support/matchmaking.ts';

const REQUESTS = 10_000;
const WAVE = 200;

let t: TestServer;
const clock = Date.parse('2026-12-02T09:00:00+07:00');
const prisma = () => t.database.db.prisma;

beforeAll(async () => {
  t = await startTestServer({}, { now: () => new Date(clock) });
}, 120_000);
afterAll(() => t.close());

/** Booth rules over the whole database: one occupant a booth (its key), limits and counters true. */
async function boothRuleViolations(): Promise<string[]> {
  const broken: string[] = [];
  const [events, occupancies, tallies] = await Promise.all([
    prisma().event.findMany({ select: { id: true, boothPolicy: true } }),
    prisma().boothOccupancy.findMany({
      select: { eventId: true, boothId: true, producerId: true, kind: true, booth: { select: { eventId: true, blocked: true } } },
    }),
    prisma().boothTally.findMany({
      where: { key: { startsWith: 'producer:' } },
      select: { eventId: true, key: true, count: true },
    }),
  ]);
  const limit = new Map(
    events.map((e) => [e.id, (JSON.parse(e.boothPolicy) as { boothsPerProducer?: number }).boothsPerProducer ?? 1]),
  );
  const assigned = new Map<string, number>();
  for (const o of occupancies) {
    if (o.booth.eventId !== o.eventId) broken.push(`occupancy of booth ${o.boothId} filed under another event`);
    if (o.booth.blocked) broken.push(`blocked booth ${o.boothId} is occupied`);
    if (o.kind !== 'assigned') continue;
    const key = `${o.eventId} producer:${o.producerId}`;
    assigned.set(key, (assigned.get(key) ?? 0) + 1);
  }
  for (const [key, n] of assigned)
    if (n > limit.get(key.split(' ')[0]!)!) broken.push(`${key}: ${n} booths, limit ${limit.get(key.split(' ')[0]!)}`);
  for (const tally of tallies) {
    const real = assigned.get(`${tally.eventId} ${tally.key}`) ?? 0;
    if (tally.count !== real) broken.push(`${tally.key}: counter ${tally.count}, ${real} booths assigned`);
  }
  for (const [key, n] of assigned) {
    const [eventId, k] = key.split(' ');
    if (!tallies.some((x) => x.eventId === eventId && x.key === k) && n > 0) broken.push(`${key}: ${n} booths without a counter`);
  }
  return broken;
}

describe('the storm', () => {
  it(`${REQUESTS} racing requests of every kind leave no rule broken`, async () => {
    const producers = await makeProducers(prisma(), 300);
    const buyers = await makeBuyers(prisma(), 40);
    const organisers = await makeOrganisers(prisma(), 100);
    const instant = await makeSession(
      t,
      organisers[0]!,
      { tableCount: 20, maxMeetingsPerProducer: 4, maxMeetingsPerBuyer: 10, endsAt: '2026-12-12T11:00:00+07:00' },
      buyers.slice(0, 30).map((b, i) => ({ id: b.id, representatives: i % 4 === 0 ? 2 : 1 })),
    );
    const byRequest = await makeSession(
      t,
      organisers[0]!,
      {
        bookingMode: 'request',
        tableCount: 8,
        maxMeetingsPerProducer: 2,
        maxPendingPerProducer: 3,
        startsAt: '2026-12-13T08:00:00+07:00',
        endsAt: '2026-12-13T10:00:00+07:00',
      },
      buyers.slice(20).map((b) => ({ id: b.id })),
    );
    const fair = instant.eventId;
    await prisma().event.update({ where: { id: fair }, data: { boothPolicy: JSON.stringify({ boothsPerProducer: 2 }) } });
    const booths = (
      await prisma().booth.findMany({
        where: { eventId: fair, blocked: false, occupancy: null, NOT: { code: { startsWith: 'E' } } },
        select: { id: true },
        take: 60,
      })
    ).map((b) => b.id);
    expect(booths.length).toBeGreaterThanOrEqual(40);

    const random = seededRandom(20261202);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const meetings: { id: string; producer: Party; buyer: Party }[] = [];
    const requests: { id: string; buyer: Party; producer: Party }[] = [];
    const buyerOf = new Map(buyers.map((b) => [b.id, b]));
    const producerOf = new Map(producers.map((p) => [p.id, p]));
    const tally: Record<string, Record<number, number>> = {};
    const bad: string[] = [];

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many routes
    const one = (): { kind: string; call: () => Promise<{ status: number; body: Record<string, any> }> } => {
      const r = random();
      const producer = pick(producers);
      const organiser = pick(organisers);
      if (r < 0.3) {
        const buyer = pick(buyers.slice(0, 30));
        return {
          kind: 'book',
          call: () =>
            t.http
              .post(`/api/sessions/${instant.id}/meetings`)
              .set('Cookie', producer.cookie)
              .send({ slotId: pick(instant.slotIds), buyerId: buyer.id }),
        };
      }
      if (r < 0.38) {
        const buyer = pick(buyers.slice(0, 30));
        return {
          kind: 'book-by-buyer',
          call: () =>
            t.http
              .post(`/api/sessions/${instant.id}/meetings`)
              .set('Cookie', buyer.cookie)
              .send({ slotId: pick(instant.slotIds), buyerId: buyer.id, producerId: producer.id }),
        };
      }
      if (r < 0.45)
        return {
          kind: 'book-by-organiser',
          call: () =>
            t.http
              .post(`/api/sessions/${instant.id}/meetings`)
              .set('Cookie', organiser)
              .send({ slotId: pick(instant.slotIds), buyerId: pick(buyers.slice(0, 30)).id, producerId: producer.id }),
        };
      if (r < 0.53 && meetings.length > 0) {
        const m = pick(meetings);
        const who = random() < 0.5 ? m.producer.cookie : m.buyer.cookie;
        return { kind: 'cancel', call: () => t.http.delete(`/api/meetings/${m.id}`).set('Cookie', who) };
      }
      if (r < 0.63 && meetings.length > 0) {
        const m = pick(meetings);
        return {
          kind: 'reschedule',
          call: () =>
            t.http
              .post(`/api/meetings/${m.id}/reschedule`)
              .set('Cookie', m.producer.cookie)
              .send({ slotId: pick(instant.slotIds) }),
        };
      }
      if (r < 0.68) {
        const buyer = pick(buyers.slice(20));
        return {
          kind: 'request',
          call: () =>
            t.http
              .post(`/api/sessions/${byRequest.id}/requests`)
              .set('Cookie', producer.cookie)
              .send({ slotId: pick(byRequest.slotIds), buyerId: buyer.id }),
        };
      }
      if (r < 0.73 && requests.length > 0) {
        const q = pick(requests);
        const verb = random() < 0.7 ? 'accept' : 'decline';
        return { kind: verb, call: () => t.http.post(`/api/requests/${q.id}/${verb}`).set('Cookie', q.buyer.cookie) };
      }
      const booth = pick(booths);
      if (r < 0.85)
        return {
          kind: 'assign',
          call: () =>
            t.http
              .put(`/api/events/${fair}/booths/${booth}/assignment`)
              .set('Cookie', organiser)
              .send({ producerId: producer.id }),
        };
      if (r < 0.91)
        return {
          kind: 'hold',
          call: () =>
            t.http
              .put(`/api/events/${fair}/booths/${booth}/hold`)
              .set('Cookie', organiser)
              .send({ producerId: producer.id, minutes: 30 }),
        };
      if (r < 0.96)
        return {
          kind: 'release',
          call: () => t.http.delete(`/api/events/${fair}/booths/${booth}/assignment`).set('Cookie', organiser),
        };
      return { kind: 'end-hold', call: () => t.http.delete(`/api/events/${fair}/booths/${booth}/hold`).set('Cookie', organiser) };
    };

    const started = Date.now();
    for (let sent = 0; sent < REQUESTS; sent += WAVE) {
      const wave = Array.from({ length: WAVE }, one);
      const answers = await Promise.all(wave.map((w) => w.call()));
      answers.forEach((a, i) => {
        const kind = wave[i]!.kind;
        (tally[kind] ??= {})[a.status] = (tally[kind]![a.status] ?? 0) + 1;
        if (a.status >= 500 || a.status === 400 || a.status === 403 || a.status === 401)
          bad.push(`${kind} → ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
        if (a.status === 409 && typeof a.body.conflict !== 'string') bad.push(`${kind} → 409 without conflict`);
        if (a.status === 201 && kind.startsWith('book'))
          meetings.push({ id: a.body.id, producer: producerOf.get(a.body.producerId)!, buyer: buyerOf.get(a.body.buyerId)! });
        if (a.status === 201 && kind === 'request')
          requests.push({ id: a.body.id, producer: producerOf.get(a.body.producerId)!, buyer: buyerOf.get(a.body.buyerId)! });
      });
    }
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `[storm] ${REQUESTS} requests in ${seconds.toFixed(1)} s (${Math.round(REQUESTS / seconds)}/s): ${JSON.stringify(tally)}\n`,
    );

    expect(bad.slice(0, 10)).toEqual([]);
    // The mix really raced: each kind both succeeded and was refused.
    for (const kind of [
      'book',
      'book-by-buyer',
      'book-by-organiser',
      'cancel',
      'reschedule',
      'request',
      'accept',
      'assign',
      'hold',
    ])
      expect(Object.keys(tally[kind] ?? {}).length, kind).toBeGreaterThanOrEqual(2);
    expect(await meetingRuleViolations(prisma())).toEqual([]);
    expect(await boothRuleViolations()).toEqual([]);
    // And the feed logged every change exactly once: one fact per meeting that stands or fell.
    const standing = await prisma().meeting.count({ where: { sessionId: instant.id } });
    const booked = await prisma().activityLog.count({
      where: { eventId: fair, type: 'meeting:changed', publicData: { contains: `"change":"booked"` } },
    });
    expect(booked).toBeGreaterThanOrEqual(standing);
  }, 600_000);
});
