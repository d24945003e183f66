// Matchmaking suggestions on a directory of 1,000 producers and 100 buyers made up with a seeded
// PRNG (categories, stars, certificate expiry, provinces, regions): every answer is checked pair
// by pair against the database (a buyer's minimum stars never violated, expired certificates
// never counted, fitting buyers above the others, meetings already booked left out, free slots
// right), plus who may ask (403 for another producer or buyer, 404 for a hidden event's session).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { Db } from '../../server/db/database.ts';
import type { AuthUser } from '../../server/modules/auth/auth.service.ts';
import { createSuggestionsService } from '../../server/modules/matchmaking/suggestions.service.ts';
import { seededRandom } from '../../server/seeded-random.ts';

const DAY = 86_400_000;
let clock = Date.parse('2026-11-20T02:00:00Z');
let t: TestServer;
const prisma = () => t.database.db.prisma;
const cookie: Record<string, string> = {};
let sessionId = '';
let draftSessionId = '';
let slotIds: string[] = [];
let ownProducerId = '';
let ownBuyerId = '';

// Seeded: the same directory on every run and every database.
const rnd = seededRandom(20261120);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const some = <T>(xs: readonly T[], min: number, max: number): T[] => {
  const n = min + Math.floor(rnd() * (max - min + 1));
  return [...xs].sort(() => rnd() - 0.5).slice(0, n);
};

const CATEGORIES = ['coffee', 'pepper', 'honey', 'rice', 'durian', 'cashew', 'herbal', 'handicraft'] as const;
const REGIONS = ['Toàn quốc', 'Tây Nguyên', 'Đông Nam Bộ', 'Đồng bằng sông Cửu Long', 'EU', 'Nhật Bản', 'Hà Nội', 'Đắk Lắk'];
const N_PRODUCERS = 1000;
const N_BUYERS = 100;

interface ProductRow {
  producerId: string;
  category: string;
  stars: number | null;
  certExpiresAt: Date | null;
}
interface BuyerRow {
  id: string;
  categories: string[];
  minStars: number | null;
}

// ---------------------------------------------------------------- the oracle: straight from the rows

/** Stars that count: only from a certificate that has not expired (independent of the server's helper). */
const validStars = (p: ProductRow, now: number) =>
  p.stars !== null && p.certExpiresAt !== null && p.certExpiresAt.getTime() > now ? p.stars : null;

