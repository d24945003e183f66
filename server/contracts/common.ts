import { z } from 'zod';

/** Ids are cuids or slugs: letters, digits, '-' and '_'. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a valid id');

/**
 * ISO 8601 with offset, as the API answers every time; within 2000–2099, the years a fair,
 * a booking or a certificate is in (year 1 was a 500 on PostgreSQL and, in Vietnam's zone
 * of that time, an offset of +07:06:30 on the way out).
 */
/** A call that takes no body: nothing, or an empty object (anything else is 400). */
export const noBodySchema = z.object({}).strict().optional();

export const isoDateTime = z.iso.datetime({ offset: true }).refine(
  (v) => {
    const t = Date.parse(v);
    return t >= Date.UTC(2000, 0, 1) && t < Date.UTC(2100, 0, 1);
  },
  { message: 'A time between the years 2000 and 2099', params: { code: 'date_out_of_range' } },
);

export const errorCodes = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  /** A body of a type the call does not take (JSON calls take application/json only). */
  'UNSUPPORTED_MEDIA_TYPE',
  /** The address and headers together are longer than the server reads (16 KB). */
  'HEADERS_TOO_LARGE',
  'INTERNAL',
  /** The database is busy with another change for too long (a big import): retry shortly. */
  'UNAVAILABLE',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const fieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
  /** Stable, for translation: required, too_long, gtin, … (server/contracts/issues.ts). */
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    fields: z.array(fieldErrorSchema).optional(),
  }),
  /** On every 409: what was taken (server/conflicts.ts), e.g. booth, code, application, email, state, idempotency. */
  conflict: z
    .string()
    .optional()
    .describe(
      'On every 409: what was taken or stands in the way, e.g. booth, code, application, email, gtin, state, idempotency',
    ),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
