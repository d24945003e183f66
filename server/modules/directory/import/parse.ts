// Reads the first sheet of an .xlsx file, or a UTF-8 CSV (comma or semicolon), into rows of
// text cells. Row numbers are the spreadsheet's own (the header is row 1). Both readers stream
// within UPLOAD_LIMITS (workbook-limits.ts) and build only the cells that hold a value.
import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse';
import { readXlsx, type Cell, type Problem, type SparseSheet } from './read-xlsx.ts';
import {
  CSV_MAX_FIELDS,
  Tally,
  UPLOAD_LIMITS,
  breather,
  holdsNonText,
  nonTextProblem,
  overLimit,
  tooLongProblem,
  unreadable,
} from './workbook-limits.ts';

export interface Sheet {
  headers: string[];
  /** `problems` are cells that hold no usable value (a formula error, an unsaved formula), by column index. */
  rows: { row: number; cells: string[]; problems: ({ column: number } & Problem)[] }[];
}

export const MAX_ROWS = UPLOAD_LIMITS.rows - 1;

const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');
/** Bytes handed to the CSV parser at once: even a chunk of delimiters only is a few ms of work. */
const CSV_CHUNK = 4 * 1024;
const [QUOTE, CR, LF, SPACE, TAB] = [0x22, 0x0d, 0x0a, 0x20, 0x09];

const NEWLINES = { lf: Buffer.from('\n'), crlf: Buffer.from('\r\n'), cr: Buffer.from('\r') };
type Newline = keyof typeof NEWLINES;

/** The records of a CSV that hold a value, with their row numbers, and what ends a record. */
interface Records {
  kept: Buffer;
  rowOf: number[];
  newline?: Newline;
}

/**
 * Counts a CSV's fields before any is built (csv-parse builds a whole line before it hands it
 * over): a line of millions of delimiters is refused at the limit it passes. Quotes are
 * followed as csv-parse reads them; a quote it would refuse makes the count only smaller.
 * Only the records that hold a value are kept for csv-parse: it spends 10 to 50 µs on any
 * record, so 10 MiB of empty lines (which hold nothing) took it minutes. A record ends as
 * csv-parse ends them: at the first of CRLF, LF or CR that ends one outside quotes.
 */
async function scanCsv(buffer: Buffer, delimiter: number): Promise<Records> {
  const tally = new Tally();
  const breathe = breather();
  const start = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const kept: Buffer[] = [];
  const rowOf: number[] = [];
  let newline: Newline | undefined;
  let row = 1;
  let field = 1;
  let quoted = false;
  let filled = false;
  let holds = false;
  let from = start;
  const endField = () => {
    if (filled) {
      tally.cell(row, field);
      holds = true;
    }
    filled = false;
  };
  const endRecord = (end: number) => {
    endField();
    if (holds) {
      kept.push(buffer.subarray(from, end), NEWLINES[newline ?? 'lf']);
      rowOf.push(row);
    }
    holds = false;
  };
  for (let i = start; i < buffer.length; i++) {
    const byte = buffer[i];
    if (byte === QUOTE) quoted = !quoted;
    else if (quoted) filled = true;
    else if (byte === delimiter) {
      endField();
      if (++field > CSV_MAX_FIELDS)
        throw overLimit(
          'file_too_many_columns',
          UPLOAD_LIMITS.columns,
          `at most ${UPLOAD_LIMITS.columns} columns; row ${row} has more than ${CSV_MAX_FIELDS.toLocaleString('en-US')} fields`,
          { row },
        );
    } else if (byte === LF || byte === CR) {
      newline ??= byte === LF ? 'lf' : buffer[i + 1] === LF ? 'crlf' : 'cr';
      // Another kind of line end is text to csv-parse (and only space to the values).
      const ends = newline === 'lf' ? byte === LF : newline === 'cr' ? byte === CR : byte === CR && buffer[i + 1] === LF;
      if (ends) {
        endRecord(i);
        if (newline === 'crlf') i++;
        from = i + 1;
        row++;
        field = 1;
      }
    } else if (byte !== SPACE && byte !== TAB) filled = true;
    if ((i & 0xfffff) === 0) await breathe();
  }
  endRecord(buffer.length);
  return { kept: Buffer.concat(kept), rowOf, newline };
}

