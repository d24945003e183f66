// The directory's rules: who may edit what, certificate arithmetic, cross-field checks.
import type {
  BuyerDetailDto,
  BuyerDto,
  BuyerInput,
  BuyerQuery,
  ProducerDetailDto,
  ProducerDto,
  ProducerInput,
  ProducerQuery,
  ProductDetailDto,
  ProductInput,
  CertificateField,
} from '../../contracts/directory.ts';
import { certificateFields, productRuleErrors } from '../../contracts/directory.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import { certificateExpiry, certificateStatus, countingStars } from './certificate.ts';
import type { BuyerRow, DirectoryRepository, ProducerRow, ProductRow } from './directory.repository.ts';

const dateOnly = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const parseList = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
};

export function toProductDetail(row: ProductRow, now: Date): ProductDetailDto {
  return {
    id: row.id,
    producerId: row.producerId,
    name: row.name,
    category: row.category,
    stars: countingStars(row.stars, row.certExpiresAt, now) as ProductDetailDto['stars'],
    gtin: row.gtin,
    certificate: {
      stars: row.stars,
      points: row.certPoints,
      level: row.ratingLevel as ProductDetailDto['certificate']['level'],
      decisionNo: row.certDecisionNo,
      decisionDate: dateOnly(row.certDecisionDate),
      expiresOn: dateOnly(row.certExpiresAt),
      status: certificateStatus(row.stars, row.certExpiresAt, now),
    },
    traceabilityUrl: row.traceabilityUrl,
    capacityPerMonth: row.capacityPerMonth,
    priceMinVnd: row.priceMinVnd,
    priceMaxVnd: row.priceMaxVnd,
    photoUrls: parseList(row.photoUrls),
    description: row.description,
    checklist: {
      barcode: row.gtin !== null,
      traceabilityQr: row.hasTraceQr,
      compliantLabel: row.labelCompliant,
      packaging: row.packagingReady,
      supplyCapacity: row.supplyReady,
    },
  };
}

function toProducer(row: ProducerRow, now: Date): ProducerDto {
  return {
    id: row.id,
    name: row.name,
    legalType: row.legalType as ProducerDto['legalType'],
    province: row.province.name,
    provinceId: row.province.id,
    locality: row.locality,
    products: row.products.map((p) => ({
      id: p.id,
      name: p.name,
      category: p.category,
      stars: countingStars(p.stars, p.certExpiresAt, now) as ProducerDto['products'][number]['stars'],
      gtin: p.gtin,
    })),
  };
}

/**
 * A producer's contact person, phone and email are personal data (a household business's
 * phone is its owner's): they go to those who connect it to markets (organisers, officials,
 * buyers) and to the producer itself, never to another producer. Absent, not empty, so that
 * "not given" and "not for you" cannot be confused.
 */
const seesContacts = (viewer: AuthUser, producerId: string) => viewer.role !== 'producer' || viewer.producerId === producerId;

function toProducerDetail(row: ProducerRow, now: Date, withContacts: boolean): ProducerDetailDto {
  return {
    ...toProducer(row, now),
    ...(withContacts ? { contactName: row.contactName, phone: row.phone, email: row.email } : {}),
    story: row.story,
    registrationNo: row.registrationNo,
    products: row.products.map((p) => toProductDetail(p, now)),
  };
}

function toBuyer(row: BuyerRow): BuyerDto {
  return {
    id: row.id,
    name: row.name,
    orgType: row.orgType as BuyerDto['orgType'],
    province: row.province.name,
    provinceId: row.province.id,
    categories: parseList(row.categories),
    minStars: row.minStars,
  };
}

/** Product input → columns: the certificate's expiry is derived, never typed in. */
function productColumns(input: Partial<ProductInput>) {
  const { certDecisionDate, photoUrls, ...rest } = input;
  return {
    ...rest,
    ...(certDecisionDate !== undefined
      ? {
          certDecisionDate: certDecisionDate ? new Date(`${certDecisionDate}T00:00:00Z`) : null,
          certExpiresAt: certDecisionDate ? certificateExpiry(new Date(`${certDecisionDate}T00:00:00Z`)) : null,
        }
      : {}),
    ...(photoUrls !== undefined ? { photoUrls: JSON.stringify(photoUrls) } : {}),
  };
}

