// A producer on a phone adds a product on the venue Wi-Fi, and the answer is lost after the
// server saved it. The client retries with the same Idempotency-Key, gets the first answer,
// and the product exists once: nothing lost, nothing doubled.
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { appInBrowser, describeInBrowser, signedInPage, PHONE } from '../support/browser.ts';
import { PRODUCER } from '../support/accounts.ts';

describeInBrowser('a change whose answer is lost', () => {
  const app = appInBrowser();

  it('is retried with its key and saved exactly once', async () => {
    const { t } = app;
    const page = await signedInPage(app, PRODUCER, PHONE);
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