interface Directory {
  productsOf: Map<string, ProductRow[]>;
  buyers: Map<string, BuyerRow>;
  nameFolded: Map<string, string>;
}
async function readDirectory(): Promise<Directory> {
  const [products, buyers, producers, buyerNames] = await Promise.all([
    prisma().product.findMany({ select: { producerId: true, category: true, stars: true, certExpiresAt: true } }),
    prisma().buyer.findMany({ select: { id: true, categories: true, minStars: true } }),
    prisma().producer.findMany({ select: { id: true, nameFolded: true } }),
    prisma().buyer.findMany({ select: { id: true, nameFolded: true } }),
  ]);
  const productsOf = new Map<string, ProductRow[]>();
  for (const p of products) productsOf.set(p.producerId, [...(productsOf.get(p.producerId) ?? []), p]);
  return {
    productsOf,
    buyers: new Map(
      buyers.map((b) => [b.id, { id: b.id, categories: JSON.parse(b.categories) as string[], minStars: b.minStars }]),
    ),
    nameFolded: new Map([...producers, ...buyerNames].map((r) => [r.id, r.nameFolded])),
  };
}
/** The producer reaches the buyer's minimum stars with some product (any category). */
function reachesMin(d: Directory, b: BuyerRow, producerId: string, now = clock): boolean {
  if (b.minStars === null) return true;
  return (d.productsOf.get(producerId) ?? []).some((p) => (validStars(p, now) ?? 0) >= b.minStars!);
}
/** A product in the buyer's categories reaching its minimum. */
function fitsPair(d: Directory, b: BuyerRow, producerId: string, now = clock): boolean {
  return (d.productsOf.get(producerId) ?? []).some(
    (p) =>
      (b.categories.length === 0 || b.categories.includes(p.category)) &&
      (b.minStars === null || (validStars(p, now) ?? 0) >= b.minStars),
  );
}
interface Standing {
  pairs: Set<string>;
  producerSlots: Map<string, Set<string>>;
  buyerSeats: Map<string, Map<string, number>>;
  sessionBuyers: Map<string, { representatives: number; blocked: Set<string> }>;
}
async function readStanding(): Promise<Standing> {
  const [meetings, sbs] = await Promise.all([
    prisma().meeting.findMany({
      where: { sessionId, activeSlotId: { not: null } },
      select: { activeSlotId: true, producerId: true, buyerId: true },
    }),
    prisma().sessionBuyer.findMany({
      where: { sessionId },
      select: { buyerId: true, representatives: true, blockedSlotIds: true },
    }),
  ]);
  const s: Standing = { pairs: new Set(), producerSlots: new Map(), buyerSeats: new Map(), sessionBuyers: new Map() };
  for (const m of meetings) {
    s.pairs.add(`${m.producerId}|${m.buyerId}`);
    s.producerSlots.set(m.producerId, new Set([...(s.producerSlots.get(m.producerId) ?? []), m.activeSlotId!]));
    const seats = s.buyerSeats.get(m.buyerId) ?? new Map<string, number>();
    seats.set(m.activeSlotId!, (seats.get(m.activeSlotId!) ?? 0) + 1);
    s.buyerSeats.set(m.buyerId, seats);
  }
  for (const sb of sbs)
    s.sessionBuyers.set(sb.buyerId, {
      representatives: sb.representatives,
      blocked: new Set(JSON.parse(sb.blockedSlotIds) as string[]),
    });
  return s;
}
function expectedFreeSlots(s: Standing, producerId: string, buyerId: string): string[] {
  const sb = s.sessionBuyers.get(buyerId);
  if (!sb) return [];
  return slotIds.filter(
    (slot) =>
      !sb.blocked.has(slot) &&
      !s.producerSlots.get(producerId)?.has(slot) &&
      (s.buyerSeats.get(buyerId)?.get(slot) ?? 0) < sb.representatives,
  );
}

// ---------------------------------------------------------------- HTTP

interface Reason {
  code: string;
  params?: Record<string, string | number>;
}
interface SuggestedBuyer {
  buyer: { id: string; name: string; orgType: string; province: string };
  score: number;
  fits: boolean;
  reasons: Reason[];
  freeSlotIds: string[];
}
interface SuggestedProducer {
  producer: { id: string; name: string; legalType: string; province: string };
  score: number;
  fits: boolean;
  reasons: Reason[];
  freeSlotIds: string[];
}
const get = (path: string, who: string | null) => {
  const req = t.http.get(path);
  return who ? req.set('Cookie', cookie[who]!) : req;
};
async function buyersFor(producerId: string, who = ORGANISER, session = sessionId): Promise<SuggestedBuyer[]> {
  const res = await get(`/api/sessions/${session}/suggestions/buyers?producerId=${producerId}`, who);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}
async function producersPage(buyerId: string, page = 1, limit = 100, who = ORGANISER) {
  const res = await get(`/api/sessions/${sessionId}/suggestions/producers?buyerId=${buyerId}&page=${page}&limit=${limit}`, who);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: SuggestedProducer[]; total: number; page: number; pageSize: number };
}
async function allProducersFor(buyerId: string): Promise<SuggestedProducer[]> {
  const out: SuggestedProducer[] = [];
  for (let page = 1; ; page++) {
    const p = await producersPage(buyerId, page);
    out.push(...p.items);
    if (p.items.length < 100) return out;
  }
}
function expectRanked(d: Directory, rows: { id: string; fits: boolean; score: number }[]) {
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    const inOrder =
      (a.fits && !b.fits) ||
      (a.fits === b.fits && (a.score > b.score || (a.score === b.score && d.nameFolded.get(a.id)! <= d.nameFolded.get(b.id)!)));
    expect(inOrder, `${a.id} (${a.fits}, ${a.score}) before ${b.id} (${b.fits}, ${b.score})`).toBe(true);
  }
}

// ---------------------------------------------------------------- the directory

