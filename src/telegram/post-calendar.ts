/**
 * The posting calendar (docs/rules.md §4.8): which posts a local day calls for, in the order they
 * go out. Pure: a day 'YYYY-MM-DD' and the switches in, the day's posts out.
 *
 * - a month's final goes on the 1st of the next month, before anything else that day;
 * - a quarter's final on the first day of the next quarter, right after that day's month final;
 * - the month to date on Mondays, except in a month's first 6 days (one day of data, zeros
 *   and arrows against last month help nobody); it shares one message with the week's rating
 *   when both are due, so Monday brings one message, not two;
 * - the week's rating every day, or on working days only when the head chose so;
 * - the head's digest, privately, on Mondays.
 *
 * Working days are those of the account's working calendar (docs/rules.md §3.2.9): Russia's
 * production calendar with the head's edits — no daily post on 4 November or 8 March, one on a
 * transferred working Saturday.
 */
import { WorkCalendar } from '../engine';

export type Slot =
  /** last month's final (group) */
  | 'monthFinal'
  /** last quarter's final, its top 3 (group) */
  | 'quarterFinal'
  /** the week's rating and the month to date, one message (group) */
  | 'weekAndMonth'
  /** the month to date alone: the daily post is off or not due that day (group) */
  | 'month'
  /** the week's rating (group) */
  | 'week'
  /** who stays at the bottom (the head's private chat) */
  | 'digest';

export interface PostSwitches {
  daily: boolean;
  /** the month to date on Mondays and the month's final */
  monday: boolean;
  quarter: boolean;
  headDigest: boolean;
  /** the daily post on working days only */
  workingDaysOnly: boolean;
}

/** the first day of a month on which the month to date is posted (days 1–6 are too little) */
export const MONTH_TO_DATE_FROM_DAY = 7;

/**
 * A final missed on its day (the refresh failed all day, Telegram was out of reach) still goes
 * out late on the following days up to this one; the ledger, keyed by period, keeps it to once.
 */
export const FINAL_LATE_UNTIL_DAY = 7;

interface DayParts {
  y: number;
  m: number;
  d: number;
  /** 0 Sunday … 6 Saturday */
  weekday: number;
}

function partsOf(day: string): DayParts {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return { y, m, d, weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

const PUBLISHED = new WorkCalendar();

/** A working day of the calendar given (Russia's as published when none is). */
export function isWorkingDay(day: string, work: WorkCalendar = PUBLISHED): boolean {
  return work.isWorkingDay(day);
}

export function isMonday(day: string): boolean {
  return partsOf(day).weekday === 1;
}

/** Whether the day is the first of a quarter's months (January, April, July, October). */
function quarterOpens(m: number): boolean {
  return (m - 1) % 3 === 0;
}

/**
 * The posts due on this day, in the order they go out. `late` adds the finals whose day passed
 * within FINAL_LATE_UNTIL_DAY (a final already posted is skipped by the ledger).
 */
export function postsOfDay(
  day: string,
  on: PostSwitches,
  late = false,
  work: WorkCalendar = PUBLISHED,
): Slot[] {
  const { m, d, weekday } = partsOf(day);
  const finalsDue = d === 1 || (late && d <= FINAL_LATE_UNTIL_DAY);
  const slots: Slot[] = [];
  if (on.monday && finalsDue) slots.push('monthFinal');
  if (on.quarter && finalsDue && quarterOpens(m)) slots.push('quarterFinal');
  const week = on.daily && (!on.workingDaysOnly || isWorkingDay(day, work));
  const month = on.monday && weekday === 1 && d >= MONTH_TO_DATE_FROM_DAY;
  if (week && month) slots.push('weekAndMonth');
  else if (month) slots.push('month');
  else if (week) slots.push('week');
  if (on.headDigest && weekday === 1) slots.push('digest');
  return slots;
}
