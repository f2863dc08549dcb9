/**
 * The counts of any span [start, end) from the rating's facts: its whole local days from the day
 * counts, and a part of a day — a running period ends now, a previous period cut to the same
 * stretch ends at the same hour — from the items of that part (listed or counted as omitted, so
 * a capped source gives the whole count too). Points are scored with the values in force on
 * each local day (docs/rules.md §3.1).
 */
import type { Calendar } from './calendar';
import { isScoredFigure } from './figures';
import type { PointTable } from './points';
import {
  COMPLETED_TASKS,
  type DayCount,
  type DayFigure,
  type RatingFacts,
  type Span,
} from './rating-facts';

/** Per user and figure, the counts of a part of one local day, as day counts of that day. */
function partCounts(facts: RatingFacts, cal: Calendar, span: Span): DayCount[] {
  if (span.start >= span.end) return [];
  const day = cal.dayKey(span.start);
  const counts = new Map<string, DayCount>();
  const bump = (userId: number, figure: DayFigure, n: number) => {
    const key = `${userId}:${figure}`;
    const c = counts.get(key);
    if (c) c.count += n;
    else counts.set(key, { day, userId, figure, count: n });
  };
  // the items themselves are not needed: a capped source counts the rest in `omitted`
  const { items, omitted } = facts.flowItems(span, 0);
  for (const it of items) bump(it.userId, it.figure, 1);
  for (const o of omitted) if (o.count > 0) bump(o.userId, o.figure, o.count);
  return [...counts.values()];
}

export function spanCounts(facts: RatingFacts, cal: Calendar, span: Span): DayCount[] {
  const { start, end } = span;
  if (start >= end) return [];
  const startMidnight = cal.startOfDay(start);
  const firstWhole =
    startMidnight === start ? start : cal.startOf(cal.addDays(cal.localDate(start), 1));
  const lastWholeEnd = cal.startOfDay(end);
  if (firstWhole >= lastWholeEnd) {
    // within one day, or across one midnight without a whole day between
    if (firstWhole >= end) return partCounts(facts, cal, span);
    return [
      ...partCounts(facts, cal, { start, end: firstWhole }),
      ...partCounts(facts, cal, { start: firstWhole, end }),
    ];
  }
  return [
    ...partCounts(facts, cal, { start, end: firstWhole }),
    ...facts.dayCounts(cal.dayKey(firstWhole), cal.dayKey(lastWholeEnd - 1)),
    ...partCounts(facts, cal, { start: lastWholeEnd, end }),
  ];
}

/** The points one count earns: its figure's value on its day (completed tasks and lost earn none). */
export function countPoints(table: PointTable, c: DayCount): number {
  if (c.figure === COMPLETED_TASKS || !isScoredFigure(c.figure)) return 0;
  return c.count * (table.valuesOn(c.day)?.[c.figure] ?? 0);
}
