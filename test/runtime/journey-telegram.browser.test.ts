/**
 * Telegram for a team that reads it on phones, in Chromium: the posts as the Telegram emulator's
 * phone view shows them at 360 px (dev/telegram/render-html.ts), and the head's set-up in the
 * built sidebar through the page harness — typing and clicking only — ending in what the head
 * wanted: test messages in both chats, the lone chats chosen, posts in the group that read on a
 * phone. Facts: docs/rules.md §4.8, §7.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { GasRuntime } from '../../dev/gas';
import { PageHarness } from '../../dev/gas/page-harness';
import { parseHtml } from '../../dev/telegram/html-entities';
import { chatsToHtml, type RenderedChat } from '../../dev/telegram/render-html';
import type { Rating, RatingRow, RatingSet } from '../../src/engine';
import { defaultSettings } from '../../src/settings/defaults';
import { postsFor, type PostInput } from '../../src/telegram/post-format';
import { describeInBrowser, launchChromium } from '../support/browser';
import { startTelegramEmulator, type TelegramHandle } from '../support/emulators';
import { setUpRuntime, startFixtureEmulator } from '../support/fixture-account';
import { readSettings } from '../support/settings-io';

const MENU = 'Рейтинг менеджеров';
const OUT = join(__dirname, '..', '..', 'out');
/** a manager's line: a medal or a place, then the name */
const MANAGER_LINE = /^(🥇|🥈|🥉|\d+\.) /u;

interface Transcript {
  transcript: Array<{ method: string; chatId?: string; ok: boolean; text?: string }>;
  chats: RenderedChat[];
}

/**
 * The chats in the phone view at 360 px: for every line of every message, its text and how
 * many lines it takes on the screen (its text boxes' tops, a line height apart when it wraps).
 */
async function phoneLines(
  page: Page,
  chats: RenderedChat[],
  picture?: string,
): Promise<Array<{ text: string; rows: number }>> {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.setContent(chatsToHtml(chats, 'Europe/Moscow', 'Рейтинг в Telegram'));
  const lines = await page.evaluate(() => {
    const out: Array<{ text: string; rows: number }> = [];
    for (const el of Array.from(document.querySelectorAll('.msg .text'))) {
      const groups: Node[][] = [[]];
      el.childNodes.forEach((n) => {
        if (n.nodeName === 'BR') groups.push([]);
        else groups[groups.length - 1]?.push(n);
      });
      const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
      for (const g of groups) {
        const first = g[0];
        const last = g[g.length - 1];
        if (!first || !last) continue;
        const range = document.createRange();
        range.setStartBefore(first);
        range.setEndAfter(last);
        const tops = Array.from(range.getClientRects())
          .filter((r) => r.width > 0)
          .map((r) => r.top);
        const spread = Math.max(...tops) - Math.min(...tops);
        out.push({ text: range.toString(), rows: Math.round(spread / lineHeight) + 1 });
      }
    }
    return out;
  });
  if (picture) {
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, picture), fullPage: true });
  }
  return lines;
}

function row(place: number, name: string, points: number, change: number | null): RatingRow {
  return {
    place,
    medal: ['🥇', '🥈', '🥉'][place - 1] ?? '',
    userId: 1000 + place,
    name,
    userState: 'active',
    figures: {} as RatingRow['figures'],
    points,
    plan: 1000,
    planPercent: points / 1000,
    pace: points / 800,
    figurePlans: {},
    breaches: { overdueTasks: false, lost: false, leadsWithoutTasks: false },
    lostShare: null,
    previousPlace: change === null ? null : place + change,
    change,
  };
}

