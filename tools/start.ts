/**
 * `npm start` — the product's main job, end to end, with no Google, amoCRM or Telegram account:
 * the amoCRM emulator (a generated medium account) and the Telegram emulator (the team's group
 * and the sales head's private chat) run in their own processes; the built bundle runs in the
 * local Apps Script runtime. The sales head sets it up by clicking through the sidebar in
 * Chromium (tools/demo/setup-by-clicking.ts: the wizard from its first step — connect, pipelines,
 * points, plans in their dialog, the bot and its chats, the schedule — then the norms); without
 * chromium, through the same server functions the pages call, and says so. Then the demo lives
 * from 1 March to 10 April 2026 — across a month end and a quarter end — with the hourly
 * scheduler refreshing and posting every morning. It writes out/rating.xlsx, out/rating.html,
 * out/telegram.json, out/telegram.html and, where chromium is installed, pictures of the sheets,
 * the sidebar, the plans dialog and the chats; and prints the posts by kind.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { control, startEmulatorProcess } from '../dev/emulator/processes';
import { FakeClock, GasRuntime, spreadsheetToHtml, writeXlsx } from '../dev/gas';
import { chatsToHtml, type RenderedChat } from '../dev/telegram/render-html';
import type { Settings } from '../src/settings/schema';
import { CHROMIUM } from '../dev/chromium';
import type { Browser } from 'playwright-core';
import { launch, sheetScreens, sidebarScreens, telegramScreen } from './demo/screens';
import { keepAndCompare, summaryOf } from './demo/same-run';
import {
  liveByClicking,
  plansByClicking,
  setUpByClicking,
  type SetupInput,
  type Vacation,
} from './demo/setup-by-clicking';

const ROOT = resolve(__dirname, '..');
const START = '2026-03-01T03:00:00Z'; // 1 March, 06:00 in Moscow
const END = process.env.DEMO_END ?? '2026-04-10T21:00:00Z';
/** `STORE=bigquery npm start`: the BigQuery variant's bundle, the account's data in the stand-in */
const BIGQUERY = process.env.STORE === 'bigquery';
const SHEETS = ['Неделя', 'Месяц', 'Квартал', 'Зал славы', 'История', 'Разбор'];

function top3(rt: GasRuntime, sheet: string): string[] {
  const s = rt.spreadsheet.sheets.find((x) => x.name === sheet);
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const rows = (s?.rows ?? [])
    .slice(6)
    .filter((r) => typeof r?.[0]?.v === 'number')
    .slice(0, 3);
  return rows.map(
    (r) =>
      `${text(r?.[1]?.v)} ${text(r?.[2]?.v)} — ${Number(r?.[3]?.v ?? 0).toLocaleString('ru-RU', { maximumFractionDigits: 1 })}`,
  );
}

/** The movers, streaks and team lines the posts carried, and the week's team table. */
function printMotivation(rt: GasRuntime, sent: Array<{ text?: string }>): void {
  const lines = sent.flatMap((x) => (x.text ?? '').split('\n'));
  const last = (mark: string) => lines.filter((l) => l.startsWith(mark)).at(-1) ?? 'none';
  console.log(`\nMovers line (last sent): ${last('📈')}`);
  console.log(`Streaks line (last sent): ${last('🔥')}`);
  console.log(`Team lines sent: ${lines.filter((l) => l.startsWith('👥')).length}`);
  const week = rt.spreadsheet.sheets.find((x) => x.name === 'Неделя');
  const cell = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const rows = (week?.rows ?? []).map((r) => (r ?? []).map((c) => cell(c?.v)));
  const num = (v: string | undefined) => v !== undefined && v !== '' && !Number.isNaN(Number(v));
  const at = rows.findIndex((r) => (r[0] ?? '').startsWith('Команды'));
  if (at >= 0) {
    console.log(`Неделя: ${rows[at]?.[0] ?? ''}`);
    for (const r of rows.slice(at + 2).filter((x) => num(x[0])))
      console.log(`  ${r[0] ?? ''}. ${r[2] ?? ''} — ${r[3] ?? ''} (${r[7] ?? ''} чел.)`);
  }
  const marked = rows.filter((r) => /[🔥🏆⭐]/u.test(r[2] ?? '')).map((r) => r[2] ?? '');
  console.log(`Неделя, names with marks: ${marked.join('; ') || 'none'}`);
}

