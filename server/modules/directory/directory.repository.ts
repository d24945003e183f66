// The only code of the directory that knows Prisma. Every write runs in one transaction
// with its activity-log entry, and keeps the folded search columns in step.
import type { Db, Prisma } from '../../db/database.ts';
import { appendActivity } from '../activity/activity.repository.ts';
import { orConflict } from '../../conflicts.ts';
import { foldForSearch } from './fold.ts';
import { buyerNameKey } from './keys.ts';
import { buyerSearchText, producerSearchText, productSearchText } from './search-text.ts';

type Tx = Prisma.TransactionClient;

/**
 * The unique index, not a check beforehand, decides: two writes racing cannot both pass. The
 * loser's error becomes the 409 naming the key it hit (server/conflicts.ts).
 */
const unique = orConflict;

export interface ProducerFilter {
  q?: string | undefined;
  provinceId?: string[] | undefined;
  legalType?: string[] | undefined;
  category?: string[] | undefined;
  minStars?: number | undefined;
}
export interface BuyerFilter {
  q?: string | undefined;
  provinceId?: string[] | undefined;
  orgType?: string[] | undefined;
  category?: string[] | undefined;
}
export interface Page {
  page: number;
  pageSize: number;
}
export interface Actor {
  actorId: string;
}
/** Column values checked by the service's schemas; the repository trusts their shape. */
export type Columns = Record<string, unknown>;

export const productSelect = {
  id: true,
  producerId: true,
  name: true,
  category: true,
  stars: true,
  certPoints: true,
  ratingLevel: true,
  certDecisionNo: true,
  certDecisionDate: true,
  certExpiresAt: true,
  gtin: true,
  traceabilityUrl: true,
  capacityPerMonth: true,
  priceMinVnd: true,
  priceMaxVnd: true,
  photoUrls: true,
  description: true,
  hasTraceQr: true,
  labelCompliant: true,
  packagingReady: true,
  supplyReady: true,
} satisfies Prisma.ProductSelect;
export type ProductRow = Prisma.ProductGetPayload<{ select: typeof productSelect }>;

const producerSelect = {
  id: true,
  name: true,
  legalType: true,
  locality: true,
  contactName: true,
  phone: true,
  email: true,
  story: true,
  registrationNo: true,
  province: { select: { id: true, name: true } },
  products: { select: productSelect, orderBy: { nameFolded: 'asc' } },
} satisfies Prisma.ProducerSelect;
export type ProducerRow = Prisma.ProducerGetPayload<{ select: typeof producerSelect }>;

const buyerSelect = {
  id: true,
  name: true,
  orgType: true,
  categories: true,
  minStars: true,
  regions: true,
  volumes: true,
  description: true,
  website: true,
  province: { select: { id: true, name: true } },
} satisfies Prisma.BuyerSelect;
export type BuyerRow = Prisma.BuyerGetPayload<{ select: typeof buyerSelect }>;

/** Every word of the query must appear, in any order: "ca phe dak lak" finds coffee from Đắk Lắk. */
function wordsFilter(q: string | undefined): { searchText: { contains: string } }[] {
  // % and _ are LIKE wildcards (and \\ an escape) that Prisma's `contains` passes on, and
  // SQLite's LIKE has no default escape: they are dropped, so "_" cannot match every row and
  // "100%" still finds "100%".
  const words = q
    ? foldForSearch(q.replace(/[%_\\]/g, ''))
        .split(' ')
        .filter(Boolean)
        .slice(0, 8)
    : [];
  return words.map((word) => ({ searchText: { contains: word } }));
}

function producerWhere(f: ProducerFilter, now: Date): Prisma.ProducerWhereInput {
  const products: Prisma.ProductWhereInput = {
    ...(f.category?.length ? { category: { in: f.category } } : {}),
    ...(f.minStars ? { stars: { gte: f.minStars }, certExpiresAt: { gt: now } } : {}),
  };
  const and: Prisma.ProducerWhereInput[] = [
    ...wordsFilter(f.q),
    ...(f.provinceId?.length ? [{ provinceId: { in: f.provinceId } }] : []),
    ...(f.legalType?.length ? [{ legalType: { in: f.legalType } }] : []),
    ...(Object.keys(products).length ? [{ products: { some: products } }] : []),
  ];
  return { AND: and };
}

/**
 * Recomputes the search columns of these producers and of all their products, inside the
 * caller's transaction. Every write to a producer or product ends with it; the import uses it too.
 */
