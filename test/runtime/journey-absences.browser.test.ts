/**
 * A vacation, walked as a sales head walks it: in the plans dialog (the built page in Chromium
 * through the page harness) the head types Анна's vacation, saves, refreshes, and the Месяц
 * sheet marks her name, says why in the note and judges her against the plan of the days she
 * works. Then the working calendar in «Расписание и язык»: a date typed wrong is refused in words,
 * a day added and removed. A picture of Месяц goes to out/. Facts: docs/rules.md §3.2.9–§3.2.10.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { spreadsheetToHtml, type GasRuntime } from '../../dev/gas';
import type { PageHarness } from '../../dev/gas/page-harness';
import { describeInBrowser } from '../support/browser';
import { rowOf, sheetValues } from '../support/fixture-account';
import { OUT, openPlans, openSection, sampleInBrowser } from '../support/sample-in-browser';
import { openSidebar as openSidebarIn, syncedSample } from '../support/set-up-rating';
import { readSettings } from '../support/settings-io';
import { withoutMarks } from '../oracle/sheets';

const MENU = 'Рейтинг менеджеров';

describeInBrowser('journey: a vacation and the working calendar', () => {
  const set = sampleInBrowser();

  /** The sample account (3 rated managers, March plans 124, 93, 62), synced, on 16 March 2026. */
  async function connected(): Promise<{ rt: GasRuntime; h: PageHarness }> {
    const rt = syncedSample(set.emu);
    return { rt, h: await set.harnessFor(rt, 7) };
  }

  const openSidebar = async (rt: GasRuntime, h: PageHarness): Promise<Frame> =>
    (await openSidebarIn(rt, h, { sidebarHeight: 1400 })).frame;

  test('the head types a vacation, saves, refreshes: Месяц marks the name, notes why, prorates the plan', async () => {
    const { rt, h } = await connected();
    const before = rowOf(sheetValues(rt, 'Месяц'), 'Анна Смирнова');
    expect(before.slice(3, 6)).toEqual([69.4, 124, 69.4 / 124]);

    const { page, frame } = await openPlans(rt, h);
    const panel = frame.locator('section.absences');
    await panel.locator('#abs-manager').selectOption({ label: 'Анна Смирнова' });
    // a mistake first: the end before the start is refused in words, nothing is added
    await panel.locator('#abs-from').fill('06.03.2026');
    await panel.locator('#abs-to').fill('02.03.2026');
    await panel.locator('#abs-add').click();
    expect(await panel.locator('.status.bad').textContent()).toBe(
      'Отсутствие кончается (02.03.2026) раньше, чем начинается (06.03.2026).',
    );
    // a date that does not exist
    await panel.locator('#abs-from').fill('31.02.2026');
    await panel.locator('#abs-add').click();
    expect(await panel.locator('.status.bad').textContent()).toBe(
      'Дата пишется как ДД.ММ.ГГГГ, например 31.12.2026, а не «31.02.2026».',
    );
    await panel.locator('#abs-from').fill('02.03.2026');
    await panel.locator('#abs-to').fill('06.03.2026');
    await panel.locator('#abs-add').click();
    expect(await panel.locator('.abs-list li').first().textContent()).toContain(
      'Анна Смирнова: отпуск 02.03.2026 – 06.03.2026',
    );
    // an overlapping one for the same manager is refused
    await panel.locator('#abs-from').fill('05.03.2026');
    await panel.locator('#abs-to').fill('10.03.2026');
    await panel.locator('#abs-add').click();
    expect(await panel.locator('.status.bad').textContent()).toBe(
      'Два отсутствия одного менеджера пересекаются: 02.03.2026–06.03.2026 и 05.03.2026–10.03.2026.',
    );
    expect(await frame.locator('.toolbar .dirty').count()).toBe(1);
    await page.locator('iframe').screenshot({ path: join(OUT, 'absences-plans-dialog.png') });
    await frame.locator('#save-plans').click();
    await frame.waitForSelector('.footer .status.ok');
    expect(readSettings(rt).rating.absences).toEqual([
      { userId: 501, kind: 'vacation', from: '2026-03-02', to: '2026-03-06' },
    ]);

    rt.clickMenu(MENU, 'Обновить сейчас');
    const month = sheetValues(rt, 'Месяц');
    // March 2026 has 21 working days (9 March is the day off for 8 March); away 2–6 March, Анна
    // works 16: 124 × 16/21 = 94.476… → 94.48
    const anna = rowOf(month, 'Анна Смирнова 🌴');
    expect(anna.slice(3, 6)).toEqual([69.4, 94.48, 69.4 / 94.48]);
    // pace on 16 March 09:00: she worked 10–13 March and 9 hours of the 16th, 4.375 days of
    // 124/21 points each: 25.83 due; 69.4 / 25.83 = 2.69
    expect(Number(anna[6])).toBeCloseTo(69.4 / ((124 / 21) * 4.375), 3);
    // Борис, not away, keeps his plan
    expect(rowOf(month, 'Борис Петров')[4]).toBe(93);
    const sheet = rt.spreadsheet.sheets.find((s) => s.name === 'Месяц');
    const r = month.findIndex(
      (row) => typeof row[2] === 'string' && withoutMarks(row[2]) === 'Анна Смирнова 🌴',
    );
    // 16 of 21 working days: 76 %
    expect(sheet?.rows[r]?.[2]?.note).toContain('отпуск 2–6 марта, план 76 %');
    // her forecast projects over her own working days, as her plan and pace do: March's 21
    // less the 5 away = 16, of which 4 (10–13 March) are over before the 16th: 69.4 ÷ 4 × 16
    // = 277.6, against her plan of 94.48 (the account's 9 of 21 would say 69.4 ÷ 9 × 21 = 161.9)
    const title = month.findIndex((row) => String(row[0]).startsWith('Прогноз на конец периода'));
    const forecast = month.slice(title).find((row) => row[2] === 'Анна Смирнова');
    expect(forecast?.slice(3, 6)).toEqual([277.6, 94.48, 277.6 / 94.48]);
    // the week 9–15 March is untouched by a vacation that ended on the 6th: no mark there
    expect(rowOf(sheetValues(rt, 'Неделя'), 'Анна Смирнова')[4]).toBe(23.62);

    const file = join(OUT, 'month-vacation.html');
    writeFileSync(file, spreadsheetToHtml(rt.spreadsheet, { sheets: ['Месяц'], title: 'Месяц' }));
    const pic = await set.browser.newPage({ viewport: { width: 1400, height: 520 } });
    await pic.goto(`file://${file}`);
    writeFileSync(join(OUT, 'month-vacation.png'), await pic.screenshot({ fullPage: true }));
    await pic.close();
  });

  test('the working calendar: a date typed wrong is refused in words; a day added, saved, removed', async () => {
    const { rt, h } = await connected();
    const side = await openSidebar(rt, h);
    await openSection(side, 'schedule');
    const box = side.locator('.calendar-days');
    await box.locator('input[type="text"]').fill('30.02.2026');
    await box.locator('#calendar-add').click();
    expect(await box.locator('.error').textContent()).toBe(
      'Дата пишется как ДД.ММ.ГГГГ, например 31.12.2026, а не «30.02.2026».',
    );
    await box.locator('input[type="text"]').fill('13.03.2026');
    await box.locator('#calendar-add').click();
    expect(await box.locator('.calendar-edits li').first().textContent()).toContain(
      '13.03.2026 — выходной',
    );
    // the same day again is refused
    await box.locator('input[type="text"]').fill('13.03.2026');
    await box.locator('#calendar-add').click();
    expect(await box.locator('.error').textContent()).toBe(
      'День 13.03.2026 уже есть в списке изменений календаря.',
    );
    await box.screenshot({ path: join(OUT, 'calendar-days.png') });
    await side.locator('#save-schedule').click();
    await side.waitForSelector('#sec-schedule .status.ok');
    expect(readSettings(rt).rating.calendarDays).toEqual([{ day: '2026-03-13', off: true }]);
    // the refresh follows it (a published week stays as published; the running month moves):
    // March now has 20 working days, and by 16 March 09:00 8.375 of them have passed (2–6,
    // 10–12 March, 9 hours of the 16th): Анна's pace 69.4 / (124 × 8.375/20) = 1.34, was 1.25
    rt.clickMenu(MENU, 'Обновить сейчас');
    const pace = Number(rowOf(sheetValues(rt, 'Месяц'), 'Анна Смирнова')[6]);
    expect(pace).toBeCloseTo(69.4 / ((124 * 8.375) / 20), 3);
    await box.locator('.calendar-edits button').first().click();
    expect(await box.locator('.calendar-edits').count()).toBe(0);
    await side.locator('#save-schedule').click();
    await side.waitForSelector('#sec-schedule .status.ok');
    expect(readSettings(rt).rating.calendarDays).toEqual([]);
  });

  test('the refresh during the day: ticked and saved in «Расписание и язык», Неделя shows «Сегодня»; unticked, it goes', async () => {
    const { rt, h } = await connected();
    const today = () =>
      sheetValues(rt, 'Неделя').find((r) => String(r[0]).startsWith('Сегодня, 16.03'));
    expect(today()).toBeUndefined();
    const side = await openSidebar(rt, h);
    await openSection(side, 'schedule');
    await side.locator('#schedule-toggle').click();
    await side.waitForSelector('.status-bar .next:not(:has-text("выключено"))');
    expect(await side.locator('.status-bar .live-next').count()).toBe(0);
    await side.locator('#live-on').check();
    await side.locator('#save-schedule').click();
    await side.waitForSelector('#sec-schedule .status.ok');
    expect(readSettings(rt).live).toMatchObject({ on: true, from: 10, to: 19 });
    // the status bar says when the day's next refresh comes: 16 March, 09:00 → the 10 o'clock tick
    expect(await side.locator('.status-bar .live-next').textContent()).toBe('сегодня, 10:00–11:00');
    await side.locator('.status-bar').screenshot({ path: join(OUT, 'status-bar-live.png') });
    rt.clickMenu(MENU, 'Обновить сейчас');
    expect(today()).toBeDefined();
    await side.locator('#live-on').uncheck();
    await side.locator('#save-schedule').click();
    await side.waitForSelector('#sec-schedule .status.ok');
    // the line goes with the setting (waited for: the first save's «Сохранено» is still shown)
    await side.waitForSelector('.status-bar .live-next', { state: 'detached' });
    expect(readSettings(rt).live.on).toBe(false);
    rt.clickMenu(MENU, 'Обновить сейчас');
    expect(today()).toBeUndefined();
  });
});
