// Turns sheet rows into a plan: for each row, what it would create or update, or why it
// cannot be imported. Rows are checked with the same zod schemas as the API. Only the columns
// present in the file are compared and written, so a short sheet never blanks other fields.
import type { z } from 'zod';
import { buyerInputSchema, producerInputSchema, productFieldsSchema, productRuleErrors } from '../../../contracts/directory.ts';
import type { ImportAction, ImportKind, ImportRow } from '../../../contracts/imports.ts';
import { normalizeTaxCode } from '../../../contracts/tax-code.ts';
import { foldForSearch } from '../fold.ts';
import { buyerNameKey } from '../keys.ts';
import { codeOfIssue } from '../../../contracts/issues.ts';
import { codeOf, mapHeaders } from './columns.ts';
import type { Sheet } from './parse.ts';

export type Values = Record<string, unknown>;

export interface Existing {
  id: string;
  values: Values;
  /** For products: the producer that owns it. */
  ownerId?: string;
}

export interface ImportContext {
  /** folded province name (today's or a former one) → today's province id */
  provinceIds: Map<string, string>;
  producersByKey: Map<string, Existing>;
  productsByKey: Map<string, Existing>;
  buyersByKey: Map<string, Existing>;
}

export interface PlannedRow extends ImportRow {
  values: Values;
  /** The stored values of the record it updates. */
  current: Values | null;
  targetId: string | null;
  producerId: string | null;
}

type Issue = { field: string; message: string; code: string; params?: Record<string, string | number> };

/** A tax code as stored and compared: "0101 234 567" and "0101234567" are one producer. */
const taxCode = (text: string) => normalizeTaxCode(text) || null;

export function producerKey(v: { registrationNo?: unknown; name?: unknown; provinceId?: unknown }): string {
  const code = v.registrationNo ? taxCode(String(v.registrationNo)) : null;
  return code ? `reg:${code}` : `name:${foldForSearch(String(v.name ?? ''))}|${String(v.provinceId ?? '')}`;
}
export const productKey = (v: { gtin?: unknown; name?: unknown }, producerId: string) =>
  v.gtin ? `gtin:${String(v.gtin)}` : `p:${producerId}|${foldForSearch(String(v.name ?? ''))}`;
/** A buyer is its name and province, as the unique index of the database has it (keys.ts). */
export const storedBuyerKey = (provinceId: string, nameKey: string) => `${provinceId}|${nameKey}`;
export const buyerKey = (v: { name?: unknown; provinceId?: unknown }) =>
  storedBuyerKey(String(v.provinceId ?? ''), buyerNameKey(String(v.name ?? '')));

function number(text: string): number | string {
  const digits = text.replace(/[.,\s](?=\d{3}(\D|$))/g, '').replace(/\s*(đ|vnd|₫)$/i, '');
  return /^-?\d+$/.test(digits) ? Number(digits) : text;
}

function date(text: string): string {
  const dmy = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  return text.slice(0, 10);
}

const list = (text: string) =>
  text
    .split(/[,;]/)
    .map((x) => x.trim())
    .filter(Boolean);

function zodIssues(error: z.ZodError, input: unknown): Issue[] {
  return error.issues.map((i) => ({ field: String(i.path[0] ?? 'row'), message: i.message, ...codeOfIssue(i, input) }));
}

function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === '' ? null : v instanceof Date ? v.toISOString().slice(0, 10) : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

function compare(values: Values, existing: Existing | undefined): { action: ImportAction; changes: string[] } {
  if (!existing) return { action: 'create', changes: Object.keys(values) };
  const changes = Object.keys(values).filter((k) => !sameValue(values[k], existing.values[k]));
  return { action: changes.length ? 'update' : 'unchanged', changes };
}

/** Raw text of the present columns, keyed by field. */
function rawCells(index: Map<string, number>, cells: string[]): Map<string, string> {
  return new Map([...index].map(([field, at]) => [field, cells[at] ?? '']));
}

function optional(raw: Map<string, string>, field: string, convert: (t: string) => unknown = (t) => t, empty: unknown = null) {
  if (!raw.has(field)) return {};
  const text = raw.get(field)!;
  return { [field]: text === '' ? empty : convert(text) };
}