function buyerColumns(input: Partial<BuyerInput>) {
  const { categories, regions, ...rest } = input;
  return {
    ...rest,
    ...(categories !== undefined ? { categories: JSON.stringify(categories) } : {}),
    ...(regions !== undefined ? { regions: JSON.stringify(regions) } : {}),
  };
}

/** The certificate fields a producer's input would change: null stands for "nothing stored" on a new product. */
function certificateChanges(input: Partial<ProductInput>, stored: ProductRow | null): CertificateField[] {
  const storedValue: Record<CertificateField, unknown> = {
    stars: stored?.stars ?? null,
    certPoints: stored?.certPoints ?? null,
    ratingLevel: stored?.ratingLevel ?? null,
    // An empty decision number and none are the same to people reading the certificate.
    certDecisionNo: stored?.certDecisionNo || null,
    certDecisionDate: dateOnly(stored?.certDecisionDate ?? null),
  };
  return certificateFields.filter((field) => {
    if (input[field] === undefined) return false;
    const sent = field === 'certDecisionNo' ? input[field] || null : input[field];
    return sent !== storedValue[field];
  });
}

/**
 * The OCOP certificate is awarded by a council and recorded by the organisers (or imported):
 * a producer may send it back as stored (its form may), never change it. Refused whole, with
 * each field named, rather than silently dropped, so that nobody believes a change was saved.
 * What it sent back unchanged is dropped from the write.
 */
function withoutCertificate(user: AuthUser, input: Partial<ProductInput>, stored: ProductRow | null): Partial<ProductInput> {
  if (user.role === 'organiser') return input;
  // The certificate names the product it was awarded to: renaming a certified product, or
  // moving it to another group, would carry the council's stars to something it never rated.
  const certified = stored !== null && (stored.stars !== null || !!stored.certDecisionNo);
  const renamed = certified
    ? (['name', 'category'] as const).filter((f) => input[f] !== undefined && input[f] !== stored[f])
    : [];
  if (renamed.length) {
    const message = `This product holds an OCOP certificate, which names it: only the organisers change its ${renamed.join(', ')}`;
    throw new DomainError('FORBIDDEN', message, {
      fields: renamed.map((path) => ({ path, message, code: 'certified_product_named' })),
    });
  }
  const changed = certificateChanges(input, stored);
  if (changed.length) {
    const message = `Only the organisers record the OCOP certificate: a producer cannot change ${changed.join(', ')}`;
    throw new DomainError('FORBIDDEN', message, {
      fields: changed.map((path) => ({
        path,
        message: 'Recorded by the organisers from the council decision',
        code: 'certificate_organisers_only',
      })),
    });
  }
  const rest: Partial<ProductInput> = { ...input };
  for (const field of certificateFields) delete rest[field];
  return rest;
}

const canEditProducer = (user: AuthUser, producerId: string) =>
  user.role === 'organiser' || (user.role === 'producer' && user.producerId === producerId);
const canEditBuyer = (user: AuthUser, buyerId: string) =>
  user.role === 'organiser' || (user.role === 'buyer' && user.buyerId === buyerId);

