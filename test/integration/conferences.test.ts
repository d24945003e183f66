// Inter-province conferences (issue 12), through HTTP and Socket.IO on the demo's Đắk Lắk –
// Sóc Trăng conference: the host's organisers manage the programme and a province's organisers
// only their own delegation; B2B meetings pair different provinces unless the organiser allows
// otherwise; agreements are signed between organisations of different provinces, confirmed by
// both sides; and the dashboard's province pairs and matrix equal what the database holds after
// a random sequence of changes, live as well as read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCounts, dashboardOf, provincePair, type Counter, type DashboardDto } from '../../server/contracts/dashboard.ts';
import type { AnyEventFact } from '../../server/contracts/realtime.ts';
import { seededRandom } from '../../server/seeded-random.ts';
import { DEMO } from '../../prisma/demo/seed.ts';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.ts';

const PARTNER_ORGANISER = 'bantochuc.cantho@demo.ocop.vn';
const PARTNER_BUYER = 'taydo@demo.ocop.vn';
const HOST = 'dak-lak';
const PARTNER = 'can-tho';

let t: TestServer;
const prisma = () => t.database.db.prisma;
const cookie: Record<string, string> = {};
let conferenceId = '';
let fairId = '';
let sessionId = '';
let slots: { id: string; startsAt: string }[] = [];
let producerId = '';
let partnerBuyerId = '';
/** Producers and buyers of the host and the partner province, taking part in the session (buyers). */
const org = {
  hostProducers: [] as string[],
  partnerProducers: [] as string[],
  hostBuyers: [] as string[],
  partnerBuyers: [] as string[],
};

const as = (email: string) => ({
  get: (url: string) => t.http.get(url).set('Cookie', cookie[email]!),
  post: (url: string, body: object = {}) => t.http.post(url).set('Cookie', cookie[email]!).send(body),
  put: (url: string, body: object) => t.http.put(url).set('Cookie', cookie[email]!).send(body),
  patch: (url: string, body: object) => t.http.patch(url).set('Cookie', cookie[email]!).send(body),
  delete: (url: string) => t.http.delete(url).set('Cookie', cookie[email]!),
});