const timings: string[] = [];
beforeAll(async () => {
  t = await startTestServer({}, { now: () => new Date(clock) });
  for (const email of [ORGANISER, OFFICIAL, PRODUCER, BUYER, 'hokd.matong@demo.ocop.vn', 'vinmart@demo.ocop.vn'])
    cookie[email] = await t.signIn(email);
  ownProducerId = (await get('/api/auth/me', PRODUCER)).body.user.organisationId;
  ownBuyerId = (await get('/api/auth/me', BUYER)).body.user.organisationId;
  const provinces = (await prisma().administrativeUnit.findMany({ where: { level: 'province' }, select: { id: true } })).map(
    (p) => p.id,
  );

  const started = Date.now();
  const producers = Array.from({ length: N_PRODUCERS }, (_, i) => {
    const name = `Sg HTX ${String(i).padStart(4, '0')} ${pick(['Cà phê', 'Mật ong', 'Nông sản', 'Đặc sản'])}`;
    return {
      id: `sgp${String(i).padStart(4, '0')}`,
      name,
      nameFolded: name
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, ''),
      legalType: pick(['enterprise', 'cooperative', 'cooperative_group', 'household']),
      provinceId: rnd() < 0.3 ? 'dak-lak' : pick(provinces),
    };
  });
  await prisma().producer.createMany({ data: producers });
  const products = producers.flatMap((p, i) =>
    Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, j) => {
      const stars = pick([null, 3, 4, 5, 5]);
      // a third of the rated certificates have expired: their stars must never count
      const certExpiresAt =
        stars === null ? null : new Date(clock + (rnd() < 0.33 ? -1 : 1) * (1 + Math.floor(rnd() * 700)) * DAY);
      return {
        producerId: p.id,
        name: `Sản phẩm ${i}-${j}`,
        nameFolded: `san pham ${i}-${j}`,
        category: pick(CATEGORIES),
        stars,
        certExpiresAt,
        capacityPerMonth: pick([null, '500 kg', '2 tấn', '10 tấn', '3.000 hộp']),
      };
    }),
  );
  await prisma().product.createMany({ data: products });
  const buyers = Array.from({ length: N_BUYERS }, (_, i) => {
    const name = `Sg Người mua ${String(i).padStart(3, '0')}`;
    return {
      id: `sgb${String(i).padStart(3, '0')}`,
      name,
      nameFolded: name
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, ''),
      nameKey: `sgnguoimua${i}`,
      orgType: pick(['supermarket_chain', 'distributor', 'exporter', 'ecommerce', 'horeca']),
      provinceId: pick(provinces),
      categories: JSON.stringify(rnd() < 0.05 ? [] : some(CATEGORIES, 1, 3)),
      minStars: pick([null, 3, 4, 4, 5]),
      regions: JSON.stringify(some(REGIONS, 0, 2)),
      volumes: pick(['', '1 tấn/tháng', '5 tấn/tháng mỗi mã', 'theo đơn hàng']),
    };
  });
  await prisma().buyer.createMany({ data: buyers });

  // A fair: there, the fit alone ranks (a conference also puts other provinces' first and
  // leaves the producer's own province out: test/integration/conferences.test.ts).
  const event = await prisma().event.create({
    data: {
      kind: 'fair',
      name: 'Kết nối giao thương thử',
      venue: 'Buôn Ma Thuột',
      hostProvinceId: 'dak-lak',
      startsAt: new Date(clock + 10 * DAY),
      endsAt: new Date(clock + 11 * DAY),
      status: 'published',
    },
  });
  const draft = await prisma().event.create({
    data: {
      kind: 'fair',
      name: 'Bản nháp',
      venue: 'x',
      hostProvinceId: 'dak-lak',
      startsAt: new Date(clock + 20 * DAY),
      endsAt: new Date(clock + 21 * DAY),
    },
  });
  const slotsOf = (start: number) =>
    Array.from({ length: 8 }, (_, position) => ({
      position,
      startsAt: new Date(start + position * 30 * 60_000),
      endsAt: new Date(start + (position + 1) * 30 * 60_000),
    }));
  const session = await prisma().matchmakingSession.create({
    data: {
      eventId: event.id,
      name: 'B2B',
      startsAt: new Date(clock + 10 * DAY),
      endsAt: new Date(clock + 10 * DAY + 4 * 3_600_000),
      slotMinutes: 30,
      tableCount: 20,
      slots: { create: slotsOf(clock + 10 * DAY) },
    },
    select: { id: true, slots: { select: { id: true }, orderBy: { position: 'asc' } } },
  });
  sessionId = session.id;
  slotIds = session.slots.map((s) => s.id);
  const draftSession = await prisma().matchmakingSession.create({
    data: {
      eventId: draft.id,
      name: 'B2B nháp',
      startsAt: new Date(clock + 20 * DAY),
      endsAt: new Date(clock + 20 * DAY + 4 * 3_600_000),
      slotMinutes: 30,
      tableCount: 5,
      slots: { create: slotsOf(clock + 20 * DAY) },
    },
  });
  draftSessionId = draftSession.id;
  const sessionBuyers = [...buyers.map((b) => b.id), ownBuyerId].map((buyerId) => ({
    sessionId,
    buyerId,
    representatives: rnd() < 0.3 ? 2 : 1,
    blockedSlotIds: JSON.stringify(some(slotIds, 0, 2)),
  }));
  await prisma().sessionBuyer.createMany({ data: sessionBuyers });
  await prisma().sessionBuyer.createMany({ data: [{ sessionId: draftSession.id, buyerId: buyers[0]!.id }] });

  // Meetings already standing (and one cancelled, which leaves the pair free), within every rule.
  const meetings: {
    eventId: string;
    sessionId: string;
    slotId: string;
    producerId: string;
    buyerId: string;
    tableNumber: number;
    buyerSeat: number;
    activeSlotId: string | null;
    status: string;
  }[] = [];
  const busy = new Set<string>();
  for (let k = 0; k < 400; k++) {
    const slotId = pick(slotIds);
    const producerId = pick(producers.slice(0, 200)).id;
    const sb = pick(sessionBuyers);
    const inSlot = meetings.filter((m) => m.slotId === slotId);
    const seats = inSlot.filter((m) => m.buyerId === sb.buyerId).length;
    if (busy.has(`${slotId}|${producerId}`) || seats >= sb.representatives || inSlot.length >= 20) continue;
    if (meetings.some((m) => m.producerId === producerId && m.buyerId === sb.buyerId)) continue;
    busy.add(`${slotId}|${producerId}`);
    meetings.push({
      eventId: event.id,
      sessionId,
      slotId,
      producerId,
      buyerId: sb.buyerId,
      tableNumber: inSlot.length + 1,
      buyerSeat: seats + 1,
      activeSlotId: slotId,
      status: 'booked',
    });
  }
  meetings[0] = { ...meetings[0]!, activeSlotId: null, status: 'cancelled' };
  await prisma().meeting.createMany({ data: meetings });
  timings.push(
    `directory of ${N_PRODUCERS} producers (${products.length} products), ${N_BUYERS} buyers, ${meetings.length} meetings made in ${Date.now() - started} ms`,
  );
}, 120_000);
afterAll(async () => {
  process.stdout.write(`[suggestions] ${timings.join('\n[suggestions] ')}\n`);
  await t.close();
});

