/**
 * What the browser journeys on the sample account share: the amoCRM emulator serving the sample,
 * one Chromium and one Russian-speaking context for the file's tests, and page harnesses for the
 * runtimes the tests set up — all stopped after the file. Call it inside the describe block.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { GasRuntime } from '../../dev/gas';
import { PageHarness } from '../../dev/gas/page-harness';
import { launchChromium } from './browser';
import { startTelegramEmulator, type TelegramHandle } from './emulators';
import { startFixtureEmulator } from './fixture-account';
import { openSidebar } from './set-up-rating';

/** where the journeys put their pictures */
export const OUT = join(__dirname, '..', '..', 'out');

export interface SampleInBrowser {
  readonly emu: Awaited<ReturnType<typeof startFixtureEmulator>>;
  /** the Telegram emulator, when asked for */
  readonly tg: TelegramHandle;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** the harnesses started so far (what each page asked of other addresses) */
  readonly harnesses: readonly PageHarness[];
  /** a started page harness for `rt`; both stopped after the file's tests */
  harnessFor(rt: GasRuntime, seed: number): Promise<PageHarness>;
}

export function sampleInBrowser(
  opts: { clipboard?: boolean; telegram?: boolean } = {},
): SampleInBrowser {
  const harnesses: PageHarness[] = [];
  const runtimes: GasRuntime[] = [];
  const set = {
    emu: undefined as unknown as SampleInBrowser['emu'], // set in beforeAll, before any test
    tg: undefined as unknown as TelegramHandle, // likewise, when asked for
    browser: undefined as unknown as Browser, // likewise
    context: undefined as unknown as BrowserContext, // likewise
    harnesses,
    async harnessFor(rt: GasRuntime, seed: number): Promise<PageHarness> {
      const h = new PageHarness(rt, set.context, { seed });
      await h.start();
      harnesses.push(h);
      runtimes.push(rt);
      return h;
    },
  };
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    set.emu = await startFixtureEmulator();
    if (opts.telegram) set.tg = await startTelegramEmulator();
    set.browser = await launchChromium();
    set.context = await set.browser.newContext({ locale: 'ru-RU' });
    // the head copies a column in a spreadsheet, then pastes it: the page reads the clipboard
    if (opts.clipboard) await set.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  afterAll(async () => {
    for (const h of harnesses) await h.stop();
    await set.browser?.close();
    for (const rt of runtimes) await rt.close();
    await set.tg?.stop();
    await set.emu?.stop();
  });
  return set;
}

/** A section of the sidebar opened by its title. */
export async function openSection(frame: Frame, id: string): Promise<void> {
  await frame.locator(`#sec-${id} > summary`).click();
  await frame.waitForSelector(`#sec-${id}[open]`);
}

/** «Планы» → «Открыть планы»: the plans dialog, once its grid is on the page. */
export async function openPlans(
  rt: GasRuntime,
  h: PageHarness,
  sidebarHeight = 1400,
): Promise<{ page: Page; frame: Frame }> {
  const { frame: side } = await openSidebar(rt, h, { sidebarHeight });
  await openSection(side, 'plans');
  const before = rt.ui.pages.length;
  await side.locator('#open-plans').click();
  for (let i = 0; i < 50 && rt.ui.pages.length === before; i++)
    await new Promise((r) => setTimeout(r, 50));
  const shown = rt.ui.pages.at(-1);
  if (shown?.kind !== 'modal') throw new Error('no plans dialog shown');
  const opened = await h.open(shown);
  await opened.frame.waitForSelector('table.plans-grid');
  return opened;
}

interface Transcript {
  transcript: Array<{ method: string; chatId?: string; ok: boolean; text?: string }>;
}

/** The messages the bot delivered to the head's private chat, in order. */
export async function toHead(tg: TelegramHandle): Promise<Transcript['transcript']> {
  return (await tg.control<Transcript>('transcript')).transcript.filter(
    (x) => x.method === 'sendmessage' && x.ok && x.chatId === String(tg.headId),
  );
}