export async function refreshProducersSearch(tx: Tx, producerIds: string[]): Promise<void> {
  for (let start = 0; start < producerIds.length; start += 500) {
    const producers = await tx.producer.findMany({
      where: { id: { in: producerIds.slice(start, start + 500) } },
      select: {
        id: true,
        name: true,
        locality: true,
        searchText: true,
        province: { select: { name: true } },
        products: { select: { id: true, name: true, searchText: true } },
      },
    });
    for (const p of producers) {
      const source = { name: p.name, locality: p.locality, provinceName: p.province.name };
      const searchText = producerSearchText({ ...source, productNames: p.products.map((x) => x.name) });
      if (searchText !== p.searchText)
        await tx.producer.update({ where: { id: p.id }, data: { searchText }, select: { id: true } });
      for (const product of p.products) {
        const text = productSearchText(product.name, source);
        if (text !== product.searchText) {
          await tx.product.update({ where: { id: product.id }, data: { searchText: text }, select: { id: true } });
        }
      }
    }
  }
}

const refreshProducerSearch = (tx: Tx, producerId: string) => refreshProducersSearch(tx, [producerId]);

async function refreshBuyerSearch(tx: Tx, buyerId: string): Promise<void> {
  const b = await tx.buyer.findUniqueOrThrow({
    where: { id: buyerId },
    select: { name: true, regions: true, orgType: true, searchText: true, province: { select: { name: true } } },
  });
  const regions = JSON.parse(b.regions) as string[];
  const searchText = buyerSearchText({ name: b.name, provinceName: b.province.name, regions, orgType: b.orgType });
  if (searchText !== b.searchText) await tx.buyer.update({ where: { id: buyerId }, data: { searchText }, select: { id: true } });
}

const log = (tx: Tx, actor: Actor, type: string, payload: unknown) =>
  appendActivity(tx, { stream: 'global', eventId: null, type, actorId: actor.actorId, payload });

