// A long import lets everyone else go on, and cannot take their work down with it: while a
// 4,000-row import runs and then fails at its last write, others sign in, edit and search.
// Every change they were told had succeeded must still be there after the import rolled
// back, and no search may have shown a row of the import that never committed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISER, PRODUCER } from '../support/accounts.ts';
import { injectFault } from '../support/faults.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const c: Record<string, string> = {};
let productId: string;
let producerId: string;

beforeAll(async () => {
  t = await startTestServer({ LOGIN_MAX_ATTEMPTS: '1000' });
  for (const email of [ORGANISER, PRODUCER]) c[email] = await t.signIn(email);
  const me = await t.http.get('/api/auth/me').set('Cookie', c[PRODUCER]!);
  producerId = me.body.user.organisationId;
  const producer = await t.http.get(`/api/producers/${producerId}`).set('Cookie', c[PRODUCER]!);
  productId = producer.body.products[0].id;
});
afterAll(() => t.close());

const ROWS = 4_000;
const MARK = 'HTX Nhập Dở Dang';

function sheet(): string {
  const lines = ['Tên chủ thể,Loại hình,Tỉnh/Thành phố,Địa chỉ'];
  for (let i = 0; i < ROWS; i++) lines.push(`${MARK} ${i},Hợp tác xã,Đắk Lắk,Xã Ea Tu`);
  return lines.join('\n');
}

describe('others during an import that fails at its last write', () => {
  it('are answered meanwhile, see nothing of it, and lose nothing of theirs', async () => {
    // The import's own activity entry is its last write: refusing it rolls back the whole import.
    const heal = await injectFault(t, {
      name: 'import_logged',
      table: 'ActivityLog',
      on: 'INSERT',
      when: `NEW."type" = 'directory:imported'`,
    });
    let importing = true;
    const importDone = t.http
      .post('/api/imports/producers/commit')
      .set('Cookie', c[ORGANISER]!)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(sheet()))
      .then((res) => {
        importing = false;
        return res;
      });

    // Three users at once, each going on until the import has answered.
    const sessions: string[] = [];
    const names: string[] = [];
    const seenOfImport: number[] = [];
    let answeredMeanwhile = 0;
    const served = () => {
      if (importing) answeredMeanwhile++;
    };
    const signingIn = async () => {
      while (importing) {
        sessions.push(await t.signIn(PRODUCER));
        served();
      }
    };
    const editing = async () => {
      for (let i = 0; importing; i++) {
        const edit = await t.http
          .patch(`/api/products/${productId}`)
          .set('Cookie', c[PRODUCER]!)
          .send({ description: `Cà phê Robusta, lần sửa ${i}` });
        expect(edit.status).toBe(200);
        names.push(edit.body.description);
        served();
      }
    };
    const searching = async () => {
      while (importing) {
        const search = await t.http.get('/api/producers').query({ q: 'nhap do dang' }).set('Cookie', c[ORGANISER]!);
        expect(search.status).toBe(200);
        seenOfImport.push(search.body.total);
        served();
      }
    };
    await Promise.all([signingIn(), editing(), searching()]);

    const imported = await importDone;
    await heal();
    expect(imported.status).toBe(500);
    // The test means something only if others were served while the import ran.
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(6);
    expect(seenOfImport.every((n) => n === 0)).toBe(true);

    for (const session of sessions) expect((await t.http.get('/api/auth/me').set('Cookie', session)).status).toBe(200);
    const producer = await t.http.get(`/api/producers/${producerId}`).set('Cookie', c[PRODUCER]!);
    expect(producer.body.products.find((p: { id: string }) => p.id === productId).description).toBe(names.at(-1));
    const after = await t.http.get('/api/producers').query({ q: 'nhap do dang' }).set('Cookie', c[ORGANISER]!);
    expect(after.body.total).toBe(0);
  });
});
