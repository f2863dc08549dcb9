/**
 * Most improved (docs/rules.md §3.6.1): the manager who gained most against their own previous
 * period of the same kind — the most places (the row's change of place, as the sheet's arrow
 * shows it), then the biggest gain of the measure the period is ranked by. Points compare like
 * with like: a running month's points to date against the previous month's points over as many
 * days from its start. Plan % compares the running pace (plan % ÷ the share elapsed) with the
 * previous period's whole plan %. Only a manager who gained both places and the measure is a
 * mover; one without a place in the previous period (a new hire) never is.
 */
import { previousPeriod, type Period } from './periods';
import { periodRows, type Rating, type RatingInput } from './rating';
import { roundPoints } from './points';

export interface Mover {
  userId: number;
  name: string;
  /** places gained (> 0) */
  places: number;
  measure: 'points' | 'planPercent';
  /** this period's points, or its pace where plans rank */
  now: number;
  /** the previous period's points over the same stretch, or its plan % */
  before: number;
  /** now − before (> 0) */
  gain: number;
}

/** What a manager had in the period a mover is measured against. */
export interface Before {
  points: number;
  planPercent: number | null;
}

/** The previous period, cut to as many days from its start as the running one has had. */
export function sameStretchBefore(cal: RatingInput['calendar'], p: Period): Period {
  const prev = previousPeriod(cal, p);
  if (p.final) return prev;
  const end = Math.min(prev.fullEnd, prev.start + (p.end - p.start));
  return { ...prev, end, lastDay: cal.dayKey(end - 1) };
}

/**
 * Every manager placed in the previous period with their points over the same stretch (0 when
 * they earned nothing in it) and their plan % of the whole previous period.
 */
export function beforeOf(input: RatingInput, p: Period): Map<number, Before> {
  const whole = periodRows(input, previousPeriod(input.calendar, p));
  const stretch = p.final ? whole : periodRows(input, sameStretchBefore(input.calendar, p));
  const pointsOf = new Map(stretch.map((r) => [r.userId, r.points]));
  return new Map(
    whole.map((r) => [
      r.userId,
      { points: pointsOf.get(r.userId) ?? 0, planPercent: r.planPercent },
    ]),
  );
}

/** Everyone who gained places and the measure, the most improved first. */
export function moversOf(
  rating: Pick<Rating, 'rows' | 'rankedBy'>,
  before: ReadonlyMap<number, Before>,
): Mover[] {
  const measure = rating.rankedBy;
  const out: Mover[] = [];
  for (const r of rating.rows) {
    if (r.change === null || r.change <= 0) continue;
    const b = before.get(r.userId);
    if (!b) continue;
    const now = measure === 'planPercent' ? r.pace : r.points;
    const was = measure === 'planPercent' ? b.planPercent : b.points;
    if (now === null || was === null) continue;
    const gain = measure === 'points' ? roundPoints(now - was) : now - was;
    if (gain <= 0) continue;
    out.push({ userId: r.userId, name: r.name, places: r.change, measure, now, before: was, gain });
  }
  return out.sort(
    (a, b) =>
      b.places - a.places ||
      b.gain - a.gain ||
      a.name.localeCompare(b.name, 'ru') ||
      a.userId - b.userId,
  );
}
