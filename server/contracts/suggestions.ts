// Matchmaking suggestions: for a producer, the buyers of a session ranked by how well they fit
// its products; for a buyer, the producers of the directory that fit what it buys. Each answer
// says why with stable reason codes and their params, which the client translates.
import { z } from 'zod';
import { idSchema } from './common.ts';

export const fitReasonCodes = [
  /** the buyer buys this category and the producer has a product in it that meets the buyer's minimum stars */
  'category',
  /** the buyer states no categories: any category is taken */
  'category_any',
  /** the best such product's stars (valid certificate) reach the buyer's minimum: params minStars, stars */
  'min_stars_met',
  /** the buyer has no minimum; the best such product carries these stars (valid certificate): params stars */
  'stars',
  /** one of the buyer's regions covers the producer's province: params region, match (province | area | nationwide) */
  'region',
  /** a product's monthly capacity covers the volume the buyer states (a weak signal): params wanted, capacity */
  'volume',
  /** at a conference: the two are of different provinces, the pairs the conference is for (listed first): params province */
  'other_province',
  /** why a listed buyer does not fit: it buys none of the producer's categories */
  'no_shared_category',
  /** why a listed buyer does not fit: the producer's products in this category are below its minimum: params category, minStars */
  'stars_below_min',
] as const;
export type FitReasonCode = (typeof fitReasonCodes)[number];

export const fitReasonSchema = z.object({
  code: z.enum(fitReasonCodes),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FitReason = z.infer<typeof fitReasonSchema>;

const fitFields = {
  /** 0-100: higher fits better; every fitting one scores above every one that does not */
  score: z.number().int().min(0).max(100),
  fits: z.boolean(),
  reasons: z.array(fitReasonSchema),
  /** slots of the session where the buyer has a free representative and does not block it, and the producer is free */
  freeSlotIds: z.array(idSchema),
};

export const suggestedBuyerSchema = z.object({
  buyer: z.object({ id: idSchema, name: z.string(), orgType: z.string(), province: z.string(), provinceId: idSchema }),
  ...fitFields,
});
export type SuggestedBuyerDto = z.infer<typeof suggestedBuyerSchema>;

export const suggestedProducerSchema = z.object({
  producer: z.object({ id: idSchema, name: z.string(), legalType: z.string(), province: z.string(), provinceId: idSchema }),
  ...fitFields,
});
export type SuggestedProducerDto = z.infer<typeof suggestedProducerSchema>;

export const buyerSuggestionsQuerySchema = z.object({
  /** Organisers and officials name the producer; a producer reads its own (its id or none). */
  producerId: idSchema.optional(),
});

export const SUGGESTIONS_PAGE_MAX = 100;
export const producerSuggestionsQuerySchema = z.object({
  /** Organisers and officials name the buyer; a buyer reads its own (its id or none). */
  buyerId: idSchema.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(SUGGESTIONS_PAGE_MAX).default(20),
});
export type ProducerSuggestionsQuery = z.infer<typeof producerSuggestionsQuerySchema>;
