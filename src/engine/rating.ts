/**
 * The rating of one period: the twelve figures per manager, points, plan, plan % and pace, norm
 * breaches, place, medal, change of place, team totals, the users who are not in the
 * rating — and, for every figure, the leads and tasks behind it.
 */
import type { AmoUser } from '../shapes/amocrm';
import type { Calendar } from './calendar';
import type { EngineSettings } from './engine-settings';
import {
  emptyFigures,
  FLOW_FIGURES,
  type CountFigure,
  type Figure,
  type Figures,
  type FlowFigure,
  type StockFigure,
} from './figures';
import { elapsedShare } from './pace';
import { percent, planShares, staffingFor, weighPlans } from './plans';
import { PointTable, roundPoints } from './points';
import { previousPeriod, type Period } from './periods';
import { compareRows, medalFor, places, rankingRule, type RankBy } from './ranking';
import { COMPLETED_TASKS, type RatingFacts, type StockFacts } from './rating-facts';
import type { DailySnapshot } from './snapshots';
import { countPoints, spanCounts } from './span-counts';
import { staffingNote, type StaffingNote } from './staffing-note';

export type UserState = 'active' | 'inactive' | 'deleted';

export interface ExplainItem {
  lead?: number;
  task?: number;
  /** ISO time of the event */
  at?: string;
  points?: number;
  skipped?: boolean;
}

/**
 * Per figure, the items behind it; `omitted`: per figure, how many items the facts' source left
 * out of the list (a capped source: «Разбор» says «… и ещё N»). The ledger lists every one.
 */
export type Explain = Partial<Record<Figure, ExplainItem[]>> & {
  omitted?: Partial<Record<Figure, number>>;
};

/**
 * The most items a capped source lists per manager, figure and period. «Разбор» is read by a
 * person filtering by manager: 200 rows of one figure is more than anyone scrolls, the card shows
 * 10. And it keeps the sheet inside Sheets' 10 M cells: 9 listed figures × 200 × 3 periods × 7
 * columns is 37,800 cells per manager, so 250 managers stay under it, where a quarter of a
 * million-deal account listed whole would be millions of rows.
 */
export const EXPLAIN_CAP = 200;

export interface RatingRow {
  place: number;
  medal: string;
  userId: number;
  name: string;
  userState: UserState;
  figures: Figures;
  points: number;
  plan: number | null;
  /** points ÷ the whole plan */
  planPercent: number | null;
  /** points ÷ the plan prorated to the time elapsed (a closed period: the whole plan) */
  pace: number | null;
  figurePlans: Partial<
    Record<FlowFigure, { plan: number; actual: number; percent: number | null }>
  >;
  breaches: { overdueTasks: boolean; lost: boolean; leadsWithoutTasks: boolean };
  /** lost ÷ (won + lost), null without closed deals */
  lostShare: number | null;
  previousPlace: number | null;
  /** positive: moved up that many places; null: not ranked in the previous period */
  change: number | null;
  /**
   * the share of this manager's plan due by now (their own working days: absences and a ramp
   * count), what a figure plan's pace divides by; 1 when closed, null before a day worked;
   * absent from finals frozen before it existed
   */
  elapsed?: number | null;
  /** absences and a ramp touching the period, for the mark and note beside the name */
  staffing?: StaffingNote | null;
}

/** A deactivated or deleted user who still holds deals or tasks: shown, never ranked. */
export interface OutsideRow {
  userId: number;
  name: string;
  userState: Exclude<UserState, 'active'>;
  figures: Figures;
  points: number;
}

/**
 * current: the state now (a running period); snapshot: История's row of the period's last day;
 * end: rebuilt at the period's end from today's data (it ended at the start of today);
 * missing: none of these (the stock cells stay empty).
 */
export type StocksSource = 'current' | 'snapshot' | 'end' | 'missing';

