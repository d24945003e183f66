import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.ts';
import { rule } from './issues.ts';
import { normalizeTaxCode } from './tax-code.ts';

export const legalTypes = ['enterprise', 'cooperative', 'cooperative_group', 'household'] as const;
export type LegalType = (typeof legalTypes)[number];

export const buyerTypes = ['supermarket_chain', 'distributor', 'exporter', 'ecommerce', 'horeca'] as const;
export type BuyerType = (typeof buyerTypes)[number];

export const productCategories = [
  'coffee',
  'pepper',
  'durian',
  'honey',
  'rice',
  'cashew',
  'cocoa',
  'macadamia',
  'avocado',
  'dried_food',
  'processed_food',
  'beverage',
  'herbal',
  'handicraft',
  'textile',
  'tourism',
  'other',
] as const;
export type ProductCategory = (typeof productCategories)[number];

export const ratingLevels = ['district', 'province', 'central'] as const;

/** An OCOP certificate lasts 36 months from its decision date. */
export const CERTIFICATE_MONTHS = 36;
/** Certificates expiring within this many days are flagged as soon expiring. */
export const CERTIFICATE_WARNING_DAYS = 90;

export const provinceRefSchema = z.object({ id: idSchema, name: z.string() });

/** GTIN-8/12/13/14 with a valid check digit (GS1 mod-10). */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

const optionalText = (max: number) => z.string().trim().max(max);
const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), rule('http_link', 'Must be an http(s) link'));
/** VND in a 32-bit integer column on every database: up to 2.1 billion đồng per item. */
const vnd = z.number().int().min(0).max(2_147_483_647);
const isoDate = z.iso.date();

/** Today's date in Vietnam (UTC+7, no daylight saving), as YYYY-MM-DD. */
const todayInVietnam = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The OCOP programme rates products since 2018 (Quyết định 490/QĐ-TTg); no decision lies ahead. */
const certDecisionDate = isoDate
  .refine((v) => v >= '2018-01-01', rule('decision_before_ocop', 'OCOP certificates are issued since 2018'))
  .refine((v) => v <= todayInVietnam(), rule('decision_in_future', 'A decision date cannot be in the future'));

export const gtinSchema = z
  .string()
  .trim()
  .refine(isValidGtin, rule('gtin', 'Not a valid GTIN barcode: 8, 12, 13 or 14 digits with a correct check digit'));

export const certificateStatuses = ['valid', 'expiring', 'expired', 'none'] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];

export const checklistSchema = z.object({
  barcode: z.boolean(),
  traceabilityQr: z.boolean(),
  compliantLabel: z.boolean(),
  packaging: z.boolean(),
  supplyCapacity: z.boolean(),
});
export type Checklist = z.infer<typeof checklistSchema>;

export const productSchema = z.object({
  id: idSchema,
  name: z.string(),
  category: z.string(),
  /** Stars that count: null when unrated or when the certificate has expired. */
  stars: z.number().int().min(3).max(5).nullable(),
  gtin: z.string().nullable(),
});
export type ProductDto = z.infer<typeof productSchema>;

export const productDetailSchema = productSchema.extend({
  producerId: idSchema,
  certificate: z.object({
    stars: z.number().int().nullable(),
    points: z.number().int().nullable(),
    level: z.enum(ratingLevels).nullable(),
    decisionNo: z.string().nullable(),
    decisionDate: isoDate.nullable(),
    expiresOn: isoDate.nullable(),
    status: z.enum(certificateStatuses),
  }),
  traceabilityUrl: z.string().nullable(),
  capacityPerMonth: z.string().nullable(),
  priceMinVnd: z.number().int().nullable(),
  priceMaxVnd: z.number().int().nullable(),
  photoUrls: z.array(z.string()),
  description: z.string(),
  checklist: checklistSchema,
});
export type ProductDetailDto = z.infer<typeof productDetailSchema>;

const ORGANISERS_ONLY =
  'Part of the OCOP certificate: set by organisers; a producer sending a value other than the stored one (null for a new product) gets 403';

export const productFieldsSchema = z
  .object({
    name: optionalText(200).min(2),
    category: z.enum(productCategories),
    stars: z
      .union([z.literal(3), z.literal(4), z.literal(5)])
      .nullable()
      .optional()
      .describe(ORGANISERS_ONLY),
    certPoints: z.number().int().min(50).max(100).nullable().optional().describe(ORGANISERS_ONLY),
    ratingLevel: z.enum(ratingLevels).nullable().optional().describe(ORGANISERS_ONLY),
    certDecisionNo: optionalText(100).nullable().optional().describe(ORGANISERS_ONLY),
    certDecisionDate: certDecisionDate.nullable().optional().describe(ORGANISERS_ONLY),
    gtin: gtinSchema.nullable().optional(),
    traceabilityUrl: httpUrl.nullable().optional(),
    capacityPerMonth: optionalText(100).nullable().optional(),
    priceMinVnd: vnd.nullable().optional(),
    priceMaxVnd: vnd.nullable().optional(),
    photoUrls: z.array(httpUrl).max(10).optional(),
    description: optionalText(4000).optional(),
    hasTraceQr: z.boolean().optional(),
    labelCompliant: z.boolean().optional(),
    packagingReady: z.boolean().optional(),
    supplyReady: z.boolean().optional(),
  })
  .strict();

type ProductRuleInput = Pick<z.infer<typeof productFieldsSchema>, 'priceMinVnd' | 'priceMaxVnd' | 'stars' | 'certDecisionDate'>;

