// A sheet's header row → the kind's columns, then every data row → field values and the
// reasons a cell was refused. Nothing here knows the database.
import type { ImportKind, ImportRow } from '../../contracts/imports.ts';
import { DomainError } from '../../errors.ts';
import { headerKey, columnsOf, type Column } from './columns.ts';
import type { ProvinceFinder } from './provinces.ts';
import { isBlank, type Sheet } from './sheet.ts';

export const MAX_ROWS = 20_000;

export type RowError = ImportRow['errors'][number];

export interface ReadRow {
  row: number;
  /** Field → value, for the columns the file has. */
  values: Record<string, unknown>;
  errors: RowError[];
}

export interface ReadFile {
  rows: ReadRow[];
  /** The header a field has in this file (what errors and changes are named by). */
  headerOf(field: string): string;
  has(field: string): boolean;
}

export function readRows(kind: ImportKind, sheet: Sheet, finder: ProvinceFinder): ReadFile {
  const { columns, missing } = columnsOf(kind, finder);
  const byKey = new Map<string, Column>();
  for (const c of columns) for (const name of [c.header, ...c.aliases]) byKey.set(headerKey(name), c);

  const mapped: { index: number; column: Column }[] = [];
  const headers = new Map<string, string>();
  sheet.headers.forEach((header, index) => {
    const column = byKey.get(headerKey(header));
    if (!column || headers.has(column.field)) return; // unknown or repeated columns are ignored
    headers.set(column.field, header);
    mapped.push({ index, column });
  });

  const lacking = missing(new Set(headers.keys()));
  if (lacking.length) {
    throw new DomainError('VALIDATION_FAILED', `The file lacks the column(s): ${lacking.join(', ')}`, {
      fields: lacking.map((header) => ({ path: header, message: 'missing column' })),
    });
  }
  if (sheet.rows.length > MAX_ROWS) {
    throw new DomainError('VALIDATION_FAILED', `The file has ${sheet.rows.length} rows; import at most ${MAX_ROWS} at a time`, {
      fields: [{ path: 'body', message: `at most ${MAX_ROWS} rows` }],
    });
  }

  const rows: ReadRow[] = [];
  for (const { row, cells } of sheet.rows) {
    if (mapped.every(({ index }) => isBlank(cells[index] ?? null))) continue;
    const values: Record<string, unknown> = {};
    const errors: RowError[] = [];
    for (const { index, column } of mapped) {
      const read = column.read(cells[index] ?? null);
      if (read.ok) values[column.field] = read.value;
      else errors.push({ field: headers.get(column.field)!, message: read.message });
    }
    rows.push({ row, values, errors });
  }
  const headerOf = (field: string) => headers.get(field) ?? columns.find((c) => c.field === field)?.header ?? field;
  return { rows, headerOf, has: (field) => headers.has(field) };
}
