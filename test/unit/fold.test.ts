import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../server/modules/directory/fold.ts';

describe('foldForSearch', () => {
  it.each([
    ['Cà phê Buôn Ma Thuột', 'ca phe buon ma thuot'],
    ['ĐẮK LẮK', 'dak lak'],
    ['Hợp tác xã  Nông nghiệp Ea Kar', 'hop tac xa nong nghiep ea kar'],
    ["Cư M'gar", "cu m'gar"],
    ['Sầu riêng Ea Knốp', 'sau rieng ea knop'],
  ])('folds %s to %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('folds decomposed (NFD) input the same as composed input', () => {
    expect(foldForSearch('Đắk Lắk'.normalize('NFD'))).toBe(foldForSearch('Đắk Lắk'));
  });
});
