/**
 * Forgiving, precise inputs, walked as a sales head walks them: the built sidebar and plans
 * dialog in Chromium through the page harness, by typing, clicking and pasting only. Each
 * journey asserts what the person wanted — the value stored as they meant it, the plan kept, the
 * mapping back — and that each message names the real reason with the value as typed and goes
 * once it is no longer true. Pictures of the plans dialog and of a section with an error go to
 * out/. Facts: docs/rules.md §3.2.1, §6.1.
 */
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { FakeClock, type GasRuntime } from '../../dev/gas';
import { PageHarness } from '../../dev/gas/page-harness';
import type { Settings } from '../../src/settings/schema';
import { describeInBrowser } from '../support/browser';
import { NOW, setUpRuntime } from '../support/fixture-account';
import { OUT, openPlans, openSection, sampleInBrowser } from '../support/sample-in-browser';
import { openSidebar as openSidebarIn, syncedSample } from '../support/set-up-rating';
import { readSettings } from '../support/settings-io';

const MENU = 'Рейтинг менеджеров';
const NOT_A_NUMBER = (typed: string) =>
  `«${typed}» — не число: пишите цифрами, например 1 300 или 0,5.`;

describeInBrowser('journeys: forgiving, precise inputs', () => {
  const set = sampleInBrowser({ clipboard: true });
  const harnessFor = (rt: GasRuntime): Promise<PageHarness> => set.harnessFor(rt, 5);

  /** The sample account (3 rated managers), synced, on Monday 16 March 2026. */
  const connected = (opts: Parameters<typeof syncedSample>[1] = {}): GasRuntime =>
    syncedSample(set.emu, opts);

  const openSidebar = (rt: GasRuntime, h: PageHarness): Promise<{ page: Page; frame: Frame }> =>
    openSidebarIn(rt, h, { sidebarHeight: 1400 });

  const stored = (rt: GasRuntime): Settings => readSettings(rt);
  const errorsOf = (frame: Frame, section: string) =>
    frame.locator(`#sec-${section} .error`).allTextContents();

  /**
   * Pastes `text` as the clipboard holds it after a copy in a spreadsheet (copied in the host
   * page: Google's sandboxed frame may not write the clipboard, but a paste into it reads it).
   */
  async function pasteInto(page: Page, target: ReturnType<Frame['locator']>, text: string) {
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await target.focus();
    await target.press('Control+V');
  }

  test('norms: each refusal names the real reason with the value as typed, goes once fixed; percent is stored as the fraction; the red list follows the norms', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    const { page, frame } = await openSidebar(rt, h);
    await openSection(frame, 'norms');
    const green = frame.getByLabel('Зелёный, если темп не ниже, %');
    const share = frame.getByRole('textbox', { name: 'доля не больше (%)' });
    const overdue = frame.getByLabel('Просроченных задач не больше');

    await green.fill('abc');
    await share.fill('150');
    await overdue.fill('2.5');
    await frame.waitForSelector('#sec-norms .error');
    expect(await errorsOf(frame, 'norms')).toEqual([
      NOT_A_NUMBER('abc'),
      'Здесь нужно целое число, а не «2,5».',
      'Доля отказов — от 0 до 100 %, а не «150».',
    ]);
    await page.locator('iframe').screenshot({ path: join(OUT, 'inputs-norms-errors.png') });
    // nothing is saved while anything is wrong
    await frame.locator('#save-norms').click();
    await frame.waitForSelector('#sec-norms .status.bad');
    expect(stored(rt).rating.norms.maxLostShare).toBe(0.5);

    // corrected, Russian decimals: each message goes as its field is fixed
    await green.fill('90');
    await overdue.fill('1');
    expect(await errorsOf(frame, 'norms')).toEqual(['Доля отказов — от 0 до 100 %, а не «150».']);
    await share.fill('30,5');
    expect(await errorsOf(frame, 'norms')).toEqual([]);

    // the «who would be red» list, then a norm changed: the list is computed again for it
    await frame.locator('#sec-norms button', { hasText: 'Кто был бы красным' }).click();
    await frame.waitForSelector('#sec-norms .red-list, #sec-norms .status.ok');
    const asked = () => h.calls.filter((c) => c.name === 'previewNorms');
    expect(asked()).toHaveLength(1);
    await overdue.fill('100');
    await overdue.blur();
    await frame.waitForFunction(() => !document.querySelector('#sec-norms .stale'));
    for (let i = 0; i < 40 && asked().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(asked()).toHaveLength(2);
    expect(JSON.stringify(asked()[1]?.args)).toContain('"maxOverdueTasks":100');

    await frame.locator('#save-norms').click();
    await frame.waitForSelector('#sec-norms .status.ok');
    const r = stored(rt).rating;
    expect([r.thresholds.green, r.norms.maxLostShare, r.norms.maxOverdueTasks]).toEqual([
      0.9, 0.305, 100,
    ]);
    // shown again in percent, the Russian way
    const again = await openSidebar(rt, h);
    await openSection(again.frame, 'norms');
    expect(
      await again.frame.getByRole('textbox', { name: 'доля не больше (%)' }).inputValue(),
    ).toBe('30,5');
  });

  test('points: «1e3» is not a number; a date Chromium empties (31 February cannot be picked) asks for a date; the preview follows a save', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    const { frame } = await openSidebar(rt, h);
    await openSection(frame, 'points');
    const won = frame.locator('#sec-points .two-col').getByLabel('Успешно закрыто');
    await won.fill('1e3');
    await frame.waitForSelector('#sec-points .two-col .error');
    expect(await frame.locator('#sec-points .two-col .error').allTextContents()).toEqual([
      NOT_A_NUMBER('1e3'),
    ]);
    expect(await frame.locator('#add-points').isDisabled()).toBe(true);
    await won.fill('1 000,5');
    expect(await frame.locator('#sec-points .two-col .error').count()).toBe(0);
    // a date field lets nobody type 31 February: Chromium empties it; the page asks for a date
    const from = frame.getByLabel('Начинают действовать с');
    await from.fill('');
    expect(await frame.locator('#sec-points .error').allTextContents()).toEqual(['Укажите дату.']);
    await from.fill('2026-04-01');
    await frame.locator('#sec-points button', { hasText: 'Предпросмотр' }).click();
    await frame.waitForSelector('#sec-points table.preview');
    await frame.locator('#add-points').click();
    await frame.locator('#save-points').click();
    await frame.waitForSelector('#sec-points .status.ok');
    // the preview compares with the points saved now: computed again after the save
    const names = () => h.calls.map((c) => c.name);
    for (
      let i = 0;
      i < 40 && names().lastIndexOf('previewPoints') < names().indexOf('saveSettingsPart');
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    expect(names().lastIndexOf('previewPoints')).toBeGreaterThan(
      names().indexOf('saveSettingsPart'),
    );
    await frame.waitForFunction(() => !document.querySelector('#sec-points .stale'));
    expect(stored(rt).rating.points.find((p) => p.from === '2026-04-01')?.values.won).toBe(1000.5);
  });

  test('pipelines: unticked and ticked again, a pipeline keeps its stage mapping', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    const { frame } = await openSidebar(rt, h);
    await openSection(frame, 'pipelines');
    const held = () =>
      frame
        .getByLabel('Этап «Встреча проведена»')
        .evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
    const mapped = await held();
    expect(mapped).not.toBe('— не учитывать —');
    const sales = frame
      .locator('#sec-pipelines label.check', { hasText: 'Продажи' })
      .locator('input');
    await sales.uncheck();
    await frame.waitForSelector('#sec-pipelines .error');
    await sales.check();
    expect(await held()).toBe(mapped);
    // nothing to save: the draft is the saved settings again
    expect(await frame.locator('#sec-pipelines summary .dirty').count()).toBe(0);
    expect(await frame.locator('#sec-pipelines .error').count()).toBe(0);
  });

  test('the bottom watch: N must be below the rated managers, said with the reason; nothing saved', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    const { frame } = await openSidebar(rt, h);
    await openSection(frame, 'head');
    const size = frame.getByLabel('Нижние места недели');
    await size.fill('25');
    await frame.waitForSelector('#sec-head .error');
    expect(await errorsOf(frame, 'head')).toEqual([
      'Число нижних мест должно быть меньше числа менеджеров в рейтинге (3), иначе внизу окажутся все; сейчас «25».',
    ]);
    await frame.locator('#save-head').click();
    await frame.waitForSelector('#sec-head .status.bad');
    expect(stored(rt).rating.bottomWatch.size).toBe(3);
    await size.fill('2,5');
    expect(await errorsOf(frame, 'head')).toEqual(['Здесь нужно целое число, а не «2,5».']);
    await size.fill('2');
    await frame.locator('#save-head').click();
    await frame.waitForSelector('#sec-head .status.ok');
    expect(stored(rt).rating.bottomWatch.size).toBe(2);
  });

  test('plans: pastes by «Фамилия Имя», lists who was not found, keeps blank cells in place, pastes straight into a cell and onto a month', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    const { page, frame } = await openPlans(rt, h);
    const cell = (name: string, month: string) => frame.getByLabel(`${name}, ${month}, баллы`);
    const names = await frame.locator('tbody th.name').allTextContents();
    expect(names).toEqual(['Анна Смирнова', 'Борис Петров', 'Вера <Отдел & Ко>']);

    // the panel: surname first, a thousands comma, a Russian decimal, one unknown name
    await frame.locator('thead th').nth(3).getByText('Вставить', { exact: true }).click();
    await frame
      .locator('.tool-panel textarea')
      .fill('Менеджер\tПлан\nСмирнова Анна\t1 300,5\nПетров Борис\t1,300\nИванов Пётр\t900\n');
    await frame.locator('.tool-panel button', { hasText: 'Вставить' }).click();
    expect(await frame.locator('.footer .status').textContent()).toBe(
      'Вставлено значений: 2. Не нашлись менеджеры «Иванов Пётр» — их строки не вставлены, проверьте имена.',
    );
    expect(await cell('Анна Смирнова', 'апрель 2026').inputValue()).toBe('1300,5');
    expect(await cell('Борис Петров', 'апрель 2026').inputValue()).toBe('1300');

    // straight into a cell: a column with a blank cell fills down from it, nothing moves up
    await cell('Борис Петров', 'май 2026').fill('777');
    await pasteInto(page, cell('Анна Смирнова', 'май 2026'), '1000\n\n900\n');
    expect(await Promise.all(names.map((n) => cell(n, 'май 2026').inputValue()))).toEqual([
      '1000',
      '',
      '900',
    ]);

    // onto a month's header: «name<Tab>number» rows
    await pasteInto(
      page,
      frame.locator('thead th.month', { hasText: 'март 2026' }),
      'Петров Борис\t95\nВера <Отдел & Ко>\t60\n',
    );
    expect(await cell('Борис Петров', 'март 2026').inputValue()).toBe('95');
    expect(await cell('Вера <Отдел & Ко>', 'март 2026').inputValue()).toBe('60');

    await page.locator('iframe').screenshot({ path: join(OUT, 'inputs-plans-dialog.png') });
    await frame.locator('#save-plans').click();
    await frame.waitForSelector('.footer .status.ok');
    const plans = stored(rt).rating.plans;
    const planOf = (month: string, userId: number) =>
      plans.find((p) => p.month === month && p.userId === userId)?.points;
    expect([planOf('2026-04', 501), planOf('2026-04', 502), planOf('2026-04', 503)]).toEqual([
      1300.5,
      1300,
      undefined,
    ]);
    expect([planOf('2026-05', 501), planOf('2026-05', 502), planOf('2026-05', 503)]).toEqual([
      1000,
      undefined,
      900,
    ]);
    expect([planOf('2026-03', 501), planOf('2026-03', 502), planOf('2026-03', 503)]).toEqual([
      124, 95, 60,
    ]);
  });

  test('plans: an outlier asks first; «Планы сохранены» goes with the next edit; a stored lost-deals plan survives the saves', async () => {
    const rt = connected({
      rating: {
        plans: [
          { month: '2026-03', userId: 501, points: 124, figures: { lost: 4 } },
          { month: '2026-03', userId: 502, points: 93 },
          { month: '2026-03', userId: 503, points: 62 },
        ],
      },
    });
    const h = await harnessFor(rt);
    const { frame } = await openPlans(rt, h);
    const cell = (name: string) => frame.getByLabel(`${name}, март 2026, баллы`);
    const dialogs: string[] = [];
    let answer = false;
    frame.page().on('dialog', (d) => {
      dialogs.push(d.message());
      void (answer ? d.accept() : d.dismiss());
    });
    await cell('Борис Петров').fill('999 999');
    await frame.locator('#save-plans').click();
    for (let i = 0; i < 40 && !dialogs.length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toContain('Борис Петров, март 2026: «999999» (обычно около 124)');
    expect(stored(rt).rating.plans.find((p) => p.userId === 502)?.points).toBe(93); // not saved

    // the head meant it: confirmed, saved
    answer = true;
    await frame.locator('#save-plans').click();
    await frame.waitForSelector('.footer .status.ok');
    expect(dialogs).toHaveLength(2);
    const saved = stored(rt).rating.plans;
    expect(saved.find((p) => p.userId === 502)?.points).toBe(999999);
    expect(saved.find((p) => p.userId === 501)?.figures).toEqual({ lost: 4 });

    // «Планы сохранены» is no longer true once the grid changes
    await cell('Борис Петров').fill('130');
    expect(await frame.locator('.footer .status').count()).toBe(0);
    expect(await frame.locator('.dirty').count()).toBe(1);
    // a plan like the others: saved without a question, the lost-deals plan still there
    await frame.locator('#save-plans').click();
    await frame.waitForSelector('.footer .status.ok');
    expect(dialogs).toHaveLength(2);
    const after = stored(rt).rating.plans;
    expect(after.find((p) => p.userId === 502)?.points).toBe(130);
    expect(after.find((p) => p.userId === 501)?.figures).toEqual({ lost: 4 });
  });

  test("plans: in a quarter's third month the quarter plan counts its first month, which the grid does not show", async () => {
    // the plans for January and February were saved in January; now it is 16 March
    const clock = new FakeClock('2026-01-20T06:00:00Z');
    const { rt } = setUpRuntime(set.emu, {
      clock,
      rating: {
        plans: [
          { month: '2026-01', userId: 501, points: 100 },
          { month: '2026-02', userId: 501, points: 110 },
          { month: '2026-03', userId: 501, points: 124 },
        ],
      },
    });
    clock.set(NOW);
    rt.open();
    const h = await harnessFor(rt);
    const { frame } = await openPlans(rt, h);
    const months = await frame
      .locator('thead th:not(.name):not(.derived) > div:first-child')
      .allTextContents();
    expect(months).not.toContain('январь 2026');
    const anna = frame.locator('tbody tr', { hasText: 'Анна Смирнова' });
    expect(await anna.locator('td.derived').nth(1).textContent()).toBe('334');
  });

  test('a refused connection: its message goes as soon as the address is corrected', async () => {
    const { rt } = setUpRuntime(set.emu, { sampleSettings: false });
    rt.run('disconnectAmo', [], 'client');
    rt.open();
    const h = await harnessFor(rt);
    rt.clickMenu(MENU, 'Настройки');
    const { frame } = await h.open(rt.ui.pages.at(-1)!);
    await frame.waitForSelector('.wizard');
    const address = frame.getByLabel('Адрес аккаунта');
    // a slip in the account's name: amoCRM knows no account «nosuch», the connection is refused
    await address.fill('nosuch');
    await frame.getByLabel('Токен', { exact: true }).fill(set.emu.token);
    await frame.locator('#connect').click();
    const refusal = frame.locator('.connection .status.bad');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/[а-яё]/i);
    await address.fill('demo.amocrm.ru');
    expect(await refusal.count()).toBe(0);
    await frame.locator('#connect').click();
    await frame.waitForSelector('text=Подключено: ');
  });
});
