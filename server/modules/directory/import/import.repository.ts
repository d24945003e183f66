// Loads what an import is matched against, and applies a checked plan in one transaction.
import { DatabaseBusyError, isPostgresLockTimeout } from '../../../db/busy.ts';
import type { Db } from '../../../db/database.ts';
import type { DatabaseProvider } from '../../../db/migrations-dir.ts';
import type { Prisma } from '../../../db/database.ts';
import type { ImportKind } from '../../../contracts/imports.ts';
import { appendActivity } from '../../activity/activity.repository.ts';
import { certificateExpiry } from '../certificate.ts';
import { conflictOf } from '../../../conflicts.ts';
import { foldForSearch } from '../fold.ts';
import { buyerNameKey } from '../keys.ts';
import { refreshProducersSearch } from '../directory.repository.ts';
import { buyerSearchText, producerSearchText } from '../search-text.ts';
import {
  producerKey,
  productKey,
  storedBuyerKey,
  type Existing,
  type ImportContext,
  type PlannedRow,
  type Values,
} from './plan.ts';

const PRODUCER_FIELDS = [
  'name',
  'legalType',
  'provinceId',
  'locality',
  'contactName',
  'phone',
  'email',
  'story',
  'registrationNo',
] as const;
const PRODUCT_FIELDS = [
  'name',
  'category',
  'stars',
  'certPoints',
  'ratingLevel',
  'certDecisionNo',
  'certDecisionDate',
  'gtin',
  'traceabilityUrl',
  'capacityPerMonth',
  'priceMinVnd',
  'priceMaxVnd',
] as const;

const pick = (row: Record<string, unknown>, fields: readonly string[]): Values =>
  Object.fromEntries(fields.map((f) => [f, row[f]]));
const parseList = (json: string) => JSON.parse(json) as string[];

/**
 * Values as the database wants them: dates as Dates with the certificate's expiry, lists as
 * JSON, a name with its folded forms (and, for a buyer, its key).
 */
function columns(values: Values, kind?: ImportKind): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  if ('name' in values) out.nameFolded = foldForSearch(String(values.name));
  if ('name' in values && kind === 'buyers') out.nameKey = buyerNameKey(String(values.name));
  if ('certDecisionDate' in values) {
    const date = values.certDecisionDate ? new Date(`${String(values.certDecisionDate)}T00:00:00Z`) : null;
    out.certDecisionDate = date;
    out.certExpiresAt = date ? certificateExpiry(date) : null;
  }
  for (const key of ['categories', 'regions']) if (key in values) out[key] = JSON.stringify(values[key]);
  return out;
}

type Tx = Prisma.TransactionClient;

/** Rows written between two turns of the event loop: a long import must not stall the server. */
const CHUNK = 100;
/** Lets other requests and sockets be served between two chunks of an import. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Stored records read per query when matching a sheet: 50,000 products are read in turns. */
const READ_PAGE = 2_000;

/**
 * Every row of a table in pages ordered by id, with a turn of the event loop between pages,
 * so that reading a big directory to match a sheet against does not stall the server.
 */
async function* pagesOf(
  read: (cursor: { take: number; orderBy: { id: 'asc' }; where?: { id: { gt: string } } }) => Promise<unknown[]>,
): AsyncGenerator<Record<string, unknown>[]> {
  let after: string | undefined;
  for (;;) {
    const page = (await read({
      take: READ_PAGE,
      orderBy: { id: 'asc' },
      ...(after ? { where: { id: { gt: after } } } : {}),
    })) as Record<string, unknown>[];
    if (page.length === 0) return;
    yield page;
    if (page.length < READ_PAGE) return;
    after = String(page.at(-1)!.id);
    await breathe();
  }
}

/** Any constant shared by every process of this app (the migrator uses another). */
const IMPORT_LOCK_KEY = 74_210_612;
/** How long an import waits for another to finish before it is answered 503. */
const IMPORT_LOCK_WAIT_MS = 30_000;