function must<T extends { ok: boolean; message?: string; errors?: Array<{ message: string }> }>(
  what: string,
  r: T,
): T {
  if (!r.ok) throw new Error(`${what}: ${r.message ?? r.errors?.map((e) => e.message).join('; ')}`);
  console.log(`  ${what}: ${r.message ?? 'ok'}`);
  return r;
}

async function main(): Promise<void> {
  const out = join(ROOT, 'out');
  mkdirSync(out, { recursive: true });
  console.log(
    'Starting the amoCRM emulator (a generated medium account) and the Telegram emulator…',
  );
  const amoProc = await startEmulatorProcess('amocrm', [
    '--seed',
    '2026',
    '--size',
    'medium',
    '--now',
    START,
  ]);
  const tgProc = await startEmulatorProcess('telegram');
  const amo = { url: amoProc.url, token: /TOKEN (\S+)/.exec(amoProc.output)?.[1] ?? '' };
  const tg = {
    url: tgProc.url,
    token: /TOKEN (\S+)/.exec(tgProc.output)?.[1] ?? '',
    group: Number(/CHAT (\S+)/.exec(tgProc.output)?.[1]),
    head: Number(/HEAD (\S+)/.exec(tgProc.output)?.[1]),
  };
  const state = await control<{
    now: number;
    leads: number;
    events: number;
    users: number;
    adminUserId: number;
  }>(amo.url, 'state');
  console.log(
    `  amoCRM: ${state.leads} leads, ${state.events} events, ${state.users} users; its clock ${new Date(state.now * 1000).toISOString()}`,
  );
  const clock = new FakeClock(state.now * 1000);
  const rt = new GasRuntime({
    clock,
    routes: [
      { host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true },
      { host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true },
    ],
    ...(BIGQUERY ? { distDir: join(ROOT, 'dist-bigquery') } : {}),
  });
  let browser: Browser | null = null;
  try {
    rt.open();
    const pictures: string[] = [];
    const dump = await control<{
      users: Array<{
        id: number;
        name: string;
        rights: { is_admin?: boolean; is_active: boolean };
      }>;
    }>(amo.url, 'dump');
    const managers = dump.users.filter((u) => !u.rights.is_admin && u.rights.is_active);
    const plansFor = (months: string[]) =>
      managers.flatMap((u, i) =>
        months.map((month) => ({ month, userId: u.id, points: 900 + (i % 5) * 200, won: 60 })),
      );
    const input: SetupInput = {
      amoToken: amo.token,
      adminName: dump.users.find((u) => u.id === state.adminUserId)?.name ?? '',
      telegramToken: tg.token,
      groupChatId: tg.group,
      headChatId: tg.head,
      plans: plansFor,
      names: new Map(dump.users.map((u) => [u.id, u.name])),
    };
    if (CHROMIUM) {
      browser = await launch();
      console.log('The sales head sets the rating up in the sidebar, clicking in Chromium:');
      pictures.push(...(await setUpByClicking(rt, browser, out, input)));
    } else {
      console.log(
        'chromium is not installed: the set-up goes through the server functions the sidebar calls (no clicking, no pictures)',
      );
      setUpThroughServer(rt, input);
    }
    if (BIGQUERY)
      must(
        'keep the data in BigQuery',
        rt.callFromClient('chooseAccountStore', 'bigquery', 'rating-demo-1') as {
          ok: boolean;
          message: string;
        },
      );
    const savePlans = async (months: string[], vacation?: Vacation & { userId: number }) => {
      if (browser) await plansByClicking(rt, browser, input, months, vacation);
      else
        must(
          `plans for ${months.join(', ')}`,
          rt.callFromClient(
            'savePlans',
            plansFor(months).map(({ won, ...p }) => ({ ...p, figures: { won } })),
            undefined,
            vacation
              ? {
                  absences: [
                    {
                      userId: vacation.userId,
                      kind: 'vacation',
                      from: vacation.from.split('.').reverse().join('-'),
                      to: vacation.to.split('.').reverse().join('-'),
                    },
                  ],
                  ramps: [],
                }
              : undefined,
          ) as { ok: boolean; message: string },
        );
    };
    // on 1 April the head records a manager's two-week vacation (6–17 April) with the plans
    const away = managers[1] ?? managers[0];
    const vacation = {
      userId: away?.id ?? 0,
      name: away?.name ?? '',
      from: '06.04.2026',
      to: '17.04.2026',
    };
    const turnLiveOn = async () => {
      if (browser) await liveByClicking(rt, browser);
      else
        must(
          'refresh during the day',
          rt.callFromClient('saveSettingsPart', { live: { on: true, from: 10, to: 19 } }) as {
            ok: boolean;
            message: string;
          },
        );
    };

    const end = Date.parse(END);
    const days = Math.round((end - clock.now()) / 86400_000);
    console.log(`Living through ${days} days (to ${END.slice(0, 10)}), hour by hour…`);
    const t0 = Date.now();
    const aprilPlans = Date.parse('2026-04-01T07:00:00Z'); // the head plans June on 1 April
    // the last day lived with the refresh during the day: Сегодня on Неделя moves by the hour
    const liveFrom = Math.min(Date.parse('2026-04-10T05:00:00Z'), end - 16 * 3600_000);
    for (let t = clock.now() + 3600_000, hour = 1; t <= end; t += 3600_000, hour++) {
      if (t - 3600_000 < aprilPlans && t >= aprilPlans) {
        console.log('  1 April: the head plans April, May and June, with a vacation');
        await savePlans(['2026-04', '2026-05', '2026-06'], vacation);
      }
      if (t - 3600_000 < liveFrom && t >= liveFrom) {
        // the last day of a shorter run (DEMO_END) too
        const day = new Date(t).toISOString().slice(0, 10);
        console.log(`  ${day}: the head turns on «Обновлять в течение дня» (10–19)`);
        await turnLiveOn();
      }
      // the day's sales activity, lived to the whole hour: the runtime's clock is some seconds
      // past it (however long the set-up took, which differs by store), and the emulator plans
      // each stretch it lives anew, so a clock moved to other seconds makes another account
      await control(amo.url, 'clock', { set: Math.floor(t / 3600_000) * 3600 });
      rt.advanceTo(t); // the scheduler's ticks: refresh at 07:00, posts at 09:00
      if (hour % (7 * 24) === 0 || t + 3600_000 > end) {
        const last = (
          JSON.parse(rt.properties.document['sync.records'] ?? '[]') as Array<{
            outcome: string;
            requests: number;
            items: { leads: number; events: number };
          }>
        )[0];
        const refreshed = JSON.parse(rt.properties.document['rating.lastRefresh'] ?? '{}') as {
          dataAsOf?: string;
        };
        console.log(
          `  ${new Date(t).toISOString().slice(0, 10)}: last sync ${last?.outcome ?? 'none'} (${last?.requests ?? 0} requests, ${last?.items.leads ?? 0} leads changed); rating as of ${refreshed.dataAsOf ?? '—'}${rt.triggerFailures.length ? `; ${rt.triggerFailures.length} trigger failures` : ''}`,
        );
      }
    }
    console.log(`  (${Math.round((Date.now() - t0) / 1000)} s)`);
    if (rt.triggerFailures.length) console.log('Trigger failures:', rt.triggerFailures.slice(0, 3));

    // the spreadsheet
    await writeXlsx(rt.spreadsheet, join(out, 'rating.xlsx'));
    writeFileSync(
      join(out, 'rating.html'),
      spreadsheetToHtml(rt.spreadsheet, { sheets: SHEETS, title: 'Рейтинг менеджеров — демо' }),
    );
    // the chats
    const transcript = await control<{
      transcript: Array<{
        at: number;
        method: string;
        ok: boolean;
        chatId?: string;
        text?: string;
      }>;
      chats: RenderedChat[];
    }>(tg.url, 'transcript');
    writeFileSync(join(out, 'telegram.json'), JSON.stringify(transcript, null, 1));
    const chats = transcript.chats.filter((c) => c.id === tg.group || c.id === tg.head);
    // the photos the chats hold (the Monday charts), as the emulator kept them
    const photos = new Map<string, string>();
    for (const id of chats
      .flatMap((c) => c.messages.flatMap((m) => m.photo ?? []))
      .map((p) => p.file_id)) {
      const f = await control<{ contentType: string; base64: string }>(tg.url, 'file', {
        fileId: id,
      });
      photos.set(id, `data:${f.contentType};base64,${f.base64}`);
    }
    writeFileSync(
      join(out, 'telegram.html'),
      chatsToHtml(chats, 'Europe/Moscow', 'Рейтинг в Telegram — демо', (id) => photos.get(id)),
    );
    const lastPhoto = [...photos.values()].at(-1);
    if (lastPhoto)
      writeFileSync(
        join(out, 'chart-photo.png'),
        Buffer.from(lastPhoto.split(',')[1] ?? '', 'base64'),
      );
    console.log(
      `\nWrote out/rating.xlsx, out/rating.html, out/telegram.json, out/telegram.html${lastPhoto ? `, out/chart-photo.png (the last Monday photo; ${photos.size} photos sent)` : ''}`,
    );

    // the posts by kind, and no text twice in one chat
    const ledger = JSON.parse(rt.properties.document['telegram.ledger'] ?? '{}') as Record<
      string,
      { state: string }
    >;
    const sent = transcript.transcript.filter((x) => x.method === 'sendmessage' && x.ok);
    const kinds: Record<string, number> = {};
    for (const x of sent) {
      const first = x.text?.split('\n')[0] ?? '';
      const kind = first.includes('Итоги квартала')
        ? 'quarter'
        : first.includes('Итоги месяца')
          ? 'month final'
          : first.includes('Рейтинг недели') && (x.text ?? '').includes('Рейтинг месяца')
            ? 'Monday (week + month)'
            : first.includes('Рейтинг недели')
              ? 'daily (week)'
              : first.includes('внизу')
                ? 'head digest (private)'
                : 'other';
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
    const texts = new Set(sent.map((x) => `${x.chatId}|${x.text}`));
    console.log(`Telegram posts by kind: ${JSON.stringify(kinds)}`);
    // the daily post goes on working days only (the option ticked in the wizard); finals keep the 1st
    const moscowWeekday = (at: number) =>
      new Date((at > 1e12 ? at : at * 1000) + 3 * 3600_000).getUTCDay();
    const weekend = sent.filter(
      (x) => String(x.chatId) === String(tg.group) && [0, 6].includes(moscowWeekday(x.at)),
    );
    console.log(
      `  group posts on Saturdays and Sundays: ${weekend.length} (${weekend.map((x) => x.text?.split('\n')[0] ?? '').join('; ') || 'none'})`,
    );
    console.log(
      `  ${sent.length} messages, ${texts.size === sent.length ? 'no text sent twice to a chat' : `${sent.length - texts.size} DUPLICATES`}; ledger: ${JSON.stringify(countStates(ledger))}`,
    );
    for (const [sheet = '', label = ''] of [
      ['Неделя', 'Week'],
      ['Месяц', 'Month'],
      ['Квартал', 'Quarter'],
    ]) {
      console.log(`\n${label} («${sheet}»), top 3:`);
      for (const line of top3(rt, sheet)) console.log(`  ${line}`);
    }
    printMotivation(rt, sent);
    console.log(
      `\nPosts and sheets: ${keepAndCompare(out, summaryOf(rt, BIGQUERY ? 'bigquery' : 'spreadsheet', END, SHEETS, sent, tg.group))}`,
    );

    if (browser) {
      try {
        const b = browser;
        const shots = [
          ...pictures,
          ...(await timed('the sheets', () => sheetScreens(rt, b, out, SHEETS))),
          ...(await timed('the sidebar', () => sidebarScreens(rt, b, out))),
          await timed('the chats', () => telegramScreen(join(out, 'telegram.html'), b, out)),
          ...(await timed('the cards', () => cardScreens(rt, b, out))),
        ];
        console.log(
          `\nPictures (chromium): ${shots.map((f) => f.replace(`${ROOT}/`, '')).join(', ')}`,
        );
      } finally {
        await browser.close();
        browser = null;
      }
    } else console.log('\nchromium is not installed: no pictures (apt-get install -y chromium)');
  } finally {
    await browser?.close();
    await rt.close();
    await amoProc.stop();
    await tgProc.stop();
  }
}

/**
 * The same set-up through the server functions the sidebar's pages call, for a machine without
 * chromium (no page can be clicked there).
 */
function setUpThroughServer(rt: GasRuntime, input: SetupInput): void {
  must(
    'connect amoCRM',
    rt.callFromClient('connectAmoWithToken', 'demo', input.amoToken) as {
      ok: boolean;
      message: string;
    },
  );
  const settings = (rt.callFromClient('sidebarLoad') as { settings: Settings }).settings;
  const admin = [...input.names].find(([, name]) => name === input.adminName)?.[0];
  must(
    'pipelines, stages and who takes part',
    rt.callFromClient('saveSettingsPart', {
      'rating.pipelineIds': settings.rating.pipelineIds,
      'rating.stages': settings.rating.stages,
      'rating.excludedUserIds': admin === undefined ? [] : [admin],
    }) as { ok: boolean },
  );
  must(
    'plans for March, April and May',
    rt.callFromClient(
      'savePlans',
      input
        .plans(['2026-03', '2026-04', '2026-05'])
        .map(({ won, ...p }) => ({ ...p, figures: { won } })),
    ) as { ok: boolean; message: string },
  );
  must(
    'connect the Telegram bot',
    rt.callFromClient('connectTelegramBot', input.telegramToken) as {
      ok: boolean;
      message: string;
    },
  );
  must(
    'find its chats',
    rt.callFromClient('findTelegramChats') as { ok: boolean; message: string },
  );
  must(
    'choose the group and the private chat',
    rt.callFromClient('saveSettingsPart', {
      telegram: {
        ...settings.telegram,
        hour: 9,
        workingDaysOnly: true,
        groupChatId: input.groupChatId,
        headChatId: input.headChatId,
      },
    }) as { ok: boolean },
  );
  must(
    'schedule on at 07:00',
    rt.callFromClient('setSchedule', true, 7) as { ok: boolean; message: string },
  );
  must(
    'norms',
    rt.callFromClient('saveSettingsPart', {
      'rating.norms': {
        maxOverdueTasks: 15,
        maxLost: null,
        maxLostShare: 0.92,
        maxLeadsWithoutTasks: 60,
      },
    }) as { ok: boolean },
  );
}

/**
 * «Карточка менеджера» for the week's first and last ranked managers: chosen in the drop-down as a
 * person would (no script run), the whole sheet with its chart (out/card-1.png, out/card-2.png).
 */
async function cardScreens(rt: GasRuntime, browser: Browser, out: string): Promise<string[]> {
  const sheet = rt.spreadsheet.sheets.find((x) => x.name === 'Карточка менеджера');
  const week = top3(rt, 'Неделя').length
    ? rt.spreadsheet.sheets.find((x) => x.name === 'Неделя')
    : undefined;
  if (!sheet || !week) return [];
  // the week's first table only (the team table under it is numbered too), names as the card's
  // drop-down lists them: without the marks after a name (🌴 🤒 🌱 absences, 🔥N 🏆N ⭐ streaks)
  const ranked: string[] = [];
  for (const r of week.rows.slice(6)) {
    const place = r?.[0]?.v;
    const name = r?.[2]?.v;
    if (typeof place !== 'number' || typeof name !== 'string' || !name) continue;
    if (ranked.length && place === 1) break;
    ranked.push(name.replace(/(?: (?:🌴|🤒|🌱|🔥\d+|🏆\d+|⭐))+$/u, ''));
  }
  const files: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
  for (const [i, name] of [ranked[0], ranked.at(-1)].entries()) {
    if (!name) continue;
    const refused = rt.userEdit(rt.user, sheet.name, 2, 2, name);
    if (refused) console.log(`  the card refused «${name}»: ${refused}`);
    const html = join(out, `card-${i + 1}.html`);
    writeFileSync(html, spreadsheetToHtml(rt.spreadsheet, { sheets: [sheet.name], title: name }));
    await page.goto(`file://${html}`);
    const file = join(out, `card-${i + 1}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  await page.close();
  return files;
}

/** Runs a step of the pictures and says how long it took (a slow step shows where). */
async function timed<T>(what: string, f: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const r = await f();
  console.log(`  pictures of ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

function countStates(ledger: Record<string, { state: string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of Object.values(ledger)) out[e.state] = (out[e.state] ?? 0) + 1;
  return out;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
