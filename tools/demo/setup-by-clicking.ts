/**
 * The demo's set-up as a sales head does it: in Chromium, through the page harness, by typing
 * and clicking in the built sidebar and plans dialog (the wizard from its first step, then
 * «Нормы и цвета»), with a picture of each wizard step. Nothing here calls a server function:
 * the pages do, as they do in Google Sheets. The server path (tools/start.ts) is kept only for
 * a machine without chromium.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { GasRuntime } from '../../dev/gas';
import { PageHarness } from '../../dev/gas/page-harness';
import { monthLabel } from '../../src/i18n/period-labels';

const MENU = 'Рейтинг менеджеров';

/** What the head types: the accounts' secrets and the plans, per amoCRM user id. */
export interface SetupInput {
  amoToken: string;
  /** the account's administrator, left out of the rating */
  adminName: string;
  telegramToken: string;
  groupChatId: number;
  headChatId: number;
  /** month ('2026-03') → user id → its plan */
  plans: (
    months: string[],
  ) => Array<{ month: string; userId: number; points: number; won: number }>;
  /** amoCRM user id → name as the dialog shows it */
  names: Map<number, string>;
}

/** One person at the spreadsheet: a browser context and the harness that bridges its pages. */
export class Head {
  private constructor(
    private readonly rt: GasRuntime,
    private readonly context: BrowserContext,
    readonly harness: PageHarness,
  ) {}

  static async at(rt: GasRuntime, browser: Browser): Promise<Head> {
    const context = await browser.newContext({ locale: 'ru-RU', deviceScaleFactor: 1 });
    const harness = new PageHarness(rt, context, { seed: 1, maxDelayMs: 5 });
    await harness.start();
    return new Head(rt, context, harness);
  }

  async close(): Promise<void> {
    await this.harness.stop();
    await this.context.close();
    if (this.harness.blocked.length)
      throw new Error(`the pages asked for ${this.harness.blocked.join(', ')}`);
  }

  /** «Настройки» from the menu: the sidebar as it opens. */
  async sidebar(): Promise<{ page: Page; frame: Frame }> {
    this.rt.clickMenu(MENU, 'Настройки');
    const shown = this.rt.ui.pages.at(-1);
    if (shown?.kind !== 'sidebar') throw new Error('the sidebar did not open');
    const { page, frame } = await this.harness.open(shown, { sidebarHeight: 1400 });
    await frame.waitForSelector('.sections, .wizard');
    return { page, frame };
  }

  /** The plans dialog a page opened: each manager's plan typed into its cell, then saved. */
  async typePlans(
    plans: Array<{ month: string; userId: number; points: number; won: number }>,
    names: Map<number, string>,
    vacation?: Vacation,
  ): Promise<void> {
    const shown = await waitFor(() => {
      const p = this.rt.ui.pages.at(-1);
      return p?.kind === 'modal' ? p : null;
    });
    const { page, frame } = await this.harness.open(shown);
    await frame.waitForSelector('table.plans-grid');
    await frame.getByText('Показать планы по показателям').click();
    for (const p of plans) {
      const name = names.get(p.userId);
      if (!name) continue;
      const cell = `${name}, ${monthLabel('ru', p.month)}`;
      await frame.getByLabel(`${cell}, баллы`, { exact: true }).fill(String(p.points));
      await frame.getByLabel(`${cell}, Успешно закрыто`, { exact: true }).fill(String(p.won));
    }
    if (vacation) {
      // «Отсутствия и разгон»: a manager's vacation, typed as the head writes dates
      const panel = frame.locator('section.absences');
      await panel.locator('#abs-manager').selectOption({ label: vacation.name });
      await panel.locator('#abs-from').fill(vacation.from);
      await panel.locator('#abs-to').fill(vacation.to);
      await panel.locator('#abs-add').click();
      await panel.locator('.abs-list li', { hasText: vacation.name }).waitFor();
      console.log(`  vacation typed: ${vacation.name}, ${vacation.from} – ${vacation.to}`);
    }
    await frame.locator('#save-plans').click();
    await frame.waitForSelector('.footer .status');
    const said = (await frame.locator('.footer .status').textContent()) ?? '';
    if (await frame.locator('.footer .status.bad').count()) throw new Error(`plans: ${said}`);
    console.log(`  plans (${plans.length} cells typed): ${said}`);
    await page.close();
  }
}

