/**
 * The reference recount of one period's rating, written from PRODUCT.md §2, §3.1–3.4 and §4
 * alone (it imports nothing from src/): the twelve figures per manager, points, plan, plan %,
 * pace, place and medal; plans and pace prorated by working days (§3.2: the production
 * calendar, the head's edits, absences and ramps — test/oracle/work-days.ts). Deliberately left
 * for later: no movers, streaks or teams.
 */
import { localDay, type Period } from './calendar';
import { owedShares } from './work-days';
import {
  indexAccount,
  isClosed,
  LOST,
  responsibleAt,
  stayAt,
  WON,
  type AccountIndex,
  type LeadHistory,
} from './history';
import {
  FLOWS,
  STAGES,
  type Flow,
  type OracleDump,
  type OracleSettings,
  type Scored,
} from './inputs';

export const FIGURES = [
  'totalLeads',
  'inWork',
  ...FLOWS,
  'totalTasks',
  'overdueTasks',
  'leadsWithoutTasks',
] as const;
export type Figure = (typeof FIGURES)[number];
export type Figures = Record<Figure, number>;

export interface ManagerResult {
  userId: number;
  /** the user's name as amoCRM has it ('' for a user amoCRM no longer lists) */
  name: string;
  kind: 'ranked' | 'inactive' | 'deleted';
  place: number | null;
  points: number;
  plan: number | null;
  planPercent: number | null;
  pace: number | null;
  figures: Figures;
}

export interface PeriodResult {
  period: Period;
  /** null for a period that has ended; else the as-of moment (ms) */
  asOf: number | null;
  /** ranked managers in order of place */
  ranked: ManagerResult[];
  /** deactivated and deleted users who took part in the period */
  outside: ManagerResult[];
  /** share of the period elapsed (1 for a closed period), null in its first day */
  share: number | null;
  /** ranking by plan % was asked for but nobody has a plan: ranked by points */
  rankedByPointsForLackOfPlans: boolean;
}

const FUNNEL: Array<Exclude<Scored, 'newLeads'>> = [...STAGES, 'won'];

interface Cut {
  /** is an event at this unix second inside the data? */
  seen: (at: number) => boolean;
  /** the last unix second inside */
  last: number;
  /** the moment itself (ms) */
  ms: number;
}

function cutAt(ms: number, inclusive: boolean): Cut {
  return inclusive
    ? { seen: (at) => at * 1000 <= ms, last: Math.floor(ms / 1000), ms }
    : { seen: (at) => at * 1000 < ms, last: Math.ceil(ms / 1000) - 1, ms };
}

const zero = (): Figures => Object.fromEntries(FIGURES.map((f) => [f, 0])) as unknown as Figures;

interface Credit {
  figure: Flow;
  at: number;
  user: number;
}

/** Every lead's credits: each figure at most once per lead, at its first reach. */
function creditsOf(h: LeadHistory, s: OracleSettings): Credit[] {
  const selected = new Set(s.pipelineIds);
  const out: Credit[] = [];
  const reached = new Set<Flow>();
  const credit = (figure: Flow, at: number) => {
    if (reached.has(figure)) return;
    reached.add(figure);
    out.push({ figure, at, user: responsibleAt(h, at) });
  };
  const first = h.stays[0];
  if (first && selected.has(first.pipeline)) credit('newLeads', h.lead.created_at);
  for (const stay of h.stays) {
    if (!selected.has(stay.pipeline)) continue;
    const hits: Flow[] = [];
    if (stay.status === WON) hits.push('won');
    else if (stay.status === LOST) hits.push('lost');
    else
      for (const st of STAGES)
        if (s.stages[st].some((r) => r.pipelineId === stay.pipeline && r.statusId === stay.status))
          hits.push(st);
    for (const f of hits) {
      if (f === 'meetingsHeld' && s.meetingsHeldFrom === 'tasks') continue;
      if (s.countSkippedStages && f !== 'lost') {
        // a jump over stages earns the skipped ones too, in the funnel's order
        for (const lower of FUNNEL.slice(0, FUNNEL.indexOf(f as (typeof FUNNEL)[number])))
          if (!(lower === 'meetingsHeld' && s.meetingsHeldFrom === 'tasks')) credit(lower, stay.at);
      }
      credit(f, stay.at);
    }
  }
  return out;
}

const creditCache = new WeakMap<AccountIndex, Map<string, Credit[]>>();

function allCredits(ix: AccountIndex, s: OracleSettings): Credit[] {
  const key = JSON.stringify([s.pipelineIds, s.stages, s.meetingsHeldFrom, s.countSkippedStages]);
  let byKey = creditCache.get(ix);
  if (!byKey) creditCache.set(ix, (byKey = new Map()));
  let list = byKey.get(key);
  if (!list) byKey.set(key, (list = ix.leads.flatMap((h) => creditsOf(h, s))));
  return list;
}

