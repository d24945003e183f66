// Organisers create and edit fairs and conferences and move them draft → published → live →
// closed, through the API, with every change logged and sent to the event's room.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDto, EventStatus } from '../../server/contracts/events.ts';
import type { EventFact, EventVisibleNotice } from '../../server/contracts/realtime.ts';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.ts';

let t: TestServer;
const c: Record<string, string> = {};
let provinceIds: string[];

beforeAll(async () => {
  t = await startTestServer();
  for (const email of [ORGANISER, OFFICIAL, PRODUCER, BUYER]) c[email] = await t.signIn(email);
  provinceIds = ((await t.http.get('/api/provinces').set('Cookie', c[ORGANISER]!)).body.items as { id: string }[]).map(
    (p) => p.id,
  );
});
afterAll(() => t.close());

const prisma = () => t.database.db.prisma;
const [HOST, PARTNER_A, PARTNER_B] = ['dak-lak', 'can-tho', 'gia-lai'];

const newFair = (over: Record<string, unknown> = {}) => ({
  kind: 'fair',
  name: 'Hội chợ OCOP Tây Nguyên 2027',
  venue: 'Quảng trường 10-3, Buôn Ma Thuột',
  startsAt: '2027-03-10T08:00:00+07:00',
  endsAt: '2027-03-14T21:00:00+07:00',
  hostProvinceId: HOST,
  partnerProvinceIds: [PARTNER_A, PARTNER_B],
  ...over,
});

const create = (body: unknown, cookie = c[ORGANISER]!) =>
  t.http
    .post('/api/events')
    .set('Cookie', cookie)
    .send(body as object);
const patch = (eventId: string, body: unknown, cookie = c[ORGANISER]!) =>
  t.http
    .patch(`/api/events/${eventId}`)
    .set('Cookie', cookie)
    .send(body as object);

async function createdEvent(over: Record<string, unknown> = {}): Promise<EventDto> {
  const res = await create(newFair(over));
  expect(res.status).toBe(201);
  return res.body as EventDto;
}

/** An event with the given status, reached through the allowed moves. */
async function eventWithStatus(status: EventStatus): Promise<EventDto> {
  const event = await createdEvent({ name: `Hội chợ ${status} ${Math.random().toString(36).slice(2, 8)}` });
  const path: EventStatus[] = {
    draft: [],
    published: ['published'],
    live: ['published', 'live'],
    closed: ['published', 'live', 'closed'],
  }[status] as EventStatus[];
  let last = event;
  for (const step of path) {
    const res = await patch(event.id, { status: step });
    expect(res.status).toBe(200);
    last = res.body as EventDto;
  }
  return last;
}

const factsOf = (eventId: string) =>
  prisma().activityLog.findMany({
    where: { stream: `event:${eventId}` },
    orderBy: { seq: 'asc' },
    select: { seq: true, type: true, actorId: true, publicData: true },
  });

function fieldsOf(res: { body: { error?: { fields?: { path: string; code?: string }[] } } }) {
  return (res.body.error?.fields ?? []).map((f) => ({ path: f.path, code: f.code }));
}

