// The authorization matrix (issue 8): ONE table says, for every route of the OpenAPI document,
// what nobody, an official, a producer, a buyer and an organiser may do, and for owned records
// (a producer's profile and products, a buyer's profile) what the owner and another of the same
// role may do. Every route is called as each of them with a VALID request, so an allowed caller
// gets its 2xx rather than a 400 that would hide the access decision; reads are checked for
// private values that must not reach a caller (and that do reach those allowed them, so the
// check cannot pass by looking at nothing). A route in the document without a row fails, and so
// does a row for a route that no longer exists: a new route cannot ship without its permissions.
//
// The table is also checked against each operation's declared `x-access`, and every refusal the
// declaration implies is repeated with a garbage request, which must be refused the same way
// (access is decided before the input is read). This replaces test/integration/access.test.ts.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Test } from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/demo/seed.ts';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** Another producer and another buyer of the demo data, each with its own organisation. */
const OTHER_PRODUCER = 'hokd.matong@demo.ocop.vn';
const OTHER_BUYER = 'vinmart@demo.ocop.vn';

type Role = 'official' | 'producer' | 'buyer' | 'organiser';
/** Who calls: nobody, one user of each role, and for owned records another of the same role. */
type Caller = 'nobody' | 'official' | 'organiser' | 'producer' | 'producer.other' | 'buyer' | 'buyer.other';
const EMAIL: Record<Exclude<Caller, 'nobody'>, string> = {
  official: OFFICIAL,
  organiser: ORGANISER,
  producer: PRODUCER,
  'producer.other': OTHER_PRODUCER,
  buyer: BUYER,
  'buyer.other': OTHER_BUYER,
};

/**
 * The expected status of one role's call. On an owned record (the demo producer's profile and
 * products, the demo buyer's profile) `owner` is that producer or buyer and `other` another one.
 */
type Expected = number | { owner: number; other: number };

interface Request {
  /** Values of the path's {placeholders}; the usual records fill the others. */
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: object;
  /** A raw body with its content type (spreadsheets). */
  file?: { type: string; data: string };
  /** A session of its own instead of the caller's shared one (null: none). */
  cookie?: string | null;
}

interface Case {
  /** What the case is about, when a route has several (a published and a draft event). */
  name?: string;
  nobody: number;
  official: number;
  producer: Expected;
  buyer: Expected;
  organiser: number;
  /** A valid request for this caller. Records a call destroys are made fresh here, per call. */
  request: (caller: Caller) => Promise<Request> | Request;
  /**
   * Values that must not be in the answer of `hiddenFrom` (and keys that must be absent, not
   * empty, from its top level), and must be in the 2xx answer of every other caller.
   */
  secret?: { values: () => string[]; hiddenFrom: Caller[]; absentKeys?: string[] };
  /** Destroys or ends something (a session, a user, a record): called after everything else. */
  destructive?: boolean;
}

let t: TestServer;
const cookieOf: Partial<Record<Caller, string>> = {};
/** The records the table's requests point at, read once from the demo data. */
const r = {
  producerId: '',
  buyerId: '',
  productId: '',
  fairId: '',
  draftId: '',
  invitationToken: '',
  /** The demo producer's contact name, phone and email. */
  producerContacts: [] as string[],
  otherProducersContacts: [] as string[],
  representatives: [] as string[],
  draftName: '',
  venue: '',
  locality: '',
  volumes: '',
  sessionId: '',
  draftSessionId: '',
  otherBuyerId: '',
  /** A published conference hosted by the organiser's province (dak-lak), the demo buyer's (ho-chi-minh) a partner. */
  conferenceId: '',
  /** A pending agreement of the demo producer and the demo buyer there, worth AGREEMENT_VALUE. */
  agreementId: '',
  /** The phone and e-mail of a member of the host's delegation. */
  delegationContacts: [] as string[],
};
let calls = 0;
const tally = { matrix: 0, garbage: 0, ms: 0 };
const runId = randomBytes(3).toString('hex');
let serial = 0;
/** A name no other record has (buyers' names are unique per province). */
const unique = (what: string) => `${what} ma trận ${runId}-${++serial}`;

const http = (method: string, url: string): Test => {
  calls += 1;
  return (t.http as unknown as Record<string, (u: string) => Test>)[method]!(url);
};
const asOrganiser = (method: string, url: string) => http(method, url).set('Cookie', cookieOf.organiser!);

