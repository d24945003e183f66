// Reads the first worksheet of an .xlsx as it inflates, within UPLOAD_LIMITS: the zip's
// directory first (entry count, declared sizes), then only the parts the sheet needs, each
// inflated as a stream whose bytes are counted and SAX-scanned, so a file over a limit is
// refused at the first byte past it and no empty cell is ever built. The values are what
// ExcelJS made of the same cells (the import used to load the whole workbook with it).
import { promisify } from 'node:util';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DomainError } from '../../../errors.ts';
import {
  SHEET_COLUMNS,
  SHEET_ROWS,
  Tally,
  UPLOAD_LIMITS,
  breather,
  tooDeep,
  tooLargeEntry,
  tooLargeInAll,
  tooLongProblem,
  tooManyAttributes,
  tooManyEntries,
  unreadable,
} from './workbook-limits.ts';

export type Problem = { code: string; message: string; params?: Record<string, string | number> };
export type Cell = { text: string; problem?: Problem };
/** The cells that hold a value, by spreadsheet row and then column (both from 1). */
export type SparseSheet = Map<number, Map<number, Cell>>;

type Entry = yauzl.Entry;
type Attributes = Record<string, string>;
type Handlers = {
  open?: (name: string, attributes: Attributes, selfClosing: boolean) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

const fromBuffer = promisify<Buffer, yauzl.Options, yauzl.ZipFile>(yauzl.fromBuffer);
/** `x:c` and `c` are the same element: some writers prefix the spreadsheet namespace. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);
const attribute = (attributes: Attributes, name: string) => {
  for (const [key, value] of Object.entries(attributes)) if (local(key) === name) return value;
  return undefined;
};

/** The zip's directory, checked before anything inflates: how many entries, and what each declares. */
async function openZip(buffer: Buffer): Promise<{ zip: yauzl.ZipFile; entries: Map<string, Entry> }> {
  let zip: yauzl.ZipFile;
  try {
    // Sizes are checked below against the limits, with the limit's own answer.
    zip = await fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: false });
  } catch {
    throw unreadable('not a valid .xlsx workbook');
  }
  if (zip.entryCount > UPLOAD_LIMITS.entries) throw tooManyEntries(zip.entryCount);
  const entries = new Map<string, Entry>();
  let declared = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      if (entry.uncompressedSize > UPLOAD_LIMITS.entryBytes)
        return reject(tooLargeEntry(entry.fileName, UPLOAD_LIMITS.entryBytes, entry.uncompressedSize));
      declared += entry.uncompressedSize;
      if (declared > UPLOAD_LIMITS.totalBytes) return reject(tooLargeInAll());
      // Part names are case-insensitive; the first of two equal names counts.
      const name = entry.fileName.toLowerCase();
      if (!entries.has(name)) entries.set(name, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', () => reject(unreadable('not a valid .xlsx workbook')));
    zip.readEntry();
  });
  return { zip, entries };
}

class Parts {
  private inflated = 0;
  private readonly breathe = breather();

  constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, Entry>,
  ) {}

  has(path: string) {
    return this.entries.has(path.toLowerCase());
  }

  /**
   * SAX-scans one part as it inflates. An entry may inflate to what it declares and to the
   * per-entry limit, whichever is smaller; all of them together to the total. `done` stops early.
   */
  async scan(path: string, handlers: Handlers, done: () => boolean = () => false): Promise<void> {
    const entry = this.entries.get(path.toLowerCase());
    if (!entry) return;
    const allowed = Math.min(entry.uncompressedSize, UPLOAD_LIMITS.entryBytes);
    let stream: Readable;
    try {
      stream = await promisify(this.zip.openReadStream.bind(this.zip))(entry);
    } catch {
      throw unreadable(`${entry.fileName} cannot be inflated`);
    }
    const parser = new SaxesParser({ position: false });
    // saxes keeps an object for each open element, and checks an element's attributes only when
    // its tag ends: both are counted here as they come, so 16,000,000 nested elements or one with
    // 2,000,000 attributes cost nothing before the refusal.
    let depth = 0;
    let attributes = 0;
    parser.on('opentagstart', () => {
      if (++depth > UPLOAD_LIMITS.xmlDepth) throw tooDeep(entry.fileName);
      attributes = 0;
    });
    parser.on('attribute', () => {
      if (++attributes > UPLOAD_LIMITS.attributes) throw tooManyAttributes(entry.fileName);
    });
    if (handlers.open) {
      const open = handlers.open;
      parser.on('opentag', (tag) => open(local(tag.name), (tag as SaxesTagPlain).attributes as Attributes, tag.isSelfClosing));
    }
    const close = handlers.close;
    parser.on('closetag', (tag) => {
      depth--;
      close?.(local(tag.name));
    });
    if (handlers.text) {
      parser.on('text', handlers.text);
      parser.on('cdata', handlers.text);
    }
    const decoder = new StringDecoder('utf8');
    let bytes = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > allowed) throw tooLargeEntry(entry.fileName, allowed);
        this.inflated += chunk.length;
        if (this.inflated > UPLOAD_LIMITS.totalBytes) throw tooLargeInAll();
        parser.write(decoder.write(chunk));
        if (done()) return;
        await this.breathe();
      }
      parser.write(decoder.end());
      parser.close();
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw unreadable(`${entry.fileName} is not valid XML`);
    } finally {
      stream.destroy();
    }
  }
}

type Relationship = { type: string; target: string };

