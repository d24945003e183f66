// Keys that match as people expect: one producer per tax code however it is typed, one buyer
// per name and province however the name is spelt, through the API, the import and the
// migration that brought stored data to these keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldForSearch } from '../../server/modules/directory/fold.ts';
import { readMigrations } from '../../server/db/migrate.ts';
import { ORGANISER, PRODUCER } from '../support/accounts.ts';
import { createTestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const c: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer();
  for (const email of [ORGANISER, PRODUCER]) c[email] = await t.signIn(email);
});
afterAll(() => t.close());

const prisma = () => t.database.db.prisma;
const post = (path: string, body: object) => t.http.post(path).set('Cookie', c[ORGANISER]!).send(body);
const patch = (path: string, body: object) => t.http.patch(path).set('Cookie', c[ORGANISER]!).send(body);
const sheet = (path: string, csv: string) =>
  t.http.post(path).set('Cookie', c[ORGANISER]!).set('Content-Type', 'text/csv').send(Buffer.from(csv));

type Row = { row: number; action: string; changes: string[]; errors: { field: string; code?: string }[] };
const rowsOf = (body: { rows: Row[] }) => new Map(body.rows.map((r) => [r.row, r]));

const producer = (name: string, registrationNo: string) => ({
  name,
  legalType: 'enterprise',
  provinceId: 'dak-lak',
  registrationNo,
});
const buyer = (name: string, provinceId: string) => ({ name, orgType: 'distributor', provinceId });

/** The test's own idea of "the same name", independent of the code under test. */
const sameName = (a: string, b: string) => {
  const bare = (s: string) => foldForSearch(s).replace(/[^a-z0-9]/g, '');
  return bare(a) === bare(b);
};
const buyersNamed = async (name: string, provinceId: string) =>
  (await prisma().buyer.findMany({ where: { provinceId }, select: { id: true, name: true } })).filter((b) =>
    sameName(b.name, name),
  );
const provinceName = async (id: string) => (await prisma().administrativeUnit.findUniqueOrThrow({ where: { id } })).name;

function expectTaken(res: { status: number; body: unknown }, field: 'registrationNo' | 'name') {
  expect(res.status).toBe(409);
  expect(res.body).toMatchObject({
    error: {
      code: 'CONFLICT',
      fields: [{ path: field, code: field === 'name' ? 'buyer_name_taken' : 'registration_taken' }],
    },
    conflict: field,
  });
}