async function waitFor<T>(get: () => T | null, ms = 5000): Promise<T> {
  for (let waited = 0; waited < ms; waited += 50) {
    const v = get();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the page did not open what it should');
}

/**
 * The words the page answered with, printed as the demo's transcript of the set-up: waits for
 * an answer other than the one shown before (`before`), so an earlier message is not taken for it.
 */
async function said(frame: Frame, selector: string, what: string, before = ''): Promise<void> {
  const loc = frame.locator(selector).last();
  await loc.waitFor();
  for (let i = 0; i < 200 && ((await loc.textContent())?.trim() ?? '') === before; i++)
    await frame.waitForTimeout(50);
  const text = (await loc.textContent())?.trim() ?? '';
  if ((await loc.getAttribute('class'))?.includes('bad')) throw new Error(`${what}: ${text}`);
  console.log(`  ${what}: ${text}`);
}

/**
 * The wizard from its first step to «Готово», then the norms; pictures of every wizard step
 * (out/wizard-N-*.png). Returns the pictures' files.
 */
export async function setUpByClicking(
  rt: GasRuntime,
  browser: Browser,
  out: string,
  input: SetupInput,
): Promise<string[]> {
  const head = await Head.at(rt, browser);
  const files: string[] = [];
  try {
    const { page, frame } = await head.sidebar();
    const picture = async (name: string) => {
      const height = await frame.evaluate(() => document.body.scrollHeight);
      // the window first, so the whole frame is painted, then the frame to its content
      await page.setViewportSize({ width: 360, height: Math.min(height + 60, 2400) });
      await page.evaluate((h) => {
        const f = document.querySelector('iframe');
        if (f) f.height = String(h + 8);
      }, height);
      await page.waitForTimeout(100);
      const file = join(out, `${name}.png`);
      await page.locator('iframe').screenshot({ path: file });
      files.push(file);
    };
    const next = async (step: number) => {
      await frame.locator('#wizard-next').click();
      await frame.locator('.wizard .step-name', { hasText: `Шаг ${step} из` }).waitFor();
    };

    // 1 · Подключение: an address Google cannot reach is refused as typed, then the account
    await frame.getByLabel('Адрес аккаунта').fill('mycompany.amocrm.com');
    await frame.waitForSelector('.connection .error');
    await picture('sidebar-wizard');
    await frame.getByLabel('Адрес аккаунта').fill('demo');
    await frame.getByLabel('Токен', { exact: true }).fill(input.amoToken);
    await frame.locator('#connect').click();
    await frame.waitForSelector('.connection .facts .mono');
    await said(frame, '.connection .status', 'connect amoCRM');
    await picture('wizard-1-connection');

    // 2 · Воронки и этапы: as found, without the administrator
    await next(2);
    await frame
      .locator('#sec-pipelines label.check', { hasText: input.adminName })
      .locator('input')
      .uncheck();
    await picture('wizard-2-pipelines');

    // 3 · Баллы: the case's points are kept
    await next(3);
    await picture('wizard-3-points');

    // 4 · Планы: March, April and May in the dialog the step opens
    await next(4);
    await frame.locator('#open-plans').click();
    await head.typePlans(input.plans(['2026-03', '2026-04', '2026-05']), input.names);
    await page.bringToFront();
    await frame.locator('#sec-plans p', { hasText: 'Планы на этот месяц' }).waitFor();
    await picture('wizard-4-plans');

    // 5 · Telegram: the bot, its chats, the posting hour
    await next(5);
    await frame.getByLabel('Токен бота').fill(input.telegramToken);
    await frame.locator('#tg-connect').click();
    await frame.waitForSelector('#sec-telegram .facts');
    const connected = (await frame.locator('#sec-telegram .status').last().textContent()) ?? '';
    await frame.locator('#sec-telegram button', { hasText: 'Найти чаты' }).click();
    await said(frame, '#sec-telegram .status', 'the bot finds its chats', connected.trim());
    await frame
      .getByLabel('Группа отдела (публикации рейтинга)')
      .selectOption(String(input.groupChatId));
    await frame.getByLabel(/Личный чат руководителя/).selectOption(String(input.headChatId));
    await frame.getByLabel('Час публикации').selectOption('9');
    // the daily post on working days only; the month and quarter finals keep their 1st
    await frame.getByLabel('только по рабочим дням (производственный календарь)').check();
    await picture('wizard-5-telegram');

    // 6 · Расписание: the refresh at 07:00, turned on by the last button
    await next(6);
    await frame.getByLabel('Обновлять каждый день в').selectOption('7');
    await picture('wizard-6-schedule');
    await frame.locator('#wizard-next').click();
    await said(frame, '.sections > .status', 'the wizard finished');
    await picture('wizard-done');

    // «Нормы и цвета», saved in its section
    await frame.locator('#sec-norms > summary').click();
    await frame.getByLabel('Просроченных задач не больше').fill('15');
    // lost deals judged by their share: choosing it empties the count
    await frame.getByRole('radio', { name: 'доля не больше (%)' }).check();
    await frame.getByRole('textbox', { name: 'доля не больше (%)' }).fill('92');
    await frame.getByLabel('Сделок без задач не больше').fill('60');
    await frame.locator('#save-norms').click();
    await said(frame, '#sec-norms .status', 'norms');
    await page.close();
  } finally {
    await head.close();
  }
  return files;
}

/** A manager's vacation as the head types it into the plans dialog (dates ДД.ММ.ГГГГ). */
export interface Vacation {
  name: string;
  from: string;
  to: string;
}

/** The head plans the next months on 1 April: «Планы» → «Открыть планы» → typed and saved. */
export async function plansByClicking(
  rt: GasRuntime,
  browser: Browser,
  input: Pick<SetupInput, 'plans' | 'names'>,
  months: string[],
  vacation?: Vacation,
): Promise<void> {
  const head = await Head.at(rt, browser);
  try {
    const { page, frame } = await head.sidebar();
    await frame.locator('#sec-plans > summary').click();
    await frame.locator('#open-plans').click();
    await head.typePlans(input.plans(months), input.names, vacation);
    await page.close();
  } finally {
    await head.close();
  }
}

/** «Расписание и язык» → «Обновлять в течение дня» (10–19 as offered) → saved. */
export async function liveByClicking(rt: GasRuntime, browser: Browser): Promise<void> {
  const head = await Head.at(rt, browser);
  try {
    const { page, frame } = await head.sidebar();
    await frame.locator('#sec-schedule > summary').click();
    await frame.locator('#live-on').check();
    await frame.locator('#save-schedule').click();
    await said(frame, '#sec-schedule .status', 'refresh during the day');
    await page.close();
  } finally {
    await head.close();
  }
}
