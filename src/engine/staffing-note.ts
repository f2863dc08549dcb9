/**
 * What a rating sheet says beside a manager whose plan is not the month's plain share
 * (docs/rules.md §3.2.10): the absences that touch the period, the ramp's percent, and the share
 * of the plan left («отпуск 4–15 мая, план 53 %»). Pure; the words are the sheet's.
 */
import type { Calendar } from './calendar';
import type { Absence } from './engine-settings';
import type { Period } from './periods';
import { lastPlanDay, planShares } from './plans';
import type { Staffing } from './work-days';

export interface StaffingNote {
  absences: Array<Pick<Absence, 'kind' | 'from' | 'to'>>;
  /** the ramp's percent of the plan at the period's start (or the first day at work), 0–100 */
  rampPercent: number | null;
  /** the manager's plan as a share of the plan without absences and ramp; null without days */
  planShare: number | null;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((s, x) => s + x, 0);

export function staffingNote(
  cal: Calendar,
  staff: Staffing,
  userId: number,
  p: Period,
): StaffingNote | null {
  const last = lastPlanDay(cal, p);
  const absences = staff
    .absencesOf(userId)
    .filter((a) => a.from <= last && a.to >= p.firstDay)
    .map(({ kind, from, to }) => ({ kind, from, to }));
  const ramp = staff.rampOf(userId);
  let rampPercent: number | null = null;
  if (ramp && ramp.start <= last) {
    const day = ramp.start > p.firstDay ? ramp.start : p.firstDay;
    const share = staff.rampShare(userId, day);
    // a ramp whose months are over is no longer worth a word
    if (share < 1) rampPercent = Math.round(share * 100);
  }
  if (!absences.length && rampPercent === null) return null;
  const own = total(planShares(cal, staff, userId, p).whole);
  // a user id nobody has: the account's calendar without absences or ramp
  const full = total(planShares(cal, staff, Number.NaN, p).whole);
  return { absences, rampPercent, planShare: full > 0 ? own / full : null };
}
