// The floor plan of a fair as organisers lay it out: a row or a grid of booths in one step
// ("A01–A40, 3×3 m, standard"), the edit of one booth, and the export of the assignments.
// The booths themselves (BoothDto) and the fair's booth policy are in ./booths.ts.
import { z } from 'zod';
import { rule } from './issues.ts';
import { boothTypes, MAX_BOOTH_PRICE_VND } from './booths.ts';
import { exportFormats } from './imports.ts';

/** At most this many booths in one call: a big fair's hall, not a typing slip of 10^6. */
export const MAX_BOOTHS_PER_GRID = 500;
/** The plan is at most this many metres across and down: positions and far corners stay inside. */
export const MAX_PLAN_METRES = 5_000;

/** Refused as invalid_format. */
const CODE_CHARACTERS = 'Letters, digits, dot, dash, slash or underscore, without spaces';

export const boothCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[\p{L}\p{N}._/-]+$/u, CODE_CHARACTERS);
export const boothZoneSchema = z.string().trim().min(1).max(40);
const metres = z.number().int().min(1).max(100);
const coordinate = z.number().int().min(0).max(MAX_PLAN_METRES);
export const boothPriceSchema = z.number().int().min(0).max(MAX_BOOTH_PRICE_VND);

export const boothGridSchema = z
  .object({
    zone: boothZoneSchema,
    /** Put before each number: 'A' gives A01, A02, …; may be empty. */
    prefix: z
      .string()
      .trim()
      .max(10)
      .regex(/^[\p{L}\p{N}._/-]*$/u, CODE_CHARACTERS)
      .default(''),
    from: z.number().int().min(0).max(99_999),
    to: z.number().int().min(0).max(99_999),
    /** Numbers are padded with zeros to this many digits (2: A01); longer numbers are kept whole. */
    digits: z.number().int().min(1).max(5).default(2),
    /** Booths per row; one row when absent. */
    columns: z.number().int().min(1).max(MAX_BOOTHS_PER_GRID).optional(),
    widthM: metres.default(3),
    depthM: metres.default(3),
    type: z.enum(boothTypes).default('standard'),
    priceVnd: boothPriceSchema.default(0),
    /** Top-left corner of the first booth, in metres. */
    x: coordinate.default(0),
    y: coordinate.default(0),
    /** An aisle between rows, in metres (booths of a row stand side by side). */
    gapM: z.number().int().min(0).max(100).default(0),
  })
  .strict()
  .refine((g) => g.to >= g.from, { ...rule('range_order', 'The last number comes before the first'), path: ['to'] })
  .refine((g) => g.to - g.from + 1 <= MAX_BOOTHS_PER_GRID, {
    ...rule('too_many_booths', `At most ${MAX_BOOTHS_PER_GRID} booths in one step`),
    path: ['to'],
  })
  .refine((g) => boothGridExtent(g).right <= MAX_PLAN_METRES && boothGridExtent(g).bottom <= MAX_PLAN_METRES, {
    ...rule('plan_too_large', `The booths must fit within ${MAX_PLAN_METRES} m of the plan's corner`),
    path: ['columns'],
  });
export type BoothGrid = z.infer<typeof boothGridSchema>;

interface GridShape {
  from: number;
  to: number;
  columns?: number | undefined;
  widthM: number;
  depthM: number;
  x: number;
  y: number;
  gapM: number;
}

/** Where each booth of a grid stands: row by row from (x, y), `columns` to a row. */
export function boothGridCells(g: GridShape & { prefix: string; digits: number }): { code: string; x: number; y: number }[] {
  const count = g.to - g.from + 1;
  const columns = g.columns ?? count;
  return Array.from({ length: count }, (_, i) => ({
    code: `${g.prefix}${String(g.from + i).padStart(g.digits, '0')}`,
    x: g.x + (i % columns) * g.widthM,
    y: g.y + Math.floor(i / columns) * (g.depthM + g.gapM),
  }));
}

function boothGridExtent(g: GridShape): { right: number; bottom: number } {
  const count = Math.max(0, g.to - g.from + 1);
  const columns = Math.min(g.columns ?? count, count);
  const rows = columns > 0 ? Math.ceil(count / columns) : 0;
  return { right: g.x + columns * g.widthM, bottom: g.y + rows * g.depthM + Math.max(0, rows - 1) * g.gapM };
}

/** One booth's edit: any of its fields; blocking an occupied booth is refused (409). */
export const boothPatchSchema = z
  .object({
    code: boothCodeSchema,
    zone: boothZoneSchema,
    type: z.enum(boothTypes),
    widthM: metres,
    depthM: metres,
    priceVnd: boothPriceSchema,
    x: coordinate,
    y: coordinate,
    blocked: z.boolean(),
  })
  .partial()
  .strict();
export type BoothPatch = z.infer<typeof boothPatchSchema>;

export const boothExportQuerySchema = z.object({ format: z.enum(exportFormats).default('xlsx') }).strict();