describe('creating an event', () => {
  it('answers 201 with the event as a draft, seq 1, its times in its own zone, and logs it as event:updated', async () => {
    const res = await create(newFair());
    expect(res.status).toBe(201);
    const event = res.body as EventDto;
    expect(event).toMatchObject({
      kind: 'fair',
      name: 'Hội chợ OCOP Tây Nguyên 2027',
      venue: 'Quảng trường 10-3, Buôn Ma Thuột',
      startsAt: '2027-03-10T08:00:00+07:00',
      endsAt: '2027-03-14T21:00:00+07:00',
      timeZone: 'Asia/Ho_Chi_Minh',
      status: 'draft',
      seq: 1,
      hostProvince: { id: HOST, name: 'Đắk Lắk' },
    });
    expect(event.partnerProvinces.map((p) => p.id).sort()).toEqual([PARTNER_A, PARTNER_B].sort());

    const stored = await prisma().event.findUniqueOrThrow({ where: { id: event.id }, include: { partners: true } });
    expect(stored).toMatchObject({ status: 'draft', hostProvinceId: HOST, startsAt: new Date('2027-03-10T01:00:00Z') });
    expect(stored.partners).toHaveLength(2);
    const facts = await factsOf(event.id);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ seq: 1, type: 'event:updated' });
    expect(JSON.parse(facts[0]!.publicData!)).toEqual(event);

    // The organisers see it; nobody else does until it is published.
    expect((await t.http.get(`/api/events/${event.id}`).set('Cookie', c[ORGANISER]!)).body).toEqual(event);
    for (const email of [OFFICIAL, PRODUCER, BUYER]) {
      expect((await t.http.get(`/api/events/${event.id}`).set('Cookie', c[email]!)).status).toBe(404);
      const list = (await t.http.get('/api/events').set('Cookie', c[email]!)).body.items as EventDto[];
      expect(list.map((e) => e.id)).not.toContain(event.id);
    }
    const activity = await t.http.get(`/api/events/${event.id}/activity?after=0`).set('Cookie', c[ORGANISER]!);
    expect(activity.body.items).toMatchObject([{ type: 'event:updated', seq: 1, data: event }]);
  });

  it('takes Vietnam time and no partners when they are not given, and answers a conference in its own zone', async () => {
    const res = await create({ ...newFair({ kind: 'conference' }), partnerProvinceIds: undefined });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'conference', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(res.body.partnerProvinces).toEqual([]);

    const tokyo = await create(
      newFair({ timeZone: 'Asia/Tokyo', startsAt: '2027-05-01T09:00:00+07:00', endsAt: '2027-05-01T17:00:00Z' }),
    );
    expect(tokyo.status).toBe(201);
    expect(tokyo.body).toMatchObject({
      timeZone: 'Asia/Tokyo',
      startsAt: '2027-05-01T11:00:00+09:00',
      endsAt: '2027-05-02T02:00:00+09:00',
    });
  });

  it('refuses invalid fields with 400 naming each, and creates nothing', async () => {
    const before = await prisma().event.count();
    const cases: [Record<string, unknown>, { path: string; code: string }][] = [
      [newFair({ endsAt: '2027-03-10T08:00:00+07:00' }), { path: 'endsAt', code: 'ends_before_start' }],
      [newFair({ endsAt: '2027-03-09T08:00:00+07:00' }), { path: 'endsAt', code: 'ends_before_start' }],
      [newFair({ timeZone: 'Mars/Olympus_Mons' }), { path: 'timeZone', code: 'invalid_time_zone' }],
      [newFair({ timeZone: '+07:00' }), { path: 'timeZone', code: 'invalid_time_zone' }],
      [newFair({ timeZone: 'Asia/Ho Chi Minh' }), { path: 'timeZone', code: 'invalid_time_zone' }],
      [newFair({ partnerProvinceIds: [PARTNER_A, HOST] }), { path: 'partnerProvinceIds', code: 'partner_is_host' }],
      [newFair({ partnerProvinceIds: [PARTNER_A, PARTNER_A] }), { path: 'partnerProvinceIds', code: 'partner_repeated' }],
      [newFair({ hostProvinceId: 'atlantis' }), { path: 'hostProvinceId', code: 'unknown_province' }],
      // A province as it was before 2025 is not one of today's.
      [newFair({ hostProvinceId: 'former-soc-trang' }), { path: 'hostProvinceId', code: 'unknown_province' }],
      [newFair({ partnerProvinceIds: ['district-krong-pac'] }), { path: 'partnerProvinceIds', code: 'unknown_province' }],
      [newFair({ startsAt: '2027-03-10T08:00:00' }), { path: 'startsAt', code: 'invalid_datetime' }],
      [newFair({ startsAt: '1900-03-10T08:00:00+07:00' }), { path: 'startsAt', code: 'date_out_of_range' }],
      [newFair({ kind: 'festival' }), { path: 'kind', code: 'invalid_option' }],
      [newFair({ name: 'ab' }), { path: 'name', code: 'too_short' }],
      [newFair({ venue: '   ' }), { path: 'venue', code: 'required' }],
      [newFair({ status: 'live' }), { path: 'body', code: 'unknown_field' }],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res), JSON.stringify(body)).toContainEqual(field);
    }
    const missing = await create({});
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing).map((f) => f.path)).toEqual(
      expect.arrayContaining(['kind', 'name', 'venue', 'startsAt', 'endsAt', 'hostProvinceId']),
    );
    expect(await prisma().event.count()).toBe(before);
  });

  it('answers 400 to garbage and changes nothing', async () => {
    const before = await prisma().event.count();
    const garbage = [
      () => t.http.post('/api/events').set('Cookie', c[ORGANISER]!).set('Content-Type', 'application/json').send('{"kind":'),
      () => create([newFair()]),
      () => t.http.post('/api/events').set('Cookie', c[ORGANISER]!).set('Content-Type', 'application/json').send('"fair"'),
      () => create(newFair({ partnerProvinceIds: 'can-tho' })),
      () => create(newFair({ startsAt: 20270310 })),
      () => create(newFair({ name: { vi: 'Hội chợ' } })),
      () => create(newFair({ partnerProvinceIds: provinceIds })),
      () => create(newFair({ hostProvinceId: '../../etc/passwd' })),
    ];
    for (const send of garbage) {
      const res = await send();
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await prisma().event.count()).toBe(before);
  });

  it('is for organisers only: 403 to the other roles, 401 to nobody, and nothing is created', async () => {
    const before = await prisma().event.count();
    for (const email of [OFFICIAL, PRODUCER, BUYER]) {
      const res = await create(newFair(), c[email]!);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await t.http.post('/api/events').send(newFair())).status).toBe(401);
    expect(await prisma().event.count()).toBe(before);
  });
});

