// Reads the first sheet of an .xlsx file, or a UTF-8 CSV (comma or semicolon), into rows of
// text cells. Row numbers are the spreadsheet's own (the header is row 1).
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { DomainError } from '../../../errors.ts';

export interface Sheet {
  headers: string[];
  /** `problems` are cells that hold no usable value (a formula error, an unsaved formula), by column index. */
  rows: { row: number; cells: string[]; problems: ({ column: number } & Problem)[] }[];
}

export const MAX_ROWS = 20_000;

const unreadable = (why: string) =>
  new DomainError('VALIDATION_FAILED', `The file could not be read: ${why}`, {
    fields: [{ path: 'body', message: why, code: 'file_unreadable' }],
  });

type Problem = { code: string; message: string; params?: Record<string, string> };
type Cell = { text: string; problem?: Problem };

function scalar(value: unknown): Cell {
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'object' && 'error' in value)
    return {
      text: '',
      problem: {
        code: 'cell_error',
        message: `the cell holds the error ${String(value.error)}`,
        params: { value: String(value.error) },
      },
    };
  if (typeof value === 'object')
    return { text: '', problem: { code: 'cell_unreadable', message: 'the cell holds no readable value' } };
  return { text: String(value as string | number | boolean).trim() };
}

/** A formula counts by the value Excel saved with it; a formula never calculated has none. */
function cellValue(cell: ExcelJS.Cell): Cell {
  const v = cell.value;
  if (v && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined)
      return {
        text: '',
        problem: {
          code: 'formula_unsaved',
          message: 'a formula without a saved value: open the file in Excel and save it again',
        },
      };
    return scalar(result);
  }
  if (v instanceof Date || (v && typeof v === 'object' && 'error' in v)) return scalar(v);
  return { text: (cell.text ?? '').trim() };
}

async function readXlsx(buffer: Buffer): Promise<{ table: string[][]; problems: Map<number, ({ column: number } & Problem)[]> }> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadable('not a valid .xlsx workbook');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw unreadable('the workbook has no sheet');
  const out: string[][] = [];
  const problems = new Map<number, ({ column: number } & Problem)[]>();
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const { text, problem } = cellValue(cell);
      cells[col - 1] = text;
      if (problem) problems.set(number, [...(problems.get(number) ?? []), { column: col - 1, ...problem }]);
    });
    out[number - 1] = Array.from(cells, (c) => c ?? '');
  });
  return { table: Array.from(out, (r) => r ?? []), problems };
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
  const { table, problems } = isZip ? await readXlsx(buffer) : { table: readCsv(buffer), problems: new Map() };
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
      problems: (problems.get(i + 2) ?? []) as ({ column: number } & Problem)[],
    }))
    .filter((r) => r.cells.some((c) => c !== '') || r.problems.length > 0);
  if (rows.length > MAX_ROWS) throw unreadable(`at most ${MAX_ROWS} rows at a time (this file has ${rows.length})`);
  return { headers: header.map((h) => String(h ?? '').trim()), rows };
}
