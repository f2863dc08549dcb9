/**
 * Today so far (docs/rules.md §4.7.1): each manager's points from local midnight to the data's
 * moment — the stage changes and tasks credited today, scored with today's point values. The
 * next day starts from zero because the day does. Ranked managers only, in the order of points.
 */
import type { AmoUser } from '../shapes/amocrm';
import type { Calendar } from './calendar';
import type { EngineSettings } from './engine-settings';
import type { Ledger } from './ledger';
import { ledgerFacts } from './ledger-facts';
import { PointTable, roundPoints } from './points';
import { COMPLETED_TASKS, type RatingFacts } from './rating-facts';
import { countPoints, spanCounts } from './span-counts';

export interface TodayRow {
  userId: number;
  name: string;
  points: number;
  /** credited events today (stage changes, won deals, tasks that score) */
  events: number;
}

export interface TodayPoints {
  /** local day, 'YYYY-MM-DD' */
  day: string;
  /** midnight and the data's moment, UTC ms */
  from: number;
  to: number;
  rows: TodayRow[];
  total: number;
}

/**
 * `shown`: the managers listed even with nothing yet today (the rating's own); anyone else rated
 * appears with the first point earned today.
 */
export function todayPoints(
  source: RatingFacts | Ledger,
  users: readonly AmoUser[],
  settings: Pick<EngineSettings, 'points' | 'excludedUserIds'>,
  cal: Calendar,
  now: number,
  shown: readonly number[] = [],
): TodayPoints {
  const from = cal.startOfDay(now);
  const table = new PointTable(settings.points, cal);
  const excluded = new Set(settings.excludedUserIds);
  const active = new Map(users.filter((u) => u.rights.is_active).map((u) => [u.id, u.name]));
  const acc = new Map<number, { points: number; events: number }>();
  const rated = (id: number) => active.has(id) && !excluded.has(id);
  // the rating's managers show with 0 until their first credit: the board is the team's
  for (const id of shown) if (rated(id)) acc.set(id, { points: 0, events: 0 });
  // a ledger handed over as it is (tests, tools) is read through its facts
  const facts = 'credits' in source ? ledgerFacts(source, { pipelineIds: [] }, cal) : source;
  for (const c of spanCounts(facts, cal, { start: from, end: now })) {
    // a user not rated (excluded, inactive, deleted) earns nobody's points; completed tasks
    // are no credit
    if (!rated(c.userId) || c.figure === COMPLETED_TASKS) continue;
    let a = acc.get(c.userId);
    if (!a) acc.set(c.userId, (a = { points: 0, events: 0 }));
    const pts = countPoints(table, c);
    a.points += pts;
    if (pts !== 0) a.events += c.count;
  }
  const rows = [...acc.entries()]
    .map(([userId, a]) => ({
      userId,
      name: active.get(userId) ?? `#${userId}`,
      points: roundPoints(a.points),
      events: a.events,
    }))
    .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name, 'ru'));
  return {
    day: cal.dayKey(now),
    from,
    to: now,
    rows,
    total: roundPoints(rows.reduce((s, r) => s + r.points, 0)),
  };
}