function province(raw: Map<string, string>, field: string, ctx: ImportContext, issues: Issue[]): string | undefined {
  const text = raw.get(field) ?? '';
  // "Tỉnh Đắk Lắk", "Thành phố Cần Thơ", "TP. Hồ Chí Minh": fold first, then drop the prefix.
  const id = ctx.provinceIds.get(foldForSearch(text).replace(/^(?:(?:tinh|thanh pho)\s+|tp\.?\s*)/, ''));
  if (!id)
    issues.push(
      text
        ? { field: 'province', message: `unknown province "${text}"`, code: 'unknown_province', params: { value: text } }
        : { field: 'province', message: 'missing province', code: 'required' },
    );
  return id;
}

function planProducer(raw: Map<string, string>, ctx: ImportContext, issues: Issue[]) {
  const provinceId = province(raw, 'province', ctx, issues);
  const values: Values = {
    name: raw.get('name') ?? '',
    legalType: codeOf('legalType', raw.get('legalType') ?? ''),
    provinceId: provinceId ?? 'unknown',
    ...optional(raw, 'locality', String, ''),
    ...optional(raw, 'contactName', String, ''),
    ...optional(raw, 'phone', String, ''),
    ...optional(raw, 'email', String, ''),
    ...optional(raw, 'story', String, ''),
    ...optional(raw, 'registrationNo', taxCode),
  };
  const parsed = producerInputSchema.safeParse(values);
  if (!parsed.success) issues.push(...zodIssues(parsed.error, values).filter((i) => !(i.field === 'provinceId' && !provinceId)));
  const key = producerKey(values);
  let existing = ctx.producersByKey.get(key);
  if (!existing && values.registrationNo) {
    // A sheet that adds tax codes: the producer stored without one, by name and province.
    const byName = ctx.producersByKey.get(producerKey({ name: values.name, provinceId: values.provinceId }));
    if (byName && !byName.values.registrationNo) existing = byName;
  }
  return { values, key, existing, producerId: null };
}

function planProduct(raw: Map<string, string>, ctx: ImportContext, issues: Issue[]) {
  const regNo = raw.get('producerRegistrationNo') ?? '';
  let producer: Existing | undefined;
  if (regNo) producer = ctx.producersByKey.get(producerKey({ registrationNo: regNo }));
  else {
    const provinceId = province(raw, 'producerProvince', ctx, issues);
    producer = ctx.producersByKey.get(producerKey({ name: raw.get('producerName') ?? '', provinceId }));
  }
  if (!producer)
    issues.push({
      field: 'producer',
      message: 'unknown producer: import it first, or check its registration number',
      code: 'unknown_producer',
    });
  const stars = raw.get('stars') ?? '';
  if (stars && !['3', '4', '5'].includes(stars))
    issues.push({ field: 'stars', message: 'stars must be 3 to 5', code: 'stars_range' });
  const gtin = raw.get('gtin') ?? '';
  const values: Values = {
    name: raw.get('name') ?? '',
    category: codeOf('category', raw.get('category') ?? ''),
    ...(stars && !['3', '4', '5'].includes(stars) ? {} : optional(raw, 'stars', Number)),
    ...optional(raw, 'certPoints', number),
    ...optional(raw, 'ratingLevel', (t) => codeOf('ratingLevel', t)),
    ...optional(raw, 'certDecisionNo'),
    ...optional(raw, 'certDecisionDate', date),
    ...optional(raw, 'gtin'),
    ...optional(raw, 'traceabilityUrl'),
    ...optional(raw, 'capacityPerMonth'),
    ...optional(raw, 'priceMinVnd', number),
    ...optional(raw, 'priceMaxVnd', number),
  };
  const producerId = producer?.id ?? null;
  const key = productKey(values, producerId ?? 'unknown');
  let existing: Existing | undefined;
  if (producerId) {
    const byGtin = gtin ? ctx.productsByKey.get(productKey({ gtin }, producerId)) : undefined;
    if (byGtin && byGtin.ownerId !== producerId) {
      issues.push({
        field: 'gtin',
        message: `barcode "${gtin}" already belongs to "${String(byGtin.values.name)}" of another producer`,
        code: 'gtin_other_producer',
        params: { value: gtin, product: String(byGtin.values.name) },
      });
    } else if (byGtin) {
      existing = byGtin;
    } else {
      // A sheet that adds barcodes: the producer's product of that name, stored without one.
      const byName = ctx.productsByKey.get(productKey({ name: values.name }, producerId));
      if (byName && (!gtin || !byName.values.gtin)) existing = byName;
    }
  }
  const parsed = productFieldsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of zodIssues(parsed.error, values)) {
      issues.push(
        issue.field === 'gtin'
          ? { ...issue, message: `bad barcode "${gtin}": ${issue.message}`, params: { value: gtin } }
          : issue,
      );
    }
  } else {
    // Rules across fields hold for the product as it would be: a sheet with some columns
    // only is checked together with what is stored, as PATCH /products/:id is.
    const merged = { ...(existing?.values ?? {}), ...parsed.data } as Parameters<typeof productRuleErrors>[0];
    issues.push(...productRuleErrors(merged).map((e) => ({ field: e.path, message: e.message, code: e.code })));
  }
  return { values, key, existing, producerId };
}

