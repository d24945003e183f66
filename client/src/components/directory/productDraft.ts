// A product as its form holds it (strings, as inputs give them), checked before sending and
// turned into the API's ProductInput. The OCOP certificate is the organisers' to record: a
// producer's form shows it read-only and sends none of its fields (the server refuses a change).
import type { ProductCategory, ProductDetailDto, ProductInput } from '../../../../server/contracts/index.ts';
import { isValidGtin, type RatingLevel, type Stars } from './options.ts';

export interface ProductDraft {
  name: string;
  category: ProductCategory | '';
  description: string;
  stars: '' | '3' | '4' | '5';
  certPoints: string;
  ratingLevel: RatingLevel | '';
  certDecisionNo: string;
  certDecisionDate: string;
  gtin: string;
  traceabilityUrl: string;
  capacityPerMonth: string;
  priceMinVnd: string;
  priceMaxVnd: string;
  photoUrls: string;
  hasTraceQr: boolean;
  labelCompliant: boolean;
  packagingReady: boolean;
  supplyReady: boolean;
}

/** Whether the form edits the certificate (organisers) or only shows it (the producer). */
export interface DraftOptions {
  certificate: boolean;
}

/** Message keys of what is wrong, by the field of ProductInput. */
export type DraftProblems = Partial<Record<keyof ProductInput, string>>;

const text = (value: number | string | null | undefined) => (value === null || value === undefined ? '' : String(value));

export function draftOf(product?: ProductDetailDto): ProductDraft {
  const cert = product?.certificate;
  return {
    name: product?.name ?? '',
    category: (product?.category ?? '') as ProductCategory | '',
    description: product?.description ?? '',
    stars: text(cert?.stars) as ProductDraft['stars'],
    certPoints: text(cert?.points),
    ratingLevel: cert?.level ?? '',
    certDecisionNo: cert?.decisionNo ?? '',
    certDecisionDate: cert?.decisionDate ?? '',
    gtin: product?.gtin ?? '',
    traceabilityUrl: product?.traceabilityUrl ?? '',
    capacityPerMonth: product?.capacityPerMonth ?? '',
    priceMinVnd: text(product?.priceMinVnd),
    priceMaxVnd: text(product?.priceMaxVnd),
    photoUrls: (product?.photoUrls ?? []).join('\n'),
    hasTraceQr: product?.checklist.traceabilityQr ?? false,
    labelCompliant: product?.checklist.compliantLabel ?? false,
    packagingReady: product?.checklist.packaging ?? false,
    supplyReady: product?.checklist.supplyCapacity ?? false,
  };
}

const httpLink = /^https?:\/\/\S+$/i;

/** Whole VND or points: digits only (dots and spaces people type as separators are dropped). */
function wholeNumber(value: string): number | null | 'invalid' {
  const cleaned = value.replace(/[.\s,]/g, '');
  if (cleaned === '') return null;
  return /^\d{1,13}$/.test(cleaned) ? Number(cleaned) : 'invalid';
}

function photoList(value: string): string[] {
  return value
    .split(/\s*\n\s*/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function problemsOf(draft: ProductDraft, options: DraftOptions): DraftProblems {
  const problems: DraftProblems = {};
  if (draft.name.trim().length < 2) problems.name = 'products.nameRequired';
  if (!draft.category) problems.category = 'form.required';
  if (options.certificate) {
    const points = wholeNumber(draft.certPoints);
    if (points === 'invalid' || (points !== null && (points < 50 || points > 100)))
      problems.certPoints = 'products.pointsInvalid';
    if (draft.stars && !draft.certDecisionDate) problems.certDecisionDate = 'products.starsNeedDate';
  }
  const gtin = draft.gtin.replace(/\s/g, '');
  if (gtin && !isValidGtin(gtin)) problems.gtin = 'products.gtinInvalid';
  if (draft.traceabilityUrl.trim() && !httpLink.test(draft.traceabilityUrl.trim()))
    problems.traceabilityUrl = 'products.urlInvalid';
  const min = wholeNumber(draft.priceMinVnd);
  const max = wholeNumber(draft.priceMaxVnd);
  if (min === 'invalid') problems.priceMinVnd = 'products.numberInvalid';
  if (max === 'invalid') problems.priceMaxVnd = 'products.numberInvalid';
  if (typeof min === 'number' && typeof max === 'number' && min > max) problems.priceMinVnd = 'products.priceOrder';
  if (photoList(draft.photoUrls).some((url) => !httpLink.test(url))) problems.photoUrls = 'products.urlInvalid';
  return problems;
}

const orNull = (value: string) => value.trim() || null;
const numberOrNull = (value: string) => {
  const n = wholeNumber(value);
  return typeof n === 'number' ? n : null;
};

/** Call after problemsOf found nothing. Without the certificate, none of its fields is sent. */
export function inputOf(draft: ProductDraft, options: DraftOptions): ProductInput {
  const certificate: Partial<ProductInput> = options.certificate
    ? {
        stars: draft.stars ? (Number(draft.stars) as Stars) : null,
        certPoints: numberOrNull(draft.certPoints),
        ratingLevel: draft.ratingLevel || null,
        certDecisionNo: orNull(draft.certDecisionNo),
        certDecisionDate: orNull(draft.certDecisionDate),
      }
    : {};
  return {
    name: draft.name.trim(),
    category: draft.category as ProductCategory,
    description: draft.description.trim(),
    ...certificate,
    gtin: orNull(draft.gtin.replace(/\s/g, '')),
    traceabilityUrl: orNull(draft.traceabilityUrl),
    capacityPerMonth: orNull(draft.capacityPerMonth),
    priceMinVnd: numberOrNull(draft.priceMinVnd),
    priceMaxVnd: numberOrNull(draft.priceMaxVnd),
    photoUrls: photoList(draft.photoUrls),
    hasTraceQr: draft.hasTraceQr,
    labelCompliant: draft.labelCompliant,
    packagingReady: draft.packagingReady,
    supplyReady: draft.supplyReady,
  };
}

/** The fields that differ from the product as it was; rules across fields are checked by the server. */
export function patchOf(before: ProductDraft, after: ProductDraft, options: DraftOptions): Partial<ProductInput> {
  const old = inputOf(before, options) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(inputOf(after, options)).filter(([key, value]) => JSON.stringify(old[key]) !== JSON.stringify(value)),
  ) as Partial<ProductInput>;
}
