/**
 * The posting calendar lived through, in the built bundle: a generated account and a bot set up on
 * Sunday 1 March 2026 before the day's refresh, the daily post on working days only, the schedule
 * turned on, and the hourly trigger left to run until Friday 10 April. What the Telegram
 * emulator's group received, by the Moscow day it arrived: February's final on 1 March, no month
 * to date before 7 March, one message on each Monday, none on Saturdays and Sundays, March's final
 * on 1 April before the quarter's, every text once. PRODUCT.md §4; docs/rules.md §4.8.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../dev/gas';
import {
  startAmoEmulator,
  startTelegramEmulator,
  type AmoHandle,
  type TelegramHandle,
} from '../support/emulators';
import { setUpRuntime } from '../support/fixture-account';
import { connectTelegram, delivered, liveHours } from '../support/set-up-rating';

jest.setTimeout(600_000);

const OUT = join(__dirname, '..', '..', 'out');

const START = '2026-03-01T03:00:00Z'; // Sunday 1 March, 06:00 in Moscow
const END = '2026-04-10T20:00:00Z'; // Friday 10 April, 23:00

const moscowDay = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date(ms));
const weekday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay();

/** A post's title as read: a period too long for a phone's line sits on the line below. */
function titleAsRead(text: string): string {
  const [first = '', second = ''] = text.split('\n');
  return first.includes(' · ') ? first : `${first} · ${second}`;
}

describe('the posting calendar, 1 March – 10 April 2026, through the hourly trigger', () => {
  let amo: AmoHandle;
  let tg: TelegramHandle;
  /** the group's messages: the Moscow day each arrived, its first line */
  let group: Array<{ day: string; title: string; text: string }> = [];
  let headCount = 0;

  beforeAll(async () => {
    // a generated account whose history ends on 1 March (the sample's data is of mid-March)
    amo = await startAmoEmulator(['--seed', '2026', '--size', 'tiny', '--now', START]);
    tg = await startTelegramEmulator();
    const { rt } = setUpRuntime(amo, { clock: new FakeClock(START), sampleSettings: false });
    try {
      connectTelegram(rt, amo, tg, {
        daily: true,
        workingDaysOnly: true,
        monday: true,
        quarter: true,
        headDigest: true,
        hour: 9,
        publicTopN: 10,
      });
      rt.clickMenu('Рейтинг менеджеров', 'Включить расписание');
      // hour by hour: the account's people work on (the emulator's day), the trigger ticks
      await liveHours(rt, amo, START, END);
      expect(rt.triggerFailures).toEqual([]);
    } finally {
      await rt.close();
    }
    const sent = await delivered(tg);
    group = sent.group.map((x) => ({
      day: moscowDay(x.at > 1e12 ? x.at : x.at * 1000),
      title: titleAsRead(x.text ?? ''),
      text: x.text ?? '',
    }));
    headCount = sent.head.length;
    // the transcript, to read the posts as the team does
    mkdirSync(OUT, { recursive: true });
    writeFileSync(
      join(OUT, 'posting-calendar.txt'),
      group.map((m) => `── ${m.day}\n${m.text}`).join('\n\n'),
    );
  });
  afterAll(async () => {
    await tg?.stop();
    await amo?.stop();
  });

  const on = (day: string) => group.filter((m) => m.day === day).map((m) => m.title);

  test("February's final on Sunday 1 March; March's on Wednesday 1 April, before the quarter's", () => {
    expect(on('2026-03-01')).toEqual(['🏁 Итоги месяца · февраль 2026']);
    expect(on('2026-04-01')).toEqual([
      '🏁 Итоги месяца · март 2026',
      '🎉 Итоги квартала · I кв. 2026',
      '🏆 Рейтинг недели · 25–31 марта 2026',
    ]);
    // each final once, on its day only
    expect(group.filter((m) => m.title.startsWith('🏁')).map((m) => m.day)).toEqual([
      '2026-03-01',
      '2026-04-01',
    ]);
    expect(group.filter((m) => m.title.startsWith('🎉')).map((m) => m.day)).toEqual(['2026-04-01']);
  });

  test('no month to date before 7 March; then on Mondays, sharing the message with the week', () => {
    const monthToDate = group.filter((m) => m.text.includes('📅 Рейтинг месяца'));
    expect(monthToDate.map((m) => m.day)).toEqual([
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
    // Monday 9 March is a holiday (the day off for 8 March): with the daily post on working days
    // only, the month to date goes out alone; on the other Mondays it shares the week's message
    expect(
      monthToDate
        .filter((m) => m.day !== '2026-03-09')
        .every((m) => m.title.startsWith('🏆 Рейтинг недели')),
    ).toBe(true);
    expect(monthToDate.find((m) => m.day === '2026-03-09')?.title).toMatch(/^📅 Рейтинг месяца/);
    // Monday 2 March: the week alone, not three posts
    expect(on('2026-03-02')).toEqual(['🏆 Рейтинг недели · 23 февраля – 1 марта 2026']);
    for (const m of group.filter((x) => weekday(x.day) === 1)) expect(on(m.day)).toHaveLength(1);
  });

  test('working days only: nothing on Saturdays and Sundays but the 1 March final; every working day one week post, none on the 9 March holiday', () => {
    const weekends = group.filter((m) => [0, 6].includes(weekday(m.day)));
    expect(weekends.map((m) => [m.day, m.title])).toEqual([
      ['2026-03-01', '🏁 Итоги месяца · февраль 2026'],
    ]);
    const weekPosts = group.filter((m) => m.title.startsWith('🏆 Рейтинг недели'));
    const workingDays: string[] = [];
    for (let t = Date.parse('2026-03-02T12:00:00Z'); t < Date.parse(END); t += 864e5) {
      const day = new Date(t).toISOString().slice(0, 10);
      // Russia's production calendar: 9 March 2026 is not worked
      if (![0, 6].includes(weekday(day)) && day !== '2026-03-09') workingDays.push(day);
    }
    expect(weekPosts.map((m) => m.day)).toEqual(workingDays);
  });

  test('no text twice, and no change arrows in the finals; the head gets the Monday digests', () => {
    expect(new Set(group.map((m) => m.text)).size).toBe(group.length);
    for (const m of group.filter((x) => /^(🏁|🎉)/u.test(x.title)))
      expect(m.text).not.toMatch(/[↑↓]/);
    expect(headCount).toBe(6); // 2, 9, 16, 23, 30 March and 6 April
  });
});
