// Matchmaking in the browser (issue 10): a producer on a phone picks a suggested buyer (BigC)
// and books one of its free slots; the buyer, signed in in another browser context with the
// session open, sees the meeting appear live (no reload); the buyer records an agreement with
// its value in VND, the producer sees it live, confirms it, and both see it confirmed, as the
// database holds it. The organiser's grid shows the meeting at its table and slot.
import { mkdirSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { appInBrowser, describeInBrowser, signedInPage, DESKTOP, PHONE } from '../support/browser.ts';
import { BUYER, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { DEMO } from '../../prisma/demo/seed.ts';

const SHOTS = 'test/e2e/screenshots';
const TEST_TIMEOUT = 120_000;
const VALUE_VND = 1_250_000_000;

describeInBrowser('matchmaking', () => {
  const app = appInBrowser();
  let sessionId = '';
  const producer = { id: '', name: '' };
  const buyer = { id: '', name: '' };

  beforeAll(async () => {
    const prisma = app.t.database.db.prisma;
    sessionId = (
      await prisma.matchmakingSession.findFirstOrThrow({ where: { name: DEMO.fair.session.name }, select: { id: true } })
    ).id;
    const producerUser = await prisma.user.findFirstOrThrow({
      where: { email: PRODUCER },
      select: { producer: { select: { id: true, name: true } } },
    });
    Object.assign(producer, producerUser.producer);
    const buyerUser = await prisma.user.findFirstOrThrow({
      where: { email: BUYER },
      select: { buyer: { select: { id: true, name: true } } },
    });
    Object.assign(buyer, buyerUser.buyer);
    mkdirSync(SHOTS, { recursive: true });
  });

  it(
    'a producer on a phone books a suggested buyer; the buyer sees it live, records an agreement, and the producer confirms it',
    async () => {
      // The buyer has the session open first: the booking must reach it without a reload.
      const buyerPage = await signedInPage(app, BUYER, DESKTOP);
      await buyerPage.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
      await buyerPage.getByTestId('my-meetings-empty').waitFor();
      await expect.poll(() => buyerPage.getByTestId('live-indicator').getAttribute('class')).toContain('is-live');

      const phone = await signedInPage(app, PRODUCER, PHONE);
      // From the event's sessions tab into the session, as a producer finds it.
      const fairId = (await app.t.database.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { id: sessionId } })).eventId;
      await phone.goto(`${app.t.baseUrl}/events/${fairId}?tab=sessions`);
      await phone.getByTestId('session-item').filter({ hasText: DEMO.fair.session.name }).getByTestId('session-open').click();
      await phone.getByTestId('session-name').waitFor();
      expect(phone.url()).toContain(`/sessions/${sessionId}`);
      await expect.poll(() => phone.getByTestId('live-indicator').getAttribute('class')).toContain('is-live');

      await phone.getByTestId('suggested-buyer').first().waitFor();
      const card = phone.locator(`[data-testid="suggested-buyer"][data-buyer-id="${buyer.id}"]`);
      // A phone shows the best few first; BigC may be further down.
      if ((await card.count()) === 0) await phone.getByTestId('suggested-more').click();
      await card.waitFor();
      // The reasons are said in Vietnamese, not as codes.
      const reasons = await card.getByTestId('suggested-reasons').textContent();
      expect(reasons).toMatch(/Mua nhóm|Thu mua tại|sao/);
      expect(reasons).not.toMatch(/category|min_stars_met|region/);
      await card.getByTestId('suggested-pick').click();
      await card.getByTestId('free-slot').first().click();
      const slotText = (await card.getByTestId('free-slot').first().textContent())!.trim();
      await card.getByTestId('book-submit').scrollIntoViewIfNeeded();
      await phone.screenshot({ path: `${SHOTS}/matchmaking-producer-phone-pick.png` });
      await card.getByTestId('book-submit').click();
      await expect.poll(() => phone.getByTestId('book-feedback').textContent()).toContain(`Đã đặt lịch gặp ${buyer.name}`);

      const stored = await app.t.database.db.prisma.meeting.findFirstOrThrow({
        where: { sessionId, producerId: producer.id, buyerId: buyer.id, status: 'booked' },
        select: { id: true, tableNumber: true },
      });
      const mine = phone.getByTestId('my-meetings').getByTestId('meeting-card');
      await expect.poll(() => mine.count()).toBe(1);
      expect(await mine.getByTestId('meeting-party').textContent()).toContain(buyer.name);
      expect(await mine.getByTestId('meeting-table').textContent()).toContain(`Bàn ${stored.tableNumber}`);
      expect(await mine.locator('time').first().textContent()).toContain(slotText.slice(0, 5));
      await phone.evaluate('window.scrollTo(0, 0)');
      await phone.screenshot({ path: `${SHOTS}/matchmaking-producer-phone.png` });

      // Live on the buyer's screen: the meeting and a notice, without a reload.
      const theirs = buyerPage.getByTestId('my-meetings').getByTestId('meeting-card');
      await expect.poll(() => theirs.count(), { timeout: 10_000 }).toBe(1);
      expect(await theirs.getByTestId('meeting-party').textContent()).toContain(producer.name);
      await expect.poll(() => buyerPage.getByTestId('live-notice').first().textContent()).toContain(producer.name);

      // The buyer records an agreement with its value, typed with thousands separators.
      await theirs.getByTestId('outcome-record').click();
      const form = theirs.getByTestId('outcome-form');
      await form.getByTestId('outcome-status').selectOption('agreement');
      await form.getByTestId('outcome-value').fill('1250000000');
      expect(await form.getByTestId('outcome-value').inputValue()).toBe('1.250.000.000');
      await form.getByTestId('outcome-product').first().check();
      await form.getByTestId('outcome-save').click();
      await expect.poll(() => theirs.getByTestId('outcome-status-text').textContent()).toBe('Ký thoả thuận/MoU');
      expect(await theirs.getByTestId('outcome-value-text').textContent()).toMatch(/1\.250\.000\.000/);
      expect(await theirs.getByTestId('outcome-confirmation').textContent()).toContain('Chờ xác nhận');
      await buyerPage.screenshot({ path: `${SHOTS}/matchmaking-buyer.png`, fullPage: true });

      // The producer sees it live and confirms it.
      await mine.getByTestId('outcome-ask').waitFor({ timeout: 10_000 });
      expect(await mine.getByTestId('outcome-value-text').textContent()).toMatch(/1\.250\.000\.000/);
      await mine.getByTestId('outcome-confirm').click();
      await expect.poll(() => mine.getByTestId('outcome-confirmation').textContent()).toContain('Đã xác nhận');
      await expect
        .poll(() => theirs.getByTestId('outcome-confirmation').textContent(), { timeout: 10_000 })
        .toContain('Đã xác nhận');
      await mine.scrollIntoViewIfNeeded();
      await phone.screenshot({ path: `${SHOTS}/matchmaking-producer-confirmed.png` });

      const after = await app.t.database.db.prisma.meeting.findUniqueOrThrow({
        where: { id: stored.id },
        select: { outcomeStatus: true, outcomeValueVnd: true, outcomeBy: true, outcomeConfirmation: true },
      });
      expect(after).toMatchObject({ outcomeStatus: 'agreement', outcomeBy: 'buyer', outcomeConfirmation: 'confirmed' });
      expect(Number(after.outcomeValueVnd)).toBe(VALUE_VND);

      // The organiser's grid: the meeting at its table and slot, with both names.
      const organiser = await signedInPage(app, ORGANISER, DESKTOP);
      await organiser.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
      const grid = organiser.getByTestId('meeting-grid');
      await grid.waitFor();
      await expect.poll(() => grid.getByTestId('grid-count').textContent()).toContain('1');
      const cell = grid
        .locator(`[data-testid="grid-cell"][data-table="${stored.tableNumber}"]`)
        .filter({ hasText: producer.name });
      await expect.poll(() => cell.count()).toBe(1);
      await cell.click();
      await organiser.getByTestId('selected-meeting').waitFor();
      expect(await organiser.getByTestId('selected-meeting').textContent()).toContain(buyer.name);
      await organiser.screenshot({ path: `${SHOTS}/matchmaking-organiser-grid.png`, fullPage: true });

      await Promise.all([phone.context().close(), buyerPage.context().close(), organiser.context().close()]);
    },
    TEST_TIMEOUT,
  );
});
