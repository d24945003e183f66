/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ → d.
 * "Cà phê Buôn Ma Thuột" → "ca phe buon ma thuot"; stored beside names so a query of
 * "dak lak" finds "Đắk Lắk" with a plain index-friendly comparison on any database.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
