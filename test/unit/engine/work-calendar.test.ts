/**
 * Russia's production calendar as the product ships it, pinned against the published tables
 * (consultant.ru «Производственный календарь», the government's decrees on transfers of days
 * off), and the head's edits on top.
 */
import { RU_PRODUCTION_CALENDAR, WorkCalendar } from '../../../src/engine';
import { accountWorks } from '../../oracle/work-days';

const cal = new WorkCalendar();

function daysOf(month: string): string[] {
  const [y = 0, m = 0] = month.split('-').map(Number);
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}
const working = (month: string, c = cal) => daysOf(month).filter((d) => c.isWorkingDay(d));
const off = (month: string, c = cal) =>
  daysOf(month)
    .filter((d) => !c.isWorkingDay(d))
    .map((d) => Number(d.slice(8)));

test('May 2026 as published: 19 working days; off 1–3, 9–11 and the weekends', () => {
  // Постановление Правительства РФ от 24.09.2025 № 1466; the published table for May 2026:
  //   Пн Вт Ср Чт Пт Сб Вс
  //                  1* 2* 3*      * — 1 May holiday, then the weekend
  //   4  5  6  7  8  9* 10*        9 May (Victory Day) is a Saturday…
  //   11* 12 13 14 15 16* 17*      …so Monday 11 May is off (Labour Code art. 112)
  //   18 19 20 21 22 23* 24*
  //   25 26 27 28 29 30* 31*
  //   working days 19, days off 12
  expect(working('2026-05')).toHaveLength(19);
  expect(off('2026-05')).toEqual([1, 2, 3, 9, 10, 11, 16, 17, 23, 24, 30, 31]);
  expect(cal.workingDaysBetween('2026-05-01', '2026-05-31')).toBe(19);
  // the first week of work after the May holidays: 4–8 May
  expect(cal.workingDaysBetween('2026-05-01', '2026-05-09')).toBe(5);
});

test('January 2027: 15 working days; 1–10 January off', () => {
  // The Labour Code's holidays 1–8 January (art. 112) and the weekend of 9–10 January; the
  // table every production calendar for 2027 shows for January (the transfers of 2 and 3 January,
  // a Saturday and a Sunday, go to other months):
  //   Пн Вт Ср Чт Пт Сб Вс
  //               1* 2* 3*
  //   4* 5* 6* 7* 8* 9* 10*
  //   11 12 13 14 15 16* 17*
  //   18 19 20 21 22 23* 24*
  //   25 26 27 28 29 30* 31*
  //   working days 15, days off 16
  expect(working('2027-01')).toHaveLength(15);
  expect(working('2027-01')[0]).toBe('2027-01-11');
  expect(off('2027-01')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16, 17, 23, 24, 30, 31]);
});

test('2025 as published: the transfers of decree № 1335 and a worked Saturday', () => {
  // Постановление Правительства РФ от 04.10.2024 № 1335: 4 and 5 January → 2 May and 31 December;
  // 23 February (Sunday) → 8 May; 8 March (Saturday) → 13 June; Saturday 1 November worked,
  // Monday 3 November off. Published: January 17 working days, February 20, March 21, May 18,
  // June 19, November 19, December 22; 247 in the year.
  const counts = ['01', '02', '03', '05', '06', '11', '12'].map((m) => working(`2025-${m}`).length);
  expect(counts).toEqual([17, 20, 21, 18, 19, 19, 22]);
  expect(off('2025-05')).toEqual([1, 2, 3, 4, 8, 9, 10, 11, 17, 18, 24, 25, 31]);
  expect(cal.isWorkingDay('2025-11-01')).toBe(true); // a Saturday worked
  expect(cal.isWorkingDay('2025-11-03')).toBe(false); // its Monday off
  expect(cal.isWorkingDay('2025-02-24')).toBe(true); // 23 February's day off went to 8 May
  expect(cal.isWorkingDay('2025-06-13')).toBe(false);
});

test('the years as published: 248 working days in 2024, 247 in 2025 and 2026', () => {
  expect(cal.workingDaysBetween('2024-01-01', '2024-12-31')).toBe(248);
  expect(cal.workingDaysBetween('2025-01-01', '2025-12-31')).toBe(247);
  expect(cal.workingDaysBetween('2026-01-01', '2026-12-31')).toBe(247);
  // 2024's worked Saturdays: 27 April, 2 November, 28 December
  expect(['2024-04-27', '2024-11-02', '2024-12-28'].map((d) => cal.isWorkingDay(d))).toEqual([
    true,
    true,
    true,
  ]);
  // the data lists weekdays as days off and weekend days as worked, nothing else
  for (const y of RU_PRODUCTION_CALENDAR) {
    for (const d of y.daysOff) expect([0, 6]).not.toContain(new Date(d).getUTCDay());
    for (const d of y.workedWeekends) expect([0, 6]).toContain(new Date(d).getUTCDay());
  }
});

test('outside the confirmed years: Monday to Friday, and the year is named as unknown', () => {
  expect(cal.unknownYears('2026-01-01', '2026-12-31')).toEqual([]);
  // 2027's decree was not found: the year is shipped from the Labour Code alone and flagged
  expect(cal.unknownYears('2026-12-01', '2027-01-31')).toEqual([2027]);
  expect(cal.unknownYears('2028-03-01', '2028-03-31')).toEqual([2028]);
  expect(cal.isWorkingDay('2028-03-08')).toBe(true); // a Wednesday: no data, so worked
  expect(cal.isWorkingDay('2028-03-11')).toBe(false); // a Saturday
  expect(cal.workingDaysBetween('2028-03-01', '2028-03-31')).toBe(23);
});

test('the head edits the calendar: a day off added, a holiday made a working day', () => {
  const edited = new WorkCalendar([
    { day: '2026-12-30', off: true }, // a company day off
    { day: '2026-12-31', off: false }, // the office works on the published day off
    { day: '2028-03-08', off: true }, // a year without data
  ]);
  expect(edited.isWorkingDay('2026-12-30')).toBe(false);
  expect(edited.isWorkingDay('2026-12-31')).toBe(true);
  expect(edited.isWorkingDay('2028-03-08')).toBe(false);
  // December 2026: 22 working days as published (31 December off); the edits swap two days
  expect(working('2026-12')).toHaveLength(22);
  expect(working('2026-12', edited)).toHaveLength(22);
  expect(working('2026-12', edited).slice(-2)).toEqual(['2026-12-29', '2026-12-31']);
  // an empty range and a reversed one have no working days
  expect(cal.workingDaysBetween('2026-05-10', '2026-05-09')).toBe(0);
});

test('the product agrees with the reference recount on every day of 2024–2027', () => {
  // test/oracle/work-days.ts writes the same calendar as the decrees' rest periods; the product
  // as weekday holidays and worked weekends: two accounts of one published table
  const differ: string[] = [];
  for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2028, 0, 1); t += 86400000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (cal.isWorkingDay(day) !== accountWorks({}, day)) differ.push(day);
  }
  expect(differ).toEqual([]);
});