describe('tax codes', () => {
  it('are stored in one form, and another spelling of a stored one is refused with 409 naming registrationNo', async () => {
    const first = await post('/api/producers', producer('Hộ kinh doanh Mã Chữ', ' 41n8012345 '));
    expect(first.status).toBe(201);
    expect(first.body.registrationNo).toBe('41N8012345');
    for (const spelling of ['41N8012345', '41n8012345', '41 N80 12345']) {
      expectTaken(await post('/api/producers', producer(`Hộ kinh doanh Chép ${spelling}`, spelling)), 'registrationNo');
    }

    // A branch: its 13 digits are its enterprise's 10, "-" and its 3, however they were typed.
    const branch = await post('/api/producers', producer('Chi nhánh Mã Nhánh', '6300000001001'));
    expect(branch.status).toBe(201);
    expect(branch.body.registrationNo).toBe('6300000001-001');
    for (const spelling of ['6300000001-001', '6300000001 - 001', '6300000001\u2013001']) {
      expectTaken(await post('/api/producers', producer('Chi nhánh Chép', spelling)), 'registrationNo');
    }

    const stored = await prisma().producer.findMany({
      where: { registrationNo: { in: ['41N8012345', '41n8012345', '6300000001-001', '6300000001001'] } },
      select: { registrationNo: true },
    });
    expect(stored.map((p) => p.registrationNo).sort()).toEqual(['41N8012345', '6300000001-001']);
  });

  it("refuses a patch onto another producer's code in another case with 409 naming registrationNo", async () => {
    expect((await post('/api/producers', producer('Công ty Giữ Mã', '7300000001AB'))).status).toBe(201);
    const own = (await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!)).body.user.organisationId as string;
    const res = await t.http.patch(`/api/producers/${own}`).set('Cookie', c[PRODUCER]!).send({ registrationNo: '7300000001ab' });
    expectTaken(res, 'registrationNo');
    expect((await prisma().producer.findUniqueOrThrow({ where: { id: own } })).registrationNo).not.toBe('7300000001ab');
  });

  it('match a sheet row to the producer stored with its code in another case, and flag a sheet holding one code twice', async () => {
    const created = await post('/api/producers', producer('HTX Mã Nhập', '8300000001'));
    expect(created.status).toBe(201);
    const dakLak = await provinceName('dak-lak');
    const head = 'Tên chủ thể,Loại hình,Tỉnh/Thành phố,Mã số thuế,Địa chỉ';

    const one = `${head}\nHTX Mã Nhập,Hợp tác xã,${dakLak}, 8300 000 001 ,Xã Ea Tu`;
    const preview = await sheet('/api/imports/producers/preview', one);
    expect(preview.status).toBe(200);
    expect(rowsOf(preview.body).get(2)).toMatchObject({ action: 'update', changes: ['legalType', 'locality'] });
    expect((await sheet('/api/imports/producers/commit', one)).status).toBe(200);
    expect(await prisma().producer.count({ where: { name: 'HTX Mã Nhập' } })).toBe(1);
    expect(await prisma().producer.findUniqueOrThrow({ where: { id: created.body.id } })).toMatchObject({
      registrationNo: '8300000001',
      locality: 'Xã Ea Tu',
    });

    const twice = `${head}\nCông ty Hai Mã,Doanh nghiệp,${dakLak},83000000AB,\nCông ty Hai Mã Khác,Doanh nghiệp,${dakLak},83000000ab,`;
    const flagged = await sheet('/api/imports/producers/preview', twice);
    expect(rowsOf(flagged.body).get(2)).toMatchObject({ action: 'create' });
    expect(rowsOf(flagged.body).get(3)).toMatchObject({
      action: 'error',
      errors: [expect.objectContaining({ code: 'same_as_row' })],
    });
    expect((await sheet('/api/imports/producers/commit', twice)).status).toBe(400);
    expect(await prisma().producer.count({ where: { name: { startsWith: 'Công ty Hai Mã' } } })).toBe(0);
  });

  it("find a product's producer by its code typed in another case or with spaces", async () => {
    const created = await post('/api/producers', producer('Hộ kinh doanh Mật Ong Mã', '93000000CD'));
    expect(created.status).toBe(201);
    const file = 'Mã số thuế chủ thể,Tên sản phẩm,Nhóm\n9300 0000 cd,Mật ong hoa cà phê Mã,honey';
    const preview = await sheet('/api/imports/products/preview', file);
    expect(rowsOf(preview.body).get(2)).toMatchObject({ action: 'create', errors: [] });
    expect((await sheet('/api/imports/products/commit', file)).status).toBe(200);
    expect(await prisma().product.count({ where: { producerId: created.body.id } })).toBe(1);
  });
});