async function readCsv(buffer: Buffer): Promise<SparseSheet> {
  if (!isUtf8(buffer) || buffer.includes(REPLACEMENT)) throw unreadable('not UTF-8 text; save the sheet as "CSV UTF-8" or .xlsx');
  const newline = buffer.indexOf(LF);
  const firstLine = buffer.subarray(0, newline < 0 ? buffer.length : newline).toString('utf8');
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = await scanCsv(buffer, delimiter.charCodeAt(0));

  const rows: SparseSheet = new Map();
  const parser = parse({
    bom: true,
    delimiter,
    // The records as the file ends them, so that a line end of another kind stays text, as it was.
    ...(records.newline ? { record_delimiter: NEWLINES[records.newline].toString() } : {}),
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
    // Kept here, by the row number the record has in the file.
    on_record: (record: string[], info) => {
      const cells = new Map<number, Cell>();
      record.forEach((text, i) => {
        if (text.length > UPLOAD_LIMITS.cellChars) cells.set(i + 1, { text: '', problem: tooLongProblem });
        else if (text !== '') cells.set(i + 1, { text });
      });
      if (cells.size) rows.set(records.rowOf[info.records - 1] ?? info.records, cells);
      return null;
    },
  });
  let failure: Error | undefined;
  parser.on('error', (error) => (failure ??= error));
  const ended = new Promise<void>((resolve) => parser.on('end', resolve).on('error', () => resolve()));
  parser.resume();
  const breathe = breather();
  const { kept } = records;
  for (let at = 0; at < kept.length && !parser.destroyed; at += CSV_CHUNK) {
    parser.write(kept.subarray(at, at + CSV_CHUNK));
    await breathe();
  }
  if (!parser.destroyed) parser.end();
  await ended;
  if (failure) {
    // Its line is the line of what it was given: the row is the file's.
    const at = (failure as { records?: number }).records;
    const row = at !== undefined ? records.rowOf[at] : undefined;
    const message = row !== undefined ? failure.message.replace(/\b(at|on) line \d+/, `in row ${row}`) : failure.message;
    throw unreadable(message.slice(0, 200).trim());
  }
  return rows;
}

export async function readSheet(buffer: Buffer): Promise<Sheet> {
  if (!buffer.length) throw unreadable('the file is empty');
  const isZip = buffer[0] === 0x50 && buffer[1] === 0x4b;
  if (!isZip && buffer.subarray(0, 512).includes(0)) throw unreadable('not a spreadsheet (.xlsx or .csv)');
  const sheet = isZip ? await readXlsx(buffer) : await readCsv(buffer);
  const breathe = breather();

  const texts = (cells: Map<number, Cell> | undefined, width: number) => {
    const out = Array.from({ length: width }, () => '');
    const problems: ({ column: number } & Problem)[] = [];
    for (const [column, { text, problem }] of cells ?? []) {
      // A NUL or half a UTF-16 pair would reach the database: the cell is a problem instead.
      const bad = holdsNonText(text);
      out[column - 1] = bad ? '' : text.trim().replace(/^'(?=[=+\-@])/, '');
      if (problem || bad) problems.push({ column: column - 1, ...(problem ?? nonTextProblem) });
    }
    return { cells: out, problems };
  };
  const widthOf = (cells: Map<number, Cell> | undefined) => Math.max(0, ...(cells?.keys() ?? []));

  const headerCells = sheet.get(1);
  const headers = texts(headerCells, widthOf(headerCells)).cells;
  if (headers.every((h) => !h)) throw unreadable('the first row must hold the column headers');
  const rows: Sheet['rows'] = [];
  for (const row of [...sheet.keys()].filter((r) => r > 1).sort((a, b) => a - b)) {
    const cells = sheet.get(row);
    // Padded to the header, or to the row's own last value: never to the sheet's width.
    const { cells: text, problems } = texts(cells, Math.max(headers.length, widthOf(cells)));
    if (text.some((c) => c !== '') || problems.length > 0) rows.push({ row, cells: text, problems });
    await breathe();
  }
  if (rows.length > MAX_ROWS)
    throw overLimit(
      'file_too_many_rows',
      UPLOAD_LIMITS.rows,
      `at most ${MAX_ROWS.toLocaleString('en-US')} rows besides the header`,
    );
  return { headers, rows };
}