export interface Rating {
  period: Period;
  timeZone: string;
  stocksSource: StocksSource;
  /** the rule the rows are ordered by: the setting, or points in a period without a plan */
  rankedBy: RankBy;
  /** share of the calendar period elapsed (1 for a closed one); null in its first day */
  elapsed: number | null;
  rows: RatingRow[];
  outside: OutsideRow[];
  totals: {
    figures: Figures;
    points: number;
    plan: number | null;
    planPercent: number | null;
    pace: number | null;
  };
  explain: Partial<Record<number, Explain>>;
}

export interface RatingInput {
  facts: RatingFacts;
  users: AmoUser[];
  settings: EngineSettings;
  calendar: Calendar;
  snapshots: DailySnapshot[];
  now: number;
}

interface Acc {
  figures: Figures;
  completedTasks: number;
  points: number;
  explain: Explain;
}

function userState(users: Map<number, AmoUser>, id: number): UserState {
  const u = users.get(id);
  if (!u) return 'deleted';
  return u.rights.is_active ? 'active' : 'inactive';
}

const iso = (ms: number) => new Date(ms).toISOString();

function newAcc(): Acc {
  return { figures: emptyFigures(), completedTasks: 0, points: 0, explain: {} };
}

/** Every user's accumulator, made on the first touch by `get`. */
interface Accumulator {
  acc: Map<number, Acc>;
  get: (u: number) => Acc;
}

function accumulator(): Accumulator {
  const acc = new Map<number, Acc>();
  const get = (u: number) => {
    let a = acc.get(u);
    if (!a) acc.set(u, (a = newAcc()));
    return a;
  };
  return { acc, get };
}

function add(a: Acc, figure: Figure, item: ExplainItem, withExplain: boolean): void {
  if (withExplain) (a.explain[figure] ??= []).push(item);
}

/** `n` items of a figure the source counted but did not list */
function omit(a: Acc, figure: Figure, n: number): void {
  if (n > 0) (a.explain.omitted ??= {})[figure] = (a.explain.omitted[figure] ?? 0) + n;
}

/** Flows, the portfolio, completed tasks and points of a period, per user. */
function flowsOf(
  input: RatingInput,
  period: Period,
  table: PointTable,
  withExplain: boolean,
): Accumulator {
  const perUser = accumulator();
  const { acc, get } = perUser;
  const { facts, calendar } = input;
  const span = { start: period.start, end: period.end };
  for (const c of spanCounts(facts, calendar, span)) {
    const a = get(c.userId);
    if (c.figure === COMPLETED_TASKS) a.completedTasks += c.count;
    else a.figures[c.figure] += c.count;
    a.points += countPoints(table, c);
  }
  if (withExplain) {
    const { items, omitted } = facts.flowItems(span, EXPLAIN_CAP);
    for (const it of items) {
      const a = get(it.userId);
      if (it.figure === COMPLETED_TASKS) {
        add(a, 'totalTasks', { task: it.taskId, at: iso(it.at) }, true);
        continue;
      }
      add(
        a,
        it.figure,
        {
          lead: it.leadId,
          task: it.taskId,
          at: iso(it.at),
          points: table.valueAt(it.figure, it.at),
          ...(it.skipped ? { skipped: true } : {}),
        },
        true,
      );
    }
    for (const o of omitted)
      omit(get(o.userId), o.figure === COMPLETED_TASKS ? 'totalTasks' : o.figure, o.count);
  }
  for (const [userId, list] of facts.portfolio(span, withExplain ? EXPLAIN_CAP : 0)) {
    const a = get(userId);
    a.figures.totalLeads += list.total;
    if (!withExplain) continue;
    for (const lead of list.ids) add(a, 'totalLeads', { lead }, true);
    omit(a, 'totalLeads', list.total - list.ids.length);
  }
  for (const a of acc.values()) a.points = roundPoints(a.points);
  return perUser;
}

function displayName(users: Map<number, AmoUser>, userId: number): string {
  return users.get(userId)?.name ?? `#${userId}`;
}

