// Spreadsheet import and export through HTTP against the real database: previews that name
// every bad row, all-or-nothing commits, re-imports that change nothing, 5,000 rows.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const c: Record<string, string> = {};
const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));

beforeAll(async () => {
  t = await startTestServer();
  for (const email of [ORGANISER, OFFICIAL, PRODUCER, BUYER]) c[email] = await t.signIn(email);
});
afterAll(() => t.close());

const send = (path: string, body: Buffer | string, type = 'text/csv') =>
  t.http
    .post(path)
    .set('Cookie', c[ORGANISER]!)
    .set('Content-Type', type)
    .send(Buffer.isBuffer(body) ? body : Buffer.from(body));

type Row = { row: number; action: string; errors: { field: string; message: string }[] };
const byRow = (rows: Row[]) => new Map(rows.map((r) => [r.row, r]));

describe('importing producers', () => {
  it('previews each row: good ones as create, each bad one with its reason', async () => {
    const res = await send('/api/imports/producers/preview', fixture('producers-mixed.csv'));
    expect(res.status).toBe(200);
    const rows = byRow(res.body.rows);
    expect(rows.get(2)?.action).toBe('create');
    expect(rows.get(3)).toMatchObject({ action: 'error', errors: [{ field: 'name', message: 'missing name' }] });
    expect(rows.get(4)).toMatchObject({
      action: 'error',
      errors: [{ field: 'province', message: 'unknown province "Atlantis"' }],
    });
    expect(rows.get(5)?.action).toBe('create');
    expect(res.body.summary).toEqual({ total: 5, create: 3, update: 0, unchanged: 0, error: 2 });
  });

  it('commits nothing when any row has an error, and answers 400 with the bad rows', async () => {
    const before = await t.database.db.prisma.producer.count();
    const res = await send('/api/imports/producers/commit', fixture('producers-mixed.csv'));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.rows.map((r: Row) => r.row)).toEqual([3, 4]);
    expect(await t.database.db.prisma.producer.count()).toBe(before);
  });

  it('commits the good rows, maps the former province Sóc Trăng to Cần Thơ, and a re-import changes nothing', async () => {
    const good = fixture('producers-mixed.csv')
      .toString('utf8')
      .split('\n')
      .filter((_, i) => i !== 2 && i !== 3)
      .join('\n');
    const first = await send('/api/imports/producers/commit', good);
    expect(first.status).toBe(200);
    expect(first.body.summary).toMatchObject({ create: 3, error: 0 });
    const pia = await t.database.db.prisma.producer.findUniqueOrThrow({ where: { registrationNo: '2201234503' } });
    expect(pia.provinceId).toBe('can-tho');

    const found = await t.http.get('/api/producers').query({ q: 'banh pia vung thom' }).set('Cookie', c[BUYER]!);
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(pia.id);

    const again = await send('/api/imports/producers/commit', good);
    expect(again.body.summary).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    const after = await t.database.db.prisma.producer.findUniqueOrThrow({ where: { registrationNo: '2201234503' } });
    expect(after.updatedAt).toEqual(pia.updatedAt);
  });

  it('updates only the fields that changed', async () => {
    const csv =
      'Tên chủ thể,Loại hình,Tỉnh,Điện thoại,Mã số thuế\nCông ty TNHH Bánh pía Vũng Thơm,Doanh nghiệp,Sóc Trăng,0299 3999 999,2201234503\n';
    const preview = await send('/api/imports/producers/preview', csv);
    expect(preview.body.rows[0]).toMatchObject({ action: 'update', changes: ['phone'] });
    await send('/api/imports/producers/commit', csv);
    const pia = await t.database.db.prisma.producer.findUniqueOrThrow({ where: { registrationNo: '2201234503' } });
    expect(pia).toMatchObject({ phone: '0299 3999 999', locality: 'Phường 5', contactName: 'Lâm Thị Sa Ri' });
  });

  it('reads an .xlsx file with Vietnamese headers', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Danh sách');
    sheet.addRow(['Tên chủ thể', 'Loại hình', 'Tỉnh/Thành phố', 'Mã số thuế']);
    sheet.addRow(['Tổ hợp tác Ca cao Ea Kar', 'Tổ hợp tác', 'Đắk Lắk', '6001234599']);
    const res = await send(
      '/api/imports/producers/commit',
      Buffer.from(await book.xlsx.writeBuffer()),
      'application/octet-stream',
    );
    expect(res.status).toBe(200);
    const row = await t.database.db.prisma.producer.findUniqueOrThrow({ where: { registrationNo: '6001234599' } });
    expect(row).toMatchObject({ legalType: 'cooperative_group', provinceId: 'dak-lak' });
  });

  it('imports 5,000 rows in one commit', async () => {
    const lines = ['Tên chủ thể,Loại hình,Tỉnh,Địa chỉ,Mã số thuế'];
    for (let i = 0; i < 5000; i++) lines.push(`HTX Nông sản số ${i},HTX,Đắk Lắk,Xã Ea Tu,${7000000000 + i}`);
    const started = performance.now();
    const res = await send('/api/imports/producers/commit', lines.join('\n'));
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatchObject({ create: 5000, error: 0 });
    expect(await t.database.db.prisma.producer.count({ where: { name: { startsWith: 'HTX Nông sản số ' } } })).toBe(5000);
    process.stdout.write(`[imports] 5,000-row producers commit on ${t.database.db.provider}: ${seconds} s\n`);
  }, 120_000);
});

