// The demo: the Đắk Lắk story (a Tây Nguyên OCOP fair, an Đắk Lắk – Sóc Trăng conference, a
// 2027 fair in draft, ~120 producers, 20 buyers). Loaded only into an empty database, in one
// transaction, deterministically (a seeded PRNG, never Math.random), with batched inserts.
import type { Db, Prisma } from '../../server/db/database.ts';
import { foldForSearch } from '../../server/modules/directory/fold.ts';
import { administrativeUnitRows, loadAdministrativeUnits, slugOf } from './reference.ts';
import { buyerSearchText, producerSearchText, productSearchText } from '../../server/modules/directory/search-text.ts';
import { buyerNameKey } from '../../server/modules/directory/keys.ts';
import { certificateExpiry } from '../../server/modules/directory/certificate.ts';
import { seedBoothsDemo } from './booths.ts';
import { slotTimes } from '../../server/modules/matchmaking/slots.ts';
import { seededRandom } from '../../server/seeded-random.ts';
import {
  BUYERS,
  DRAFT_ZONES,
  FAIR_BLOCKED,
  FAIR_ZONES,
  PRODUCER_GROUPS,
  PRODUCER_LOGINS,
  PRODUCT_TEMPLATES,
  type Category,
  type ZoneSpec,
} from './data.ts';

type Tx = Prisma.TransactionClient;
type Role = 'organiser' | 'producer' | 'buyer' | 'official';

export const DEMO_PASSWORD = 'ocop-demo-2026';

/** The sign-ins the README lists. */
export const DEMO_ACCOUNTS: { email: string; role: Role; name: string }[] = [
  { email: 'bantochuc@demo.ocop.vn', role: 'organiser', name: 'Ban tổ chức Hội chợ OCOP Đắk Lắk' },
  { email: 'canbo@demo.ocop.vn', role: 'official', name: 'Sở Nông nghiệp và Môi trường Đắk Lắk' },
  { email: 'htx.caphe@demo.ocop.vn', role: 'producer', name: 'HTX Cà phê Chất lượng cao Ea Tul' },
  { email: 'bigc@demo.ocop.vn', role: 'buyer', name: 'Nguyễn Thị Thu Hà (BigC / GO!)' },
  { email: 'vinmart@demo.ocop.vn', role: 'buyer', name: 'Trần Quốc Bảo (WinMart / Vinmart)' },
];

const PRICES = { standard: 3_000_000, corner: 3_500_000, premium: 6_000_000, pavilion: 12_000_000 };
const at = (iso: string) => new Date(iso);

/** Stable references the tests and the README can rely on. */
export const DEMO = {
  password: DEMO_PASSWORD,
  fair: {
    name: 'Hội chợ Nông nghiệp và sản phẩm OCOP khu vực Tây Nguyên 2026',
    venue: 'Quảng trường 10/3, phường Buôn Ma Thuột, Đắk Lắk',
    startsAt: at('2026-12-10T08:00:00+07:00'),
    endsAt: at('2026-12-14T21:00:00+07:00'),
    zones: FAIR_ZONES.map((z) => z.name),
    boothCount: FAIR_ZONES.reduce((n, z) => n + zoneBoothCount(z), 0),
    blockedCodes: FAIR_BLOCKED,
    session: {
      name: 'Phiên kết nối cung cầu với hệ thống phân phối',
      startsAt: at('2026-12-11T08:00:00+07:00'),
      endsAt: at('2026-12-11T11:30:00+07:00'),
      breaks: [[at('2026-12-11T09:40:00+07:00'), at('2026-12-11T10:10:00+07:00')]] as [Date, Date][],
      slotMinutes: 20,
      tableCount: 20,
      maxMeetingsPerProducer: 4,
    },
  },
  conference: {
    name: 'Hội nghị kết nối giao thương, tiêu thụ sản phẩm OCOP Đắk Lắk – Sóc Trăng',
    venue: 'Trung tâm Hội nghị tỉnh Đắk Lắk, phường Buôn Ma Thuột',
    startsAt: at('2026-12-18T07:30:00+07:00'),
    endsAt: at('2026-12-18T17:00:00+07:00'),
    partnerProvinceId: 'can-tho',
    session: {
      name: 'Phiên kết nối B2B Đắk Lắk – Sóc Trăng',
      startsAt: at('2026-12-18T13:30:00+07:00'),
      endsAt: at('2026-12-18T16:30:00+07:00'),
      breaks: [] as [Date, Date][],
      slotMinutes: 15,
      tableCount: 12,
      maxMeetingsPerProducer: 3,
    },
  },
  draft: {
    name: 'Hội chợ OCOP và đặc sản vùng biển Đắk Lắk 2027',
    venue: 'Quảng trường Nghinh Phong, phường Tuy Hòa, Đắk Lắk',
    startsAt: at('2027-04-22T08:00:00+07:00'),
    endsAt: at('2027-04-26T21:00:00+07:00'),
    boothCount: DRAFT_ZONES.reduce((n, z) => n + zoneBoothCount(z), 0),
  },
  producerCount: PRODUCER_GROUPS.reduce((n, g) => n + g.rows.length, 0),
  buyerCount: BUYERS.length,
  /** Producers with a sign-in; none of them has a booth or a hold in the fair, so tests can assign them. */
  producerLogins: Object.keys(PRODUCER_LOGINS),
  buyerLogins: BUYERS.map((b) => `${b[6]}@demo.ocop.vn`),
  assignedBooths: 60,
  heldBooths: 5,
};