// ---------------------------------------------------------------- behaviour

describe('buyers suggested to a producer', () => {
  it('never lists a buyer whose minimum stars the producer does not reach, lists every other one not already met, fitting ones first', async () => {
    const d = await readDirectory();
    const s = await readStanding();
    // the producers with meetings (the first 200) and a spread of the others
    const sample = Array.from({ length: 60 }, (_, i) => `sgp${String(i * 16 + (i % 3)).padStart(4, '0')}`);
    let checkedPairs = 0;
    let fitting = 0;
    let notFitting = 0;
    /** pairs left out because the producer reaches the buyer's minimum stars with no valid certificate */
    let belowMin = 0;
    const started = Date.now();
    for (const producerId of sample) {
      const items = await buyersFor(producerId);
      const expected = [...s.sessionBuyers.keys()].filter(
        (buyerId) => reachesMin(d, d.buyers.get(buyerId)!, producerId) && !s.pairs.has(`${producerId}|${buyerId}`),
      );
      expect(items.map((i) => i.buyer.id).sort()).toEqual(expected.sort());
      belowMin += [...s.sessionBuyers.keys()].filter((buyerId) => !reachesMin(d, d.buyers.get(buyerId)!, producerId)).length;
      for (const item of items) {
        const b = d.buyers.get(item.buyer.id)!;
        expect(reachesMin(d, b, producerId), `${item.buyer.id} min ${b.minStars} for ${producerId}`).toBe(true);
        expect(item.fits, `${item.buyer.id} fits ${producerId}`).toBe(fitsPair(d, b, producerId));
        expect(item.freeSlotIds).toEqual(expectedFreeSlots(s, producerId, item.buyer.id));
        if (item.fits) fitting++;
        else notFitting++;
        checkedPairs++;
      }
      expectRanked(
        d,
        items.map((i) => ({ id: i.buyer.id, fits: i.fits, score: i.score })),
      );
    }
    timings.push(
      `${checkedPairs} buyer suggestions checked (${fitting} fitting, ${notFitting} not), ${belowMin} left out below the minimum stars`,
    );
    timings.push(
      `buyers for ${sample.length} producers: ${Date.now() - started} ms (${((Date.now() - started) / sample.length).toFixed(1)} ms each)`,
    );
    expect(checkedPairs).toBeGreaterThan(1000);
    expect(fitting).toBeGreaterThan(100);
    expect(notFitting).toBeGreaterThan(100);
    expect(belowMin).toBeGreaterThan(100);
  }, 120_000);

  it('ranks a fitting buyer above one that does not fit, with the reasons', async () => {
    const p = await prisma().producer.create({
      data: {
        name: 'Sg Cà phê Ea Tam',
        nameFolded: 'sg ca phe ea tam',
        legalType: 'cooperative',
        provinceId: 'dak-lak',
        products: {
          create: [
            {
              name: 'Cà phê Ea Tam',
              nameFolded: 'ca phe ea tam',
              category: 'coffee',
              stars: 4,
              certExpiresAt: new Date(clock + 300 * DAY),
              capacityPerMonth: '3 tấn',
            },
          ],
        },
      },
    });
    const mk = (name: string, categories: string[], minStars: number | null, regions: string[]) =>
      prisma().buyer.create({
        data: {
          name,
          nameFolded: name.toLowerCase(),
          nameKey: name.replace(/\W/g, '').toLowerCase(),
          orgType: 'distributor',
          provinceId: 'ha-noi',
          categories: JSON.stringify(categories),
          minStars,
          regions: JSON.stringify(regions),
          volumes: '2 tấn/tháng',
          sessions: { create: { sessionId } },
        },
      });
    // "a…" sorts first by name: only its fit can put the other one above it
    const handicraft = await mk('a Thủ công mỹ nghệ', ['handicraft'], null, ['Đắk Lắk']);
    const coffee = await mk('z Cà phê xuất khẩu', ['coffee', 'pepper'], 3, ['Tây Nguyên']);
    const items = await buyersFor(p.id);
    const at = (id: string) => items.findIndex((i) => i.buyer.id === id);
    expect(at(coffee.id)).toBeGreaterThanOrEqual(0);
    expect(at(handicraft.id)).toBeGreaterThan(at(coffee.id));
    const fit = items[at(coffee.id)]!;
    expect(fit.fits).toBe(true);
    expect(fit.reasons).toEqual([
      { code: 'category', params: { category: 'coffee' } },
      { code: 'min_stars_met', params: { minStars: 3, stars: 4 } },
      { code: 'region', params: { region: 'Tây Nguyên', match: 'area' } },
      { code: 'volume', params: { wanted: '2 tấn/tháng', capacity: '3 tấn' } },
    ]);
    expect(fit.freeSlotIds).toEqual(slotIds);
    const other = items[at(handicraft.id)]!;
    expect(other.fits).toBe(false);
    expect(other.reasons.map((r) => r.code)).toEqual(['no_shared_category', 'region']);
    expect(other.score).toBeLessThan(fit.score);
    expect(items.filter((i) => i.fits).every((i) => at(i.buyer.id) < at(handicraft.id))).toBe(true);

    // and from the buyer's side: the producer is among the fitting ones, with its reasons
    const all = await allProducersFor(coffee.id);
    const seen = all.find((i) => i.producer.id === p.id);
    expect(seen).toMatchObject({ fits: true, score: fit.score, reasons: fit.reasons, freeSlotIds: slotIds });
    expect((await allProducersFor(handicraft.id)).some((i) => i.producer.id === p.id)).toBe(false);
  });

  it('leaves out a buyer already meeting the producer in this session, and the slots either side has taken', async () => {
    const s = await readStanding();
    const [first] = [...s.pairs].map((pair) => pair.split('|') as [string, string]);
    const [producerId, buyerId] = first!;
    const items = await buyersFor(producerId);
    expect(items.some((i) => i.buyer.id === buyerId)).toBe(false);
    const page = await allProducersFor(buyerId);
    expect(page.some((i) => i.producer.id === producerId)).toBe(false);
    for (const item of items) for (const slot of s.producerSlots.get(producerId)!) expect(item.freeSlotIds).not.toContain(slot);
  });
});

