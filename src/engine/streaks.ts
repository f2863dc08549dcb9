/**
 * Streaks and personal bests (docs/rules.md §3.6.2), counted over weeks of seven days stepping
 * back from the rating's week (as the bottom watch counts, §3.5): consecutive weeks on pace (the
 * week's plan % at least the green threshold; a week without a plan breaks it) and consecutive
 * weeks in the top three (a medal: a place with more than 0 points). A personal best is a week
 * whose points beat every earlier week of the same manager in the stored data (a first week is
 * no best: there is nothing to beat).
 */
import { previousPeriod, type Period } from './periods';
import { places } from './ranking';
import { periodRows, type RatingInput } from './rating';

/** weeks looked back: the history window holds one to two quarters */
export const STREAK_WEEKS_BACK = 26;
/** a mark beside the name from this many weeks */
export const STREAK_MARK_MIN = 2;
/** streaks are announced when they reach a multiple of this */
export const STREAK_ROUND = 5;

export interface WeekRow {
  userId: number;
  name: string;
  place: number;
  points: number;
  planPercent: number | null;
}

export interface WeekStanding {
  period: Period;
  rows: WeekRow[];
}

export interface Streak {
  userId: number;
  name: string;
  /** consecutive weeks on pace, this week included (0: not on pace this week) */
  onPace: number;
  /** consecutive weeks in the top three, this week included */
  top3: number;
  /** this week's points beat every earlier week of theirs */
  personalBest: boolean;
  /** the best earlier week's points (null: no earlier week) */
  bestBefore: number | null;
}

/** Whether a week's row keeps each kind of streak going. */
export function streakTests(green: number) {
  return {
    onPace: (r: WeekRow | undefined) =>
      r !== undefined && r.planPercent !== null && r.planPercent >= green - 1e-9,
    inTop3: (r: WeekRow | undefined) => r !== undefined && r.place <= 3 && r.points > 0,
  };
}

/**
 * The weeks before `week`, newest first, recomputed from the stored data (a full ranking, as the
 * change of place ranks, §3.4.5) for as long as `more` says a streak may still be running; stops
 * at a week in which nobody had a deal.
 */
export function weeksBefore(
  input: RatingInput,
  week: Period,
  more: (newest: WeekStanding) => boolean,
  count = STREAK_WEEKS_BACK,
): WeekStanding[] {
  const out: WeekStanding[] = [];
  let p = week;
  for (let i = 0; i < count; i++) {
    p = previousPeriod(input.calendar, p);
    const rows = periodRows(input, p);
    if (!rows.length) break;
    const placeOf = places(rows, input.settings.rankBy);
    const standing = {
      period: p,
      rows: rows.map((r) => ({
        userId: r.userId,
        name: r.name,
        place: placeOf.get(r.userId) ?? 0,
        points: r.points,
        planPercent: r.planPercent,
      })),
    };
    out.push(standing);
    if (!more(standing)) break;
  }
  return out;
}

/**
 * Every manager of the newest week with their streaks; `weeks` newest first (enough of them to
 * see each streak end); `bestBefore`: each manager's best points of the earlier weeks.
 */
export function streaksOf(
  weeks: readonly WeekStanding[],
  green: number,
  bestBefore: ReadonlyMap<number, number>,
): Map<number, Streak> {
  const out = new Map<number, Streak>();
  const [current] = weeks;
  if (!current) return out;
  const byWeek = weeks.map((w) => new Map(w.rows.map((r) => [r.userId, r])));
  const { onPace, inTop3 } = streakTests(green);
  const run = (userId: number, test: (r: WeekRow | undefined) => boolean) => {
    let n = 0;
    while (n < byWeek.length && test(byWeek[n]?.get(userId))) n++;
    return n;
  };
  for (const r of current.rows) {
    const best = bestBefore.get(r.userId) ?? null;
    out.set(r.userId, {
      userId: r.userId,
      name: r.name,
      onPace: run(r.userId, onPace),
      top3: run(r.userId, inTop3),
      personalBest: best !== null && r.points > 0 && r.points > best + 1e-9,
      bestBefore: best,
    });
  }
  return out;
}

/** The mark beside a name: «🔥3» weeks on pace, «🏆4» weeks in the top three, «⭐» a personal best. */
export function streakMark(s: Streak | undefined): string {
  if (!s) return '';
  const parts: string[] = [];
  if (s.onPace >= STREAK_MARK_MIN) parts.push(`🔥${s.onPace}`);
  if (s.top3 >= STREAK_MARK_MIN) parts.push(`🏆${s.top3}`);
  if (s.personalBest) parts.push('⭐');
  return parts.join(' ');
}

export interface RoundStreak {
  userId: number;
  name: string;
  kind: 'onPace' | 'top3';
  weeks: number;
}

/** Streaks that reached a round number this week (5, 10, …), the longest first. */
export function roundStreaks(streaks: ReadonlyMap<number, Streak>): RoundStreak[] {
  const out: RoundStreak[] = [];
  for (const s of streaks.values())
    for (const kind of ['onPace', 'top3'] as const)
      if (s[kind] >= STREAK_ROUND && s[kind] % STREAK_ROUND === 0)
        out.push({ userId: s.userId, name: s.name, kind, weeks: s[kind] });
  return out.sort(
    (a, b) => b.weeks - a.weeks || a.name.localeCompare(b.name, 'ru') || a.userId - b.userId,
  );
}
