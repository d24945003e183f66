// How much of an uploaded spreadsheet the import reads at most, and the 400 that names the limit a
// file goes over. A real organiser's list (at most 20,000 records of ~15 columns) fits well within
// them; a crafted one (a 16 KB .xlsx whose cells sit in column XFD, a 1 MB zip holding 1 GB) is
// refused at the first limit it reaches, before it costs memory or blocks the server.
import { DomainError } from '../../../errors.ts';

const MiB = 1024 * 1024;

export const UPLOAD_LIMITS = {
  /** The request body as sent (a larger one gets 413 before it is read). */
  bytes: 10 * MiB,
  /** Files inside an .xlsx (Excel writes ~10; each sheet, image or comment adds one or two). */
  entries: 1_000,
  /** Bytes one file inside an .xlsx inflates to, counted as it inflates, and never more than it declares. */
  entryBytes: 50 * MiB,
  /** Bytes all the files inside an .xlsx inflate to together. */
  totalBytes: 100 * MiB,
  /** Rows that hold a value: the header and 20,000 records. */
  rows: 20_001,
  /** The last column that holds a value (64 is column BL; the import knows at most 15 headers). */
  columns: 64,
  /** Cells that hold a value, in all (20,000 rows of 32 columns). */
  cells: 640_000,
  /** Characters in one cell: Excel's own limit (the longest field the import takes is 4,000). */
  cellChars: 32_767,
  /**
   * Characters in all the cells that hold a value, each cell counted that a shared string or a
   * merged range repeats (20,000 rows of ~3,300): one string shown in 640,000 cells is 20 G.
   */
  textChars: 64 * MiB,
  /** Elements open inside one another in a part (Excel nests a cell's text ~7 deep). */
  xmlDepth: 64,
  /** Attributes of one element (Excel writes a dozen at most). */
  attributes: 100,
} as const;

/** What any sheet can address: columns A to XFD, rows 1 to 1,048,576. */
export const SHEET_COLUMNS = 16_384;
export const SHEET_ROWS = 1_048_576;

/** A CSV line with more fields than an .xlsx sheet can have columns (XFD) is refused whatever they hold. */
export const CSV_MAX_FIELDS = 16_384;

export type LimitCode =
  | 'file_too_many_entries'
  | 'file_too_large_uncompressed'
  | 'file_too_many_rows'
  | 'file_too_many_columns'
  | 'file_too_many_cells'
  | 'file_too_much_text'
  | 'file_too_deep'
  | 'file_too_many_attributes';

const grouped = (n: number) => n.toLocaleString('en-US');
const mib = (bytes: number) => `${Math.round((bytes / MiB) * 10) / 10} MiB`;

/** The 400 for a file over a limit: a field error on `body` with the limit's code and value. */
export function overLimit(code: LimitCode, limit: number, why: string, params: Record<string, string | number> = {}) {
  return new DomainError('VALIDATION_FAILED', `The file is too big to import: ${why}`, {
    fields: [{ path: 'body', message: why, code, params: { limit, ...params } }],
  });
}

export const unreadable = (why: string) =>
  new DomainError('VALIDATION_FAILED', `The file could not be read: ${why}`, {
    fields: [{ path: 'body', message: why, code: 'file_unreadable' }],
  });

export const tooManyEntries = (count: number) =>
  overLimit(
    'file_too_many_entries',
    UPLOAD_LIMITS.entries,
    `at most ${grouped(UPLOAD_LIMITS.entries)} files inside an .xlsx (this one holds ${grouped(count)})`,
  );

/**
 * `limit` is what the entry may inflate to: the smaller of what it declares and the per-entry
 * limit. `declared` is given when the zip's directory already says it is larger.
 */
export const tooLargeEntry = (entry: string, limit: number, declared?: number) =>
  overLimit(
    'file_too_large_uncompressed',
    limit,
    declared !== undefined
      ? `${entry} is ${mib(declared)} uncompressed; at most ${mib(limit)} per file inside an .xlsx`
      : limit < UPLOAD_LIMITS.entryBytes
        ? `${entry} inflates to more than the ${grouped(limit)} bytes it declares`
        : `${entry} inflates to more than ${mib(limit)}; at most ${mib(limit)} per file inside an .xlsx`,
    { entry },
  );