describe('free slots in suggestions', () => {
  it('offer producers and buyers no slot that has started (organisers, who may book one on the day, still see it)', async () => {
    const { producerId } = await prisma().user.findUniqueOrThrow({ where: { email: PRODUCER }, select: { producerId: true } });
    // The first two slots moved to the past (the clock is not moved: sessions would end).
    const moved = await prisma().slot.findMany({ where: { id: { in: slotIds.slice(0, 2) } } });
    try {
      for (const [i, slot] of moved.entries())
        await prisma().slot.update({
          where: { id: slot.id },
          data: { startsAt: new Date(clock - (2 - i) * 30 * 60_000), endsAt: new Date(clock - (1 - i) * 30 * 60_000 + 1) },
        });
      const own = await buyersFor(producerId!, PRODUCER);
      expect(own.length).toBeGreaterThan(0);
      for (const item of own) expect(item.freeSlotIds.filter((id) => id === slotIds[0] || id === slotIds[1])).toEqual([]);
      expect(own.some((i) => i.freeSlotIds.includes(slotIds[2]!))).toBe(true);
      const staff = await buyersFor(producerId!, ORGANISER);
      expect(staff.some((i) => i.freeSlotIds.includes(slotIds[0]!))).toBe(true);
    } finally {
      for (const slot of moved)
        await prisma().slot.update({ where: { id: slot.id }, data: { startsAt: slot.startsAt, endsAt: slot.endsAt } });
    }
  });
});

