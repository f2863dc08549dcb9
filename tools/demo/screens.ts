/**
 * Pictures of what the demo made, taken in Debian's chromium: each section of the sidebar (300 px,
 * filled with the demo's data), the plans dialog, each sheet of the rating at 1366×768, and the
 * Telegram chats as a phone shows them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame } from 'playwright-core';
import { launchChromium } from '../../dev/chromium';
import { spreadsheetToHtml, type GasRuntime } from '../../dev/gas';
import { PageHarness } from '../../dev/gas/page-harness';
import { SIDEBAR_SECTIONS } from '../../src/settings/sections';

/** Chromium for the pictures: the date inputs show dates as a Russian user sees them. */
export const launch = (): Promise<Browser> => launchChromium(['--lang=ru-RU']);

/** Opens the sidebar from the menu and pictures each section, opened and filled. */
export async function sidebarScreens(
  rt: GasRuntime,
  browser: Browser,
  out: string,
): Promise<string[]> {
  const context = await browser.newContext({ locale: 'ru-RU', deviceScaleFactor: 1 });
  const harness = new PageHarness(rt, context, { seed: 1, maxDelayMs: 5 });
  await harness.start();
  const files: string[] = [];
  try {
    for (const id of SIDEBAR_SECTIONS) {
      rt.clickMenu('Рейтинг менеджеров', 'Настройки');
      const shown = rt.ui.pages.at(-1);
      if (!shown) throw new Error('the sidebar did not open');
      const { page, frame } = await harness.open(shown, { sidebarHeight: 1500 });
      await frame.waitForSelector('.sections');
      await frame.locator(`#sec-${id} > summary`).click();
      await fillPreview(frame, id);
      const height = await frame.evaluate(() => document.body.scrollHeight);
      await page.evaluate((h) => {
        const f = document.querySelector('iframe');
        if (f) f.height = String(h + 8);
      }, height);
      await page.setViewportSize({ width: 360, height: Math.min(height + 60, 2400) });
      const file = join(out, `sidebar-${id}.png`);
      await page.locator('iframe').screenshot({ path: file });
      files.push(file);
      await page.close();
    }
    // the plans dialog, opened from its section
    rt.callFromClient('openPlansDialog');
    const dialog = rt.ui.pages.at(-1);
    if (dialog?.kind === 'modal') {
      const { page, frame } = await harness.open(dialog);
      await frame.waitForSelector('table.plans-grid');
      const file = join(out, 'plans-dialog.png');
      await page.locator('iframe').screenshot({ path: file });
      files.push(file);
      await page.close();
    }
    if (harness.blocked.length)
      throw new Error(`the pages asked for ${harness.blocked.join(', ')}`);
  } finally {
    await harness.stop();
    await context.close();
  }
  return files;
}

/** Runs a section's preview, so the picture shows what the head would see. */
async function fillPreview(frame: Frame, id: string): Promise<void> {
  const click = async (text: string, wait: string) => {
    await frame.locator(`#sec-${id} button`, { hasText: text }).click();
    // google.script.run has no time limit of its own: a preview on the BigQuery store reads the
    // account through the stand-in (ZetaSQL, then DuckDB), which on a busy machine can pass 20 s
    await frame.waitForSelector(wait, { timeout: 180_000 });
  };
  if (id === 'points')
    await click('Предпросмотр', '#sec-points table.preview, #sec-points .status');
  if (id === 'norms') await click('Кто был бы красным', '#sec-norms .red-list, #sec-norms .status');
  if (id === 'head') await click('Показать', '#sec-head table, #sec-head .status');
}

/** Each sheet of the rating as it opens on a 1366×768 screen. */
export async function sheetScreens(
  rt: GasRuntime,
  browser: Browser,
  out: string,
  sheets: string[],
): Promise<string[]> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
  const files: string[] = [];
  for (const [i, name] of sheets.entries()) {
    if (!rt.spreadsheet.sheets.some((s) => s.name === name)) continue;
    const html = join(out, `sheet-${i + 1}.html`);
    writeFileSync(html, spreadsheetToHtml(rt.spreadsheet, { sheets: [name], title: name }));
    await page.goto(`file://${html}`);
    const file = join(out, `rating-${i + 1}-${translit(name)}.png`);
    await page.screenshot({ path: file });
    files.push(file);
  }
  await page.close();
  return files;
}

/** The Telegram chats at a phone's width. */
export async function telegramScreen(
  htmlFile: string,
  browser: Browser,
  out: string,
): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 }, locale: 'ru-RU' });
  await page.goto(`file://${htmlFile}`);
  const file = join(out, 'telegram.png');
  await page.screenshot({ path: file, fullPage: false });
  // the first April morning: the quarter's results, last month's final, the Monday and daily posts
  const april = page.locator('.msg', { hasText: 'Итоги квартала' }).first();
  if (await april.count()) {
    await april.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -80));
    await page.screenshot({ path: join(out, 'telegram-quarter.png') });
  }
  await page.close();
  return file;
}

function translit(name: string): string {
  const map: Record<string, string> = {
    Неделя: 'week',
    Месяц: 'month',
    Квартал: 'quarter',
    'Зал славы': 'hall',
    История: 'history',
    Разбор: 'explain',
  };
  return map[name] ?? name.replace(/[^\w]+/g, '-').toLowerCase();
}
