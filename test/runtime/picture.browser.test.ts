/**
 * A screenshot of the HTML picture in Chromium shows the colours the conditional rules dictate.
 * The PNG is kept in out/screenshots/ to be looked at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { spreadsheetToHtml } from '../../dev/gas';
import { describeInBrowser, launchChromium } from '../support/browser';
import { newRuntime, runScript } from '../support/gas';
import { TRAFFIC_LIGHT_SHEET } from '../support/sheets';

const OUT = join(__dirname, '..', '..', 'out', 'screenshots');
describeInBrowser('HTML picture in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('green, yellow and red cells appear where the rules say', async () => {
    const rt = newRuntime();
    runScript(rt, TRAFFIC_LIGHT_SHEET);
    await rt.close();
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'traffic-light.html');
    writeFileSync(
      file,
      spreadsheetToHtml(rt.spreadsheet, { sheets: ['Неделя'], title: 'Рейтинг (проверка правил)' }),
    );
    const page = await browser.newPage({ viewport: { width: 900, height: 520 } });
    await page.goto(`file://${file}`);
    const colour = (cell: string) =>
      page
        .locator(`td[data-cell="${cell}"]`)
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await colour('C2')).toBe('rgb(183, 225, 205)'); // #b7e1cd green
    expect(await colour('C3')).toBe('rgb(252, 232, 178)'); // #fce8b2 yellow
    expect(await colour('C4')).toBe('rgba(0, 0, 0, 0)'); // no rule matched
    expect(await colour('D4')).toBe('rgb(244, 199, 195)'); // #f4c7c3 red
    const png = await page.screenshot({ fullPage: true });
    writeFileSync(join(OUT, 'traffic-light.png'), png);
    // the pixel in the middle of C2 on the screenshot is green too
    const box = await page.locator('td[data-cell="C2"]').boundingBox();
    const pixel = await page.evaluate(
      async ({ b64, x, y }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d');
        if (!ctx) return [];
        ctx.drawImage(img, 0, 0);
        return Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
      },
      {
        b64: png.toString('base64'),
        x: Math.round((box?.x ?? 0) + 4),
        y: Math.round((box?.y ?? 0) + (box?.height ?? 0) / 2),
      },
    );
    expect(pixel).toEqual([183, 225, 205]);
    await page.close();
  });
});
