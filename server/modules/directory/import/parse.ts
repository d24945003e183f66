// Reads the first sheet of an .xlsx file, or a UTF-8 CSV (comma or semicolon), into rows of
// text cells. Row numbers are the spreadsheet's own (the header is row 1).
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { DomainError } from '../../../errors.ts';

export interface Sheet {
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

export const MAX_ROWS = 20_000;

const unreadable = (why: string) =>
  new DomainError('VALIDATION_FAILED', `The file could not be read: ${why}`, { fields: [{ path: 'body', message: why }] });

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v && typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return (cell.text ?? '').trim();
}

async function readXlsx(buffer: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadable('not a valid .xlsx workbook');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw unreadable('the workbook has no sheet');
  const out: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell);
    });
    out[number - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(out, (r) => r ?? []);
}

function readCsv(buffer: Buffer): string[][] {
  const text = buffer.toString('utf8');
  if (text.includes('\uFFFD')) throw unreadable('not UTF-8 text; save the sheet as "CSV UTF-8" or .xlsx');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (error) {
    throw unreadable((error as Error).message.slice(0, 200));
  }
}

export async function readSheet(buffer: Buffer): Promise<Sheet> {
  if (!buffer.length) throw unreadable('the file is empty');
  const isZip = buffer[0] === 0x50 && buffer[1] === 0x4b;
  if (!isZip && buffer.subarray(0, 512).includes(0)) throw unreadable('not a spreadsheet (.xlsx or .csv)');
  const table = isZip ? await readXlsx(buffer) : readCsv(buffer);
  const [header, ...body] = table;
  if (!header || header.every((h) => !h)) throw unreadable('the first row must hold the column headers');
  const rows = body
    .map((cells, i) => ({
      row: i + 2,
      cells: cells.map((c) =>
        String(c ?? '')
          .trim()
          .replace(/^'(?=[=+\-@])/, ''),
      ),
    }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length > MAX_ROWS) throw unreadable(`at most ${MAX_ROWS} rows at a time (this file has ${rows.length})`);
  return { headers: header.map((h) => String(h ?? '').trim()), rows };
}
