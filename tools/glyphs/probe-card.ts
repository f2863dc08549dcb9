import { writeFileSync } from 'node:fs';
import { spreadsheetToHtml } from '../../dev/gas';
import { setUpRuntime, startFixtureEmulator } from '../../test/support/fixture-account';
import { runScript } from '../../test/support/gas';
import { launchChromium } from '../../dev/chromium';

async function main() {
  const amo = await startFixtureEmulator();
  const { rt } = setUpRuntime(amo);
  rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
  console.log(rt.userEdit(rt.user, 'Карточка менеджера', 2, 2, 'Борис Петров'));
  const v = runScript(rt, `return SpreadsheetApp.getActive().getSheetByName('Карточка менеджера').getRange(1,1,49,4).getDisplayValues();`) as string[][];
  console.log(v.map((r) => r.join(' | ')).join('\n'));
  const bytes = runScript(rt, `return SpreadsheetApp.getActive().getSheetByName('Карточка менеджера').getCharts()[0].getAs('image/png').getBytes();`) as number[];
  writeFileSync('/tmp/cardprobe/chart.png', Buffer.from(bytes.map((b) => b & 255)));
  writeFileSync('/tmp/cardprobe/card.html', spreadsheetToHtml(rt.spreadsheet, { sheets: ['Карточка менеджера'], title: 'card' }));
  const b = await launchChromium();
  const p = await b.newPage({ viewport: { width: 1366, height: 900 } });
  await p.goto('file:///tmp/cardprobe/card.html');
  await p.screenshot({ path: '/tmp/cardprobe/card.png', fullPage: true });
  await b.close();
  await rt.close();
  await amo.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
