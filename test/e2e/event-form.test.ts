// An organiser creates a fair from the event list, sees a refusal said in Vietnamese, lands on
// the new draft, and edits it; a producer is offered no such button.
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { appInBrowser, describeInBrowser, signedInPage, DESKTOP } from '../support/browser.ts';
import { ORGANISER, PRODUCER } from '../support/accounts.ts';

describeInBrowser('creating and editing an event in the browser', () => {
  const app = appInBrowser();

  it('creates a draft fair through the form, then edits its venue and partners', async () => {
    const { t } = app;
    const prisma = t.database.db.prisma;
    const page = await signedInPage(app, ORGANISER, DESKTOP);
    await page.getByTestId('event-new').click();
    const form = page.getByTestId('event-form');
    await form.waitFor();

    await form.getByTestId('event-name-input').fill('Hội chợ OCOP Tây Nguyên mùa xuân 2027');
    await form.getByTestId('event-venue').fill('Quảng trường 10-3, Buôn Ma Thuột');
    await form.getByTestId('event-starts').fill('2027-03-10T08:00');
    await form.getByTestId('event-ends').fill('2027-03-09T18:00');
    await form.getByTestId('event-host').selectOption('dak-lak');
    await form.getByTestId('event-save').click();
    // The end before the start is refused before sending, in Vietnamese.
    await expect.poll(() => form.getByTestId('field-error').first().textContent()).toContain('kết thúc phải sau');
    expect(await prisma.event.count({ where: { name: 'Hội chợ OCOP Tây Nguyên mùa xuân 2027' } })).toBe(0);

    await form.getByTestId('event-ends').fill('2027-03-14T18:00');
    await form.getByTestId('event-partners').getByLabel('Cần Thơ').check();
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/event-form.png', fullPage: true });
    await form.getByTestId('event-save').click();

    await page.getByTestId('event-name').waitFor();
    expect(await page.getByTestId('event-name').textContent()).toContain('Hội chợ OCOP Tây Nguyên mùa xuân 2027');
    const stored = await prisma.event.findFirstOrThrow({
      where: { name: 'Hội chợ OCOP Tây Nguyên mùa xuân 2027' },
      include: { partners: true },
    });
    expect(stored).toMatchObject({ status: 'draft', kind: 'fair', hostProvinceId: 'dak-lak', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(stored.startsAt.toISOString()).toBe('2027-03-10T01:00:00.000Z');
    expect(stored.partners.map((p) => p.provinceId)).toEqual(['can-tho']);
    expect(page.url()).toContain(`/events/${stored.id}`);
    await page.screenshot({ path: 'test-results/event-draft.png' });

    await page.getByTestId('event-edit').click();
    const edit = page.getByTestId('event-form');
    await edit.waitFor();
    expect(await edit.getByTestId('event-starts').inputValue()).toBe('2027-03-10T08:00');
    await edit.getByTestId('event-venue').fill('Trung tâm Hội nghị tỉnh Đắk Lắk');
    // Choosing a partner as host takes it off the partners.
    await edit.getByTestId('event-host').selectOption('can-tho');
    await edit.getByTestId('event-save').click();
    await page.getByTestId('event-name').waitFor();
    await expect
      .poll(async () => (await prisma.event.findUniqueOrThrow({ where: { id: stored.id }, include: { partners: true } })).venue)
      .toBe('Trung tâm Hội nghị tỉnh Đắk Lắk');
    const edited = await prisma.event.findUniqueOrThrow({ where: { id: stored.id }, include: { partners: true } });
    expect(edited.hostProvinceId).toBe('can-tho');
    expect(edited.partners).toEqual([]);
  });

  it('offers a producer no new-event button, and sends it back to the list from the form', async () => {
    const page = await signedInPage(app, PRODUCER, DESKTOP);
    expect(await page.getByTestId('event-new').count()).toBe(0);
    await page.goto(`${app.t.baseUrl}/events/new`);
    await page.getByTestId('event-list').waitFor();
    expect(await page.getByTestId('event-form').count()).toBe(0);
  });
});
