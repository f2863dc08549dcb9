/**
 * The set-up several runtime tests share, in one place: the sample account connected, the
 * Telegram bot posting to the team's group and the head's private chat, published once and
 * scheduled; and the sidebar opened from the menu in the page harness. Through the same entry
 * points the sidebar calls; each step must succeed, or the test stops at it.
 */
import type { Frame, Page } from 'playwright-core';
import type { GasRuntime } from '../../dev/gas';
import type { PageHarness } from '../../dev/gas/page-harness';
import type { TelegramHandle } from './emulators';
import { setUpRuntime } from './fixture-account';

export const MENU = 'Рейтинг менеджеров';

/** «Обновить сейчас» from the menu, as the head refreshes by hand. */
export function refresh(rt: GasRuntime): void {
  rt.clickMenu(MENU, 'Обновить сейчас');
}

function must(what: string, answer: unknown): void {
  const r = answer as { ok?: boolean; message?: string } | null;
  if (!r?.ok) throw new Error(`${what}: ${r?.message ?? JSON.stringify(answer)}`);
}

export interface TelegramChoice {
  daily: boolean;
  monday: boolean;
  quarter: boolean;
  headDigest: boolean;
  workingDaysOnly?: boolean;
  hour: number;
  publicTopN: number | null;
}

/** Posts off, 09:00, everyone listed: what the tests about problems start from. */
export const POSTS_OFF: TelegramChoice = {
  daily: false,
  monday: false,
  quarter: false,
  headDigest: false,
  hour: 9,
  publicTopN: null,
};

/**
 * Routes amoCRM and Telegram to their emulators, connects the bot, finds its chats and chooses
 * the group and the head's private chat with `choice`.
 */
export function connectTelegram(
  rt: GasRuntime,
  amo: { url: string },
  tg: TelegramHandle,
  choice: TelegramChoice,
): void {
  rt.routes = [
    { host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true },
    { host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true },
  ];
  must('connect the bot', rt.callFromClient('connectTelegramBot', tg.token));
  rt.callFromClient('findTelegramChats');
  must(
    'choose the chats',
    rt.callFromClient('saveSettingsPart', {
      telegram: { ...choice, groupChatId: tg.chatId, headChatId: tg.headId },
    }),
  );
}

/**
 * The sample account connected (Monday 16 March, 09:00 Moscow), the bot posting to the group and
 * the head's private chat as `choice` says, published once, and the schedule on at `hour`.
 */
export function publishedWithTelegram(
  amo: { url: string; token: string },
  tg: TelegramHandle,
  choice: TelegramChoice = POSTS_OFF,
  hour = 9,
): GasRuntime {
  const { rt } = setUpRuntime(amo);
  connectTelegram(rt, amo, tg, choice);
  refresh(rt);
  const on = rt.callFromClient('setSchedule', true, hour) as { on?: boolean };
  must('the schedule on', on);
  if (!on.on) throw new Error('the schedule on: still off');
  return rt;
}

/** The sample account connected on Monday 16 March 2026, the spreadsheet open, synced once. */
export function syncedSample(
  amo: { url: string; token: string },
  opts: Parameters<typeof setUpRuntime>[1] = {},
): GasRuntime {
  const { rt } = setUpRuntime(amo, opts);
  rt.open();
  refresh(rt);
  return rt;
}

/**
 * «Настройки» from the menu, opened in the page harness; ready once `ready` is on the page (the
 * sections, by default).
 */
export async function openSidebar(
  rt: GasRuntime,
  harness: PageHarness,
  opts: { sidebarHeight?: number; ready?: string } = {},
): Promise<{ page: Page; frame: Frame }> {
  rt.clickMenu(MENU, 'Настройки');
  const shown = rt.ui.pages.at(-1);
  if (shown?.kind !== 'sidebar') throw new Error('no sidebar shown');
  const opened = await harness.open(shown, { sidebarHeight: opts.sidebarHeight ?? 1100 });
  await opened.frame.waitForSelector(opts.ready ?? '.sections');
  return opened;
}

/** A message the Telegram emulator's transcript lists. */
export interface Sent {
  at: number;
  method: string;
  chatId?: string;
  ok: boolean;
  text?: string;
}

/**
 * The hourly trigger left to run from `start` to `end` (ISO instants), the emulator's account
 * living the same hours (its people work on as the clock moves); `each` looks at every hour.
 */
export async function liveHours(
  rt: GasRuntime,
  amo: { control(path: string, body?: unknown): Promise<unknown> },
  start: string,
  end: string,
  each: (t: number) => unknown = () => undefined,
): Promise<void> {
  for (let t = Date.parse(start) + 3600_000; t <= Date.parse(end); t += 3600_000) {
    await amo.control('clock', { set: Math.floor(t / 1000) });
    rt.advanceTo(t);
    await each(t);
  }
}

/** What the bot delivered, in order: to the team's group and to the head's private chat. */
export async function delivered(tg: TelegramHandle): Promise<{ group: Sent[]; head: Sent[] }> {
  const log = await tg.control<{ transcript: Sent[] }>('transcript');
  const sent = log.transcript.filter((x) => x.method === 'sendmessage' && x.ok);
  return {
    group: sent.filter((x) => x.chatId === String(tg.chatId)),
    head: sent.filter((x) => x.chatId === String(tg.headId)),
  };
}
