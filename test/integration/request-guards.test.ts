// What every request goes through before a route sees it (issue 8): strings that are not
// text, bodies nested past any schema, other sites' pages posting with the user's cookie,
// bodies of a type the route does not take, a retry whose fields come in another order,
// private answers kept by a cache.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISER, PRODUCER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const LISTED_ORIGIN = 'http://dashboard.venue.example';

let t: TestServer;
const c: Record<string, string> = {};
let producerId: string;
let buyerId: string;
let eventId: string;
let provinceId: string;

beforeAll(async () => {
  // listed as an organiser might type it: the browser sends the origin in its plain form
  t = await startTestServer({ ALLOWED_ORIGINS: 'https://other.example, HTTP://Dashboard.Venue.Example/' });
  for (const email of [ORGANISER, PRODUCER]) c[email] = await t.signIn(email);
  producerId = (await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!)).body.user.organisationId;
  buyerId = (await t.http.get('/api/buyers').set('Cookie', c[ORGANISER]!)).body.items[0].id;
  eventId = (await t.http.get('/api/events').set('Cookie', c[ORGANISER]!)).body.items[0].id;
  provinceId = (await t.http.get('/api/provinces').set('Cookie', c[ORGANISER]!)).body.items[0].id;
});
afterAll(() => t.close());

/** Sends `raw` as it is, so JSON escapes like \ud800 reach the server unchanged. */
const rawJson = (method: 'post' | 'patch', url: string, raw: string, cookie = c[ORGANISER]!) =>
  t.http[method](url).set('Cookie', cookie).set('Content-Type', 'application/json').send(raw);

const countBuyers = () => t.database.db.prisma.buyer.count();

describe('strings that are not text', () => {
  const LONE = String.raw`"x \ud800 y"`;
  const cases: [string, 'post' | 'patch', () => string, string, string][] = [
    ['producer profile', 'patch', () => `/api/producers/${producerId}`, `{"story": ${LONE}}`, 'story'],
    [
      'new producer',
      'post',
      () => '/api/producers',
      `{"name": "HTX Thử", "legalType": "cooperative", "provinceId": "${provinceId}", "story": ${LONE}}`,
      'story',
    ],
    ['buyer profile', 'patch', () => `/api/buyers/${buyerId}`, `{"description": ${LONE}}`, 'description'],
    [
      'new buyer',
      'post',
      () => '/api/buyers',
      `{"name": ${LONE}, "orgType": "distributor", "provinceId": "${provinceId}"}`,
      'name',
    ],
    ['event', 'patch', () => `/api/events/${eventId}`, `{"venue": ${LONE}}`, 'venue'],
    [
      'invitation',
      'post',
      () => '/api/invitations',
      `{"email": "a@b.vn", "name": ${LONE}, "role": "buyer", "organisationId": "${buyerId}"}`,
      'name',
    ],
  ];
  it.each(cases)('answers a lone UTF-16 surrogate in a %s with 400 naming the field', async (_l, method, url, raw, field) => {
    const res = await rawJson(method, url(), raw);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ path: field, code: 'lone_surrogate' })]);
  });

  it('answers a lone surrogate in a query the same way', async () => {
    // a query cannot carry one as UTF-8 (it decodes to U+FFFD); a socket payload is JSON and can
    const res = await t.http.get('/api/producers').query({ q: 'x\ud800' }).set('Cookie', c[ORGANISER]!);
    expect(res.status).toBeLessThan(500);
  });

  it('answers a lone surrogate in a key and inside a list the same way', async () => {
    const key = await rawJson('patch', `/api/buyers/${buyerId}`, String.raw`{"\udc00": 1}`);
    expect(key.status).toBe(400);
    expect(key.body.error.fields[0].code).toBe('lone_surrogate');
    const list = await rawJson('patch', `/api/buyers/${buyerId}`, String.raw`{"regions": ["Tây Nguyên", "\ud83d"]}`);
    expect(list.status).toBe(400);
    expect(list.body.error.fields[0]).toMatchObject({ path: 'regions.1', code: 'lone_surrogate' });
  });

  it('still takes a whole emoji (a surrogate pair)', async () => {
    const res = await rawJson('patch', `/api/producers/${producerId}`, String.raw`{"story": "Cà phê \ud83d\ude00"}`, c[PRODUCER]);
    expect(res.status).toBe(200);
    expect(res.body.story).toBe('Cà phê 😀');
  });
});

