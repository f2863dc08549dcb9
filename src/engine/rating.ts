/**
 * The rating of one period: the twelve figures per manager, points, plan and plan %, norm
 * breaches, colour, place, medal, change of place, team totals — and, for every figure, the
 * leads, tasks and events behind it.
 */
import type { AmoUser } from '../amocrm/api-types';
import type { Calendar } from './calendar';
import type { EngineSettings } from './engine-settings';
import { emptyFigures, FIGURES, FLOW_FIGURES, type Figure, type Figures } from './figures';
import { isClosedStatus, responsibleAt, type LeadHistory } from './lead-history';
import { lowerBound, type Ledger } from './ledger';
import { percent, planFor } from './plans';
import { PointTable, roundPoints } from './points';
import { previousPeriod, type Period } from './periods';
import { compareRows, medalFor, places } from './ranking';
import { currentStocks, type DailySnapshot } from './snapshots';

export type UserState = 'active' | 'inactive' | 'deleted';

export interface ExplainItem {
  lead?: number;
  task?: number;
  event?: string;
  /** ISO time of the event */
  at?: string;
  points?: number;
  skipped?: boolean;
}

export interface RatingRow {
  place: number;
  medal: string;
  userId: number;
  name: string;
  userState: UserState;
  figures: Figures;
  points: number;
  plan: number | null;
  planPercent: number | null;
  figurePlans: Record<string, { plan: number; actual: number; percent: number | null }>;
  breaches: { overdueTasks: boolean; lost: boolean; leadsWithoutTasks: boolean };
  colour: 'green' | 'yellow' | null;
  previousPlace: number | null;
  /** positive: moved up that many places; null: not ranked in the previous period */
  change: number | null;
}

export type StocksSource = 'current' | 'snapshot' | 'missing';

export interface Rating {
  period: Period;
  timeZone: string;
  stocksSource: StocksSource;
  rows: RatingRow[];
  totals: { figures: Figures; points: number; plan: number | null; planPercent: number | null };
  explain: Record<number, Partial<Record<Figure, ExplainItem[]>>>;
}

export interface RatingInput {
  ledger: Ledger;
  users: AmoUser[];
  settings: EngineSettings;
  calendar: Calendar;
  snapshots: DailySnapshot[];
  now: number;
}

interface Acc {
  figures: Figures;
  points: number;
  explain: Partial<Record<Figure, ExplainItem[]>>;
}

function userState(users: Map<number, AmoUser>, id: number): UserState {
  const u = users.get(id);
  if (!u) return 'deleted';
  return u.rights?.is_active === false ? 'inactive' : 'active';
}

