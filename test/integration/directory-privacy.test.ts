// Issue 8, defects 6 and 7, through HTTP as the demo producer htx.caphe@demo.ocop.vn: another
// producer's personal contacts (contact name, phone, email) never reach it, while organisers,
// officials, buyers and the producer itself see them; and the OCOP certificate of its own
// products (stars, points, level, decision number and date) is the organisers' to set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const c: Record<string, string> = {};
let ownId: string;
let otherId: string;
/** Every producer's contacts but the signed-in producer's own, as stored. */
let othersContacts: string[];

const CONTACTS = ['contactName', 'phone', 'email'] as const;
const CERTIFICATE_FIELDS = ['stars', 'certPoints', 'ratingLevel', 'certDecisionNo', 'certDecisionDate'] as const;

const db = () => t.database.db.prisma;
const monthsAgo = (n: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await startTestServer();
  for (const email of [ORGANISER, OFFICIAL, PRODUCER, BUYER]) c[email] = await t.signIn(email);
  ownId = (await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!)).body.user.organisationId;
  const other = await db().producer.findFirstOrThrow({
    where: { id: { not: ownId }, phone: { not: '' }, email: { not: '' }, contactName: { not: '' } },
    orderBy: { id: 'asc' },
  });
  otherId = other.id;
  const everyone = await db().producer.findMany({ where: { id: { not: ownId } } });
  othersContacts = everyone.flatMap((p) => [p.phone, p.email]).filter((v) => v.length >= 8);
});
afterAll(() => t.close());

describe("defect 6: a producer does not read another producer's personal contacts", () => {
  it("answers another producer's profile without contact name, phone or email (absent, not empty)", async () => {
    const res = await t.http.get(`/api/producers/${otherId}`).set('Cookie', c[PRODUCER]!);
    expect(res.status).toBe(200);
    for (const field of CONTACTS) expect(res.body).not.toHaveProperty(field);
    // The public profile is all there.
    const stored = await db().producer.findUniqueOrThrow({ where: { id: otherId } });
    expect(res.body).toMatchObject({ id: otherId, name: stored.name, story: stored.story, locality: stored.locality });
    expect(res.body.products.length).toBeGreaterThan(0);
  });

  it.each([
    ['organiser', ORGANISER],
    ['official', OFFICIAL],
    ['buyer', BUYER],
  ])('gives the contacts to the %s', async (_role, email) => {
    const stored = await db().producer.findUniqueOrThrow({ where: { id: otherId } });
    const res = await t.http.get(`/api/producers/${otherId}`).set('Cookie', c[email]!);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ contactName: stored.contactName, phone: stored.phone, email: stored.email });
  });

  it('gives a producer its own contacts, on reading and on editing its profile', async () => {
    const stored = await db().producer.findUniqueOrThrow({ where: { id: ownId } });
    const read = await t.http.get(`/api/producers/${ownId}`).set('Cookie', c[PRODUCER]!);
    expect(read.body).toMatchObject({ contactName: stored.contactName, phone: stored.phone, email: stored.email });
    const edited = await t.http.patch(`/api/producers/${ownId}`).set('Cookie', c[PRODUCER]!).send({ phone: '0262 3812 399' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ phone: '0262 3812 399', email: stored.email });
  });

  it("leaves no other producer's phone or email in anything else a producer can read", async () => {
    const reads = [
      `/api/producers/${otherId}`,
      '/api/producers?pageSize=200',
      '/api/producers?pageSize=200&page=2',
      '/api/products?pageSize=200',
      '/api/products?pageSize=200&page=2',
      '/api/buyers?pageSize=200',
      '/api/events',
      '/api/auth/me',
    ];
    const leaks: string[] = [];
    for (const url of reads) {
      const res = await t.http.get(url).set('Cookie', c[PRODUCER]!);
      expect(res.status, url).toBe(200);
      const text = res.text;
      for (const value of othersContacts) if (text.includes(value)) leaks.push(`${url}: ${value}`);
    }
    expect(leaks).toEqual([]);
    // The spreadsheets hold every contact: they are not for producers.
    for (const url of ['/api/exports/producers?format=csv', '/api/exports/products?format=csv']) {
      expect((await t.http.get(url).set('Cookie', c[PRODUCER]!)).status, url).toBe(403);
    }
  });
});

