// What must never happen to the directory, whatever arrives at once or however a sheet is
// shaped: duplicates from racing imports, a product taken over by another producer's
// barcode, a sheet that bypasses the rules the API enforces, unique values answered with 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { BUYER, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const c: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer();
  for (const email of [ORGANISER, PRODUCER, BUYER]) c[email] = await t.signIn(email);
});
afterAll(() => t.close());

const send = (path: string, body: Buffer | string, type = 'text/csv') =>
  t.http
    .post(path)
    .set('Cookie', c[ORGANISER]!)
    .set('Content-Type', type)
    .send(Buffer.isBuffer(body) ? body : Buffer.from(body));

type Row = { row: number; action: string; errors: { field: string; message: string }[] };
const rowsOf = (body: { rows: Row[] }) => new Map(body.rows.map((r) => [r.row, r]));
const prisma = () => t.database.db.prisma;

describe('imports committed at the same time', () => {
  it('create every row once: four commits of one 300-row file at once', async () => {
    const lines = ['Tên chủ thể,Loại hình,Tỉnh/Thành phố,Địa chỉ'];
    for (let i = 0; i < 300; i++) lines.push(`HTX Đua Nhập ${i},Hợp tác xã,Đắk Lắk,Xã Ea Tu`);
    const file = lines.join('\n');
    const answers = await Promise.all(Array.from({ length: 4 }, () => send('/api/imports/producers/commit', file)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => a.body.summary.create).reduce((x, y) => x + y, 0)).toBe(300);
    expect(await prisma().producer.count({ where: { name: { startsWith: 'HTX Đua Nhập ' } } })).toBe(300);
  });

  it('never answer 500 when the racing rows carry tax codes', async () => {
    const lines = ['Tên chủ thể,Loại hình,Tỉnh/Thành phố,Mã số thuế'];
    for (let i = 0; i < 200; i++) lines.push(`Công ty Đua Mã ${i},Doanh nghiệp,Đắk Lắk,77${String(i).padStart(8, '0')}`);
    const file = lines.join('\n');
    const answers = await Promise.all(Array.from({ length: 4 }, () => send('/api/imports/producers/commit', file)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await prisma().producer.count({ where: { registrationNo: { startsWith: '77' } } })).toBe(200);
  });
});

describe('matching sheet rows to stored records', () => {
  it("refuses a row whose barcode is another producer's product, and changes nothing", async () => {
    const other = await prisma().product.findFirstOrThrow({
      where: { gtin: { not: null }, producer: { users: { none: { email: PRODUCER } } } },
      select: { id: true, name: true, gtin: true, producerId: true, updatedAt: true },
    });
    const own = await prisma().producer.findFirstOrThrow({ where: { users: { some: { email: PRODUCER } } } });
    await prisma().producer.update({ where: { id: own.id }, data: { registrationNo: '6000000001' } });
    const file = `Mã số thuế chủ thể,Tên sản phẩm,Nhóm,Mã vạch\n6000000001,Mật ong lạ,honey,${other.gtin}`;
    const preview = await send('/api/imports/products/preview', file);
    expect(rowsOf(preview.body).get(2)).toMatchObject({ action: 'error', errors: [expect.objectContaining({ field: 'gtin' })] });
    expect((await send('/api/imports/products/commit', file)).status).toBe(400);
    const after = await prisma().product.findUniqueOrThrow({ where: { id: other.id } });
    expect(after).toMatchObject({ name: other.name, producerId: other.producerId, updatedAt: other.updatedAt });
  });

  it('adds tax codes and barcodes to records stored without them instead of duplicating them', async () => {
    const producer = await prisma().producer.findFirstOrThrow({
      where: { registrationNo: null, products: { some: { gtin: null } } },
      include: { province: true, products: { where: { gtin: null }, take: 1 } },
    });
    const producers = `Tên chủ thể,Loại hình,Tỉnh/Thành phố,Mã số thuế\n"${producer.name}",${producer.legalType},${producer.province.name},6100000099`;
    const p1 = await send('/api/imports/producers/preview', producers);
    expect(rowsOf(p1.body).get(2)).toMatchObject({ action: 'update', changes: ['registrationNo'] });
    expect((await send('/api/imports/producers/commit', producers)).status).toBe(200);

    const product = producer.products[0]!;
    const products = `Mã số thuế chủ thể,Tên sản phẩm,Nhóm,Mã vạch\n6100000099,"${product.name}",${product.category},8930000000019`;
    const p2 = await send('/api/imports/products/preview', products);
    expect(rowsOf(p2.body).get(2)).toMatchObject({ action: 'update', changes: ['gtin'] });
    expect((await send('/api/imports/products/commit', products)).status).toBe(200);
    expect(await prisma().producer.count({ where: { name: producer.name } })).toBe(1);
    expect(await prisma().product.count({ where: { producerId: producer.id, name: product.name } })).toBe(1);
    expect((await prisma().product.findUniqueOrThrow({ where: { id: product.id } })).gtin).toBe('8930000000019');
  });

  it('checks a sheet of some columns together with what is stored, as the API does', async () => {
    const product = await prisma().product.findFirstOrThrow({
      where: { gtin: { not: null }, stars: { not: null }, priceMaxVnd: { not: null } },
      include: { producer: { include: { province: true } } },
    });
    const head = 'Tên chủ thể,Tỉnh/Thành phố,Tên sản phẩm,Nhóm,Mã vạch';
    const start = `"${product.producer.name}",${product.producer.province.name},"${product.name}",${product.category},${product.gtin}`;
    // The lowest price alone, above the stored highest; the decision date emptied under stored stars.
    const tooHigh = `${head},Giá thấp nhất\n${start},${product.priceMaxVnd! + 1000}`;
    const noDate = `${head},Ngày quyết định\n${start},`;
    for (const [file, field] of [
      [tooHigh, 'priceMinVnd'],
      [noDate, 'certDecisionDate'],
    ] as const) {
      const preview = await send('/api/imports/products/preview', file);
      expect(rowsOf(preview.body).get(2)).toMatchObject({ action: 'error', errors: [expect.objectContaining({ field })] });
      expect((await send('/api/imports/products/commit', file)).status).toBe(400);
    }
    const stored = await prisma().product.findUniqueOrThrow({ where: { id: product.id } });
    expect(stored.priceMinVnd).toBe(product.priceMinVnd);
    expect(stored.certDecisionDate).toEqual(product.certDecisionDate);
  });

  it('keeps a buyer findable by its regions when the sheet has no regions column', async () => {
    const buyer = await prisma().buyer.findFirstOrThrow({ where: { regions: { not: '[]' } }, include: { province: true } });
    const region = (JSON.parse(buyer.regions) as string[])[0]!;
    const find = async () =>
      (await t.http.get('/api/buyers').query({ q: region }).set('Cookie', c[ORGANISER]!)).body.items.map(
        (b: { id: string }) => b.id,
      );
    expect(await find()).toContain(buyer.id);
    const file = `Tên,Loại,Tỉnh/Thành phố,Website\n"${buyer.name}",${buyer.orgType},${buyer.province.name},https://example.vn/moi`;
    const res = await send('/api/imports/buyers/commit', file);
    expect(res.status).toBe(200);
    expect(res.body.summary.update).toBe(1);
    expect(await find()).toContain(buyer.id);
  });

  it('reads provinces written with their prefix and accents: "Tỉnh Đắk Lắk", "Thành phố Cần Thơ", "TP. Hồ Chí Minh"', async () => {
    const file = [
      'Tên chủ thể,Loại hình,Tỉnh/Thành phố',
      'HTX Tiền Tố Một,Hợp tác xã,Tỉnh Đắk Lắk',
      'HTX Tiền Tố Hai,Hợp tác xã,Thành phố Cần Thơ',
      'HTX Tiền Tố Ba,Hợp tác xã,TP. Hồ Chí Minh',
      'HTX Tiền Tố Bốn,Hợp tác xã,Tinh Atlantis',
    ].join('\n');
    const rows = rowsOf((await send('/api/imports/producers/preview', file)).body);
    expect([2, 3, 4, 5].map((r) => rows.get(r)?.action)).toEqual(['create', 'create', 'create', 'error']);
  });

  it('refuses formula cells without a usable value and reads a date formula as a date', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sản phẩm');
    sheet.addRow(['Tên chủ thể', 'Tỉnh/Thành phố', 'Tên sản phẩm', 'Nhóm', 'Số sao', 'Ngày quyết định']);
    const producer = await prisma().producer.findFirstOrThrow({ include: { province: true } });
    const base = [producer.name, producer.province.name];
    sheet.addRow([...base, { formula: 'NA()', result: { error: '#N/A' } }, 'coffee', 4, '2025-03-01']);
    sheet.addRow([...base, { formula: 'CONCAT("Cà phê", " bột")' }, 'coffee', 4, '2025-03-01']);
    sheet.addRow([
      ...base,
      'Cà phê công thức ngày',
      'coffee',
      4,
      { formula: 'DATE(2025,3,1)', result: new Date(Date.UTC(2025, 2, 1)) },
    ]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const res = await send(
      '/api/imports/products/preview',
      xlsx,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.status).toBe(200);
    const rows = rowsOf(res.body);
    expect(rows.get(2)).toMatchObject({
      action: 'error',
      errors: expect.arrayContaining([expect.objectContaining({ field: 'name' })]),
    });
    expect(
      rows
        .get(2)
        ?.errors.map((e) => e.message)
        .join(' '),
    ).toContain('#N/A');
    expect(rows.get(3)).toMatchObject({ action: 'error' });
    expect(
      rows
        .get(3)
        ?.errors.map((e) => e.message)
        .join(' '),
    ).toContain('formula without a saved value');
    expect(rows.get(4)?.action).toBe('create');
  });
});

describe('unique values through the API', () => {
  const newProducer = (registrationNo: string) => ({
    name: `Công ty Mã Trùng ${registrationNo || 'trống'} ${Math.random()}`,
    legalType: 'enterprise',
    provinceId: 'dak-lak',
    registrationNo,
  });

  it('answers 409 naming registrationNo when a tax code is taken, and stores an empty one as none', async () => {
    expect((await t.http.post('/api/producers').set('Cookie', c[ORGANISER]!).send(newProducer('6200000001'))).status).toBe(201);
    const taken = await t.http.post('/api/producers').set('Cookie', c[ORGANISER]!).send(newProducer('6200000001'));
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({
      error: { code: 'CONFLICT', fields: [{ path: 'registrationNo' }] },
      conflict: 'registrationNo',
    });
    for (let i = 0; i < 2; i++) {
      const blank = await t.http.post('/api/producers').set('Cookie', c[ORGANISER]!).send(newProducer(''));
      expect(blank.status).toBe(201);
      expect(blank.body.registrationNo).toBeNull();
    }
    const own = (await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!)).body.user.organisationId;
    const stolen = await t.http.patch(`/api/producers/${own}`).set('Cookie', c[PRODUCER]!).send({ registrationNo: '6200000001' });
    expect(stolen.status).toBe(409);
  });

  it('answers 409 naming gtin when a barcode is taken, even by two racing writes', async () => {
    const own = (await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!)).body.user.organisationId;
    const add = (name: string) =>
      t.http
        .post(`/api/producers/${own}/products`)
        .set('Cookie', c[PRODUCER]!)
        .send({ name, category: 'coffee', gtin: '8930000000026' });
    const answers = await Promise.all([add('Cà phê mã một'), add('Cà phê mã hai'), add('Cà phê mã ba')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.fields[0].path).toBe('gtin');
    expect(await prisma().product.count({ where: { gtin: '8930000000026' } })).toBe(1);
  });

  it.each([
    ['in the future', '2099-01-01'],
    ['past year 9999', '9999-12-31'],
    ['before the OCOP programme', '2017-12-31'],
    ['year zero', '0000-01-01'],
  ])('refuses a certificate decision date %s with 400 naming it', async (_why, date) => {
    const own = (await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!)).body.user.organisationId;
    const res = await t.http
      .post(`/api/producers/${own}/products`)
      .set('Cookie', c[PRODUCER]!)
      .send({ name: `Cà phê ngày ${date}`, category: 'coffee', stars: 4, certDecisionDate: date });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('certDecisionDate');
  });
});

