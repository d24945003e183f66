// A person's first minute: open the app, see the Vietnamese sign-in page, sign in as the
// organiser, see the event list, open the fair.
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { appInBrowser, describeInBrowser } from '../support/browser.ts';
import { ORGANISER } from '../support/accounts.ts';
import { DEMO_PASSWORD } from '../../prisma/demo/seed.ts';

describeInBrowser('signing in through the browser', () => {
  const app = appInBrowser();

  it('shows the Vietnamese sign-in page, signs the organiser in and lists the events', async () => {
    const { t, browser } = app;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${t.baseUrl}/`);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('Đăng nhập');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');

    await page.getByTestId('login-email').fill(ORGANISER);
    await page.getByTestId('login-password').fill('wrong password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/\S/);

    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('event-list').waitFor();
    const items = page.getByTestId('event-item');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(2);
    const text = await page.getByTestId('event-list').textContent();
    expect(text).toContain('Hội chợ Nông nghiệp và sản phẩm OCOP khu vực Tây Nguyên 2026');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/events.png', fullPage: true });

    await items.filter({ hasText: 'Tây Nguyên' }).first().click();
    await expect.poll(() => page.getByTestId('booth-tile').count(), { timeout: 10_000 }).toBeGreaterThan(200);
    await page.screenshot({ path: 'test-results/fair.png', fullPage: true });
  });
});
