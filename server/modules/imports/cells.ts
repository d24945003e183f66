// Turns one spreadsheet cell into the value a directory field takes, or a reason it cannot.
// Empty cells become the field's "nothing" (null, '' or []); required fields refuse them.
import { isValidGtin } from '../../contracts/directory.ts';
import type { Cell } from './sheet.ts';
import { labelKey, type Vocabulary } from './labels.ts';

export type Read = { ok: true; value: unknown } | { ok: false; message: string };
export type CellReader = (cell: Cell) => Read;

const ok = (value: unknown): Read => ({ ok: true, value });
const fail = (message: string): Read => ({ ok: false, message });

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDay = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** The cell as text: whole numbers without exponent, dates as yyyy-mm-dd. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const blank = (cell: Cell) => cellText(cell) === '';

/** Text; '' when empty, or refused with `missing` when the field is required. */
export const text =
  (missing?: string): CellReader =>
  (cell) =>
    blank(cell) && missing ? fail(missing) : ok(cellText(cell));

/** Text that is null when empty (registration numbers, decision numbers, links). */
export const optionalText: CellReader = (cell) => ok(blank(cell) ? null : cellText(cell));

/** A phone number: a number cell has lost its leading 0 ("912345678" → "0912345678"). */
export const phone: CellReader = (cell) => {
  const value = cellText(cell);
  return ok(typeof cell === 'number' && /^[1-9]\d{8,9}$/.test(value) ? `0${value}` : value);
};

export const code =
  <C extends string>(
    words: Vocabulary<C>,
    what: string,
    options: { required?: boolean; fallback?: (t: string) => C | null } = {},
  ) =>
  (cell: Cell): Read => {
    const value = cellText(cell);
    if (value === '') return options.required ? fail(`missing ${what}`) : ok(null);
    const found = words.codeOf(value) ?? options.fallback?.(value) ?? null;
    return found ? ok(found) : fail(`unknown ${what}: ${value}`);
  };

/** "5", "5 sao", "5*", "★★★★★"; empty when unrated. */
export const stars: CellReader = (cell) => {
  const value = cellText(cell);
  if (value === '') return ok(null);
  const digits = /^(\d+)\s*(sao|stars?|\*)?$/i.exec(value)?.[1];
  const n = digits ? Number(digits) : /^★+$/.test(value) ? value.length : NaN;
  return n === 3 || n === 4 || n === 5 ? ok(n) : fail('stars must be 3 to 5');
};

export const wholeNumber: CellReader = (cell) => {
  const value = cellText(cell);
  if (value === '') return ok(null);
  return /^\d+$/.test(value) ? ok(Number(value)) : fail(`not a whole number: ${value}`);
};

/** An amount of VND: "120000", "120.000", "120,000", "120 000 đ". */
export const vnd: CellReader = (cell) => {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) ? ok(cell) : fail(`not a whole amount of VND: ${cell}`);
  const value = cellText(cell)
    .replace(/\s*(vnđ|vnd|đồng|đ|₫)$/i, '')
    .replace(/[.,\s]/g, '');
  if (value === '') return ok(null);
  return /^\d{1,13}$/.test(value) ? ok(Number(value)) : fail(`not an amount in VND: ${cellText(cell)}`);
};

function validDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? isoDay(y, m, d) : null;
}

/** dd/mm/yyyy (also with - or .), yyyy-mm-dd, an Excel date cell or an Excel day number. */
export const date: CellReader = (cell) => {
  if (cell instanceof Date) return ok(isoDay(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()));
  if (typeof cell === 'number' && cell > 0 && cell < 100_000) {
    const day = new Date(Date.UTC(1899, 11, 30) + Math.floor(cell) * 86_400_000);
    return ok(day.toISOString().slice(0, 10));
  }
  const value = cellText(cell);
  if (value === '') return ok(null);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(value);
  const day = dmy ? validDay(+dmy[3]!, +dmy[2]!, +dmy[1]!) : ymd ? validDay(+ymd[1]!, +ymd[2]!, +ymd[3]!) : null;
  return day ? ok(day) : fail(`not a date (dd/mm/yyyy): ${value}`);
};

export const gtin: CellReader = (cell) => {
  const value = cellText(cell).replace(/\s/g, '');
  if (value === '') return ok(null);
  return isValidGtin(value) ? ok(value) : fail('bad barcode');
};

const yes = new Set(['co', 'x', 'yes', 'y', 'true', '1', 'dat', 'roi', 'daco']);
const no = new Set(['', 'khong', 'no', 'n', 'false', '0', 'chua', 'chuaco', 'khongdat']);

/** Có / Không (also x, yes/no, 1/0); empty is no. */
export const yesNo: CellReader = (cell) => {
  if (typeof cell === 'boolean') return ok(cell);
  const value = cellText(cell);
  const key = labelKey(value);
  if (yes.has(key) || value === '✓') return ok(true);
  if (no.has(key)) return ok(false);
  return fail(`not Có or Không: ${value}`);
};

/** A list separated by commas or semicolons, each item mapped through `item`. */
export const list =
  (item?: (word: string) => Read): CellReader =>
  (cell) => {
    const words = cellText(cell)
      .split(/[,;\n]/)
      .map((w) => w.trim())
      .filter(Boolean);
    const values: unknown[] = [];
    for (const word of words) {
      const read = item ? item(word) : ok(word);
      if (!read.ok) return read;
      values.push(read.value);
    }
    return ok(values);
  };