async function freshProduct(): Promise<string> {
  const res = await asOrganiser('post', `/api/producers/${r.producerId}/products`).send({
    name: unique('Cà phê để xóa'),
    category: 'coffee',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** An invitation link's token, for a new user of the demo producer. */
async function freshInvitation(): Promise<string> {
  const res = await asOrganiser('post', '/api/invitations').send({
    email: `${unique('moi').replace(/\W+/g, '.')}@example.vn`,
    name: 'Người được mời',
    role: 'producer',
    organisationId: r.producerId,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return String(res.body.url).split('/').pop()!;
}

async function freshUser(): Promise<string> {
  const res = await http('post', `/api/invitations/${await freshInvitation()}/accept`).send({ password: 'mat-khau-ma-tran-1' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.user.id as string;
}

const csv = (rows: string[][]) => rows.map((row) => row.map((cell) => `"${cell}"`).join(',')).join('\n');
const buyerSheet = () => ({
  type: 'text/csv',
  data: csv([
    ['Tên', 'Loại', 'Tỉnh/Thành phố'],
    [unique('Nhà phân phối nhập'), 'distributor', 'Đắk Lắk'],
  ]),
});

const SIGNED_IN_READ = { nobody: 401, official: 200, producer: 200, buyer: 200, organiser: 200 } as const;
const ORGANISERS_ONLY = { nobody: 401, official: 403, producer: 403, buyer: 403, organiser: 201 } as const;
const EVERYONE = (status: number) => ({ nobody: status, official: status, producer: status, buyer: status, organiser: status });
const DRAFT_HIDDEN = { nobody: 401, official: 404, producer: 404, buyer: 404, organiser: 200 } as const;
const CONTACT_KEYS = ['contactName', 'phone', 'email'];

// --- booths: records made fresh per call, real ones only for the callers that get past access ---
const usedBooths = new Set<string>();
/** A free booth of the fair no other row has used. */
async function freeBoothId(): Promise<string> {
  const rows = await t.database.db.prisma.booth.findMany({
    where: { eventId: r.fairId, blocked: false, occupancy: null, NOT: { code: { startsWith: 'E' } } },
    select: { id: true },
    orderBy: { code: 'desc' },
  });
  const id = rows.map((b) => b.id).find((b) => !usedBooths.has(b));
  if (!id) throw new Error('the fair has no free booth left for the matrix');
  usedBooths.add(id);
  return id;
}
/** A producer of our own, without a booth. */
async function freshProducerId(): Promise<string> {
  const name = unique('HTX gian hàng');
  const row = await t.database.db.prisma.producer.create({
    data: { name, nameFolded: name.toLowerCase(), legalType: 'cooperative', provinceId: 'dak-lak' },
    select: { id: true },
  });
  return row.id;
}
async function assignedBoothId(): Promise<string> {
  const boothId = await freeBoothId();
  const res = await asOrganiser('put', `/api/events/${r.fairId}/booths/${boothId}/assignment`).send({
    producerId: await freshProducerId(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return boothId;
}
/** A waitlist offer of a free booth to the demo producer (the owner). */
async function offeredBoothId(): Promise<string> {
  const boothId = await freeBoothId();
  const prisma = t.database.db.prisma;
  await prisma.event.update({ where: { id: r.fairId }, data: { boothPolicy: JSON.stringify({ boothsPerProducer: 20 }) } });
  await prisma.boothOccupancy.create({
    data: { boothId, eventId: r.fairId, producerId: r.producerId, kind: 'offered', expiresAt: new Date(Date.now() + 3_600_000) },
  });
  return boothId;
}
const NO_BOOTH = 'no-booth-for-this-caller';
/** An application in the fair for each caller's producer: the demo producer's, or one of our own. */
const NO_APPLICATION = 'no-application-for-this-caller';
async function ownApplicationId(): Promise<string> {
  const prisma = t.database.db.prisma;
  // It may hold a booth from the offer rows: released, so that it can withdraw.
  await prisma.boothOccupancy.deleteMany({ where: { eventId: r.fairId, producerId: r.producerId } });
  const row = await prisma.boothApplication.upsert({
    where: { eventId_producerId: { eventId: r.fairId, producerId: r.producerId } },
    create: { eventId: r.fairId, producerId: r.producerId },
    update: { status: 'submitted' },
    select: { id: true },
  });
  return row.id;
}
async function freshApplicationId(): Promise<string> {
  const row = await t.database.db.prisma.boothApplication.create({
    data: { eventId: r.fairId, producerId: await freshProducerId() },
    select: { id: true },
  });
  return row.id;
}
/** The application of a producer without a sign-in: organisers and officials list it, producers never. */
let othersApplicationId = '';
async function othersApplication(): Promise<void> {
  const prisma = t.database.db.prisma;
  const found = await prisma.boothApplication.findFirst({
    where: { eventId: r.fairId, producer: { users: { none: {} } } },
    select: { id: true },
  });
  othersApplicationId = found?.id ?? (await freshApplicationId());
}
/** Makes the caller's producer free to apply again. */
async function noApplicationOf(caller: Caller): Promise<void> {
  const email = caller === 'producer' || caller === 'producer.other' ? EMAIL[caller] : null;
  if (!email) return;
  const prisma = t.database.db.prisma;
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { producerId: true } });
  await prisma.boothApplication.deleteMany({ where: { eventId: r.fairId, producerId: user.producerId! } });
}
const boothFor = (allowed: Caller[], make: () => Promise<string>) => async (caller: Caller) =>
  allowed.includes(caller) ? make() : NO_BOOTH;
const ORGANISER_CHANGE = { ...ORGANISERS_ONLY, organiser: 200 } as const;
/** A booth of our own on the fair's plan, free, that no other row uses (floor-plan rows). */
async function freshBoothId(): Promise<string> {
  const row = await t.database.db.prisma.booth.create({
    data: { eventId: r.fairId, code: `MT-${runId}-${++serial}`, zone: 'Khu ma trận', type: 'standard', x: 4000, y: 4000 },
    select: { id: true },
  });
  usedBooths.add(row.id);
  return row.id;
}

// --- matchmaking: a session of our own per call (a pair meets once per session), in 2030 ---
let sessionDays = 0;
/** A session of the fair with three slots; the demo buyer and another buyer take part. */
async function freshSession(bookingMode: 'instant' | 'request' = 'instant'): Promise<{ id: string; slotIds: string[] }> {
  const prisma = t.database.db.prisma;
  // A day of its own: the demo producer meets in many of them, never at one time in two.
  const start = Date.parse('2030-06-01T08:00:00+07:00') + ++sessionDays * 86_400_000;
  const session = await prisma.matchmakingSession.create({
    data: {
      eventId: r.fairId,
      name: unique('Phiên'),
      startsAt: new Date(start),
      endsAt: new Date(start + 3 * 1_200_000),
      slotMinutes: 20,
      tableCount: 10,
      bookingMode,
      slots: {
        create: [0, 1, 2].map((i) => ({
          position: i,
          startsAt: new Date(start + i * 1_200_000),
          endsAt: new Date(start + (i + 1) * 1_200_000),
        })),
      },
      buyers: { create: [{ buyerId: r.buyerId }, { buyerId: r.otherBuyerId }] },
    },
    select: { id: true, slots: { select: { id: true }, orderBy: { position: 'asc' } } },
  });
  return { id: session.id, slotIds: session.slots.map((s) => s.id) };
}
/** A meeting of the demo producer with the demo buyer (its owners), in a session of its own. */
async function freshMeeting(outcomeBy?: 'producer' | 'buyer'): Promise<{ id: string; slotIds: string[] }> {
  const session = await freshSession();
  const row = await t.database.db.prisma.meeting.create({
    data: {
      eventId: r.fairId,
      sessionId: session.id,
      slotId: session.slotIds[0]!,
      activeSlotId: session.slotIds[0]!,
      producerId: r.producerId,
      buyerId: r.buyerId,
      tableNumber: 1,
      ...(outcomeBy
        ? {
            outcomeStatus: 'agreement',
            outcomeValueVnd: 150_000_000n,
            outcomeBy,
            outcomeAt: new Date(),
            outcomeConfirmation: 'pending',
          }
        : {}),
    },
    select: { id: true },
  });
  return { id: row.id, slotIds: session.slotIds };
}
/** A pending request of the demo producer for the demo buyer's slot. */
async function freshRequest(): Promise<string> {
  const session = await freshSession('request');
  const row = await t.database.db.prisma.meetingRequest.create({
    data: {
      eventId: r.fairId,
      sessionId: session.id,
      slotId: session.slotIds[0]!,
      pendingSlotId: session.slotIds[0]!,
      producerId: r.producerId,
      buyerId: r.buyerId,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
    select: { id: true },
  });
  return row.id;
}
let listedSession: Promise<string> | undefined;
/** Once: a session where the demo producer meets the demo buyer, for the list's secret. */
const sessionWithMeeting = () =>
  (listedSession ??= freshMeeting().then(
    async (m) => (await t.database.db.prisma.meeting.findUniqueOrThrow({ where: { id: m.id } })).sessionId,
  ));
async function freshFeedSecret(): Promise<string> {
  const res = await asOrganiser('post', '/api/calendar-feeds').send({});
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return String(res.body.path).slice('/api/calendar/'.length, -'.ics'.length);
}
/** A draft schedule of a session of our own, made by an organiser. */
async function freshProposal(): Promise<string> {
  const session = await freshSession();
  const res = await asOrganiser('post', `/api/sessions/${session.id}/schedule-proposals`).send({ timeLimitSeconds: 1 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}
let oneProposal: Promise<string> | undefined;
const NO_PROPOSAL = 'no-proposal-for-this-caller';
const PARTIES = { producer: { owner: 200, other: 404 }, buyer: { owner: 200, other: 404 } } as const;
const MEETING_CHANGE = { nobody: 401, official: 403, ...PARTIES, organiser: 200 } as const;

// --- conferences: one of our own, hosted by the organiser's province with the demo buyer's as partner ---
/** A programme item of the conference, for an organiser's change (others are refused before the id is read). */
async function freshAgendaItem(caller: Caller): Promise<string> {
  if (caller !== 'organiser') return 'AAAAAAAAAAAA';
  const res = await asOrganiser('post', `/api/events/${r.conferenceId}/agenda`).send({
    kind: 'presentation',
    title: unique('Tham luận'),
    startsAt: '2030-09-10T09:00:00+07:00',
    endsAt: '2030-09-10T09:30:00+07:00',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}
/** A pending agreement between the demo producer (side a) and the demo buyer (side b). */
async function freshAgreement(valueVnd = 250_000_000): Promise<string> {
  const res = await asOrganiser('post', `/api/events/${r.conferenceId}/agreements`).send({
    kind: 'mou',
    title: unique('Biên bản ghi nhớ'),
    partyA: { kind: 'producer', id: r.producerId },
    partyB: { kind: 'buyer', id: r.buyerId },
    valueVnd,
    productIds: [r.productId],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}
/** The parties (owners) may; another producer or buyer is refused. */
const AGREEMENT_PARTIES = { producer: { owner: 200, other: 403 }, buyer: { owner: 200, other: 403 } } as const;
/** The agreement's value: for staff and the two parties, never another producer or buyer. */
const AGREEMENT_VALUE = 987_654_321_000;
const agreementSecret = {
  values: () => [String(AGREEMENT_VALUE)],
  hiddenFrom: ['producer.other', 'buyer.other'] as Caller[],
};
const READ_BY_ALL_PARTIES = { producer: { owner: 200, other: 200 }, buyer: { owner: 200, other: 200 } } as const;

/** THE TABLE: one row per operation of /api/openapi.json. */
const MATRIX: Record<string, Case | Case[]> = {
  'GET /api/health': { ...EVERYONE(200), request: () => ({}) },

  'POST /api/auth/login': { ...EVERYONE(200), request: () => ({ body: { email: OFFICIAL, password: DEMO_PASSWORD } }) },
  'GET /api/auth/me': { ...SIGNED_IN_READ, request: () => ({}) },
  'POST /api/auth/logout': {
    ...EVERYONE(204),
    nobody: 401,
    destructive: true,
    // A session of its own, so that signing out ends none the other calls use.
    request: async (caller) => ({ cookie: caller === 'nobody' ? null : await t.signIn(EMAIL[caller]) }),
  },

  'GET /api/events': {
    ...SIGNED_IN_READ,
    request: () => ({}),
    secret: { values: () => [r.draftName], hiddenFrom: ['official', 'producer', 'buyer'] },
  },
  'GET /api/events/{eventId}': [
    { name: 'published fair', ...SIGNED_IN_READ, request: () => ({ params: { eventId: r.fairId } }) },
    { name: 'draft', ...DRAFT_HIDDEN, request: () => ({ params: { eventId: r.draftId } }) },
  ],
  'PATCH /api/events/{eventId}': {
    ...ORGANISERS_ONLY,
    organiser: 200,
    request: () => ({ params: { eventId: r.fairId }, body: { venue: r.venue } }),
  },
  'POST /api/events': {
    ...ORGANISERS_ONLY,
    request: () => ({
      body: {
        kind: 'fair',
        name: unique('Hội chợ'),
        venue: 'Buôn Ma Thuột',
        startsAt: '2027-03-10T08:00:00+07:00',
        endsAt: '2027-03-12T18:00:00+07:00',
        hostProvinceId: 'dak-lak',
      },
    }),
  },
  'GET /api/events/{eventId}/booths': [
    { name: 'published fair', ...SIGNED_IN_READ, request: () => ({ params: { eventId: r.fairId } }) },
    { name: 'draft', ...DRAFT_HIDDEN, request: () => ({ params: { eventId: r.draftId } }) },
  ],
  // Aggregates only: any signed-in user reads a visible event's (an official of another
  // province gets 403, a big-screen link its own event: test/integration/dashboard.test.ts).
  'GET /api/events/{eventId}/dashboard': [
    { name: 'published fair', ...SIGNED_IN_READ, request: () => ({ params: { eventId: r.fairId } }) },
    { name: 'draft', ...DRAFT_HIDDEN, request: () => ({ params: { eventId: r.draftId } }) },
  ],
  'GET /api/provinces/{provinceId}/dashboard': {
    nobody: 401,
    official: 200,
    producer: 403,
    buyer: 403,
    organiser: 200,
    request: () => ({ params: { provinceId: 'dak-lak' } }),
  },
  'POST /api/events/{eventId}/big-screens': {
    ...ORGANISERS_ONLY,
    request: () => ({ params: { eventId: r.fairId }, body: { label: 'Màn hình sảnh A' } }),
  },
  'GET /api/events/{eventId}/big-screens': {
    ...ORGANISERS_ONLY,
    organiser: 200,
    request: () => ({ params: { eventId: r.fairId } }),
  },
  'DELETE /api/events/{eventId}/big-screens/{linkId}': {
    ...ORGANISERS_ONLY,
    organiser: 204,
    request: async (caller) => ({
      params: {
        eventId: r.fairId,
        linkId:
          caller === 'organiser'
            ? (await asOrganiser('post', `/api/events/${r.fairId}/big-screens`).send({ label: 'tạm' })).body.id
            : 'AAAAAAAAAAAA',
      },
    }),
  },
  'GET /api/events/{eventId}/activity': [
    { name: 'published fair', ...SIGNED_IN_READ, request: () => ({ params: { eventId: r.fairId }, query: { after: 0 } }) },
    { name: 'draft', ...DRAFT_HIDDEN, request: () => ({ params: { eventId: r.draftId }, query: { after: 0 } }) },
  ],
  'PUT /api/events/{eventId}/booths/{boothId}/assignment': {
    ...ORGANISER_CHANGE,
    request: async (caller) => ({
      params: { boothId: await boothFor(['organiser'], freeBoothId)(caller) },
      body: { producerId: caller === 'organiser' ? await freshProducerId() : r.producerId },
    }),
  },
  'DELETE /api/events/{eventId}/booths/{boothId}/assignment': {
    ...ORGANISER_CHANGE,
    organiser: 204,
    request: async (caller) => ({ params: { boothId: await boothFor(['organiser'], assignedBoothId)(caller) } }),
  },
  'PUT /api/events/{eventId}/booths/{boothId}/hold': {
    ...ORGANISER_CHANGE,
    request: async (caller) => ({
      params: { boothId: await boothFor(['organiser'], freeBoothId)(caller) },
      body: { producerId: caller === 'organiser' ? await freshProducerId() : r.producerId, minutes: 30 },
    }),
  },
  'DELETE /api/events/{eventId}/booths/{boothId}/hold': {
    ...ORGANISER_CHANGE,
    organiser: 204,
    request: async (caller) => ({ params: { boothId: await boothFor(['organiser'], offeredBoothId)(caller) } }),
  },
  'POST /api/events/{eventId}/booths/{boothId}/move': {
    ...ORGANISER_CHANGE,
    request: async (caller) => ({
      params: { boothId: await boothFor(['organiser'], assignedBoothId)(caller) },
      body: { toBoothId: await boothFor(['organiser'], freeBoothId)(caller) },
    }),
  },
  'POST /api/events/{eventId}/booths/{boothId}/check-in': {
    ...ORGANISER_CHANGE,
    request: async (caller) => ({ params: { boothId: await boothFor(['organiser'], assignedBoothId)(caller) } }),
  },
  'POST /api/events/{eventId}/booths/{boothId}/offer/accept': {
    nobody: 401,
    official: 403,
    producer: { owner: 200, other: 403 },
    buyer: 403,
    organiser: 200,
    request: async (caller) => ({
      params: { boothId: await boothFor(['producer', 'producer.other', 'organiser'], offeredBoothId)(caller) },
    }),
  },
  'POST /api/events/{eventId}/booths/{boothId}/offer/decline': {
    nobody: 401,
    official: 403,
    producer: { owner: 204, other: 403 },
    buyer: 403,
    organiser: 204,
    request: async (caller) => ({
      params: { boothId: await boothFor(['producer', 'producer.other', 'organiser'], offeredBoothId)(caller) },
    }),
  },
  // --- floor plan, booth policy and export: organisers lay out; officials export; everyone reads the policy ---
  'POST /api/events/{eventId}/booths': {
    ...ORGANISERS_ONLY,
    request: () => ({ body: { zone: 'Khu ma trận', prefix: `M${runId}${++serial}`, from: 1, to: 2, x: 4000, y: 4100 } }),
  },
  'PATCH /api/events/{eventId}/booths/{boothId}': {
    ...ORGANISER_CHANGE,
    request: async (caller) => ({
      params: { boothId: await boothFor(['organiser'], freshBoothId)(caller) },
      body: { priceVnd: 4_000_000 },
    }),
  },
  'DELETE /api/events/{eventId}/booths/{boothId}': {
    ...ORGANISER_CHANGE,
    organiser: 204,
    destructive: true,
    request: async (caller) => ({ params: { boothId: await boothFor(['organiser'], freshBoothId)(caller) } }),
  },
  'GET /api/events/{eventId}/booths/export': {
    nobody: 401,
    official: 200,
    producer: 403,
    buyer: 403,
    organiser: 200,
    request: () => ({ query: { format: 'csv' } }),
  },
  'GET /api/events/{eventId}/booth-policy': [
    { name: 'published fair', ...SIGNED_IN_READ, request: () => ({ params: { eventId: r.fairId } }) },
    { name: 'draft', ...DRAFT_HIDDEN, request: () => ({ params: { eventId: r.draftId } }) },
  ],
  'PUT /api/events/{eventId}/booth-policy': { ...ORGANISER_CHANGE, request: () => ({ body: { holdMinutes: 30 } }) },
  // --- applications: a producer its own, staff all of them, organisers decide ---
  'POST /api/events/{eventId}/applications': {
    nobody: 401,
    official: 403,
    producer: { owner: 201, other: 201 },
    buyer: 403,
    organiser: 201,
    request: async (caller) => {
      await noApplicationOf(caller);
      return { body: caller === 'organiser' ? { producerId: await freshProducerId() } : {} };
    },
  },
  'GET /api/events/{eventId}/applications': [
    {
      name: 'published fair',
      nobody: 401,
      official: 200,
      producer: { owner: 200, other: 200 },
      buyer: 403,
      organiser: 200,
      request: async () => {
        await othersApplication();
        return {};
      },
      secret: { values: () => [othersApplicationId], hiddenFrom: ['producer', 'producer.other'] },
    },
    {
      name: 'draft',
      ...DRAFT_HIDDEN,
      buyer: 403,
      request: () => ({ params: { eventId: r.draftId } }),
    },
  ],
  'GET /api/applications/{applicationId}': {
    nobody: 401,
    official: 200,
    producer: { owner: 200, other: 403 },
    buyer: 403,
    organiser: 200,
    request: async () => ({ params: { applicationId: await ownApplicationId() } }),
  },
  'POST /api/applications/{applicationId}/decision': {
    ...ORGANISER_CHANGE,
    request: async (caller) => ({
      params: { applicationId: caller === 'organiser' ? await freshApplicationId() : NO_APPLICATION },
      body: { status: 'approved' },
    }),
  },
  'POST /api/applications/{applicationId}/withdraw': {
    nobody: 401,
    official: 403,
    producer: { owner: 200, other: 403 },
    buyer: 403,
    organiser: 200,
    request: async (caller) => ({
      params: {
        applicationId:
          caller === 'organiser'
            ? await freshApplicationId()
            : caller === 'producer' || caller === 'producer.other'
              ? await ownApplicationId()
              : NO_APPLICATION,
      },
    }),
  },
  'GET /api/events/{eventId}/allocation': { ...ORGANISER_CHANGE, request: () => ({}) },
  'POST /api/events/{eventId}/allocation/accept': {
    ...ORGANISER_CHANGE,
    // Placements no longer possible are reported, not refused: an approved application is not needed for the call.
    request: async (caller) => ({
      body: {
        placements: [{ boothId: await boothFor(['organiser'], freeBoothId)(caller), applicationId: 'no-such-application' }],
      },
    }),
  },
  'GET /api/events/{eventId}/sessions': [
    { name: 'published fair', ...SIGNED_IN_READ, request: () => ({ params: { eventId: r.fairId } }) },
    { name: 'draft', ...DRAFT_HIDDEN, request: () => ({ params: { eventId: r.draftId } }) },
  ],
  'POST /api/events/{eventId}/sessions': {
    ...ORGANISERS_ONLY,
    request: () => ({
      body: {
        name: unique('Phiên mới'),
        startsAt: '2030-07-01T08:00:00+07:00',
        endsAt: '2030-07-01T10:00:00+07:00',
        slotMinutes: 20,
        tableCount: 8,
      },
    }),
  },
  'GET /api/sessions/{sessionId}': [
    { name: 'published fair', ...SIGNED_IN_READ, request: () => ({ params: { sessionId: r.sessionId } }) },
    { name: 'draft', ...DRAFT_HIDDEN, request: () => ({ params: { sessionId: r.draftSessionId } }) },
  ],
  'PATCH /api/sessions/{sessionId}': {
    ...ORGANISER_CHANGE,
    request: async () => ({
      params: { sessionId: (await freshSession()).id },
      body: { name: unique('Phiên đổi tên'), tableCount: 12 },
    }),
  },
  'GET /api/sessions/{sessionId}/buyers': [
    { name: 'published fair', ...SIGNED_IN_READ, request: () => ({ params: { sessionId: r.sessionId } }) },
    { name: 'draft', ...DRAFT_HIDDEN, request: () => ({ params: { sessionId: r.draftSessionId } }) },
  ],
  'PUT /api/sessions/{sessionId}/buyers/{buyerId}': {
    nobody: 401,
    official: 403,
    producer: 403,
    buyer: { owner: 200, other: 403 },
    organiser: 200,
    request: async () => ({ params: { sessionId: (await freshSession()).id, buyerId: r.buyerId }, body: { representatives: 2 } }),
  },
  'DELETE /api/sessions/{sessionId}/buyers/{buyerId}': {
    nobody: 401,
    official: 403,
    producer: 403,
    buyer: { owner: 204, other: 403 },
    organiser: 204,
    request: async () => ({ params: { sessionId: (await freshSession()).id, buyerId: r.buyerId } }),
  },
  'POST /api/sessions/{sessionId}/meetings': {
    nobody: 401,
    official: 403,
    // A producer books for itself; a buyer for its own side (the other buyer names the demo buyer: 403).
    producer: { owner: 201, other: 201 },
    buyer: { owner: 201, other: 403 },
    organiser: 201,
    request: async (caller) => {
      const session = await freshSession();
      const producerId =
        caller === 'buyer' || caller === 'buyer.other' || caller === 'organiser' ? await freshProducerId() : undefined;
      return {
        params: { sessionId: session.id },
        body: { slotId: session.slotIds[1]!, buyerId: r.buyerId, ...(producerId ? { producerId } : {}) },
      };
    },
  },
  'GET /api/sessions/{sessionId}/meetings': {
    ...SIGNED_IN_READ,
    request: async () => ({ params: { sessionId: await sessionWithMeeting() } }),
    // Who meets whom is for the two parties and organisers; others learn which tables are taken.
    secret: { values: () => [r.producerId], hiddenFrom: ['official', 'producer.other', 'buyer.other'] },
  },
  'GET /api/meetings/{meetingId}': {
    nobody: 401,
    official: 404,
    ...PARTIES,
    organiser: 200,
    request: async () => ({ params: { meetingId: (await freshMeeting()).id } }),
  },
  'DELETE /api/meetings/{meetingId}': {
    nobody: 401,
    official: 403,
    producer: { owner: 204, other: 404 },
    buyer: { owner: 204, other: 404 },
    organiser: 204,
    request: async () => ({ params: { meetingId: (await freshMeeting()).id } }),
  },
  'POST /api/meetings/{meetingId}/reschedule': {
    ...MEETING_CHANGE,
    request: async () => {
      const m = await freshMeeting();
      return { params: { meetingId: m.id }, body: { slotId: m.slotIds[2]! } };
    },
  },
  'POST /api/meetings/{meetingId}/check-in': {
    ...MEETING_CHANGE,
    request: async (caller) => ({
      params: { meetingId: (await freshMeeting()).id },
      body: { party: caller.startsWith('buyer') ? 'buyer' : 'producer' },
    }),
  },
  'POST /api/meetings/{meetingId}/attendance': {
    ...ORGANISER_CHANGE,
    request: async () => ({ params: { meetingId: (await freshMeeting()).id }, body: { status: 'held' } }),
  },
  'POST /api/meetings/{meetingId}/outcome': {
    ...MEETING_CHANGE,
    request: async () => ({ params: { meetingId: (await freshMeeting()).id }, body: { status: 'follow_up', valueVnd: 0 } }),
  },
  'POST /api/meetings/{meetingId}/outcome/confirmation': {
    ...MEETING_CHANGE,
    // The other side confirms: the outcome was recorded by the side that is not calling.
    request: async (caller) => ({
      params: { meetingId: (await freshMeeting(caller.startsWith('producer') ? 'buyer' : 'producer')).id },
      body: { agree: true },
    }),
  },
  'POST /api/sessions/{sessionId}/requests': {
    nobody: 401,
    official: 403,
    producer: { owner: 201, other: 201 },
    buyer: 403,
    organiser: 201,
    request: async (caller) => {
      const session = await freshSession('request');
      const producerId = caller === 'organiser' ? await freshProducerId() : undefined;
      return {
        params: { sessionId: session.id },
        body: { slotId: session.slotIds[1]!, buyerId: r.buyerId, ...(producerId ? { producerId } : {}) },
      };
    },
  },
  'GET /api/sessions/{sessionId}/requests': {
    nobody: 401,
    official: 403,
    producer: 200,
    buyer: 200,
    organiser: 200,
    request: () => ({ params: { sessionId: r.sessionId } }),
  },
  'POST /api/requests/{requestId}/accept': {
    nobody: 401,
    official: 403,
    producer: 403,
    buyer: { owner: 200, other: 404 },
    organiser: 200,
    request: async () => ({ params: { requestId: await freshRequest() } }),
  },
  'POST /api/requests/{requestId}/decline': {
    nobody: 401,
    official: 403,
    producer: 403,
    buyer: { owner: 200, other: 404 },
    organiser: 200,
    request: async () => ({ params: { requestId: await freshRequest() }, body: { reason: 'Đã kín lịch' } }),
  },
  'DELETE /api/requests/{requestId}': {
    nobody: 401,
    official: 403,
    producer: { owner: 204, other: 404 },
    buyer: 403,
    organiser: 204,
    request: async () => ({ params: { requestId: await freshRequest() } }),
  },
  'GET /api/sessions/{sessionId}/wishes': {
    nobody: 401,
    official: 403,
    producer: 200,
    buyer: 200,
    organiser: 200,
    request: () => ({ params: { sessionId: r.sessionId } }),
  },
  'PUT /api/sessions/{sessionId}/wishes': {
    nobody: 401,
    official: 403,
    producer: 200,
    buyer: 200,
    organiser: 200,
    request: async (caller) => ({
      params: { sessionId: (await freshSession()).id },
      body: caller.startsWith('producer')
        ? { buyerIds: [r.buyerId] }
        : caller.startsWith('buyer')
          ? { producerIds: [r.producerId] }
          : { producerId: r.producerId, buyerIds: [r.buyerId, r.otherBuyerId] },
    }),
  },
  'POST /api/sessions/{sessionId}/schedule-proposals': {
    ...ORGANISERS_ONLY,
    request: async () => ({ params: { sessionId: (await freshSession()).id }, body: { timeLimitSeconds: 1 } }),
  },
  'GET /api/schedule-proposals/{proposalId}': {
    ...ORGANISER_CHANGE,
    request: async (caller) => ({
      params: { proposalId: caller === 'organiser' ? await (oneProposal ??= freshProposal()) : NO_PROPOSAL },
    }),
  },
  'POST /api/schedule-proposals/{proposalId}/publish': {
    ...ORGANISER_CHANGE,
    request: async (caller) => ({ params: { proposalId: caller === 'organiser' ? await freshProposal() : NO_PROPOSAL } }),
  },
  'GET /api/meetings/{meetingId}/calendar.ics': {
    nobody: 401,
    official: 404,
    ...PARTIES,
    organiser: 200,
    request: async () => ({ params: { meetingId: (await freshMeeting()).id } }),
  },
  'POST /api/calendar-feeds': {
    nobody: 401,
    official: 403,
    producer: 201,
    buyer: 201,
    organiser: 201,
    request: () => ({ body: {} }),
  },
  'DELETE /api/calendar-feeds': { nobody: 401, official: 403, producer: 204, buyer: 204, organiser: 204, request: () => ({}) },
  // An unknown or revoked link answers 404 to everyone (test/integration/calendar.test.ts).
  'GET /api/calendar/{secret}.ics': { ...EVERYONE(200), request: async () => ({ params: { secret: await freshFeedSecret() } }) },
  // A draft event's meetings are the organisers' only: 404 to a producer or buyer (calendar.test.ts).
  'GET /api/me/agenda': {
    nobody: 401,
    official: 403,
    producer: 200,
    buyer: 200,
    organiser: 403,
    request: () => ({ query: { eventId: r.fairId } }),
  },
  'GET /api/sessions/{sessionId}/suggestions/buyers': [
    {
      nobody: 401,
      official: 403,
      producer: { owner: 200, other: 403 },
      buyer: 403,
      organiser: 200,
      request: () => ({ params: { sessionId: r.sessionId }, query: { producerId: r.producerId } }),
    },
    {
      name: 'draft event',
      nobody: 401,
      official: 403,
      producer: { owner: 404, other: 403 },
      buyer: 403,
      organiser: 200,
      request: () => ({ params: { sessionId: r.draftSessionId }, query: { producerId: r.producerId } }),
    },
  ],
  'GET /api/sessions/{sessionId}/suggestions/producers': [
    {
      nobody: 401,
      official: 403,
      producer: 403,
      buyer: { owner: 200, other: 403 },
      organiser: 200,
      request: () => ({ params: { sessionId: r.sessionId }, query: { buyerId: r.buyerId } }),
    },
    {
      name: 'draft event',
      nobody: 401,
      official: 403,
      producer: 403,
      buyer: { owner: 404, other: 403 },
      organiser: 200,
      request: () => ({ params: { sessionId: r.draftSessionId }, query: { buyerId: r.buyerId } }),
    },
  ],

  'GET /api/provinces': { ...SIGNED_IN_READ, request: () => ({}) },
  'GET /api/producers': {
    ...SIGNED_IN_READ,
    request: () => ({ query: { pageSize: 200 } }),
    // Lists never carry contacts, for anyone (phones and emails: a household business is often
    // named after the contact person).
    secret: {
      values: () => [...r.producerContacts.slice(1), ...r.otherProducersContacts],
      hiddenFrom: ['nobody', 'official', 'producer', 'buyer', 'organiser'],
    },
  },
  'POST /api/producers': {
    ...ORGANISERS_ONLY,
    request: () => ({ body: { name: unique('HTX'), legalType: 'cooperative', provinceId: 'dak-lak' } }),
  },
  'GET /api/producers/{producerId}': {
    ...SIGNED_IN_READ,
    producer: { owner: 200, other: 200 },
    request: () => ({}),
    // Personal contacts: organisers, officials, buyers and the producer itself (SPEC rule 7).
    secret: { values: () => r.producerContacts, hiddenFrom: ['producer.other'], absentKeys: CONTACT_KEYS },
  },
  'PATCH /api/producers/{producerId}': {
    nobody: 401,
    official: 403,
    producer: { owner: 200, other: 403 },
    buyer: 403,
    organiser: 200,
    request: () => ({ body: { locality: r.locality } }),
  },
  'POST /api/producers/{producerId}/products': {
    nobody: 401,
    official: 403,
    producer: { owner: 201, other: 403 },
    buyer: 403,
    organiser: 201,
    request: () => ({ body: { name: unique('Cà phê'), category: 'coffee' } }),
  },
  'GET /api/products': {
    ...SIGNED_IN_READ,
    request: () => ({ query: { pageSize: 200 } }),
    secret: {
      values: () => [...r.producerContacts.slice(1), ...r.otherProducersContacts],
      hiddenFrom: ['nobody', 'official', 'producer', 'buyer', 'organiser'],
    },
  },
  'PATCH /api/products/{productId}': {
    nobody: 401,
    official: 403,
    producer: { owner: 200, other: 403 },
    buyer: 403,
    organiser: 200,
    request: () => ({ body: { description: 'Rang mộc, đóng gói tại Ea Tu.' } }),
  },
  'DELETE /api/products/{productId}': {
    nobody: 401,
    official: 403,
    producer: { owner: 204, other: 403 },
    buyer: 403,
    organiser: 204,
    destructive: true,
    request: async () => ({ params: { productId: await freshProduct() } }),
  },

  'GET /api/buyers': { ...SIGNED_IN_READ, request: () => ({ query: { pageSize: 200 } }) },
  'POST /api/buyers': {
    ...ORGANISERS_ONLY,
    request: () => ({ body: { name: unique('Siêu thị'), orgType: 'supermarket_chain', provinceId: 'dak-lak' } }),
  },
  'GET /api/buyers/{buyerId}': {
    ...SIGNED_IN_READ,
    buyer: { owner: 200, other: 200 },
    request: () => ({}),
    // Representatives' names and emails: the organisers and the buyer's own people.
    secret: { values: () => r.representatives, hiddenFrom: ['nobody', 'official', 'producer', 'buyer.other'] },
  },
  'PATCH /api/buyers/{buyerId}': {
    nobody: 401,
    official: 403,
    producer: 403,
    buyer: { owner: 200, other: 403 },
    organiser: 200,
    request: () => ({ body: { volumes: r.volumes } }),
  },

  'POST /api/imports/{kind}/preview': {
    ...ORGANISERS_ONLY,
    organiser: 200,
    request: () => ({ params: { kind: 'buyers' }, file: buyerSheet() }),
  },
  'POST /api/imports/{kind}/commit': {
    ...ORGANISERS_ONLY,
    organiser: 200,
    request: () => ({ params: { kind: 'buyers' }, file: buyerSheet() }),
  },
  'GET /api/events/{eventId}/agenda': { ...SIGNED_IN_READ, request: () => ({ params: { eventId: r.conferenceId } }) },
  'POST /api/events/{eventId}/agenda': {
    ...ORGANISERS_ONLY,
    request: () => ({
      params: { eventId: r.conferenceId },
      body: {
        kind: 'showcase',
        title: unique('Trưng bày sản phẩm'),
        startsAt: '2030-09-10T10:00:00+07:00',
        endsAt: '2030-09-10T11:00:00+07:00',
        provinceId: 'dak-lak',
      },
    }),
  },
  'PATCH /api/agenda-items/{itemId}': {
    ...ORGANISER_CHANGE,
    request: async (caller) => ({ params: { itemId: await freshAgendaItem(caller) }, body: { place: 'Hội trường B' } }),
  },
  'DELETE /api/agenda-items/{itemId}': {
    ...ORGANISERS_ONLY,
    organiser: 204,
    request: async (caller) => ({ params: { itemId: await freshAgendaItem(caller) } }),
  },
  // Members' phones and e-mails: for organisers and officials only.
  'GET /api/events/{eventId}/delegations': {
    ...SIGNED_IN_READ,
    request: () => ({ params: { eventId: r.conferenceId } }),
    secret: { values: () => r.delegationContacts, hiddenFrom: ['producer', 'buyer'] },
  },
  'PUT /api/events/{eventId}/delegations/{provinceId}': {
    ...ORGANISER_CHANGE,
    request: () => ({
      params: { eventId: r.conferenceId, provinceId: 'dak-lak' },
      body: {
        leaderName: 'Trưởng đoàn Đắk Lắk',
        members: [{ name: 'Thành viên', phone: r.delegationContacts[0], email: r.delegationContacts[1] }],
        producerIds: [r.producerId],
      },
    }),
  },
  'GET /api/events/{eventId}/agreements': {
    ...SIGNED_IN_READ,
    ...READ_BY_ALL_PARTIES,
    request: () => ({ params: { eventId: r.conferenceId } }),
    secret: agreementSecret,
  },
  'POST /api/events/{eventId}/agreements': {
    ...ORGANISERS_ONLY,
    producer: { owner: 201, other: 403 },
    buyer: { owner: 201, other: 403 },
    request: () => ({
      params: { eventId: r.conferenceId },
      body: {
        kind: 'contract',
        title: unique('Hợp đồng'),
        partyA: { kind: 'producer', id: r.producerId },
        partyB: { kind: 'buyer', id: r.buyerId },
        valueVnd: 1_200_000_000,
      },
    }),
  },
  'GET /api/agreements/{agreementId}': {
    ...SIGNED_IN_READ,
    ...READ_BY_ALL_PARTIES,
    request: () => ({ params: { agreementId: r.agreementId } }),
    secret: agreementSecret,
  },
  'PATCH /api/agreements/{agreementId}': {
    ...ORGANISER_CHANGE,
    ...AGREEMENT_PARTIES,
    request: async () => ({ params: { agreementId: await freshAgreement() }, body: { title: unique('Hợp đồng sửa') } }),
  },
  'POST /api/agreements/{agreementId}/confirm': {
    ...ORGANISER_CHANGE,
    ...AGREEMENT_PARTIES,
    // An organiser names the side; a party confirms its own.
    request: async (caller) => ({
      params: { agreementId: await freshAgreement() },
      body: caller === 'organiser' ? { side: 'a', version: 1 } : { version: 1 },
    }),
  },
  'POST /api/agreements/{agreementId}/withdraw': {
    ...ORGANISER_CHANGE,
    ...AGREEMENT_PARTIES,
    request: async () => ({ params: { agreementId: await freshAgreement() } }),
  },
  'GET /api/events/{eventId}/exports/agreements': {
    ...ORGANISERS_ONLY,
    official: 200,
    organiser: 200,
    request: () => ({ params: { eventId: r.conferenceId }, query: { format: 'csv' } }),
    secret: { values: () => [String(AGREEMENT_VALUE)], hiddenFrom: [] },
  },
  'GET /api/events/{eventId}/exports/delegations': {
    ...ORGANISERS_ONLY,
    official: 200,
    organiser: 200,
    request: () => ({ params: { eventId: r.conferenceId }, query: { format: 'csv' } }),
    secret: { values: () => r.delegationContacts, hiddenFrom: [] },
  },

  'GET /api/exports/{kind}': {
    nobody: 401,
    official: 200,
    producer: 403,
    buyer: 403,
    organiser: 200,
    request: () => ({ params: { kind: 'producers' }, query: { format: 'csv' } }),
    // The spreadsheet holds every producer's contacts: for staff only.
    secret: { values: () => r.producerContacts, hiddenFrom: [] },
  },

  'GET /api/users': { ...ORGANISERS_ONLY, organiser: 200, request: () => ({}) },
  'PATCH /api/users/{userId}': {
    ...ORGANISERS_ONLY,
    organiser: 200,
    destructive: true,
    request: async () => ({ params: { userId: await freshUser() }, body: { active: false } }),
  },
  'POST /api/invitations': {
    ...ORGANISERS_ONLY,
    request: () => ({
      body: {
        email: `${unique('khach').replace(/\W+/g, '.')}@example.vn`,
        name: 'Đại diện mới',
        role: 'buyer',
        organisationId: r.buyerId,
      },
    }),
  },
  'GET /api/invitations/{token}': { ...EVERYONE(200), request: () => ({ params: { token: r.invitationToken } }) },
  'POST /api/invitations/{token}/accept': {
    ...EVERYONE(201),
    destructive: true,
    request: async () => ({ params: { token: await freshInvitation() }, body: { password: 'mat-khau-ma-tran-2' } }),
  },
};

interface Operation {
  key: string;
  method: string;
  path: string;
  access: 'public' | 'signed-in' | Role[];
}
let operations: Operation[] = [];

beforeAll(async () => {
  t = await startTestServer();
  for (const [caller, email] of Object.entries(EMAIL)) cookieOf[caller as Caller] = await t.signIn(email);
  const doc = await t.http.get('/api/openapi.json');
  operations = Object.entries(doc.body.paths as Record<string, Record<string, { 'x-access': Operation['access'] }>>).flatMap(
    ([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        access: op['x-access'],
      })),
  );

  const me = async (caller: Caller) =>
    (await t.http.get('/api/auth/me').set('Cookie', cookieOf[caller]!)).body.user.organisationId as string;
  r.producerId = await me('producer');
  r.buyerId = await me('buyer');
  const producer = (await t.http.get(`/api/producers/${r.producerId}`).set('Cookie', cookieOf.organiser!)).body;
  r.productId = producer.products[0].id;
  r.locality = producer.locality;
  r.producerContacts = [producer.contactName, producer.phone, producer.email];
  const others = await t.database.db.prisma.producer.findMany({ where: { id: { not: r.producerId } }, take: 20 });
  r.otherProducersContacts = others.flatMap((p) => [p.phone, p.email]).filter((v) => v.length >= 8);
  const buyer = (await t.http.get(`/api/buyers/${r.buyerId}`).set('Cookie', cookieOf.organiser!)).body;
  r.volumes = buyer.volumes;
  r.representatives = buyer.representatives.flatMap((p: { name: string; email: string }) => [p.name, p.email]);
  const events = (await t.http.get('/api/events').set('Cookie', cookieOf.organiser!)).body.items;
  const fair = events.find((e: { kind: string; status: string }) => e.kind === 'fair' && e.status !== 'draft');
  const draft = events.find((e: { status: string }) => e.status === 'draft');
  r.fairId = fair.id;
  r.venue = fair.venue;
  r.draftId = draft.id;
  r.draftName = draft.name;
  r.invitationToken = await freshInvitation();
  const prisma = t.database.db.prisma;
  r.sessionId = (await prisma.matchmakingSession.findFirstOrThrow({ where: { eventId: r.fairId }, select: { id: true } })).id;
  r.otherBuyerId = (await prisma.user.findUniqueOrThrow({ where: { email: OTHER_BUYER }, select: { buyerId: true } })).buyerId!;
  const conference = await asOrganiser('post', '/api/events').send({
    kind: 'conference',
    name: unique('Hội nghị kết nối'),
    venue: 'Buôn Ma Thuột',
    startsAt: '2030-09-10T07:30:00+07:00',
    endsAt: '2030-09-10T17:00:00+07:00',
    hostProvinceId: 'dak-lak',
    partnerProvinceIds: ['ho-chi-minh'],
  });
  expect(conference.status, JSON.stringify(conference.body)).toBe(201);
  r.conferenceId = conference.body.id;
  await prisma.event.update({ where: { id: r.conferenceId }, data: { status: 'published' } });
  r.delegationContacts = ['0988 765 432', `doan.${runId}@example.vn`];
  const delegation = await asOrganiser('put', `/api/events/${r.conferenceId}/delegations/dak-lak`).send({
    leaderName: 'Trưởng đoàn Đắk Lắk',
    members: [{ name: 'Thành viên', phone: r.delegationContacts[0], email: r.delegationContacts[1] }],
  });
  expect(delegation.status, JSON.stringify(delegation.body)).toBe(200);
  r.agreementId = await freshAgreement(AGREEMENT_VALUE);
  r.draftSessionId = (
    await prisma.matchmakingSession.create({
      data: {
        eventId: r.draftId,
        name: 'Phiên của hội chợ nháp',
        startsAt: new Date('2027-04-23T01:00:00Z'),
        endsAt: new Date('2027-04-23T03:00:00Z'),
        slotMinutes: 20,
        tableCount: 5,
      },
      select: { id: true },
    })
  ).id;
  // Guards of the checks themselves: each secret is something to look for.
  expect(r.producerContacts.every((v) => typeof v === 'string' && v.length >= 5)).toBe(true);
  expect(r.representatives.length).toBeGreaterThan(0);
});
afterAll(async () => {
  // For the issue's closing note: how big the matrix is and what it costs.
  process.stdout.write(
    `[authorization matrix] ${Object.keys(MATRIX).length} routes; ${tally.matrix} calls as the table says, ` +
      `${tally.garbage} garbage refusals, ${calls} requests in all (with the records made for them); ` +
      `the table's calls took ${tally.ms} ms\n`,
  );
  await t.close();
});

const casesOf = (key: string): Case[] => {
  const row = MATRIX[key]!;
  return Array.isArray(row) ? row : [row];
};

/** Each caller of a case with its expected status: the role, or its owner and another one. */
function callsOf(c: Case): [Caller, number][] {
  const split = (role: 'producer' | 'buyer', expected: Expected): [Caller, number][] =>
    typeof expected === 'number'
      ? [[role, expected]]
      : [
          [role, expected.owner],
          [`${role}.other`, expected.other],
        ];
  return [
    ['nobody', c.nobody],
    ['official', c.official],
    ...split('producer', c.producer),
    ...split('buyer', c.buyer),
    ['organiser', c.organiser],
  ];
}

const roleOf = (caller: Caller) => caller.split('.')[0] as 'nobody' | Role;

function concrete(path: string, params: Record<string, string> = {}): string {
  const usual: Record<string, string> = {
    producerId: r.producerId,
    buyerId: r.buyerId,
    productId: r.productId,
    eventId: r.fairId,
  };
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name] ?? usual[name];
    if (value === undefined) throw new Error(`${path}: the row's request gives no value for {${name}}`);
    return encodeURIComponent(value);
  });
}

async function send(method: string, path: string, caller: Caller, c: Case) {
  const req = await c.request(caller);
  let call = http(method, concrete(path, req.params));
  const cookie = req.cookie === undefined ? cookieOf[caller as Exclude<Caller, 'nobody'>] : req.cookie;
  if (cookie) call = call.set('Cookie', cookie);
  if (req.query) call = call.query(req.query);
  if (req.file) return call.set('Content-Type', req.file.type).send(Buffer.from(req.file.data, 'utf8'));
  return req.body ? call.send(req.body) : call;
}

const CODE_OF: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

/** What is wrong with one answer: its status, its error code, and the secrets it shows or hides. */
function problemsOf(c: Case, caller: Caller, expected: number, res: { status: number; text: string; body: unknown }): string[] {
  if (res.status !== expected) return [`→ ${res.status}, expected ${expected}: ${res.text.slice(0, 200)}`];
  const problems: string[] = [];
  const code = CODE_OF[expected];
  if (code && (res.body as { error?: { code?: string } }).error?.code !== code) problems.push(`error code is not ${code}`);
  if (c.secret && expected < 300) {
    const hidden = c.secret.hiddenFrom.includes(caller);
    for (const value of c.secret.values()) {
      if (hidden && res.text.includes(value)) problems.push(`shows ${JSON.stringify(value)}, which is not for it`);
      if (!hidden && !res.text.includes(value)) problems.push(`misses ${JSON.stringify(value)}, which it may see`);
    }
    for (const key of hidden ? (c.secret.absentKeys ?? []) : []) {
      if (res.body && typeof res.body === 'object' && key in res.body) problems.push(`has the key ${key}, which must be absent`);
    }
  }
  return problems;
}

describe('the authorization matrix', () => {
  it('has a row for every route of the OpenAPI document, and none for a route it lacks', () => {
    const documented = new Set(operations.map((o) => o.key));
    const missing = [...documented].filter((key) => !(key in MATRIX));
    const stale = Object.keys(MATRIX).filter((key) => !documented.has(key));
    expect(
      missing.map((key) => `${key} has no row in the authorization matrix (test/integration/authorization-matrix.test.ts)`),
    ).toEqual([]);
    expect(stale.map((key) => `${key} is in the authorization matrix but not in the OpenAPI document`)).toEqual([]);
    expect(operations.length).toBeGreaterThan(25);
  });

  it("agrees with every route's declared x-access: 401 to nobody unless public, 403 to every role it does not name", () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => o.key in MATRIX)) {
      for (const c of casesOf(op.key)) {
        const where = `${op.key}${c.name ? ` (${c.name})` : ''}`;
        for (const [caller, status] of callsOf(c)) {
          const role = roleOf(caller);
          if (role === 'nobody') {
            if (op.access === 'public' ? status === 401 : status !== 401) wrong.push(`${where}: nobody ${status}`);
          } else if (Array.isArray(op.access) && !op.access.includes(role) && status !== 403) {
            wrong.push(`${where}: ${caller} ${status}, but x-access is ${op.access.join(', ')}`);
          } else if ((!Array.isArray(op.access) || op.access.includes(role)) && status === 401) {
            wrong.push(`${where}: ${caller} 401 although signed in`);
          }
        }
        if (!callsOf(c).some(([, status]) => status < 300)) wrong.push(`${where}: nobody may call it`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers every route, called validly by each caller, as the table says, hiding what is private', async () => {
    const started = Date.now();
    // Destructive calls (sign-outs, deactivations, deletions, used invitations) come last.
    const keys = Object.keys(MATRIX).sort(
      (a, b) => Number(casesOf(a).some((c) => c.destructive)) - Number(casesOf(b).some((c) => c.destructive)),
    );
    const wrong: string[] = [];
    for (const key of keys) {
      const op = operations.find((o) => o.key === key);
      if (!op) continue;
      for (const c of casesOf(key)) {
        for (const [caller, expected] of callsOf(c)) {
          const res = await send(op.method, op.path, caller, c);
          tally.matrix += 1;
          for (const problem of problemsOf(c, caller, expected, res))
            wrong.push(`${key}${c.name ? ` (${c.name})` : ''} as ${caller}: ${problem}`);
        }
      }
    }
    tally.ms = Date.now() - started;
    expect(wrong).toEqual([]);
  });

  it('refuses those the declared access refuses before it reads the input (a garbage request gets the same 401 or 403)', async () => {
    const wrong: string[] = [];
    const garbage = (path: string) =>
      path.replace(/\{kind\}/, 'producers').replace(/\{\w+\}/g, 'no-such-id-1234567890abcdefghij');
    for (const op of operations) {
      const refused: [Caller, number][] = [];
      if (op.access !== 'public') refused.push(['nobody', 401]);
      if (Array.isArray(op.access)) {
        for (const role of ['official', 'producer', 'buyer', 'organiser'] as const)
          if (!op.access.includes(role)) refused.push([role, 403]);
      }
      for (const [caller, status] of refused) {
        let call = http(op.method, garbage(op.path));
        if (caller !== 'nobody') call = call.set('Cookie', cookieOf[caller]!);
        const res = await call.send({ unexpected: { deeply: ['nested'] } });
        tally.garbage += 1;
        if (res.status !== status || res.body.error?.code !== CODE_OF[status])
          wrong.push(`${op.key} as ${caller} → ${res.status} ${res.body.error?.code}, expected ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
