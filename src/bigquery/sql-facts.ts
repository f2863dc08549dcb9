/**
 * The rating's facts (RatingFacts) from the BigQuery store by GoogleSQL (rating-queries.ts): the
 * account is never read into the heap, only counts and the items shown. Few jobs per refresh:
 * - the day counts of the whole history window in one query (days × users × figures rows), any
 *   range inside it served from that answer;
 * - the portfolios of a list of spans in one query (`prefetchPortfolio`); a span not prefetched
 *   runs its own;
 * - the stocks 'current' and one instant in one query (`prefetchStocks` names the instant);
 * - the items of each period shown (flowItems) and their names and deadlines (details), a query
 *   each; a task's deal comes with the task's details, named.
 */
import {
  Calendar,
  currentPeriod,
  EXPLAIN_CAP,
  lastClosedPeriod,
  previousPeriod,
  type DayCount,
  type EngineSettings,
  type FlowItem,
  type FlowItems,
  type IdList,
  type ItemDetails,
  type RatingFacts,
  type Span,
  type StockFacts,
} from '../engine';
import { BigQueryClient, BigQueryError, type ParamValue, type Row } from './bigquery-api';
import { FIGURE_CODE, ratingQueries } from './rating-queries';
import { int, intOrNull } from './row-values';

export interface SqlFactsSource {
  /** `project.dataset` */
  dataset: string;
  /** unix s: the history window's start the store was committed with */
  windowStart: number;
}

export interface SqlFacts extends RatingFacts {
  /** runs the portfolios of these spans in one query (a later portfolio() of one is served from it) */
  prefetchPortfolio(spans: readonly Span[], cap: number): void;
  /** the instant whose stocks come with the 'current' ones, in the same query */
  prefetchStocks(at: number | null): void;
  /** the names of deals and the deals and deadlines of tasks, in one query */
  details(leadIds: readonly number[], taskIds: readonly number[]): ItemDetails;
}

/** at most this many weeks before this one are guessed (a year and a quarter) */
const MAX_WEEKS = 70;

/** the day counts' range beyond the window and today: a quarter */
const SPARE_MS = 92 * 86400_000;

const MAPPED = ['meetingsScheduled', 'meetingsHeld', 'contractsSigned', 'advancesPaid'] as const;
const STOCKS = ['inWork', 'openTasks', 'overdueTasks', 'leadsWithoutTasks'] as const;

/** The settings as the queries' parameters (engine/ledger.ts stageMap: a later figure wins). */
function settingsParams(s: EngineSettings): Record<string, ParamValue> {
  const stages = new Map<string, { p: number; st: number; f: number }>();
  for (const fig of MAPPED) {
    if (fig === 'meetingsHeld' && s.meetingsHeldFrom === 'tasks') continue;
    for (const ref of s.stages[fig])
      stages.set(`${ref.pipelineId}:${ref.statusId}`, {
        p: ref.pipelineId,
        st: ref.statusId,
        f: FIGURE_CODE.indexOf(fig),
      });
  }
  const list = [...stages.values()];
  return {
    pipelines: s.pipelineIds,
    stage_p: list.map((x) => x.p),
    stage_s: list.map((x) => x.st),
    stage_f: list.map((x) => x.f),
    skipped: s.countSkippedStages,
    held_from_tasks: s.meetingsHeldFrom === 'tasks',
    meeting_types: s.meetingTaskTypeIds,
    tasks_selected: s.tasksScope === 'selectedPipelines',
  };
}

/**
 * What a set of facts depends on besides the store and the moment: the settings the queries read
 * and the calendar's zone. Engines built for several ratings of one refresh share one set.
 */
export function factsKey(settings: EngineSettings, calendar: Calendar): string {
  return JSON.stringify([settingsParams(settings), calendar.timeZone]);
}

const figureAt = (r: Row) => {
  const f = FIGURE_CODE[int(r, 'f')];
  if (f === undefined) throw new BigQueryError('failed', `unknown figure code ${r.f ?? ''}`);
  return f;
};

/** Items in the contract's order: time, then lead or task id, then figure in the funnel's order. */
function byTime(a: FlowItem, b: FlowItem): number {
  return (
    a.at - b.at ||
    (a.leadId ?? a.taskId ?? 0) - (b.leadId ?? b.taskId ?? 0) ||
    FIGURE_CODE.indexOf(a.figure) - FIGURE_CODE.indexOf(b.figure)
  );
}

