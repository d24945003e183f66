// Reads an uploaded spreadsheet into plain rows of cells: an .xlsx workbook (recognised by
// its zip signature, "PK") or else a UTF-8 CSV, with or without BOM, comma or semicolon.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { DomainError } from '../../errors.ts';

/** A cell as the import reads it: Excel keeps numbers, dates and booleans; CSV gives text. */
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number a spreadsheet program shows (the header is usually 1). */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

const unreadable = (why: string) =>
  new DomainError('VALIDATION_FAILED', `The file could not be read: ${why}`, {
    fields: [{ path: 'body', message: 'Send an .xlsx workbook or a UTF-8 CSV file' }],
  });

const isZip = (file: Buffer) => file.length >= 4 && file[0] === 0x50 && file[1] === 0x4b;

export function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** Exceljs cell values (rich text, links, formulas, errors) down to a plain cell. */
function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plainCell((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text;
    return typeof text === 'string' ? text : plainCell(text as ExcelJS.CellValue);
  }
  if ('error' in value) return String(value.error);
  return null;
}

async function readWorkbook(file: Buffer): Promise<SheetRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw unreadable('it starts like an .xlsx workbook but is not a valid one');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw unreadable('the workbook has no worksheet');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based: values[0] is always empty
    rows.push({ row: row.number, cells: values.slice(1).map(plainCell) });
  });
  return rows;
}

/** The delimiter of the header line: the one of ; , or tab that occurs most outside quotes. */
function delimiterOf(text: string): string {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

function readCsv(file: Buffer): SheetRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw unreadable('it is neither an .xlsx workbook nor UTF-8 text (save the CSV as "CSV UTF-8")');
  }
  if (text.includes('\u0000')) throw unreadable('it is binary, neither an .xlsx workbook nor a CSV file');
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text.replace(/^\uFEFF/, '')),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    throw unreadable(`not a valid CSV (${(error as Error).message.slice(0, 200)})`);
  }
  return records.map((cells, index) => ({ row: index + 1, cells }));
}

/** The first worksheet (or the CSV): its first non-empty row is the header. */
export async function readSheet(file: Buffer): Promise<Sheet> {
  if (file.length === 0) throw unreadable('the file is empty');
  const all = isZip(file) ? await readWorkbook(file) : readCsv(file);
  const filled = all.filter((r) => !r.cells.every(isBlank));
  const [header, ...rows] = filled;
  if (!header) throw unreadable('it has no header row');
  return { headers: header.cells.map((c) => (c === null ? '' : String(c).trim())), rows };
}