export function createDirectoryService(deps: { repo: DirectoryRepository; now: () => Date }) {
  const { repo, now } = deps;

  async function checkProvince(provinceId: string | undefined) {
    if (provinceId !== undefined && !(await repo.provinceExists(provinceId))) {
      throw new DomainError('VALIDATION_FAILED', 'Unknown province', {
        fields: [{ path: 'provinceId', message: 'Unknown province: use an id from /api/provinces', code: 'unknown_province' }],
      });
    }
  }

  function checkProductRules(merged: Parameters<typeof productRuleErrors>[0]) {
    const errors = productRuleErrors(merged);
    if (errors.length) throw new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), { fields: errors });
  }

  async function editableProduct(user: AuthUser, productId: string): Promise<ProductRow> {
    const product = await repo.product(productId);
    if (!product) throw notFound('Product');
    if (!canEditProducer(user, product.producerId))
      throw forbidden('Only the organisers and the producer itself edit its products');
    return product;
  }

  return {
    provinces: () => repo.provinces(),

    async producers(query: ProducerQuery) {
      const t = now();
      const { total, rows } = await repo.producers(query, query, t);
      return { items: rows.map((r) => toProducer(r, t)), total, page: query.page, pageSize: query.pageSize };
    },

    async producer(viewer: AuthUser, id: string): Promise<ProducerDetailDto> {
      const row = await repo.producer(id);
      if (!row) throw notFound('Producer');
      return toProducerDetail(row, now(), seesContacts(viewer, id));
    },

    async createProducer(user: AuthUser, input: ProducerInput): Promise<ProducerDetailDto> {
      await checkProvince(input.provinceId);
      const id = await repo.createProducer({ ...input, registrationNo: input.registrationNo || null }, { actorId: user.id });
      return this.producer(user, id);
    },

    async updateProducer(user: AuthUser, id: string, patch: Partial<ProducerInput>): Promise<ProducerDetailDto> {
      if (!(await repo.producer(id))) throw notFound('Producer');
      if (!canEditProducer(user, id)) throw forbidden('Only the organisers and the producer itself edit this profile');
      await checkProvince(patch.provinceId);
      const registration = patch.registrationNo !== undefined ? { registrationNo: patch.registrationNo || null } : {};
      await repo.updateProducer(id, { ...patch, ...registration }, { actorId: user.id });
      return this.producer(user, id);
    },

    async products(query: ProducerQuery) {
      const t = now();
      const { total, rows } = await repo.products(query, query, t);
      return {
        items: rows.map((r) => ({ ...toProductDetail(r, t), producerName: r.producer.name })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async createProduct(user: AuthUser, producerId: string, input: ProductInput): Promise<ProductDetailDto> {
      if (!(await repo.producer(producerId))) throw notFound('Producer');
      if (!canEditProducer(user, producerId)) throw forbidden('Only the organisers and the producer itself add its products');
      const allowed = withoutCertificate(user, input, null);
      const row = await repo.createProduct(producerId, { ...productColumns(allowed), name: input.name }, { actorId: user.id });
      return toProductDetail(row, now());
    },

    async updateProduct(user: AuthUser, productId: string, input: Partial<ProductInput>): Promise<ProductDetailDto> {
      const current = await editableProduct(user, productId);
      const patch = withoutCertificate(user, input, current);
      checkProductRules({
        priceMinVnd: patch.priceMinVnd !== undefined ? patch.priceMinVnd : current.priceMinVnd,
        priceMaxVnd: patch.priceMaxVnd !== undefined ? patch.priceMaxVnd : current.priceMaxVnd,
        stars: patch.stars !== undefined ? patch.stars : (current.stars as 3 | 4 | 5 | null),
        certDecisionDate: patch.certDecisionDate !== undefined ? patch.certDecisionDate : dateOnly(current.certDecisionDate),
      });
      const row = await repo.updateProduct(productId, productColumns(patch), { actorId: user.id });
      return toProductDetail(row, now());
    },

    async deleteProduct(user: AuthUser, productId: string): Promise<void> {
      const product = await editableProduct(user, productId);
      await repo.deleteProduct(productId, product.producerId, { actorId: user.id });
    },

    async buyers(query: BuyerQuery) {
      const { total, rows } = await repo.buyers(query, query);
      return { items: rows.map(toBuyer), total, page: query.page, pageSize: query.pageSize };
    },

    async buyer(user: AuthUser, id: string): Promise<BuyerDetailDto> {
      const row = await repo.buyer(id);
      if (!row) throw notFound('Buyer');
      // Representatives' names and emails are for the organisers and the buyer's own people.
      const representatives = canEditBuyer(user, id) ? await repo.representatives(id) : [];
      return {
        ...toBuyer(row),
        regions: parseList(row.regions),
        volumes: row.volumes,
        description: row.description,
        website: row.website,
        representatives,
      };
    },

    async createBuyer(user: AuthUser, input: BuyerInput): Promise<BuyerDetailDto> {
      await checkProvince(input.provinceId);
      const id = await repo.createBuyer({ ...buyerColumns(input), name: input.name }, { actorId: user.id });
      return this.buyer(user, id);
    },

    async updateBuyer(user: AuthUser, id: string, patch: Partial<BuyerInput>): Promise<BuyerDetailDto> {
      if (!(await repo.buyer(id))) throw notFound('Buyer');
      if (!canEditBuyer(user, id)) throw forbidden('Only the organisers and the buyer itself edit this profile');
      await checkProvince(patch.provinceId);
      await repo.updateBuyer(id, buyerColumns(patch), { actorId: user.id });
      return this.buyer(user, id);
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
