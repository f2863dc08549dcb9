/** Debian's chromium driven by playwright-core; never a browser download. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) =>
  existsSync(p),
);

/**
 * The browser tests run wherever chromium is installed, and always under CI: there a missing
 * chromium fails them loudly instead of skipping them.
 */
export const describeInBrowser: jest.Describe =
  CHROMIUM || process.env.CI ? describe : describe.skip;

export function launchChromium(): Promise<Browser> {
  if (!CHROMIUM)
    throw new Error('chromium is not installed: apt-get install -y chromium (Debian package)');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
