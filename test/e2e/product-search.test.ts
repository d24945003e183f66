// A supermarket buyer looks for what to list: 4-star coffee, searched without accents, on a
// phone; every product shown has the stars asked for and leads to its producer.
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { appInBrowser, describeInBrowser, signedInPage, PHONE } from '../support/browser.ts';
import { BUYER } from '../support/accounts.ts';

describeInBrowser('a buyer searching products', () => {
  const app = appInBrowser();

  it('finds 4-star coffee by an unaccented query and goes on to its producer', async () => {
    const { t } = app;
    const page = await signedInPage(app, BUYER, PHONE);

    await page.getByRole('link', { name: 'Sản phẩm', exact: true }).click();
    await page.getByTestId('product-list').waitFor();
    await page.getByRole('searchbox').fill('ca phe');
    await page.getByRole('button', { name: 'Bộ lọc' }).click();
    await page.getByTestId('filter-stars').selectOption('4');
    await page.waitForURL(/minStars=4/);

    // What the API answers for the same search is what the page shows.
    const api = await t.http
      .get('/api/products')
      .query({ q: 'ca phe', minStars: 4 })
      .set('Cookie', await t.signIn(BUYER));
    const expected = api.body.total as number;
    expect(expected).toBeGreaterThan(0);
    const cards = page.getByTestId('product-card');
    await expect.poll(() => cards.count()).toBe(Math.min(expected, 20));
    const stars = await page.getByTestId('product-list').getByTestId('star-badge').allTextContents();
    expect(stars.length).toBe(await cards.count());
    for (const s of stars) expect(s.trim().length).toBeGreaterThanOrEqual(4);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/phone-products-vi.png' });

    const producer = cards.first().getByTestId('product-producer');
    const producerName = (await producer.textContent())!.trim();
    await producer.click();
    await expect.poll(() => page.locator('h1').first().textContent()).toContain(producerName);
  });
});