function planned(
  input: RatingInput,
  users: Map<number, AmoUser>,
  period: Period,
  userId: number,
  a: Acc,
) {
  const staff = staffingFor(input.settings);
  const shares = planShares(input.calendar, staff, userId, period, input.now);
  const plan = weighPlans(input.settings.plans, userId, shares.whole);
  const due = weighPlans(input.settings.plans, userId, shares.toDate, shares.whole, true);
  // nothing is judged before the manager has worked one full day of the period
  const judged = period.final || shares.workedPassed >= 1;
  const duePoints = judged && due.points !== null && due.points > 0 ? due.points : null;
  const elapsed = period.final
    ? 1
    : duePoints !== null && plan.points !== null && plan.points > 0
      ? duePoints / plan.points
      : null;
  return {
    userId,
    name: displayName(users, userId),
    points: a.points,
    plan: plan.points,
    planPercent: percent(a.points, plan.points),
    planFigures: plan.figures,
    pace: period.final ? percent(a.points, plan.points) : percent(a.points, duePoints),
    elapsed,
    won: a.figures.won,
    contractsSigned: a.figures.contractsSigned,
    acc: a,
  };
}

/** Active, not excluded users of a period with the flows and points that ranking needs. */
export function periodRows(input: RatingInput, period: Period) {
  const users = new Map(input.users.map((u) => [u.id, u]));
  const excluded = new Set(input.settings.excludedUserIds);
  const table = new PointTable(input.settings.points, input.calendar);
  const out = [];
  for (const [userId, a] of flowsOf(input, period, table, false).acc) {
    if (excluded.has(userId) || userState(users, userId) !== 'active') continue;
    if (!ofLeads(a.figures)) continue;
    out.push({ ...planned(input, users, period, userId, a), totalLeads: a.figures.totalLeads });
  }
  return out;
}

/** Places of a period's managers (what a change of place is measured against). */
export function placesOf(input: RatingInput, period: Period): Map<number, number> {
  return places(periodRows(input, period), input.settings.rankBy);
}

/** Where the stocks of a period come from. */
function stocksSourceOf(
  input: RatingInput,
  period: Period,
  snapshotRows: DailySnapshot[],
): StocksSource {
  const startOfToday = input.calendar.startOfDay(input.now);
  if (period.end >= input.now) return 'current';
  if (snapshotRows.length) return 'snapshot';
  // the period closed at the start of today and its snapshot is not taken yet: rebuilt at its end
  if (period.end === startOfToday) return 'end';
  return 'missing';
}

function applyStocks(
  input: RatingInput,
  period: Period,
  source: StocksSource,
  snapshotRows: DailySnapshot[],
  { acc, get }: Accumulator,
  withExplain: boolean,
): void {
  if (source === 'current' || source === 'end') {
    const stocks = input.facts.stocks(
      source === 'current' ? 'current' : period.end,
      input.now,
      withExplain ? EXPLAIN_CAP : 0,
    );
    for (const [u, s] of stocks) {
      const a = get(u);
      a.figures.inWork = s.inWork.total;
      a.figures.overdueTasks = s.overdueTasks.total;
      a.figures.leadsWithoutTasks = s.leadsWithoutTasks.total;
      a.figures.totalTasks = s.openTasks.total; // completed ones are added below
      if (withExplain) explainStocks(a, s);
    }
    for (const [u, a] of acc) if (!stocks.has(u)) zeroStocks(a);
  } else if (source === 'snapshot') {
    const byUser = new Map(snapshotRows.map((s) => [s.userId, s]));
    for (const s of snapshotRows) get(s.userId);
    for (const [u, a] of acc) {
      const s = byUser.get(u);
      a.figures.inWork = s?.inWork ?? 0;
      a.figures.overdueTasks = s?.overdueTasks ?? 0;
      a.figures.leadsWithoutTasks = s?.leadsWithoutTasks ?? 0;
      a.figures.totalTasks = s?.openTasks ?? 0;
    }
    // a period that ended at the start of today (the week): the deals and tasks behind its
    // snapshot, rebuilt the same way, for Разбор — where they add up to the stored row
    if (withExplain && period.end === input.calendar.startOfDay(input.now)) {
      const stocks = input.facts.stocks(period.end, input.now, EXPLAIN_CAP);
      for (const [u, a] of acc) {
        const d = stocks.get(u);
        if (!d) continue;
        const f = a.figures;
        if (
          d.inWork.total === f.inWork &&
          d.openTasks.total === f.totalTasks &&
          d.overdueTasks.total === f.overdueTasks &&
          d.leadsWithoutTasks.total === f.leadsWithoutTasks
        )
          explainStocks(a, d);
      }
    }
  } else {
    for (const a of acc.values()) {
      a.figures.inWork = null;
      a.figures.overdueTasks = null;
      a.figures.leadsWithoutTasks = null;
      a.figures.totalTasks = null;
    }
  }
  for (const a of acc.values())
    if (a.figures.totalTasks !== null) a.figures.totalTasks += a.completedTasks;
}

