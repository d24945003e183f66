// A supermarket buyer looks for what to list: 4-star coffee, searched without accents, on a
// phone; every product shown has the stars asked for and leads to its producer.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissing, inCI, launchBrowser } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { BUYER } from '../support/accounts.ts';
import { DEMO_PASSWORD } from '../../prisma/demo/seed.ts';

const run = !chromiumMissing || inCI;
let t: TestServer;
let browser: Browser;

describe.runIf(run)('a buyer searching products', () => {
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds 4-star coffee by an unaccented query and goes on to its producer', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${t.baseUrl}/login`);
    await page.getByTestId('login-email').fill(BUYER);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('event-list').waitFor();

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
