// A producer's tax code (mã số thuế) or business registration number, in the one form it is
// stored and matched in, however it was typed or pasted from a spreadsheet.

/** Invisible characters a copied code carries: zero-width spaces and joiners, the BOM. */
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]/gu;
/** Dashes people type between a tax code and its branch number. */
const DASHES = /[\u2010-\u2015\u2212\ufe63\uff0d]/gu;

/**
 * "0101 234 567", " 41n8012345 " and "0101234567001" become "0101234567", "41N8012345" and
 * "0101234567-001": full-width characters as plain ones, no spaces (they only group digits for
 * reading), letters in upper case, and a branch's 13 digits as the 10 of its enterprise, "-"
 * and its 3 (how the tax office writes them). Checking what is left is the schema's job.
 */
export function normalizeTaxCode(text: string): string {
  const code = text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(DASHES, '-')
    .replace(/[a-z]/g, (c) => c.toUpperCase());
  return /^\d{13}$/.test(code) ? `${code.slice(0, 10)}-${code.slice(10)}` : code;
}
