// The live dashboard in the browser (issue 11): an organiser creates a big-screen link through
// the API; a browser with no sign-in opens it at 1920×1080 and sees the fair's counters; a
// booking and a confirmed agreement are then made through the API (the producer books BigC,
// records an agreement with its value, BigC confirms it) and the screen's counters and its chart
// of deals by buyer change without a reload; the official's dashboard on a desktop shows the
// same figures; revoking the link makes the open screen say so. Screenshots of both.
import { mkdirSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appInBrowser, describeInBrowser, signedInPage, DESKTOP } from '../support/browser.ts';
import { BUYER, OFFICIAL, ORGANISER, PRODUCER } from '../support/accounts.ts';
import { DEMO } from '../../prisma/demo/seed.ts';
import type { DashboardDto } from '../../server/contracts/dashboard.ts';

const SHOTS = 'test/e2e/screenshots';
const TEST_TIMEOUT = 120_000;
const VALUE_VND = 2_400_000_000;

describeInBrowser('live dashboard and big screen', () => {
  const app = appInBrowser();
  const cookie: Record<string, string> = {};
  let fairId = '';
  let sessionId = '';
  let bigc = { id: '', name: '' };
  let screen: Page;
  let link = { id: '', token: '' };

  beforeAll(async () => {
    const prisma = app.t.database.db.prisma;
    const session = await prisma.matchmakingSession.findFirstOrThrow({
      where: { name: DEMO.fair.session.name },
      select: { id: true, eventId: true },
    });
    sessionId = session.id;
    fairId = session.eventId;
    const buyerUser = await prisma.user.findFirstOrThrow({
      where: { email: BUYER },
      select: { buyer: { select: { id: true, name: true } } },
    });
    bigc = buyerUser.buyer!;
    for (const email of [ORGANISER, PRODUCER, BUYER]) cookie[email] = await app.t.signIn(email);
    mkdirSync(SHOTS, { recursive: true });
  });

  const answer = async (): Promise<DashboardDto> =>
    (await app.t.http.get(`/api/events/${fairId}/dashboard`).set('Cookie', cookie[ORGANISER]!)).body as DashboardDto;
  const counter = (page: Page, key: string) => page.getByTestId(`counter-${key}`).getByTestId('counter-value').textContent();

  it(
    'a big-screen link opens without signing in and its counters and chart change live as a deal is made',
    async () => {
      const created = await app.t.http
        .post(`/api/events/${fairId}/big-screens`)
        .set('Cookie', cookie[ORGANISER]!)
        .send({ label: 'Sảnh A' });
      expect(created.status).toBe(201);
      link = created.body as { id: string; token: string };

      const before = await answer();
      const context = await app.browser.newContext({ viewport: { width: 1920, height: 1080 } });
      screen = await context.newPage();
      // Deals by buyer held on screen (no rotation) so that the test sees it change.
      await screen.goto(`${app.t.baseUrl}/screen/${link.token}?event=${fairId}&panel=byBuyer&rotate=0`);
      await screen.getByTestId('dashboard-counters').waitFor({ timeout: 60_000 });
      expect(screen.url()).toContain('/screen/'); // not sent to sign in
      expect(await counter(screen, 'booked')).toBe(String(before.meetings.booked));
      expect(await counter(screen, 'deals')).toBe(String(before.deals.count));
      const buyerRowsBefore = (await screen.getByTestId('chart-buyer-table').locator('tbody tr').allTextContents()).join('|');

      // A booking by the coffee cooperative with BigC, in the first slot both have free.
      const slots = (
        (await app.t.http.get(`/api/events/${fairId}/sessions`).set('Cookie', cookie[PRODUCER]!)).body as {
          items: { id: string; slots: { id: string }[] }[];
        }
      ).items.find((s) => s.id === sessionId)!.slots;
      let meetingId = '';
      for (const slot of slots) {
        const res = await app.t.http
          .post(`/api/sessions/${sessionId}/meetings`)
          .set('Cookie', cookie[PRODUCER]!)
          .send({ slotId: slot.id, buyerId: bigc.id });
        if (res.status === 201) {
          meetingId = (res.body as { id: string }).id;
          break;
        }
        expect(res.status, JSON.stringify(res.body)).toBe(409);
      }
      expect(meetingId).not.toBe('');
      await expect.poll(() => counter(screen, 'booked'), { timeout: 10_000 }).toBe(String(before.meetings.booked + 1));

      // An agreement recorded by the producer, confirmed by BigC: a deal.
      const recorded = await app.t.http
        .post(`/api/meetings/${meetingId}/outcome`)
        .set('Cookie', cookie[PRODUCER]!)
        .send({ status: 'agreement', valueVnd: VALUE_VND });
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
      const confirmed = await app.t.http
        .post(`/api/meetings/${meetingId}/outcome/confirmation`)
        .set('Cookie', cookie[BUYER]!)
        .send({ agree: true });
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);

      const after = await answer();
      expect(after.deals.count).toBe(before.deals.count + 1);
      await expect.poll(() => counter(screen, 'deals'), { timeout: 10_000 }).toBe(String(after.deals.count));
      const bigcDeals = after.dealsByBuyer.find((b) => b.buyerId === bigc.id)!;
      // The chart of deals by buyer (its table) now has BigC's deals, with their value.
      await expect
        .poll(async () => (await screen.getByTestId('chart-buyer-table').locator('tbody tr').allTextContents()).join('|'), {
          timeout: 10_000,
        })
        .not.toBe(buyerRowsBefore);
      const bigcRow = await screen.getByTestId('chart-buyer-table').locator('tbody tr', { hasText: bigc.name }).textContent();
      expect(bigcRow).toContain(String(bigcDeals.count));
      expect(await counter(screen, 'dealsValue')).toMatch(/tỷ|triệu/);
      expect(await screen.getByTestId('screen-revoked').count()).toBe(0);
      await screen.screenshot({ path: `${SHOTS}/dashboard-big-screen.png` });
    },
    TEST_TIMEOUT,
  );

  it(
    "the official's dashboard shows the same figures, with a table for each chart",
    async () => {
      const page = await signedInPage(app, OFFICIAL, DESKTOP);
      await page.goto(`${app.t.baseUrl}/events/${fairId}`);
      await page.getByTestId('dashboard-link').click();
      await page.getByTestId('dashboard-counters').waitFor({ timeout: 60_000 });
      const now = await answer();
      expect(await counter(page, 'deals')).toBe(String(now.deals.count));
      expect(await counter(page, 'booked')).toBe(String(now.meetings.booked));
      for (const id of ['chart-category', 'chart-province', 'chart-buyer', 'chart-time', 'chart-zone'])
        expect(await page.getByTestId(id).count(), id).toBe(1);
      expect(await page.getByTestId('chart-zone-table').locator('tbody tr').count()).toBe(now.boothsByZone.length);
      // Officials watch; they make no big-screen links.
      expect(await page.getByTestId('big-screens').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/dashboard-official.png`, fullPage: true });
      await page.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    'revoking the link makes the open screen say it was revoked',
    async () => {
      const res = await app.t.http.delete(`/api/events/${fairId}/big-screens/${link.id}`).set('Cookie', cookie[ORGANISER]!);
      expect(res.status).toBe(204);
      await screen.getByTestId('screen-revoked').waitFor({ timeout: 10_000 });
      expect(await screen.getByTestId('screen-revoked').textContent()).toContain('Liên kết đã bị thu hồi');
      expect(await screen.getByTestId('dashboard-counters').count()).toBe(0);
      await screen.screenshot({ path: `${SHOTS}/dashboard-big-screen-revoked.png` });
      await screen.context().close();
    },
    TEST_TIMEOUT,
  );
});