async function takeImportLock(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${IMPORT_LOCK_WAIT_MS}`);
  try {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
  } catch (error) {
    if (isPostgresLockTimeout(error)) throw new DatabaseBusyError(IMPORT_LOCK_WAIT_MS);
    throw error;
  }
}

export function createImportRepository(prisma: Db, provider: DatabaseProvider) {
  async function provinceNames(db: Tx | Db = prisma): Promise<Map<string, string>> {
    const rows = await db.administrativeUnit.findMany({ where: { level: 'province' }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** What a sheet is matched against: provinces by name, and the stored records by their keys. */
  async function context(kind: ImportKind, prisma: Tx | Db): Promise<ImportContext> {
    const units = await prisma.administrativeUnit.findMany({
      where: { level: { in: ['province', 'former_province'] } },
      select: { id: true, name: true, level: true, parentId: true },
    });
    const provinceIds = new Map<string, string>();
    // Former provinces first, so a current name that equals a former one wins.
    for (const u of units.filter((x) => x.level === 'former_province'))
      if (u.parentId) provinceIds.set(foldForSearch(u.name), u.parentId);
    for (const u of units.filter((x) => x.level === 'province')) provinceIds.set(foldForSearch(u.name), u.id);

    const producersByKey = new Map<string, Existing>();
    const productsByKey = new Map<string, Existing>();
    const buyersByKey = new Map<string, Existing>();
    if (kind !== 'buyers') {
      const select = Object.fromEntries(['id', ...PRODUCER_FIELDS].map((f) => [f, true]));
      for await (const page of pagesOf((cursor) => prisma.producer.findMany({ select, ...cursor }))) {
        for (const p of page) {
          const existing = { id: String(p.id), values: pick(p, PRODUCER_FIELDS) };
          producersByKey.set(producerKey(p), existing);
          if (p.registrationNo) producersByKey.set(producerKey({ name: p.name, provinceId: p.provinceId }), existing);
        }
      }
    }
    if (kind === 'products') {
      const select = Object.fromEntries(['id', 'producerId', ...PRODUCT_FIELDS].map((f) => [f, true]));
      for await (const page of pagesOf((cursor) => prisma.product.findMany({ select, ...cursor }))) {
        for (const p of page) {
          const existing = { id: String(p.id), values: pick(p, PRODUCT_FIELDS), ownerId: String(p.producerId) };
          productsByKey.set(productKey(p, String(p.producerId)), existing);
          if (p.gtin) productsByKey.set(productKey({ name: p.name }, String(p.producerId)), existing);
        }
      }
    }
    if (kind === 'buyers') {
      const buyers = await prisma.buyer.findMany({
        select: {
          id: true,
          name: true,
          nameKey: true,
          orgType: true,
          provinceId: true,
          categories: true,
          minStars: true,
          regions: true,
          volumes: true,
          website: true,
        },
      });
      // Keyed by the stored key, the one the unique index holds them to.
      for (const { nameKey, ...b } of buyers) {
        buyersByKey.set(storedBuyerKey(b.provinceId, nameKey), {
          id: b.id,
          values: { ...b, categories: parseList(b.categories), regions: parseList(b.regions) },
        });
      }
    }
    return { provinceIds, producersByKey, productsByKey, buyersByKey };
  }

  /** Writes the creates and updates of a checked plan, with one activity entry. */
  async function apply(tx: Tx, kind: ImportKind, rows: PlannedRow[], actorId: string, summary: unknown): Promise<void> {
    const names = await provinceNames(tx);
    const creates = rows.filter((r) => r.action === 'create');
    const updates = rows.filter((r) => r.action === 'update');
    const touchedProducers = new Set<string>();
    const changed = (r: PlannedRow) => columns(Object.fromEntries(r.changes.map((c) => [c, r.values[c]])), kind);
    if (kind === 'producers') {
      for (let i = 0; i < creates.length; i += CHUNK) {
        await breathe();
        await tx.producer.createMany({
          data: creates.slice(i, i + CHUNK).map((r) => {
            const v = r.values as Record<string, string>;
            const searchText = producerSearchText({
              name: v.name!,
              locality: v.locality ?? '',
              provinceName: names.get(v.provinceId!) ?? '',
              productNames: [],
            });
            return { ...(columns(r.values) as Prisma.ProducerCreateManyInput), searchText };
          }),
        });
      }
      for (const [i, r] of updates.entries()) {
        if (i % CHUNK === 0) await breathe();
        await tx.producer.update({ where: { id: r.targetId! }, data: changed(r), select: { id: true } });
        touchedProducers.add(r.targetId!);
      }
    } else if (kind === 'products') {
      for (let i = 0; i < creates.length; i += CHUNK) {
        await breathe();
        await tx.product.createMany({
          data: creates
            .slice(i, i + CHUNK)
            .map((r) => ({ ...(columns(r.values) as Prisma.ProductCreateManyInput), producerId: r.producerId! })),
        });
      }
      for (const [i, r] of updates.entries()) {
        if (i % CHUNK === 0) await breathe();
        await tx.product.update({ where: { id: r.targetId! }, data: changed(r), select: { id: true } });
      }
      for (const r of [...creates, ...updates]) touchedProducers.add(r.producerId!);
    } else {
      for (const [i, r] of [...creates, ...updates].entries()) {
        if (i % CHUNK === 0) await breathe();
        // A sheet without some columns keeps what is stored: search text from both.
        const v = { ...r.current, ...r.values } as { name: string; provinceId: string; regions?: string[]; orgType: string };
        const searchText = buyerSearchText({
          name: v.name,
          provinceName: names.get(v.provinceId) ?? '',
          regions: v.regions ?? [],
          orgType: v.orgType,
        });
        if (r.action === 'create')
          await tx.buyer.create({
            data: { ...(columns(r.values, kind) as Prisma.BuyerCreateInput), searchText },
            select: { id: true },
          });
        else await tx.buyer.update({ where: { id: r.targetId! }, data: { ...changed(r), searchText }, select: { id: true } });
      }
    }
    await breathe();
    await refreshProducersSearch(tx, [...touchedProducers]);
    await appendActivity(tx, {
      stream: 'global',
      eventId: null,
      type: 'directory:imported',
      actorId,
      payload: { kind, summary },
    });
  }

  return {
    /** For the preview: read without a lock; the commit plans again under it. */
    context: (kind: ImportKind) => context(kind, prisma),

    /**
     * Plans and applies in one transaction, so the plan is made against the records as they
     * are when it is written: on PostgreSQL an advisory lock makes imports take turns (two
     * commits of one file at once would otherwise both create every row); SQLite has one
     * writer. `plan` throws to refuse; nothing is then written.
     */
    commit<S extends { create: number; update: number }>(
      kind: ImportKind,
      plan: (ctx: ImportContext) => Promise<{ rows: PlannedRow[]; summary: S }>,
      actorId: string,
    ): Promise<{ rows: PlannedRow[]; summary: S }> {
      return prisma
        .$transaction(
          async (tx) => {
            if (provider === 'postgresql') await takeImportLock(tx);
            const planned = await plan(await context(kind, tx));
            await breathe();
            if (planned.summary.create + planned.summary.update > 0)
              await apply(tx, kind, planned.rows, actorId, planned.summary);
            return planned;
          },
          { timeout: 120_000, maxWait: 30_000 },
        )
        .catch((error: unknown) => {
          // The lock orders imports, not the API's writes: on PostgreSQL a buyer or tax code
          // created by hand after the plan was made refuses the whole import, as the API would.
          throw conflictOf(error) ?? error;
        });
    },
  };
}
export type ImportRepository = ReturnType<typeof createImportRepository>;
