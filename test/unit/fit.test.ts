import { describe, expect, it } from 'vitest';
import {
  SCORE,
  compareRanked,
  fitOf,
  monthlyQuantity,
  regionFit,
  volumeFit,
  type FitBuyer,
  type FitProduct,
} from '../../server/modules/matchmaking/fit.ts';

const now = new Date('2026-12-10T08:00:00+07:00');
const day = 86_400_000;
const valid = new Date(now.getTime() + 400 * day);
const expired = new Date(now.getTime() - day);
const product = (over: Partial<FitProduct>): FitProduct => ({
  category: 'coffee',
  stars: 4,
  certExpiresAt: valid,
  capacityPerMonth: null,
  ...over,
});
const buyer = (over: Partial<FitBuyer>): FitBuyer => ({
  categories: ['coffee'],
  minStars: null,
  regions: [],
  volumes: '',
  ...over,
});
const dakLak = ['Đắk Lắk', 'Phú Yên'];
const producer = (products: FitProduct[], provinceNames: string[] = dakLak) => ({ provinceNames, products });
const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

describe('fit of a producer to a buyer', () => {
  it('fits when a product in one of the buyer’s categories reaches its minimum stars, and says so', () => {
    const fit = fitOf(buyer({ minStars: 4 }), producer([product({ stars: 5 })]), now);
    expect(fit).toMatchObject({ eligible: true, fits: true });
    expect(fit.reasons).toEqual([
      { code: 'category', params: { category: 'coffee' } },
      { code: 'min_stars_met', params: { minStars: 4, stars: 5 } },
    ]);
    expect(fit.score).toBe(SCORE.fits + 3 * SCORE.star);
  });

  it('never counts the stars of an expired certificate, nor one that ends right now', () => {
    const b = buyer({ minStars: 4 });
    expect(fitOf(b, producer([product({ stars: 5, certExpiresAt: expired })]), now)).toMatchObject({
      eligible: false,
      fits: false,
    });
    expect(fitOf(b, producer([product({ stars: 5, certExpiresAt: now })]), now).eligible).toBe(false);
    expect(fitOf(b, producer([product({ stars: 5, certExpiresAt: null })]), now).eligible).toBe(false);
    // renewed: it counts again
    expect(fitOf(b, producer([product({ stars: 5, certExpiresAt: valid })]), now).fits).toBe(true);
  });

  it('does not let stars in another category meet the minimum of the buyer’s category', () => {
    const fit = fitOf(
      buyer({ minStars: 4 }),
      producer([product({ category: 'honey', stars: 5 }), product({ category: 'coffee', stars: 3 })]),
      now,
    );
    expect(fit).toMatchObject({ eligible: true, fits: false });
    expect(fit.reasons).toEqual([{ code: 'stars_below_min', params: { category: 'coffee', minStars: 4 } }]);
    expect(fit.score).toBeLessThan(SCORE.fits);
  });

  it('lists a buyer of other categories as not fitting, below every fitting one', () => {
    const notFitting = fitOf(buyer({ categories: ['handicraft'], regions: ['Đắk Lắk'] }), producer([product({})]), now);
    expect(notFitting).toMatchObject({ eligible: true, fits: false });
    expect(codes(notFitting.reasons)).toEqual(['no_shared_category', 'region']);
    const barelyFitting = fitOf(buyer({ regions: ['EU'] }), producer([product({ stars: null, certExpiresAt: null })]), now);
    expect(barelyFitting.fits).toBe(true);
    expect(barelyFitting.score).toBe(SCORE.fits);
    expect(notFitting.score).toBeLessThan(barelyFitting.score);
  });

  it('takes any category from a buyer that names none, and any stars from one without a minimum', () => {
    const fit = fitOf(
      buyer({ categories: [] }),
      producer([product({ category: 'textile', stars: null, certExpiresAt: null })]),
      now,
    );
    expect(fit.fits).toBe(true);
    expect(codes(fit.reasons)).toEqual(['category_any']);
  });

  it('scores at most 100', () => {
    const fit = fitOf(
      buyer({ categories: ['coffee', 'honey', 'pepper'], minStars: 3, regions: ['Đắk Lắk'], volumes: '1 tấn/tháng' }),
      producer([
        product({ stars: 5, capacityPerMonth: '2 tấn' }),
        product({ category: 'honey', stars: 5 }),
        product({ category: 'pepper', stars: 5 }),
      ]),
      now,
    );
    expect(fit.score).toBe(100);
    expect(codes(fit.reasons)).toEqual(['category', 'category', 'category', 'min_stars_met', 'region', 'volume']);
  });
});

