// The allocation proposal in the browser (issue 9): the organiser asks for a proposal for the
// approved applications still without a booth, sees it on the plan with why each producer got
// its booth, leaves one placement out and accepts the rest as one change.
import { mkdirSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { appInBrowser, describeInBrowser, signedInPage, DESKTOP } from '../support/browser.ts';
import { ORGANISER } from '../support/accounts.ts';
import { DEMO } from '../../prisma/demo/seed.ts';

const SHOTS = 'test/e2e/screenshots';
const WAITING = 6;

describeInBrowser('the allocation proposal', () => {
  const app = appInBrowser();
  let fairId = '';
  const producers: { id: string; name: string }[] = [];

  beforeAll(async () => {
    const prisma = app.t.database.db.prisma;
    fairId = (await prisma.event.findFirstOrThrow({ where: { name: DEMO.fair.name }, select: { id: true } })).id;
    const cookie = await app.t.signIn(ORGANISER);
    // Approved applications of producers with no booth at the fair, asking for zone D.
    const free = await prisma.producer.findMany({
      where: { occupancies: { none: {} }, applications: { none: {} } },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
      take: WAITING,
    });
    for (const p of free) {
      const filed = await app.t.http
        .post(`/api/events/${fairId}/applications`)
        .set('Cookie', cookie)
        .send({ producerId: p.id, preferences: { zones: ['Khu D – Ẩm thực, du lịch'], types: ['standard'] } });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const decided = await app.t.http
        .post(`/api/applications/${filed.body.id}/decision`)
        .set('Cookie', cookie)
        .send({ status: 'approved' });
      expect(decided.status).toBe(200);
      producers.push(p);
    }
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  it('proposes booths with reasons, shows them on the plan, and accepts the placements left chosen', async () => {
    const prisma = app.t.database.db.prisma;
    const page = await signedInPage(app, ORGANISER, DESKTOP);
    await page.goto(`${app.t.baseUrl}/events/${fairId}`);
    await expect.poll(() => page.getByTestId('booth-tile').count(), { timeout: 15_000 }).toBeGreaterThan(200);
    const waiting = page.getByTestId('awaiting-list').getByTestId('producer-chip');
    await expect.poll(() => waiting.count()).toBeGreaterThanOrEqual(WAITING);

    const panel = page.getByTestId('allocation-panel');
    await panel.getByTestId('allocation-propose').click();
    const items = panel.getByTestId('allocation-item');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(WAITING);
    const proposed = await items.evaluateAll((els) =>
      els.map((el) => ({ boothId: el.getAttribute('data-booth-id')!, producerId: el.getAttribute('data-producer-id')! })),
    );
    expect(await panel.getByTestId('allocation-score').textContent()).toMatch(/điểm mong muốn \d/);
    // Each placement says why: ours got the zone they asked for.
    const ours = items.filter({ hasText: producers[0]!.name });
    expect(await ours.textContent()).toContain('Khu D – Ẩm thực, du lịch: lựa chọn thứ 1');
    await expect.poll(() => page.locator('.plan-booth--proposed').count()).toBe(proposed.length);

    // Leave the first placement out; accept the others.
    const [left, ...taken] = proposed;
    await items.first().locator('input[type="checkbox"]').uncheck();
    await expect.poll(() => page.locator('.plan-booth--proposed').count()).toBe(taken.length);
    await page.getByTestId('allocation-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/floorplan-allocation.png`, fullPage: true });
    await panel.getByTestId('allocation-accept').click();
    await expect.poll(() => page.getByTestId('booth-done').textContent()).toContain(`${taken.length}`);

    for (const p of taken) {
      const o = await prisma.boothOccupancy.findUnique({ where: { boothId: p.boothId } });
      expect({ producerId: o?.producerId, kind: o?.kind }).toEqual({ producerId: p.producerId, kind: 'assigned' });
    }
    expect(await prisma.boothOccupancy.findUnique({ where: { boothId: left!.boothId } })).toBeNull();
    const oursPlaced = await prisma.boothOccupancy.findMany({
      where: { eventId: fairId, producerId: { in: producers.map((p) => p.id) } },
      include: { booth: { select: { zone: true } } },
    });
    expect(oursPlaced.every((o) => o.booth.zone === 'Khu D – Ẩm thực, du lịch')).toBe(true);
    // The plan shows them assigned, the proposal is gone, and the one left out still waits.
    await expect.poll(() => page.locator('.plan-booth--proposed').count()).toBe(0);
    const stillWaiting = () => waiting.evaluateAll((els) => els.map((el) => el.getAttribute('data-producer-id')));
    await expect.poll(stillWaiting).toContain(left!.producerId);
    const after = await stillWaiting();
    expect(taken.filter((p) => after.includes(p.producerId))).toEqual([]);
    await page.context().close();
  }, 120_000);
});