/** The names of deals and the deals and deadlines of tasks, in one query. */
export function itemDetails(
  client: BigQueryClient,
  source: SqlFactsSource,
  leadIds: readonly number[],
  taskIds: readonly number[],
): ItemDetails {
  const names = new Map<number, string>();
  const taskLead = new Map<number, number>();
  const due = new Map<number, number>();
  if (leadIds.length || taskIds.length)
    // only the parameters it reads: the stand-in, like DuckDB, refuses a parameter never used
    client.query(
      ratingQueries(source.dataset).details,
      { lead_ids: [...leadIds], task_ids: [...taskIds] },
      (r) => {
        const id = int(r, 'id');
        if (r.kind === 'lead') names.set(id, r.name ?? '');
        else {
          const l = intOrNull(r, 'lead_id');
          if (l !== null) {
            taskLead.set(id, l);
            // the task's deal comes with its name (NULL: a deal the store no longer keeps)
            if (r.name !== null && r.name !== undefined) names.set(l, r.name);
          }
          due.set(id, int(r, 'due'));
        }
      },
    );
  return {
    leadName: (id) => names.get(id),
    taskLead: (id) => taskLead.get(id),
    taskDue: (id) => due.get(id),
  };
}

/**
 * The details of the items the facts listed, fetched when first asked for: every id the facts
 * handed out so far, in one query (a refresh lists its items, then lays the sheets out).
 */
export class LazyDetails implements ItemDetails {
  private readonly wantedLeads = new Set<number>();
  private readonly wantedTasks = new Set<number>();
  private readonly names = new Map<number, string>();
  private readonly leadOf = new Map<number, number>();
  private readonly due = new Map<number, number>();
  private readonly fetched = new Set<string>();
  constructor(private readonly fetch: (leads: number[], tasks: number[]) => ItemDetails) {}

  want(leads: Iterable<number>, tasks: Iterable<number>): void {
    for (const id of leads) if (!this.fetched.has(`l${id}`)) this.wantedLeads.add(id);
    for (const id of tasks) if (!this.fetched.has(`t${id}`)) this.wantedTasks.add(id);
  }

  private settleOne(kind: 'l' | 't', id: number): void {
    if (this.fetched.has(`${kind}${id}`)) return;
    (kind === 'l' ? this.wantedLeads : this.wantedTasks).add(id);
    this.settle();
  }

  /** Every detail wanted so far, in one query: the sheets are then written without BigQuery. */
  settle(): void {
    if (!this.wantedLeads.size && !this.wantedTasks.size) return;
    const leads = [...this.wantedLeads];
    const tasks = [...this.wantedTasks];
    this.wantedLeads.clear();
    this.wantedTasks.clear();
    const got = this.fetch(leads, tasks);
    for (const l of leads) {
      this.fetched.add(`l${l}`);
      const name = got.leadName(l);
      if (name !== undefined) this.names.set(l, name);
    }
    for (const t of tasks) {
      this.fetched.add(`t${t}`);
      const lead = got.taskLead(t);
      if (lead !== undefined) {
        this.leadOf.set(t, lead);
        // the task's deal came with it: its name is known (or known to be missing)
        if (!this.fetched.has(`l${lead}`)) {
          this.fetched.add(`l${lead}`);
          const name = got.leadName(lead);
          if (name !== undefined) this.names.set(lead, name);
        }
      }
      const due = got.taskDue(t);
      if (due !== undefined) this.due.set(t, due);
    }
  }

  leadName(id: number): string | undefined {
    this.settleOne('l', id);
    return this.names.get(id);
  }
  taskLead(id: number): number | undefined {
    this.settleOne('t', id);
    return this.leadOf.get(id);
  }
  taskDue(id: number): number | undefined {
    this.settleOne('t', id);
    return this.due.get(id);
  }
}

