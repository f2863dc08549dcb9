/**
 * Journey, through the built sidebar in Chromium: «Размер аккаунта» in «Подключение» shows the
 * deals in the history window as the emulator counts them and recommends the spreadsheet store;
 * with the ceiling lowered below them (the document property `store.ceilingDeals`, as support
 * sets it) the same block recommends BigQuery with the permission and the monthly cost, and the
 * first sync is refused in words the head reads in the sidebar — the numbers and the way out.
 * Pictures of the block go to out/. Facts: docs/rules.md §8, src/storage/store-ceiling.ts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { GasRuntime } from '../../dev/gas';
import { PageHarness } from '../../dev/gas/page-harness';
import { historyWindowStart } from '../../src/amocrm/sync-plan';
import { describeInBrowser, launchChromium } from '../support/browser';
import { startAmoEmulator, type AmoHandle } from '../support/emulators';
import { openSidebar, refresh } from '../support/set-up-rating';
import { readSettings, saveSettingsAsPages } from '../support/settings-io';
import { connectRuntime } from '../support/sync-harness';

const OUT = join(__dirname, '..', '..', 'out');

describeInBrowser('journey: «Размер аккаунта»', () => {
  let browser: Browser;
  let context: BrowserContext;
  let amo: AmoHandle;
  /** the emulator's own count of the deals in the history window */
  let truth: number;
  const harnesses: PageHarness[] = [];
  const runtimes: GasRuntime[] = [];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    // 2,300 deals: a dozen pages of amoCRM's leads list, so the count is measured, not page 1's
    amo = await startAmoEmulator(['--seed', '5', '--leads', '2300']);
    const st = await amo.control<{ now: number }>('state');
    const since = historyWindowStart(st.now * 1000);
    truth = (await amo.control<{ leads: number }>(`counts?since=${since}&open=0`)).leads;
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'ru-RU' });
  });
  afterAll(async () => {
    for (const h of harnesses) await h.stop();
    await browser?.close();
    for (const rt of runtimes) await rt.close();
    await amo?.stop();
  });

  /** Connected and set up (the settings saved once), nothing synced. */
  async function connected(): Promise<{ rt: GasRuntime; h: PageHarness }> {
    const { rt } = await connectRuntime(amo);
    runtimes.push(rt);
    rt.open();
    const saved = saveSettingsAsPages(rt, readSettings(rt));
    if (!saved.ok) throw new Error(saved.errors.map((e) => e.message).join('; '));
    const h = new PageHarness(rt, context, { seed: 13 });
    await h.start();
    harnesses.push(h);
    return { rt, h };
  }

  /** «Подключение» opened; the block once its measurement is shown. */
  async function sizeBlock(
    rt: GasRuntime,
    h: PageHarness,
  ): Promise<{ page: Page; frame: Frame; lines: string[] }> {
    const { page, frame } = await openSidebar(rt, h, { sidebarHeight: 1400 });
    await frame.locator('#sec-connection > summary').click();
    await frame.waitForSelector('#sec-connection[open]');
    const block = frame.locator('#account-size');
    await block.locator('p').nth(2).waitFor();
    await block.scrollIntoViewIfNeeded();
    const lines = (await block.locator('p').allTextContents()).map((l) => l.trim());
    return { page, frame, lines };
  }

  const grouped = (n: number) => String(n);

  test('shows the deals in the history window as amoCRM holds them, and that the spreadsheet holds them', async () => {
    const { rt, h } = await connected();
    expect(truth).toBeGreaterThan(1000);
    const { page, lines } = await sizeBlock(rt, h);
    await page.locator('iframe').screenshot({ path: join(OUT, 'sidebar-account-size.png') });
    expect(lines[0]).toMatch(/^Сделок в окне истории \(с \d\d\.\d\d\.\d{4}\): \d+\.$/);
    expect(lines[0]).toContain(`: ${grouped(truth)}.`);
    expect(lines[1]).toContain('хранилище в таблице подходит');
    expect(lines[1]).not.toContain('BigQuery');
    expect(lines[2]).toMatch(/^Измерено \d\d\.\d\d\.\d{4} \d\d:\d\d\.$/);
  });

  test('past a lowered ceiling it recommends BigQuery with the permission and the cost, and the first sync is refused in words', async () => {
    const { rt, h } = await connected();
    const ceiling = truth - 1;
    rt.properties.document['store.ceilingDeals'] = String(ceiling);
    const { page, frame, lines } = await sizeBlock(rt, h);
    await page
      .locator('iframe')
      .screenshot({ path: join(OUT, 'sidebar-account-size-bigquery.png') });
    expect(lines[0]).toContain(`: ${grouped(truth)}.`);
    expect(lines[1]).toContain('рекомендуем хранилище BigQuery');
    expect(lines[1]).toContain(`около ${ceiling} сделок`);
    expect(lines[1]).toContain('Просмотр и управление данными в Google BigQuery');
    expect(lines[1]).toMatch(/примерно в \$\d+\.\d\d в месяц/);
    // the recommendation stands out from the count above it
    expect(await frame.locator('#account-size p').nth(1).getAttribute('class')).toBe('bad-line');

    // the head refreshes: the first sync is refused before anything is loaded, and says why
    refresh(rt);
    expect(rt.spreadsheet.sheets.map((s) => s.name)).not.toContain('_amocrm_store');
    const again = await openSidebar(rt, h, { sidebarHeight: 1400 });
    await again.page
      .locator('iframe')
      .screenshot({ path: join(OUT, 'sidebar-account-size-refused.png') });
    expect(await again.frame.locator('dl.status-bar dd.problem').textContent()).toContain(
      'аккаунт не помещается в таблицу',
    );
    // the reason with the numbers and the way out, readable without hovering
    const words = again.frame.locator('.problem-words');
    expect(await words.isVisible()).toBe(true);
    const said = (await words.textContent()) ?? '';
    expect(said).toContain(`в окне истории (с начала прошлого квартала) ${grouped(truth)} сделок`);
    expect(said).toContain(`вмещает около ${ceiling}`);
    expect(said).toContain('«Настройки» → «Подключение» → «Размер аккаунта»');
    expect(said).not.toMatch(/Argument too large/);
  });
});