/** the point value of a figure on a local day: the latest version from that day or before */
function pointValue(s: OracleSettings, figure: Scored, day: string): number {
  let value = 0;
  let from = '';
  for (const v of s.points)
    if (v.from <= day && v.from >= from) {
      from = v.from;
      value = v.values[figure];
    }
  return value;
}

/**
 * Plan of a period in points: each month's plan times the share of its working days the
 * manager's period holds (PRODUCT.md §3.2); a month the manager works in with no plan: none.
 * `due`: only the days passed by `asOf` (what pace divides by), unrounded.
 */
export function planOf(
  s: OracleSettings,
  userId: number,
  p: Period,
  asOf: { ms: number; zone: string } | null = null,
): number | null {
  const shares = owedShares(s, userId, p, asOf);
  let sum = 0;
  for (const [month, w] of shares.whole) {
    if (w <= 0) continue;
    const plan = s.plans.find((x) => x.userId === userId && x.month === month)?.points;
    if (plan === undefined) return null;
    sum += plan * (asOf ? (shares.due.get(month) ?? 0) : w);
  }
  if (asOf) return shares.passed >= 1 ? sum : null;
  return Math.round(sum * 100) / 100;
}

export interface RateInput {
  /** the account the period's flows and portfolio are read from */
  data: OracleDump;
  /** the account its stocks are reconstructed from (the state at the period's end) */
  stocks?: OracleDump;
  settings: OracleSettings;
  period: Period;
  /** as-of moment (ms) for a period still running; omitted for a period that has ended */
  asOf?: number;
  /** the account's zone (days of the working calendar); Moscow when not said */
  zone?: string;
}