// ---------------------------------------------------------------- deterministic helpers

const pick = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length) % items.length]!;

/** EAN-13 from its first 12 digits: weights 1, 3, 1, 3, … from the left. */
export function ean13(first12: string): string {
  const sum = [...first12].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return first12 + String((10 - (sum % 10)) % 10);
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

// ---------------------------------------------------------------- producers and products

const LEGAL: [prefix: string, type: string, factor: number, say: (n: number) => string][] = [
  ['Công ty', 'enterprise', 3, () => 'Doanh nghiệp có xưởng chế biến đạt chuẩn HACCP, đang mở rộng kênh siêu thị và xuất khẩu.'],
  ['HTX', 'cooperative', 2, (n) => `Hợp tác xã có ${n} thành viên, bao tiêu sản phẩm cho bà con trong vùng.`],
  ['Tổ hợp tác', 'cooperative_group', 1, (n) => `Tổ hợp tác gồm ${Math.ceil(n / 4)} hộ cùng canh tác theo quy trình VietGAP.`],
  [
    'Hộ kinh doanh',
    'household',
    0.5,
    () => 'Cơ sở gia đình làm theo phương pháp truyền thống, bán tại chỗ và trên các sàn thương mại điện tử.',
  ],
];
const STORY: Record<Category, string> = {
  coffee: 'Cà phê trồng và chế biến tại {p}, chỉ hái quả chín, rang mộc để giữ hương vị đặc trưng.',
  pepper: 'Hồ tiêu trồng xen trong vườn cà phê ở {p}, phơi sấy sạch, không dùng chất bảo quản.',
  durian: 'Vườn sầu riêng ở {p} chăm sóc theo hướng hữu cơ, trái thu hoạch đúng độ chín.',
  honey: 'Đàn ong nuôi ở {p}, khai thác theo mùa hoa cà phê và hoa rừng.',
  rice: 'Lúa gieo trồng trên đồng ruộng {p}, xay xát và đóng gói ngay sau thu hoạch.',
  cashew: 'Hạt điều từ các vườn điều {p}, rang thủ công và phân loại kỹ.',
  cocoa: 'Ca cao trồng dưới tán cây tại {p}, lên men và sấy đúng quy trình.',
  macadamia: 'Mắc ca trồng xen trong vườn cà phê ở {p}, sấy nứt vỏ bằng lò sấy hiện đại.',
  avocado: 'Những vườn bơ ở {p} cho trái dẻo, béo, được tuyển chọn từng trái.',
  dried_food: 'Nguyên liệu tươi của {p} được sơ chế trong ngày và sấy khô giữ màu, giữ vị.',
  processed_food: 'Sản phẩm làm theo công thức gia truyền ở {p}, từ nguyên liệu địa phương.',
  beverage: 'Đồ uống ủ theo bí quyết truyền thống ở {p}, từ nguyên liệu của bà con trong vùng.',
  herbal: 'Dược liệu trồng và thu hái tại {p}, sơ chế, sấy và đóng gói tại chỗ.',
  handicraft: 'Nghề thủ công được gìn giữ qua nhiều thế hệ ở {p}, mỗi sản phẩm đều làm bằng tay.',
  textile: 'Nghệ nhân ở {p} dệt thổ cẩm trên khung dệt truyền thống với hoa văn của đồng bào bản địa.',
};
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Huỳnh', 'Phan', 'Vũ'];
const MEN: [string[], string[]] = [
  ['Văn', 'Minh', 'Hữu', 'Đức', 'Quốc'],
  ['Hùng', 'Tuấn', 'Dũng', 'Sơn', 'Phúc', 'Long', 'Quang', 'Bình'],
];
const WOMEN: [string[], string[]] = [
  ['Thị', 'Thị Thu', 'Ngọc', 'Thị Kim', 'Thanh'],
  ['Lan', 'Hương', 'Mai', 'Hà', 'Trang', 'Nga', 'Thảo', 'Hạnh'],
];
const EDE = ['Y Khoa Niê', "H'Yâo Byă", 'Y Bhin Knul', "H'Lim Êban", 'Y Thuột Mlô', "H'Nga Ksơr", 'Y Ly Niê Kdăm', "H'Bla Mlô"];
const KHMER = ['Thạch Sô Phal', 'Lâm Thị Sa Ri', 'Sơn Thị Đa Ni', 'Kim Sóc Khanh', 'Lý Thị Sà Na'];

function personName(rnd: () => number): string {
  const [middle, given] = rnd() < 0.5 ? MEN : WOMEN;
  return `${pick(SURNAMES, rnd())} ${pick(middle, rnd())} ${pick(given, rnd())}`;
}

interface ProducerSeed {
  data: Prisma.ProducerCreateManyInput;
  main: Category;
  products: Omit<Prisma.ProductCreateManyInput, 'producerId'>[];
}

/** "2 tấn", "500 kg", "28.000 hộp": two significant digits, Vietnamese thousands separators. */
function capacityText(raw: number, unit: string): string {
  if (unit === 'tấn' && raw < 1) return `${Math.max(1, Math.round(raw * 10)) * 100} kg`;
  const step = raw >= 100 ? 10 ** (Math.floor(Math.log10(raw)) - 1) : 1;
  return `${thousands(Math.max(1, Math.round(raw / step) * step))} ${unit}`;
}

function buildProduct(rnd: () => number, code: string, brand: string, factor: number, trace: string, company: string, j: number) {
  const t = PRODUCT_TEMPLATES[code];
  if (!t) throw new Error(`unknown product template ${code}`);
  const [category, template, minVnd, maxVnd, capacity, unit] = t;
  const name = template.replace('{b}', brand);
  const r = rnd();
  const stars = r < 0.07 ? 5 : r < 0.45 ? 4 : r < 0.87 ? 3 : null;
  // 3 stars by a district or the province council (districts rated until 2024), 4 by the province, 5 centrally.
  const ratingLevel =
    stars === 5 ? 'central' : stars === 4 || (stars === 3 && rnd() < 0.5) ? 'province' : stars ? 'district' : null;
  // Certificates last 36 months: most demo decisions are recent, a few from 2023 have lapsed
  // or are about to, as at a real fair.
  const ratingYear = stars === null ? null : 2023 + Math.floor(rnd() * 4);
  const decisionMonth = ratingYear === 2026 ? 1 + Math.floor(rnd() * 10) : 1 + Math.floor(rnd() * 12);
  const certDecisionDate =
    ratingYear === null ? null : new Date(Date.UTC(ratingYear, decisionMonth - 1, 5 + Math.floor(rnd() * 20)));
  const item = String(j + 1).padStart(4, '0');
  const priceMinVnd = Math.round((minVnd * (0.9 + 0.2 * rnd())) / 1000) * 1000;
  return {
    name,
    nameFolded: foldForSearch(name),
    category,
    stars,
    ratingLevel,
    ratingYear,
    certPoints:
      stars === null
        ? null
        : stars === 5
          ? 90 + Math.floor(rnd() * 10)
          : stars === 4
            ? 70 + Math.floor(rnd() * 20)
            : 50 + Math.floor(rnd() * 20),
    certDecisionNo: stars === null ? null : `${100 + Math.floor(rnd() * 3900)}/QĐ-UBND`,
    certDecisionDate,
    certExpiresAt: certDecisionDate ? certificateExpiry(certDecisionDate) : null,
    hasTraceQr: stars !== null && rnd() < 0.7,
    labelCompliant: stars !== null && rnd() < 0.8,
    packagingReady: rnd() < 0.75,
    supplyReady: rnd() < 0.6,
    gtin: rnd() < 0.85 ? ean13(`893${company}${item}`) : null,
    traceabilityUrl: stars === null ? null : `${trace}${company}${item}`,
    capacityPerMonth: capacityText(capacity * factor * (0.6 + 0.8 * rnd()), unit),
    priceMinVnd,
    priceMaxVnd: Math.max(priceMinVnd + 5000, Math.round((maxVnd * (0.9 + 0.2 * rnd())) / 1000) * 1000),
  };
}

const provinceNames = new Map(administrativeUnitRows().map((u) => [u.id, u.name]));
function provinceName(id: string): string {
  const name = provinceNames.get(id);
  if (!name) throw new Error(`no province ${id}`);
  return name;
}

function buildProducers(): ProducerSeed[] {
  const rnd = seededRandom(2026);
  const out: ProducerSeed[] = [];
  for (const group of PRODUCER_GROUPS) {
    for (const [name, locality, brand, codes] of group.rows) {
      const i = out.length;
      const legal = LEGAL.find(([prefix]) => name.startsWith(prefix));
      if (!legal) throw new Error(`no legal type for ${name}`);
      const [, legalType, factor, say] = legal;
      const place = locality.replace(/\s*\(.*\)$/, '').replace(/^(Xã|Phường|Thị trấn|Buôn) /, (w) => w.toLowerCase());
      const contactName =
        group.area === '0262' && i % 4 === 1
          ? pick(EDE, rnd())
          : group.area === '0299' && i % 3 === 2
            ? pick(KHMER, rnd())
            : personName(rnd);
      const digits = (n: number) => String(Math.floor(rnd() * 10 ** n)).padStart(n, '0');
      const company = String(20000 + i * 73); // the GS1 company number part of its GTINs
      const products = codes.split(' ').map((code, j) => buildProduct(rnd, code, brand, factor, group.trace, company, j));
      const main = products[0]!.category as Category;
      const where = { name, locality, provinceName: provinceName(group.provinceId) };
      out.push({
        main,
        products: products.map((product) => ({ ...product, searchText: productSearchText(product.name, where) })),
        data: {
          name,
          nameFolded: foldForSearch(name),
          searchText: producerSearchText({
            name,
            locality,
            provinceName: provinceName(group.provinceId),
            productNames: products.map((p) => p.name),
          }),
          legalType,
          provinceId: group.provinceId,
          locality,
          contactName,
          phone: `${group.area} 3${digits(3)} ${digits(3)}`,
          email: `lienhe.${slugOf(brand).replace(/-/g, '')}@demo.ocop.vn`,
          story: `${STORY[main].replace('{p}', place)} ${say(15 + Math.floor(rnd() * 120))}`,
        },
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- floor plan and slots

const SIZE: Record<string, [type: keyof typeof PRICES, w: number, d: number]> = {
  c: ['corner', 3, 3],
  s: ['standard', 3, 3],
  p: ['premium', 6, 3],
  v: ['pavilion', 6, 6],
};

function zoneRows(z: ZoneSpec): string[] {
  const cells = z.cells ?? 10;
  const regular = `c${'s'.repeat(cells - 2)}c`;
  return [...(z.front ? [z.front] : []), ...Array.from({ length: z.rows }, () => regular)];
}
function zoneBoothCount(z: ZoneSpec): number {
  return zoneRows(z).reduce((n, row) => n + row.length, 0);
}

function layoutBooths(eventId: string, zones: ZoneSpec[], blocked: string[]): Prisma.BoothCreateManyInput[] {
  const booths: Prisma.BoothCreateManyInput[] = [];
  for (const z of zones) {
    let n = 0;
    let y = z.y;
    zoneRows(z).forEach((row, r) => {
      const isFront = r === 0 && z.front !== undefined;
      const k = z.front ? r - 1 : r; // index among regular rows: pairs back to back, aisles between pairs
      let x = z.x;
      let depth = 3;
      for (const ch of row) {
        const [type, widthM, depthM] = SIZE[ch]!;
        const code = `${z.letter}${String(++n).padStart(2, '0')}`;
        booths.push({
          eventId,
          code,
          zone: z.name,
          type,
          widthM,
          depthM,
          priceVnd: PRICES[type],
          x,
          y,
          blocked: blocked.includes(code),
        });
        x += widthM;
        depth = Math.max(depth, depthM);
      }
      y += depth + (isFront || k % 2 === 1 ? 3 : 0);
    });
  }
  return booths;
}

/**
 * A session with its slots; every demo buyer takes part, with one representative: the spec's
 * rule as written (a buyer has at most one meeting in a slot) holds for the demo as it stands;
 * organisers raise a chain's representatives when it sends more.
 */
async function createSession(tx: Tx, eventId: string, s: typeof DEMO.fair.session, buyers: { id: string; name: string }[]) {
  const { breaks, ...fields } = s;
  const session = await tx.matchmakingSession.create({
    data: {
      eventId,
      ...fields,
      breaks: JSON.stringify(breaks.map(([from, to]) => ({ startsAt: from.toISOString(), endsAt: to.toISOString() }))),
    },
    select: { id: true },
  });
  const slots = slotTimes(s.startsAt, s.endsAt, s.slotMinutes, breaks);
  await tx.slot.createMany({ data: slots.map((slot, position) => ({ sessionId: session.id, position, ...slot })) });
  await tx.sessionBuyer.createMany({
    data: buyers.map((b) => ({ sessionId: session.id, buyerId: b.id, representatives: 1 })),
  });
}

// ---------------------------------------------------------------- the demo

/** Loads the demo into an empty database (no event, no user); returns false and changes nothing otherwise. */
export async function seedDemo(
  prisma: Db,
  options: { passwordHash: string | (() => Promise<string>); now?: Date },
): Promise<boolean> {
  const isEmpty = async () => (await prisma.event.count()) === 0 && (await prisma.user.count()) === 0;
  if (!(await isEmpty())) return false;
  // A hash costs tens of milliseconds: computed only when the demo is really loaded.
  const passwordHash = typeof options.passwordHash === 'string' ? options.passwordHash : await options.passwordHash();
  await loadAdministrativeUnits(prisma);
  const now = options.now ?? new Date();
  const producers = buildProducers();
  try {
    await prisma.$transaction((tx) => loadDemo(tx, producers, passwordHash, now), { timeout: 60_000 });
  } catch (error) {
    if (!(await isEmpty())) return false; // another process loaded it meanwhile
    throw error;
  }
  return true;
}

async function loadDemo(tx: Tx, producers: ProducerSeed[], passwordHash: string, now: Date): Promise<void> {
  const createdProducers = await tx.producer.createManyAndReturn({
    data: producers.map((p) => p.data),
    select: { id: true, name: true },
  });
  const producerId = new Map(createdProducers.map((p) => [p.name, p.id]));
  const idOf = (name: string) => {
    const id = producerId.get(name);
    if (!id) throw new Error(`no producer named ${name}`);
    return id;
  };
  await tx.product.createMany({
    data: producers.flatMap((p) => p.products.map((product) => ({ ...product, producerId: idOf(p.data.name) }))),
  });

  const createdBuyers = await tx.buyer.createManyAndReturn({
    data: BUYERS.map(([name, orgType, provinceId, categories, minStars, regions]) => ({
      name,
      nameFolded: foldForSearch(name),
      nameKey: buyerNameKey(name),
      searchText: buyerSearchText({ name, provinceName: provinceName(provinceId), regions, orgType }),
      orgType,
      provinceId,
      categories: JSON.stringify(categories),
      minStars,
      regions: JSON.stringify(regions),
    })),
    select: { id: true, name: true },
  });
  const buyerId = new Map(createdBuyers.map((b) => [b.name, b.id]));

  const contactOf = new Map(producers.map((p) => [p.data.name, p.data.contactName ?? '']));
  await tx.user.createMany({
    data: [
      ...DEMO_ACCOUNTS.filter((a) => a.role === 'organiser' || a.role === 'official').map((a) => ({ ...a, passwordHash })),
      ...Object.entries(PRODUCER_LOGINS).map(([email, producer]) => ({
        email,
        role: 'producer',
        passwordHash,
        producerId: idOf(producer),
        name: DEMO_ACCOUNTS.find((a) => a.email === email)?.name ?? `${contactOf.get(producer)} (${producer})`,
      })),
      ...BUYERS.map(([name, , , , , , login, representative]) => ({
        email: `${login}@demo.ocop.vn`,
        role: 'buyer',
        passwordHash,
        buyerId: buyerId.get(name)!,
        name: DEMO_ACCOUNTS.find((a) => a.email === `${login}@demo.ocop.vn`)?.name ?? representative,
      })),
    ],
  });

  const { fair: f, conference: c, draft: d } = DEMO;
  const fair = await tx.event.create({
    data: {
      kind: 'fair',
      name: f.name,
      venue: f.venue,
      hostProvinceId: 'dak-lak',
      startsAt: f.startsAt,
      endsAt: f.endsAt,
      status: 'published',
    },
    select: { id: true },
  });
  const conference = await tx.event.create({
    data: {
      kind: 'conference',
      name: c.name,
      venue: c.venue,
      hostProvinceId: 'dak-lak',
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      status: 'published',
    },
    select: { id: true },
  });
  const draft = await tx.event.create({
    data: {
      kind: 'fair',
      name: d.name,
      venue: d.venue,
      hostProvinceId: 'dak-lak',
      startsAt: d.startsAt,
      endsAt: d.endsAt,
      status: 'draft',
    },
    select: { id: true },
  });
  await tx.eventPartnerProvince.createMany({ data: [{ eventId: conference.id, provinceId: c.partnerProvinceId }] });
  await createSession(tx, fair.id, f.session, createdBuyers);
  await createSession(tx, conference.id, c.session, createdBuyers);
  await tx.booth.createMany({ data: layoutBooths(draft.id, DRAFT_ZONES, []) });

  const booths = await tx.booth.createManyAndReturn({
    data: layoutBooths(fair.id, FAIR_ZONES, FAIR_BLOCKED),
    select: { id: true, code: true, type: true, blocked: true },
  });
  // Assign every other producer without a sign-in to a booth of the zone that fits it, then hold a few.
  const taken = new Set<string>();
  const free = (letter: string) =>
    booths.filter((b) => b.code.startsWith(letter) && !b.blocked && b.type !== 'pavilion' && !taken.has(b.id));
  const logins = new Set(Object.values(PRODUCER_LOGINS));
  const candidates = producers.filter((p) => !logins.has(p.data.name));
  const assignments: Prisma.BoothOccupancyCreateManyInput[] = [];
  for (const p of candidates.filter((_, i) => i % 2 === 0 || i === candidates.length - 1).slice(0, DEMO.assignedBooths)) {
    const zone =
      p.data.legalType === 'enterprise'
        ? 'E'
        : p.main === 'coffee' || p.main === 'cocoa'
          ? 'B'
          : p.data.provinceId === 'can-tho'
            ? 'D'
            : p.data.provinceId !== 'dak-lak'
              ? 'C'
              : ['dried_food', 'processed_food', 'beverage'].includes(p.main)
                ? 'D'
                : 'A';
    const booth = free(zone)[0] ?? free('A')[0]!;
    taken.add(booth.id);
    assignments.push({ eventId: fair.id, boothId: booth.id, producerId: idOf(p.data.name), kind: 'assigned' });
  }
  await tx.boothOccupancy.createMany({ data: assignments });
  // The counters the booths-per-producer limit is checked against (booths.repository.ts).
  await tx.boothTally.createMany({
    data: assignments.map((a) => ({ eventId: fair.id, key: `producer:${a.producerId}`, count: 1 })),
  });
  const holders = candidates.filter((_, i) => i % 2 === 1 && i !== candidates.length - 1).slice(0, DEMO.heldBooths);
  const holdable = free('A').reverse();
  await tx.boothOccupancy.createMany({
    data: holders.map((p, k) => ({
      boothId: holdable[k]!.id,
      eventId: fair.id,
      kind: 'held',
      producerId: idOf(p.data.name),
      expiresAt: new Date(now.getTime() + (24 + 12 * k) * 3_600_000),
    })),
  });
  await seedBoothsDemo(tx, { fairId: fair.id, now });
}
