// A producer on a phone adds a product on the venue Wi-Fi, and the answer is lost after the
// server saved it. The client retries with the same Idempotency-Key, gets the first answer,
// and the product exists once: nothing lost, nothing doubled.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissing, inCI, launchBrowser } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { PRODUCER } from '../support/accounts.ts';
import { DEMO_PASSWORD } from '../../prisma/demo/seed.ts';

const run = !chromiumMissing || inCI;
let t: TestServer;
let browser: Browser;

describe.runIf(run)('a change whose answer is lost', () => {
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is retried with its key and saved exactly once', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${t.baseUrl}/login`);
    await page.getByTestId('login-email').fill(PRODUCER);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('event-list').waitFor();
    const me = await t.database.db.prisma.user.findFirstOrThrow({ where: { email: PRODUCER }, select: { producerId: true } });
    const producerId = me.producerId!;

    // The first POST reaches the server and is saved, then its answer is dropped.
    const keys: string[] = [];
    await page.route(`**/api/producers/${producerId}/products`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) {
        await route.fetch();
        return route.abort('failed');
      }
      return route.continue();
    });

    await page.goto(`${t.baseUrl}/producers/${producerId}`);
    await page.getByTestId('product-add').click();
    await page.getByTestId('product-name').fill('Cà phê phin giấy Ea Tu');
    await page.getByTestId('product-category').selectOption('coffee');
    await page.getByTestId('product-save').click();
    await expect.poll(() => page.getByText('Cà phê phin giấy Ea Tu').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('status').waitFor();
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/lost-answer-phone.png', fullPage: true });

    expect(keys.length).toBe(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    const saved = await t.database.db.prisma.product.count({ where: { producerId, name: 'Cà phê phin giấy Ea Tu' } });
    expect(saved).toBe(1);
  });
});
