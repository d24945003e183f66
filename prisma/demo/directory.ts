// The demo's directory: ~120 producers of all four legal types with their products (OCOP
// certificates of 3 to 5 stars, a few lapsed, GTINs, capacities and prices), and the 20 buyers.
// Built in memory first (deterministic: one seeded generator in a fixed order), then written
// with batched inserts.
import type { Prisma } from '../../server/db/database.ts';
import { foldForSearch } from '../../server/modules/directory/fold.ts';
import { buyerSearchText, producerSearchText, productSearchText } from '../../server/modules/directory/search-text.ts';
import { buyerNameKey } from '../../server/modules/directory/keys.ts';
import { certificateExpiry } from '../../server/modules/directory/certificate.ts';
import { seededRandom } from '../../server/seeded-random.ts';
import { administrativeUnitRows, slugOf } from './reference.ts';
import { BUYERS, PRODUCER_GROUPS, PRODUCT_TEMPLATES, type Category } from './data.ts';

type Tx = Prisma.TransactionClient;

export const pick = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length) % items.length]!;

/** EAN-13 from its first 12 digits: weights 1, 3, 1, 3, … from the left. */
export function ean13(first12: string): string {
  const sum = [...first12].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return first12 + String((10 - (sum % 10)) % 10);
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

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

export interface ProducerSeed {
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

/** Every demo producer with its products, in the order of data.ts. */
export function buildProducers(): ProducerSeed[] {
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

export interface DemoDirectory {
  /** The id of a producer by its name (throws for a name the demo does not have). */
  producerId(name: string): string;
  buyers: { id: string; name: string }[];
}

/** Writes the producers, their products and the buyers. */
export async function seedDirectory(tx: Tx, producers: ProducerSeed[]): Promise<DemoDirectory> {
  const createdProducers = await tx.producer.createManyAndReturn({
    data: producers.map((p) => p.data),
    select: { id: true, name: true },
  });
  const ids = new Map(createdProducers.map((p) => [p.name, p.id]));
  const producerId = (name: string) => {
    const id = ids.get(name);
    if (!id) throw new Error(`no producer named ${name}`);
    return id;
  };
  await tx.product.createMany({
    data: producers.flatMap((p) => p.products.map((product) => ({ ...product, producerId: producerId(p.data.name) }))),
  });
  const buyers = await tx.buyer.createManyAndReturn({
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
  return { producerId, buyers };
}