function rating(kind: 'week' | 'month', rows: RatingRow[], final: boolean): Rating {
  const [first, last, label] =
    kind === 'week'
      ? ['2026-03-09', '2026-03-15', '2026-03-09…2026-03-15']
      : ['2026-03-01', '2026-03-31', '2026-03'];
  return {
    period: { kind, final, start: 0, end: 0, fullEnd: 0, firstDay: first, lastDay: last, label },
    timeZone: 'Europe/Moscow',
    stocksSource: 'current',
    rankedBy: 'points',
    elapsed: 0.5,
    rows,
    outside: [],
    totals: {
      figures: {} as Rating['totals']['figures'],
      points: rows.reduce((s, r) => s + r.points, 0),
      plan: 19000,
      planPercent: 0.91,
      pace: 1.04,
    },
    explain: {},
  };
}

/** Long, wide and odd names, big numbers and changes: the hardest lines a team may have. */
const HARD_NAMES = [
  'Константин Константинопольский',
  'Александра Щербакова-Шишкина',
  'ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ',
  'Мария Шувалова (#1004)',
  'Мария Шувалова (#1005)',
  'Wolfgang Amadeus Mozart-Müller',
  'Юлиана Мщиславская',
  'Ш',
  'Анна Смирнова',
  'Вера Кузнецова',
  'Максимилиан Шереметьев',
  'Щ Щ Щ Щ Щ Щ Щ Щ Щ Щ Щ Щ',
  '=HYPERLINK("http://x.ru";"жми")',
  'Евгения <b>Жемчужникова</b> & Co',
  'Григорий',
  'Ярослава Мышкина',
  'Фёдор Шаляпин',
  'Эммануил Ширшов',
  'Ыыыыыыыыыы Ююююююююю',
];