describe('editing an event', () => {
  it('changes every field an organiser may edit, logs the change, and answers the event with its next seq', async () => {
    const event = await createdEvent();
    const res = await patch(event.id, {
      name: 'Hội chợ OCOP Tây Nguyên – Sóc Trăng 2027',
      venue: 'Trung tâm Hội nghị tỉnh Đắk Lắk',
      startsAt: '2027-04-01T08:00:00+07:00',
      endsAt: '2027-04-03T18:00:00+07:00',
      timeZone: 'Asia/Bangkok',
      hostProvinceId: PARTNER_A,
      partnerProvinceIds: [HOST],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: event.id,
      name: 'Hội chợ OCOP Tây Nguyên – Sóc Trăng 2027',
      venue: 'Trung tâm Hội nghị tỉnh Đắk Lắk',
      startsAt: '2027-04-01T08:00:00+07:00',
      endsAt: '2027-04-03T18:00:00+07:00',
      timeZone: 'Asia/Bangkok',
      hostProvince: { id: PARTNER_A },
      partnerProvinces: [{ id: HOST, name: 'Đắk Lắk' }],
      status: 'draft',
      seq: 2,
    });
    const stored = await prisma().event.findUniqueOrThrow({ where: { id: event.id }, include: { partners: true } });
    expect(stored.partners.map((p) => p.provinceId)).toEqual([HOST]);
    const facts = await factsOf(event.id);
    expect(facts.map((f) => f.seq)).toEqual([1, 2]);
    expect(JSON.parse(facts[1]!.publicData!)).toEqual(res.body);

    const cleared = await patch(event.id, { partnerProvinceIds: [] });
    expect(cleared.status).toBe(200);
    expect(cleared.body.partnerProvinces).toEqual([]);
    expect(await prisma().eventPartnerProvince.count({ where: { eventId: event.id } })).toBe(0);
  });

  it('checks an edit against what is stored: the end after the stored start, the host not a stored partner', async () => {
    const event = await createdEvent();
    const cases: [Record<string, unknown>, { path: string; code: string }][] = [
      [{ endsAt: '2027-03-09T08:00:00+07:00' }, { path: 'endsAt', code: 'ends_before_start' }],
      [{ startsAt: '2027-03-15T08:00:00+07:00' }, { path: 'endsAt', code: 'ends_before_start' }],
      [{ hostProvinceId: PARTNER_A }, { path: 'partnerProvinceIds', code: 'partner_is_host' }],
      [{ partnerProvinceIds: [HOST] }, { path: 'partnerProvinceIds', code: 'partner_is_host' }],
      [{ partnerProvinceIds: [PARTNER_B, PARTNER_B] }, { path: 'partnerProvinceIds', code: 'partner_repeated' }],
      [{ timeZone: 'Asia/Nowhere' }, { path: 'timeZone', code: 'invalid_time_zone' }],
      [{ hostProvinceId: 'former-dak-lak' }, { path: 'hostProvinceId', code: 'unknown_province' }],
      [{ status: 'finished' }, { path: 'status', code: 'invalid_option' }],
      [{ kind: 'conference' }, { path: 'body', code: 'unknown_field' }],
      [{}, { path: 'body', code: 'nothing_to_change' }],
    ];
    for (const [body, field] of cases) {
      const res = await patch(event.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(res), JSON.stringify(body)).toContainEqual(field);
    }
    // Nothing changed, nothing logged.
    expect((await factsOf(event.id)).map((f) => f.seq)).toEqual([1]);
    const stored = await prisma().event.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored).toMatchObject({ hostProvinceId: HOST, startsAt: new Date(event.startsAt), endsAt: new Date(event.endsAt) });
    // Moving both ends together, and swapping host and partner in one edit, are fine.
    expect((await patch(event.id, { startsAt: '2027-06-01T08:00:00+07:00', endsAt: '2027-06-02T08:00:00+07:00' })).status).toBe(
      200,
    );
    const swapped = await patch(event.id, { hostProvinceId: PARTNER_A, partnerProvinceIds: [HOST, PARTNER_B] });
    expect(swapped.status).toBe(200);
    expect(swapped.body.hostProvince.id).toBe(PARTNER_A);
  });

  it('answers 404 for an unknown event and 403 to a producer, changing nothing', async () => {
    expect((await patch('no-such-event', { name: 'Không có' })).status).toBe(404);
    const event = await createdEvent();
    for (const email of [PRODUCER, BUYER, OFFICIAL]) {
      const res = await patch(event.id, { name: 'Đổi tên trái phép' }, c[email]!);
      expect(res.status).toBe(403);
    }
    expect((await prisma().event.findUniqueOrThrow({ where: { id: event.id } })).name).toBe(event.name);
    expect(await factsOf(event.id)).toHaveLength(1);
  });
});

