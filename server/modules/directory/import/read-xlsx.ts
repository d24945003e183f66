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
import { Tally, UPLOAD_LIMITS, breather, tooLargeEntry, tooLargeInAll, tooManyEntries, unreadable } from './workbook-limits.ts';

export type Problem = { code: string; message: string; params?: Record<string, string> };
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
    if (handlers.open) {
      const open = handlers.open;
      parser.on('opentag', (tag) => open(local(tag.name), (tag as SaxesTagPlain).attributes as Attributes, tag.isSelfClosing));
    }
    if (handlers.close) {
      const close = handlers.close;
      parser.on('closetag', (tag) => close(local(tag.name)));
    }
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

/** Which cell styles (the `s` of a cell, an index into cellXfs) show a number as a date. */
async function dateStyles(parts: Parts, path: string | undefined): Promise<number[]> {
  if (!path) return [];
  const formats = new Map<number, string>();
  const styles: number[] = [];
  let inCellXfs = false;
  await parts.scan(path, {
    open: (name, a) => {
      if (name === 'numFmt' && a.numFmtId && a.formatCode !== undefined) formats.set(Number(a.numFmtId), a.formatCode);
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const format = formats.get(id) ?? BUILT_IN_FORMATS[id];
        styles.push(format !== undefined && isDateFormat(format) ? 1 : 0);
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

/** Excel writes characters XML cannot hold as _xHHHH_. */
const unescapeText = (text: string) =>
  text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const xmlDecode = (text: string) =>
  text.replace(/&([a-z]*);/g, (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c);

function excelDate(serial: number, date1904: boolean): Cell {
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  if (Number.isNaN(date.getTime()))
    return { text: '', problem: { code: 'cell_unreadable', message: 'the cell holds no readable value' } };
  return { text: date.toISOString().slice(0, 10) };
}

const errorCell = (error: string): Cell => ({
  text: '',
  problem: { code: 'cell_error', message: `the cell holds the error ${error}`, params: { value: error } },
});

const UNSAVED: Cell = {
  text: '',
  problem: { code: 'formula_unsaved', message: 'a formula without a saved value: open the file in Excel and save it again' },
};

/** A shared string the sheet refers to, filled in once sharedStrings.xml has been read. */
type Pending = { sst: number };

function columnOf(letters: string): number {
  let column = 0;
  for (let i = 0; i < letters.length; i++) column = column * 26 + (letters.charCodeAt(i) - 64);
  return column;
}
const ADDRESS = /^\$?([A-Z]+)\$?(\d+)$/;
const RANGE = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/;

/** Scans the sheet's cells, counting them against the limits as they come. */
async function readWorksheet(parts: Parts, path: string, isDate: number[], date1904: boolean) {
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
      if (t === 'b') return { text: String(parseInt(value, 10) !== 0) };
      if (t === 'e') return errorCell(value);
      const n = parseFloat(value);
      return isDate[style] ? excelDate(n, date1904) : { text: String(n) };
    }
    if (value === undefined && inline === undefined) return undefined;
    const raw = (value ?? '') + (inline ?? '');
    switch (t) {
      case 's': {
        const index = parseInt(raw, 10);
        if (!Number.isInteger(index) || index < 0) throw unreadable(`cell ${at.join(':')} refers to no shared string`);
        needed.add(index);
        return { sst: index };
      }
      case 'str':
        return { text: xmlDecode(raw).trim() };
      case 'inlineStr':
        return { text: raw.trim() };
      case 'b':
        return { text: String(parseInt(raw, 10) !== 0) };
      case 'e':
        return errorCell(raw);
      case 'd': {
        const date = new Date(raw);
        return Number.isNaN(date.getTime()) ? { text: raw.trim() } : { text: date.toISOString().slice(0, 10) };
      }
      default: {
        const n = parseFloat(raw);
        return isDate[style] ? excelDate(n, date1904) : { text: String(n) };
      }
    }
  }

  /** A merged range shows its first cell's value in each of its cells, as ExcelJS read it. */
  function merge(ref: string) {
    const m = RANGE.exec(ref);
    if (!m || !m[3] || !m[4]) return;
    const [top, bottom] = [Number(m[2]), Number(m[4])].sort((a, b) => a - b) as [number, number];
    const [left, right] = [columnOf(m[1]!), columnOf(m[3])].sort((a, b) => a - b) as [number, number];
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
        const r = Number(a.r);
        rowNo = Number.isInteger(r) && r > 0 ? r : rowNo + 1;
        colNo = 0;
      } else if (name === 'c') {
        const address = a.r ? ADDRESS.exec(a.r) : null;
        at = address ? [Number(address[2]), columnOf(address[1]!)] : [rowNo, colNo + 1];
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
      if (target) piece += text;
    },
    close(name) {
      if (name === 'sheetData') inSheetData = false;
      else if (!inSheetData) return;
      else if (name === 'c') finish();
      else if (name === 'is') inInline = false;
      else if (name === 'rPh') inPhonetic = false;
      if (name !== target) return;
      if (target === 'v') value = (value ?? '') + piece;
      else if (target === 'f') formula ||= piece !== '';
      else if (target === 't' && piece !== '') inline = (inline ?? '') + unescapeText(piece);
      target = undefined;
    },
  });

  function finish() {
    const cell = finishCell();
    if (!cell) return;
    tally.cell(at[0], at[1]);
    put(at[0], at[1], cell);
  }

  return { rows, needed };
}

/** The shared strings the sheet refers to (and no more: the table may hold other sheets' too). */
async function sharedStrings(parts: Parts, path: string, needed: Set<number>): Promise<Map<number, string>> {
  const strings = new Map<number, string>();
  if (!needed.size) return strings;
  let last = 0;
  for (const index of needed) if (index > last) last = index;
  let index = -1;
  let inPhonetic = false;
  let inText = false;
  let text: string[] = [];
  let piece = '';
  await parts.scan(
    path,
    {
      open(name) {
        if (name === 'si') {
          index++;
          text = [];
        } else if (name === 'rPh') inPhonetic = true;
        else if (name === 't' && !inPhonetic) {
          inText = true;
          piece = '';
        }
      },
      text(chunk) {
        if (inText) piece += chunk;
      },
      close(name) {
        if (name === 'rPh') inPhonetic = false;
        else if (name === 't' && inText) {
          inText = false;
          text.push(unescapeText(piece));
        } else if (name === 'si' && needed.has(index)) strings.set(index, text.join(''));
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
  const { rows, needed } = await readWorksheet(parts, sheet.target, isDate, date1904);
  const strings = await sharedStrings(parts, ofType(rels, 'sharedStrings') ?? 'xl/sharedStrings.xml', needed);

  const breathe = breather();
  for (const [row, cells] of rows) {
    for (const [column, cell] of cells) {
      if (!('sst' in cell)) continue;
      const text = strings.get(cell.sst);
      if (text === undefined) throw unreadable(`a cell of row ${row} refers to a shared string the file does not hold`);
      cells.set(column, { text });
    }
    await breathe();
  }
  return rows as SparseSheet;
}
