// npm run bench: the directory at the size of a big province's OCOP programme.
// Seeds 10,000 producers with 50,000 products into a fresh database, then measures through
// HTTP, in the same run as a raw-driver baseline (figures are ratios; these machines are
// shared and noisy):
//   - search latency (median, p95) for name/place/product queries and filters (target p95 < 50 ms)
//   - a 5,000-row producers import, preview + commit (target < 15 s), twice (the first after a
//     start also compiles its queries), and meanwhile how long the server stops answering: the
//     event loop's longest stall and the latency of searches made every 50 ms
// BENCH_POSTGRES_URL=postgresql://… runs it on PostgreSQL as well.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import request from 'supertest';
import Database from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { createApp } from '../../server/app.ts';
import { prepareDatabase } from '../../server/db/prepare.ts';
import { sqliteFile } from '../../server/db/database.ts';
import { hashPassword } from '../../server/modules/auth/password.ts';
import { foldForSearch } from '../../server/modules/directory/fold.ts';
import { producerSearchText, productSearchText } from '../../server/modules/directory/search-text.ts';
import type { Prisma } from '../../server/db/database.ts';
import { certificateExpiry } from '../../server/modules/directory/certificate.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 10_000);
const PRODUCTS_PER_PRODUCER = 5;
const SEARCH_RUNS = 200;
const IMPORT_ROWS = 5_000;

const WORDS = ['Cà phê', 'Hồ tiêu', 'Mật ong', 'Sầu riêng', 'Gạo ST25', 'Hạt điều', 'Ca cao', 'Mắc ca', 'Bơ sáp', 'Trà'];
const PLACES = ['Krông Pắc', 'Ea Kar', "Cư M'gar", 'Buôn Hồ', 'Lắk', 'Ea H’leo', 'Krông Năng', 'Buôn Đôn'];
const PROVINCES = ['dak-lak', 'can-tho', 'gia-lai', 'lam-dong', 'quang-ngai'];
const PROVINCE_NAMES: Record<string, string> = {
  'dak-lak': 'Đắk Lắk',
  'can-tho': 'Cần Thơ',
  'gia-lai': 'Gia Lai',
  'lam-dong': 'Lâm Đồng',
  'quang-ngai': 'Quảng Ngãi',
};
const CATEGORIES = ['coffee', 'pepper', 'honey', 'durian', 'rice', 'cashew', 'cocoa', 'macadamia', 'avocado', 'beverage'];
const LEGAL = ['enterprise', 'cooperative', 'cooperative_group', 'household'];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function seed(database: TestDatabase) {
  const prisma = database.db.prisma;
  const decided = new Date(Date.UTC(2025, 2, 10));
  for (let start = 0; start < PRODUCERS; start += 1000) {
    const producers: Prisma.ProducerCreateManyInput[] = [];
    const products: Prisma.ProductCreateManyInput[] = [];
    for (let i = start; i < start + 1000; i++) {
      const provinceId = PROVINCES[i % PROVINCES.length]!;
      const name = `${['HTX', 'Công ty TNHH', 'Tổ hợp tác', 'Hộ kinh doanh'][i % 4]} ${WORDS[i % WORDS.length]} ${PLACES[i % PLACES.length]} số ${i}`;
      const productNames = Array.from(
        { length: PRODUCTS_PER_PRODUCER },
        (_, j) => `${WORDS[(i + j) % WORDS.length]} loại ${j + 1}`,
      );
      const id = `bench-p-${i}`;
      producers.push({
        id,
        name,
        nameFolded: foldForSearch(name),
        searchText: producerSearchText({
          name,
          locality: PLACES[i % PLACES.length]!,
          provinceName: PROVINCE_NAMES[provinceId]!,
          productNames,
        }),
        legalType: LEGAL[i % 4]!,
        provinceId,
        locality: PLACES[i % PLACES.length]!,
      });
      productNames.forEach((productName, j) => {
        const stars = [3, 4, 5, null][(i + j) % 4] ?? null;
        products.push({
          id: `bench-x-${i}-${j}`,
          producerId: id,
          name: productName,
          nameFolded: foldForSearch(productName),
          searchText: productSearchText(productName, {
            name,
            locality: PLACES[i % PLACES.length]!,
            provinceName: PROVINCE_NAMES[provinceId]!,
          }),
          category: CATEGORIES[(i + j) % CATEGORIES.length]!,
          stars,
          certDecisionDate: stars ? decided : null,
          certExpiresAt: stars ? certificateExpiry(decided) : null,
        });
      });
    }
    await prisma.producer.createMany({ data: producers });
    await prisma.product.createMany({ data: products });
  }
}