/** XML nested deeper than any spreadsheet writer nests it (saxes keeps one object per level). */
export const tooDeep = (entry: string) =>
  overLimit('file_too_deep', UPLOAD_LIMITS.xmlDepth, `${entry} nests elements more than ${UPLOAD_LIMITS.xmlDepth} deep`, {
    entry,
  });

export const tooManyAttributes = (entry: string) =>
  overLimit(
    'file_too_many_attributes',
    UPLOAD_LIMITS.attributes,
    `an element of ${entry} has more than ${UPLOAD_LIMITS.attributes} attributes`,
    { entry },
  );

export const tooLargeInAll = () =>
  overLimit(
    'file_too_large_uncompressed',
    UPLOAD_LIMITS.totalBytes,
    `the files inside this .xlsx inflate to more than ${mib(UPLOAD_LIMITS.totalBytes)} in all`,
  );

/** A column's letters; past XFD (or not a column at all) there are none to give. */
const columnName = (column: number) => {
  if (!Number.isInteger(column) || column < 1 || column > SHEET_COLUMNS) return 'past XFD';
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

/**
 * Counts what a sheet holds as it is read, and throws at the first limit it passes. Only cells
 * with a value count: an empty cell that carries a border costs nothing, since none is built.
 */
export class Tally {
  private readonly rows = new Set<number>();
  private cells = 0;
  private chars = 0;

  /** One more cell with a value, at a spreadsheet row and column (both from 1). */
  cell(row: number, column: number): void {
    if (column > UPLOAD_LIMITS.columns)
      throw overLimit(
        'file_too_many_columns',
        UPLOAD_LIMITS.columns,
        `at most ${UPLOAD_LIMITS.columns} columns (up to ${columnName(UPLOAD_LIMITS.columns)}); row ${row} holds a value in column ${columnName(column)}`,
        { row, column: columnName(column) },
      );
    this.row(row);
    this.add(1);
  }

  /** A row that holds a value (counted once however many of its cells do). */
  row(row: number): void {
    if (this.rows.has(row)) return;
    this.rows.add(row);
    if (this.rows.size > UPLOAD_LIMITS.rows)
      throw overLimit(
        'file_too_many_rows',
        UPLOAD_LIMITS.rows,
        `at most ${grouped(UPLOAD_LIMITS.rows - 1)} rows besides the header; row ${row} is one more`,
        { row },
      );
  }

  /** A cell's characters, each time it is shown (a shared string or a merged range repeats one). */
  text(chars: number): void {
    this.chars += chars;
    if (this.chars > UPLOAD_LIMITS.textChars)
      throw overLimit(
        'file_too_much_text',
        UPLOAD_LIMITS.textChars,
        `at most ${grouped(UPLOAD_LIMITS.textChars)} characters in all the cells`,
      );
  }

  /** Cells with a value, counted before they are built (e.g. those a merged range fills). */
  add(cells: number): void {
    this.cells += cells;
    if (this.cells > UPLOAD_LIMITS.cells)
      throw overLimit(
        'file_too_many_cells',
        UPLOAD_LIMITS.cells,
        `at most ${grouped(UPLOAD_LIMITS.cells)} cells that hold a value`,
      );
  }
}

/** A NUL, or half of a UTF-16 pair: no database stores it as text. */
export const holdsNonText = (text: string) => text.includes('\0') || !text.isWellFormed();
export const nonTextProblem = {
  code: 'cell_invalid_text',
  message: 'the cell holds a character that is not text (a NUL, or half of a UTF-16 pair)',
};

/** A cell longer than Excel lets one be: flagged, and not kept. */
export const tooLongProblem = {
  code: 'too_long',
  message: `the cell holds more than ${grouped(UPLOAD_LIMITS.cellChars)} characters`,
  params: { maximum: UPLOAD_LIMITS.cellChars },
};

/** Lets other requests run when the reader has held the event loop for a few milliseconds. */
export function breather(sliceMs = 8) {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
