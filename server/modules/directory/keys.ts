// What makes two buyers' names the same buyer. The migration that gave buyers this key
// (prisma/migrations/*/…_directory_keys) computes it in SQL from the stored nameFolded with
// exactly this list of characters: change one, change both (a test compares them).
import { foldForSearch } from './fold.ts';

/**
 * Dropped from a folded name: spaces and punctuation, ASCII and typographic, and the invisible
 * characters pasted text carries. What is left (letters and digits, no diacritics, lower case)
 * is the key, so "Siêu thị Co.op – Hà Nội", "SIEU THI COOP HA NOI" and "Siêu  thị Co-op, Hà Nội."
 * are one buyer. foldForSearch has already made every run of whitespace one space.
 */
export const NAME_KEY_DROPPED = [
  ...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  '\u00ab', // «
  '\u00ad', // soft hyphen
  '\u00b7', // ·
  '\u00bb', // »
  '\u2010', // ‐
  '\u2011', // non-breaking hyphen
  '\u2012', // ‒
  '\u2013', // –
  '\u2014', // —
  '\u2015', // ―
  '\u2018', // ‘
  '\u2019', // ’
  '\u201a', // ‚
  '\u201c', // “
  '\u201d', // ”
  '\u201e', // „
  '\u2022', // •
  '\u2026', // …
  '\u2039', // ‹
  '\u203a', // ›
  '\u2212', // −
  '\u200b', // zero-width space
  '\u200c', // zero-width non-joiner
  '\u200d', // zero-width joiner
  '\u2060', // word joiner
];
const DROPPED = new Set(NAME_KEY_DROPPED);

/** A buyer's name as its key: unique with the province. */
export function buyerNameKey(name: string): string {
  return [...foldForSearch(name)].filter((c) => !DROPPED.has(c)).join('');
}