function explainStocks(a: Acc, d: StockFacts): void {
  a.explain.inWork = d.inWork.ids.map((lead) => ({ lead }));
  a.explain.overdueTasks = d.overdueTasks.ids.map((task) => ({ task }));
  a.explain.leadsWithoutTasks = d.leadsWithoutTasks.ids.map((lead) => ({ lead }));
  a.explain.totalTasks = [
    ...(a.explain.totalTasks ?? []),
    ...d.openTasks.ids.map((task) => ({ task })),
  ];
  omit(a, 'inWork', d.inWork.total - d.inWork.ids.length);
  omit(a, 'overdueTasks', d.overdueTasks.total - d.overdueTasks.ids.length);
  omit(a, 'leadsWithoutTasks', d.leadsWithoutTasks.total - d.leadsWithoutTasks.ids.length);
  omit(a, 'totalTasks', d.openTasks.total - d.openTasks.ids.length);
}

function zeroStocks(a: Acc): void {
  a.figures.inWork = 0;
  a.figures.overdueTasks = 0;
  a.figures.leadsWithoutTasks = 0;
  a.figures.totalTasks = 0;
}

function ofLeads(f: Figures): boolean {
  return f.totalLeads > 0 || FLOW_FIGURES.some((k) => f[k] > 0);
}

function totalsOf(rows: RatingRow[], elapsed: number | null) {
  const count = (f: CountFigure) => rows.reduce((s, r) => s + r.figures[f], 0);
  const stock = (f: StockFigure) =>
    rows.some((r) => r.figures[f] === null)
      ? null
      : rows.reduce((s, r) => s + (r.figures[f] ?? 0), 0);
  const figures: Figures = {
    totalLeads: count('totalLeads'),
    inWork: stock('inWork'),
    newLeads: count('newLeads'),
    meetingsScheduled: count('meetingsScheduled'),
    meetingsHeld: count('meetingsHeld'),
    contractsSigned: count('contractsSigned'),
    advancesPaid: count('advancesPaid'),
    won: count('won'),
    lost: count('lost'),
    totalTasks: stock('totalTasks'),
    overdueTasks: stock('overdueTasks'),
    leadsWithoutTasks: stock('leadsWithoutTasks'),
  };
  const plans = rows.map((r) => r.plan).filter((x): x is number => x !== null);
  const points = roundPoints(rows.reduce((s, r) => s + r.points, 0));
  const plan = plans.length ? Math.round(plans.reduce((s, x) => s + x, 0) * 100) / 100 : null;
  const planPercent = percent(points, plan);
  const pace = planPercent === null || elapsed === null ? null : planPercent / elapsed;
  return { figures, points, plan, planPercent, pace };
}

/**
 * `withExplain` false: the rating without the items behind its figures (the card's trend weeks
 * read only points and places), so a source asked for it lists nothing.
 */
