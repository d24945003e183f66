// Builds the client once before the browser tests, from the sources as they are now
// (a stale dist/ would test an old client; two test files building at once would clash).
import { chromiumMissing, inCI } from './browser.ts';

export default async function setup(): Promise<void> {
  if (chromiumMissing && !inCI) return;
  const { build } = await import('vite');
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