describe('moving an event through its statuses', () => {
  const allowed: [EventStatus, EventStatus][] = [
    ['draft', 'published'],
    ['published', 'live'],
    ['live', 'closed'],
    ['published', 'draft'],
    ['live', 'published'],
  ];
  it.each(allowed)('lets an organiser move it from %s to %s', async (from, to) => {
    const event = await eventWithStatus(from);
    const res = await patch(event.id, { status: to });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: to, seq: event.seq + 1 });
    expect((await prisma().event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe(to);
  });

  const refused: [EventStatus, EventStatus][] = [
    ['draft', 'live'],
    ['draft', 'closed'],
    ['published', 'closed'],
    ['live', 'draft'],
    ['closed', 'live'],
    ['closed', 'published'],
    ['closed', 'draft'],
  ];
  it.each(refused)(
    'refuses a move from %s to %s with 409 conflict state, naming status, and changes nothing',
    async (from, to) => {
      const event = await eventWithStatus(from);
      const res = await patch(event.id, { status: to, name: 'Không được đổi' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        error: { code: 'CONFLICT', fields: [{ path: 'status', code: 'status_transition', params: { from, to } }] },
        conflict: 'state',
      });
      const stored = await prisma().event.findUniqueOrThrow({ where: { id: event.id } });
      expect(stored).toMatchObject({ status: from, name: event.name });
      expect((await factsOf(event.id)).at(-1)!.seq).toBe(event.seq);
    },
  );

  it('takes the status it already has as no move, and still edits a closed event', async () => {
    const event = await eventWithStatus('closed');
    const res = await patch(event.id, { status: 'closed', venue: 'Nhà văn hoá tỉnh' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', venue: 'Nhà văn hoá tỉnh' });
  });

  it('keeps every logged move an allowed one when moves race (each decided against the stored status)', async () => {
    for (let round = 0; round < 3; round++) {
      const event = await eventWithStatus('live');
      const moves: EventStatus[] = ['closed', 'published', 'draft', 'live'];
      const wanted = Array.from({ length: 24 }, (_, i) => moves[i % moves.length]!);
      const answers = await Promise.allSettled(wanted.map((status) => patch(event.id, { status })));
      const statuses = answers.map((a) => (a.status === 'fulfilled' ? a.value.status : 0));
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
      const facts = await factsOf(event.id);
      // One fact per change that answered 200, after the ones that made the event live.
      expect(facts.length - event.seq).toBe(statuses.filter((s) => s === 200).length);
      const logged = facts.map((f) => (JSON.parse(f.publicData!) as EventDto).status);
      for (let i = 1; i < logged.length; i++) {
        const [from, to] = [logged[i - 1]!, logged[i]!];
        expect(from === to || allowed.some(([a, b]) => a === from && b === to), `${from} → ${to}`).toBe(true);
      }
      const stored = await prisma().event.findUniqueOrThrow({ where: { id: event.id } });
      expect(stored.status).toBe(logged.at(-1));
    }
  });

  it('never stores the host among the partners when a host change and a partners change race', async () => {
    for (let round = 0; round < 5; round++) {
      const event = await createdEvent({ partnerProvinceIds: [] });
      const answers = await Promise.allSettled([
        patch(event.id, { hostProvinceId: PARTNER_A }),
        patch(event.id, { partnerProvinceIds: [PARTNER_A, PARTNER_B] }),
        patch(event.id, { hostProvinceId: PARTNER_B }),
      ]);
      const statuses = answers.map((a) => (a.status === 'fulfilled' ? a.value.status : 0));
      expect(statuses.every((s) => s === 200 || s === 400)).toBe(true);
      const stored = await prisma().event.findUniqueOrThrow({ where: { id: event.id }, include: { partners: true } });
      expect(stored.partners.map((p) => p.provinceId)).not.toContain(stored.hostProvinceId);
    }
  });
});

describe('event facts on the socket', () => {
  function join(socket: TestSocket, eventId: string) {
    return new Promise<unknown>((resolve) => socket.emit('event:join', { eventId }, resolve));
  }
  function next(socket: TestSocket): Promise<EventFact<EventDto>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no event:updated arrived')), 5_000);
      socket.once('event:updated', (fact) => {
        clearTimeout(timer);
        resolve(fact as EventFact<EventDto>);
      });
    });
  }

  it("reach the organisers in a new draft's room, and everyone's once it is published", async () => {
    const event = await createdEvent();
    const organiser = await t.socket(c[ORGANISER]!);
    expect(await join(organiser, event.id)).toEqual({ ok: true, data: { eventId: event.id, seq: 1 } });
    const buyer = await t.socket(c[BUYER]!);
    expect(await join(buyer, event.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const renamed = next(organiser);
    const res = await patch(event.id, { name: 'Hội chợ OCOP (đổi tên)' });
    expect(await renamed).toEqual({
      type: 'event:updated',
      eventId: event.id,
      seq: 2,
      at: expect.any(String),
      actorId: expect.any(String),
      data: res.body,
    });

    const visible = new Promise<EventVisibleNotice>((resolve) => buyer.once('event:visible', resolve));
    expect((await patch(event.id, { status: 'published' })).status).toBe(200);
    expect(await visible).toEqual({ eventId: event.id });
    expect(await join(buyer, event.id)).toEqual({ ok: true, data: { eventId: event.id, seq: 3 } });
    const [toBuyer, toOrganiser] = [next(buyer), next(organiser)];
    await patch(event.id, { status: 'live', venue: 'Sân vận động tỉnh' });
    for (const fact of await Promise.all([toBuyer, toOrganiser]))
      expect(fact).toMatchObject({ seq: 4, data: { status: 'live', venue: 'Sân vận động tỉnh', seq: 4 } });
  });
});
