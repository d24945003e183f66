// Producers, products and buyers through HTTP: ownership, search, filters, paging,
// barcodes and certificates, against a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const c: Record<string, string> = {};
let ownProducerId: string;
let otherProducerId: string;
let otherProductId: string;
let ownBuyerId: string;

const monthsAgo = (n: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await startTestServer();
  for (const email of [ORGANISER, OFFICIAL, PRODUCER, BUYER]) c[email] = await t.signIn(email);
  ownProducerId = (await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!)).body.user.organisationId;
  ownBuyerId = (await t.http.get('/api/auth/me').set('Cookie', c[BUYER]!)).body.user.organisationId;
  const list = await t.http.get('/api/producers?pageSize=200').set('Cookie', c[OFFICIAL]!);
  const other = list.body.items.find((p: { id: string; products: unknown[] }) => p.id !== ownProducerId && p.products.length > 0);
  otherProducerId = other.id;
  otherProductId = other.products[0].id;
});
afterAll(() => t.close());

describe('producer profiles and products: who may edit', () => {
  it('lets a producer edit its own profile, and shows the change to everyone', async () => {
    const res = await t.http
      .patch(`/api/producers/${ownProducerId}`)
      .set('Cookie', c[PRODUCER]!)
      .send({ story: 'Cà phê Robusta chế biến ướt, rang mộc tại Ea Tu.', phone: '0262 3812 345' });
    expect(res.status).toBe(200);
    const seen = await t.http.get(`/api/producers/${ownProducerId}`).set('Cookie', c[BUYER]!);
    expect(seen.body.story).toBe('Cà phê Robusta chế biến ướt, rang mộc tại Ea Tu.');
  });

  it("forbids a producer to edit another producer's profile or products (403), and changes nothing", async () => {
    const before = await t.http.get(`/api/producers/${otherProducerId}`).set('Cookie', c[ORGANISER]!);
    const profile = await t.http.patch(`/api/producers/${otherProducerId}`).set('Cookie', c[PRODUCER]!).send({ story: 'x' });
    expect(profile.status).toBe(403);
    const product = await t.http.patch(`/api/products/${otherProductId}`).set('Cookie', c[PRODUCER]!).send({ name: 'Hijacked' });
    expect(product.status).toBe(403);
    expect(product.body.error.code).toBe('FORBIDDEN');
    const removal = await t.http.delete(`/api/products/${otherProductId}`).set('Cookie', c[PRODUCER]!);
    expect(removal.status).toBe(403);
    const added = await t.http
      .post(`/api/producers/${otherProducerId}/products`)
      .set('Cookie', c[PRODUCER]!)
      .send({ name: 'Cà phê lạ', category: 'coffee' });
    expect(added.status).toBe(403);
    const after = await t.http.get(`/api/producers/${otherProducerId}`).set('Cookie', c[ORGANISER]!);
    expect(after.body).toEqual(before.body);
  });

  it.each([BUYER, OFFICIAL])('forbids %s to edit producers (403)', async (email) => {
    const res = await t.http.patch(`/api/producers/${ownProducerId}`).set('Cookie', c[email]!).send({ story: 'x' });
    expect(res.status).toBe(403);
  });

  it('lets the organiser edit any producer and add a producer', async () => {
    const edited = await t.http
      .patch(`/api/producers/${otherProducerId}`)
      .set('Cookie', c[ORGANISER]!)
      .send({ locality: 'Xã Hòa Thắng' });
    expect(edited.status).toBe(200);
    const created = await t.http.post('/api/producers').set('Cookie', c[ORGANISER]!).send({
      name: 'HTX Nông nghiệp Dịch vụ Ea Kiết',
      legalType: 'cooperative',
      provinceId: 'dak-lak',
      locality: "Xã Ea Kiết, Cư M'gar",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'HTX Nông nghiệp Dịch vụ Ea Kiết', province: 'Đắk Lắk', products: [] });
  });

  it('answers 400 naming the field for an unknown province or legal type', async () => {
    const province = await t.http
      .post('/api/producers')
      .set('Cookie', c[ORGANISER]!)
      .send({ name: 'HTX X', legalType: 'cooperative', provinceId: 'atlantis' });
    expect(province.status).toBe(400);
    expect(province.body.error.fields[0].path).toBe('provinceId');
    const legal = await t.http
      .post('/api/producers')
      .set('Cookie', c[ORGANISER]!)
      .send({ name: 'HTX X', legalType: 'company', provinceId: 'dak-lak' });
    expect(legal.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['legalType']);
  });
});

