// A producer on a phone, in Vietnamese: a refused save says why in Vietnamese, beside the
// field, and brings that field into view; a barcode another product holds is refused too.
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appInBrowser, describeInBrowser, signedInPage, PHONE } from '../support/browser.ts';
import { PRODUCER } from '../support/accounts.ts';

/** Whether the element is within the visible part of the page. */
const inView = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.bottom > 0 && box.top < (el.ownerDocument.defaultView?.innerHeight ?? 0);
    });

describeInBrowser('refusals on a phone', () => {
  const app = appInBrowser();

  it('are said in Vietnamese beside the field, and the field is brought into view', async () => {
    const { t } = app;
    const page = await signedInPage(app, PRODUCER, PHONE);
    const me = await t.database.db.prisma.user.findFirstOrThrow({ where: { email: PRODUCER }, select: { producerId: true } });
    await page.goto(`${t.baseUrl}/producers/${me.producerId}`);

    // The server refuses the phone number; the client says so in Vietnamese.
    await page.getByTestId('producer-edit').click();
    await page.locator('input[type="tel"]').fill('gọi tôi');
    await page.getByTestId('producer-save').click();
    const phoneError = page.locator('.field--invalid [data-testid="field-error"]');
    await expect.poll(() => phoneError.first().textContent()).toBe('Số điện thoại không hợp lệ.');
    expect(await inView(page, '.field--invalid')).toBe(true);
    expect(await page.evaluate('document.activeElement?.getAttribute("type")')).toBe('tel');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/phone-refused-vi.png' });

    // Saved: the confirmation is on screen, not far above it.
    await page.locator('input[type="tel"]').fill('0262 3812 345');
    await page.getByTestId('producer-save').click();
    await page.getByTestId('profile-saved').waitFor();
    expect(await inView(page, '[data-testid="profile-saved"]')).toBe(true);

    // Another producer's barcode: 409 from the server, said as a field error in Vietnamese.
    const taken = await t.database.db.prisma.product.findFirstOrThrow({
      where: { gtin: { not: null }, producerId: { not: me.producerId! } },
      select: { gtin: true },
    });
    await page.getByTestId('product-add').click();
    await page.getByTestId('product-name').fill('Cà phê mã vạch mượn');
    await page.getByTestId('product-category').selectOption('coffee');
    await page.getByTestId('product-gtin').fill(taken.gtin!);
    await page.getByTestId('product-save').click();
    await expect
      .poll(() => page.locator('.field--invalid [data-testid="field-error"]').first().textContent())
      .toBe('Mã vạch này đã thuộc về một sản phẩm khác.');
    expect(await inView(page, '.field--invalid')).toBe(true);
    await page.screenshot({ path: 'test-results/phone-gtin-taken-vi.png' });
    expect(await t.database.db.prisma.product.count({ where: { name: 'Cà phê mã vạch mượn' } })).toBe(0);

    // A refusal of the form's own checks is said again in the language switched to.
    await page.getByTestId('product-gtin').fill('8938505970013');
    await page.getByTestId('product-save').click();
    const gtinError = page.locator('.field--invalid [data-testid="field-error"]').first();
    await expect
      .poll(() => gtinError.textContent())
      .toBe('Mã vạch không hợp lệ: cần 8, 12, 13 hoặc 14 chữ số với số kiểm tra đúng.');
    await page.getByTestId('locale-en').click();
    await expect
      .poll(() => gtinError.textContent())
      .toBe('Not a valid barcode: 8, 12, 13 or 14 digits with a correct check digit.');
    expect(await t.database.db.prisma.product.count({ where: { name: 'Cà phê mã vạch mượn' } })).toBe(0);
  });
});
