// How well a producer fits a buyer, decided from data alone (no database, no clock but the one
// given), so the same rules rank buyers for a producer and producers for a buyer.
//
// - Categories and stars decide whether they fit: a product of the producer in one of the
//   buyer's categories (any, when the buyer names none) whose stars count today and reach the
//   buyer's minimum. Stars count only from a valid certificate (countingStars: an expired one's
//   stars never count).
// - A producer with no product at all whose stars reach the buyer's minimum is not eligible: it
//   is never listed for that buyer, neither as fitting nor as not fitting.
// - Regions, stars above the minimum, more shared categories and volumes only rank: a buyer's
//   regions are often its markets (export buyers name countries), so they cannot exclude anyone.
//   Volumes are the buyer's free text: when both it and a product's monthly capacity read as a
//   quantity of the same kind (tonnes/kg, or litres), a capacity that covers it adds a little.
import type { FitReason } from '../../contracts/suggestions.ts';
import { countingStars } from '../directory/certificate.ts';
import { foldForSearch } from '../directory/fold.ts';

export interface FitProduct {
  category: string;
  stars: number | null;
  certExpiresAt: Date | null;
  capacityPerMonth: string | null;
}
export interface FitProducer {
  /** the producer's province and the provinces it replaced in 2025, by name */
  provinceNames: readonly string[];
  products: readonly FitProduct[];
}
export interface FitBuyer {
  categories: readonly string[];
  minStars: number | null;
  regions: readonly string[];
  volumes: string;
}
export interface Fit {
  /** false: the producer reaches the buyer's minimum stars with no product; never list the pair */
  eligible: boolean;
  fits: boolean;
  score: number;
  reasons: FitReason[];
}

export const SCORE = {
  /** every fitting pair starts here; a pair that does not fit stays below it */
  fits: 50,
  /** each further shared category with a product that qualifies, up to two */
  extraCategory: 5,
  /** per star of the best qualifying product above two (3 stars: 5, 5 stars: 15) */
  star: 5,
  region: { province: 20, area: 15, nationwide: 10 },
  volume: 5,
} as const;