describe('producers suggested to a buyer', () => {
  it('lists exactly the producers that fit, never below the minimum stars, ranked, a page at a time', async () => {
    const d = await readDirectory();
    const s = await readStanding();
    const buyers = [...d.buyers.values()].filter((b) => b.id.startsWith('sgb'));
    let checkedPairs = 0;
    let started = Date.now();
    for (const b of buyers) {
      const page = await producersPage(b.id);
      const expected = [...d.productsOf.keys()].filter((p) => fitsPair(d, b, p) && !s.pairs.has(`${p}|${b.id}`));
      expect(page.total, b.id).toBe(expected.length);
      expect(page.items.length).toBe(Math.min(100, expected.length));
      for (const item of page.items) {
        expect(fitsPair(d, b, item.producer.id), `${item.producer.id} for ${b.id} (min ${b.minStars})`).toBe(true);
        expect(reachesMin(d, b, item.producer.id)).toBe(true);
        expect(item.fits).toBe(true);
        expect(item.freeSlotIds).toEqual(expectedFreeSlots(s, item.producer.id, b.id));
        checkedPairs++;
      }
      expectRanked(
        d,
        page.items.map((i) => ({ id: i.producer.id, fits: i.fits, score: i.score })),
      );
    }
    timings.push(
      `producers (first page of 100, ${checkedPairs} pairs checked) for ${buyers.length} buyers: ${Date.now() - started} ms (${((Date.now() - started) / buyers.length).toFixed(1)} ms each)`,
    );
    expect(checkedPairs).toBeGreaterThan(3000);

    // every page of a few buyers: together exactly the fitting producers, in one order
    started = Date.now();
    for (const b of buyers.slice(0, 5)) {
      const all = await allProducersFor(b.id);
      const expected = [...d.productsOf.keys()].filter((p) => fitsPair(d, b, p) && !s.pairs.has(`${p}|${b.id}`));
      expect(all.map((i) => i.producer.id).sort()).toEqual(expected.sort());
      expectRanked(
        d,
        all.map((i) => ({ id: i.producer.id, fits: i.fits, score: i.score })),
      );
    }
    timings.push(`every page for 5 buyers: ${Date.now() - started} ms`);
  }, 120_000);

  it('pages 20 by default and refuses a page of more than 100', async () => {
    const b = 'sgb001';
    const first = await producersPage(b, 1, 20);
    const res = await get(`/api/sessions/${sessionId}/suggestions/producers?buyerId=${b}`, ORGANISER);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: first.total });
    expect(res.body.items).toEqual(first.items);
    const second = await producersPage(b, 2, 20);
    const both = await producersPage(b, 1, 40);
    expect([...first.items, ...second.items]).toEqual(both.items);
    const tooMany = await get(`/api/sessions/${sessionId}/suggestions/producers?buyerId=${b}&limit=101`, ORGANISER);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields[0]).toMatchObject({ path: 'limit', code: 'too_big' });
  });
});