/** The first moment in [from, to) when the lead was open (neither won nor lost), or null. */
function firstOpenMoment(
  h: LeadHistory,
  from: number,
  to: number,
): { at: number; pipelineId: number } | null {
  const begin = Math.max(from, h.createdAt);
  if (begin >= to) return null;
  let current = h.statuses[0];
  for (const s of h.statuses) {
    if (s.at <= begin) current = s;
    else break;
  }
  if (!isClosedStatus(current.statusId)) return { at: begin, pipelineId: current.pipelineId };
  for (const s of h.statuses) {
    if (s.at > begin && s.at < to && !isClosedStatus(s.statusId))
      return { at: s.at, pipelineId: s.pipelineId };
  }
  return null;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Flows and points of a period (all that ranking needs), per user. */
function flowsOf(
  input: RatingInput,
  period: Period,
  table: PointTable,
  withExplain: boolean,
): Map<number, Acc> {
  const acc = new Map<number, Acc>();
  const get = (u: number) => {
    let a = acc.get(u);
    if (!a) acc.set(u, (a = { figures: emptyFigures(), points: 0, explain: {} }));
    return a;
  };
  const { credits, completions, histories } = input.ledger;
  for (
    let i = lowerBound(credits, period.start);
    i < credits.length && credits[i].at < period.end;
    i++
  ) {
    const c = credits[i];
    const a = get(c.userId);
    (a.figures[c.figure] as number)++;
    const pts = table.valueAt(c.figure, c.at);
    a.points += pts;
    if (withExplain) {
      (a.explain[c.figure] ??= []).push({
        lead: c.leadId,
        task: c.taskId,
        event: c.eventId,
        at: iso(c.at),
        points: pts,
        ...(c.skipped ? { skipped: true } : {}),
      });
    }
  }
  for (
    let i = lowerBound(completions, period.start);
    i < completions.length && completions[i].at < period.end;
    i++
  ) {
    const c = completions[i];
    const a = get(c.userId);
    (a.figures.totalTasks as number)++;
    if (withExplain) (a.explain.totalTasks ??= []).push({ task: c.taskId, at: iso(c.at) });
  }
  const selected = new Set(input.settings.pipelineIds);
  for (const h of histories) {
    const open = firstOpenMoment(h, period.start, period.end);
    if (!open || !selected.has(open.pipelineId)) continue;
    const a = get(responsibleAt(h, open.at));
    (a.figures.totalLeads as number)++;
    if (withExplain) (a.explain.totalLeads ??= []).push({ lead: h.lead.id });
  }
  for (const a of acc.values()) a.points = roundPoints(a.points);
  return acc;
}

function rankable(
  acc: Map<number, Acc>,
  users: Map<number, AmoUser>,
  settings: EngineSettings,
  input: RatingInput,
  period: Period,
) {
  const excluded = new Set(settings.excludedUserIds);
  return [...acc.entries()]
    .filter(([u]) => !excluded.has(u))
    .map(([userId, a]) => {
      const plan = planFor(input.calendar, settings.plans, userId, period);
      return {
        userId,
        name: users.get(userId)?.name ?? `#${userId}`,
        points: a.points,
        plan: plan.points,
        planPercent: percent(a.points, plan.points),
        planFigures: plan.figures,
        won: a.figures.won as number,
        contractsSigned: a.figures.contractsSigned as number,
        acc: a,
      };
    });
}

/** The managers of a period with the flows and points that ranking needs. */
export function periodRows(input: RatingInput, period: Period) {
  const users = new Map(input.users.map((u) => [u.id, u]));
  const table = new PointTable(input.settings.points, input.calendar);
  return rankable(flowsOf(input, period, table, false), users, input.settings, input, period)
    .filter(
      (r) => r.acc.figures.totalLeads !== 0 || FLOW_FIGURES.some((f) => r.acc.figures[f] !== 0),
    )
    .map((r) => ({ ...r, totalLeads: r.acc.figures.totalLeads as number }));
}

/** Places of a period's managers (what a change of place is measured against). */
export function placesOf(input: RatingInput, period: Period): Map<number, number> {
  return places(periodRows(input, period), input.settings.rankBy);
}

export function computeRating(input: RatingInput, period: Period): Rating {
  const { settings, calendar } = input;
  const users = new Map(input.users.map((u) => [u.id, u]));
  const table = new PointTable(settings.points, calendar);
  const acc = flowsOf(input, period, table, true);

  // Stocks: now for a running period; the snapshot of the last day for a closed one; the
  // current state when the period closed at the start of today and that snapshot is not taken yet.
  const startOfToday = calendar.startOfDay(input.now);
  const snapshotRows = input.snapshots.filter((s) => s.day === period.lastDay);
  let stocksSource: StocksSource;
  if (period.end >= input.now) stocksSource = 'current';
  else if (snapshotRows.length) stocksSource = 'snapshot';
  else if (period.end === startOfToday) stocksSource = 'current';
  else stocksSource = 'missing';

  const getAcc = (u: number) => {
    let a = acc.get(u);
    if (!a) acc.set(u, (a = { figures: emptyFigures(), points: 0, explain: {} }));
    return a;
  };
  if (stocksSource === 'current') {
    const { stocks, detail } = currentStocks(input.ledger, settings, input.now);
    for (const [u, s] of stocks) {
      const a = getAcc(u);
      const d = detail.get(u);
      a.figures.inWork = s.inWork;
      a.figures.overdueTasks = s.overdueTasks;
      a.figures.leadsWithoutTasks = s.leadsWithoutTasks;
      a.figures.totalTasks = (a.figures.totalTasks as number) + s.openTasks;
      if (d) {
        a.explain.inWork = d.inWork.map((lead) => ({ lead }));
        a.explain.overdueTasks = d.overdueTasks.map((task) => ({ task }));
        a.explain.leadsWithoutTasks = d.leadsWithoutTasks.map((lead) => ({ lead }));
        a.explain.totalTasks = [
          ...(a.explain.totalTasks ?? []),
          ...d.openTasks.map((task) => ({ task })),
        ];
      }
    }
  } else if (stocksSource === 'snapshot') {
    const byUser = new Map(snapshotRows.map((s) => [s.userId, s]));
    for (const s of snapshotRows) getAcc(s.userId);
    for (const [u, a] of acc) {
      const s = byUser.get(u);
      a.figures.inWork = s?.inWork ?? 0;
      a.figures.overdueTasks = s?.overdueTasks ?? 0;
      a.figures.leadsWithoutTasks = s?.leadsWithoutTasks ?? 0;
      a.figures.totalTasks = (a.figures.totalTasks as number) + (s?.openTasks ?? 0);
    }
  } else {
    for (const a of acc.values()) {
      a.figures.inWork = null;
      a.figures.overdueTasks = null;
      a.figures.leadsWithoutTasks = null;
      a.figures.totalTasks = null;
    }
  }

  // Only people who had something to do with the period's leads appear.
  for (const [u, a] of [...acc]) if (FIGURES.every((f) => !a.figures[f])) acc.delete(u);

  const rows = rankable(acc, users, settings, input, period);
  const placeOf = places(rows, settings.rankBy);
  const previous = placesOf(input, previousPeriod(calendar, period));
  const norms = settings.norms;
  const over = (v: number | null, limit: number | null | undefined) =>
    v !== null && limit !== null && limit !== undefined && v > limit;

  const out: RatingRow[] = rows.sort(compareRows(settings.rankBy)).map((r) => {
    const f = r.acc.figures;
    const place = placeOf.get(r.userId) as number;
    const prev = previous.get(r.userId) ?? null;
    const won = f.won as number;
    const lost = f.lost as number;
    const figurePlans: RatingRow['figurePlans'] = {};
    for (const [fig, plan] of Object.entries(r.planFigures)) {
      const actual = (f[fig as Figure] as number | null) ?? 0;
      figurePlans[fig] = { plan, actual, percent: percent(actual, plan) };
    }
    const p = r.planPercent;
    return {
      place,
      medal: medalFor(place, r.points),
      userId: r.userId,
      name: r.name,
      userState: userState(users, r.userId),
      figures: f,
      points: r.points,
      plan: r.plan,
      planPercent: p,
      figurePlans,
      breaches: {
        overdueTasks: over(f.overdueTasks, norms.maxOverdueTasks),
        lost:
          over(lost, norms.maxLost) ||
          (won + lost > 0 && over(lost / (won + lost), norms.maxLostShare)),
        leadsWithoutTasks: over(f.leadsWithoutTasks, norms.maxLeadsWithoutTasks),
      },
      colour:
        p === null
          ? null
          : p >= settings.thresholds.green
            ? 'green'
            : p >= settings.thresholds.yellow
              ? 'yellow'
              : null,
      previousPlace: prev,
      change: prev === null ? null : prev - place,
    };
  });

  const totals = emptyFigures();
  for (const fig of FIGURES) {
    const vals = out.map((r) => r.figures[fig]);
    totals[fig] = vals.some((v) => v === null)
      ? null
      : vals.reduce<number>((s, v) => s + (v as number), 0);
  }
  const plans = out.map((r) => r.plan).filter((x): x is number => x !== null);
  const points = roundPoints(out.reduce((s, r) => s + r.points, 0));
  const plan = plans.length ? Math.round(plans.reduce((s, x) => s + x, 0) * 100) / 100 : null;
  return {
    period,
    timeZone: calendar.timeZone,
    stocksSource,
    rows: out,
    totals: { figures: totals, points, plan, planPercent: percent(points, plan) },
    explain: Object.fromEntries(rows.map((r) => [r.userId, r.acc.explain])),
  };
}
