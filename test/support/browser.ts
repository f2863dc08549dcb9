/** The browser tests: Debian's chromium (dev/chromium.ts); never a browser download. */
import { CHROMIUM } from '../../dev/chromium';

export { CHROMIUM, launchChromium } from '../../dev/chromium';

/**
 * The browser tests run wherever chromium is installed, and always under CI: there a missing
 * chromium fails them loudly instead of skipping them.
 */
export const describeInBrowser: jest.Describe =
  CHROMIUM || process.env.CI ? describe : describe.skip;