describe("defect 7: a producer does not set its own product's OCOP certificate", () => {
  /** A product of the producer itself, rated by the organisers. */
  async function ratedOwnProduct(name: string) {
    const res = await t.http
      .post(`/api/producers/${ownId}/products`)
      .set('Cookie', c[ORGANISER]!)
      .send({
        name,
        category: 'coffee',
        stars: 3,
        certPoints: 62,
        ratingLevel: 'district',
        certDecisionNo: '101/QĐ-UBND',
        certDecisionDate: monthsAgo(6),
      });
    expect(res.status).toBe(201);
    return res.body as { id: string; certificate: Record<string, unknown> };
  }
  const certificateOf = async (id: string) => {
    const p = await db().product.findUniqueOrThrow({ where: { id } });
    return [p.stars, p.certPoints, p.ratingLevel, p.certDecisionNo, p.certDecisionDate, p.certExpiresAt];
  };

  it('refuses 403 naming every certificate field when the producer adds a rated product, and adds nothing', async () => {
    const name = 'Cà phê tự chấm năm sao';
    const res = await t.http
      .post(`/api/producers/${ownId}/products`)
      .set('Cookie', c[PRODUCER]!)
      .send({
        name,
        category: 'coffee',
        stars: 5,
        certPoints: 99,
        ratingLevel: 'central',
        certDecisionNo: '999/QĐ-TTg',
        certDecisionDate: monthsAgo(1),
      });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([...CERTIFICATE_FIELDS].sort());
    for (const field of CERTIFICATE_FIELDS) expect(res.body.error.message).toContain(field);
    expect(await db().product.count({ where: { producerId: ownId, name } })).toBe(0);
  });

  it.each(
    CERTIFICATE_FIELDS.map((field) => [
      field,
      { stars: 5, certPoints: 100, ratingLevel: 'central', certDecisionNo: '1/QĐ-TTg', certDecisionDate: monthsAgo(2) }[field],
    ]),
  )('refuses 403 naming %s when the producer changes it on its own product, and changes nothing', async (field, value) => {
    const product = await ratedOwnProduct(`Cà phê sửa ${field}`);
    const before = await certificateOf(product.id);
    const res = await t.http
      .patch(`/api/products/${product.id}`)
      .set('Cookie', c[PRODUCER]!)
      .send({ [field]: value });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', fields: [expect.objectContaining({ path: field })] });
    expect(res.body.error.fields).toHaveLength(1);
    expect(await certificateOf(product.id)).toEqual(before);
  });

  it('refuses a producer removing its certificate (stars and date to null)', async () => {
    const product = await ratedOwnProduct('Cà phê bỏ chứng nhận');
    const res = await t.http
      .patch(`/api/products/${product.id}`)
      .set('Cookie', c[PRODUCER]!)
      .send({ stars: null, certDecisionDate: null });
    expect(res.status).toBe(403);
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['certDecisionDate', 'stars']);
  });

  it("refuses a producer renaming or regrouping a certified product (the council's stars would follow the new name)", async () => {
    const product = await ratedOwnProduct('Cà phê được chứng nhận');
    for (const patch of [{ name: 'Mật ong rừng' }, { category: 'honey' }]) {
      const res = await t.http.patch(`/api/products/${product.id}`).set('Cookie', c[PRODUCER]!).send(patch);
      expect(res.status, JSON.stringify(patch)).toBe(403);
      expect(res.body.error.fields[0]).toMatchObject({ path: Object.keys(patch)[0], code: 'certified_product_named' });
    }
    const same = await t.http
      .patch(`/api/products/${product.id}`)
      .set('Cookie', c[PRODUCER]!)
      .send({ name: 'Cà phê được chứng nhận' });
    expect(same.status).toBe(200);
    const byOrganiser = await t.http
      .patch(`/api/products/${product.id}`)
      .set('Cookie', c[ORGANISER]!)
      .send({ name: 'Cà phê được chứng nhận (tên mới)' });
    expect(byOrganiser.status).toBe(200);
  });

  it('takes the stored certificate sent back unchanged with other edits (the value stored is no change)', async () => {
    const product = await ratedOwnProduct('Cà phê gửi lại chứng nhận');
    const before = await certificateOf(product.id);
    const res = await t.http
      .patch(`/api/products/${product.id}`)
      .set('Cookie', c[PRODUCER]!)
      .send({
        description: 'Gói 500 g',
        stars: 3,
        certPoints: 62,
        ratingLevel: 'district',
        certDecisionNo: '101/QĐ-UBND',
        certDecisionDate: monthsAgo(6),
      });
    expect(res.status).toBe(200);
    expect(res.body.description).toBe('Gói 500 g');
    expect(await certificateOf(product.id)).toEqual(before);
  });

  it('lets a producer add an unrated product (certificate fields absent or null) and edit its own fields', async () => {
    const absent = await t.http
      .post(`/api/producers/${ownId}/products`)
      .set('Cookie', c[PRODUCER]!)
      .send({ name: 'Cà phê chưa xếp hạng', category: 'coffee' });
    expect(absent.status).toBe(201);
    const nulls = await t.http.post(`/api/producers/${ownId}/products`).set('Cookie', c[PRODUCER]!).send({
      name: 'Cà phê chưa xếp hạng 2',
      category: 'coffee',
      stars: null,
      certPoints: null,
      ratingLevel: null,
      certDecisionNo: null,
      certDecisionDate: null,
    });
    expect(nulls.status).toBe(201);
    expect(nulls.body.certificate).toMatchObject({ stars: null, points: null, level: null, decisionNo: null });
    const edited = await t.http
      .patch(`/api/products/${absent.body.id}`)
      .set('Cookie', c[PRODUCER]!)
      .send({ description: 'Rang mộc', priceMinVnd: 120_000 });
    expect(edited.status).toBe(200);
  });

  it('lets the organisers set and change the certificate of the same product', async () => {
    const product = await ratedOwnProduct('Cà phê ban tổ chức chấm');
    const res = await t.http
      .patch(`/api/products/${product.id}`)
      .set('Cookie', c[ORGANISER]!)
      .send({ stars: 4, certPoints: 80, ratingLevel: 'province', certDecisionNo: '202/QĐ-UBND' });
    expect(res.status).toBe(200);
    expect(res.body.certificate).toMatchObject({ stars: 4, points: 80, level: 'province', decisionNo: '202/QĐ-UBND' });
  });
});