describe('deeply nested bodies', () => {
  const deep = (levels: number) => `{"story": ${'['.repeat(levels)}${']'.repeat(levels)}}`;
  it('answers 5,000 levels with 400 naming the body, with or without an Idempotency-Key', async () => {
    for (const key of [randomUUID(), undefined]) {
      const call = t.http
        .patch(`/api/producers/${producerId}`)
        .set('Cookie', c[PRODUCER]!)
        .set('Content-Type', 'application/json');
      const res = await (key ? call.set('Idempotency-Key', key) : call).send(deep(5000));
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0]).toMatchObject({ code: 'too_deep', params: { maximum: 32 } });
    }
    expect((await t.http.get('/api/health')).status).toBe(200);
  });
});

describe('requests from other sites (CSRF)', () => {
  const csv = 'Tên đơn vị,Loại,Tỉnh/Thành phố\nSiêu thị CSRF,distributor,Đắk Lắk\n';

  it("refuses a text/plain form post of another site to the import with the organiser's cookie, and stores nothing", async () => {
    const before = await countBuyers();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${Number(new URL(t.baseUrl).port) + 1}`, 'null']) {
      const res = await t.http
        .post('/api/imports/buyers/commit')
        .set('Cookie', c[ORGANISER]!)
        .set('Origin', origin)
        .set('Content-Type', 'text/plain')
        .send(csv);
      expect(res.status, origin).toBe(403);
      expect(res.body.error.fields[0]).toMatchObject({ path: 'headers.origin', code: 'cross_origin' });
    }
    expect(await countBuyers()).toBe(before);
  });

  it('refuses a form post of another site to sign out, and the session goes on', async () => {
    const res = await t.http
      .post('/api/auth/logout')
      .set('Cookie', c[PRODUCER]!)
      .set('Origin', 'http://stand-12.venue.example')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('a=1');
    expect(res.status).toBe(403);
    expect((await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!)).status).toBe(200);
  });

  it('refuses a change a browser marks cross-site or same-site even without an Origin', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await t.http
        .patch(`/api/producers/${producerId}`)
        .set('Cookie', c[PRODUCER]!)
        .set('Sec-Fetch-Site', site)
        .send({ story: 'từ trang khác' });
      expect(res.status, site).toBe(403);
    }
  });

  it("takes changes from the app's own origin, from a listed origin, and from clients that are not browsers", async () => {
    const own = await t.http
      .patch(`/api/producers/${producerId}`)
      .set('Cookie', c[PRODUCER]!)
      .set('Origin', t.baseUrl)
      .set('Sec-Fetch-Site', 'same-origin')
      .send({ story: 'từ chính ứng dụng' });
    expect(own.status).toBe(200);
    const listed = await t.http
      .patch(`/api/producers/${producerId}`)
      .set('Cookie', c[PRODUCER]!)
      .set('Origin', LISTED_ORIGIN)
      .send({ story: 'từ màn hình được phép' });
    expect(listed.status).toBe(200);
    const script = await t.http.patch(`/api/producers/${producerId}`).set('Cookie', c[PRODUCER]!).send({ story: 'từ script' });
    expect(script.status).toBe(200);
    // reads are never refused for where they come from
    const read = await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!).set('Origin', 'http://evil.example');
    expect(read.status).toBe(200);
  });
});

describe('content types', () => {
  it('answers a JSON call sent as text/plain or as a form with 415 naming the header, and changes nothing', async () => {
    const before = await countBuyers();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await t.http
        .post('/api/buyers')
        .set('Cookie', c[ORGANISER]!)
        .set('Content-Type', type)
        .send(JSON.stringify({ name: 'Nhà phân phối 415', orgType: 'distributor', provinceId }));
      expect(res.status, type).toBe(415);
      expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(res.body.error.fields[0]).toMatchObject({ path: 'headers.content-type', code: 'content_type' });
    }
    expect(await countBuyers()).toBe(before);
  });

  it('takes a spreadsheet upload as csv, xlsx or plain bytes, and never as text/plain', async () => {
    const csv = 'Tên đơn vị,Loại,Tỉnh/Thành phố\nSiêu thị Kiểu,distributor,Đắk Lắk\n';
    for (const type of ['text/csv', 'application/octet-stream']) {
      const res = await t.http
        .post('/api/imports/buyers/preview')
        .set('Cookie', c[ORGANISER]!)
        .set('Content-Type', type)
        .send(csv);
      expect(res.status, type).toBe(200);
    }
    const plain = await t.http
      .post('/api/imports/buyers/preview')
      .set('Cookie', c[ORGANISER]!)
      .set('Content-Type', 'text/plain')
      .send(csv);
    expect(plain.status).toBe(415);
  });

  it('takes a call without a body whatever type it names (sign-out)', async () => {
    for (const type of [undefined, 'text/plain']) {
      const cookie = await t.signIn(PRODUCER);
      const call = t.http.post('/api/auth/logout').set('Cookie', cookie);
      const res = await (type ? call.set('Content-Type', type) : call);
      expect(res.status, type).toBe(204);
    }
  });

  it('answers a body of 1 MB of tiny values with 400 before walking all of it', async () => {
    const raw = JSON.stringify({ regions: Array.from({ length: 150_000 }, () => 'a') });
    const res = await rawJson('patch', `/api/buyers/${buyerId}`, raw);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toMatchObject({ code: 'too_many_values', params: { maximum: 20_000 } });
  });
});

describe('idempotency fingerprint', () => {
  it('replays a retry whose fields come in another order, and creates the product once', async () => {
    const key = randomUUID();
    const send = (raw: string) =>
      t.http
        .post(`/api/producers/${producerId}/products`)
        .set('Cookie', c[PRODUCER]!)
        .set('Idempotency-Key', key)
        .set('Content-Type', 'application/json')
        .send(raw);
    const first = await send('{"name": "Mật ong hoa cà phê (thứ tự)", "category": "honey", "description": "a"}');
    expect(first.status).toBe(201);
    const again = await send('{"description": "a", "category": "honey", "name": "Mật ong hoa cà phê (thứ tự)"}');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const stored = await t.database.db.prisma.product.count({ where: { name: 'Mật ong hoa cà phê (thứ tự)' } });
    expect(stored).toBe(1);
    // a different body with the same key is still refused
    const other = await send('{"name": "Mật ong khác", "category": "honey"}');
    expect(other.status).toBe(400);
    expect(other.body.error.fields[0].code).toBe('idempotency_key_reused');
  });
});

describe('requests the HTTP parser refuses', () => {
  it('answers an address past 16 KB with 431 in the error shape', async () => {
    const res = await fetch(`${t.baseUrl}/api/producers?q=${'x'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(await res.json()).toMatchObject({ error: { code: 'HEADERS_TOO_LARGE' } });
    expect((await t.http.get('/api/health')).status).toBe(200);
  });
});

describe('caching of private answers', () => {
  it('marks the signed-in user, a profile with contacts and lists as no-store', async () => {
    for (const url of ['/api/auth/me', `/api/producers/${producerId}`, '/api/producers', `/api/buyers/${buyerId}`]) {
      const res = await t.http.get(url).set('Cookie', c[ORGANISER]!);
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });
});