const QUERIES = [
  '/api/producers?q=ca%20phe',
  '/api/producers?q=dak%20lak&pageSize=50',
  '/api/producers?q=mat%20ong%20krong%20pac',
  '/api/producers?q=so%209999',
  '/api/producers?provinceId=dak-lak&legalType=cooperative&category=coffee&minStars=4',
  '/api/producers?q=ho%20tieu&page=20',
  '/api/products?q=sau%20rieng&minStars=4',
  '/api/buyers?q=bigc',
];

function importCsv(rows: number, name: string): string {
  const lines = ['Tên chủ thể,Loại hình,Tỉnh,Địa chỉ'];
  for (let i = 0; i < rows; i++) lines.push(`${name} số ${i},HTX,Đắk Lắk,Xã Ea Tu`);
  return lines.join('\n');
}

/**
 * Previews and commits one sheet while others keep using the app (a search every 50 ms),
 * and says how long each took and how long the server stopped answering meanwhile.
 */
async function measureImport(http: ReturnType<typeof request>, cookie: string, label: string, csv: string): Promise<string[]> {
  const stall = monitorEventLoopDelay({ resolution: 5 });
  const during: number[] = [];
  let importing = true;
  const searches = (async () => {
    for (let i = 0; importing; i++) {
      const s = performance.now();
      await http.get(QUERIES[i % QUERIES.length]!).set('Cookie', cookie);
      during.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const send = async (step: 'preview' | 'commit') => {
    stall.reset();
    stall.enable();
    const s = performance.now();
    const res = await http.post(`/api/imports/producers/${step}`).set('Cookie', cookie).set('Content-Type', 'text/csv').send(csv);
    stall.disable();
    if (res.status !== 200) throw new Error(`${step} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return { ms: performance.now() - s, stallMs: stall.max / 1e6 };
  };
  const preview = await send('preview');
  const commit = await send('commit');
  importing = false;
  await searches;
  during.sort((a, b) => a - b);
  return [
    `${label}, ${IMPORT_ROWS} rows: preview ${fmt(preview.ms)}, commit ${fmt(commit.ms)}, total ${((preview.ms + commit.ms) / 1000).toFixed(2)} s (target < 15 s)`,
    `  meanwhile: longest event-loop stall ${fmt(preview.stallMs)} in the preview, ${fmt(commit.stallMs)} in the commit; ` +
      `${during.length} searches, median ${fmt(pct(during, 0.5))}, max ${fmt(during.at(-1) ?? 0)}`,
  ];
}

async function run(label: string, database: TestDatabase) {
  const t0 = performance.now();
  await prepareDatabase(database.db, { demoData: true });
  await seed(database);
  // As at a restart after a big import: migrate() refreshes the planner's statistics.
  if (!process.env.BENCH_NO_OPTIMIZE) await database.db.migrate();
  const seedMs = performance.now() - t0;
  await database.db.prisma.user.create({
    data: { email: 'bench@demo.ocop.vn', name: 'Bench', role: 'organiser', passwordHash: await hashPassword('bench-password') },
  });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, LOGIN_MAX_ATTEMPTS: '1000' });
  const { app } = createApp({ config, db: database.db, logger: createLogger('silent') });
  const server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const http = request(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const login = await http.post('/api/auth/login').send({ email: 'bench@demo.ocop.vn', password: 'bench-password' });
  const cookie = String(login.headers['set-cookie']?.[0]).split(';')[0]!;

  for (const q of QUERIES) await http.get(q).set('Cookie', cookie); // warm up
  const times: number[] = [];
  for (let i = 0; i < SEARCH_RUNS; i++) {
    const q = QUERIES[i % QUERIES.length]!;
    const s = performance.now();
    const res = await http.get(q).set('Cookie', cookie);
    times.push(performance.now() - s);
    if (res.status !== 200) throw new Error(`${q} → ${res.status}`);
  }
  times.sort((a, b) => a - b);
  const perKind = QUERIES.map((q) => {
    const own: number[] = [];
    return { q, own };
  });
  if (process.env.BENCH_DETAIL) {
    for (const k of perKind) {
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        await http.get(k.q).set('Cookie', cookie);
        k.own.push(performance.now() - s);
      }
      process.stdout.write(`  ${k.q}: ${fmt(Math.min(...k.own))}\n`);
    }
  }

  // Raw-driver baseline: the same folded-word LIKE, count and one page, straight through
  // better-sqlite3 or pg, with no HTTP, validation, Prisma or JSON in between.
  const rawTimes: number[] = [];
  let rawDriver: string;
  if (database.db.provider === 'sqlite') {
    rawDriver = 'better-sqlite3';
    const raw = new Database(sqliteFile(database.url), { readonly: true });
    const count = raw.prepare(`SELECT count(*) FROM Producer WHERE searchText LIKE ? AND searchText LIKE ?`);
    const page = raw.prepare(
      `SELECT * FROM Producer WHERE searchText LIKE ? AND searchText LIKE ? ORDER BY nameFolded, id LIMIT 50`,
    );
    for (let i = 0; i < SEARCH_RUNS; i++) {
      const s = performance.now();
      count.get('%ca%', '%phe%');
      page.all('%ca%', '%phe%');
      rawTimes.push(performance.now() - s);
    }
    raw.close();
  } else {
    rawDriver = 'pg';
    const raw = new pg.Client({ connectionString: database.url });
    await raw.connect();
    const where = `"searchText" LIKE $1 AND "searchText" LIKE $2`;
    for (let i = 0; i < SEARCH_RUNS; i++) {
      const s = performance.now();
      await raw.query(`SELECT count(*) FROM "Producer" WHERE ${where}`, ['%ca%', '%phe%']);
      await raw.query(`SELECT * FROM "Producer" WHERE ${where} ORDER BY "nameFolded", "id" LIMIT 50`, ['%ca%', '%phe%']);
      rawTimes.push(performance.now() - s);
    }
    await raw.end();
  }
  rawTimes.sort((a, b) => a - b);
  const baselineP95 = pct(rawTimes, 0.95);

  // The first import after a start also compiles its queries; the second shows the steady state.
  const imports = [
    await measureImport(http, cookie, 'first import after start', importCsv(IMPORT_ROWS, 'HTX Nhập khẩu')),
    await measureImport(http, cookie, 'second import', importCsv(IMPORT_ROWS, 'HTX Nhập lần hai')),
  ];
  server.close();

  process.stdout.write(
    [
      `\n== ${label}: ${PRODUCERS} producers, ${PRODUCERS * PRODUCTS_PER_PRODUCER} products (seeded in ${(seedMs / 1000).toFixed(1)} s)`,
      `search over HTTP, ${SEARCH_RUNS} requests of ${QUERIES.length} kinds: median ${fmt(pct(times, 0.5))}, p95 ${fmt(pct(times, 0.95))}, max ${fmt(times.at(-1)!)} (target p95 < 50 ms)`,
      `raw ${rawDriver} baseline (count + page of one two-word query): p95 ${fmt(baselineP95)}; HTTP p95 / raw p95 = ${(pct(times, 0.95) / baselineP95).toFixed(1)}×`,
      ...imports.flat(),
      '',
    ].join('\n'),
  );
}

const sqlite = await createTestDatabase();
try {
  await run('SQLite', sqlite);
} finally {
  // BENCH_KEEP=1 leaves the seeded file for looking at query plans.
  if (process.env.BENCH_KEEP) process.stdout.write(`kept ${sqlite.url}\n`);
  else await sqlite.drop();
}
if (process.env.BENCH_POSTGRES_URL) {
  process.env.TEST_POSTGRES_URL = process.env.BENCH_POSTGRES_URL;
  const pg = await createTestDatabase();
  try {
    await run('PostgreSQL', pg);
  } finally {
    await pg.drop();
  }
}