describe('barcodes and certificates', () => {
  it('accepts a GTIN-13 with a correct check digit and refuses a wrong one, naming gtin', async () => {
    const bad = await t.http
      .post(`/api/producers/${ownProducerId}/products`)
      .set('Cookie', c[PRODUCER]!)
      .send({ name: 'Cà phê hạt rang', category: 'coffee', gtin: '8934567890121' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['gtin']);
    const good = await t.http
      .post(`/api/producers/${ownProducerId}/products`)
      .set('Cookie', c[PRODUCER]!)
      .send({ name: 'Cà phê hạt rang', category: 'coffee', gtin: '8934567890120', hasTraceQr: true });
    expect(good.status).toBe(201);
    expect(good.body.checklist).toEqual({
      barcode: true,
      traceabilityQr: true,
      compliantLabel: false,
      packaging: false,
      supplyCapacity: false,
    });
  });

  it('counts the stars of a valid certificate, flags one near its end, and stops counting an expired one', async () => {
    const make = async (name: string, decided: string) => {
      const res = await t.http.post(`/api/producers/${ownProducerId}/products`).set('Cookie', c[ORGANISER]!).send({
        name,
        category: 'honey',
        stars: 4,
        certPoints: 78,
        ratingLevel: 'province',
        certDecisionNo: '1234/QĐ-UBND',
        certDecisionDate: decided,
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    const valid = await make('Mật ong hoa cà phê', monthsAgo(6));
    const expiring = await make('Mật ong rừng', monthsAgo(35));
    const expired = await make('Mật ong bạc hà', monthsAgo(37));
    expect(valid).toMatchObject({ stars: 4, certificate: { stars: 4, status: 'valid' } });
    expect(expiring).toMatchObject({ stars: 4, certificate: { status: 'expiring' } });
    expect(expired).toMatchObject({ stars: null, certificate: { stars: 4, status: 'expired' } });

    const fourStar = await t.http
      .get('/api/products')
      .query({ q: 'mat ong', minStars: 4, pageSize: 200 })
      .set('Cookie', c[BUYER]!);
    const ids = fourStar.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(valid.id);
    expect(ids).not.toContain(expired.id);
  });

  it('refuses stars without a decision date, and prices the wrong way round, also on a patch', async () => {
    const noDate = await t.http
      .post(`/api/producers/${ownProducerId}/products`)
      .set('Cookie', c[PRODUCER]!)
      .send({ name: 'Tiêu đen', category: 'pepper', stars: 3 });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.fields[0].path).toBe('certDecisionDate');
    const product = await t.http
      .post(`/api/producers/${ownProducerId}/products`)
      .set('Cookie', c[PRODUCER]!)
      .send({ name: 'Tiêu đỏ', category: 'pepper', priceMinVnd: 200_000, priceMaxVnd: 250_000 });
    const patch = await t.http
      .patch(`/api/products/${product.body.id}`)
      .set('Cookie', c[PRODUCER]!)
      .send({ priceMinVnd: 300_000 });
    expect(patch.status).toBe(400);
    expect(patch.body.error.fields[0].path).toBe('priceMinVnd');
  });
});

describe('search, filters and paging', () => {
  it('finds "Cà phê" producers with "ca phe" and Đắk Lắk ones with "DAK LAK", in any case', async () => {
    const coffee = await t.http.get('/api/producers').query({ q: 'ca phe', pageSize: 200 }).set('Cookie', c[BUYER]!);
    expect(coffee.body.total).toBeGreaterThan(5);
    for (const p of coffee.body.items) {
      const text = [p.name, ...p.products.map((x: { name: string }) => x.name)].join(' ').toLowerCase();
      expect(text).toMatch(/cà phê/);
    }
    const dakLak = await t.http.get('/api/producers').query({ q: 'DAK LAK', pageSize: 200 }).set('Cookie', c[BUYER]!);
    const provinces = new Set(dakLak.body.items.map((p: { province: string }) => p.province));
    expect(dakLak.body.total).toBeGreaterThan(50);
    expect([...provinces]).toEqual(['Đắk Lắk']);
  });

  it('finds products by their own name or maker, not every product of a maker that sells one', async () => {
    const res = await t.http.get('/api/products').query({ q: 'sau rieng', pageSize: 200 }).set('Cookie', c[BUYER]!);
    expect(res.body.total).toBeGreaterThan(0);
    for (const p of res.body.items) {
      const folded = `${p.name} ${p.producerName}`
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .toLowerCase();
      expect(folded).toContain('sau rieng');
    }
  });

  it('filters by province, legal type, category and minimum stars together', async () => {
    const res = await t.http
      .get('/api/producers')
      .query({ provinceId: 'dak-lak', legalType: 'cooperative,household', category: 'coffee', minStars: 4, pageSize: 200 })
      .set('Cookie', c[OFFICIAL]!);
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    for (const p of res.body.items) {
      expect(p.provinceId).toBe('dak-lak');
      expect(['cooperative', 'household']).toContain(p.legalType);
      expect(
        p.products.some((x: { category: string; stars: number | null }) => x.category === 'coffee' && (x.stars ?? 0) >= 4),
      ).toBe(true);
    }
  });

  it('pages through results in a stable order without overlap', async () => {
    const all = await t.http.get('/api/producers?pageSize=200').set('Cookie', c[OFFICIAL]!);
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const res = await t.http.get(`/api/producers?pageSize=20&page=${page}`).set('Cookie', c[OFFICIAL]!);
      expect(res.body).toMatchObject({ page, pageSize: 20, total: all.body.total });
      pages.push(...res.body.items.map((p: { id: string }) => p.id));
    }
    expect(new Set(pages).size).toBe(60);
    expect(pages).toEqual(all.body.items.slice(0, 60).map((p: { id: string }) => p.id));
    const beyond = await t.http.get('/api/producers?pageSize=20&page=999').set('Cookie', c[OFFICIAL]!);
    expect(beyond.body.items).toEqual([]);
  });

  it('filters buyers by type and category, and finds them without diacritics', async () => {
    const res = await t.http
      .get('/api/buyers')
      .query({ orgType: 'supermarket_chain', category: 'coffee' })
      .set('Cookie', c[PRODUCER]!);
    expect(res.body.total).toBeGreaterThan(0);
    for (const b of res.body.items) {
      expect(b.orgType).toBe('supermarket_chain');
      expect(b.categories).toContain('coffee');
    }
    const coop = await t.http.get('/api/buyers').query({ q: 'co.opmart' }).set('Cookie', c[PRODUCER]!);
    expect(coop.body.items[0]?.name).toMatch(/Co\.op/i);
  });
});

describe('buyers', () => {
  it('shows representatives to the buyer itself and organisers, never to producers', async () => {
    const own = await t.http.get(`/api/buyers/${ownBuyerId}`).set('Cookie', c[BUYER]!);
    expect(own.body.representatives.map((r: { email: string }) => r.email)).toContain(BUYER);
    const producer = await t.http.get(`/api/buyers/${ownBuyerId}`).set('Cookie', c[PRODUCER]!);
    expect(producer.status).toBe(200);
    expect(producer.body.representatives).toEqual([]);
  });

  it('lets a buyer edit what it buys, not another buyer (403)', async () => {
    const own = await t.http
      .patch(`/api/buyers/${ownBuyerId}`)
      .set('Cookie', c[BUYER]!)
      .send({ categories: ['coffee', 'honey'], minStars: 4, volumes: '2 tấn/tháng mỗi mã' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ categories: ['coffee', 'honey'], minStars: 4 });
    const others = await t.http.get('/api/buyers?pageSize=50').set('Cookie', c[BUYER]!);
    const other = others.body.items.find((b: { id: string }) => b.id !== ownBuyerId);
    const res = await t.http.patch(`/api/buyers/${other.id}`).set('Cookie', c[BUYER]!).send({ minStars: 5 });
    expect(res.status).toBe(403);
  });
});
