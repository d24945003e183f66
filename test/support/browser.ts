// Headless Chromium from Debian's package, driven by playwright-core (never a downloaded
// browser). Without Chromium the browser tests skip with a message, except under CI=true,
// where a missing browser is a failure.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe } from 'vitest';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../prisma/demo/seed.ts';
import { startTestServer, type TestServer } from './server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM);
export const inCI = process.env.CI === 'true' || process.env.CI === '1';

if (chromiumMissing && !inCI) {
  process.stderr.write(`\n[browser tests skipped] ${CHROMIUM} not found: apt-get install chromium to run them.\n\n`);
}

export function launchBrowser(): Promise<Browser> {
  if (chromiumMissing) throw new Error(`Chromium is required under CI but ${CHROMIUM} does not exist`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

/** A describe whose tests need Chromium: skipped without it, except under CI. */
export const describeInBrowser = describe.runIf(!chromiumMissing || inCI);

export interface AppInBrowser {
  /** The app on a fresh database with the demo. */
  t: TestServer;
  browser: Browser;
}

/**
 * The app and a browser for the tests of one describeInBrowser block (call it inside, so a
 * skipped block starts nothing): started before its tests, closed after.
 */
export function appInBrowser(): AppInBrowser {
  const app = {} as AppInBrowser;
  beforeAll(async () => {
    app.t = await startTestServer();
    app.browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await app.browser?.close();
    await app.t?.close();
  });
  return app;
}

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** A new page of its own context, signed in through the sign-in form and showing the event list. */
export async function signedInPage(app: AppInBrowser, email: string, device: BrowserContextOptions = DESKTOP): Promise<Page> {
  const page = await app.browser.newPage(device);
  await page.goto(`${app.t.baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('event-list').waitFor();
  return page;
}
