/** Debian's chromium driven by playwright-core, for the tests and the demo's pictures; never a browser download. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) =>
  existsSync(p),
);

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
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
      ...extraArgs,
    ],
  });
}
