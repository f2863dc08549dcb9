/**
 * The posting calendar of PRODUCT.md §4 as a pure schedule: which posts each day of 1 March –
 * 10 April 2026 calls for, with every switch on, and with the daily post on working days only.
 */
import { WorkCalendar } from '../../../src/engine';
import {
  isWorkingDay,
  postsOfDay,
  type PostSwitches,
  type Slot,
} from '../../../src/telegram/post-calendar';

const ALL: PostSwitches = {
  daily: true,
  monday: true,
  quarter: true,
  headDigest: true,
  workingDaysOnly: false,
};

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 864e5)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const SPRING = days('2026-03-01', '2026-04-10');

function scheduleOf(on: PostSwitches): Map<string, Slot[]> {
  return new Map(SPRING.map((d) => [d, postsOfDay(d, on)]));
}

/** the days on which a slot is due */
function daysWith(schedule: Map<string, Slot[]>, slot: Slot): string[] {
  return [...schedule].filter(([, s]) => s.includes(slot)).map(([d]) => d);
}

describe('the posting calendar, 1 March – 10 April 2026', () => {
  const all = scheduleOf(ALL);

  test("a month's final on the 1st of the next month, not on the next Monday; first that day", () => {
    expect(daysWith(all, 'monthFinal')).toEqual(['2026-03-01', '2026-04-01']);
    expect(all.get('2026-03-01')?.[0]).toBe('monthFinal');
    expect(all.get('2026-04-01')?.[0]).toBe('monthFinal');
    // Monday 6 April, the first Monday of April: no final any more
    expect(all.get('2026-04-06')).not.toContain('monthFinal');
  });

  test("the quarter's final on 1 April, right after March's final", () => {
    expect(daysWith(all, 'quarterFinal')).toEqual(['2026-04-01']);
    expect(all.get('2026-04-01')).toEqual(['monthFinal', 'quarterFinal', 'week']);
  });

  test("no month-to-date post in a month's first 6 days: Mondays from the 7th only", () => {
    const monthPosts = [...daysWith(all, 'weekAndMonth'), ...daysWith(all, 'month')].sort();
    expect(monthPosts).toEqual(['2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    // Monday 2 March and Monday 6 April: the week only
    expect(all.get('2026-03-02')).toEqual(['week', 'digest']);
    expect(all.get('2026-04-06')).toEqual(['week', 'digest']);
  });

  test('a Monday brings the group one message: the week and the month share it', () => {
    expect(all.get('2026-03-16')).toEqual(['weekAndMonth', 'digest']);
    const groupPostsOnMondays = SPRING.filter((d) => new Date(d).getUTCDay() === 1).map(
      (d) => (all.get(d) ?? []).filter((s) => s !== 'digest').length,
    );
    expect(groupPostsOnMondays.every((n) => n === 1)).toBe(true);
  });

  test('every day the week, without the option; the digest on Mondays, privately', () => {
    expect(daysWith(all, 'week').length + daysWith(all, 'weekAndMonth').length).toBe(SPRING.length);
    expect(daysWith(all, 'digest')).toEqual(SPRING.filter((d) => new Date(d).getUTCDay() === 1));
  });

  test('working days only: no daily post on weekends and holidays; the finals keep their day', () => {
    const working = scheduleOf({ ...ALL, workingDaysOnly: true });
    const weekly = [...daysWith(working, 'week'), ...daysWith(working, 'weekAndMonth')].sort();
    // Monday 9 March 2026 is the day off for 8 March, a Sunday (Russia's production calendar)
    expect(weekly).toEqual(
      SPRING.filter((d) => ![0, 6].includes(new Date(d).getUTCDay()) && d !== '2026-03-09'),
    );
    expect(weekly).not.toContain('2026-03-07'); // Saturday
    expect(weekly).not.toContain('2026-03-08'); // Sunday (and a holiday)
    expect(weekly).not.toContain('2026-03-09'); // Monday, the holiday moved from the Sunday
    expect(weekly).toContain('2026-03-10'); // Tuesday
    // the Monday's month to date still goes out (it is a Monday post, not the daily one)
    expect(working.get('2026-03-09')).toEqual(['month', 'digest']);
    // Sunday 1 March still closes February
    expect(working.get('2026-03-01')).toEqual(['monthFinal']);
    expect(isWorkingDay('2026-04-10')).toBe(true);
    expect(isWorkingDay('2026-04-11')).toBe(false);
  });

  test('the production calendar decides: no daily post on 4 November or 8 March, one on a worked Saturday', () => {
    const on = { ...ALL, workingDaysOnly: true };
    // Wednesday 4 November 2026, Unity Day
    expect(postsOfDay('2026-11-04', on)).toEqual([]);
    expect(postsOfDay('2026-11-05', on)).toEqual(['week']);
    // Friday 8 March 2024, Women's Day on a weekday
    expect(postsOfDay('2024-03-08', on)).toEqual([]);
    // Saturday 1 November 2025 was worked (its day off moved to Monday 3 November)
    expect(postsOfDay('2025-11-01', on)).toEqual(['monthFinal', 'week']);
    expect(postsOfDay('2025-11-03', on)).toEqual(['digest']);
    // Saturday 27 April 2024 was worked too
    expect(postsOfDay('2024-04-27', on)).toEqual(['week']);
    // without the option the calendar does not matter: every day posts
    expect(postsOfDay('2026-11-04', ALL)).toEqual(['week']);
    // the head's edit: 30 December 2026 made a day off, 31 December (off) made a working day
    const edited = new WorkCalendar([
      { day: '2026-12-30', off: true },
      { day: '2026-12-31', off: false },
    ]);
    expect(postsOfDay('2026-12-30', on, false, edited)).toEqual([]);
    expect(postsOfDay('2026-12-31', on, false, edited)).toEqual(['week']);
    expect(postsOfDay('2026-12-31', on)).toEqual([]);
  });

  test('switches: the month off takes its final with it; the daily off leaves Monday the month alone', () => {
    expect(postsOfDay('2026-04-01', { ...ALL, monday: false })).toEqual(['quarterFinal', 'week']);
    expect(postsOfDay('2026-03-16', { ...ALL, daily: false })).toEqual(['month', 'digest']);
    expect(postsOfDay('2026-04-01', { ...ALL, quarter: false })).toEqual(['monthFinal', 'week']);
  });

  test('a final missed on its day is offered late in the first 7 days only', () => {
    expect(postsOfDay('2026-04-03', ALL)).toEqual(['week']);
    expect(postsOfDay('2026-04-03', ALL, true)).toEqual(['monthFinal', 'quarterFinal', 'week']);
    expect(postsOfDay('2026-04-08', ALL, true)).toEqual(['week']);
  });
});
