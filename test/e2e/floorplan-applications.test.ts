// Applications in the browser (issue 9): a producer applies with its preferences and products
// and sees its application decided live; the organiser approves it and finds it among the
// approved producers without a booth, ready to drag onto the plan; an application filed by the
// organiser for a household is waitlisted, which offers it a free booth at once, and that
// producer accepts the offer from its own screen.
import { mkdirSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appInBrowser, describeInBrowser, signedInPage, DESKTOP, PHONE } from '../support/browser.ts';
import { ORGANISER, PRODUCER } from '../support/accounts.ts';
import { DEMO } from '../../prisma/demo/seed.ts';

const SHOTS = 'test/e2e/screenshots';
const TEST_TIMEOUT = 120_000;
/** A second producer with a sign-in and no booth in the demo. */
const OTHER_PRODUCER = 'hokd.matong@demo.ocop.vn';

describeInBrowser('booth applications', () => {
  const app = appInBrowser();
  let fairId = '';
  const producer = { id: '', name: '' };
  const other = { id: '', name: '' };

  beforeAll(async () => {
    const prisma = app.t.database.db.prisma;
    fairId = (await prisma.event.findFirstOrThrow({ where: { name: DEMO.fair.name }, select: { id: true } })).id;
    for (const [who, email] of [
      [producer, PRODUCER],
      [other, OTHER_PRODUCER],
    ] as const) {
      const user = await prisma.user.findFirstOrThrow({
        where: { email },
        select: { producer: { select: { id: true, name: true } } },
      });
      Object.assign(who, user.producer);
    }
    mkdirSync(SHOTS, { recursive: true });
  });

  async function openTab(page: Page, tab: 'booths' | 'applications'): Promise<void> {
    await page.goto(`${app.t.baseUrl}/events/${fairId}?tab=${tab}`);
    if (tab === 'booths')
      await expect.poll(() => page.getByTestId('booth-tile').count(), { timeout: 15_000 }).toBeGreaterThan(200);
    else await page.getByTestId('applications-panel').waitFor();
  }

  const applicationOf = (producerId: string) =>
    app.t.database.db.prisma.boothApplication.findFirst({
      where: { eventId: fairId, producerId },
      select: { id: true, status: true },
    });

  it(
    'a producer applies, the organiser approves it, the producer sees it approved live, and it waits on the plan for a booth',
    async () => {
      const mine = await signedInPage(app, PRODUCER, DESKTOP);
      await openTab(mine, 'applications');
      const form = mine.getByTestId('application-form');
      await form.getByLabel('Khu B – Cà phê, ca cao').check();
      await form.getByLabel('Gian góc').check();
      await form.getByTestId('apply-product').first().check();
      await form.getByTestId('apply-note').fill('Cần ổ điện cho máy pha cà phê.');
      await mine.screenshot({ path: `${SHOTS}/floorplan-apply-form.png`, fullPage: true });
      await form.getByTestId('apply-submit').click();
      await expect.poll(() => mine.getByTestId('my-application-status').textContent()).toBe('Chờ duyệt');
      const stored = await app.t.database.db.prisma.boothApplication.findFirstOrThrow({
        where: { eventId: fairId, producerId: producer.id },
      });
      expect(stored.status).toBe('submitted');
      expect(stored.note).toBe('Cần ổ điện cho máy pha cà phê.');
      expect(JSON.stringify(stored)).toContain('Khu B – Cà phê, ca cao');

      const organiser = await signedInPage(app, ORGANISER, DESKTOP);
      await openTab(organiser, 'applications');
      await organiser.getByTestId('application-filter-submitted').click();
      const card = organiser.getByTestId('application-card').filter({ hasText: producer.name });
      await expect.poll(() => card.getByTestId('application-status').textContent()).toBe('Chờ duyệt');
      // A rejection needs a reason, said before anything is sent.
      await card.getByTestId('application-reject').click();
      await expect.poll(() => card.textContent()).toContain('Hãy ghi lý do từ chối.');
      expect((await applicationOf(producer.id))?.status).toBe('submitted');
      await organiser.screenshot({ path: `${SHOTS}/floorplan-applications.png`, fullPage: true });
      await card.getByTestId('application-approve').click();
      await expect.poll(async () => (await applicationOf(producer.id))?.status).toBe('approved');

      // The producer's screen, never reloaded, follows the decision.
      await expect.poll(() => mine.getByTestId('my-application-status').textContent(), { timeout: 10_000 }).toBe('Đã duyệt');

      // On the plan, the approved producer waits for a booth; placing it takes it off the list.
      await openTab(organiser, 'booths');
      const awaiting = organiser.getByTestId('awaiting-list').locator(`[data-producer-id="${producer.id}"]`);
      await awaiting.waitFor();
      const res = await app.t.http.get(`/api/events/${fairId}/booths`).set('Cookie', await app.t.signIn(ORGANISER));
      const free = (res.body.items as { code: string; status: string; zone: string; type: string }[]).find(
        (b) => b.status === 'available' && b.zone === 'Khu B – Cà phê, ca cao' && b.type === 'standard',
      )!;
      await awaiting.dragTo(organiser.locator(`[data-testid="booth-tile"][data-code="${free.code}"]`));
      await expect.poll(() => organiser.getByTestId('booth-done').textContent()).toContain(free.code);
      await awaiting.waitFor({ state: 'detached' });

      // Its booth now stands in its application; withdrawing it is refused while it has one.
      await openTab(mine, 'applications');
      await expect.poll(() => mine.getByTestId('application-booths').textContent()).toContain(free.code);
      mine.once('dialog', (dialog) => void dialog.accept());
      await mine.getByTestId('application-withdraw').click();
      await expect.poll(() => mine.getByTestId('applications-panel').textContent()).toContain('ban tổ chức cần thu hồi gian');
      expect((await applicationOf(producer.id))?.status).toBe('approved');
      await mine.screenshot({ path: `${SHOTS}/floorplan-my-application.png`, fullPage: true });
      await mine.context().close();
      await organiser.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    'the organiser files an application for a household and waitlists it; the offer that follows is accepted on the phone',
    async () => {
      const household = await signedInPage(app, OTHER_PRODUCER, PHONE);
      await openTab(household, 'booths');
      await household.getByTestId('my-booth-none').waitFor();

      const organiser = await signedInPage(app, ORGANISER, DESKTOP);
      await openTab(organiser, 'applications');
      await organiser.getByTestId('apply-for-producer').click();
      const form = organiser.getByTestId('application-form');
      await form.locator(`#apply-producer-${fairId}`).fill(other.name);
      await form.getByRole('button', { name: other.name }).click();
      await form.getByTestId('application-producer').waitFor();
      await form.getByTestId('apply-submit').click();
      await expect.poll(async () => (await applicationOf(other.id))?.status).toBe('submitted');

      const card = organiser.getByTestId('application-card').filter({ hasText: other.name });
      await card.getByTestId('application-waitlist').click();
      await expect.poll(async () => (await applicationOf(other.id))?.status).toBe('waitlisted');

      // Booths are free, so waitlisting offers one at once: the household sees it live and takes it.
      const offer = await app.t.database.db.prisma.boothOccupancy.findFirst({
        where: { eventId: fairId, producerId: other.id, kind: 'offered' },
        select: { boothId: true, booth: { select: { code: true } } },
      });
      expect(offer).not.toBeNull();
      await expect.poll(() => household.getByTestId('my-offer').textContent(), { timeout: 10_000 }).toContain(offer!.booth.code);
      await household.getByTestId('my-booth-banner').scrollIntoViewIfNeeded();
      await household.screenshot({ path: `${SHOTS}/floorplan-phone-offer.png` });
      await household.getByTestId('my-offer-accept').click();
      await expect.poll(() => household.getByTestId('my-booth').textContent(), { timeout: 10_000 }).toContain(offer!.booth.code);
      const taken = await app.t.database.db.prisma.boothOccupancy.findUniqueOrThrow({ where: { boothId: offer!.boothId } });
      expect({ producerId: taken.producerId, kind: taken.kind }).toEqual({ producerId: other.id, kind: 'assigned' });
      await household.context().close();
      await organiser.context().close();
    },
    TEST_TIMEOUT,
  );
});
