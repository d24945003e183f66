import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.ts';

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

export const provinceRefSchema = z.object({ id: idSchema, name: z.string() });

export const productSchema = z.object({
  id: idSchema,
  name: z.string(),
  category: z.string(),
  stars: z.number().int().min(3).max(5).nullable(),
  gtin: z.string().nullable(),
});
export type ProductDto = z.infer<typeof productSchema>;

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

export const directoryQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
});
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;
