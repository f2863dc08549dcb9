/**
 * Russia's production calendar as data (docs/rules.md §3.2.9): per year, the weekdays that are
 * not worked (public holidays of the Labour Code art. 112 and the days off transferred by the
 * government's yearly decree «О переносе выходных дней») and the weekend days that are worked
 * (transferred working Saturdays). Every other Saturday and Sunday is a day off, every other
 * weekday a working day. The head's own edits go on top (src/engine/work-calendar.ts).
 *
 * Sources:
 * - 2024: Постановление Правительства РФ от 10.08.2023 № 1314 (consultant.ru
 *   cons_doc_LAW_455140): 6 and 7 January moved to 10 May and 31 December; 27 April → 29 April,
 *   2 November → 30 April, 28 December → 30 December. 248 working days.
 * - 2025: Постановление Правительства РФ от 04.10.2024 № 1335 (consultant.ru
 *   cons_doc_LAW_481586): 4 and 5 January → 2 May and 31 December; 23 February → 8 May,
 *   8 March → 13 June, 1 November (worked) → 3 November. 247 working days.
 * - 2026: Постановление Правительства РФ от 24.09.2025 № 1466: 3 and 4 January → 9 January
 *   and 31 December; 8 March (Sunday) → 9 March, 9 May (Saturday) → 11 May by art. 112.
 *   247 working days.
 * - 2027: NOT CONFIRMED. No decree on the transfers of 2027 could be found when this was
 *   written; the year holds only what the Labour Code fixes (holidays 1–8 January, 23 February,
 *   8 March, 1 and 9 May, 12 June, 4 November; a holiday on a weekend moves to the next
 *   working day, except the January ones) — the government's transfers of 2 and 3 January
 *   (and any others) are missing. The head adds them in «Расписание и язык» once published,
 *   and the status names the year as unconfirmed until the data is updated.
 */

export interface PublishedYear {
  year: number;
  /** whether the government's decree for the year was found and the data checked against it */
  confirmed: boolean;
  /** Monday–Friday days that are not worked, 'YYYY-MM-DD' */
  daysOff: readonly string[];
  /** Saturdays or Sundays that are worked (transferred working days), 'YYYY-MM-DD' */
  workedWeekends: readonly string[];
}

// prettier-ignore
export const RU_PRODUCTION_CALENDAR: readonly PublishedYear[] = [
  {
    year: 2024,
    confirmed: true,
    daysOff: [
      '2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08',
      '2024-02-23', '2024-03-08', '2024-04-29', '2024-04-30', '2024-05-01', '2024-05-09',
      '2024-05-10', '2024-06-12', '2024-11-04', '2024-12-30', '2024-12-31',
    ],
    workedWeekends: ['2024-04-27', '2024-11-02', '2024-12-28'],
  },
  {
    year: 2025,
    confirmed: true,
    daysOff: [
      '2025-01-01', '2025-01-02', '2025-01-03', '2025-01-06', '2025-01-07', '2025-01-08',
      '2025-05-01', '2025-05-02', '2025-05-08', '2025-05-09', '2025-06-12', '2025-06-13',
      '2025-11-03', '2025-11-04', '2025-12-31',
    ],
    workedWeekends: ['2025-11-01'],
  },
  {
    year: 2026,
    confirmed: true,
    daysOff: [
      '2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08',
      '2026-01-09', '2026-02-23', '2026-03-09', '2026-05-01', '2026-05-11', '2026-06-12',
      '2026-11-04', '2026-12-31',
    ],
    workedWeekends: [],
  },
  {
    year: 2027,
    confirmed: false,
    daysOff: [
      '2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08',
      '2027-02-23', '2027-03-08', '2027-05-03', '2027-05-10', '2027-06-14', '2027-11-04',
    ],
    workedWeekends: [],
  },
];
