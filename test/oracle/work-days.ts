/**
 * Working days as PRODUCT.md §3.2 describes them, written apart from the product (imports
 * nothing from src/): Russia's production calendar, here as the *rest periods* the government's
 * decrees announce (weekends included) and the Saturdays worked instead, plus the head's edits,
 * a manager's absences and ramp. A second, independent account of the same published calendar.
 */
import { addDays, daysInMonth, midnight, type LocalDate, type Period } from './calendar';

type Range = readonly [string, string];

/**
 * Rest periods per year, as announced (Постановления Правительства РФ № 1314 of 10.08.2023,
 * № 1335 of 04.10.2024, № 1466 of 24.09.2025); 2027 from the Labour Code alone (art. 112: the
 * holidays, and a holiday on a weekend moved to the next working day), no decree yet.
 */
const REST: Record<number, { rest: Range[]; worked: string[] }> = {
  2024: {
    rest: [
      ['2024-01-01', '2024-01-08'],
      ['2024-02-23', '2024-02-25'],
      ['2024-03-08', '2024-03-10'],
      ['2024-04-28', '2024-05-01'],
      ['2024-05-09', '2024-05-12'],
      ['2024-06-12', '2024-06-12'],
      ['2024-11-03', '2024-11-04'],
      ['2024-12-29', '2024-12-31'],
    ],
    worked: ['2024-04-27', '2024-11-02', '2024-12-28'],
  },
  2025: {
    rest: [
      ['2025-01-01', '2025-01-08'],
      ['2025-02-22', '2025-02-23'],
      ['2025-03-08', '2025-03-09'],
      ['2025-05-01', '2025-05-04'],
      ['2025-05-08', '2025-05-11'],
      ['2025-06-12', '2025-06-15'],
      ['2025-11-02', '2025-11-04'],
      ['2025-12-31', '2025-12-31'],
    ],
    worked: ['2025-11-01'],
  },
  2026: {
    rest: [
      ['2026-01-01', '2026-01-11'],
      ['2026-02-21', '2026-02-23'],
      ['2026-03-07', '2026-03-09'],
      ['2026-05-01', '2026-05-03'],
      ['2026-05-09', '2026-05-11'],
      ['2026-06-12', '2026-06-14'],
      ['2026-11-04', '2026-11-04'],
      ['2026-12-31', '2026-12-31'],
    ],
    worked: [],
  },
  2027: {
    rest: [
      ['2027-01-01', '2027-01-10'],
      ['2027-02-23', '2027-02-23'],
      ['2027-03-06', '2027-03-08'],
      ['2027-05-01', '2027-05-03'],
      ['2027-05-08', '2027-05-10'],
      ['2027-06-12', '2027-06-14'],
      ['2027-11-04', '2027-11-04'],
    ],
    worked: [],
  },
};

export interface StaffSettings {
  calendarDays?: Array<{ day: string; off: boolean }>;
  absences?: Array<{ userId: number; from: string; to: string }>;
  ramps?: Array<{ userId: number; start: string; percents: number[] }>;
}

const key = (d: LocalDate) =>
  `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;

/** Whether the account works on a day (the head's edit, else the calendar, else Mon–Fri). */
export function accountWorks(s: StaffSettings, day: string): boolean {
  const edit = (s.calendarDays ?? []).find((e) => e.day === day);
  if (edit) return !edit.off;
  const year = REST[Number(day.slice(0, 4))];
  if (year?.worked.includes(day)) return true;
  if (year?.rest.some(([a, b]) => a <= day && day <= b)) return false;
  const wd = new Date(`${day}T12:00:00Z`).getUTCDay();
  return wd >= 1 && wd <= 5;
}

/** The share of a day's month plan a manager owes for the day (0 when not worked). */
function owed(s: StaffSettings, userId: number, day: string): number {
  if (!accountWorks(s, day)) return 0;
  if ((s.absences ?? []).some((a) => a.userId === userId && a.from <= day && day <= a.to)) return 0;
  const ramp = (s.ramps ?? []).find((r) => r.userId === userId);
  let pct = 100;
  if (ramp) {
    if (day < ramp.start) return 0;
    // months of tenure: from the start's day of month to the day before it, one month later
    const [sy, sm, sd] = ramp.start.split('-').map(Number) as [number, number, number];
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const k = (y - sy) * 12 + (m - sm) - (d < sd ? 1 : 0);
    pct = ramp.percents[k] ?? 100;
  }
  const [y, m] = day.split('-').map(Number) as [number, number];
  let working = 0;
  for (let i = 1; i <= daysInMonth(y, m); i++)
    if (accountWorks(s, `${day.slice(0, 8)}${String(i).padStart(2, '0')}`)) working++;
  return working ? pct / 100 / working : 0;
}

/**
 * Per month 'YYYY-MM', the share of its plan a manager's period carries (`userId` null: the
 * account's calendar alone), whole and up to `asOf` (today by the part of it passed), and the
 * manager's working days fully passed.
 */
export function owedShares(
  s: StaffSettings,
  userId: number | null,
  p: Period,
  asOf: { ms: number; zone: string } | null,
): { whole: Map<string, number>; due: Map<string, number>; passed: number } {
  const whole = new Map<string, number>();
  const due = new Map<string, number>();
  let passed = 0;
  for (let d = p.first; key(d) < key(p.after); d = addDays(d, 1)) {
    const day = key(d);
    const w =
      userId === null ? owed({ calendarDays: s.calendarDays }, -1, day) : owed(s, userId, day);
    const month = day.slice(0, 7);
    whole.set(month, (whole.get(month) ?? 0) + w);
    let part = 1;
    if (asOf) {
      const start = midnight(d, asOf.zone);
      const end = midnight(addDays(d, 1), asOf.zone);
      part = Math.max(0, Math.min(1, (asOf.ms - start) / (end - start)));
    }
    due.set(month, (due.get(month) ?? 0) + w * part);
    if (w > 0 && part === 1) passed++;
  }
  return { whole, due, passed };
}