export function createDirectoryRepository(prisma: Db) {
  return {
    async producers(filter: ProducerFilter, { page, pageSize }: Page, now: Date) {
      const where = producerWhere(filter, now);
      const [total, rows] = await Promise.all([
        prisma.producer.count({ where }),
        prisma.producer.findMany({
          where,
          select: producerSelect,
          orderBy: [{ nameFolded: 'asc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
      ]);
      return { total, rows };
    },

    producer(id: string): Promise<ProducerRow | null> {
      return prisma.producer.findUnique({ where: { id }, select: producerSelect });
    },

    async products(filter: ProducerFilter, { page, pageSize }: Page, now: Date) {
      const where: Prisma.ProductWhereInput = {
        AND: [
          ...wordsFilter(filter.q),
          ...(filter.category?.length ? [{ category: { in: filter.category } }] : []),
          ...(filter.minStars ? [{ stars: { gte: filter.minStars }, certExpiresAt: { gt: now } }] : []),
          ...(filter.provinceId?.length ? [{ producer: { provinceId: { in: filter.provinceId } } }] : []),
          ...(filter.legalType?.length ? [{ producer: { legalType: { in: filter.legalType } } }] : []),
        ],
      };
      const [total, rows] = await Promise.all([
        prisma.product.count({ where }),
        prisma.product.findMany({
          where,
          select: { ...productSelect, producer: { select: { name: true } } },
          orderBy: [{ nameFolded: 'asc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
      ]);
      return { total, rows };
    },

    provinceExists(id: string): Promise<boolean> {
      return prisma.administrativeUnit.count({ where: { id, level: 'province' } }).then((n) => n > 0);
    },

    provinces() {
      return prisma.administrativeUnit.findMany({
        where: { level: 'province' },
        select: { id: true, name: true },
        orderBy: { name: 'asc' },
      });
    },

    createProducer(data: Columns & { name: string }, actor: Actor): Promise<string> {
      return unique(
        prisma.$transaction(async (tx) => {
          const { id } = await tx.producer.create({
            data: { ...(data as Prisma.ProducerUncheckedCreateInput), nameFolded: foldForSearch(data.name) },
            select: { id: true },
          });
          await refreshProducerSearch(tx, id);
          await log(tx, actor, 'producer:created', { producerId: id });
          return id;
        }),
      );
    },

    updateProducer(id: string, data: Columns & { name?: string }, actor: Actor): Promise<void> {
      return unique(
        prisma.$transaction(async (tx) => {
          await tx.producer.update({
            where: { id },
            data: {
              ...(data as Prisma.ProducerUncheckedUpdateInput),
              ...(data.name ? { nameFolded: foldForSearch(data.name) } : {}),
            },
            select: { id: true },
          });
          await refreshProducerSearch(tx, id);
          await log(tx, actor, 'producer:updated', { producerId: id, fields: Object.keys(data) });
        }),
      );
    },

    product(id: string): Promise<ProductRow | null> {
      return prisma.product.findUnique({ where: { id }, select: productSelect });
    },

    createProduct(producerId: string, data: Columns & { name: string }, actor: Actor): Promise<ProductRow> {
      return unique(
        prisma.$transaction(async (tx) => {
          const row = await tx.product.create({
            data: { ...(data as Prisma.ProductUncheckedCreateInput), producerId, nameFolded: foldForSearch(data.name) },
            select: productSelect,
          });
          await refreshProducerSearch(tx, producerId);
          await log(tx, actor, 'product:created', { producerId, productId: row.id });
          return row;
        }),
      );
    },

    updateProduct(id: string, data: Columns & { name?: string }, actor: Actor): Promise<ProductRow> {
      return unique(
        prisma.$transaction(async (tx) => {
          const row = await tx.product.update({
            where: { id },
            data: {
              ...(data as Prisma.ProductUncheckedUpdateInput),
              ...(data.name ? { nameFolded: foldForSearch(data.name) } : {}),
            },
            select: productSelect,
          });
          await refreshProducerSearch(tx, row.producerId);
          await log(tx, actor, 'product:updated', { productId: id, fields: Object.keys(data) });
          return row;
        }),
      );
    },

    deleteProduct(id: string, producerId: string, actor: Actor): Promise<void> {
      return prisma.$transaction(async (tx) => {
        await tx.product.deleteMany({ where: { id } });
        await refreshProducerSearch(tx, producerId);
        await log(tx, actor, 'product:deleted', { productId: id, producerId });
      });
    },

    async buyers(filter: BuyerFilter, { page, pageSize }: Page) {
      const where: Prisma.BuyerWhereInput = {
        AND: [
          ...wordsFilter(filter.q),
          ...(filter.provinceId?.length ? [{ provinceId: { in: filter.provinceId } }] : []),
          ...(filter.orgType?.length ? [{ orgType: { in: filter.orgType } }] : []),
          // categories is a JSON list of codes: '"coffee"' can only match a whole code
          ...(filter.category?.length ? [{ OR: filter.category.map((c) => ({ categories: { contains: `"${c}"` } })) }] : []),
        ],
      };
      const [total, rows] = await Promise.all([
        prisma.buyer.count({ where }),
        prisma.buyer.findMany({
          where,
          select: buyerSelect,
          orderBy: [{ nameFolded: 'asc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
      ]);
      return { total, rows };
    },

    buyer(id: string): Promise<BuyerRow | null> {
      return prisma.buyer.findUnique({ where: { id }, select: buyerSelect });
    },

    representatives(buyerId: string) {
      return prisma.user.findMany({
        where: { buyerId, role: 'buyer' },
        select: { id: true, name: true, email: true, active: true },
        orderBy: { name: 'asc' },
      });
    },

    /** A buyer is its name and province (keys.ts): a second one of the same is a 409 naming 'name'. */
    createBuyer(data: Columns & { name: string }, actor: Actor): Promise<string> {
      return unique(
        prisma.$transaction(async (tx) => {
          const { id } = await tx.buyer.create({
            data: {
              ...(data as Prisma.BuyerUncheckedCreateInput),
              nameFolded: foldForSearch(data.name),
              nameKey: buyerNameKey(data.name),
            },
            select: { id: true },
          });
          await refreshBuyerSearch(tx, id);
          await log(tx, actor, 'buyer:created', { buyerId: id });
          return id;
        }),
      );
    },

    /** A new name, or a new province, onto another buyer's is a 409 naming 'name'. */
    updateBuyer(id: string, data: Columns & { name?: string }, actor: Actor): Promise<void> {
      return unique(
        prisma.$transaction(async (tx) => {
          await tx.buyer.update({
            where: { id },
            data: {
              ...(data as Prisma.BuyerUncheckedUpdateInput),
              ...(data.name ? { nameFolded: foldForSearch(data.name), nameKey: buyerNameKey(data.name) } : {}),
            },
            select: { id: true },
          });
          await refreshBuyerSearch(tx, id);
          await log(tx, actor, 'buyer:updated', { buyerId: id, fields: Object.keys(data) });
        }),
      );
    },

    /** Fills the search columns of rows written before they existed (run at start; cheap when none). */
    async backfillSearchText(): Promise<number> {
      const [producers, products, buyers] = await Promise.all([
        prisma.producer.findMany({ where: { searchText: '' }, select: { id: true } }),
        prisma.product.findMany({ where: { searchText: '' }, select: { producerId: true }, distinct: ['producerId'] }),
        // Buyers are few (hundreds): every start brings all their search text up to date.
        prisma.buyer.findMany({ select: { id: true } }),
      ]);
      const producerIds = [...new Set([...producers.map((p) => p.id), ...products.map((p) => p.producerId)])];
      if (producerIds.length) await prisma.$transaction((tx) => refreshProducersSearch(tx, producerIds), { timeout: 120_000 });
      for (const { id } of buyers) await prisma.$transaction((tx) => refreshBuyerSearch(tx, id));
      return producerIds.length + buyers.length;
    },
  };
}
export type DirectoryRepository = ReturnType<typeof createDirectoryRepository>;
