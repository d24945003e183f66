// Headless Chromium from Debian's package, driven by playwright-core (never a downloaded
// browser). Without Chromium the browser tests skip with a message, except under CI=true,
// where a missing browser is a failure.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
