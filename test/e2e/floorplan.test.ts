// The floor plan in the browser (issue 9): the organiser drags a producer onto a booth and the
// producer, signed in in another browser, sees "your booth" appear without reloading; the same
// assignment made with the keyboard only; and the plan on a desktop and on a phone (screenshots
// into test/e2e/screenshots/).
import { mkdirSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appInBrowser, describeInBrowser, signedInPage, DESKTOP, PHONE } from '../support/browser.ts';
import { ORGANISER, PRODUCER } from '../support/accounts.ts';

/** A second producer with a sign-in and no booth in the demo. */
const OTHER_PRODUCER = 'hokd.matong@demo.ocop.vn';
import { DEMO } from '../../prisma/demo/seed.ts';

const SHOTS = 'test/e2e/screenshots';
/** Two browsers, a sign-in each, the plan drawn twice: more than the default 30 s on a busy machine. */
const TEST_TIMEOUT = 120_000;

describeInBrowser('the floor plan', () => {
  const app = appInBrowser();
  let fairId = '';
  let producerId = '';
  let producerName = '';
  let organiserCookie = '';

  beforeAll(async () => {
    const prisma = app.t.database.db.prisma;
    fairId = (await prisma.event.findFirstOrThrow({ where: { name: DEMO.fair.name }, select: { id: true } })).id;
    const me = await prisma.user.findFirstOrThrow({ where: { email: PRODUCER }, select: { producerId: true } });
    producerId = me.producerId!;
    producerName = (await prisma.producer.findUniqueOrThrow({ where: { id: producerId }, select: { name: true } })).name;
    organiserCookie = await app.t.signIn(ORGANISER);
    mkdirSync(SHOTS, { recursive: true });
  });

  /** An available booth of the fair (its id and code), as the API lists it. */
  async function availableBooth(zoneLetter: string, skip = 0): Promise<{ id: string; code: string }> {
    const res = await app.t.http.get(`/api/events/${fairId}/booths`).set('Cookie', organiserCookie);
    expect(res.status).toBe(200);
    const free = (res.body.items as { id: string; code: string; status: string; type: string }[]).filter(
      (b) => b.status === 'available' && b.code.startsWith(zoneLetter) && b.type === 'standard',
    );
    return free[skip]!;
  }

  /** Two available booths side by side in one row: the second is right of the first. */
  async function availablePair(zoneLetter: string): Promise<[{ id: string; code: string }, { id: string; code: string }]> {
    const res = await app.t.http.get(`/api/events/${fairId}/booths`).set('Cookie', organiserCookie);
    type B = { id: string; code: string; status: string; x: number; y: number; widthM: number };
    const items = (res.body.items as B[]).filter((b) => b.code.startsWith(zoneLetter) && b.status === 'available');
    for (const a of items) {
      const b = items.find((o) => o.y === a.y && o.x === a.x + a.widthM);
      if (b) return [a, b];
    }
    throw new Error(`no two available booths side by side in zone ${zoneLetter}`);
  }

  async function assignmentOf(boothId: string) {
    return app.t.database.db.prisma.boothOccupancy.findUnique({ where: { boothId }, select: { producerId: true, kind: true } });
  }

  async function openFair(page: Page): Promise<void> {
    await page.goto(`${app.t.baseUrl}/events/${fairId}`);
    try {
      await expect.poll(() => page.getByTestId('booth-tile').count(), { timeout: 15_000 }).toBeGreaterThan(200);
    } catch (e) {
      await page.screenshot({ path: 'test-results/floorplan-debug.png', fullPage: true });
      throw e;
    }
  }

  /** An attribute of the element with the keyboard focus (the tests' tsconfig has no DOM types). */
  const focused = (attribute: string) => `document.activeElement?.getAttribute('${attribute}') ?? null`;

  const booth = (page: Page, code: string) => page.locator(`[data-testid="booth-tile"][data-code="${code}"]`);

  it(
    'the organiser drags a producer onto a booth and the producer sees its booth appear without reloading',
    async () => {
      const target = await availableBooth('A');
      const producer = await signedInPage(app, PRODUCER, DESKTOP);
      await openFair(producer);
      await producer.getByTestId('my-booth-none').waitFor();

      const organiser = await signedInPage(app, ORGANISER, DESKTOP);
      await openFair(organiser);
      const panel = organiser.getByTestId('assignment-panel');
      await panel.getByTestId('producer-search').fill('Ea Tul');
      const chip = panel.getByTestId('producer-search-results').locator(`[data-producer-id="${producerId}"]`);
      await chip.waitFor();
      await chip.dragTo(booth(organiser, target.code));

      await expect.poll(() => organiser.getByTestId('booth-done').textContent()).toContain(target.code);
      expect(await assignmentOf(target.id)).toEqual({ producerId, kind: 'assigned' });
      await expect.poll(() => booth(organiser, target.code).getAttribute('data-status')).toBe('assigned');
      expect(await booth(organiser, target.code).getAttribute('aria-label')).toBe(
        `${target.code}, đã phân bổ cho ${producerName}`,
      );

      // The producer's screen, never reloaded, shows its booth and marks it on the plan.
      await expect.poll(() => producer.getByTestId('my-booth').textContent(), { timeout: 10_000 }).toContain(target.code);
      expect(await booth(producer, target.code).getAttribute('data-mine')).toBe('true');

      await booth(organiser, target.code).click();
      await organiser.getByTestId('booth-details').waitFor();
      await organiser.screenshot({ path: `${SHOTS}/floorplan-desktop.png`, fullPage: true });
      // The outputs: the booths as a spreadsheet, and the plan with its exhibitor list on paper.
      for (const format of ['xlsx', 'csv']) {
        const href = await organiser.getByTestId(`booth-export-${format}`).getAttribute('href');
        const file = await app.t.http.get(href!).set('Cookie', organiserCookie);
        expect(file.status).toBe(200);
      }
      await organiser.emulateMedia({ media: 'print' });
      await organiser.screenshot({ path: `${SHOTS}/floorplan-print.png`, fullPage: true });
      await organiser.emulateMedia({ media: 'screen' });
      await producer.getByTestId('my-booth-show').click();
      await producer.screenshot({ path: `${SHOTS}/floorplan-producer-desktop.png`, fullPage: true });
      await producer.context().close();
      await organiser.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    'the same assignment with the keyboard only: pick the producer up with Enter, arrow to a booth, Enter to put it down',
    async () => {
      // Start again from no booth: the booth of the first test is released.
      const held = await app.t.database.db.prisma.boothOccupancy.findMany({ where: { producerId, kind: 'assigned' } });
      for (const o of held) {
        const res = await app.t.http
          .delete(`/api/events/${fairId}/booths/${o.boothId}/assignment`)
          .set('Cookie', organiserCookie);
        expect(res.status).toBe(204);
      }
      const producer = await signedInPage(app, PRODUCER, DESKTOP);
      await openFair(producer);
      await producer.getByTestId('my-booth-none').waitFor();

      const organiser = await signedInPage(app, ORGANISER, DESKTOP);
      await openFair(organiser);
      const [start, next] = await availablePair('B');
      // Open a booth with the keyboard: the plan is one Tab stop, arrows move, Enter opens.
      await booth(organiser, start.code).focus();
      await organiser.keyboard.press('Enter');
      await expect.poll(() => organiser.getByTestId('booth-details').getAttribute('data-code')).toBe(start.code);
      await organiser.keyboard.press('Escape');
      await organiser.getByTestId('booth-details').waitFor({ state: 'detached' });

      const search = organiser.getByTestId('assignment-panel').getByTestId('producer-search');
      await search.focus();
      await organiser.keyboard.type('Ea Tul');
      const chip = organiser.getByTestId('producer-search-results').locator(`[data-producer-id="${producerId}"]`);
      await chip.waitFor();
      await organiser.keyboard.press('Tab');
      // Tab goes from the search box to the first result: this producer.
      expect(await organiser.evaluate(focused('data-producer-id'))).toBe(producerId);
      await organiser.keyboard.press('Enter');
      await organiser.getByTestId('placing').waitFor();
      // The focus is on the plan now, on the booth last used; arrows move it.
      await expect.poll(() => organiser.evaluate(focused('data-code'))).toBe(start.code);
      await organiser.keyboard.press('ArrowRight');
      expect(await organiser.evaluate(focused('data-code'))).toBe(next.code);
      await organiser.keyboard.press('Enter');

      await expect.poll(() => organiser.getByTestId('booth-announcement').textContent()).toContain(next.code);
      expect(await assignmentOf(next.id)).toEqual({ producerId, kind: 'assigned' });
      await expect.poll(() => producer.getByTestId('my-booth').textContent(), { timeout: 10_000 }).toContain(next.code);
      await organiser.screenshot({ path: `${SHOTS}/floorplan-keyboard.png` });
      await producer.context().close();
      await organiser.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    'a refused assignment says why in plain words, and changes nothing',
    async () => {
      const prisma = app.t.database.db.prisma;
      const other = await prisma.user.findFirstOrThrow({ where: { email: OTHER_PRODUCER }, select: { producerId: true } });
      const otherName = (await prisma.producer.findUniqueOrThrow({ where: { id: other.producerId! } })).name;
      const taken = await prisma.boothOccupancy.findFirstOrThrow({
        where: { eventId: fairId, kind: 'assigned', producerId: { not: producerId } },
        select: { boothId: true, producerId: true, booth: { select: { code: true } } },
      });
      const organiser = await signedInPage(app, ORGANISER, DESKTOP);
      await openFair(organiser);
      const panel = organiser.getByTestId('assignment-panel');
      await panel.getByTestId('producer-search').fill(otherName);
      const chip = panel.getByTestId('producer-search-results').locator(`[data-producer-id="${other.producerId}"]`);
      await chip.dragTo(booth(organiser, taken.booth.code));
      await expect
        .poll(() => organiser.getByTestId('booth-refused').textContent())
        .toContain(`Không xếp được ${otherName} vào gian ${taken.booth.code}: gian đã được phân bổ cho chủ thể khác.`);
      expect(await assignmentOf(taken.boothId)).toEqual({ producerId: taken.producerId, kind: 'assigned' });
      expect(await prisma.boothOccupancy.count({ where: { producerId: other.producerId! } })).toBe(0);

      // In English, the same refusal.
      await organiser.getByTestId('locale-en').click();
      await chip.dragTo(booth(organiser, taken.booth.code));
      await expect
        .poll(() => organiser.getByTestId('booth-refused').textContent())
        .toContain('the booth is already assigned to another producer.');

      // Ctrl + wheel zooms in where the pointer is; the names of exhibitors then fit in their booths.
      const box = (await booth(organiser, taken.booth.code).boundingBox())!;
      await organiser.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await organiser.keyboard.down('Control');
      for (let i = 0; i < 4; i++) await organiser.mouse.wheel(0, -200);
      await organiser.keyboard.up('Control');
      await expect
        .poll(async () => parseInt((await organiser.getByTestId('plan-zoom').textContent()) ?? '0', 10))
        .toBeGreaterThan(250);
      await expect.poll(() => booth(organiser, taken.booth.code).locator('.plan-booth__name').count()).toBeGreaterThan(0);
      await organiser.getByTestId('plan-more-right').waitFor();
      await organiser.getByTestId('plan-viewport').scrollIntoViewIfNeeded();
      await organiser.screenshot({ path: `${SHOTS}/floorplan-desktop-zoomed.png` });
      await organiser.getByTestId('plan-fit').click();
      await expect.poll(() => organiser.getByTestId('plan-zoom').textContent()).toContain('100%');
      await organiser.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    'moves an exhibitor by dragging it to another booth, checks it in, and holds a booth for a producer from its details',
    async () => {
      const prisma = app.t.database.db.prisma;
      const from = await prisma.boothOccupancy.findFirstOrThrow({
        where: { producerId, kind: 'assigned' },
        select: { boothId: true, booth: { select: { code: true } } },
      });
      const producer = await signedInPage(app, PRODUCER, DESKTOP);
      await openFair(producer);
      await expect.poll(() => producer.getByTestId('my-booth').textContent()).toContain(from.booth.code);

      const organiser = await signedInPage(app, ORGANISER, DESKTOP);
      await openFair(organiser);
      const [, to] = await availablePair(from.booth.code[0]!);
      const start = (await booth(organiser, from.booth.code).boundingBox())!;
      const end = (await booth(organiser, to.code).boundingBox())!;
      await organiser.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
      await organiser.mouse.down();
      await organiser.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 8 });
      await organiser.mouse.up();
      await expect
        .poll(() => organiser.getByTestId('booth-done').textContent())
        .toContain(`${from.booth.code} sang gian ${to.code}`);
      expect(await assignmentOf(to.id)).toEqual({ producerId, kind: 'assigned' });
      expect(await assignmentOf(from.boothId)).toBeNull();
      await expect.poll(() => producer.getByTestId('my-booth').textContent(), { timeout: 10_000 }).toContain(to.code);

      // Check in from the booth's details.
      await booth(organiser, to.code).click();
      await organiser.getByTestId('booth-check-in').click();
      await expect.poll(() => organiser.getByTestId('booth-checked-in').textContent()).toContain('Đã có mặt');
      expect((await prisma.boothOccupancy.findUniqueOrThrow({ where: { boothId: to.id } })).checkedInAt).not.toBeNull();
      await expect.poll(() => booth(producer, to.code).getAttribute('aria-label')).toContain('đã có mặt');

      // Hold a free booth for another producer for 15 minutes, then end the hold.
      const other = await prisma.user.findFirstOrThrow({ where: { email: OTHER_PRODUCER }, select: { producerId: true } });
      const otherName = (await prisma.producer.findUniqueOrThrow({ where: { id: other.producerId! } })).name;
      const free = await availableBooth('D');
      await booth(organiser, free.code).click();
      const details = organiser.getByTestId('booth-details');
      await details.getByTestId('producer-search').fill(otherName);
      await details.getByRole('button', { name: otherName }).click();
      await expect.poll(() => details.getByTestId('booth-chosen').textContent()).toContain(otherName);
      await details.locator('input[type="number"]').fill('15');
      const before = app.t.services.now().getTime();
      await details.getByTestId('booth-hold').click();
      await expect.poll(async () => (await assignmentOf(free.id))?.kind).toBe('held');
      const hold = await prisma.boothOccupancy.findUniqueOrThrow({ where: { boothId: free.id } });
      expect(hold.producerId).toBe(other.producerId);
      expect(hold.expiresAt!.getTime() - before).toBeGreaterThan(14 * 60_000);
      expect(hold.expiresAt!.getTime() - before).toBeLessThan(16 * 60_000);
      await expect.poll(() => booth(organiser, free.code).getAttribute('aria-label')).toContain(`giữ chỗ cho ${otherName}`);
      // Another producer sees the booth held, and not for whom.
      await expect.poll(() => booth(producer, free.code).getAttribute('aria-label')).toBe(`${free.code}, đang giữ chỗ`);
      await organiser.screenshot({ path: `${SHOTS}/floorplan-hold.png` });

      await organiser.getByTestId('booth-end-hold').click();
      await expect.poll(() => assignmentOf(free.id)).toBeNull();
      await expect.poll(() => booth(producer, free.code).getAttribute('data-status')).toBe('available');
      await producer.context().close();
      await organiser.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    'with a finger, a producer dragged by its grip onto a booth gets it',
    async () => {
      const prisma = app.t.database.db.prisma;
      const other = await prisma.user.findFirstOrThrow({ where: { email: OTHER_PRODUCER }, select: { producerId: true } });
      const otherName = (await prisma.producer.findUniqueOrThrow({ where: { id: other.producerId! } })).name;
      for (const o of await prisma.boothOccupancy.findMany({ where: { producerId: other.producerId! } })) {
        await app.t.http.delete(`/api/events/${fairId}/booths/${o.boothId}/assignment`).set('Cookie', organiserCookie);
      }
      const organiser = await signedInPage(app, ORGANISER, { ...DESKTOP, hasTouch: true });
      await openFair(organiser);
      const target = await availableBooth('C');
      await organiser.getByTestId('assignment-panel').getByTestId('producer-search').fill(otherName);
      const grip = organiser
        .getByTestId('producer-search-results')
        .locator(`[data-producer-id="${other.producerId}"] .producer-chip__grip`);
      await grip.waitFor();
      await booth(organiser, target.code).scrollIntoViewIfNeeded();
      await grip.scrollIntoViewIfNeeded();
      const from = (await grip.boundingBox())!;
      const to = (await booth(organiser, target.code).boundingBox())!;
      // Touch events as a finger makes them (the browser turns them into pointer events).
      const cdp = await organiser.context().newCDPSession(organiser);
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
        cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
      const [x0, y0] = [from.x + from.width / 2, from.y + from.height / 2];
      const [x1, y1] = [to.x + to.width / 2, to.y + to.height / 2];
      await touch('touchStart', x0, y0);
      for (let i = 1; i <= 10; i++) await touch('touchMove', x0 + ((x1 - x0) * i) / 10, y0 + ((y1 - y0) * i) / 10);
      await touch('touchEnd', x1, y1);
      await expect.poll(() => assignmentOf(target.id)).toEqual({ producerId: other.producerId, kind: 'assigned' });
      await expect.poll(() => organiser.getByTestId('booth-done').textContent()).toContain(target.code);
      await organiser.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    'fits a phone: zones stacked to the width, and a zoomed plan shows that it pans',
    async () => {
      // The producer has its booth from the tests before; on its own, this test gives it one.
      const has = await app.t.database.db.prisma.boothOccupancy.count({ where: { producerId, kind: 'assigned' } });
      if (has === 0) {
        const free = await availableBooth('B');
        const res = await app.t.http
          .put(`/api/events/${fairId}/booths/${free.id}/assignment`)
          .set('Cookie', organiserCookie)
          .send({ producerId });
        expect(res.status).toBe(200);
      }
      const producer = await signedInPage(app, PRODUCER, PHONE);
      await openFair(producer);
      await producer.getByTestId('my-booth').waitFor();
      expect(await producer.getByTestId('floor-plan').getAttribute('data-layout')).toBe('stacked');
      // Nothing sticks out of the page sideways.
      expect(await producer.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      const box = await producer.getByTestId('floor-plan').boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      await producer.getByTestId('booth-view-plan').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await producer.screenshot({ path: `${SHOTS}/floorplan-phone.png` });

      // Two fingers spreading apart zoom the plan in; "fit" goes back.
      const plan = (await producer.getByTestId('plan-viewport').boundingBox())!;
      const [cx, cy] = [plan.x + plan.width / 2, Math.min(plan.y + plan.height / 2, 600)];
      const cdp = await producer.context().newCDPSession(producer);
      const fingers = (type: 'touchStart' | 'touchMove' | 'touchEnd', apart: number) =>
        cdp.send('Input.dispatchTouchEvent', {
          type,
          touchPoints:
            type === 'touchEnd'
              ? []
              : [
                  { x: cx - apart, y: cy, id: 1 },
                  { x: cx + apart, y: cy, id: 2 },
                ],
        });
      await fingers('touchStart', 30);
      for (let apart = 40; apart <= 120; apart += 10) await fingers('touchMove', apart);
      await fingers('touchEnd', 0);
      await expect
        .poll(async () => parseInt((await producer.getByTestId('plan-zoom').textContent()) ?? '0', 10))
        .toBeGreaterThan(200);
      await producer.getByTestId('plan-fit').click();
      await expect.poll(() => producer.getByTestId('plan-zoom').textContent()).toContain('100%');

      await producer.getByTestId('plan-zoom-in').click();
      await producer.getByTestId('plan-zoom-in').click();
      await producer.getByTestId('plan-more-right').waitFor();
      await producer.getByTestId('plan-pan-hint').waitFor();
      await producer.getByTestId('plan-viewport').scrollIntoViewIfNeeded();
      await producer.screenshot({ path: `${SHOTS}/floorplan-phone-zoomed.png` });

      await producer.getByTestId('my-booth-show').click();
      await producer.getByTestId('booth-details').waitFor();
      await producer.screenshot({ path: `${SHOTS}/floorplan-phone-details.png` });

      await producer.getByTestId('booth-details-close').click();
      await producer.getByTestId('booth-view-list').click();
      await producer.getByTestId('booth-list').waitFor();
      await producer.screenshot({ path: `${SHOTS}/floorplan-phone-list.png` });
      await producer.context().close();
    },
    TEST_TIMEOUT,
  );
});
