/**
 * The built sidebar and plans dialog in Chromium, their google.script.run calls bridged to the
 * local runtime (each call its own execution, with Google's serialization rules): the wizard
 * when not connected; each section loads, edits, shows field errors for bad input, saves, and
 * shows the saved values after reopening; secrets never reach the page after they are sent.
 * Facts: docs/rules.md §6.1; docs/services.md §4.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { GasRuntime } from '../../dev/gas';
import { PageHarness } from '../../dev/gas/page-harness';
import type { Settings } from '../../src/settings/schema';
import { describeInBrowser } from '../support/browser';
import { startTelegramEmulator } from '../support/emulators';
import { setUpRuntime, sheetValues } from '../support/fixture-account';
import { openSection, sampleInBrowser } from '../support/sample-in-browser';
import { openSidebar as openSidebarIn, syncedSample } from '../support/set-up-rating';
import { readSettings } from '../support/settings-io';

const MENU = 'Рейтинг менеджеров';

describeInBrowser('the sidebar in Chromium', () => {
  const set = sampleInBrowser();
  const harnessFor = (rt: GasRuntime): Promise<PageHarness> => set.harnessFor(rt, 3);

  /** A connected spreadsheet with the sample's data synced (previews need it). */
  const connected = (): GasRuntime => syncedSample(set.emu);

  /** the sidebar, on its sections or on the wizard */
  const openSidebar = async (rt: GasRuntime, h: PageHarness): Promise<Frame> =>
    (await openSidebarIn(rt, h, { sidebarHeight: 1400, ready: '.sections, .wizard' })).frame;

  const stored = (rt: GasRuntime): Settings => {
    const r = readSettings(rt);
    return r;
  };

  test('not connected: the wizard asks for the account; a wrong domain is refused as typed; the token never comes back', async () => {
    const { rt } = setUpRuntime(set.emu, { sampleSettings: false });
    rt.run('disconnectAmo', [], 'client');
    rt.open();
    const h = await harnessFor(rt);
    // any menu item leads to the wizard while nothing is connected
    rt.clickMenu(MENU, 'Обновить сейчас');
    expect(rt.ui.pages.at(-1)?.kind).toBe('sidebar');
    const { frame } = await h.open(rt.ui.pages.at(-1)!);
    await frame.waitForSelector('.wizard');
    expect(await frame.locator('.wizard .step-name').textContent()).toBe(
      'Шаг 1 из 6 · Подключение',
    );
    const address = frame.getByLabel('Адрес аккаунта');
    await address.fill('acme.amocrm.com');
    await expect(frame.locator('.connection .error').first().textContent()).resolves.toContain(
      'kommo.com',
    );
    expect(await frame.locator('#connect').isDisabled()).toBe(true);
    await address.fill('demo');
    await frame.getByLabel('Токен', { exact: true }).fill(set.emu.token);
    await frame.locator('#connect').click();
    // the answer's message comes first; the connected view follows once the page reloads its data
    await frame.waitForSelector('text=Подключено: ');
    await frame.waitForSelector('.connection .facts .mono');
    // the secret: gone from the page, absent from every answer, shown as its last 4 characters
    const html = await frame.content();
    expect(html).not.toContain(set.emu.token);
    expect(html).toContain(`…${set.emu.token.slice(-4)}`);
    const after = h.calls.filter((c) => c.name !== 'connectAmoWithToken');
    expect(JSON.stringify(after.map((c) => c.answer))).not.toContain(set.emu.token);
    expect(
      JSON.stringify(h.calls.find((c) => c.name === 'connectAmoWithToken')?.answer),
    ).not.toContain(set.emu.token);
    expect(await frame.locator('#wizard-next').isEnabled()).toBe(true);
  });

  /** A connected spreadsheet whose rating is not set up yet: the sidebar opens on the wizard. */
  async function wizardOpen(rt: GasRuntime, h: PageHarness): Promise<Frame> {
    rt.clickMenu(MENU, 'Настройки');
    const { frame } = await h.open(rt.ui.pages.at(-1)!, { sidebarHeight: 1400 });
    await frame.waitForSelector('.wizard');
    return frame;
  }

  async function walkToLastStep(frame: Frame): Promise<void> {
    for (let n = 2; n <= 6; n++) {
      await frame.locator('#wizard-next').click();
      await frame.waitForSelector(`.wizard .step-name >> text=Шаг ${n} из 6`);
    }
  }

  test('the wizard to its end: «Готово» installs one hourly trigger, says when the first refresh comes, and the rating is published after that hour', async () => {
    // 2026-03-16 09:00 in Moscow: the head chooses 11:00, still ahead today
    const { rt } = setUpRuntime(set.emu, { sampleSettings: false });
    rt.open();
    const h = await harnessFor(rt);
    const frame = await wizardOpen(rt, h);
    await walkToLastStep(frame);
    await frame.getByLabel('Обновлять каждый день в').selectOption('11');
    expect(rt.triggerList()).toEqual([]);
    await frame.locator('#wizard-next', { hasText: 'Готово: включить расписание' }).click();
    const done = frame.locator('.sections > .status.ok');
    await done.waitFor();
    expect(await done.textContent()).toContain('Первое обновление — 16.03.2026 11:00');
    expect(h.calls.filter((c) => c.name === 'setSchedule')).toHaveLength(1);
    // exactly one hourly trigger, owned by the head, and the hour stored
    const triggers = rt.triggerList();
    expect(triggers.map((t) => t.handler)).toEqual(['schedulerTick']);
    expect(stored(rt).scheduleHour).toBe(11);
    await openSection(frame, 'schedule');
    expect(await frame.locator('#sec-schedule b.on').textContent()).toBe('включено');
    // nothing published before the hour; after it, the hourly tick refreshes and publishes
    rt.advanceTo('2026-03-16T07:30:00Z');
    expect(rt.spreadsheet.sheets.some((s) => s.name === 'Неделя')).toBe(false);
    rt.advanceTo('2026-03-16T09:30:00Z');
    expect(rt.triggerFailures).toEqual([]);
    expect(sheetValues(rt, 'Неделя').length).toBeGreaterThan(1);
  });

  test('the wizard finished after the hour has come today: the first refresh is within the hour, and it comes', async () => {
    // 09:00 in Moscow, the head keeps 07:00: today's refresh is already due at the next tick
    const { rt } = setUpRuntime(set.emu, { sampleSettings: false });
    rt.open();
    const h = await harnessFor(rt);
    const frame = await wizardOpen(rt, h);
    await walkToLastStep(frame);
    await frame.getByLabel('Обновлять каждый день в').selectOption('7');
    await frame.locator('#wizard-next').click();
    const done = frame.locator('.sections > .status.ok');
    await done.waitFor();
    expect(await done.textContent()).toContain('в течение часа (не позже 16.03.2026 10:00)');
    expect(rt.triggerList().map((t) => t.handler)).toEqual(['schedulerTick']);
    rt.advanceTo('2026-03-16T07:00:00Z');
    expect(sheetValues(rt, 'Неделя').length).toBeGreaterThan(1);
  });

  test("the wizard's «Готово» refused by the server: its words are shown, the wizard stays on the step, no trigger", async () => {
    // the rating was published by the owner; a manager who may edit the file but not the rating
    // sheets runs the wizard: a trigger of theirs could not write the rating, so the server refuses
    const { rt } = setUpRuntime(set.emu, { sampleSettings: false });
    rt.open();
    rt.clickMenu(MENU, 'Обновить сейчас');
    expect(sheetValues(rt, 'Неделя').length).toBeGreaterThan(1);
    const manager = 'manager@sales.example';
    rt.sharing.editors.push(manager);
    rt.user = manager;
    const h = await harnessFor(rt);
    const frame = await wizardOpen(rt, h);
    await walkToLastStep(frame);
    await frame.locator('#wizard-next').click();
    const alert = frame.locator('.wizard .status.bad');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('не можете редактировать');
    expect(await frame.locator('.wizard .step-name').textContent()).toContain('Шаг 6 из 6');
    expect(await frame.locator('#wizard-next').textContent()).toBe('Готово: включить расписание');
    expect(rt.triggerList()).toEqual([]);
  });

  test('connection, once connected: the account and the secret as its last 4 characters; the check answers', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    const frame = await openSidebar(rt, h);
    await openSection(frame, 'connection');
    expect(await frame.locator('#sec-connection .ok-line').textContent()).toContain('Подключено');
    expect(await frame.locator('#sec-connection .facts .mono').textContent()).toBe(
      `…${set.emu.token.slice(-4)}`,
    );
    await frame.locator('#sec-connection button', { hasText: 'Проверить подключение' }).click();
    await frame.waitForSelector('#sec-connection .status.ok');
    expect(await frame.content()).not.toContain(set.emu.token);
    expect(JSON.stringify(h.calls.map((c) => c.answer))).not.toContain(set.emu.token);
  });

  test('telegram: a refused token says so; the bot connects, its chats are found and chosen, a bad top N is marked, the choice saved and shown again; the token never comes back', async () => {
    const tg = await startTelegramEmulator();
    try {
      const rt = connected();
      rt.routes = [
        { host: /\.amocrm\.ru$/, target: set.emu.url, forwardClock: true },
        { host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true },
      ];
      const h = await harnessFor(rt);
      let frame = await openSidebar(rt, h);
      await openSection(frame, 'telegram');
      const tokenField = frame.getByLabel('Токен бота');
      // shaped like a token, but Telegram does not know it
      await tokenField.fill('123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      await frame.locator('#tg-connect').click();
      await frame.waitForSelector('#sec-telegram .status.bad');
      expect(stored(rt).telegram.groupChatId).toBeNull();
      await tokenField.fill(tg.token);
      await frame.locator('#tg-connect').click();
      await frame.waitForSelector('#sec-telegram .facts');
      expect(await frame.locator('#sec-telegram .facts .mono').textContent()).toBe(
        `…${tg.token.slice(-4)}`,
      );
      await frame.locator('#sec-telegram button', { hasText: 'Найти чаты' }).click();
      await frame.waitForSelector('#sec-telegram .status.ok');
      const group = frame.getByLabel('Группа отдела (публикации рейтинга)');
      await group.selectOption(String(tg.chatId));
      await frame.getByLabel(/Личный чат руководителя/).selectOption(String(tg.headId));
      await frame
        .locator('#sec-telegram button', { hasText: 'Отправить тестовое сообщение' })
        .click();
      await frame.waitForSelector('#sec-telegram .status.ok');
      const topN = frame.getByLabel('Показывать в группе только первых');
      await topN.fill('0');
      await frame.waitForSelector('#sec-telegram .error');
      expect(await frame.locator('#save-telegram').isDisabled()).toBe(false);
      await frame.locator('#save-telegram').click();
      await frame.waitForSelector('#sec-telegram .status.bad');
      expect(stored(rt).telegram.groupChatId).toBeNull(); // nothing saved while anything is wrong
      await topN.fill('5');
      await frame.getByLabel('Час публикации').selectOption('10');
      await frame.locator('#save-telegram').click();
      await frame.waitForSelector('#sec-telegram .status.ok');
      const t = stored(rt).telegram;
      expect([t.groupChatId, t.headChatId, t.publicTopN, t.hour]).toEqual([
        tg.chatId,
        tg.headId,
        5,
        10,
      ]);
      // the test message reached the group, in the emulator's own record
      const log = await tg.control<{
        transcript: Array<{ method: string; chatId?: string; ok: boolean }>;
      }>('transcript');
      expect(
        log.transcript.filter(
          (x) => x.method === 'sendmessage' && x.ok && x.chatId === String(tg.chatId),
        ),
      ).toHaveLength(1);
      // reopened: the saved choice, and no token anywhere the page ever saw
      frame = await openSidebar(rt, h);
      await openSection(frame, 'telegram');
      expect(await frame.getByLabel('Группа отдела (публикации рейтинга)').inputValue()).toBe(
        String(tg.chatId),
      );
      expect(await frame.getByLabel('Показывать в группе только первых').inputValue()).toBe('5');
      expect(await frame.content()).not.toContain(tg.token);
      expect(JSON.stringify(h.calls.map((c) => c.answer))).not.toContain(tg.token);
    } finally {
      await tg.stop();
    }
  });

  test('telegram: a bot with a webhook cannot find its chats; the sidebar offers «Удалить webhook», asks first, and then finds them', async () => {
    const tg = await startTelegramEmulator();
    try {
      const rt = connected();
      rt.routes = [
        { host: /\.amocrm\.ru$/, target: set.emu.url, forwardClock: true },
        { host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true },
      ];
      await tg.control('bots/webhook', { token: tg.token, url: 'https://crm.example/telegram' });
      const h = await harnessFor(rt);
      const frame = await openSidebar(rt, h);
      await openSection(frame, 'telegram');
      await frame.getByLabel('Токен бота').fill(tg.token);
      await frame.locator('#tg-connect').click();
      await frame.waitForSelector('#sec-telegram .facts');
      await frame.locator('#sec-telegram button', { hasText: 'Найти чаты' }).click();
      await frame.waitForSelector('#tg-delete-webhook');
      expect(await frame.locator('#sec-telegram .status.bad').last().textContent()).toContain(
        'webhook',
      );
      // the head declines first: nothing is deleted
      frame.page().once('dialog', (d) => void d.dismiss());
      await frame.locator('#tg-delete-webhook').click();
      expect((await tg.call('getWebhookInfo')).body.result).toMatchObject({
        url: 'https://crm.example/telegram',
      });
      expect(h.calls.some((c) => c.name === 'deleteTelegramWebhook')).toBe(false);
      // then agrees: the webhook goes and the chats are found
      let asked = '';
      frame.page().once('dialog', (d) => {
        asked = d.message();
        void d.accept();
      });
      await frame.locator('#tg-delete-webhook').click();
      await frame.waitForSelector('#sec-telegram .status.ok');
      expect(asked).toContain('другая программа');
      expect(await frame.locator('#sec-telegram .status.ok').textContent()).toContain(
        'Webhook удалён',
      );
      expect(await frame.locator('#tg-delete-webhook').count()).toBe(0);
      expect((await tg.call('getWebhookInfo')).body.result).toMatchObject({ url: '' });
      const group = frame.getByLabel('Группа отдела (публикации рейтинга)');
      expect(await group.locator('option').allTextContents()).toContain('Отдел продаж');
    } finally {
      await tg.stop();
    }
  });

  test('pipelines and stages: a bad choice is marked, a good one saved and shown again after reopening', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    let frame = await openSidebar(rt, h);
    await openSection(frame, 'pipelines');
    const sales = frame
      .locator('#sec-pipelines label.check', { hasText: 'Продажи' })
      .locator('input');
    await sales.uncheck();
    await frame.waitForSelector('#sec-pipelines .error');
    expect(await frame.locator('#sec-pipelines .error').first().textContent()).toMatch(/воронк/i);
    expect(await frame.locator('#save-pipelines').isEnabled()).toBe(true);
    await frame.locator('#save-pipelines').click();
    await frame.waitForSelector('#sec-pipelines .status.bad');
    expect(stored(rt).rating.pipelineIds).toEqual([1001]); // nothing saved
    await sales.check();
    const held = frame.getByLabel('Этап «Встреча проведена»');
    await held.selectOption({ label: 'Договор подписан' });
    await frame.locator('#sec-pipelines summary .dirty').waitFor();
    await frame.locator('#save-pipelines').click();
    await frame.waitForSelector('#sec-pipelines .status.ok');
    expect(stored(rt).rating.stages.meetingsHeld).toEqual([{ pipelineId: 1001, statusId: 14 }]);
    frame = await openSidebar(rt, h);
    await openSection(frame, 'pipelines');
    const selected = await frame
      .getByLabel('Этап «Встреча проведена»')
      .evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent);
    expect(selected).toBe('Договор подписан');
  });

  test('points: a bad value is marked as typed; a new version is previewed, added, saved and listed after reopening', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    let frame = await openSidebar(rt, h);
    await openSection(frame, 'points');
    const won = frame.locator('#sec-points .two-col').getByLabel('Успешно закрыто');
    await won.fill('много');
    await frame.waitForSelector('#sec-points .two-col .error');
    expect(await frame.locator('#add-points').isDisabled()).toBe(true);
    await won.fill('50');
    await frame.getByLabel('Начинают действовать с').fill('2026-04-01');
    await frame.locator('#sec-points button', { hasText: 'Предпросмотр' }).click();
    await frame.waitForSelector('#sec-points table.preview');
    const rows = await frame.locator('#sec-points table.preview tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(5);
    // the columns are this month's points now and with 50 for a won deal: never less, never empty
    const cells = await frame
      .locator('#sec-points table.preview tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          [...tr.querySelectorAll('td.num')].map((td) =>
            Number(td.textContent?.replace(/\s/g, '').replace(',', '.')),
          ),
        ),
      );
    for (const [now, next] of cells) {
      expect(next).toBeGreaterThan(0);
      expect(next).toBeGreaterThanOrEqual(now ?? 0);
    }
    await frame.locator('#add-points').click();
    await frame.locator('#save-points').click();
    await frame.waitForSelector('#sec-points .status.ok');
    const versions = stored(rt).rating.points;
    expect(versions.find((v) => v.from === '2026-04-01')?.values.won).toBe(50);
    frame = await openSidebar(rt, h);
    await openSection(frame, 'points');
    expect(await frame.locator('#sec-points thead').textContent()).toContain('с 01.04.2026');
  });

  test('norms and colours: green below yellow is refused; the red preview and the saved norms', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    let frame = await openSidebar(rt, h);
    await openSection(frame, 'norms');
    await frame.getByLabel('Зелёный, если темп не ниже, %').fill('40');
    await frame.getByLabel('Жёлтый, если темп не ниже, %').fill('60');
    await frame.waitForSelector('#sec-norms .error');
    expect(await frame.locator('#sec-norms .error').first().textContent()).toContain('зелёного');
    await frame.getByLabel('Зелёный, если темп не ниже, %').fill('90');
    await frame.getByLabel('Просроченных задач не больше').fill('0');
    await frame.locator('#sec-norms button', { hasText: 'Кто был бы красным' }).click();
    await frame.waitForSelector('#sec-norms .red-list, #sec-norms .status');
    await frame.locator('#save-norms').click();
    await frame.waitForSelector('#sec-norms .status.ok');
    const s = stored(rt).rating;
    expect(s.thresholds).toEqual({ green: 0.9, yellow: 0.6 });
    expect(s.norms.maxOverdueTasks).toBe(0);
    frame = await openSidebar(rt, h);
    await openSection(frame, 'norms');
    expect(await frame.getByLabel('Зелёный, если темп не ниже, %').inputValue()).toBe('90');
  });

  test('schedule and language: a bad email is marked; the schedule turns on; English after saving', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    let frame = await openSidebar(rt, h);
    await openSection(frame, 'schedule');
    await frame.getByLabel(/Кто ещё может править/).fill('deputy@sales.example\nnot-an-email');
    await frame.waitForSelector('#sec-schedule .error');
    await frame.getByLabel(/Кто ещё может править/).fill('deputy@sales.example');
    await frame.getByLabel('Обновлять каждый день в').selectOption('8');
    await frame.locator('#schedule-toggle').click();
    await frame.waitForSelector('#sec-schedule b.on');
    expect(rt.triggerList().map((t) => t.handler)).toEqual(['schedulerTick']);
    await frame.getByLabel('Язык').selectOption('en');
    await frame.locator('#save-schedule').click();
    await frame.waitForSelector('#sec-schedule .status.ok');
    const s = stored(rt);
    expect([s.scheduleHour, s.language, s.editors]).toEqual([8, 'en', ['deputy@sales.example']]);
    frame = await openSidebar(rt, h);
    expect(await frame.locator('#sec-schedule > summary').textContent()).toContain(
      'Schedule and language',
    );
    expect(rt.ui.pages.at(-1)?.title).toBe('Manager rating');
  });

  test('the bottom watch: a size of 0 is refused; the table for the head', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    const frame = await openSidebar(rt, h);
    await openSection(frame, 'head');
    await frame.getByLabel('Нижние места недели').fill('0');
    await frame.waitForSelector('#sec-head .error');
    await frame.getByLabel('Нижние места недели').fill('2');
    await frame.getByLabel('Не считать, если новых сделок меньше').fill('0');
    await frame.locator('#sec-head button', { hasText: 'Показать' }).click();
    await frame.waitForSelector('#sec-head table, #sec-head .status');
    expect(await frame.locator('#sec-head table tbody tr').count()).toBeGreaterThan(0);
    await frame.locator('#save-head').click();
    await frame.waitForSelector('#sec-head .status.ok');
    expect(stored(rt).rating.bottomWatch).toEqual({ size: 2, minLeads: 0 });
  });

  test('a double click on Save while the call is pending saves once (a bottom watch of 2: the sample rates 3 managers)', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    const frame = await openSidebar(rt, h);
    await openSection(frame, 'head');
    await frame.getByLabel('Нижние места недели').fill('2');
    const before = h.calls.length;
    await frame.locator('#save-head').dblclick();
    await frame.waitForSelector('#sec-head .status.ok');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.calls.slice(before).filter((c) => c.name === 'saveSettingsPart')).toHaveLength(1);
  });

  test('plans: the dialog fills, pastes and copies columns, marks a bad cell, saves, and shows the plans again', async () => {
    const rt = connected();
    const h = await harnessFor(rt);
    const frame = await openSidebar(rt, h);
    await openSection(frame, 'plans');
    await frame.locator('#open-plans').click();
    await new Promise((r) => setTimeout(r, 300));
    const shown = rt.ui.pages.at(-1);
    expect(shown).toMatchObject({ kind: 'modal', width: 960, height: 620 });
    let dialog = (await h.open(shown!)).frame;
    await dialog.waitForSelector('table.plans-grid');
    const months = await dialog
      .locator('thead th:not(.name):not(.derived) > div:first-child')
      .allTextContents();
    expect(months).toEqual(['февраль 2026', 'март 2026', 'апрель 2026', 'май 2026']);
    // last month is read-only
    expect(
      await dialog.locator('tbody tr:first-child td.past input').first().getAttribute('readonly'),
    ).not.toBeNull();
    const marchTools = dialog.locator('thead th').nth(2);
    await marchTools.getByText('Заполнить').click();
    await dialog.locator('.tool-panel input').fill('1000');
    await dialog.locator('.tool-panel button', { hasText: 'Заполнить' }).click();
    await marchTools.getByText('→ копировать в следующий').click();
    const names = await dialog.locator('tbody th.name').allTextContents();
    await dialog.locator('thead th').nth(4).getByText('Вставить', { exact: true }).click();
    await dialog.locator('.tool-panel textarea').fill(`${names[0]}\t700\n${names[1]}\tмного`);
    await dialog.locator('.tool-panel button', { hasText: 'Вставить' }).click();
    const bad = dialog.locator('input[aria-invalid="true"]');
    expect(await bad.count()).toBe(1);
    await dialog.locator('#save-plans').click();
    await dialog.waitForSelector('.footer .status.bad');
    await bad.fill('800');
    await dialog.locator('#save-plans').click();
    await dialog.waitForSelector('.footer .status.ok');
    const plans = stored(rt).rating.plans.filter((p) => p.month >= '2026-03');
    expect(plans.filter((p) => p.month === '2026-03').every((p) => p.points === 1000)).toBe(true);
    expect(plans.filter((p) => p.month === '2026-04')).toHaveLength(names.length);
    expect(
      plans
        .filter((p) => p.month === '2026-05')
        .map((p) => p.points)
        .sort(),
    ).toEqual([700, 800]);
    // the week and quarter plans follow from the months
    // (the week 9–15 March works 10–13 March, 4 of March's 21 working days: 1000 × 4/21 =
    // 190.48; the quarter has no plan for January and February, so it has none: three months of
    // points are never judged against one)
    const derived = await dialog.locator('tbody tr:first-child td.derived').allTextContents();
    expect(derived).toEqual(['190,5', '—']);
    dialog = (await h.open(shown!)).frame;
    await dialog.waitForSelector('table.plans-grid');
    const firstMay = dialog.getByLabel(`${names[0]}, май 2026, баллы`);
    expect(await firstMay.inputValue()).toBe('700');
  });

  test('the built pages load nothing from outside and hold no external URL', () => {
    // text that only looks like an address: XML namespaces, the example in the address hint,
    // and a library's error message that names its documentation
    const harmless = [
      /^https?:\/\/www\.w3\.org\//,
      /^https:\/\/mycompany\.kommo\.com$/,
      /^https:\/\/github\.com\/uuidjs\/uuid#/,
      /^https:\/\/\$\{/, // the account address parseAccountAddress builds (never loaded)
    ];
    for (const file of ['sidebar.html', 'plans.html']) {
      const html = readFileSync(join(__dirname, '..', '..', 'dist', file), 'utf8');
      expect(html).not.toMatch(/<script[^>]+src=/i);
      expect(html).not.toMatch(/<link[^>]+href=/i);
      expect(html).not.toMatch(/<img[^>]+src=/i);
      expect(html).not.toMatch(/url\(\s*['"]?https?:/i);
      expect(html).not.toMatch(/@import/i);
      const urls = [...html.matchAll(/https?:\/\/[^\s"'`)<>\\]*/g)].map((m) => m[0]);
      expect(urls.filter((u) => !harmless.some((re) => re.test(u)))).toEqual([]);
    }
    for (const h of set.harnesses) expect(h.blocked).toEqual([]);
  });
});
