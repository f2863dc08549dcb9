/**
 * Карточка менеджера (docs/rules.md §5.4): for every rated manager, what the card shows when the
 * manager is chosen — place and points of the week, month and quarter, the points to the place
 * above, the weekly points and places of the last 12 weeks, the month's twelve figures beside the
 * department's median, and the deals that need action now (overdue tasks, open deals without
 * tasks, as the month's stocks list them). Pure: the sheet writes it for every manager at once,
 * and the card picks one by formulas.
 */
import { FIGURES, type Figure, type Figures } from './figures';
import { previousPeriod, type Period } from './periods';
import type { RatingEngine } from './rating-engine';
import type { ExplainItem, Rating, RatingRow } from './rating';
import type { DailySnapshot } from './snapshots';

export const CARD_WEEKS = 12;

export type CardPeriodKind = 'week' | 'month' | 'quarter';

export interface CardPlace {
  place: number;
  points: number;
  /**
   * what it takes to draw level with the manager one place above: points (ranked by points), or
   * points at this manager's plan to reach the plan % above (ranked by plan %); null at the top,
   * or with no plan to measure it by
   */
  toNext: number | null;
  /** the place above (for the label), null at the top */
  nextPlace: number | null;
}

export interface CardAction {
  kind: 'overdueTask' | 'leadWithoutTask';
  item: ExplainItem;
}

export interface CardRow {
  userId: number;
  name: string;
  periods: Record<CardPeriodKind, CardPlace | null>;
  /** oldest first; null where the manager was not ranked that week */
  trend: Array<{ points: number; place: number } | null>;
  /** the month's figures (a stock is null where it is not known) */
  figures: Figures | null;
  actions: CardAction[];
  /** the actions a capped source left out of `actions` (counted on the card, never listed) */
  actionsOmitted?: number;
}

export interface CardModel {
  rows: CardRow[];
  /** the weeks of the trend, oldest first (the last is the week on the sheet) */
  weeks: Period[];
  /** the month's median of each figure over its ranked managers */
  medians: Record<Figure, number | null>;
}

/**
 * The 11 weeks before the current one (each the 7 days before the next), then the current week
 * as published: the trend's last point is the week sheet's own figure.
 */
export function trendWeeks(
  engine: RatingEngine,
  current: Rating,
  now: number,
  snapshots: readonly DailySnapshot[],
  count = CARD_WEEKS,
): Rating[] {
  const out: Rating[] = [current];
  let p = current.period;
  while (out.length < count) {
    p = previousPeriod(engine.calendar, p);
    // the trend reads points and places only: no items behind the figures
    out.unshift(engine.rating(p, now, snapshots, false));
  }
  return out;
}

/** The median as Sheets' MEDIAN computes it: the middle value, or the mean of the middle two. */
export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function toNext(rating: Rating, row: RatingRow): Pick<CardPlace, 'toNext' | 'nextPlace'> {
  const above = rating.rows.find((r) => r.place === row.place - 1);
  if (!above) return { toNext: null, nextPlace: null };
  if (rating.rankedBy === 'planPercent') {
    // the points this manager would need for the plan % above: (their % − mine) × my plan
    if (above.planPercent === null || row.planPercent === null || !row.plan)
      return { toNext: null, nextPlace: above.place };
    return {
      toNext: Math.max(0, (above.planPercent - row.planPercent) * row.plan),
      nextPlace: above.place,
    };
  }
  return { toNext: Math.max(0, above.points - row.points), nextPlace: above.place };
}

function placeIn(rating: Rating, userId: number): CardPlace | null {
  const row = rating.rows.find((r) => r.userId === userId);
  if (!row) return null;
  return { place: row.place, points: row.points, ...toNext(rating, row) };
}

/**
 * One row per manager ranked in the week, the month or the quarter (a manager of the quarter who
 * did nothing this week still has a card), ordered by name; a name that two managers share gets
 * its user id, so the drop-down tells them apart.
 */
export function cardModel(ratings: {
  week: Rating;
  month: Rating;
  quarter: Rating;
  trend: readonly Rating[];
}): CardModel {
  const names = new Map<number, string>();
  for (const r of [ratings.week, ratings.month, ratings.quarter])
    for (const row of r.rows) if (!names.has(row.userId)) names.set(row.userId, row.name);
  const count = new Map<string, number>();
  // MATCH compares text without regard to case: "Анна" and "анна" must differ by more
  const key = (n: string) => n.trim().toLowerCase();
  for (const n of names.values()) count.set(key(n), (count.get(key(n)) ?? 0) + 1);
  const medians = Object.fromEntries(
    FIGURES.map((f) => [
      f,
      // a stock not known for a manager (null) is left out, as MEDIAN leaves out an empty cell
      median(ratings.month.rows.flatMap((r) => (r.figures[f] === null ? [] : [r.figures[f]]))),
    ]),
  ) as Record<Figure, number | null>;
  const rows: CardRow[] = [...names.entries()].map(([userId, name]) => {
    const month = ratings.month.rows.find((r) => r.userId === userId);
    const ex = ratings.month.explain[userId] ?? {};
    const omitted = (ex.omitted?.overdueTasks ?? 0) + (ex.omitted?.leadsWithoutTasks ?? 0);
    return {
      userId,
      name:
        (count.get(key(name)) ?? 0) > 1 || !name.trim()
          ? `${name.trim() || '—'} (#${userId})`
          : name,
      periods: {
        week: placeIn(ratings.week, userId),
        month: placeIn(ratings.month, userId),
        quarter: placeIn(ratings.quarter, userId),
      },
      trend: ratings.trend.map((w) => {
        const r = w.rows.find((x) => x.userId === userId);
        return r ? { points: r.points, place: r.place } : null;
      }),
      figures: month ? { ...month.figures } : null,
      actions: [
        ...(ex.overdueTasks ?? []).map((item) => ({ kind: 'overdueTask' as const, item })),
        ...(ex.leadsWithoutTasks ?? []).map((item) => ({ kind: 'leadWithoutTask' as const, item })),
      ],
      ...(omitted > 0 ? { actionsOmitted: omitted } : {}),
    };
  });
  rows.sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.userId - b.userId);
  return { rows, weeks: ratings.trend.map((r) => r.period), medians };
}