describe('cost', () => {
  it('answers with a fixed handful of database calls whatever the directory’s size (no call per buyer or producer)', async () => {
    let calls = 0;
    const counting = prisma().$extends({
      query: {
        $allOperations({ args, query }) {
          calls++;
          return query(args);
        },
      },
    }) as unknown as Db;
    const service = createSuggestionsService({ ...t.services.matchmakingDeps, prisma: counting });
    const organiser = {
      role: 'organiser',
      id: 'x',
      email: ORGANISER,
      name: 'x',
      producerId: null,
      buyerId: null,
    } satisfies AuthUser;
    const perCall: number[] = [];
    for (const producerId of ['sgp0001', 'sgp0500', ownProducerId]) {
      calls = 0;
      const items = await service.buyersFor(organiser, sessionId, producerId);
      expect(items.length).toBeGreaterThan(10);
      perCall.push(calls);
    }
    for (const buyerId of ['sgb001', 'sgb050', ownBuyerId]) {
      calls = 0;
      const page = await service.producersFor(organiser, sessionId, { buyerId, page: 1, limit: 100 });
      expect(page.total).toBeGreaterThan(10);
      perCall.push(calls);
    }
    timings.push(`database calls per answer (model operations): ${perCall.join(', ')}`);
    for (const n of perCall) expect(n).toBeLessThanOrEqual(6);
  });
});

describe('certificates', () => {
  it('never counts an expired certificate: the producer appears when it is renewed and goes when it runs out', async () => {
    const p = await prisma().producer.create({
      data: {
        name: 'Sg Mật ong hết hạn',
        nameFolded: 'sg mat ong het han',
        legalType: 'household',
        provinceId: 'dak-lak',
        products: {
          create: [
            // its only high-star product: expired yesterday
            {
              name: 'Mật ong 5 sao',
              nameFolded: 'mat ong 5 sao',
              category: 'honey',
              stars: 5,
              certExpiresAt: new Date(clock - DAY),
            },
            {
              name: 'Mật ong 3 sao',
              nameFolded: 'mat ong 3 sao',
              category: 'honey',
              stars: 3,
              certExpiresAt: new Date(clock + 300 * DAY),
            },
          ],
        },
      },
      include: { products: true },
    });
    const buyer = await prisma().buyer.create({
      data: {
        name: 'Sg Chuỗi mật ong 4 sao',
        nameFolded: 'sg chuoi mat ong 4 sao',
        nameKey: 'sgchuoimatong4sao',
        orgType: 'supermarket_chain',
        provinceId: 'ho-chi-minh',
        categories: JSON.stringify(['honey']),
        minStars: 4,
        sessions: { create: { sessionId } },
      },
    });
    const fiveStar = p.products.find((x) => x.stars === 5)!;
    const listedFor = async () => (await allProducersFor(buyer.id)).some((i) => i.producer.id === p.id);
    const suggestedTo = async () => (await buyersFor(p.id)).find((i) => i.buyer.id === buyer.id);

    expect(await listedFor()).toBe(false);
    expect(await suggestedTo()).toBeUndefined();

    // renewed: the certificate counts again
    await prisma().product.update({ where: { id: fiveStar.id }, data: { certExpiresAt: new Date(clock + 2 * 3_600_000) } });
    expect(await listedFor()).toBe(true);
    expect(await suggestedTo()).toMatchObject({
      fits: true,
      reasons: expect.arrayContaining([{ code: 'min_stars_met', params: { minStars: 4, stars: 5 } }]),
    });

    // the clock passes its end: gone again, with nothing else changed
    clock += 3 * 3_600_000;
    expect(await listedFor()).toBe(false);
    expect(await suggestedTo()).toBeUndefined();
  });
});