describe('search input', () => {
  it('does not let LIKE wildcards match: "kr_ng" finds no Krông producer, "_" is no filter', async () => {
    const list = (q?: string) =>
      t.http
        .get('/api/producers')
        .query(q === undefined ? {} : { q })
        .set('Cookie', c[BUYER]!);
    expect((await list('krong')).body.total).toBeGreaterThan(0);
    expect((await list('kr_ng')).body.total).toBe(0);
    expect((await list('kr%ng')).body.total).toBe(0);
    expect((await list('_')).body.total).toBe((await list()).body.total);
  });
});

describe('buyer search by kind', () => {
  it('finds the supermarket chains by "sieu thi" and the e-commerce buyers by "thuong mai dien tu"', async () => {
    const find = async (q: string) =>
      (await t.http.get('/api/buyers').query({ q, pageSize: 100 }).set('Cookie', c[PRODUCER]!)).body.items as {
        orgType: string;
      }[];
    const chains = await find('sieu thi');
    expect(chains.length).toBe(await prisma().buyer.count({ where: { orgType: 'supermarket_chain' } }));
    expect(chains.length).toBeGreaterThan(0);
    expect(new Set((await find('thuong mai dien tu')).map((b) => b.orgType))).toEqual(new Set(['ecommerce']));
  });
});

describe('refusals the client can translate', () => {
  it('name every refused field with a stable code and its parameters', async () => {
    const own = (await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!)).body.user.organisationId;
    const res = await t.http
      .post(`/api/producers/${own}/products`)
      .set('Cookie', c[PRODUCER]!)
      .send({ category: 'tea', gtin: '8930000000001', certPoints: 49.5, description: 'x'.repeat(4001), colour: 'red' });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.error.fields.map((f: { path: string }) => [f.path, f]));
    expect(byPath.name).toMatchObject({ code: 'required' });
    expect(byPath.category).toMatchObject({ code: 'invalid_option' });
    expect(byPath.gtin).toMatchObject({ code: 'gtin' });
    expect(byPath.certPoints).toMatchObject({ code: 'not_integer' });
    expect(byPath.description).toMatchObject({ code: 'too_long', params: { maximum: 4000 } });
    expect(byPath.body).toMatchObject({ code: 'unknown_field', params: { keys: 'colour' } });
  });
});
