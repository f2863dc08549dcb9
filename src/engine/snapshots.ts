/**
 * Daily snapshots (docs/rules.md §2.7, §5.3): per manager and local day, the stocks at the day's end and
 * the day's flows. Closed periods read their stocks from the snapshot of their last day.
 */
import { Calendar } from './calendar';
import type { EngineSettings } from './engine-settings';
import { FLOW_FIGURES, type FlowFigure } from './figures';
import type { Ledger } from './ledger';
import { isClosedStatus } from './lead-history';
import { lowerBound } from './sorted';

export interface Stocks {
  inWork: number;
  openTasks: number;
  overdueTasks: number;
  leadsWithoutTasks: number;
}

export interface DailySnapshot extends Stocks {
  /** local day, 'YYYY-MM-DD' */
  day: string;
  userId: number;
  flows: Record<FlowFigure, number>;
}

/** per user: the leads / tasks behind each stock */
export interface StockItems {
  inWork: number[];
  openTasks: number[];
  overdueTasks: number[];
  leadsWithoutTasks: number[];
}

export interface StockDetail {
  stocks: Map<number, Stocks>;
  detail: Map<number, StockItems>;
}

/** Stocks from the current state of leads and tasks, as of instant `at`. */
export function currentStocks(ledger: Ledger, settings: EngineSettings, at: number): StockDetail {
  const selected = new Set(settings.pipelineIds);
  const stocks = new Map<number, Stocks>();
  const detail = new Map<number, StockItems>();
  const get = (u: number): [Stocks, StockItems] => {
    let s = stocks.get(u);
    let d = detail.get(u);
    if (!s || !d) {
      stocks.set(u, (s = { inWork: 0, openTasks: 0, overdueTasks: 0, leadsWithoutTasks: 0 }));
      detail.set(u, (d = { inWork: [], openTasks: [], overdueTasks: [], leadsWithoutTasks: [] }));
    }
    return [s, d];
  };
  for (const h of ledger.histories) {
    const lead = h.lead;
    if (!selected.has(lead.pipeline_id) || isClosedStatus(lead.status_id)) continue;
    const [s, d] = get(lead.responsible_user_id);
    s.inWork++;
    d.inWork.push(lead.id);
    if (lead.closest_task_at === null) {
      s.leadsWithoutTasks++;
      d.leadsWithoutTasks.push(lead.id);
    }
  }
  for (const t of ledger.tasks) {
    if (t.is_completed) continue;
    const [s, d] = get(t.responsible_user_id);
    s.openTasks++;
    d.openTasks.push(t.id);
    if (t.complete_till * 1000 < at) {
      s.overdueTasks++;
      d.overdueTasks.push(t.id);
    }
  }
  return { stocks, detail };
}

/** Snapshot rows for one local day: stocks as of `at` (the day's end or the moment after), flows of that day. */
export function snapshotForDay(
  ledger: Ledger,
  settings: EngineSettings,
  cal: Calendar,
  day: string,
  at: number,
): DailySnapshot[] {
  const date = Calendar.parse(day);
  const start = cal.startOf(date);
  const end = cal.startOf(cal.addDays(date, 1));
  const rows = new Map<number, DailySnapshot>();
  const row = (u: number) => {
    let r = rows.get(u);
    if (!r) {
      rows.set(
        u,
        (r = {
          day,
          userId: u,
          inWork: 0,
          openTasks: 0,
          overdueTasks: 0,
          leadsWithoutTasks: 0,
          flows: Object.fromEntries(FLOW_FIGURES.map((f) => [f, 0])) as Record<FlowFigure, number>,
        }),
      );
    }
    return r;
  };
  for (const [u, s] of currentStocks(ledger, settings, at).stocks) Object.assign(row(u), s);
  for (
    let i = lowerBound(ledger.credits, start);
    i < ledger.credits.length && (ledger.credits[i]?.at ?? Infinity) < end;
    i++
  ) {
    const c = ledger.credits[i];
    if (c) row(c.userId).flows[c.figure]++;
  }
  return [...rows.values()].sort((a, b) => a.userId - b.userId);
}