/** Rules across fields; a patch is checked against the product as it would be after it. */
export function productRuleErrors(p: ProductRuleInput): { path: string; message: string; code: string }[] {
  const errors: { path: string; message: string; code: string }[] = [];
  if (p.priceMinVnd != null && p.priceMaxVnd != null && p.priceMinVnd > p.priceMaxVnd) {
    errors.push({ path: 'priceMinVnd', message: 'The lowest price must not be above the highest', code: 'price_order' });
  }
  if (p.stars != null && p.certDecisionDate == null) {
    errors.push({
      path: 'certDecisionDate',
      message: 'Stars need the date of the certificate decision',
      code: 'stars_need_date',
    });
  }
  return errors;
}

export const productInputSchema = productFieldsSchema.superRefine((p, ctx) => {
  for (const e of productRuleErrors(p))
    ctx.addIssue({ code: 'custom', message: e.message, path: [e.path], params: { code: e.code } });
});
export type ProductInput = z.infer<typeof productInputSchema>;
export const productPatchSchema = productFieldsSchema.partial();

/**
 * The OCOP certificate, awarded by a council (SPEC rule 8): only organisers set these fields
 * (or import them). A producer sending one gets 403 naming it, unless it sends back the value
 * already stored (null for a new product), which is no change.
 */
export const certificateFields = ['stars', 'certPoints', 'ratingLevel', 'certDecisionNo', 'certDecisionDate'] as const;
export type CertificateField = (typeof certificateFields)[number];

export const producerSchema = z.object({
  id: idSchema,
  name: z.string(),
  legalType: z.enum(legalTypes),
  province: z.string(),
  provinceId: idSchema,
  locality: z.string(),
  products: z.array(productSchema),
});
export type ProducerDto = z.infer<typeof producerSchema>;

/** Personal data (SPEC rule 7): answered to organisers, officials, buyers and the producer itself. */
const personalContact = (what: string) =>
  z
    .string()
    .optional()
    .describe(
      `${what}. Absent (not empty) when another producer reads the profile: contacts are for organisers, officials, buyers and the producer itself`,
    );

export const producerDetailSchema = producerSchema.extend({
  contactName: personalContact('The contact person'),
  phone: personalContact('Phone'),
  email: personalContact('Email'),
  story: z.string(),
  registrationNo: z.string().nullable(),
  products: z.array(productDetailSchema),
});
export type ProducerDetailDto = z.infer<typeof producerDetailSchema>;

const phone = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === '' || /^[+0-9 ().-]{8,30}$/.test(v), rule('phone', 'Not a phone number'));

export const producerInputSchema = z
  .object({
    name: optionalText(200).min(2),
    legalType: z.enum(legalTypes),
    provinceId: idSchema,
    locality: optionalText(200).optional(),
    contactName: optionalText(120).optional(),
    phone: phone.optional(),
    email: z.union([z.literal(''), z.email().max(254)]).optional(),
    story: optionalText(4000).optional(),
    // Stored, compared and matched in one form: "0101 234 567" and "0101234567" are one producer.
    registrationNo: z
      .string()
      .overwrite(normalizeTaxCode)
      .max(30)
      .refine((v) => /^[0-9A-Z-]*$/.test(v), rule('letters_digits', 'Letters, digits and - only'))
      .nullable()
      .optional(),
  })
  .strict();
export type ProducerInput = z.infer<typeof producerInputSchema>;
export const producerPatchSchema = producerInputSchema.partial();

export const buyerSchema = z.object({
  id: idSchema,
  name: z.string(),
  orgType: z.enum(buyerTypes),
  province: z.string(),
  provinceId: idSchema,
  categories: z.array(z.string()),
  minStars: z.number().int().nullable(),
});
export type BuyerDto = z.infer<typeof buyerSchema>;

export const representativeSchema = z.object({ id: idSchema, name: z.string(), email: z.string(), active: z.boolean() });

export const buyerDetailSchema = buyerSchema.extend({
  regions: z.array(z.string()),
  volumes: z.string(),
  description: z.string(),
  website: z.string(),
  representatives: z.array(representativeSchema),
});
export type BuyerDetailDto = z.infer<typeof buyerDetailSchema>;

export const buyerInputSchema = z
  .object({
    name: optionalText(200).min(2),
    orgType: z.enum(buyerTypes),
    provinceId: idSchema,
    categories: z.array(z.enum(productCategories)).max(30).optional(),
    minStars: z
      .union([z.literal(3), z.literal(4), z.literal(5)])
      .nullable()
      .optional(),
    regions: z.array(optionalText(100).min(1)).max(40).optional(),
    volumes: optionalText(500).optional(),
    description: optionalText(4000).optional(),
    website: z.union([z.literal(''), httpUrl]).optional(),
  })
  .strict();
export type BuyerInput = z.infer<typeof buyerInputSchema>;
export const buyerPatchSchema = buyerInputSchema.partial();

/** A list given as a=1,2 or a=1&a=2. */
const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).max(20));

export const producerQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  provinceId: csv(idSchema).optional(),
  legalType: csv(z.enum(legalTypes)).optional(),
  category: csv(z.enum(productCategories)).optional(),
  /** Minimum stars that count (valid certificate). */
  minStars: z.coerce.number().int().min(3).max(5).optional(),
});
export type ProducerQuery = z.infer<typeof producerQuerySchema>;

export const productQuerySchema = producerQuerySchema;
export type ProductQuery = ProducerQuery;

export const buyerQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  provinceId: csv(idSchema).optional(),
  orgType: csv(z.enum(buyerTypes)).optional(),
  category: csv(z.enum(productCategories)).optional(),
});
export type BuyerQuery = z.infer<typeof buyerQuerySchema>;

/** Kept for the calls that take only a name query. */
export const directoryQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
});
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

export const productParamsSchema = z.object({ productId: idSchema });
export const producerParamsSchema = z.object({ producerId: idSchema });
export const buyerParamsSchema = z.object({ buyerId: idSchema });