describe('regions', () => {
  it('matches the province (or a province it replaced) before an area before nationwide', () => {
    expect(regionFit(['Toàn quốc', 'Tây Nguyên', 'Phú Yên'], dakLak)).toEqual({ region: 'Phú Yên', match: 'province' });
    expect(regionFit(['Toàn quốc', 'Tây Nguyên'], dakLak)).toEqual({ region: 'Tây Nguyên', match: 'area' });
    expect(regionFit(['Duyên hải miền Trung'], dakLak)).toEqual({ region: 'Duyên hải miền Trung', match: 'area' });
    expect(regionFit(['Cả nước'], dakLak)).toEqual({ region: 'Cả nước', match: 'nationwide' });
    expect(regionFit(['TP. Hồ Chí Minh'], ['Hồ Chí Minh', 'Bình Dương'])?.match).toBe('province');
    expect(regionFit(['Đồng bằng sông Cửu Long'], ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'])?.match).toBe('area');
  });

  it('finds nothing in markets abroad or areas elsewhere', () => {
    expect(regionFit(['EU', 'Nhật Bản', 'Đông Nam Bộ'], dakLak)).toBeNull();
    expect(regionFit([], dakLak)).toBeNull();
  });
});

describe('volumes (a weak signal)', () => {
  it('reads tonnes, kilograms and litres a month, with Vietnamese separators', () => {
    expect(monthlyQuantity('2 tấn/tháng mỗi mã')).toEqual({ amount: 2000, kind: 'mass' });
    expect(monthlyQuantity('1,5 tấn')).toEqual({ amount: 1500, kind: 'mass' });
    expect(monthlyQuantity('12.000 kg mỗi năm')).toEqual({ amount: 1000, kind: 'mass' });
    expect(monthlyQuantity('12.000 kg/năm')).toEqual({ amount: 1000, kind: 'mass' });
    expect(monthlyQuantity('300 kg/tuần')?.amount).toBeCloseTo(1300);
    expect(monthlyQuantity('300 lít')).toEqual({ amount: 300, kind: 'volume' });
  });

  it('ignores what it cannot read', () => {
    expect(monthlyQuantity('28.000 hộp')).toBeNull();
    expect(monthlyQuantity('số lượng lớn')).toBeNull();
    expect(monthlyQuantity('')).toBeNull();
    expect(volumeFit('2 tấn/tháng', ['500 kg', '300 lít', null])).toBeNull();
  });

  it('notes a capacity that covers the stated volume', () => {
    expect(volumeFit('2 tấn/tháng', ['500 kg', '3 tấn'])).toEqual({ wanted: '2 tấn/tháng', capacity: '3 tấn' });
  });
});

describe('ranking', () => {
  it('puts fitting ones first, then by score, then by name and id', () => {
    const rows = [
      { id: 'd', fits: false, score: 20, sortName: 'a' },
      { id: 'c', fits: true, score: 60, sortName: 'b' },
      { id: 'b', fits: true, score: 70, sortName: 'z' },
      { id: 'a', fits: true, score: 60, sortName: 'b' },
      { id: 'e', fits: true, score: 60, sortName: 'a' },
    ];
    expect(rows.sort(compareRanked).map((r) => r.id)).toEqual(['b', 'e', 'a', 'c', 'd']);
  });
});
