// A producer in its portal (issue 8, defects 6 and 7): its certified product's certificate,
// name and group are shown read-only and saving other fields keeps them; another producer's
// profile shows no contact person, phone or email.
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { appInBrowser, describeInBrowser, signedInPage, DESKTOP } from '../support/browser.ts';
import { PRODUCER } from '../support/accounts.ts';

describeInBrowser('a producer and the OCOP certificate', () => {
  const app = appInBrowser();

  it('sees its certificate read-only, saves the rest, and sees no contacts of another producer', async () => {
    const { t } = app;
    const prisma = t.database.db.prisma;
    const me = await prisma.user.findFirstOrThrow({ where: { email: PRODUCER }, select: { producerId: true } });
    const rated = await prisma.product.findFirstOrThrow({
      where: { producerId: me.producerId!, stars: { not: null } },
      select: { id: true, name: true, stars: true, category: true },
    });
    const page = await signedInPage(app, PRODUCER, DESKTOP);
    await page.goto(`${t.baseUrl}/producers/${me.producerId}`);

    const card = page.getByTestId('product-card').filter({ hasText: rated.name });
    await card.getByTestId('product-edit').click();
    const form = page.getByTestId('product-form');
    await form.getByTestId('product-certificate-readonly').waitFor();
    expect(await form.getByTestId('product-name').getAttribute('readonly')).not.toBeNull();
    expect(await form.getByTestId('product-category').isDisabled()).toBe(true);
    mkdirSync('test-results', { recursive: true });
    await form.getByTestId('product-name').scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollBy(0, -120)');
    await page.screenshot({ path: 'test-results/producer-certificate-readonly.png' });

    await form.locator('textarea[id$="-description"]').fill('Rang mộc, xay vừa; gói 500 g.');
    await form.getByTestId('product-save').click();
    await expect
      .poll(async () => (await prisma.product.findUniqueOrThrow({ where: { id: rated.id } })).description)
      .toBe('Rang mộc, xay vừa; gói 500 g.');
    const after = await prisma.product.findUniqueOrThrow({ where: { id: rated.id } });
    expect({ name: after.name, stars: after.stars, category: after.category }).toEqual({
      name: rated.name,
      stars: rated.stars,
      category: rated.category,
    });

    const other = await prisma.producer.findFirstOrThrow({ where: { id: { not: me.producerId! }, phone: { not: '' } } });
    await page.goto(`${t.baseUrl}/producers/${other.id}`);
    await page.getByTestId('producer-contacts-withheld').waitFor();
    expect(await page.getByTestId('producer-profile').textContent()).not.toContain(other.phone);
  });
});
