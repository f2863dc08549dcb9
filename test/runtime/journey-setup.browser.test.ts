/**
 * A sales head's journeys through the built sidebar in Chromium, by typing and clicking only
 * (the page harness bridges google.script.run to the local runtime; nothing is called on the
 * server from the test once the journey starts). Each asserts what the head wanted: the rating
 * refreshed and posted on its own, an edit kept, two people's saves both kept.
 * (a) from nothing, through every step of the wizard; (b) leaving unsaved edits; (e) two people.
 */
import type { Browser, BrowserContext, Frame } from 'playwright-core';
import { FakeClock, GasRuntime } from '../../dev/gas';
import { PageHarness } from '../../dev/gas/page-harness';
import type { Settings } from '../../src/settings/schema';
import { describeInBrowser, launchChromium } from '../support/browser';
import { startTelegramEmulator } from '../support/emulators';
import { NOW, setUpRuntime, sheetValues, startFixtureEmulator } from '../support/fixture-account';
import { readSettings } from '../support/settings-io';

jest.setTimeout(180_000);

const MENU = 'Рейтинг менеджеров';
const HEAD = 'head@sales.example';
const DEPUTY = 'deputy@sales.example';

describeInBrowser('journeys through the sidebar', () => {
  let browser: Browser;
  let emu: Awaited<ReturnType<typeof startFixtureEmulator>>;
  const contexts: BrowserContext[] = [];
  const harnesses: PageHarness[] = [];
  const runtimes: GasRuntime[] = [];

  beforeAll(async () => {
    emu = await startFixtureEmulator();
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const h of harnesses) await h.stop();
    await browser?.close();
    for (const rt of runtimes) await rt.close();
    await emu?.stop();
  });

  /** One person at one computer: their own browser context and pages, their calls as them. */
  async function person(rt: GasRuntime, user?: string): Promise<PageHarness> {
    const context = await browser.newContext({ locale: 'ru-RU' });
    contexts.push(context);
    const h = new PageHarness(rt, context, { seed: 7, user });
    await h.start();
    harnesses.push(h);
    if (!runtimes.includes(rt)) runtimes.push(rt);
    return h;
  }

  async function openSidebar(rt: GasRuntime, h: PageHarness, user = rt.user): Promise<Frame> {
    rt.clickMenu(MENU, 'Настройки', user);
    const shown = rt.ui.pages.at(-1);
    if (shown?.kind !== 'sidebar') throw new Error('no sidebar shown');
    const { frame } = await h.open(shown, { sidebarHeight: 1400 });
    await frame.waitForSelector('.sections, .wizard');
    return frame;
  }

  /** waits for something the page's call makes happen in the runtime */
  async function until(cond: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(cond()).toBe(true);
  }

  const stepName = (frame: Frame) => frame.locator('.wizard .step-name').textContent();

  async function next(frame: Frame, expected: string): Promise<void> {
    await frame.locator('#wizard-next').click();
    await frame.locator('.wizard .step-name', { hasText: expected }).waitFor();
  }

  test('(a) from nothing: the wizard connects, keeps the points typed, plans, sets up Telegram and the schedule; the next day refreshes and posts on its own', async () => {
    const tg = await startTelegramEmulator();
    try {
      // a spreadsheet with the product installed and nothing else: no connection, no settings
      const rt = new GasRuntime({
        clock: new FakeClock(NOW), // Monday 16 March 2026, 09:00 in Moscow
        routes: [
          { host: /\.amocrm\.ru$/, target: emu.url, forwardClock: true },
          { host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true },
        ],
      });
      rt.open();
      const h = await person(rt);
      const frame = await openSidebar(rt, h);

      // 1 · connection
      expect(await stepName(frame)).toBe('Шаг 1 из 6 · Подключение');
      await frame.getByLabel('Адрес аккаунта').fill('demo');
      await frame.getByLabel('Токен', { exact: true }).fill(emu.token);
      await frame.locator('#connect').click();
      await frame.waitForSelector('.connection .facts .mono');
      await next(frame, 'Шаг 2 из 6 · Воронки и этапы');

      // 2 · pipelines as found; 3 · the head's own points, typed and taken by «Далее»
      await next(frame, 'Шаг 3 из 6 · Баллы');
      expect(await frame.locator('#sec-points h4').first().textContent()).toBe(
        'Ваши баллы за этапы',
      );
      expect(await frame.locator('#sec-points').textContent()).not.toContain('Новые баллы');
      await frame.locator('#sec-points').getByLabel('Успешно закрыто').fill('40');
      await next(frame, 'Шаг 4 из 6 · Планы');
      const points = readSettings(rt).rating.points;
      expect(points).toHaveLength(1);
      expect(points[0]?.values.won).toBe(40);

      // 4 · plans, in the dialog the step opens
      await frame.locator('#open-plans').click();
      await until(() => rt.ui.pages.at(-1)?.kind === 'modal');
      const dialog = (await h.open(rt.ui.pages.at(-1)!)).frame;
      await dialog.waitForSelector('table.plans-grid');
      const march = dialog.locator('thead th', { hasText: 'март 2026' });
      await march.getByText('Заполнить').click();
      await dialog.locator('.tool-panel input').fill('1000');
      await dialog.locator('.tool-panel button', { hasText: 'Заполнить' }).click();
      await dialog.locator('#save-plans').click();
      await dialog.waitForSelector('.footer .status.ok');
      const marchPlans = readSettings(rt).rating.plans.filter((p) => p.month === '2026-03');
      expect(marchPlans.length).toBeGreaterThan(0);
      expect(marchPlans.every((p) => p.points === 1000)).toBe(true);

      // 5 · Telegram: optional, said so; the bot, its chats, the posting hour
      await next(frame, 'Шаг 5 из 6 · Telegram');
      expect(await frame.locator('.wizard .optional').textContent()).toContain('позже');
      expect(await frame.locator('#wizard-next').textContent()).toBe('Пропустить: настрою позже');
      await frame.getByLabel('Токен бота').fill(tg.token);
      await frame.locator('#tg-connect').click();
      await frame.waitForSelector('#sec-telegram .facts');
      await frame.locator('#sec-telegram button', { hasText: 'Найти чаты' }).click();
      await frame.waitForSelector('#sec-telegram .status.ok');
      await frame.getByLabel('Группа отдела (публикации рейтинга)').selectOption(String(tg.chatId));
      await frame.getByLabel(/Личный чат руководителя/).selectOption(String(tg.headId));
      await frame.getByLabel('Час публикации').selectOption('10');
      expect(await frame.locator('#wizard-next').textContent()).toBe('Далее');
      await next(frame, 'Шаг 6 из 6 · Расписание и язык');
      const t = readSettings(rt).telegram;
      expect([t.groupChatId, t.headChatId, t.hour]).toEqual([tg.chatId, tg.headId, 10]);

      // 6 · the schedule, turned on by the last button
      await frame.getByLabel('Обновлять каждый день в').selectOption('7');
      expect(rt.triggerList()).toEqual([]);
      await frame.locator('#wizard-next', { hasText: 'Готово: включить расписание' }).click();
      await frame.locator('.sections > .status.ok').waitFor();
      expect(rt.triggerList().map((x) => x.handler)).toEqual(['schedulerTick']);
      // the status bar above the sections says so too: the schedule on, the group chosen
      const bar = frame.locator('dl.status-bar');
      expect(await bar.locator('dd.next').textContent()).not.toContain('выключено');
      expect(await bar.locator('dd.tg').textContent()).not.toBe('не подключён');

      // nobody touches anything: the next morning's refresh publishes, the posting hour posts
      rt.advanceTo('2026-03-17T04:30:00Z'); // Tuesday 07:30 in Moscow
      expect(rt.triggerFailures).toEqual([]);
      const week = sheetValues(rt, 'Неделя').map((r) => r.join(' '));
      expect(week.find((r) => r.startsWith('Данные amoCRM на'))).toContain('17.03.2026');
      expect(week.some((r) => r.includes('Анна Смирнова'))).toBe(true);
      const groupPosts = async (after: number) => {
        const log = await tg.control<{
          transcript: Array<{
            at: number;
            method: string;
            chatId?: string;
            ok: boolean;
            text?: string;
          }>;
        }>('transcript');
        return log.transcript.filter(
          (x) =>
            x.method === 'sendmessage' && x.ok && x.chatId === String(tg.chatId) && x.at >= after,
        );
      };
      const tuesday10 = Date.parse('2026-03-17T07:00:00Z');
      expect(await groupPosts(tuesday10)).toEqual([]);
      rt.advanceTo('2026-03-17T07:30:00Z'); // 10:30
      expect(rt.triggerFailures).toEqual([]);
      const posted = await groupPosts(tuesday10);
      expect(posted.some((x) => x.text?.includes('Рейтинг недели'))).toBe(true);
      expect(posted.some((x) => x.text?.includes('Анна Смирнова'))).toBe(true);
    } finally {
      await tg.stop();
    }
  });

  test('(b) leaving unsaved edits: typed points in the wizard are not dropped on «Далее»; a section closed unsaved says so and the edit is still there to save', async () => {
    // set up before, then disconnected: the wizard runs again, with the points in force kept
    const { rt } = setUpRuntime(emu);
    rt.run('disconnectAmo', [], 'client');
    rt.open();
    const h = await person(rt);
    let frame = await openSidebar(rt, h);
    await frame.getByLabel('Адрес аккаунта').fill('demo');
    await frame.getByLabel('Токен', { exact: true }).fill(emu.token);
    await frame.locator('#connect').click();
    await frame.waitForSelector('.connection .facts .mono');
    await next(frame, 'Шаг 2 из 6');
    await next(frame, 'Шаг 3 из 6 · Баллы');
    const before = readSettings(rt).rating.points;
    // a new version being typed, not added: «Далее» warns and stays, the value still there
    const won = frame.locator('#sec-points .two-col').getByLabel('Успешно закрыто');
    await won.fill('50');
    await frame.getByLabel('Начинают действовать с').fill('2026-04-01');
    await frame.locator('#wizard-next').click();
    const warning = frame.locator('.wizard .status.bad');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('не добавлены');
    expect(await stepName(frame)).toContain('Шаг 3 из 6');
    expect(await won.inputValue()).toBe('50');
    expect(readSettings(rt).rating.points).toEqual(before);
    // added, then «Далее» saves it
    await frame.locator('#add-points').click();
    await next(frame, 'Шаг 4 из 6');
    const april = readSettings(rt).rating.points.find((p) => p.from === '2026-04-01');
    expect(april?.values.won).toBe(50);
    // back, typed again, and the head chooses to go on without it: told, and nothing saved
    await frame.getByText('Назад').click();
    await frame.locator('.wizard .step-name', { hasText: 'Шаг 3 из 6' }).waitFor();
    const withApril = readSettings(rt).rating.points;
    await frame.locator('#sec-points .two-col').getByLabel('Успешно закрыто').fill('70');
    await frame.locator('#wizard-next').click();
    await warning.waitFor();
    await next(frame, 'Шаг 4 из 6');
    expect(await frame.locator('.wizard .status.bad').textContent()).toBe(
      'Новые баллы не добавлены — продолжаем без них.',
    );
    expect(readSettings(rt).rating.points).toEqual(withApril);

    // all sections: a norm edited, the section closed without saving
    await frame.getByText('Показать все разделы').click();
    await frame.waitForSelector('.sections');
    await frame.locator('#sec-norms > summary').click();
    const overdue = frame.getByLabel('Просроченных задач не больше');
    const saved = readSettings(rt).rating.norms.maxOverdueTasks;
    await overdue.fill('3');
    await frame.locator('#sec-norms > summary').click();
    const left = frame.locator('#left-norms');
    await left.waitFor();
    expect(await left.textContent()).toContain('«Нормы и цвета» остались несохранённые изменения');
    expect(await frame.locator('#sec-norms > summary .dirty').count()).toBe(1);
    expect(readSettings(rt).rating.norms.maxOverdueTasks).toBe(saved);
    // back to it: the edit is there, and saving keeps it
    await left.getByText('Открыть раздел').click();
    await frame.waitForSelector('#sec-norms[open]');
    expect(await overdue.inputValue()).toBe('3');
    expect(await left.count()).toBe(0);
    await frame.locator('#save-norms').click();
    await frame.waitForSelector('#sec-norms .status.ok');
    expect(readSettings(rt).rating.norms.maxOverdueTasks).toBe(3);
    // reopened later, the saved value shows
    frame = await openSidebar(rt, h);
    await frame.locator('#sec-norms > summary').click();
    expect(await frame.getByLabel('Просроченных задач не больше').inputValue()).toBe('3');
  });

  test('(e) two people with the sidebar open save different sections: both kept; a save over the other’s newer one is refused in words', async () => {
    const { rt } = setUpRuntime(emu);
    rt.sharing.owner = HEAD;
    rt.sharing.editors.push(DEPUTY);
    rt.user = HEAD;
    rt.open();
    const head = await openSidebar(rt, await person(rt, HEAD), HEAD);
    const deputy = await openSidebar(rt, await person(rt, DEPUTY), DEPUTY);
    const open = async (frame: Frame, id: string) => {
      await frame.locator(`#sec-${id} > summary`).click();
      await frame.waitForSelector(`#sec-${id}[open]`);
    };
    const before: Settings = readSettings(rt);

    // the head changes a norm, the deputy the bottom watch: each saves
    await open(head, 'norms');
    await head.getByLabel('Просроченных задач не больше').fill('4');
    await open(deputy, 'head');
    await deputy.getByLabel('Нижние места недели').fill('2');
    await head.locator('#save-norms').click();
    await head.waitForSelector('#sec-norms .status.ok');
    await deputy.locator('#save-head').click();
    await deputy.waitForSelector('#sec-head .status.ok');
    let s = readSettings(rt);
    expect(s.rating.norms.maxOverdueTasks).toBe(4);
    expect(s.rating.bottomWatch.size).toBe(2);
    expect(s.rating.thresholds).toEqual(before.rating.thresholds);

    // the deputy, on the norms as loaded before the head's save, changes another norm of theirs
    await open(deputy, 'norms');
    expect(await deputy.getByLabel('Просроченных задач не больше').inputValue()).not.toBe('4');
    await deputy.getByLabel('Сделок без задач не больше').fill('7');
    await deputy.getByLabel('Жёлтый, если темп не ниже, %').fill('40');
    await deputy.locator('#save-norms').click();
    const refused = deputy.locator('#sec-norms .status.bad');
    await refused.waitFor();
    expect(await refused.textContent()).toBe(
      'Не сохранено: пока вы правили, эти же настройки сохранил другой пользователь. Закройте это окно и откройте снова — увидите его изменения — и повторите свои.',
    );
    s = readSettings(rt);
    expect(s.rating.norms).toEqual({ ...before.rating.norms, maxOverdueTasks: 4 });
    expect(s.rating.thresholds).toEqual(before.rating.thresholds);
    expect(s.rating.bottomWatch.size).toBe(2);
    // reopened, the deputy sees the head's norm and saves theirs over it
    const again = await openSidebar(rt, harnesses.at(-1)!, DEPUTY);
    await open(again, 'norms');
    expect(await again.getByLabel('Просроченных задач не больше').inputValue()).toBe('4');
    await again.getByLabel('Сделок без задач не больше').fill('7');
    await again.locator('#save-norms').click();
    await again.waitForSelector('#sec-norms .status.ok');
    s = readSettings(rt);
    expect([s.rating.norms.maxOverdueTasks, s.rating.norms.maxLeadsWithoutTasks]).toEqual([4, 7]);
    // the head's page still holds the head's value
    expect(await head.getByLabel('Просроченных задач не больше').inputValue()).toBe('4');
  });
});