describe('who may ask', () => {
  const buyersPath = (q = '', session = () => sessionId) => `/api/sessions/${session()}/suggestions/buyers${q}`;
  const producersPath = (q = '', session = () => sessionId) => `/api/sessions/${session()}/suggestions/producers${q}`;

  it('a producer reads its own buyers (with or without its id), never another producer’s', async () => {
    const own = await get(buyersPath(), PRODUCER);
    expect(own.status).toBe(200);
    expect((await get(buyersPath(`?producerId=${ownProducerId}`), PRODUCER)).body).toEqual(own.body);
    const other = await get(buyersPath('?producerId=sgp0001'), PRODUCER);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    expect((await get(producersPath(), PRODUCER)).status).toBe(403);
  });

  it('a buyer reads its own producers, never another buyer’s, and not the buyers list', async () => {
    const own = await get(producersPath(), BUYER);
    expect(own.status).toBe(200);
    expect(own.body.total).toBeGreaterThan(0);
    expect((await get(producersPath(`?buyerId=${ownBuyerId}`), BUYER)).body).toEqual(own.body);
    expect((await get(producersPath('?buyerId=sgb001'), BUYER)).status).toBe(403);
    expect((await get(buyersPath(`?producerId=${ownProducerId}`), BUYER)).status).toBe(403);
  });

  it('organisers name the producer or buyer (400 without) and read both; officials read neither (who meets whom shows in them)', async () => {
    expect((await get(buyersPath('?producerId=sgp0001'), OFFICIAL)).status).toBe(403);
    expect((await get(producersPath('?buyerId=sgb001'), OFFICIAL)).status).toBe(403);
    for (const who of [ORGANISER]) {
      const missing = await get(buyersPath(), who);
      expect(missing.status).toBe(400);
      expect(missing.body.error.fields).toEqual([expect.objectContaining({ path: 'producerId', code: 'required' })]);
      const missingBuyer = await get(producersPath(), who);
      expect(missingBuyer.status).toBe(400);
      expect(missingBuyer.body.error.fields).toEqual([expect.objectContaining({ path: 'buyerId', code: 'required' })]);
      expect((await get(buyersPath('?producerId=sgp0001'), who)).status).toBe(200);
      expect((await get(producersPath('?buyerId=sgb001'), who)).status).toBe(200);
      expect((await get(buyersPath('?producerId=nobody-such'), who)).status).toBe(404);
      expect((await get(producersPath('?buyerId=nobody-such'), who)).status).toBe(404);
    }
  });

  it('is described in the OpenAPI document, with who may call and what it takes', async () => {
    const doc = (await get('/api/openapi.json', null)).body as {
      paths: Record<string, { get?: { 'x-access'?: unknown; parameters?: { name: string; in: string }[] } }>;
    };
    const buyers = doc.paths['/api/sessions/{sessionId}/suggestions/buyers']?.get;
    const producers = doc.paths['/api/sessions/{sessionId}/suggestions/producers']?.get;
    expect(buyers?.['x-access']).toEqual(['producer', 'organiser']);
    expect(producers?.['x-access']).toEqual(['buyer', 'organiser']);
    expect(buyers?.parameters?.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(['producerId']);
    expect(producers?.parameters?.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(['buyerId', 'page', 'limit']);
  });

  it('answers 404 for a session of an event the caller cannot see, or no session, and 401 to nobody', async () => {
    const draft = () => draftSessionId;
    expect((await get(buyersPath('', draft), PRODUCER)).status).toBe(404);
    expect((await get(producersPath('', draft), BUYER)).status).toBe(404);
    expect((await get(buyersPath('?producerId=sgp0001', draft), ORGANISER)).status).toBe(200);
    expect(
      (
        await get(
          buyersPath('', () => 'no-such-session'),
          PRODUCER,
        )
      ).status,
    ).toBe(404);
    expect((await get(producersPath('?buyerId=sgb001'), null)).status).toBe(401);
    expect((await get(buyersPath('?producerId=sgp0001'), null)).status).toBe(401);
  });
});