/** A relationship's target, from the folder of the part that names it. */
function resolve(from: string, target: string): string {
  const parts = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece && piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

async function relationships(parts: Parts, of: string): Promise<Map<string, Relationship>> {
  const folder = of.split('/').slice(0, -1);
  const path = [...folder, '_rels', `${of.split('/').at(-1)}.rels`].join('/');
  const found = new Map<string, Relationship>();
  await parts.scan(path, {
    open: (name, a) => {
      if (name === 'Relationship' && a.Id && a.Target) found.set(a.Id, { type: a.Type ?? '', target: resolve(of, a.Target) });
    },
  });
  return found;
}

const ofType = (rels: Map<string, Relationship>, type: string) =>
  [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target;

/** Excel's own formats that are dates (ExcelJS's table); others come from styles.xml. */
const BUILT_IN_FORMATS: Record<number, string> = {
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};
/** A format is a date's when it has date letters outside quotes and brackets (as ExcelJS decides). */
const isDateFormat = (format: string) => /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
const BUILT_IN_DATES = new Set(
  Object.entries(BUILT_IN_FORMATS)
    .filter(([, format]) => isDateFormat(format))
    .map(([id]) => Number(id)),
);

/**
 * Which cell styles (the `s` of a cell, an index into cellXfs) show a number as a date: a byte
 * each, since a crafted styles.xml can hold 10,000,000 of them.
 */
async function dateStyles(parts: Parts, path: string | undefined): Promise<(style: number) => boolean> {
  let styles = new Uint8Array(256);
  let count = 0;
  const isDate = (style: number) => styles[style] === 1;
  if (!path) return isDate;
  // Whether each format is a date's, decided once: a style refers to a format by its id, and a
  // long format code read again for each of thousands of styles held the server for hours.
  const formats = new Map<number, boolean>();
  let inCellXfs = false;
  await parts.scan(path, {
    open: (name, a) => {
      if (name === 'numFmt' && a.numFmtId && a.formatCode !== undefined)
        formats.set(Number(a.numFmtId), isDateFormat(a.formatCode));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        if (count === styles.length) {
          const grown = new Uint8Array(count * 2);
          grown.set(styles);
          styles = grown;
        }
        styles[count++] = (formats.get(id) ?? BUILT_IN_DATES.has(id)) ? 1 : 0;
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return isDate;
}

/** Excel writes characters XML cannot hold as _xHHHH_. */
const unescapeText = (text: string) =>
  text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const xmlDecode = (text: string) =>
  text.replace(/&([a-z]*);/g, (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c);

/**
 * A cell's text as its pieces come, kept no longer than a cell can be (one _xHHHH_ is 7
 * characters for one), so that a text node of 45 MB costs no more than a long cell.
 */
const RAW_CHARS = UPLOAD_LIMITS.cellChars * 7 + 7;
const grow = (text: string | undefined, piece: string, max = RAW_CHARS) => {
  const sofar = text ?? '';
  return sofar.length > max ? sofar : sofar + piece.slice(0, max + 1 - sofar.length);
};
/** A reference or value in a message, cut short: a crafted one can be megabytes. */
const shown = (text: string) => (text.length > 24 ? `${text.slice(0, 24)}…` : text);

const UNREADABLE: Cell = { text: '', problem: { code: 'cell_unreadable', message: 'the cell holds no readable value' } };
const TOO_LONG: Cell = { text: '', problem: tooLongProblem };

/** A number as spreadsheets write it; empty, text, or past what a double holds is none. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
function numberOf(raw: string): number | undefined {
  const text = raw.trim();
  if (text.length > 400 || !NUMBER.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** A serial day number shown as a date (its calendar date, within years a date can be written in). */
function excelDate(serial: number, date1904: boolean): Cell {
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 0 || year > 9999) return UNREADABLE;
  return { text: date.toISOString().slice(0, 10) };
}

const numberCell = (raw: string, isDate: boolean, date1904: boolean): Cell => {
  const n = numberOf(raw);
  if (n === undefined) return UNREADABLE;
  return isDate ? excelDate(n, date1904) : { text: String(n) };
};

/**
 * A `t="d"` cell holds an ISO 8601 date and time: its date is the calendar date written, in
 * no time zone (read as a time in the server's zone, 2024-01-01T00:00:00 was 2023-12-31 in
 * Hanoi). Text that is no ISO date stays text, as it was.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?=$|T)/;
function writtenDate(raw: string): Cell {
  const text = raw.trim();
  const m = ISO_DATE.exec(text);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day)
      return { text: `${m[1]}-${m[2]}-${m[3]}` };
  }
  return text ? { text } : UNREADABLE;
}

const BOOLEANS = new Map([
  ['0', 'false'],
  ['1', 'true'],
  ['false', 'false'],
  ['true', 'true'],
]);
const booleanCell = (raw: string): Cell => {
  const text = BOOLEANS.get(raw.trim());
  return text === undefined ? UNREADABLE : { text };
};

const errorCell = (error: string): Cell => ({
  text: '',
  problem: { code: 'cell_error', message: `the cell holds the error ${shown(error)}`, params: { value: shown(error) } },
});

const UNSAVED: Cell = {
  text: '',
  problem: { code: 'formula_unsaved', message: 'a formula without a saved value: open the file in Excel and save it again' },
};

/** A shared string the sheet refers to, filled in once sharedStrings.xml has been read. */
type Pending = { sst: number };

/**
 * A cell's row and column from its reference (A1, $B$2): 1 to 3 letters up to XFD and a row up
 * to 1,048,576, anything else refused before a number is made of it (300 letters made Infinity,
 * and naming that column never ended).
 */
const CELL_REF = /^\$?([A-Z]{1,3})\$?([1-9]\d{0,6})$/;
function cellRef(ref: string): [number, number] {
  const m = ref.length <= 12 ? CELL_REF.exec(ref.toUpperCase()) : null;
  if (m) {
    const letters = m[1]!;
    let column = 0;
    for (let i = 0; i < letters.length; i++) column = column * 26 + (letters.charCodeAt(i) - 64);
    const row = Number(m[2]);
    if (column <= SHEET_COLUMNS && row <= SHEET_ROWS) return [row, column];
  }
  throw unreadable(`"${shown(ref)}" is not a cell of a sheet (columns A to XFD, rows 1 to 1,048,576)`);
}
function rowRef(r: string): number {
  if (r.length <= 7 && /^[1-9]\d*$/.test(r) && Number(r) <= SHEET_ROWS) return Number(r);
  throw unreadable(`"${shown(r)}" is not a row of a sheet (rows 1 to 1,048,576)`);
}
const pastTheSheet = (row: number, column: number) =>
  unreadable(`a cell without a reference falls past the sheet (row ${row}, column ${column})`);

/** Scans the sheet's cells, counting them against the limits as they come. */
async function readWorksheet(parts: Parts, path: string, isDate: (style: number) => boolean, date1904: boolean) {
  const tally = new Tally();
  const rows = new Map<number, Map<number, Cell | Pending>>();
  const needed = new Set<number>();
  let rowNo = 0;
  let colNo = 0;
  let inSheetData = false;
  // The cell being read.
  let t = '';
  let style = 0;
  let at: [number, number] = [0, 0];
  let formula = false;
  let value: string | undefined;
  let inline: string | undefined;
  let target: 'v' | 'f' | 't' | undefined;
  let inPhonetic = false;
  let inInline = false;
  let piece = '';

  const put = (row: number, column: number, cell: Cell | Pending) => {
    let cells = rows.get(row);
    if (!cells) rows.set(row, (cells = new Map()));
    cells.set(column, cell);
  };

  function finishCell(): Cell | Pending | undefined {
    if (formula) {
      if (!value) return UNSAVED;
      if (t === 'str') return { text: xmlDecode(value).trim() };
      if (t === 'b') return booleanCell(value);
      if (t === 'e') return errorCell(value);
      return numberCell(value, isDate(style), date1904);
    }
    if (value === undefined && inline === undefined) return undefined;
    const raw = (value ?? '') + (inline ?? '');
    switch (t) {
      case 's': {
        const index = raw.length <= 12 ? Number(raw.trim() || NaN) : NaN;
        if (!Number.isInteger(index) || index < 0) throw unreadable(`cell ${at.join(':')} refers to no shared string`);
        needed.add(index);
        return { sst: index };
      }
      case 'str':
        return { text: xmlDecode(raw).trim() };
      case 'inlineStr':
        return { text: raw.trim() };
      case 'b':
        return booleanCell(raw);
      case 'e':
        return errorCell(raw);
      case 'd':
        return writtenDate(raw);
      default:
        return numberCell(raw, isDate(style), date1904);
    }
  }

  /** A merged range shows its first cell's value in each of its cells, as ExcelJS read it. */
  function merge(ref: string) {
    // The longest range a sheet can have is $XFD$1048576:$XFD$1048576.
    const ends = ref.length <= 25 ? ref.split(':') : [];
    if (ends.length === 1) return;
    if (ends.length !== 2) throw unreadable(`"${shown(ref)}" is not a range of a sheet`);
    const [[r1, c1], [r2, c2]] = [cellRef(ends[0]!), cellRef(ends[1]!)];
    const [top, bottom] = [Math.min(r1, r2), Math.max(r1, r2)];
    const [left, right] = [Math.min(c1, c2), Math.max(c1, c2)];
    const master = rows.get(top)?.get(left);
    if (!master) return;
    // Counted before any is built: a range can span the whole sheet.
    tally.cell(top, right);
    tally.add((bottom - top + 1) * (right - left + 1) - 2);
    for (let row = top; row <= bottom; row++)
      for (let column = left; column <= right; column++) {
        tally.row(row);
        put(row, column, master);
      }
  }

  await parts.scan(path, {
    open(name, a) {
      if (name === 'sheetData') inSheetData = true;
      else if (!inSheetData) {
        if (name === 'mergeCell' && a.ref) merge(a.ref);
      } else if (name === 'row') {
        // A row without its number follows the one before, as a cell without its reference does.
        rowNo = a.r !== undefined ? rowRef(a.r) : rowNo + 1;
        if (rowNo > SHEET_ROWS) throw pastTheSheet(rowNo, 1);
        colNo = 0;
      } else if (name === 'c') {
        at = a.r !== undefined ? cellRef(a.r) : [rowNo, colNo + 1];
        if (at[1] > SHEET_COLUMNS) throw pastTheSheet(at[0], at[1]);
        colNo = at[1];
        t = a.t ?? '';
        style = a.s ? Number(a.s) : 0;
        formula = false;
        value = undefined;
        inline = undefined;
      } else if (name === 'f') formula ||= a.t !== undefined;
      else if (name === 'is') inInline = true;
      else if (name === 'rPh') inPhonetic = true;
      if (inSheetData && (name === 'v' || name === 'f' || (name === 't' && inInline && !inPhonetic))) {
        target = name;
        piece = '';
      }
    },
    text(text) {
      if (target) piece = grow(piece, text);
    },
    close(name) {
      if (name === 'sheetData') inSheetData = false;
      else if (!inSheetData) return;
      else if (name === 'c') finish();
      else if (name === 'is') inInline = false;
      else if (name === 'rPh') inPhonetic = false;
      if (name !== target) return;
      if (target === 'v') value = grow(value, piece);
      else if (target === 'f') formula ||= piece !== '';
      else if (target === 't' && piece !== '') inline = grow(inline, unescapeText(piece), UPLOAD_LIMITS.cellChars);
      target = undefined;
    },
  });

  function finish() {
    let cell = finishCell();
    if (!cell) return;
    if ('text' in cell && cell.text.length > UPLOAD_LIMITS.cellChars) cell = TOO_LONG;
    tally.cell(at[0], at[1]);
    put(at[0], at[1], cell);
  }

  return { rows, needed, tally };
}

/**
 * The shared strings the sheet refers to (and no more: the table may hold other sheets' too);
 * null for one longer than a cell can be.
 */
async function sharedStrings(parts: Parts, path: string, needed: Set<number>): Promise<Map<number, string | null>> {
  const strings = new Map<number, string | null>();
  if (!needed.size) return strings;
  let last = 0;
  for (const index of needed) if (index > last) last = index;
  let index = -1;
  let inPhonetic = false;
  let inText = false;
  let text: string[] = [];
  let length = 0;
  let piece = '';
  await parts.scan(
    path,
    {
      open(name) {
        if (name === 'si') {
          index++;
          text = [];
          length = 0;
        } else if (name === 'rPh') inPhonetic = true;
        else if (name === 't' && !inPhonetic) {
          inText = true;
          piece = '';
        }
      },
      text(chunk) {
        if (inText) piece = grow(piece, chunk);
      },
      close(name) {
        if (name === 'rPh') inPhonetic = false;
        else if (name === 't' && inText) {
          inText = false;
          if (length > UPLOAD_LIMITS.cellChars) return;
          const run = unescapeText(piece);
          length += run.length;
          text.push(run);
        } else if (name === 'si' && needed.has(index))
          strings.set(index, length > UPLOAD_LIMITS.cellChars ? null : text.join(''));
      },
    },
    () => index > last,
  );
  return strings;
}

export async function readXlsx(buffer: Buffer): Promise<SparseSheet> {
  const { zip, entries } = await openZip(buffer);
  const parts = new Parts(zip, entries);
  const root = await relationships(parts, '');
  const workbook = ofType(root, 'officeDocument') ?? 'xl/workbook.xml';
  if (!parts.has(workbook)) throw unreadable('not a valid .xlsx workbook');

  const sheetIds: string[] = [];
  let date1904 = false;
  await parts.scan(workbook, {
    open: (name, a) => {
      if (name === 'sheet') {
        const id = attribute(a, 'id');
        if (id) sheetIds.push(id);
      } else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    },
  });
  const rels = await relationships(parts, workbook);
  // The first sheet that is a worksheet (a chart sheet holds no cells).
  const sheet = sheetIds.map((id) => rels.get(id)).find((r) => r?.type.endsWith('/worksheet') && parts.has(r.target));
  if (!sheet) throw unreadable('the workbook has no sheet');

  const isDate = await dateStyles(parts, ofType(rels, 'styles'));
  const { rows, needed, tally } = await readWorksheet(parts, sheet.target, isDate, date1904);
  const strings = await sharedStrings(parts, ofType(rels, 'sharedStrings') ?? 'xl/sharedStrings.xml', needed);

  // Each cell's text counts where it is shown: one shared string of 32,000 characters in
  // 620,000 cells is 20 G characters for whatever reads them next.
  const breathe = breather();
  for (const [row, cells] of rows) {
    for (const [column, cell] of cells) {
      if ('sst' in cell) {
        const text = strings.get(cell.sst);
        if (text === undefined) throw unreadable(`a cell of row ${row} refers to a shared string the file does not hold`);
        const resolved = text === null ? TOO_LONG : { text };
        cells.set(column, resolved);
        tally.text(resolved.text.length);
      } else tally.text(cell.text.length);
    }
    await breathe();
  }
  return rows as SparseSheet;
}
