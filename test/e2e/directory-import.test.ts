// An organiser brings a district's spreadsheet: imports it through the Import page
// (preview, then commit), then finds an imported producer by typing its name without accents.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { appInBrowser, describeInBrowser, signedInPage, DESKTOP } from '../support/browser.ts';
import { ORGANISER } from '../support/accounts.ts';

async function spreadsheet(): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Chủ thể OCOP');
  sheet.addRow(['Tên chủ thể', 'Loại hình', 'Tỉnh/Thành phố', 'Địa chỉ', 'Mã số thuế']);
  sheet.addRow(['HTX Cà phê Đạt Lý Krông Búk', 'Hợp tác xã', 'Đắk Lắk', 'Xã Pơng Drang', '6001234501']);
  sheet.addRow(['Hộ kinh doanh Mật ong Ea Súp Bà Hằng', 'Hộ kinh doanh', 'Đắk Lắk', 'Xã Ea Lê', '6001234502']);
  sheet.addRow(['Công ty TNHH Bánh pía Vũng Thơm Sóc Trăng', 'Doanh nghiệp', 'Sóc Trăng', 'Phường 5', '2201234503']);
  const file = join(tmpdir(), `ocop-import-${process.pid}.xlsx`);
  writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
  return file;
}

describeInBrowser('importing producers in the browser', () => {
  const app = appInBrowser();

  it('previews and commits a spreadsheet, then finds an imported producer by an unaccented query', async () => {
    const { t } = app;
    const page = await signedInPage(app, ORGANISER, DESKTOP);

    await page.goto(`${t.baseUrl}/import`);
    await page.getByTestId('import-kind').selectOption('producers');
    await page.getByTestId('import-file').setInputFiles(await spreadsheet());
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-summary').waitFor();
    await expect.poll(() => page.getByTestId('import-row').count()).toBe(3);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/import-preview.png', fullPage: true });
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();

    await page.goto(`${t.baseUrl}/producers`);
    await page.getByTestId('directory-search').fill('dat ly krong buk');
    await expect
      .poll(async () => (await page.getByTestId('producer-row').allTextContents()).join(' | '), { timeout: 10_000 })
      .toContain('HTX Cà phê Đạt Lý Krông Búk');
    expect(await page.getByTestId('producer-row').count()).toBe(1);
    await page.screenshot({ path: 'test-results/producer-search.png', fullPage: true });

    const inDb = await t.database.db.prisma.producer.findFirst({
      where: { registrationNo: '2201234503' },
      select: { provinceId: true },
    });
    expect(inDb?.provinceId).toBe('can-tho');
  });
});