export function sqlFacts(
  client: BigQueryClient,
  source: SqlFactsSource,
  settings: EngineSettings,
  calendar: Calendar,
  now: number,
  /** told of every id the facts hand out, for their details later */
  lazy?: LazyDetails,
): SqlFacts {
  const q = ratingQueries(source.dataset);
  // the window is in the derived timeline already (timeline-table.ts)
  const base: Record<string, ParamValue> = settingsParams(settings);
  const run = (sql: string, params: Record<string, ParamValue>, onRow: (r: Row) => void) =>
    client.query(sql, { ...base, ...params }, onRow);

  /** local days from `from` to `to` inclusive, and the midnights around them */
  function daysOf(from: string, to: string): { days: string[]; midnights: number[] } {
    const days: string[] = [];
    const midnights: number[] = [];
    for (let d = Calendar.parse(from); ; d = calendar.addDays(d, 1)) {
      const key = Calendar.key(d);
      if (key > to) {
        midnights.push(calendar.startOf(d));
        break;
      }
      days.push(key);
      midnights.push(calendar.startOf(d));
    }
    return { days, midnights };
  }

  let window: { from: string; to: string; rows: DayCount[] } | null = null;
  function countDays(from: string, to: string): DayCount[] {
    const { days, midnights } = daysOf(from, to);
    if (!days.length) return [];
    const out: DayCount[] = [];
    run(
      q.dayCounts,
      {
        midnights,
        from_ms: midnights[0] ?? 0,
        to_ms: midnights[midnights.length - 1] ?? 0,
      },
      (r) => {
        const day = days[int(r, 'b') - 1];
        if (day === undefined) return;
        out.push({ day, userId: int(r, 'uid'), figure: figureAt(r), count: int(r, 'n') });
      },
    );
    const rank = (c: DayCount) => FIGURE_CODE.indexOf(c.figure);
    return out.sort(
      (a, b) =>
        (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) || a.userId - b.userId || rank(a) - rank(b),
    );
  }

  const portfolios = new Map<string, { cap: number; ids: Map<number, IdList> }>();
  const spanKey = (s: Span) => `${s.start}:${s.end}`;
  function runPortfolio(spans: readonly Span[], caps: readonly number[]): void {
    if (!spans.length) return;
    const got = spans.map(() => new Map<number, IdList>());
    run(
      q.portfolio,
      {
        span_start: spans.map((s) => s.start),
        span_end: spans.map((s) => s.end),
        span_cap: spans.map((_, i) => caps[i] ?? 0),
      },
      (r) => {
        const m = got[int(r, 'k')];
        if (!m) return;
        const u = int(r, 'uid');
        let list = m.get(u);
        if (!list) m.set(u, (list = { ids: [], total: int(r, 'total') }));
        list.ids.push(int(r, 'lead'));
      },
    );
    for (const m of got) for (const l of m.values()) lazy?.want(l.ids, []);
    spans.forEach((s, i) => {
      const ids = got[i] ?? new Map<number, IdList>();
      for (const l of ids.values()) l.ids.sort((a, b) => a - b);
      portfolios.set(spanKey(s), { cap: caps[i] ?? 0, ids });
    });
  }

  /**
   * The spans asked, each at the largest cap wanted: `first` (the span asked) and the periods the
   * sheets show with their items (this week, month and quarter, last month and last quarter).
   */
  function shownSpans(first: Span, firstCap: number) {
    const caps = new Map<string, { span: Span; cap: number }>();
    const add = (span: Span, cap: number) => {
      const had = caps.get(spanKey(span));
      if (!had || had.cap < cap) caps.set(spanKey(span), { span, cap });
    };
    add(first, firstCap);
    for (const p of [
      currentPeriod(calendar, 'week', now),
      currentPeriod(calendar, 'month', now),
      currentPeriod(calendar, 'quarter', now),
      lastClosedPeriod(calendar, 'month', now),
      lastClosedPeriod(calendar, 'quarter', now),
    ])
      add({ start: p.start, end: p.end }, EXPLAIN_CAP);
    return { caps, add };
  }

  /**
   * The spans a refresh will ask for, with the cap each needs, guessed from the moment: the
   * periods the sheets show with their items (this week, month and quarter, last month and
   * last quarter) at EXPLAIN_CAP, and the closed weeks, months and quarters of the window
   * (places, trends, bests) with their counts only. `first` (the span asked) comes first.
   */
  function expectedSpans(first: Span, firstCap: number): { spans: Span[]; caps: number[] } {
    const { caps, add } = shownSpans(first, firstCap);
    // the change of place compares with the period before; the card's trend and the bests
    // recount the weeks before this one (a week ends today, whatever the weekday), back to a
    // quarter before the window
    const lastMonth = lastClosedPeriod(calendar, 'month', now);
    const lastQuarter = lastClosedPeriod(calendar, 'quarter', now);
    for (const p of [previousPeriod(calendar, lastMonth), previousPeriod(calendar, lastQuarter)])
      add({ start: p.start, end: p.end }, 0);
    const earliest = source.windowStart * 1000 - SPARE_MS;
    let week = currentPeriod(calendar, 'week', now);
    for (let i = 0; i < MAX_WEEKS && week.start > earliest; i++) {
      week = previousPeriod(calendar, week);
      add({ start: week.start, end: week.end }, 0);
    }
    for (const span of closedPeriods()) add(span, 0);
    const all = [...caps.values()];
    return { spans: all.map((x) => x.span), caps: all.map((x) => x.cap) };
  }

  interface Listed {
    userId: number;
    figure: FlowItem['figure'];
    total: number;
    /** the earliest, in the query's order (time, then lead or task id) */
    items: FlowItem[];
  }
  const flows = new Map<string, { cap: number; listed: Map<string, Listed> }>();
  let guessedFlows = false;
  function runFlowItems(spans: readonly Span[], caps: readonly number[]): void {
    const got = spans.map(() => new Map<string, Listed>());
    run(
      q.flowItems,
      {
        span_start: spans.map((s) => s.start),
        span_end: spans.map((s) => s.end),
        span_cap: spans.map((_, i) => caps[i] ?? 0),
      },
      (r) => {
        const m = got[int(r, 'k')];
        if (!m) return;
        const figure = figureAt(r);
        const userId = int(r, 'uid');
        const leadId = intOrNull(r, 'lead_id');
        const taskId = intOrNull(r, 'task_id');
        const key = `${userId}:${figure}`;
        let l = m.get(key);
        if (!l) m.set(key, (l = { userId, figure, total: int(r, 'total'), items: [] }));
        l.items.push({
          userId,
          figure,
          at: int(r, 'tm'),
          ...(leadId !== null ? { leadId } : {}),
          ...(taskId !== null ? { taskId } : {}),
          ...(r.skipped === 'true' ? { skipped: true } : {}),
        });
      },
    );
    spans.forEach((s, i) => {
      const listed = got[i] ?? new Map<string, Listed>();
      const cap = caps[i] ?? 0;
      for (const l of listed.values()) {
        // the query sends one row even for a cap of 0: the whole count comes with it
        l.items.sort(
          (a, b) => a.at - b.at || (a.leadId ?? a.taskId ?? 0) - (b.leadId ?? b.taskId ?? 0),
        );
        l.items = l.items.slice(0, cap);
        lazy?.want(
          l.items.flatMap((x) => (x.leadId !== undefined ? [x.leadId] : [])),
          l.items.flatMap((x) => (x.taskId !== undefined ? [x.taskId] : [])),
        );
      }
      flows.set(spanKey(s), { cap, listed });
    });
  }

  /**
   * The spans whose items a refresh lists, guessed from the moment: the periods the sheets show
   * (this week, month and quarter, last month and last quarter) at EXPLAIN_CAP, and the part of
   * today so far (the running periods' last day, counted from its items).
   */
  function expectedFlowSpans(first: Span, firstCap: number): { spans: Span[]; caps: number[] } {
    const { caps, add } = shownSpans(first, firstCap);
    const today = calendar.startOfDay(now);
    if (today < now) add({ start: today, end: now }, 0);
    const all = [...caps.values()];
    return { spans: all.map((x) => x.span), caps: all.map((x) => x.cap) };
  }

  let guessed = false;
  /** the spans of the weeks (from Monday), months and quarters that ended within the window (and a quarter before it) */
  function closedPeriods(): Span[] {
    const out: Span[] = [];
    const nowDay = Calendar.parse(calendar.dayKey(now));
    // from a quarter before the window, as the day counts: records and trends reach back there
    let d = Calendar.parse(calendar.dayKey(source.windowStart * 1000 - SPARE_MS));
    const weekday = (x: typeof d) => (new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay() + 6) % 7;
    const months: Array<typeof d> = [];
    for (let i = 0; Calendar.key(d) <= Calendar.key(nowDay) && i < 800; i++) {
      if (weekday(d) === 0) {
        const end = calendar.startOf(calendar.addDays(d, 7));
        if (end <= now) out.push({ start: calendar.startOf(d), end });
      }
      if (d.d === 1) months.push(d);
      d = calendar.addDays(d, 1);
    }
    for (const m of months) {
      const next = { y: m.m === 12 ? m.y + 1 : m.y, m: m.m === 12 ? 1 : m.m + 1, d: 1 };
      const end = calendar.startOf(next);
      if (end <= now) out.push({ start: calendar.startOf(m), end });
      if ((m.m - 1) % 3 === 0) {
        const q = { y: m.m >= 10 ? m.y + 1 : m.y, m: m.m >= 10 ? 1 : m.m + 3, d: 1 };
        const qEnd = calendar.startOf(q);
        if (qEnd <= now) out.push({ start: calendar.startOf(m), end: qEnd });
      }
    }
    return out;
  }

  // the instant a refresh asks the stocks of besides 'current': today's midnight (yesterday's
  // snapshot, the week that ended then); prefetchStocks names another
  let stockInstant: number | null = calendar.startOfDay(now);
  const stockCache = new Map<string, { cap: number; stocks: Map<number, StockFacts> }>();
  const stockKey = (at: 'current' | number, now: number) =>
    at === 'current' ? `current:${now}` : `at:${at}`;
  function runStocks(at: number | null, nowMs: number, cap: number): void {
    const got = [new Map<number, StockFacts>(), new Map<number, StockFacts>()];
    run(q.stocks, { now_ms: nowMs, at_ms: at ?? -1, cap }, (r) => {
      const m = got[int(r, 'w')];
      const stock = STOCKS[int(r, 'stock')];
      if (!m || !stock) return;
      const u = int(r, 'uid');
      let s = m.get(u);
      if (!s)
        m.set(
          u,
          (s = {
            inWork: { ids: [], total: 0 },
            openTasks: { ids: [], total: 0 },
            overdueTasks: { ids: [], total: 0 },
            leadsWithoutTasks: { ids: [], total: 0 },
          }),
        );
      s[stock].ids.push(int(r, 'id'));
      s[stock].total = int(r, 'total');
    });
    for (const m of got)
      for (const s of m.values()) {
        for (const k of STOCKS) s[k].ids.sort((a, b) => a - b);
        lazy?.want(
          [...s.inWork.ids, ...s.leadsWithoutTasks.ids],
          [...s.openTasks.ids, ...s.overdueTasks.ids],
        );
      }
    stockCache.set(stockKey('current', nowMs), {
      cap,
      stocks: got[0] ?? new Map<number, StockFacts>(),
    });
    if (at !== null)
      stockCache.set(stockKey(at, nowMs), { cap, stocks: got[1] ?? new Map<number, StockFacts>() });
  }

  const capped = <T extends IdList>(l: T, cap: number): IdList => ({
    ids: l.ids.slice(0, cap),
    total: l.total,
  });

  return {
    dayCounts(fromDay, toDay) {
      // the window with a quarter's margin both ways: the periods a refresh shows start before
      // the window (a quarter) and end after today (the running ones)
      const first = calendar.dayKey(source.windowStart * 1000 - SPARE_MS);
      const last = calendar.dayKey(now + SPARE_MS);
      if (fromDay >= first && toDay <= last) {
        window ??= { from: first, to: last, rows: countDays(first, last) };
        return window.rows.filter((c) => c.day >= fromDay && c.day <= toDay);
      }
      return countDays(fromDay, toDay);
    },

    flowItems(span, cap) {
      let got = flows.get(spanKey(span));
      if (!got && !guessedFlows) {
        // the first ask: the spans a refresh lists items of (and today's part) in one query
        guessedFlows = true;
        const { spans, caps } = expectedFlowSpans(span, cap);
        runFlowItems(spans, caps);
        got = flows.get(spanKey(span));
      }
      if (!got || got.cap < cap) {
        runFlowItems([span], [cap]);
        got = flows.get(spanKey(span));
      }
      const items: FlowItem[] = [];
      const omitted: FlowItems['omitted'] = [];
      for (const l of got?.listed.values() ?? []) {
        const shown = l.items.slice(0, cap);
        items.push(...shown);
        if (l.total > shown.length)
          omitted.push({ userId: l.userId, figure: l.figure, count: l.total - shown.length });
      }
      return { items: items.sort(byTime), omitted };
    },

    prefetchPortfolio: (spans, cap) =>
      runPortfolio(
        spans,
        spans.map(() => cap),
      ),

    portfolio(span, cap) {
      let got = portfolios.get(spanKey(span));
      if (!got && !guessed) {
        // the first ask: the spans a refresh asks for come in the same query
        guessed = true;
        const { spans, caps } = expectedSpans(span, cap);
        runPortfolio(spans, caps);
        got = portfolios.get(spanKey(span));
      }
      if (!got || got.cap < cap) {
        runPortfolio([span], [cap]);
        got = portfolios.get(spanKey(span));
      }
      const out = new Map<number, IdList>();
      for (const [u, l] of got?.ids ?? []) out.set(u, capped(l, cap));
      return out;
    },

    prefetchStocks(at) {
      stockInstant = at;
    },

    stocks(at, nowMs, cap) {
      let got = stockCache.get(stockKey(at, nowMs));
      if (!got || got.cap < cap) {
        runStocks(at === 'current' ? stockInstant : at, nowMs, cap);
        got = stockCache.get(stockKey(at, nowMs));
      }
      const out = new Map<number, StockFacts>();
      for (const [u, s] of got?.stocks ?? [])
        out.set(u, {
          inWork: capped(s.inWork, cap),
          openTasks: capped(s.openTasks, cap),
          overdueTasks: capped(s.overdueTasks, cap),
          leadsWithoutTasks: capped(s.leadsWithoutTasks, cap),
        });
      return out;
    },

    details: (leadIds, taskIds) => itemDetails(client, source, leadIds, taskIds),
  };
}