describe('buyers: one per name and province', () => {
  it('lets one of 100 racing creations of one buyer, spelt ten ways, through; the others get 409 naming name', async () => {
    const spellings = [
      'Siêu thị Khóa Chính',
      'SIÊU THỊ KHÓA CHÍNH',
      'sieu thi khoa chinh',
      '  Siêu   thị Khóa Chính ',
      'Siêu thị Khóa Chính.',
      'Siêu thị Khoá Chính',
      'Siêu thị Khóa Chính'.normalize('NFD'),
      'Siêu-thị “Khóa Chính”',
      'SieuThi KhoaChinh',
      'Siêu thị Khóa\u00a0Chính',
    ];
    const answers = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => post('/api/buyers', buyer(spellings[i % spellings.length]!, 'dak-lak'))),
    );
    const responses = answers.map((a) => {
      if (a.status === 'rejected') throw a.reason;
      return a.value;
    });
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    for (const r of responses.filter((x) => x.status === 409)) expectTaken(r, 'name');
    expect(await buyersNamed('Siêu thị Khóa Chính', 'dak-lak')).toHaveLength(1);
  });

  it("refuses an edit of a buyer's name or province onto another buyer's with 409 naming name", async () => {
    const a = await post('/api/buyers', buyer('Nhà phân phối Sông Hồng', 'ha-noi'));
    const b = await post('/api/buyers', buyer('Nhà phân phối Sông Đà', 'ha-noi'));
    const elsewhere = await post('/api/buyers', buyer('Nhà phân phối Sông Hồng', 'can-tho'));
    expect([a.status, b.status, elsewhere.status]).toEqual([201, 201, 201]);

    expectTaken(await patch(`/api/buyers/${b.body.id}`, { name: 'NHÀ PHÂN PHỐI SÔNG HỒNG' }), 'name');
    expectTaken(await patch(`/api/buyers/${elsewhere.body.id}`, { provinceId: 'ha-noi' }), 'name');
    expect((await prisma().buyer.findUniqueOrThrow({ where: { id: b.body.id } })).name).toBe('Nhà phân phối Sông Đà');
    expect((await prisma().buyer.findUniqueOrThrow({ where: { id: elsewhere.body.id } })).provinceId).toBe('can-tho');

    // Its own name spelt another way is no conflict.
    const respelt = await patch(`/api/buyers/${b.body.id}`, { name: 'Nhà Phân Phối Sông Đà' });
    expect(respelt.status).toBe(200);
    expect(respelt.body.name).toBe('Nhà Phân Phối Sông Đà');
  });

  it('matches an import row to the buyer of its name and province, folded', async () => {
    const south = await post('/api/buyers', buyer('Chuỗi Thử Khóa Nhập', 'ho-chi-minh'));
    const north = await post('/api/buyers', buyer('Chuỗi Thử Khóa Nhập', 'ha-noi'));
    expect([south.status, north.status]).toEqual([201, 201]);
    const head = 'Tên,Loại,Tỉnh/Thành phố,Website';
    // The older one first: matching by name alone found the one stored last, in the other province.
    for (const [target, other, province, spelling, site] of [
      [south, north, 'ho-chi-minh', 'CHUỖI THỬ KHOÁ NHẬP', 'https://nam.example.vn'],
      [north, south, 'ha-noi', 'Chuỗi thử khóa nhập.', 'https://bac.example.vn'],
    ] as const) {
      const file = `${head}\n${spelling},distributor,${await provinceName(province)},${site}`;
      const preview = await sheet('/api/imports/buyers/preview', file);
      expect(rowsOf(preview.body).get(2)).toMatchObject({ action: 'update' });
      expect(rowsOf(preview.body).get(2)!.changes).not.toContain('provinceId');
      const before = await prisma().buyer.findUniqueOrThrow({ where: { id: other.body.id } });
      expect((await sheet('/api/imports/buyers/commit', file)).status).toBe(200);
      expect(await prisma().buyer.findUniqueOrThrow({ where: { id: target.body.id } })).toMatchObject({
        website: site,
        provinceId: province,
      });
      expect(await prisma().buyer.findUniqueOrThrow({ where: { id: other.body.id } })).toEqual(before);
    }
  });

  it('takes a sheet row naming a stored buyer in another province for another buyer', async () => {
    const stored = await prisma().buyer.findFirstOrThrow({ where: { name: 'Bách Hóa Xanh' } });
    expect(stored.provinceId).not.toBe('can-tho');
    const file = `Tên,Loại,Tỉnh/Thành phố\nBách Hóa Xanh,supermarket_chain,${await provinceName('can-tho')}`;
    const preview = await sheet('/api/imports/buyers/preview', file);
    expect(rowsOf(preview.body).get(2)).toMatchObject({ action: 'create' });
    expect((await sheet('/api/imports/buyers/commit', file)).status).toBe(200);
    expect(await prisma().buyer.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({
      provinceId: stored.provinceId,
      name: stored.name,
    });
    expect(await buyersNamed('Bách Hóa Xanh', 'can-tho')).toHaveLength(1);

    // And the API lets the same name be added in a third province.
    expect((await post('/api/buyers', buyer('Bách Hóa Xanh', 'da-nang'))).status).toBe(201);
  });

  it('flags a sheet that holds one buyer twice, and lets one name be two buyers in two provinces', async () => {
    const [dakLak, canTho] = [await provinceName('dak-lak'), await provinceName('can-tho')];
    const file = [
      'Tên,Loại,Tỉnh/Thành phố',
      `Siêu thị Hai Dòng,supermarket_chain,${dakLak}`,
      `SIÊU THỊ HAI DÒNG.,supermarket_chain,${dakLak}`,
      `Siêu thị Hai Dòng,supermarket_chain,${canTho}`,
    ].join('\n');
    const preview = await sheet('/api/imports/buyers/preview', file);
    const rows = rowsOf(preview.body);
    expect(rows.get(2)).toMatchObject({ action: 'create' });
    expect(rows.get(3)).toMatchObject({ action: 'error', errors: [expect.objectContaining({ code: 'same_as_row' })] });
    expect(rows.get(4)).toMatchObject({ action: 'create' });
  });

  it('keeps one buyer when an import and the API add it at once: whichever comes second is updated or refused, never 500', async () => {
    const canTho = await provinceName('can-tho');
    const names = Array.from({ length: 10 }, (_, i) => `Nhà phân phối Đua Khóa ${i}`);
    const answers = await Promise.all(
      names.flatMap((name) => [
        sheet('/api/imports/buyers/commit', `Tên,Loại,Tỉnh/Thành phố\n${name.toUpperCase()},distributor,${canTho}`),
        post('/api/buyers', buyer(name, 'can-tho')),
      ]),
    );
    for (const [i, a] of answers.entries()) {
      expect(i % 2 === 0 ? [200, 409] : [201, 409]).toContain(a.status);
      if (a.status === 409) expect(a.body.conflict).toBe('name');
    }
    for (const name of names) expect(await buyersNamed(name, 'can-tho')).toHaveLength(1);
  });
});

