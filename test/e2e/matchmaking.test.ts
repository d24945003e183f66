// Matchmaking in the browser (issue 10): a producer on a phone picks a suggested buyer (BigC)
// and books one of its free slots; the buyer, signed in in another browser context with the
// session open, sees the meeting appear live (no reload); the buyer records an agreement with
// its value in VND, the producer sees it live, confirms it, and both see it confirmed, as the
// database holds it. The organiser's grid shows the meeting at its table and slot.
import { mkdirSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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
  let fairId = '';
  let firstSlotId = '';
  /** One signed-in screen each for the producer (a phone), the buyer and the organiser, kept across the tests. */
  const screens: { producer?: Page; buyer?: Page } = {};
  const producerPhone = async () => (screens.producer ??= await signedInPage(app, PRODUCER, PHONE));
  const buyerScreen = async () => (screens.buyer ??= await signedInPage(app, BUYER, DESKTOP));
  let organiserPage: Page | undefined;
  const organiserScreen = async () => (organiserPage ??= await signedInPage(app, ORGANISER, DESKTOP));

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
    fairId = (await prisma.matchmakingSession.findUniqueOrThrow({ where: { id: sessionId } })).eventId;
    firstSlotId = (await prisma.slot.findFirstOrThrow({ where: { sessionId }, orderBy: { startsAt: 'asc' } })).id;
    mkdirSync(SHOTS, { recursive: true });
  });

  it(
    'a producer on a phone books a suggested buyer; the buyer sees it live, records an agreement, and the producer confirms it',
    async () => {
      // The buyer has the session open first: the booking must reach it without a reload.
      const buyerPage = await buyerScreen();
      await buyerPage.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
      await buyerPage.getByTestId('my-meetings-empty').waitFor();
      await expect.poll(() => buyerPage.getByTestId('live-indicator').getAttribute('class')).toContain('is-live');

      const phone = await producerPhone();
      // From the event's sessions tab into the session, as a producer finds it.
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
      const organiser = await organiserScreen();
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
    },
    TEST_TIMEOUT,
  );

  it(
    "the producer's agenda lists the meeting with its .ics, prints, and creates and revokes the private calendar link",
    async () => {
      const phone = await producerPhone();
      await phone.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
      await phone.getByTestId('agenda-link').click();
      await phone.getByTestId('agenda-page').waitFor();
      const item = phone.getByTestId('agenda-item');
      await expect.poll(() => item.count()).toBe(1);
      expect(await item.textContent()).toContain(buyer.name);

      // The meeting's own calendar file, with the sign-in cookie of the page.
      const href = (await item.getByTestId('agenda-ics').getAttribute('href'))!;
      const ics = await phone.request.get(`${app.t.baseUrl}${href}`);
      expect(ics.status()).toBe(200);
      const body = await ics.text();
      expect(body).toContain('BEGIN:VCALENDAR');
      expect(body).toContain('TZID=Asia/Ho_Chi_Minh');

      // The private link works without signing in, until revoked.
      await phone.getByTestId('agenda-feed-create').click();
      const url = phone.getByTestId('agenda-feed-url');
      await url.waitFor();
      const link = await url.inputValue();
      expect(link).toMatch(/\/api\/calendar\/[^/]+\.ics$/);
      const anonymous = await app.browser.newContext();
      expect((await anonymous.request.get(link)).status()).toBe(200);
      await phone.getByTestId('agenda-feed-revoke').click();
      await expect.poll(async () => (await anonymous.request.get(link)).status()).toBe(404);
      await anonymous.close();

      await phone.emulateMedia({ media: 'print' });
      await phone.screenshot({ path: `${SHOTS}/matchmaking-agenda-print.png`, fullPage: true });
      await phone.emulateMedia({ media: 'screen' });
    },
    TEST_TIMEOUT,
  );

  it(
    'the organiser books for a producer from a free cell of the grid, is told why a clash is refused, and checks both parties in',
    async () => {
      const prisma = app.t.database.db.prisma;
      const household = await prisma.producer.findFirstOrThrow({
        where: { name: 'Hộ kinh doanh Mật ong Hoa cà phê Ea Phê' },
        select: { id: true, name: true },
      });
      const winmart = await prisma.buyer.findFirstOrThrow({ where: { name: { startsWith: 'WinMart' } }, select: { id: true } });
      const organiser = await organiserScreen();
      await organiser.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
      const grid = organiser.getByTestId('meeting-grid');
      await expect.poll(() => grid.getByTestId('grid-count').textContent()).toContain('1');

      // A clash: the coffee cooperative already meets BigC in the first slot.
      const form = organiser.getByTestId('organiser-booking');
      await form.getByTestId('ob-producer-query').fill('Cà phê Chất lượng cao Ea Tul');
      await form.getByTestId('ob-producer-search').click();
      await form.getByTestId('ob-producer-option').filter({ hasText: producer.name }).getByTestId('ob-producer').check();
      await form.getByTestId('ob-buyer').selectOption(winmart.id);
      await grid.locator(`[data-testid="grid-cell"][data-slot-id="${firstSlotId}"][data-table="5"]`).click();
      expect(await form.getByTestId('ob-slot').inputValue()).toBe(firstSlotId);
      await form.getByTestId('ob-submit').click();
      await expect
        .poll(() => form.getByTestId('ob-feedback').textContent())
        .toContain('Chủ thể đã có lịch gặp trong khung giờ này.');

      // The household is free then: booked, at a table the server chose.
      await form.getByTestId('ob-producer-query').fill('Mật ong Hoa cà phê Ea Phê');
      await form.getByTestId('ob-producer-search').click();
      await form.getByTestId('ob-producer-option').filter({ hasText: household.name }).getByTestId('ob-producer').check();
      await grid.locator(`[data-testid="grid-cell"][data-slot-id="${firstSlotId}"][data-table="5"]`).click();
      await form.getByTestId('ob-submit').click();
      await expect.poll(() => form.getByTestId('ob-feedback').textContent()).toContain('Đã đặt lịch gặp');
      const booked = await prisma.meeting.findFirstOrThrow({
        where: { sessionId, producerId: household.id, buyerId: winmart.id, status: 'booked' },
        select: { id: true, tableNumber: true, slotId: true },
      });
      expect(booked.slotId).toBe(firstSlotId);
      await expect.poll(() => grid.getByTestId('grid-count').textContent()).toContain('2');

      // On the day: both parties arrive, and the meeting is held.
      const cell = grid
        .locator(`[data-testid="grid-cell"][data-table="${booked.tableNumber}"]`)
        .filter({ hasText: household.name });
      await cell.click();
      const selected = organiser.getByTestId('selected-meeting');
      await selected.getByTestId('meeting-checkin-producer').click();
      await selected.getByTestId('meeting-checkin-buyer').click();
      await expect.poll(() => selected.getByTestId('meeting-status').textContent()).toBe('Đã gặp');
      expect((await prisma.meeting.findUniqueOrThrow({ where: { id: booked.id } })).status).toBe('held');
      await expect.poll(() => cell.getAttribute('class')).toContain('mm-grid__cell--held');
      await organiser.screenshot({ path: `${SHOTS}/matchmaking-organiser-held.png`, fullPage: true });

      // On a phone the grid scrolls sideways, the table numbers kept in view.
      const onPhone = await signedInPage(app, ORGANISER, PHONE);
      await onPhone.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
      await onPhone.getByTestId('meeting-grid').waitFor();
      await expect.poll(() => onPhone.getByTestId('grid-cell').filter({ hasText: household.name }).count()).toBe(1);
      await onPhone.getByTestId('meeting-grid').scrollIntoViewIfNeeded();
      await onPhone.screenshot({ path: `${SHOTS}/matchmaking-organiser-phone.png` });
      await onPhone.context().close();
    },
    TEST_TIMEOUT,
  );

  it('a buyer on a phone blocks a slot, in English', async () => {
    const phone = await signedInPage(app, BUYER, PHONE);
    await phone.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
    await phone.getByTestId('locale-en').click();
    const attendance = phone.getByTestId('buyer-attendance');
    await attendance.waitFor();
    const last = attendance.getByTestId('attendance-slot').last();
    await last.uncheck();
    await attendance.getByTestId('attendance-save').click();
    await expect.poll(() => attendance.textContent()).toContain('Attendance saved.');
    const stored = await app.t.database.db.prisma.sessionBuyer.findFirstOrThrow({
      where: { sessionId, buyerId: buyer.id },
      select: { blockedSlotIds: true },
    });
    const lastSlot = await app.t.database.db.prisma.slot.findFirstOrThrow({
      where: { sessionId },
      orderBy: { startsAt: 'desc' },
    });
    expect(JSON.parse(stored.blockedSlotIds)).toEqual([lastSlot.id]);
    expect(await phone.getByTestId('my-meetings').textContent()).toContain('My meetings');
    await phone.evaluate('window.scrollTo(0, 0)');
    await phone.screenshot({ path: `${SHOTS}/matchmaking-buyer-phone-en.png` });
    await phone.context().close();
  });

  it(
    'in a session where buyers answer requests, a producer asks BigC for a slot; the buyer accepts it live and both see the meeting',
    async () => {
      const prisma = app.t.database.db.prisma;
      const b2b = await prisma.matchmakingSession.update({
        where: { id: (await prisma.matchmakingSession.findFirstOrThrow({ where: { name: DEMO.conference.session.name } })).id },
        data: { bookingMode: 'request' },
        select: { id: true },
      });
      const buyerPage = await buyerScreen();
      await buyerPage.goto(`${app.t.baseUrl}/sessions/${b2b.id}`);
      await buyerPage.getByTestId('my-meetings-empty').waitFor();
      await expect.poll(() => buyerPage.getByTestId('live-indicator').getAttribute('class')).toContain('is-live');

      const phone = await producerPhone();
      await phone.goto(`${app.t.baseUrl}/sessions/${b2b.id}`);
      await phone.getByTestId('suggested-buyer').first().waitFor();
      const card = phone.locator(`[data-testid="suggested-buyer"][data-buyer-id="${buyer.id}"]`);
      if ((await card.count()) === 0) await phone.getByTestId('suggested-more').click();
      await card.getByTestId('suggested-pick').click();
      await card.getByTestId('free-slot').first().click();
      await card.getByTestId('request-message').fill('Xin giới thiệu cà phê rang mộc.');
      expect(await card.getByTestId('book-submit').textContent()).toContain('Gửi yêu cầu');
      await card.getByTestId('book-submit').click();
      await expect.poll(() => phone.getByTestId('book-feedback').textContent()).toContain(`Đã gửi yêu cầu gặp ${buyer.name}`);
      const mine = phone.getByTestId('request-list').getByTestId('request-item');
      await expect.poll(() => mine.getByTestId('request-status').textContent()).toBe('Chờ trả lời');

      // The buyer is asked live, and accepts.
      const asked = buyerPage.getByTestId('request-list').getByTestId('request-item');
      await expect.poll(() => asked.count(), { timeout: 10_000 }).toBe(1);
      expect(await asked.textContent()).toContain('Xin giới thiệu cà phê rang mộc.');
      await buyerPage.screenshot({ path: `${SHOTS}/matchmaking-buyer-request.png`, fullPage: true });
      await asked.getByTestId('request-accept').click();
      await expect.poll(() => asked.getByTestId('request-status').textContent()).toBe('Đã chấp nhận');
      await expect.poll(() => buyerPage.getByTestId('my-meetings').getByTestId('meeting-card').count()).toBe(1);

      // The producer learns it live: the request accepted and the meeting in its list.
      await expect.poll(() => mine.getByTestId('request-status').textContent(), { timeout: 10_000 }).toBe('Đã chấp nhận');
      await expect.poll(() => phone.getByTestId('my-meetings').getByTestId('meeting-card').count()).toBe(1);
      const request = await prisma.meetingRequest.findFirstOrThrow({
        where: { sessionId: b2b.id, producerId: producer.id, buyerId: buyer.id },
        select: { status: true, meetingId: true },
      });
      expect(request.status).toBe('accepted');
      expect(request.meetingId).not.toBeNull();
    },
    TEST_TIMEOUT,
  );

  it(
    'the producer moves its meeting with BigC to another slot, then cancels it; the buyer is told live each time',
    async () => {
      const prisma = app.t.database.db.prisma;
      const meeting = await prisma.meeting.findFirstOrThrow({
        where: { sessionId, producerId: producer.id, buyerId: buyer.id, status: 'booked' },
        select: { id: true, slotId: true },
      });
      const buyerPage = await buyerScreen();
      await buyerPage.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
      const theirs = buyerPage.getByTestId('my-meetings').getByTestId('meeting-card');
      await expect.poll(() => theirs.count()).toBe(1);
      await expect.poll(() => buyerPage.getByTestId('live-indicator').getAttribute('class')).toContain('is-live');

      const phone = await producerPhone();
      await phone.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
      const mine = phone.getByTestId('my-meetings').getByTestId('meeting-card');
      await expect.poll(() => mine.count()).toBe(1);
      await mine.getByTestId('meeting-reschedule').click();
      const options = mine.getByTestId('meeting-move-slot').locator('option');
      await expect.poll(() => options.count()).toBeGreaterThan(1);
      const target = (await options.nth(1).getAttribute('value'))!;
      await mine.getByTestId('meeting-move-slot').selectOption(target);
      await mine.getByTestId('meeting-move').click();
      await expect.poll(() => mine.getByTestId('meeting-feedback').textContent()).toContain('Đã chuyển lịch gặp');
      expect((await prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).slotId).toBe(target);
      await expect.poll(() => buyerPage.getByTestId('live-notice').first().textContent()).toContain('đã chuyển sang');

      phone.once('dialog', (dialog) => void dialog.accept());
      await mine.getByTestId('meeting-cancel').click();
      await expect.poll(() => mine.getByTestId('meeting-status').textContent()).toBe('Đã huỷ');
      expect((await prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe('cancelled');
      await expect.poll(() => theirs.getByTestId('meeting-status').textContent()).toBe('Đã huỷ');
      await expect.poll(() => buyerPage.getByTestId('live-notice').first().textContent()).toContain('đã bị huỷ');
    },
    TEST_TIMEOUT,
  );
});
