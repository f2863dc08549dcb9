/**
 * `npm start`: runs the built bundle in the local Apps Script runtime as a user would — opens
 * the spreadsheet (onOpen builds the menu), clicks through the menu — and writes the
 * spreadsheet as out/smoke.xlsx and out/smoke.html. The rating's main job replaces this once
 * the sync and the rating sheets land.
 */
import { mkdirSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GasRuntime, spreadsheetToHtml, writeXlsx } from './gas';

async function main(): Promise<void> {
  const out = resolve(__dirname, '..', 'out');
  mkdirSync(out, { recursive: true });
  const rt = new GasRuntime();
  try {
    rt.open();
    const menu = rt.ui.menus[0];
    console.log(`Menu "${menu.caption}":`);
    for (const item of menu.items)
      console.log(
        item.separator ? '  ──────────' : `  • ${item.caption}  → ${item.functionName}()`,
      );
    const status = menu.items.find((i) => i.functionName === 'menuStatus');
    if (status) {
      rt.clickMenu(menu.caption, status.caption);
      console.log(`Clicked "${status.caption}": ${rt.ui.alerts.map((a) => a.prompt).join(' | ')}`);
    }
    console.log('Service calls:', JSON.stringify(rt.callCounts()));
    await writeXlsx(rt.spreadsheet, join(out, 'smoke.xlsx'));
    writeFileSync(join(out, 'smoke.html'), spreadsheetToHtml(rt.spreadsheet));
    console.log(`Wrote ${join(out, 'smoke.xlsx')} and ${join(out, 'smoke.html')}`);
  } finally {
    await rt.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