export function computeRating(input: RatingInput, period: Period, withExplain = true): Rating {
  const { settings, calendar } = input;
  const users = new Map(input.users.map((u) => [u.id, u]));
  const excluded = new Set(settings.excludedUserIds);
  const table = new PointTable(settings.points, calendar);
  const perUser = flowsOf(input, period, table, withExplain);
  const snapshotRows = input.snapshots.filter((s) => s.day === period.lastDay);
  const stocksSource = stocksSourceOf(input, period, snapshotRows);
  applyStocks(input, period, stocksSource, snapshotRows, perUser, withExplain);
  const { acc } = perUser;
  const elapsed = elapsedShare(period, input.now, calendar, staffingFor(settings));

  const ranked = [];
  const outside: OutsideRow[] = [];
  for (const [userId, a] of acc) {
    // only people responsible for the period's leads appear (PRODUCT.md §2, users): a portfolio
    // or a flow; tasks alone (an open task on a contact) do not make a manager of the period
    if (excluded.has(userId) || !ofLeads(a.figures)) continue;
    const state = userState(users, userId);
    if (state !== 'active') {
      outside.push({
        userId,
        name: displayName(users, userId),
        userState: state,
        figures: a.figures,
        points: a.points,
      });
      continue;
    }
    ranked.push(planned(input, users, period, userId, a));
  }
  const rankedBy = rankingRule(ranked, settings.rankBy);
  const placeOf = places(ranked, rankedBy);
  const previous = placesOf(input, previousPeriod(calendar, period));
  const norms = settings.norms;
  const over = (x: number | null, limit: number | null | undefined) =>
    x !== null && limit !== null && limit !== undefined && x > limit;

  const rows: RatingRow[] = ranked.sort(compareRows(rankedBy)).map((r, i) => {
    const f = r.acc.figures;
    const note = staffingNote(calendar, staffingFor(settings), r.userId, period);
    const place = placeOf.get(r.userId) ?? i + 1;
    const prev = previous.get(r.userId) ?? null;
    const figurePlans: RatingRow['figurePlans'] = {};
    for (const fig of FLOW_FIGURES) {
      const plan = r.planFigures[fig];
      if (plan !== undefined)
        figurePlans[fig] = { plan, actual: f[fig], percent: percent(f[fig], plan) };
    }
    const pace = r.planPercent === null ? null : r.pace;
    const closed = f.won + f.lost;
    const lostShare = closed > 0 ? f.lost / closed : null;
    return {
      place,
      medal: medalFor(place, r.points),
      userId: r.userId,
      name: r.name,
      userState: 'active' as const,
      figures: f,
      points: r.points,
      plan: r.plan,
      planPercent: r.planPercent,
      pace,
      figurePlans,
      breaches: {
        overdueTasks: over(f.overdueTasks, norms.maxOverdueTasks),
        lost: over(f.lost, norms.maxLost) || over(lostShare, norms.maxLostShare),
        leadsWithoutTasks: over(f.leadsWithoutTasks, norms.maxLeadsWithoutTasks),
      },
      lostShare,
      previousPlace: prev,
      change: prev === null ? null : prev - place,
      elapsed: r.elapsed,
      // kept off the rows of everyone else: finals are stored row by row
      ...(note ? { staffing: note } : {}),
    };
  });
  // the deactivated first (their names are known), then the deleted
  outside.sort(
    (a, b) =>
      (a.userState === b.userState ? 0 : a.userState === 'inactive' ? -1 : 1) ||
      a.name.localeCompare(b.name, 'ru') ||
      a.userId - b.userId,
  );

  return {
    period,
    timeZone: calendar.timeZone,
    stocksSource,
    rankedBy,
    elapsed,
    rows,
    outside,
    totals: totalsOf(rows, elapsed),
    explain: Object.fromEntries([...acc].map(([u, a]) => [u, a.explain])),
  };
}
