// The directory as a spreadsheet, with the import's own headers, so that an exported file
// imported again changes nothing.
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../../db/database.ts';
import type { ImportKind } from '../../../contracts/imports.ts';
import { COLUMNS } from './columns.ts';

type Cell = string | number | null;

const text = (v: unknown): Cell =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : (v as Cell);
const list = (json: string) => (JSON.parse(json) as string[]).join(', ');

async function records(prisma: Db, kind: ImportKind): Promise<Record<string, unknown>[]> {
  if (kind === 'producers') {
    const rows = await prisma.producer.findMany({
      include: { province: { select: { name: true } } },
      orderBy: [{ nameFolded: 'asc' }, { id: 'asc' }],
    });
    return rows.map((p) => ({ ...p, province: p.province.name }));
  }
  if (kind === 'products') {
    const rows = await prisma.product.findMany({
      include: { producer: { select: { name: true, registrationNo: true, province: { select: { name: true } } } } },
      orderBy: [{ producerId: 'asc' }, { nameFolded: 'asc' }, { id: 'asc' }],
    });
    return rows.map((p) => ({
      ...p,
      producerRegistrationNo: p.producer.registrationNo,
      producerName: p.producer.name,
      producerProvince: p.producer.province.name,
    }));
  }
  const rows = await prisma.buyer.findMany({
    include: { province: { select: { name: true } } },
    orderBy: [{ nameFolded: 'asc' }, { id: 'asc' }],
  });
  return rows.map((b) => ({ ...b, province: b.province.name, categories: list(b.categories), regions: list(b.regions) }));
}

export async function exportTable(prisma: Db, kind: ImportKind): Promise<Cell[][]> {
  const columns = COLUMNS[kind];
  const rows = await records(prisma, kind);
  return [columns.map((c) => c.headers[0]!), ...rows.map((r) => columns.map((c) => text(r[c.field])))];
}

export async function toXlsx(table: Cell[][], sheetName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  for (const row of table) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => {
    column.width = 22;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Text that a spreadsheet would run as a formula gets a leading apostrophe; import strips it. */
export const FORMULA_START = /^[=+\-@\t\r]/;
const defused = (cell: Cell): Cell => (typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell);

/** CSV with a byte-order mark, so Excel shows Vietnamese letters correctly. */
export function toCsv(table: Cell[][]): Buffer {
  return Buffer.from(`\uFEFF${stringify(table.map((row) => row.map(defused)))}`, 'utf8');
}