export function fitOf(buyer: FitBuyer, producer: FitProducer, now: Date): Fit {
  const rated = producer.products.map((p) => ({ product: p, stars: countingStars(p.stars, p.certExpiresAt, now) }));
  const meetsMin = (stars: number | null) => buyer.minStars === null || (stars !== null && stars >= buyer.minStars);
  const eligible = rated.some((r) => meetsMin(r.stars));
  if (!eligible) return { eligible, fits: false, score: 0, reasons: [] };

  const anyCategory = buyer.categories.length === 0;
  const wanted = new Set(buyer.categories);
  const inCategory = rated.filter((r) => anyCategory || wanted.has(r.product.category));
  const qualifying = inCategory.filter((r) => meetsMin(r.stars));
  const region = regionFit(buyer.regions, producer.provinceNames);
  const reasons: FitReason[] = [];
  let score = 0;

  if (qualifying.length === 0) {
    if (inCategory.length === 0) reasons.push({ code: 'no_shared_category' });
    for (const category of sorted(new Set(inCategory.map((r) => r.product.category))))
      reasons.push({ code: 'stars_below_min', params: { category, minStars: buyer.minStars ?? 0 } });
  } else {
    score += SCORE.fits;
    const categories = sorted(new Set(qualifying.map((r) => r.product.category)));
    if (anyCategory) reasons.push({ code: 'category_any' });
    else for (const category of categories) reasons.push({ code: 'category', params: { category } });
    score += Math.min(categories.length - 1, 2) * SCORE.extraCategory;
    const best = Math.max(0, ...qualifying.map((r) => r.stars ?? 0));
    if (best > 0) {
      score += (best - 2) * SCORE.star;
      reasons.push(
        buyer.minStars !== null
          ? { code: 'min_stars_met', params: { minStars: buyer.minStars, stars: best } }
          : { code: 'stars', params: { stars: best } },
      );
    }
  }
  if (region) {
    score += SCORE.region[region.match];
    reasons.push({ code: 'region', params: { region: region.region, match: region.match } });
  }
  if (qualifying.length > 0) {
    const volume = volumeFit(
      buyer.volumes,
      qualifying.map((r) => r.product.capacityPerMonth),
    );
    if (volume) {
      score += SCORE.volume;
      reasons.push({ code: 'volume', params: volume });
    }
  }
  return { eligible, fits: qualifying.length > 0, score, reasons };
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Ranking: fitting first, then score, then name (folded), then id, so every answer is stable. */
export function compareRanked(
  a: { fits: boolean; score: number; sortName: string; id: string; crossProvince?: boolean },
  b: { fits: boolean; score: number; sortName: string; id: string; crossProvince?: boolean },
): number {
  if (a.fits !== b.fits) return a.fits ? -1 : 1;
  // At a conference, pairs of two provinces before pairs of one.
  if (Boolean(a.crossProvince) !== Boolean(b.crossProvince)) return a.crossProvince ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  if (a.sortName !== b.sortName) return a.sortName < b.sortName ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ---------------------------------------------------------------- regions

/** A region name as compared: folded, punctuation and "TP.", "tỉnh", "vùng" … dropped. */
export function regionKey(text: string): string {
  return foldForSearch(text)
    .replace(/[.,;:()\-–—/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(tp|thanh pho|tinh|vung|khu vuc|city of|province of)\s+/, '')
    .trim();
}

const NATIONWIDE = new Set(['toan quoc', 'ca nuoc', 'viet nam', 'vietnam', 'nationwide', 'national', 'all vietnam']);

// The six socio-economic regions, by the provinces they held before July 2025 (a merged
// province of today is in every region one of its former provinces was in: this is a ranking
// signal, not a rule).
const NORTH_MOUNTAINS = ['Hà Giang', 'Cao Bằng', 'Bắc Kạn', 'Lạng Sơn', 'Tuyên Quang', 'Thái Nguyên', 'Phú Thọ', 'Bắc Giang', 'Lào Cai', 'Yên Bái', 'Điện Biên', 'Lai Châu', 'Sơn La', 'Hòa Bình']; // prettier-ignore
const RED_RIVER = ['Hà Nội', 'Hải Phòng', 'Quảng Ninh', 'Vĩnh Phúc', 'Bắc Ninh', 'Hải Dương', 'Hưng Yên', 'Thái Bình', 'Hà Nam', 'Nam Định', 'Ninh Bình']; // prettier-ignore
const NORTH_CENTRAL = ['Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Quảng Bình', 'Quảng Trị', 'Thừa Thiên Huế'];
const SOUTH_CENTRAL = ['Đà Nẵng', 'Quảng Nam', 'Quảng Ngãi', 'Bình Định', 'Phú Yên', 'Khánh Hòa', 'Ninh Thuận', 'Bình Thuận']; // prettier-ignore
const HIGHLANDS = ['Kon Tum', 'Gia Lai', 'Đắk Lắk', 'Đắk Nông', 'Lâm Đồng'];
const SOUTH_EAST = ['Hồ Chí Minh', 'Bình Dương', 'Đồng Nai', 'Bà Rịa - Vũng Tàu', 'Tây Ninh', 'Bình Phước'];
const MEKONG = ['Long An', 'Tiền Giang', 'Bến Tre', 'Trà Vinh', 'Vĩnh Long', 'Đồng Tháp', 'An Giang', 'Kiên Giang', 'Cần Thơ', 'Hậu Giang', 'Sóc Trăng', 'Bạc Liêu', 'Cà Mau']; // prettier-ignore

const AREA_LIST: [names: string[], provinces: string[]][] = [
  [['Trung du và miền núi phía Bắc', 'Trung du miền núi phía Bắc', 'Tây Bắc', 'Đông Bắc', 'Northern midlands and mountains'], NORTH_MOUNTAINS], // prettier-ignore
  [['Đồng bằng sông Hồng', 'Red River Delta'], RED_RIVER],
  [
    ['Miền Bắc', 'Bắc Bộ', 'Northern Vietnam', 'North'],
    [...NORTH_MOUNTAINS, ...RED_RIVER],
  ],
  [['Bắc Trung Bộ', 'North Central', 'North Central Coast'], NORTH_CENTRAL],
  [['Duyên hải Nam Trung Bộ', 'Nam Trung Bộ', 'South Central Coast'], SOUTH_CENTRAL],
  [['Bắc Trung Bộ và Duyên hải miền Trung', 'Duyên hải miền Trung', 'Miền Trung', 'Trung Bộ', 'Central Vietnam', 'Central Coast'], [...NORTH_CENTRAL, ...SOUTH_CENTRAL]], // prettier-ignore
  [['Tây Nguyên', 'Central Highlands'], HIGHLANDS],
  [['Đông Nam Bộ', 'Southeast', 'South East'], SOUTH_EAST],
  [['Đồng bằng sông Cửu Long', 'Miền Tây', 'Tây Nam Bộ', 'Mekong Delta'], MEKONG],
  [
    ['Miền Nam', 'Nam Bộ', 'Southern Vietnam', 'South'],
    [...SOUTH_EAST, ...MEKONG],
  ],
];
const AREAS = new Map<string, Set<string>>();
for (const [names, provinces] of AREA_LIST)
  for (const name of names) AREAS.set(regionKey(name), new Set(provinces.map(regionKey)));

export type RegionMatch = 'province' | 'area' | 'nationwide';

/** The best of the buyer's regions for a producer's province (by its names): its own province beats an area beats nationwide. */
export function regionFit(
  regions: readonly string[],
  provinceNames: readonly string[],
): { region: string; match: RegionMatch } | null {
  const provinces = new Set(provinceNames.map(regionKey));
  let best: { region: string; match: RegionMatch } | null = null;
  const rank = { province: 3, area: 2, nationwide: 1 } as const;
  for (const region of regions) {
    const key = regionKey(region);
    const match: RegionMatch | null = provinces.has(key)
      ? 'province'
      : [...(AREAS.get(key) ?? [])].some((p) => provinces.has(p))
        ? 'area'
        : NATIONWIDE.has(key)
          ? 'nationwide'
          : null;
    if (match && (!best || rank[match] > rank[best.match])) best = { region, match };
  }
  return best;
}

// ---------------------------------------------------------------- volumes

type Quantity = { amount: number; kind: 'mass' | 'volume' };

const UNITS: Record<string, [factor: number, kind: Quantity['kind']]> = {
  tan: [1000, 'mass'],
  t: [1000, 'mass'],
  ton: [1000, 'mass'],
  tons: [1000, 'mass'],
  tonne: [1000, 'mass'],
  tonnes: [1000, 'mass'],
  ta: [100, 'mass'],
  kg: [1, 'mass'],
  lit: [1, 'volume'],
  l: [1, 'volume'],
  litre: [1, 'volume'],
  litres: [1, 'volume'],
  liter: [1, 'volume'],
  liters: [1, 'volume'],
};
const PER: Record<string, number> = { thang: 1, month: 1, nam: 1 / 12, year: 1 / 12, tuan: 52 / 12, week: 52 / 12 };

function numberOf(text: string): number {
  // Vietnamese writing: "28.000" is twenty-eight thousand, "1,5" one and a half.
  if (/^\d{1,3}(\.\d{3})+$/.test(text)) return Number(text.replace(/\./g, ''));
  if (/^\d{1,3}(,\d{3})+$/.test(text)) return Number(text.replace(/,/g, ''));
  return Number(text.replace(',', '.'));
}

/** "2 tấn/tháng mỗi mã" → 2000 kg a month; "300 lít" → 300 l a month; anything else → null. */
export function monthlyQuantity(text: string | null): Quantity | null {
  if (!text) return null;
  const m = /(\d+(?:[.,]\d+)*)\s*([a-z]+)\b(?:\s*(?:\/|mỗi|moi|a|per|each|một|mot)\s*(thang|month|nam|year|tuan|week)\b)?/.exec(
    foldForSearch(text),
  );
  if (!m) return null;
  const unit = UNITS[m[2]!];
  const amount = numberOf(m[1]!);
  if (!unit || !Number.isFinite(amount) || amount <= 0) return null;
  return { amount: amount * unit[0] * (m[3] ? PER[m[3]]! : 1), kind: unit[1] };
}

/** The buyer's stated volume and the first capacity that covers it, when both can be read. */
export function volumeFit(volumes: string, capacities: readonly (string | null)[]): { wanted: string; capacity: string } | null {
  const wanted = monthlyQuantity(volumes);
  if (!wanted) return null;
  for (const capacity of capacities) {
    const has = monthlyQuantity(capacity);
    if (has && has.kind === wanted.kind && has.amount >= wanted.amount)
      return { wanted: volumes.trim(), capacity: capacity!.trim() };
  }
  return null;
}