function planBuyer(raw: Map<string, string>, ctx: ImportContext, issues: Issue[]) {
  const provinceId = province(raw, 'province', ctx, issues);
  const values: Values = {
    name: raw.get('name') ?? '',
    orgType: codeOf('orgType', raw.get('orgType') ?? ''),
    provinceId: provinceId ?? 'unknown',
    ...optional(raw, 'categories', (t) => list(t).map((c) => codeOf('category', c)), []),
    ...optional(raw, 'minStars', number),
    ...optional(raw, 'regions', list, []),
    ...optional(raw, 'volumes', String, ''),
    ...optional(raw, 'website', String, ''),
  };
  const parsed = buyerInputSchema.safeParse(values);
  if (!parsed.success) issues.push(...zodIssues(parsed.error, values).filter((i) => !(i.field === 'provinceId' && !provinceId)));
  const key = buyerKey(values);
  return { values, key, existing: ctx.buyersByKey.get(key), producerId: null };
}

const PLANNERS = { producers: planProducer, products: planProduct, buyers: planBuyer };

/** Rows planned between two turns of the event loop: a big sheet must not stall the server. */
const ROWS_PER_TURN = 500;
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Answers the missing required headers, or the plan of every row. */
export async function planImport(
  kind: ImportKind,
  sheet: Sheet,
  ctx: ImportContext,
): Promise<{ missing: string[]; rows: PlannedRow[] }> {
  const { index, missing } = mapHeaders(kind, sheet.headers);
  if (missing.length) return { missing, rows: [] };
  const fieldOfColumn = new Map([...index].map(([field, column]) => [column, field]));
  const firstRowOfKey = new Map<string, number>();
  const rows: PlannedRow[] = [];
  for (const [i, { row, cells, problems }] of sheet.rows.entries()) {
    if (i > 0 && i % ROWS_PER_TURN === 0) await breathe();
    const issues: Issue[] = [];
    const { values, key, existing, producerId } = PLANNERS[kind](rawCells(index, cells), ctx, issues);
    if (!String(values.name ?? '').trim())
      issues.splice(
        0,
        issues.length,
        { field: 'name', message: 'missing name', code: 'required' },
        ...issues.filter((i) => i.field !== 'name'),
      );
    for (const problem of problems) {
      const field = fieldOfColumn.get(problem.column);
      if (field)
        issues.push({
          field,
          message: problem.message,
          code: problem.code,
          ...(problem.params ? { params: problem.params } : {}),
        });
    }
    // Two rows are the same record when they share a key or update the same stored record.
    const earlier = firstRowOfKey.get(key) ?? (existing ? firstRowOfKey.get(`id:${existing.id}`) : undefined);
    if (earlier !== undefined)
      issues.push({ field: 'row', message: `the same record as row ${earlier}`, code: 'same_as_row', params: { row: earlier } });
    else {
      firstRowOfKey.set(key, row);
      if (existing) firstRowOfKey.set(`id:${existing.id}`, row);
    }
    const { action, changes } = issues.length ? { action: 'error' as const, changes: [] } : compare(values, existing);
    rows.push({
      row,
      action,
      key,
      name: String(values.name ?? ''),
      changes,
      errors: issues,
      values,
      current: existing?.values ?? null,
      targetId: existing?.id ?? null,
      producerId,
    });
  }
  return { missing, rows };
}
