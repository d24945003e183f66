// The automatic schedule in the browser (issue 10): the organiser opens the demo session's
// settings from the event, is told beside the field why a slot of 3 minutes is refused, and
// changes the request time and the buyers' limit; a new session is created in the event with a
// break and a buyer added. The coffee cooperative on a phone lists BigC and WinMart as the
// buyers it wants to meet; BigC on a phone lists the cooperative (a mutual wish) and a producer
// from its suggestions. The organiser generates a proposal, reviews it (BigC with the
// cooperative there because both want it, the figures beside the greedy pass, the gap to the
// solver's bound), and publishes it after the cooperative booked another buyer in the slot the
// proposal gave WinMart: that meeting is skipped and said why, the rest booked, as the database
// holds it; the cooperative's phone, open all along, shows its meeting with BigC without a reload.
import { mkdirSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appInBrowser, describeInBrowser, signedInPage, DESKTOP, PHONE } from '../support/browser.ts';
import { BUYER, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { DEMO } from '../../prisma/demo/seed.ts';

const SHOTS = 'test/e2e/screenshots';
const TEST_TIMEOUT = 120_000;

describeInBrowser('automatic schedule', () => {
  const app = appInBrowser();
  let sessionId = '';
  let fairId = '';
  const producer = { id: '', name: '' };
  const bigc = { id: '', name: '' };
  const winmart = { id: '', name: '' };
  const screens: { organiser?: Page; producer?: Page; buyer?: Page } = {};
  const organiserScreen = async () => (screens.organiser ??= await signedInPage(app, ORGANISER, DESKTOP));
  const producerPhone = async () => (screens.producer ??= await signedInPage(app, PRODUCER, PHONE));
  const buyerPhone = async () => (screens.buyer ??= await signedInPage(app, BUYER, PHONE));

  beforeAll(async () => {
    const prisma = app.t.database.db.prisma;
    const session = await prisma.matchmakingSession.findFirstOrThrow({
      where: { name: DEMO.fair.session.name },
      select: { id: true, eventId: true },
    });
    sessionId = session.id;
    fairId = session.eventId;
    const producerUser = await prisma.user.findFirstOrThrow({
      where: { email: PRODUCER },
      select: { producer: { select: { id: true, name: true } } },
    });
    Object.assign(producer, producerUser.producer);
    const buyerUser = await prisma.user.findFirstOrThrow({
      where: { email: BUYER },
      select: { buyer: { select: { id: true, name: true } } },
    });
    Object.assign(bigc, buyerUser.buyer);
    Object.assign(
      winmart,
      await prisma.buyer.findFirstOrThrow({ where: { name: { startsWith: 'WinMart' } }, select: { id: true, name: true } }),
    );
    mkdirSync(SHOTS, { recursive: true });
  });

  it(
    "the organiser opens a session's settings from the event, is told beside the field what is refused, and saves a change",
    async () => {
      const prisma = app.t.database.db.prisma;
      const before = await prisma.matchmakingSession.findUniqueOrThrow({ where: { id: sessionId } });
      const page = await organiserScreen();
      await page.goto(`${app.t.baseUrl}/events/${fairId}?tab=sessions`);
      await page.getByTestId('session-item').filter({ hasText: DEMO.fair.session.name }).getByTestId('session-settings').click();
      await expect.poll(() => page.url()).toContain(`/sessions/${sessionId}/settings`);
      const form = page.getByTestId('session-form');
      await form.waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('session-name-input').inputValue()).toBe(DEMO.fair.session.name);
      expect(await form.getByTestId('session-break-from').inputValue()).toBe('09:40');

      // A slot of 3 minutes: the server refuses it, said beside that field, and nothing is stored.
      await form.getByTestId('session-slot-minutes').fill('3');
      await form.getByTestId('session-ttl').fill('120');
      await form.getByTestId('session-max-buyer').fill('12');
      await form.getByTestId('session-save').click();
      const slotField = page.locator('.field', { has: page.getByTestId('session-slot-minutes') });
      await expect.poll(() => slotField.getByTestId('field-error').textContent()).toBe('Giá trị nhỏ nhất là 5.');
      expect(await form.getByRole('alert').textContent()).toContain('Vui lòng kiểm tra lại');
      const refused = await prisma.matchmakingSession.findUniqueOrThrow({ where: { id: sessionId } });
      expect(refused).toMatchObject({ slotMinutes: 20, requestTtlMinutes: before.requestTtlMinutes, maxMeetingsPerBuyer: null });
      await slotField.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/schedule-organiser-settings-refused.png` });

      // Back to 20 minutes: only what changed is sent, and saved.
      await form.getByTestId('session-slot-minutes').fill('20');
      await form.getByTestId('session-save').click();
      await page.getByTestId('session-saved').waitFor();
      expect(await page.getByTestId('session-saved').textContent()).toContain('Đã lưu cài đặt phiên.');
      await expect
        .poll(async () =>
          prisma.matchmakingSession.findUniqueOrThrow({
            where: { id: sessionId },
            select: { slotMinutes: true, requestTtlMinutes: true, maxMeetingsPerBuyer: true },
          }),
        )
        .toEqual({ slotMinutes: 20, requestTtlMinutes: 120, maxMeetingsPerBuyer: 12 });
      expect(await prisma.slot.count({ where: { sessionId } })).toBe(9);
      expect(await page.getByTestId('session-buyers').getByTestId('session-buyer').count()).toBe(DEMO.buyerCount);
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: `${SHOTS}/schedule-organiser-settings.png`, fullPage: true });
    },
    TEST_TIMEOUT,
  );

  it(
    'the organiser creates a session in the event, with a break, and adds a buyer taking part',
    async () => {
      const prisma = app.t.database.db.prisma;
      const page = await organiserScreen();
      await page.goto(`${app.t.baseUrl}/events/${fairId}?tab=sessions`);
      await page.getByTestId('session-new').click();
      const form = page.getByTestId('session-form');
      await form.waitFor();
      await form.getByTestId('session-name-input').fill('Phiên kết nối xuất khẩu cà phê');
      await form.getByTestId('session-starts').fill('2026-12-12T13:30');
      await form.getByTestId('session-ends').fill('2026-12-12T16:30');
      await form.getByTestId('session-slot-minutes').fill('15');
      await form.getByTestId('session-tables').fill('8');
      await form.getByTestId('session-break-add').click();
      await form.getByTestId('session-break-from').fill('15:00');
      await form.getByTestId('session-break-to').fill('15:15');
      await form.getByTestId('session-mode-request').check();
      await form.getByTestId('session-save').click();
      await page.getByTestId('session-created').waitFor();
      const created = await prisma.matchmakingSession.findFirstOrThrow({
        where: { name: 'Phiên kết nối xuất khẩu cà phê' },
        select: { id: true, eventId: true, tableCount: true, slotMinutes: true, bookingMode: true },
      });
      expect(page.url()).toContain(`/sessions/${created.id}/settings`);
      expect(created).toMatchObject({ eventId: fairId, tableCount: 8, slotMinutes: 15, bookingMode: 'request' });
      // 13:30–16:30 in 15 minutes, less the quarter hour from 15:00.
      expect(await prisma.slot.count({ where: { sessionId: created.id } })).toBe(11);
      // The break as stored, read back into the form.
      expect(await form.getByTestId('session-break-from').inputValue()).toBe('15:00');
      expect(await form.getByTestId('session-break-to').inputValue()).toBe('15:15');

      const buyers = page.getByTestId('session-buyers');
      expect(await buyers.getByTestId('session-buyer').count()).toBe(0);
      await buyers.getByTestId('session-buyer-choice').selectOption(bigc.id);
      await buyers.getByTestId('session-buyer-add').click();
      await expect.poll(() => buyers.getByTestId('session-buyer').count()).toBe(1);
      await buyers.getByTestId('session-buyer-reps').fill('2');
      await buyers.getByTestId('session-buyer-save').click();
      await expect.poll(() => buyers.getByTestId('session-buyers-status').textContent()).toContain('cử 2 người đại diện');
      expect(
        await prisma.sessionBuyer.findUniqueOrThrow({
          where: { sessionId_buyerId: { sessionId: created.id, buyerId: bigc.id } },
          select: { representatives: true },
        }),
      ).toEqual({ representatives: 2 });
      await page.screenshot({ path: `${SHOTS}/schedule-organiser-new-session.png`, fullPage: true });

      // Listed with the event's sessions.
      await page.goto(`${app.t.baseUrl}/events/${fairId}?tab=sessions`);
      await expect
        .poll(() => page.getByTestId('session-item').filter({ hasText: 'Phiên kết nối xuất khẩu cà phê' }).count())
        .toBe(1);
    },
    TEST_TIMEOUT,
  );

  it(
    'the producer and the buyer, each on a phone, list whom they want to meet',
    async () => {
      const prisma = app.t.database.db.prisma;
      const phone = await producerPhone();
      await phone.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
      const mine = phone.getByTestId('wish-list');
      await mine.getByTestId('wish-empty').waitFor();
      for (const id of [bigc.id, winmart.id]) {
        await mine.getByTestId('wish-buyer').selectOption(id);
        await mine.getByTestId('wish-add').click();
        await expect.poll(() => mine.locator(`[data-testid="wish-item"][data-other-id="${id}"]`).count()).toBe(1);
      }
      // WinMart first: moved up, and said so.
      await mine.locator(`[data-testid="wish-item"][data-other-id="${winmart.id}"]`).getByTestId('wish-up').click();
      await expect.poll(() => mine.getByTestId('wish-status').textContent()).toContain('sang vị trí 1');
      expect(await mine.getByTestId('wish-name').allTextContents()).toEqual([winmart.name, bigc.name]);
      await mine.scrollIntoViewIfNeeded();
      await phone.screenshot({ path: `${SHOTS}/schedule-producer-wishes.png` });

      const buyer = await buyerPhone();
      await buyer.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
      const theirs = buyer.getByTestId('wish-list');
      await theirs.getByTestId('wish-empty').waitFor();
      // The cooperative, found by name without accents.
      await theirs.getByTestId('wish-producer-query').fill('ca phe chat luong cao ea tul');
      await theirs.getByTestId('wish-producer-search').click();
      const found = theirs.getByTestId('wish-found-item').filter({ hasText: producer.name });
      await found.getByTestId('wish-found-add').click();
      await expect.poll(() => theirs.getByTestId('wish-name').allTextContents()).toEqual([producer.name]);
      // And another of its suggested producers, from the card (the reasons said from its side).
      const suggested = buyer.locator(`[data-testid="suggested-producer"]:not([data-producer-id="${producer.id}"])`).first();
      await suggested.waitFor();
      const other = (await suggested.getAttribute('data-producer-id'))!;
      const otherName = (await suggested.getByTestId('suggested-producer-name').textContent())!.trim();
      expect(await suggested.getByTestId('suggested-producer-reasons').textContent()).toMatch(/Có sản phẩm nhóm|sao/);
      await suggested.getByTestId('suggested-producer-wish').click();
      await expect.poll(() => suggested.getByTestId('suggested-producer-wish').getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => theirs.getByTestId('wish-name').allTextContents()).toEqual([producer.name, otherName]);
      await suggested.scrollIntoViewIfNeeded();
      await buyer.screenshot({ path: `${SHOTS}/schedule-buyer-suggested.png` });
      await theirs.scrollIntoViewIfNeeded();
      await buyer.screenshot({ path: `${SHOTS}/schedule-buyer-wishes.png` });

      const stored = await prisma.meetingWish.findMany({
        where: { sessionId },
        orderBy: [{ side: 'asc' }, { rank: 'asc' }],
        select: { side: true, producerId: true, buyerId: true, rank: true },
      });
      expect(stored).toEqual([
        { side: 'buyer', producerId: producer.id, buyerId: bigc.id, rank: 1 },
        { side: 'buyer', producerId: other, buyerId: bigc.id, rank: 2 },
        { side: 'producer', producerId: producer.id, buyerId: winmart.id, rank: 1 },
        { side: 'producer', producerId: producer.id, buyerId: bigc.id, rank: 2 },
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'the organiser generates a schedule, reviews why each meeting is there, and publishes it; a meeting booked meanwhile is skipped, and the producer sees its meeting live',
    async () => {
      const prisma = app.t.database.db.prisma;
      // The cooperative's phone stays on the session: the published meeting must reach it live.
      const phone = await producerPhone();
      await phone.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
      await phone.getByTestId('my-meetings-empty').waitFor();
      await expect.poll(() => phone.getByTestId('live-indicator').getAttribute('class')).toContain('is-live');

      const page = await organiserScreen();
      await page.goto(`${app.t.baseUrl}/sessions/${sessionId}`);
      await page.getByTestId('session-schedule-link').click();
      const summary = page.getByTestId('schedule-wish-summary');
      await summary.waitFor();
      expect(await summary.getByTestId('wish-total').textContent()).toBe('4');
      expect(await summary.getByTestId('wish-mutual').textContent()).toBe('1');
      expect(await page.getByTestId('schedule-no-proposal').textContent()).toContain('Chưa có đề xuất');

      await page.getByTestId('schedule-time-limit').selectOption('2');
      await page.getByTestId('schedule-generate-submit').click();
      const review = page.getByTestId('schedule-proposal');
      await review.getByTestId('schedule-figures').waitFor({ timeout: 30_000 });
      await expect.poll(() => page.getByTestId('schedule-status').textContent()).toContain('Đã tạo đề xuất: 3 lịch gặp');
      const proposalId = new URL(page.url()).searchParams.get('proposal')!;
      expect(proposalId).toBeTruthy();
      expect(await review.getByTestId('proposal-status').textContent()).toContain('Bản nháp');

      // Why each is there, in words: the cooperative and BigC both want it.
      const meetings = review.getByTestId('proposal-meeting');
      expect(await meetings.count()).toBe(3);
      const mutual = review.locator(
        `[data-testid="proposal-meeting"][data-producer-id="${producer.id}"][data-buyer-id="${bigc.id}"]`,
      );
      expect(await mutual.getByTestId('proposal-reasons').textContent()).toContain(
        'Cả hai cùng muốn gặp (chủ thể xếp thứ 2, nhà mua hàng xếp thứ 1)',
      );
      const oneSided = review.locator(
        `[data-testid="proposal-meeting"][data-producer-id="${producer.id}"][data-buyer-id="${winmart.id}"]`,
      );
      expect(await oneSided.getByTestId('proposal-reasons').textContent()).toContain('Chủ thể muốn gặp (xếp thứ 1)');
      // The figures beside the greedy pass, and the solver's bound.
      const figures = review.getByTestId('schedule-figures');
      expect(await figures.getByTestId('schedule-solver').textContent()).toMatch(/HiGHS|tham lam/);
      expect(await figures.getByTestId('schedule-bound').textContent()).toMatch(/Cận của bộ giải|Không có cận/);
      expect(await figures.getByTestId('compare-meetings').getByTestId('compare-chosen').textContent()).toBe('3');
      expect(await figures.getByTestId('compare-metMutual').getByTestId('compare-chosen').textContent()).toBe('1');
      expect(await figures.getByTestId('compare-meetings').getByTestId('compare-greedy').textContent()).toMatch(/^\d+$/);
      // Found by a name typed without accents.
      await review.getByTestId('proposal-filter').fill('winmart');
      await expect.poll(() => meetings.count()).toBe(1);
      await review.getByTestId('proposal-filter').fill('');
      await expect.poll(() => meetings.count()).toBe(3);
      await page.screenshot({ path: `${SHOTS}/schedule-organiser-proposal.png`, fullPage: true });

      // Meanwhile the cooperative books Co.opmart in the slot the proposal gave WinMart.
      const proposal = await app.t.http.get(`/api/schedule-proposals/${proposalId}`).set('Cookie', await app.t.signIn(ORGANISER));
      expect(proposal.status).toBe(200);
      const forWinmart = (proposal.body.meetings as { producerId: string; buyerId: string; slotId: string }[]).find(
        (m) => m.producerId === producer.id && m.buyerId === winmart.id,
      )!;
      const coopmart = await prisma.buyer.findFirstOrThrow({
        where: { name: { startsWith: 'Co.opmart' } },
        select: { id: true },
      });
      const meanwhile = await app.t.http
        .post(`/api/sessions/${sessionId}/meetings`)
        .set('Cookie', await app.t.signIn(PRODUCER))
        .send({ slotId: forWinmart.slotId, buyerId: coopmart.id });
      expect(meanwhile.status, JSON.stringify(meanwhile.body)).toBe(201);

      page.once('dialog', (dialog) => void dialog.accept());
      await review.getByTestId('schedule-publish-submit').click();
      const published = review.getByTestId('schedule-published');
      await published.waitFor({ timeout: 30_000 });
      expect(await published.getByTestId('schedule-published-summary').textContent()).toBe(
        'Đã đặt 2 lịch gặp; 1 lịch gặp bị bỏ qua.',
      );
      expect(await review.getByTestId('proposal-status').textContent()).toContain('Đã công bố');
      const skipped = published.getByTestId('schedule-skipped-item');
      expect(await skipped.count()).toBe(1);
      expect(await skipped.textContent()).toContain(`${producer.name} ↔ ${winmart.name}`);
      expect(await skipped.textContent()).toContain('Chủ thể đã có lịch gặp trong khung giờ này.');
      expect(await oneSided.getByTestId('proposal-skipped').textContent()).toContain('Bị bỏ qua');
      expect(await mutual.getByTestId('proposal-booked').textContent()).toContain('Đã đặt');
      await published.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/schedule-organiser-published.png` });

      const booked = await prisma.meeting.findMany({
        where: { sessionId, source: 'schedule', status: 'booked' },
        select: { producerId: true, buyerId: true },
      });
      expect(booked).toHaveLength(2);
      expect(booked).toContainEqual({ producerId: producer.id, buyerId: bigc.id });
      expect(booked).not.toContainEqual({ producerId: producer.id, buyerId: winmart.id });
      expect((await prisma.scheduleProposal.findUniqueOrThrow({ where: { id: proposalId } })).status).toBe('published');

      // The cooperative's phone, never reloaded: its meeting with BigC has arrived, with Co.opmart's.
      const cards = phone.getByTestId('my-meetings').getByTestId('meeting-card');
      await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(2);
      const withBigc = cards.filter({ hasText: bigc.name });
      expect(await withBigc.count()).toBe(1);
      const stored = await prisma.meeting.findFirstOrThrow({
        where: { sessionId, producerId: producer.id, buyerId: bigc.id },
        select: { tableNumber: true },
      });
      expect(await withBigc.getByTestId('meeting-table').textContent()).toContain(`Bàn ${stored.tableNumber}`);
      await expect.poll(() => phone.getByTestId('live-notice').count()).toBeGreaterThan(0);
      await phone.evaluate('window.scrollTo(0, 0)');
      await phone.screenshot({ path: `${SHOTS}/schedule-producer-meeting.png` });
    },
    TEST_TIMEOUT,
  );
});