describeInBrowser('Telegram on a phone', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let emu: Awaited<ReturnType<typeof startFixtureEmulator>>;
  const harnesses: PageHarness[] = [];
  const runtimes: GasRuntime[] = [];

  beforeAll(async () => {
    emu = await startFixtureEmulator();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'ru-RU' });
    page = await context.newPage();
  });
  afterAll(async () => {
    for (const h of harnesses) await h.stop();
    await browser?.close();
    for (const rt of runtimes) await rt.close();
    await emu?.stop();
  });

  test("every manager's line of a Monday post stays one line at 360 px, whatever the names and numbers", async () => {
    const rows = HARD_NAMES.map((n, i) =>
      row(i + 1, n, 12345.5 - i * 611, [12, -12, null, 3, -1][i % 5] ?? null),
    );
    const ratings: RatingSet = {
      now: 0,
      timeZone: 'Europe/Moscow',
      today: '2026-03-16',
      snapshot: { day: '2026-03-15', rows: [] },
      week: rating('week', rows, true),
      month: rating('month', rows, false),
      previousMonth: null,
      quarter: rating('month', rows, false),
      previousQuarter: null,
      lastQuarter: rating('month', rows, true),
    };
    const input: PostInput = {
      lang: 'ru',
      ratings,
      dataAsOf: '16.03.2026 07:00 (Москва, UTC+3)',
      spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
      publicTopN: null, // everyone: every hard name is on the screen
      enabled: { ...defaultSettings().telegram },
      bottom: { size: 3, rows: [] },
    };
    const [monday] = postsFor(input);
    expect(monday?.kind).toBe('monday');
    const parsed = (monday?.parts ?? []).map((p) => parseHtml(p));
    const chat: RenderedChat = {
      id: -1,
      title: 'Отдел продаж',
      type: 'group',
      messages: parsed.map((p) => ({ date: 1773640800, text: p.text, entities: p.entities })),
    };
    const lines = (await phoneLines(page, [chat], 'telegram-phone-hard-names.png')).filter((l) =>
      MANAGER_LINE.test(l.text),
    );
    expect(lines).toHaveLength(2 * HARD_NAMES.length); // the week and the month
    expect(lines.filter((l) => l.rows !== 1)).toEqual([]);
    // the test can fail: the same lines with their full names wrap on this screen
    const full = rows.map((r) => `${r.medal || `${r.place}.`} ${r.name} — 12 345 · 123 % ↓12`);
    const wide = await phoneLines(page, [
      { ...chat, messages: [{ date: 1773640800, text: full.join('\n') }] },
    ]);
    expect(wide.filter((l) => l.rows > 1).length).toBeGreaterThan(5);
  });

  test('no line of any post — titles, «данные на», legends, team lines, the digest — wraps at 360 px', async () => {
    // the widest a team may meet: a week across two long month names, the longest month to date,
    // a far-east zone, five-digit points, a digest of long names staying many weeks
    const rows = HARD_NAMES.map((n, i) =>
      row(i + 1, n, 12345.5 - i * 611, [12, -12, null, 3, -1][i % 5] ?? null),
    );
    const of = (
      kind: 'week' | 'month' | 'quarter',
      firstDay: string,
      lastDay: string,
      label: string,
      final: boolean,
    ): Rating => {
      const base = rating('month', rows, final);
      return { ...base, period: { ...base.period, kind, final, firstDay, lastDay, label } };
    };
    const week = of('week', '2026-09-28', '2026-10-04', '2026-09-28…2026-10-04', true);
    const kinds: Array<{ today: string; zone: string; expect: string[] }> = [
      // Tuesday: the daily post
      { today: '2026-09-29', zone: 'Москва, UTC+3', expect: ['daily'] },
      // Monday the 14th: the week and the month in one message, and the head's digest
      { today: '2026-09-14', zone: 'Владивосток, UTC+10', expect: ['monday', 'digest'] },
      // Thursday 1 October: September's final, then the third quarter's
      {
        today: '2026-10-01',
        zone: 'Петропавловск-Камчатский, UTC+12',
        expect: ['monthFinal', 'quarter', 'daily'],
      },
    ];
    const messages: RenderedChat['messages'] = [];
    const seen: string[] = [];
    for (const k of kinds) {
      const ratings: RatingSet = {
        now: 0,
        timeZone: 'Europe/Moscow',
        today: k.today,
        snapshot: { day: k.today, rows: [] },
        week,
        month: of('month', '2026-09-01', '2026-09-30', '2026-09', false),
        previousMonth: of('month', '2026-09-01', '2026-09-30', '2026-09', true),
        quarter: of('quarter', '2026-07-01', '2026-09-30', '2026-Q3', false),
        previousQuarter: of('quarter', '2026-07-01', '2026-09-30', '2026-Q3', true),
        lastQuarter: of('quarter', '2026-07-01', '2026-09-30', '2026-Q3', true),
      };
      const posts = postsFor({
        lang: 'ru',
        ratings,
        dataAsOf: `30.09.2026 07:00 (${k.zone})`,
        spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
        publicTopN: 10,
        enabled: { ...defaultSettings().telegram, headDigest: true },
        bottom: {
          size: 3,
          rows: HARD_NAMES.slice(0, 3).map((name, i) => ({ name, weeks: 12 + i, leads: 1234 })),
        },
      });
      seen.push(...posts.map((x) => x.kind));
      for (const post of posts)
        for (const part of post.parts) {
          const parsed = parseHtml(part);
          messages.push({ date: 1773640800, text: parsed.text, entities: parsed.entities });
        }
    }
    expect(seen).toEqual(kinds.flatMap((k) => k.expect));
    const chat: RenderedChat = { id: -1, title: 'Отдел продаж', type: 'group', messages };
    const lines = await phoneLines(page, [chat], 'telegram-phone-every-post.png');
    expect(lines.length).toBeGreaterThan(60);
    // every kind's first line is there, on one row
    for (const title of ['Рейтинг недели', 'Рейтинг месяца', 'Итоги месяца', 'Итоги квартала'])
      expect(lines.filter((l) => l.text.includes(title)).length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.text.includes('внизу')).length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.rows !== 1)).toEqual([]);
  });

  test('a new head sets Telegram up by clicking: the lone chats are chosen, a test reaches each, the Monday post reads on a phone', async () => {
    const tg: TelegramHandle = await startTelegramEmulator();
    try {
      const { rt } = setUpRuntime(emu);
      rt.routes = [
        { host: /\.amocrm\.ru$/, target: emu.url, forwardClock: true },
        { host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true },
      ];
      runtimes.push(rt);
      rt.open();
      const h = new PageHarness(rt, context, { seed: 5 });
      await h.start();
      harnesses.push(h);
      rt.clickMenu(MENU, 'Настройки');
      const shown = rt.ui.pages.at(-1);
      if (!shown) throw new Error('no sidebar shown');
      const { frame }: { frame: Frame } = await h.open(shown, { sidebarHeight: 1600 });
      await frame.waitForSelector('.sections');
      await frame.locator('#sec-telegram > summary').click();
      await frame.getByLabel('Токен бота').fill(tg.token);
      await frame.locator('#tg-connect').click();
      await frame.waitForSelector('#sec-telegram .facts');
      await frame.locator('#sec-telegram button', { hasText: 'Найти чаты' }).click();
      await frame.locator('#sec-telegram .status.ok', { hasText: 'Найдено чатов' }).waitFor();
      // one group, one private chat: both chosen without a click
      expect(await frame.getByLabel('Группа отдела (публикации рейтинга)').inputValue()).toBe(
        String(tg.chatId),
      );
      expect(await frame.getByLabel(/Личный чат руководителя/).inputValue()).toBe(
        String(tg.headId),
      );
      // a new account shows the top 10 (a phone screen's worth)
      expect(await frame.getByLabel('Показывать в группе только первых').inputValue()).toBe('10');
      await frame
        .locator('#sec-telegram button', { hasText: 'Отправить тестовое сообщение' })
        .click();
      const status = frame.locator('#sec-telegram .status.ok', { hasText: 'Тестовое сообщение' });
      await status.waitFor();
      const said = (await status.textContent()) ?? '';
      expect(said).toContain('в группу');
      expect(said).toContain('в ваш личный чат');
      const tests = async (chatId: number) =>
        (await tg.control<Transcript>('transcript')).transcript.filter(
          (x) => x.method === 'sendmessage' && x.ok && x.chatId === String(chatId),
        );
      expect(await tests(tg.chatId)).toHaveLength(1);
      expect(await tests(tg.headId)).toHaveLength(1);
      expect((await tests(tg.headId))[0]?.text).toContain('видите только вы');
      await frame.getByLabel('только по рабочим дням (производственный календарь)').check();
      await frame.locator('#save-telegram').click();
      await frame.locator('#sec-telegram .status.ok', { hasText: 'Сохранено' }).waitFor();
      const saved = readSettings(rt).telegram;
      expect([
        saved.groupChatId,
        saved.headChatId,
        saved.workingDaysOnly,
        saved.publicTopN,
      ]).toEqual([tg.chatId, tg.headId, true, 10]);
      mkdirSync(OUT, { recursive: true });
      await frame.locator('#sec-telegram').screenshot({ path: join(OUT, 'sidebar-telegram.png') });
      // Monday 16 March, 09:00 in Moscow: the head refreshes from the menu
      rt.clickMenu(MENU, 'Обновить сейчас');
      const log = await tg.control<Transcript>('transcript');
      const group = log.transcript.filter(
        (x) => x.method === 'sendmessage' && x.ok && x.chatId === String(tg.chatId),
      );
      // the test, then Monday's one message: the week and the month in it
      expect(group).toHaveLength(2);
      expect(group[1]?.text?.split('\n')[0]).toBe('🏆 Рейтинг недели · 9–15 марта 2026');
      expect(group[1]?.text).toContain('📅 Рейтинг месяца\nмарт 2026, на 16 марта');
      const chats = log.chats.filter((c) => c.id === tg.chatId || c.id === tg.headId);
      const lines = await phoneLines(page, chats, 'telegram-phone-360.png');
      const managerLines = lines.filter((l) => MANAGER_LINE.test(l.text));
      expect(managerLines.length).toBeGreaterThan(0);
      expect(managerLines.filter((l) => l.rows !== 1)).toEqual([]);
    } finally {
      await tg.stop();
    }
  });
});
