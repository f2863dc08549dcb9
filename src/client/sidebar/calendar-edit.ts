/**
 * The working calendar's day the head adds in «Расписание и язык» (docs/rules.md §3.2.9), from a
 * date typed as ДД.ММ.ГГГГ; refused in words when it is not a day or is listed already. Pure.
 */
import { t, type Language } from '../../i18n/messages';
import { parseTypedDay, typedDay } from '../../settings/validate';

/** The edit a typed date adds, or why not (in words). */
export function calendarEditOf(
  text: string,
  off: boolean,
  existing: ReadonlyArray<{ day: string }>,
  language: Language,
): { day: string; off: boolean } | { error: string } {
  const day = parseTypedDay(text);
  if (!day) return { error: t(language, 'errCalendarDay', { value: text.trim() }) };
  if (existing.some((e) => e.day === day))
    return { error: t(language, 'errCalendarDuplicate', { value: typedDay(day) }) };
  return { day, off };
}
