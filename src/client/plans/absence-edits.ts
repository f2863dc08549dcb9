/**
 * What the plans dialog adds to a manager's absences and ramps, from what the head typed
 * (dates as ДД.ММ.ГГГГ, percents as «50 75»), refused in words before anything is sent: a date
 * that does not exist, an end before the start, an absence overlapping another of the same
 * manager, a percent outside 0–100. The server checks the same by the settings schema.
 */
import type { Absence, Ramp } from '../../engine';
import { t, type Language } from '../../i18n/messages';
import { parseTypedDay, typedDay } from '../../settings/validate';

export interface Refused {
  error: string;
}

export function absenceOf(
  typed: { userId: number; kind: Absence['kind']; from: string; to: string },
  existing: readonly Absence[],
  lang: Language,
): Absence | Refused {
  const from = parseTypedDay(typed.from);
  if (!from) return { error: t(lang, 'errCalendarDay', { value: typed.from.trim() }) };
  const to = parseTypedDay(typed.to);
  if (!to) return { error: t(lang, 'errCalendarDay', { value: typed.to.trim() }) };
  if (to < from)
    return { error: t(lang, 'errAbsenceOrder', { from: typedDay(from), to: typedDay(to) }) };
  const other = existing.find((a) => a.userId === typed.userId && a.from <= to && from <= a.to);
  if (other)
    return {
      error: t(lang, 'errAbsenceOverlap', {
        a: `${typedDay(other.from)}–${typedDay(other.to)}`,
        b: `${typedDay(from)}–${typedDay(to)}`,
      }),
    };
  return { userId: typed.userId, kind: typed.kind, from, to };
}

export function rampOf(
  typed: { userId: number; start: string; percents: string },
  existing: readonly Ramp[],
  lang: Language,
): Ramp | Refused {
  const start = parseTypedDay(typed.start);
  if (!start) return { error: t(lang, 'errCalendarDay', { value: typed.start.trim() }) };
  const parts = typed.percents
    .split(/[\s;]+/)
    .map((x) => x.replace(/%$/, '').trim())
    .filter(Boolean);
  if (parts.length < 1 || parts.length > 12) return { error: t(lang, 'errRampMonths') };
  const percents: number[] = [];
  for (const p of parts) {
    const n = /^\d+([.,]\d+)?$/.test(p) ? Number(p.replace(',', '.')) : NaN;
    if (!(n >= 0 && n <= 100)) return { error: t(lang, 'errRampPercent', { value: p }) };
    percents.push(n);
  }
  if (existing.some((r) => r.userId === typed.userId))
    return { error: t(lang, 'errRampDuplicate') };
  return { userId: typed.userId, start, percents };
}
