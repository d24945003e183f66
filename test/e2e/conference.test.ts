// The Đắk Lắk – Sóc Trăng conference in the browser (issue 12), walked by a member of the host's
// delegation on a phone (the coffee cooperative of Ea Tul): the programme, its own delegation
// (members' phones are not for it), a B2B meeting booked with a buyer of the other province
// (none of its own province is suggested), and the agreement with Tây Đô that the buyer has
// confirmed, which it confirms in turn. An organiser's dashboard on a desktop watches the
// province matrix and the deals change without a reload. Screenshots for the README.
import { mkdirSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appInBrowser, describeInBrowser, signedInPage, DESKTOP, PHONE } from '../support/browser.ts';
import { ORGANISER, PRODUCER } from '../support/accounts.ts';
import { DEMO } from '../../prisma/demo/seed.ts';

const SHOTS = 'test/e2e/screenshots';
const TEST_TIMEOUT = 150_000;
const PARTNER_BUYER = 'taydo@demo.ocop.vn';

describeInBrowser('a conference on a delegation member’s phone', () => {
  const app = appInBrowser();
  let conferenceId = '';
  let producerId = '';
  let partnerBuyer = { id: '', name: '' };
  let hostBuyerIds: string[] = [];

  beforeAll(async () => {
    const prisma = app.t.database.db.prisma;
    conferenceId = (await prisma.event.findFirstOrThrow({ where: { kind: 'conference', status: 'published' } })).id;
    producerId = (await prisma.user.findUniqueOrThrow({ where: { email: PRODUCER } })).producerId!;
    const buyer = await prisma.user.findUniqueOrThrow({
      where: { email: PARTNER_BUYER },
      select: { buyer: { select: { id: true, name: true } } },
    });
    partnerBuyer = buyer.buyer!;
    hostBuyerIds = (await prisma.buyer.findMany({ where: { provinceId: 'dak-lak' }, select: { id: true } })).map((b) => b.id);
    mkdirSync(SHOTS, { recursive: true });
  });

  const cell = (page: Page) => page.getByTestId('matrix-cell-dak-lak-can-tho');
  const counter = (page: Page, key: string) => page.getByTestId(`counter-${key}`).getByTestId('counter-value').textContent();

  it(
    'walks the programme, its own delegation, a B2B meeting and an agreement confirmed; the province matrix changes live',
    async () => {
      const prisma = app.t.database.db.prisma;
      const dashboard = await signedInPage(app, ORGANISER, DESKTOP);
      await dashboard.goto(`${app.t.baseUrl}/events/${conferenceId}/dashboard`);
      await cell(dashboard).waitFor({ timeout: 60_000 });
      const meetingsBefore = Number(await cell(dashboard).getAttribute('data-meetings'));
      expect(meetingsBefore).toBe(await prisma.meeting.count({ where: { eventId: conferenceId, status: { not: 'cancelled' } } }));
      const dealsBefore = Number(await counter(dashboard, 'deals'));

      // The programme, in time order, as the organisers set it.
      const phone = await signedInPage(app, PRODUCER, PHONE);
      await phone.goto(`${app.t.baseUrl}/events/${conferenceId}`);
      await phone.getByTestId('programme').waitFor();
      const items = await prisma.agendaItem.count({ where: { eventId: conferenceId } });
      await expect.poll(() => phone.getByTestId('programme-item').count()).toBe(items);
      expect(await phone.getByTestId('programme').textContent()).toContain('Lễ ký kết');
      expect(await phone.getByTestId('programme-form').count()).toBe(0); // the host's organisers add items
      expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: `${SHOTS}/conference-programme-phone.png`, fullPage: true });

      // Its own delegation, marked; the members' phones are for organisers and officials.
      await phone.getByTestId('tab-delegations').click();
      const mine = phone.locator('[data-testid="delegation"][data-province="dak-lak"]');
      await mine.getByTestId('delegation-mine').waitFor();
      expect(await mine.getByTestId('delegation-producer').allTextContents()).toContain('HTX Cà phê Chất lượng cao Ea Tul');
      expect(await phone.getByTestId('delegations').textContent()).not.toMatch(/0905 214 386|@daklak\.gov\.vn/);
      expect(await phone.getByTestId('delegation-edit').count()).toBe(0);
      expect(await phone.getByTestId('delegations-export-xlsx').count()).toBe(0); // spreadsheets with contacts: staff only
      await phone.screenshot({ path: `${SHOTS}/conference-delegations-phone.png`, fullPage: true });

      // A B2B meeting in the afternoon's session: buyers of the other province only.
      await phone.getByTestId('tab-sessions').click();
      await phone
        .getByTestId('session-item')
        .filter({ hasText: DEMO.conference.session.name })
        .getByTestId('session-open')
        .click();
      await phone.getByTestId('suggested-buyer').first().waitFor();
      for (const id of await phone
        .getByTestId('suggested-buyer')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-buyer-id'))))
        expect(hostBuyerIds).not.toContain(id);
      const card = phone.locator(`[data-testid="suggested-buyer"][data-buyer-id="${partnerBuyer.id}"]`);
      if ((await card.count()) === 0) await phone.getByTestId('suggested-more').click();
      await card.getByTestId('suggested-pick').click();
      await card.getByTestId('free-slot').first().click();
      await card.getByTestId('book-submit').click();
      await expect.poll(() => phone.getByTestId('book-feedback').textContent()).toContain(`Đã đặt lịch gặp ${partnerBuyer.name}`);
      const meeting = await prisma.meeting.findFirstOrThrow({
        where: { eventId: conferenceId, producerId, buyerId: partnerBuyer.id, status: 'booked' },
      });
      expect(meeting.tableNumber).toBeGreaterThan(0);
      // The organiser's matrix counts it without a reload.
      await expect
        .poll(() => cell(dashboard).getAttribute('data-meetings'), { timeout: 10_000 })
        .toBe(String(meetingsBefore + 1));

      // The agreement with Tây Đô, confirmed by the buyer: the cooperative confirms its side.
      await phone.goto(`${app.t.baseUrl}/events/${conferenceId}?tab=agreements`);
      const agreement = phone.getByTestId('agreement').filter({ hasText: 'Ea Tul' }).filter({ hasText: 'Tây Đô' });
      await agreement.waitFor();
      expect(await agreement.getAttribute('data-status')).toBe('pending');
      expect(await agreement.getByTestId('agreement-value').textContent()).toMatch(/1\.250\.000\.000/);
      await agreement.getByTestId('agreement-confirm').click();
      await expect.poll(() => agreement.getAttribute('data-status')).toBe('confirmed');
      expect(await agreement.getByTestId('agreement-status').textContent()).toContain('Hai bên đã xác nhận');
      const stored = await prisma.agreement.findUniqueOrThrow({
        where: { id: (await agreement.getAttribute('data-agreement-id'))! },
      });
      expect(stored.status).toBe('confirmed');
      expect(stored.partyAConfirmedAt).not.toBeNull();
      await phone.screenshot({ path: `${SHOTS}/conference-agreements-phone.png`, fullPage: true });

      // A deal on the dashboard, live; between Đắk Lắk and Cần Thơ.
      await expect.poll(() => counter(dashboard, 'deals'), { timeout: 10_000 }).toBe(String(dealsBefore + 1));
      await dashboard.getByTestId('chart-province-pair').waitFor();
      await dashboard.screenshot({ path: `${SHOTS}/conference-dashboard.png`, fullPage: true });
      await phone.context().close();
      await dashboard.context().close();
    },
    TEST_TIMEOUT,
  );
});