beforeAll(async () => {
  t = await startTestServer();
  for (const email of [ORGANISER, OFFICIAL, PRODUCER, BUYER, PARTNER_ORGANISER, PARTNER_BUYER])
    cookie[email] = await t.signIn(email);
  conferenceId = (await prisma().event.findFirstOrThrow({ where: { kind: 'conference', status: 'published' } })).id;
  fairId = (await prisma().event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' } })).id;
  const sessions = await as(ORGANISER).get(`/api/events/${conferenceId}/sessions`);
  expect(sessions.status).toBe(200);
  // The afternoon's session, left free by the demo (the morning's holds the arranged meetings).
  const afternoon = sessions.body.items.find((s: { name: string }) => s.name === DEMO.conference.session.name);
  sessionId = afternoon.id;
  slots = afternoon.slots;
  producerId = (await prisma().user.findUniqueOrThrow({ where: { email: PRODUCER } })).producerId!;
  partnerBuyerId = (await prisma().user.findUniqueOrThrow({ where: { email: PARTNER_BUYER } })).buyerId!;
  const inSession = await prisma().sessionBuyer.findMany({
    where: { sessionId },
    select: { buyer: { select: { id: true, provinceId: true } } },
  });
  org.hostBuyers = inSession.filter((s) => s.buyer.provinceId === HOST).map((s) => s.buyer.id);
  org.partnerBuyers = inSession.filter((s) => s.buyer.provinceId === PARTNER).map((s) => s.buyer.id);
  const producers = (province: string) =>
    prisma().producer.findMany({ where: { provinceId: province }, select: { id: true }, orderBy: { id: 'asc' }, take: 6 });
  org.hostProducers = [producerId, ...(await producers(HOST)).map((p) => p.id).filter((id) => id !== producerId)];
  org.partnerProducers = (await producers(PARTNER)).map((p) => p.id);
  expect(org.hostBuyers.length).toBeGreaterThan(0);
  expect(org.partnerBuyers).toContain(partnerBuyerId);
  expect(org.partnerProducers.length).toBeGreaterThan(1);
  expect(org.hostProducers).toContain(producerId);
});
afterAll(() => t?.close());

const delegation = (over: object = {}) => ({
  leaderName: 'Nguyễn Văn Trưởng',
  leaderTitle: 'Phó Chủ tịch UBND tỉnh',
  members: [
    {
      name: 'Lê Thị Thành Viên',
      title: 'Chuyên viên',
      organisation: 'Sở Công Thương',
      phone: '0909 111 222',
      email: 'tv@example.vn',
    },
  ],
  ...over,
});

describe('delegations', () => {
  it("lets a province's organisers register their own delegation, and refuses a partner's organiser the host's (403), changing nothing", async () => {
    const host = await as(ORGANISER).put(
      `/api/events/${conferenceId}/delegations/${HOST}`,
      delegation({ producerIds: [producerId] }),
    );
    expect(host.status, JSON.stringify(host.body)).toBe(200);
    expect(host.body).toMatchObject({ role: 'host', province: { id: HOST }, producers: [{ id: producerId }] });

    const partner = await as(PARTNER_ORGANISER).put(
      `/api/events/${conferenceId}/delegations/${PARTNER}`,
      delegation({ leaderName: 'Trần Văn Sóc Trăng', buyerIds: [partnerBuyerId] }),
    );
    expect(partner.status, JSON.stringify(partner.body)).toBe(200);
    expect(partner.body).toMatchObject({ role: 'partner', buyers: [{ id: partnerBuyerId }] });

    const before = await prisma().delegation.findUniqueOrThrow({
      where: { eventId_provinceId: { eventId: conferenceId, provinceId: HOST } },
    });
    const refused = await as(PARTNER_ORGANISER).put(
      `/api/events/${conferenceId}/delegations/${HOST}`,
      delegation({ leaderName: 'Kẻ lạ' }),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const other = await as(ORGANISER).put(
      `/api/events/${conferenceId}/delegations/${PARTNER}`,
      delegation({ leaderName: 'Kẻ lạ' }),
    );
    expect(other.status).toBe(403);
    const after = await prisma().delegation.findUniqueOrThrow({
      where: { eventId_provinceId: { eventId: conferenceId, provinceId: HOST } },
    });
    expect(after).toEqual(before);
    expect(
      (await prisma().delegation.findFirstOrThrow({ where: { eventId: conferenceId, provinceId: PARTNER } })).leaderName,
    ).toBe('Trần Văn Sóc Trăng');
  });

  it('refuses organisations of another province, unknown ones and provinces not in the conference, naming the field', async () => {
    const wrong = await as(ORGANISER).put(
      `/api/events/${conferenceId}/delegations/${HOST}`,
      delegation({ producerIds: [producerId, org.partnerProducers[0]] }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual([expect.objectContaining({ path: 'producerIds.1', code: 'other_province' })]);
    const unknown = await as(ORGANISER).put(
      `/api/events/${conferenceId}/delegations/${HOST}`,
      delegation({ buyerIds: ['nope-nope-nope'] }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([expect.objectContaining({ path: 'buyerIds.0', code: 'not_found' })]);
    const outside = await as(ORGANISER).put(`/api/events/${conferenceId}/delegations/ha-noi`, delegation());
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields[0]).toMatchObject({ path: 'provinceId', code: 'not_in_conference' });
    const fair = await as(ORGANISER).put(`/api/events/${fairId}/delegations/${HOST}`, delegation());
    expect(fair.status).toBe(404);
    // The host's delegation still brings its producer.
    expect(await prisma().delegationOrganisation.count({ where: { eventId: conferenceId, organisationId: producerId } })).toBe(1);
  });

  it("shows members' phones and e-mails to organisers and officials only", async () => {
    const staff = await as(OFFICIAL).get(`/api/events/${conferenceId}/delegations`);
    expect(staff.status).toBe(200);
    expect(staff.body.items.map((d: { province: { id: string } }) => d.province.id)).toEqual([HOST, PARTNER]);
    expect(staff.body.items[0].members[0]).toMatchObject({ phone: '0909 111 222', email: 'tv@example.vn' });
    const member = await as(PRODUCER).get(`/api/events/${conferenceId}/delegations`);
    expect(member.status).toBe(200);
    expect(member.body.items[0].members[0]).toEqual({
      name: 'Lê Thị Thành Viên',
      title: 'Chuyên viên',
      organisation: 'Sở Công Thương',
    });
    expect(JSON.stringify(member.body)).not.toContain('0909 111 222');
  });
});

describe('agenda', () => {
  const item = {
    kind: 'opening',
    title: 'Khai mạc hội nghị',
    startsAt: '2026-12-18T07:30:00+07:00',
    endsAt: '2026-12-18T08:00:00+07:00',
  };

  it("is managed by the host's organisers, in time order, and reaches open agendas live", async () => {
    const socket = await t.socket(cookie[PRODUCER]);
    const seen: AnyEventFact[] = [];
    socket.on('agenda:changed', (fact: AnyEventFact) => seen.push(fact));
    const ack = await new Promise<{ ok: boolean }>((resolve) =>
      socket.emit('event:join', { eventId: conferenceId }, resolve as never),
    );
    expect(ack.ok).toBe(true);

    const later = await as(ORGANISER).post(`/api/events/${conferenceId}/agenda`, {
      ...item,
      kind: 'presentation',
      title: 'Tỉnh Cần Thơ giới thiệu sản phẩm Sóc Trăng',
      startsAt: '2026-12-18T08:30:00+07:00',
      endsAt: '2026-12-18T09:00:00+07:00',
      provinceId: PARTNER,
      speakers: [{ name: 'Trần Văn Sóc Trăng', title: 'Giám đốc Sở Công Thương' }],
    });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    const first = await as(ORGANISER).post(`/api/events/${conferenceId}/agenda`, item);
    expect(first.status).toBe(201);
    expect((await as(PARTNER_ORGANISER).post(`/api/events/${conferenceId}/agenda`, item)).status).toBe(403);
    expect((await as(PRODUCER).post(`/api/events/${conferenceId}/agenda`, item)).status).toBe(403);
    const backwards = await as(ORGANISER).post(`/api/events/${conferenceId}/agenda`, { ...item, endsAt: item.startsAt });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields[0]).toMatchObject({ path: 'endsAt' });

    // Beside the demo's programme, in time order.
    const list = await as(PRODUCER).get(`/api/events/${conferenceId}/agenda`);
    const items = list.body.items as { id: string; startsAt: string }[];
    const starts = items.map((i) => Date.parse(i.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const ids = items.map((i) => i.id);
    expect(ids).toContain(first.body.id);
    expect(ids.indexOf(first.body.id)).toBeLessThan(ids.indexOf(later.body.id));
    expect(items.find((i) => i.id === later.body.id)).toMatchObject({
      title: 'Tỉnh Cần Thơ giới thiệu sản phẩm Sóc Trăng',
      province: { id: PARTNER, name: expect.any(String) },
      startsAt: '2026-12-18T08:30:00+07:00',
    });

    const moved = await as(ORGANISER).patch(`/api/agenda-items/${first.body.id}`, { place: 'Hội trường A' });
    expect(moved.status).toBe(200);
    expect((await as(PARTNER_ORGANISER).delete(`/api/agenda-items/${first.body.id}`)).status).toBe(403);
    expect((await as(ORGANISER).delete(`/api/agenda-items/${later.body.id}`)).status).toBe(204);
    await expect
      .poll(() => seen.map((f) => (f.data as { change: string }).change))
      .toEqual(['created', 'created', 'updated', 'deleted']);
    expect((await as(ORGANISER).get(`/api/events/${fairId}/agenda`)).status).toBe(404);
    socket.disconnect();
  });
});

describe('B2B meetings', () => {
  it('refuses a same-province pair at a conference unless the organiser allows it, on both booking paths', async () => {
    const hostBuyer = org.hostBuyers[0]!;
    const count = () =>
      prisma().meeting.count({ where: { sessionId, producerId, buyerId: hostBuyer, status: { not: 'cancelled' } } });
    const asProducer = await as(PRODUCER).post(`/api/sessions/${sessionId}/meetings`, {
      slotId: slots[0]!.id,
      buyerId: hostBuyer,
    });
    expect(asProducer.status, JSON.stringify(asProducer.body)).toBe(409);
    expect(asProducer.body).toMatchObject({ conflict: 'limit', error: { fields: [{ path: 'buyerId', code: 'same_province' }] } });
    const asOrganiser = await as(ORGANISER).post(`/api/sessions/${sessionId}/meetings`, {
      slotId: slots[0]!.id,
      buyerId: hostBuyer,
      producerId,
    });
    expect(asOrganiser.status).toBe(409);
    expect(asOrganiser.body.conflict).toBe('limit');
    expect(await count()).toBe(0);

    // A cross-province pair is booked as ever.
    const cross = await as(PRODUCER).post(`/api/sessions/${sessionId}/meetings`, {
      slotId: slots[1]!.id,
      buyerId: partnerBuyerId,
    });
    expect(cross.status, JSON.stringify(cross.body)).toBe(201);

    const allow = await as(ORGANISER).patch(`/api/sessions/${sessionId}`, { sameProvincePairs: true });
    expect(allow.status, JSON.stringify(allow.body)).toBe(200);
    expect(allow.body.sameProvincePairs).toBe(true);
    const allowed = await as(PRODUCER).post(`/api/sessions/${sessionId}/meetings`, { slotId: slots[0]!.id, buyerId: hostBuyer });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(201);
    expect(await count()).toBe(1);
    // Back to the default, and the two meetings cancelled for the sequences below.
    expect((await as(ORGANISER).patch(`/api/sessions/${sessionId}`, { sameProvincePairs: false })).status).toBe(200);
    for (const id of [cross.body.id, allowed.body.id])
      expect((await as(ORGANISER).delete(`/api/meetings/${id}`)).status).toBe(204);
  });

  it('suggests no buyer of its own province to a producer at the conference, and says why another fits', async () => {
    const res = await as(PRODUCER).get(`/api/sessions/${sessionId}/suggestions/buyers`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items: { buyer: { id: string; provinceId: string }; reasons: { code: string }[] }[] = res.body.items;
    expect(items.length).toBeGreaterThan(0);
    for (const s of items) expect(s.buyer.provinceId).not.toBe(HOST);
    expect(items.some((s) => s.reasons.some((r) => r.code === 'other_province'))).toBe(true);
  });
});

describe('agreements', () => {
  const terms = () => ({
    kind: 'mou',
    title: 'Biên bản ghi nhớ tiêu thụ cà phê Sóc Trăng',
    partyA: { kind: 'producer', id: producerId },
    partyB: { kind: 'buyer', id: partnerBuyerId },
    valueVnd: 2_500_000_000,
    productIds: [] as string[],
  });

  it('refuses an agreement between two organisations of the same province, storing nothing', async () => {
    const before = await prisma().agreement.count();
    const res = await as(ORGANISER).post(`/api/events/${conferenceId}/agreements`, {
      ...terms(),
      partyB: { kind: 'buyer', id: org.hostBuyers[0] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ path: 'partyB.id', code: 'same_province' })]);
    const producers = await as(ORGANISER).post(`/api/events/${conferenceId}/agreements`, {
      ...terms(),
      partyB: { kind: 'producer', id: org.hostProducers.find((id) => id !== producerId) },
    });
    expect(producers.status).toBe(400);
    expect(producers.body.error.fields[0]).toMatchObject({ code: 'same_province' });
    expect(await prisma().agreement.count()).toBe(before);
  });

  it('is confirmed by both sides at one version of its terms, and counts as a deal of the province pair', async () => {
    const product = await prisma().product.findFirstOrThrow({ where: { producerId }, select: { id: true, category: true } });
    const otherProduct = await prisma().product.findFirstOrThrow({
      where: { producerId: org.partnerProducers[0] },
      select: { id: true },
    });
    const foreign = await as(PRODUCER).post(`/api/events/${conferenceId}/agreements`, {
      ...terms(),
      productIds: [otherProduct.id],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields[0]).toMatchObject({ path: 'productIds.0', code: 'not_of_party' });

    const made = await as(PRODUCER).post(`/api/events/${conferenceId}/agreements`, { ...terms(), productIds: [product.id] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'pending', version: 1, valueVnd: 2_500_000_000 });
    const id = made.body.id as string;
    // Someone else signed in sees who signs, not the value.
    const seen = await as(BUYER).get(`/api/agreements/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).not.toHaveProperty('valueVnd');

    expect((await as(BUYER).post(`/api/agreements/${id}/confirm`, { version: 1 })).status).toBe(403);
    expect((await as(PRODUCER).post(`/api/agreements/${id}/confirm`, { version: 1, side: 'b' })).status).toBe(403);
    expect((await as(PRODUCER).post(`/api/agreements/${id}/confirm`, { version: 1 })).status).toBe(200);
    // The terms change: a new version, and the producer's confirmation is gone.
    const changed = await as(PARTNER_ORGANISER).patch(`/api/agreements/${id}`, { valueVnd: 3_000_000_000 });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, status: 'pending' });
    expect(changed.body.parties.map((p: { confirmedAt: string | null }) => p.confirmedAt)).toEqual([null, null]);
    const stale = await as(PARTNER_BUYER).post(`/api/agreements/${id}/confirm`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ conflict: 'version', error: { fields: [{ path: 'version', params: { version: 2 } }] } });

    const before = (await as(OFFICIAL).get(`/api/events/${conferenceId}/dashboard`)).body as DashboardDto;
    // Both sides at once: the agreement ends confirmed by both, whichever commits first.
    const [a, b] = await Promise.all([
      as(PRODUCER).post(`/api/agreements/${id}/confirm`, { version: 2 }),
      as(PARTNER_BUYER).post(`/api/agreements/${id}/confirm`, { version: 2 }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const row = await prisma().agreement.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe('confirmed');
    expect(row.partyAConfirmedAt && row.partyBConfirmedAt).toBeTruthy();

    const after = (await as(OFFICIAL).get(`/api/events/${conferenceId}/dashboard`)).body as DashboardDto;
    expect(after.deals.count - before.deals.count).toBe(1);
    expect(after.deals.valueVnd - before.deals.valueVnd).toBe(3_000_000_000);
    expect(after.dealsByProvincePair).toContainEqual(
      expect.objectContaining({ provinceIds: [PARTNER, HOST].sort(), count: expect.any(Number), valueVnd: expect.any(Number) }),
    );
    expect(after.dealsByCategory.find((c) => c.category === product.category)?.count).toBeGreaterThan(0);

    // A party may no longer withdraw it; the host's organiser may.
    expect((await as(PRODUCER).post(`/api/agreements/${id}/withdraw`)).status).toBe(409);
    const withdrawn = await as(ORGANISER).post(`/api/agreements/${id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    const end = (await as(OFFICIAL).get(`/api/events/${conferenceId}/dashboard`)).body as DashboardDto;
    expect(end.deals).toEqual(before.deals);
  });

  it('exports the ceremony list and the delegations as .xlsx and .csv, to organisers and officials', async () => {
    for (const what of ['agreements', 'delegations'])
      for (const format of ['xlsx', 'csv']) {
        const res = await as(OFFICIAL).get(`/api/events/${conferenceId}/exports/${what}?format=${format}`).buffer(true);
        expect(res.status).toBe(200);
        expect(res.headers['content-disposition']).toContain(`.${format}`);
        if (format === 'csv') expect(res.text).toContain(what === 'agreements' ? 'Bên A' : 'Trưởng đoàn');
      }
    expect((await as(PRODUCER).get(`/api/events/${conferenceId}/exports/agreements`)).status).toBe(403);
  });
});

describe('the dashboard by province pair', () => {
  /** What the database holds, counted as the dashboard must: standing meetings, agreements not withdrawn, deals. */
  async function fromDatabase() {
    const meetings = await prisma().meeting.findMany({
      where: { eventId: conferenceId, status: { not: 'cancelled' } },
      select: { producer: { select: { provinceId: true } }, buyer: { select: { provinceId: true } } },
    });
    const agreements = await prisma().agreement.findMany({ where: { eventId: conferenceId, status: { not: 'withdrawn' } } });
    const cells: Record<string, { meetings: number; agreements: number; agreementsVnd: number }> = {};
    const cell = (pair: string) => (cells[pair] ??= { meetings: 0, agreements: 0, agreementsVnd: 0 });
    for (const m of meetings) cell(provincePair(m.producer.provinceId, m.buyer.provinceId)).meetings++;
    const deals: Record<string, { count: number; valueVnd: number }> = {};
    for (const a of agreements) {
      const pair = provincePair(a.partyAProvinceId, a.partyBProvinceId);
      cell(pair).agreements++;
      cell(pair).agreementsVnd += Number(a.valueVnd);
      if (a.status === 'confirmed') {
        const d = (deals[pair] ??= { count: 0, valueVnd: 0 });
        d.count++;
        d.valueVnd += Number(a.valueVnd);
      }
    }
    // Meeting deals between provinces count too.
    const meetingDeals = await prisma().meeting.findMany({
      where: {
        eventId: conferenceId,
        status: { not: 'cancelled' },
        outcomeConfirmation: 'confirmed',
        outcomeStatus: { in: ['agreement', 'listed'] },
      },
      select: { outcomeValueVnd: true, producer: { select: { provinceId: true } }, buyer: { select: { provinceId: true } } },
    });
    for (const m of meetingDeals) {
      const d = (deals[provincePair(m.producer.provinceId, m.buyer.provinceId)] ??= { count: 0, valueVnd: 0 });
      d.count++;
      d.valueVnd += Number(m.outcomeValueVnd ?? 0n);
    }
    return { cells, deals };
  }

  const ofAnswer = (d: Pick<DashboardDto, 'provinceMatrix' | 'dealsByProvincePair'>) => ({
    cells: Object.fromEntries(
      d.provinceMatrix.cells.map((c) => [
        c.provinceIds.join('~'),
        { meetings: c.meetings, agreements: c.agreements, agreementsVnd: c.agreementsVnd },
      ]),
    ),
    deals: Object.fromEntries(
      d.dealsByProvincePair.map((p) => [p.provinceIds.join('~'), { count: p.count, valueVnd: p.valueVnd }]),
    ),
  });

  async function watch(socket: TestSocket) {
    const facts: AnyEventFact[] = [];
    for (const type of [
      'meeting:changed',
      'agreement:changed',
      'request:changed',
      'session:changed',
      'agenda:changed',
      'delegation:changed',
      'event:updated',
      'booths:changed',
      'application:changed',
    ] as const)
      socket.on(type, (fact: AnyEventFact) => facts.push(fact));
    const ack = await new Promise<{ ok: boolean }>((resolve) =>
      socket.emit('event:join', { eventId: conferenceId }, resolve as never),
    );
    expect(ack.ok).toBe(true);
    return facts;
  }

  it('equals the meetings and agreements in the database after a random sequence of changes, read and live', async () => {
    const seed = Number(process.env.CONFERENCE_SEED ?? 12);
    const random = seededRandom(seed);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const start = (await as(OFFICIAL).get(`/api/events/${conferenceId}/dashboard`)).body as DashboardDto;
    const socket = await t.socket(cookie[OFFICIAL]);
    const facts = await watch(socket);
    const producers = [...org.hostProducers, ...org.partnerProducers];
    const buyers = [...org.hostBuyers, ...org.partnerBuyers];
    const provinceOf = new Map<string, string>();
    for (const id of org.hostProducers.concat(org.hostBuyers)) provinceOf.set(id, HOST);
    for (const id of org.partnerProducers.concat(org.partnerBuyers)) provinceOf.set(id, PARTNER);
    const meetings: string[] = [];
    const agreements: { id: string; version: number }[] = [];
    const statuses: Record<string, number> = {};
    for (let step = 0; step < 70; step++) {
      const r = random();
      let res;
      if (r < 0.35) {
        res = await as(ORGANISER).post(`/api/sessions/${sessionId}/meetings`, {
          slotId: pick(slots).id,
          buyerId: pick(buyers),
          producerId: pick(producers),
        });
        if (res.status === 201) meetings.push(res.body.id);
      } else if (r < 0.45 && meetings.length) {
        res = await as(ORGANISER).delete(`/api/meetings/${pick(meetings)}`);
      } else if (r < 0.65) {
        const a = random() < 0.5 ? { kind: 'producer', id: pick(producers) } : { kind: 'buyer', id: pick(buyers) };
        const b = random() < 0.5 ? { kind: 'producer', id: pick(producers) } : { kind: 'buyer', id: pick(buyers) };
        res = await as(ORGANISER).post(`/api/events/${conferenceId}/agreements`, {
          kind: pick(['mou', 'contract']),
          title: `Thỏa thuận ${step}`,
          partyA: a,
          partyB: b,
          valueVnd: Math.floor(random() * 5_000) * 1_000_000,
        });
        if (res.status === 201) agreements.push({ id: res.body.id, version: 1 });
        else
          expect(
            provinceOf.get(a.id) === provinceOf.get(b.id) ||
              res.status !== 400 ||
              res.body.error.fields[0].code !== 'same_province',
          ).toBe(true);
      } else if (r < 0.85 && agreements.length) {
        const a = pick(agreements);
        res = await as(ORGANISER).post(`/api/agreements/${a.id}/confirm`, { version: a.version, side: pick(['a', 'b']) });
      } else if (r < 0.93 && agreements.length) {
        const a = pick(agreements);
        res = await as(ORGANISER).patch(`/api/agreements/${a.id}`, { valueVnd: Math.floor(random() * 5_000) * 1_000_000 });
        if (res.status === 200) a.version = res.body.version;
      } else if (agreements.length) {
        res = await as(ORGANISER).post(`/api/agreements/${pick(agreements).id}/withdraw`);
      }
      if (res) {
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        expect([200, 201, 204, 400, 409], JSON.stringify(res.body)).toContain(res.status);
      }
    }
    // The sequence did things, and was refused some.
    expect(statuses[201] ?? 0).toBeGreaterThan(10);
    expect(statuses[200] ?? 0).toBeGreaterThan(5);

    const db = await fromDatabase();
    const answer = (await as(OFFICIAL).get(`/api/events/${conferenceId}/dashboard`)).body as DashboardDto;
    expect(ofAnswer(answer)).toEqual(db);
    expect(answer.provinceMatrix.provinces.map((p) => p.id).sort()).toEqual(
      [...new Set(Object.keys(db.cells).flatMap((k) => k.split('~')))].sort(),
    );

    // Live: the first answer's counters plus every fact's counts, in seq order, say the same.
    await expect.poll(() => facts.at(-1)?.seq ?? 0).toBe(answer.seq);
    const counters: Record<string, Counter> = structuredClone(start.counters);
    for (const f of facts.filter((f) => f.seq > start.seq).sort((x, y) => x.seq - y.seq)) addCounts(counters, f.counts ?? []);
    expect(ofAnswer(dashboardOf(counters, answer.labels))).toEqual(db);
    socket.disconnect();
  });
});
