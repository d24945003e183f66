import { z } from 'zod';

export const importKinds = ['producers', 'products', 'buyers'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindParamsSchema = z.object({ kind: z.enum(importKinds) });

export const exportFormats = ['xlsx', 'csv'] as const;
export const exportQuerySchema = z.object({ format: z.enum(exportFormats).default('xlsx') });

export const importActions = ['create', 'update', 'unchanged', 'error'] as const;
export type ImportAction = (typeof importActions)[number];

export const importRowSchema = z.object({
  /** The spreadsheet row number (the header is row 1). */
  row: z.number().int(),
  action: z.enum(importActions),
  /** What identifies the record: a registration number, a GTIN, or a name. */
  key: z.string(),
  /** A short label for people: the producer's, product's or buyer's name. */
  name: z.string(),
  /** The fields that change, for updates. */
  changes: z.array(z.string()),
  errors: z.array(
    z.object({
      field: z.string(),
      message: z.string(),
      code: z.string().optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  ),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importSummarySchema = z.object({
  total: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importPreviewSchema = z.object({
  kind: z.enum(importKinds),
  rows: z.array(importRowSchema),
  summary: importSummarySchema,
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importCommitSchema = z.object({
  kind: z.enum(importKinds),
  summary: importSummarySchema,
});
export type ImportCommit = z.infer<typeof importCommitSchema>;