export function rate(input: RateInput): PeriodResult {
  const { settings: s, period: p } = input;
  const ix = indexAccount(input.data);
  const running = input.asOf !== undefined && input.asOf < p.end;
  const endMs = running ? (input.asOf ?? p.end) : p.end;
  const cut = cutAt(endMs, running);
  const inPeriod = (at: number) => at * 1000 >= p.start && cut.seen(at);
  const selected = new Set(s.pipelineIds);
  const figures = new Map<number, Figures>();
  const points = new Map<number, number>();
  const takesPart = new Set<number>();
  const of = (u: number) => {
    let f = figures.get(u);
    if (!f) figures.set(u, (f = zero()));
    return f;
  };

  // flows (3–9) and points
  for (const c of allCredits(ix, s)) {
    if (!inPeriod(c.at)) continue;
    of(c.user)[c.figure]++;
    takesPart.add(c.user);
    if (c.figure !== 'lost')
      points.set(
        c.user,
        (points.get(c.user) ?? 0) + pointValue(s, c.figure, localDay(c.at * 1000, ix.zone)),
      );
  }
  // meetings held from completed meeting tasks, on deals of the selected pipelines only
  if (s.meetingsHeldFrom === 'tasks')
    for (const t of ix.tasks) {
      const done = ix.completedAt.get(t.id);
      if (done === undefined || !inPeriod(done) || !s.meetingTaskTypeIds.includes(t.task_type_id))
        continue;
      const h =
        t.entity_type === 'leads' && t.entity_id !== null
          ? ix.leadById.get(t.entity_id)
          : undefined;
      const stay = h ? stayAt(h, (at) => at <= done) : null;
      if (!stay || !selected.has(stay.pipeline)) continue;
      of(t.responsible_user_id).meetingsHeld++;
      takesPart.add(t.responsible_user_id);
      points.set(
        t.responsible_user_id,
        (points.get(t.responsible_user_id) ?? 0) +
          pointValue(s, 'meetingsHeld', localDay(done * 1000, ix.zone)),
      );
    }

  // 1: open at some moment of the period, in a selected pipeline; the closer's for a lead closed
  // in the period, else the one responsible at the period's end
  for (const h of ix.leads) {
    if (!cut.seen(h.lead.created_at)) continue;
    const atStart = stayAt(h, (at) => at * 1000 < p.start);
    let open = !!atStart && !isClosed(atStart.status) && selected.has(atStart.pipeline);
    let closer: number | null = null;
    for (const stay of h.stays) {
      if (!inPeriod(stay.at)) continue;
      if (!isClosed(stay.status) && selected.has(stay.pipeline)) open = true;
      if (isClosed(stay.status)) closer = responsibleAt(h, stay.at);
    }
    if (!open) continue;
    const who = closer ?? responsibleAt(h, cut.last);
    of(who).totalLeads++;
    takesPart.add(who);
  }

  // stocks at the period's end (now, for a running period): 2, 10 (open part), 11, 12
  const st = indexAccount(input.stocks ?? input.data);
  const openTasks = st.tasks.filter((t) => {
    if (!cut.seen(t.created_at)) return false;
    const done = st.completedAt.get(t.id);
    return done === undefined || !cut.seen(done);
  });
  const taskCounts = (t: { entity_type: string | null; entity_id: number | null }) => {
    if (s.tasksScope === 'all') return true;
    const h =
      t.entity_type === 'leads' && t.entity_id !== null ? st.leadById.get(t.entity_id) : undefined;
    const stay = h ? stayAt(h, cut.seen) : null;
    return !!stay && selected.has(stay.pipeline);
  };
  const leadsWithOpenTask = new Set(
    openTasks.filter((t) => t.entity_type === 'leads').map((t) => t.entity_id),
  );
  for (const h of st.leads) {
    // a deal trashed since is left out of every figure
    if (!ix.leadById.has(h.lead.id) || !cut.seen(h.lead.created_at)) continue;
    const stay = stayAt(h, cut.seen);
    if (!stay || isClosed(stay.status) || !selected.has(stay.pipeline)) continue;
    const who = responsibleAt(h, cut.last);
    of(who).inWork++;
    // now: amoCRM's own `closest_task_at` (PRODUCT.md §2, figure 12); at a past end, the tasks
    // that were open then
    const withoutTask = running
      ? (h.lead.closest_task_at ?? null) === null
      : !leadsWithOpenTask.has(h.lead.id);
    if (withoutTask) of(who).leadsWithoutTasks++;
  }
  for (const t of openTasks) {
    if (!taskCounts(t)) continue;
    of(t.responsible_user_id).totalTasks++;
    if (t.complete_till * 1000 < cut.ms) of(t.responsible_user_id).overdueTasks++;
  }
  for (const t of ix.tasks) {
    const done = ix.completedAt.get(t.id);
    if (done !== undefined && inPeriod(done) && cut.seen(t.created_at) && taskCounts(t))
      of(t.responsible_user_id).totalTasks++;
  }

  const zone = input.zone ?? 'Europe/Moscow';
  // the share of the account's working time passed (1 when closed; none before a working day)
  let share: number | null = 1;
  if (running) {
    const acc = owedShares(s, null, p, { ms: endMs, zone });
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    share = acc.passed >= 1 && sum(acc.whole) > 0 ? sum(acc.due) / sum(acc.whole) : null;
  }
  const excluded = new Set(s.excludedUserIds);
  const rows: ManagerResult[] = [];
  for (const userId of takesPart) {
    if (excluded.has(userId)) continue;
    const user = ix.users.get(userId);
    const pts = Math.round((points.get(userId) ?? 0) * 1e6) / 1e6;
    const plan = planOf(s, userId, p);
    const planPercent = plan ? pts / plan : null;
    // pace: the points against the plan due by now, over the days this manager worked
    const due = running ? planOf(s, userId, p, { ms: endMs, zone }) : plan;
    rows.push({
      userId,
      name: user?.name ?? '',
      kind: !user ? 'deleted' : user.active ? 'ranked' : 'inactive',
      place: null,
      points: pts,
      plan,
      planPercent,
      pace: planPercent === null || due === null || due <= 0 ? null : pts / due,
      figures: of(userId),
    });
  }
  const ranked = rows.filter((r) => r.kind === 'ranked');
  const byPlan = s.rankBy === 'planPercent' && ranked.some((r) => r.planPercent !== null);
  const EPS = 1e-9;
  const collator = new Intl.Collator('ru');
  ranked.sort((a, b) => {
    if (byPlan) {
      if ((a.planPercent === null) !== (b.planPercent === null))
        return a.planPercent === null ? 1 : -1;
      const d = (b.planPercent ?? 0) - (a.planPercent ?? 0);
      if (Math.abs(d) > EPS) return d;
    }
    const d = b.points - a.points;
    if (Math.abs(d) > EPS) return d;
    return (
      b.figures.won - a.figures.won ||
      b.figures.contractsSigned - a.figures.contractsSigned ||
      collator.compare(a.name, b.name) ||
      a.userId - b.userId
    );
  });
  ranked.forEach((r, i) => (r.place = i + 1));
  const outside = rows
    .filter((r) => r.kind !== 'ranked')
    .sort(
      (a, b) =>
        (a.kind === b.kind ? 0 : a.kind === 'inactive' ? -1 : 1) ||
        collator.compare(a.name, b.name) ||
        a.userId - b.userId,
    );
  return {
    period: p,
    asOf: running ? endMs : null,
    ranked,
    outside,
    share,
    rankedByPointsForLackOfPlans: s.rankBy === 'planPercent' && !byPlan,
  };
}
