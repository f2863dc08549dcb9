/**
 * Everything beyond the top three that one refresh shows (docs/rules.md §3.6, §3.7): the movers of
 * the week and the month, the week's streaks and personal bests, the records the stored data
 * shows, and each rating's teams. Computed once from the ratings being published (their kept
 * finals and rebased arrows included), read by the sheets and the posts alike.
 */
import type { RatingSet } from './compute-ratings';
import { lastClosedPeriod, previousPeriod } from './periods';
import type { Rating } from './rating';
import type { RatingEngine } from './rating-engine';
import { beforeOf, moversOf, sameStretchBefore, type Mover } from './movers';
import { bestOf, type DeptRecord, type RecordCandidate } from './records';
import {
  STREAK_WEEKS_BACK,
  streaksOf,
  streakTests,
  weeksBefore,
  type Streak,
  type WeekStanding,
} from './streaks';
import { periodPoints } from './period-points';
import { teamsOf, type Teams, type TeamsMode, type UserGroup } from './teams';

/** closed months looked back for the month record (the window holds one to two quarters) */
export const RECORD_MONTHS_BACK = 6;

export type RatingSlot =
  'week' | 'month' | 'previousMonth' | 'quarter' | 'previousQuarter' | 'lastQuarter';

export interface Motivation {
  movers: {
    week: Mover | null;
    month: Mover | null;
    /** the days the month's mover is measured against (as many as the month has had) */
    monthAgainst: { firstDay: string; lastDay: string };
  };
  /** the week's managers with their streaks and personal bests */
  streaks: Map<number, Streak>;
  /** per rating shown; null: teams off, or fewer than two groups have ranked managers */
  teams: Record<RatingSlot, Teams | null>;
  /** the best week and closed month the stored data shows (the hall keeps the all-time ones) */
  records: { week: DeptRecord | null; month: DeptRecord | null };
}

export function motivationOf(
  engine: RatingEngine,
  ratings: RatingSet,
  teamsMode: TeamsMode = 'points',
): Motivation {
  const input = engine.input(ratings.now, []);
  const week = ratings.week;
  const current: WeekStanding = {
    period: week.period,
    rows: week.rows.map((r) => ({
      userId: r.userId,
      name: r.name,
      place: r.place,
      points: r.points,
      planPercent: r.planPercent,
    })),
  };
  // full rankings of earlier weeks only while a streak of this week's managers may still run
  const tests = streakTests(engine.settings.thresholds.green);
  let alive = new Set(
    current.rows.filter((r) => tests.onPace(r) || tests.inTop3(r)).map((r) => r.userId),
  );
  const earlier = alive.size
    ? weeksBefore(input, week.period, (w) => {
        const keeps = new Set(
          w.rows.filter((r) => tests.onPace(r) || tests.inTop3(r)).map((r) => r.userId),
        );
        alive = new Set([...alive].filter((u) => keeps.has(u)));
        return alive.size > 0;
      })
    : [];
  // bests and records compare points only: the credits of each earlier week and month
  const pointWeeks: RecordCandidate[] = [];
  let w = week.period;
  for (let i = 0; i < STREAK_WEEKS_BACK; i++) {
    w = previousPeriod(engine.calendar, w);
    pointWeeks.push({ period: w, rows: periodPoints(input, w) });
  }
  const bestBefore = new Map<number, number>();
  for (const pw of pointWeeks)
    for (const r of pw.rows)
      bestBefore.set(r.userId, Math.max(bestBefore.get(r.userId) ?? 0, r.points));
  const months: RecordCandidate[] = [];
  let m = lastClosedPeriod(engine.calendar, 'month', ratings.now);
  for (let i = 0; i < RECORD_MONTHS_BACK; i++) {
    months.push({ period: m, rows: periodPoints(input, m) });
    m = previousPeriod(engine.calendar, m);
  }
  const groups: UserGroup[] = engine.data.account._embedded?.users_groups ?? [];
  const teams = (r: Rating | null) => (r ? teamsOf(r, engine.data.users, groups, teamsMode) : null);
  const mover = (r: Rating) => moversOf(r, beforeOf(input, r.period))[0] ?? null;
  return {
    movers: {
      week: mover(week),
      month: mover(ratings.month),
      monthAgainst: sameStretchBefore(engine.calendar, ratings.month.period),
    },
    streaks: streaksOf([current, ...earlier], engine.settings.thresholds.green, bestBefore),
    teams: {
      week: teams(week),
      month: teams(ratings.month),
      previousMonth: teams(ratings.previousMonth),
      quarter: teams(ratings.quarter),
      previousQuarter: teams(ratings.previousQuarter),
      lastQuarter: teams(ratings.lastQuarter),
    },
    records: { week: bestOf('week', [current, ...pointWeeks]), month: bestOf('month', months) },
  };
}