describe('importing products', () => {
  it('finds producers by registration number, checks barcodes and stars, and sets the certificate expiry', async () => {
    const preview = await send('/api/imports/products/preview', fixture('products-mixed.csv'));
    const rows = byRow(preview.body.rows);
    expect(rows.get(2)?.action).toBe('create');
    expect(rows.get(3)?.errors).toContainEqual({ field: 'stars', message: 'stars must be 3 to 5', code: 'stars_range' });
    expect(rows.get(4)?.errors[0]).toMatchObject({ field: 'gtin' });
    expect(rows.get(4)?.errors[0]?.message).toMatch(/^bad barcode/);
    expect(rows.get(5)?.errors[0]).toMatchObject({ field: 'producer' });

    const good = fixture('products-mixed.csv').toString('utf8').split('\n').slice(0, 2).join('\n');
    expect((await send('/api/imports/products/commit', good)).status).toBe(200);
    const product = await t.database.db.prisma.product.findFirstOrThrow({ where: { gtin: '8934567890120' } });
    expect(product).toMatchObject({
      stars: 4,
      certPoints: 78,
      ratingLevel: 'province',
      priceMinVnd: 120000,
      priceMaxVnd: 180000,
    });
    expect(product.certExpiresAt?.toISOString().slice(0, 10)).toBe('2028-03-15');
    const found = await t.http.get('/api/products').query({ q: 'dat ly rang xay' }).set('Cookie', c[BUYER]!);
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(product.id);
  });
});

describe('export', () => {
  it.each(['producers', 'products', 'buyers'] as const)(
    'exports %s that re-import as unchanged',
    async (kind) => {
      for (const format of ['csv', 'xlsx']) {
        const file = await t.http
          .get(`/api/exports/${kind}?format=${format}`)
          .set('Cookie', c[OFFICIAL]!)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          });
        expect(file.status).toBe(200);
        expect(file.headers['content-disposition']).toMatch(new RegExp(`ocop-${kind}-\\d{4}-\\d\\d-\\d\\d\\.${format}`));
        const preview = await send(`/api/imports/${kind}/preview`, file.body as Buffer, 'application/octet-stream');
        expect(preview.status).toBe(200);
        expect(preview.body.summary.unchanged).toBe(preview.body.summary.total);
      }
    },
    60_000,
  );
});

describe('export safety', () => {
  it('defuses text a spreadsheet would run as a formula, and imports it back as typed', async () => {
    const csv =
      'Tên chủ thể,Loại hình,Tỉnh,Giới thiệu,Mã số thuế\nHTX Công thức,HTX,Đắk Lắk,"=HYPERLINK(""http://x"")",6009990001\n';
    expect((await send('/api/imports/producers/commit', csv)).status).toBe(200);
    const file = await t.http.get('/api/exports/producers?format=csv').set('Cookie', c[ORGANISER]!);
    expect(file.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    const again = await send('/api/imports/producers/preview', Buffer.from(file.text), 'text/csv');
    expect(again.body.summary.unchanged).toBe(again.body.summary.total);
  });
});

describe('who may import', () => {
  it.each([PRODUCER, BUYER, OFFICIAL])('forbids %s to import (403)', async (email) => {
    const res = await t.http
      .post('/api/imports/producers/preview')
      .set('Cookie', c[email]!)
      .set('Content-Type', 'text/csv')
      .send('Tên,Loại hình,Tỉnh\n');
    expect(res.status).toBe(403);
  });

  it('tells a stranger 401 before reading an upload (an 11 MB body gets 401, not 413)', async () => {
    const res = await t.http
      .post('/api/imports/producers/commit')
      .set('Content-Type', 'text/csv')
      .send(Buffer.alloc(11 * 1024 * 1024, 0x61));
    expect(res.status).toBe(401);
  });

  it('answers 400, not 500, to a file that is no spreadsheet, an empty body or missing columns', async () => {
    const garbage = await send(
      '/api/imports/producers/preview',
      Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2, 3]),
      'application/octet-stream',
    );
    expect(garbage.status).toBe(400);
    const empty = await send('/api/imports/producers/preview', '');
    expect(empty.status).toBe(400);
    const columns = await send('/api/imports/producers/preview', 'Tên chủ thể\nHTX A\n');
    expect(columns.status).toBe(400);
    expect(columns.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['Loại hình', 'Tỉnh/Thành phố']);
  });
});