describe('the migration that gave stored data these keys', () => {
  it('keeps the oldest of colliding tax codes and buyers, clears or renames the others with a note, and keys every name as the API does', async () => {
    const { buyerNameKey, NAME_KEY_DROPPED } = await import('../../server/modules/directory/keys.ts');
    const database = await createTestDatabase();
    try {
      const all = readMigrations(database.db.provider);
      const at = all.findIndex((m) => m.name.endsWith('_directory_keys'));
      expect(at).toBeGreaterThan(0);
      await database.db.migrate(all.slice(0, at));
      const run = (sql: string) => database.db.prisma.$executeRawUnsafe(sql);
      const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
      await run(
        `INSERT INTO "AdministrativeUnit" ("id", "name", "level", "kind") VALUES ('dak-lak', 'Đắk Lắk', 'province', 'province'), ('ha-noi', 'Hà Nội', 'province', 'city')`,
      );
      const producers: [string, string, string][] = [
        ['p1', 'ab12345', '2026-01-01 00:00:01'],
        ['p2', 'AB12345', '2026-01-01 00:00:02'],
        ['p3', '0101234567001', '2026-01-01 00:00:03'],
        ['p4', '0101234567-001', '2026-01-01 00:00:04'],
        ['p5', '0202020202', '2026-01-01 00:00:05'],
      ];
      for (const [id, code, createdAt] of producers)
        await run(
          `INSERT INTO "Producer" ("id", "name", "nameFolded", "legalType", "provinceId", "registrationNo", "createdAt", "updatedAt") VALUES (${q(id)}, ${q(`Chủ thể ${id}`)}, ${q(`chu the ${id}`)}, 'enterprise', 'dak-lak', ${q(code)}, '${createdAt}', '${createdAt}')`,
        );
      const letters = (i: number) => String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26));
      const buyers: [string, string, string, string][] = [
        ['b1', 'Siêu thị Trùng Tên', 'dak-lak', '2026-01-01 00:00:01'],
        ['b2', 'SIÊU THỊ TRÙNG TÊN', 'dak-lak', '2026-01-01 00:00:02'],
        ['b3', 'Siêu thị Trùng-Tên.', 'dak-lak', '2026-01-01 00:00:03'],
        ['b4', 'Siêu thị Trùng Tên', 'ha-noi', '2026-01-01 00:00:04'],
        // One name per dropped character, each another buyer: the SQL must key it as keys.ts does.
        ...NAME_KEY_DROPPED.map((ch, i): [string, string, string, string] => [
          `k${i}`,
          `Khóa ${letters(i)}${ch}Đủ`,
          'ha-noi',
          '2026-01-02 00:00:00',
        ]),
      ];
      for (const [id, name, provinceId, createdAt] of buyers)
        await run(
          `INSERT INTO "Buyer" ("id", "name", "nameFolded", "orgType", "provinceId", "createdAt", "updatedAt") VALUES (${q(id)}, ${q(name)}, ${q(foldForSearch(name))}, 'distributor', ${q(provinceId)}, '${createdAt}', '${createdAt}')`,
        );

      await database.db.migrate();

      const p = database.db.prisma;
      const codes = await p.producer.findMany({ select: { id: true, registrationNo: true }, orderBy: { id: 'asc' } });
      expect(codes).toEqual([
        { id: 'p1', registrationNo: 'AB12345' },
        { id: 'p2', registrationNo: null },
        { id: 'p3', registrationNo: '0101234567-001' },
        { id: 'p4', registrationNo: null },
        { id: 'p5', registrationNo: '0202020202' },
      ]);
      const stored = await p.buyer.findMany({ select: { id: true, name: true, nameFolded: true, nameKey: true } });
      const byId = new Map(stored.map((b) => [b.id, b]));
      expect([...['b1', 'b2', 'b3', 'b4'].map((id) => byId.get(id)!.name)]).toEqual([
        'Siêu thị Trùng Tên',
        'SIÊU THỊ TRÙNG TÊN (trùng 2)',
        'Siêu thị Trùng-Tên. (trùng 3)',
        'Siêu thị Trùng Tên',
      ]);
      for (const b of stored) {
        expect(b.nameKey, b.name).toBe(buyerNameKey(b.name));
        expect(b.nameFolded, b.name).toBe(foldForSearch(b.name));
      }

      const notes = await p.activityLog.findMany({ where: { stream: 'migration' }, orderBy: { seq: 'asc' } });
      expect(notes.map((n) => n.seq)).toEqual([1, 2, 3, 4]);
      expect(notes.map((n) => [n.type, JSON.parse(n.payload)])).toEqual(
        expect.arrayContaining([
          ['producer:registration_cleared', { producerId: 'p2', registrationNo: 'AB12345', sameCodeAs: 'p1' }],
          ['producer:registration_cleared', { producerId: 'p4', registrationNo: '0101234567-001', sameCodeAs: 'p3' }],
          [
            'buyer:renamed_duplicate',
            { buyerId: 'b2', from: 'SIÊU THỊ TRÙNG TÊN', to: 'SIÊU THỊ TRÙNG TÊN (trùng 2)', sameNameAs: 'b1' },
          ],
          [
            'buyer:renamed_duplicate',
            { buyerId: 'b3', from: 'Siêu thị Trùng-Tên.', to: 'Siêu thị Trùng-Tên. (trùng 3)', sameNameAs: 'b1' },
          ],
        ]),
      );
      expect((await p.activityStream.findUniqueOrThrow({ where: { key: 'migration' } })).lastSeq).toBe(4);
    } finally {
      await database.drop();
    }
  });
});
