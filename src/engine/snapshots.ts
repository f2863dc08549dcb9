/**
 * Daily snapshots (docs/rules.md §2.7, §5.3): per manager and local day, the stocks at the day's end and
 * the day's flows. Closed periods read their stocks from the snapshot of their last day.
 *
 * The stocks at a day's end are rebuilt from the data of the next morning's refresh: what happened
 * after midnight is rolled back (deals created, moved, closed or handed over; tasks created or
 * completed), so a deal created at 06:39 on the 1st is not "in work" on the 31st.
 */
import { Calendar } from './calendar';
import type { EngineSettings } from './engine-settings';
import { FLOW_FIGURES, type FlowFigure } from './figures';
import type { Ledger } from './ledger';
import { isClosedStatus, responsibleAt, type LeadHistory, type StatusPoint } from './lead-history';
import { COMPLETED_TASKS, type RatingFacts } from './rating-facts';

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

function stockTally(): StockDetail & { get: (u: number) => [Stocks, StockItems] } {
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
  return { stocks, detail, get };
}

/** Stocks from the current state of leads and tasks, as of instant `at`. */
export function currentStocks(
  ledger: Ledger,
  settings: Pick<EngineSettings, 'pipelineIds'>,
  at: number,
): StockDetail {
  const selected = new Set(settings.pipelineIds);
  const { stocks, detail, get } = stockTally();
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

/** The status a lead stood in just before `at` (moves at `at` belong to the next period). */
function statusBefore(h: LeadHistory, at: number): StatusPoint | undefined {
  let current: StatusPoint | undefined;
  for (const s of h.statuses) {
    if (s.at >= at) break;
    current = s;
  }
  return current;
}

/**
 * Stocks as they stood at instant `end` (a period's end, in the past), rebuilt from today's data:
 * deals created at or after `end` are left out; a deal's status and responsible are the ones it
 * had just before `end` (its timeline, docs/rules.md §2.3–§2.4); tasks created at or after `end`
 * are left out and tasks completed at or after `end` count as open. A deal had no open task at
 * `end` when none of its tasks was open then; when none of its tasks changed since, amoCRM's own
 * `closest_task_at` says it (it also knows tasks the store does not). Tasks go to their current
 * responsible user, as in every task figure; their deadline is the current one (amoCRM's
 * deadline changes are not read).
 */
export function stocksAt(
  ledger: Ledger,
  settings: Pick<EngineSettings, 'pipelineIds'>,
  end: number,
): StockDetail {
  const selected = new Set(settings.pipelineIds);
  const { stocks, detail, get } = stockTally();
  const completedAt = new Map(ledger.completions.map((c) => [c.taskId, c.at]));
  /** open at `end`: created before it, not completed before it */
  const openAt = (t: { id: number; created_at: number; is_completed: boolean }) =>
    t.created_at * 1000 < end && (!t.is_completed || (completedAt.get(t.id) ?? -Infinity) >= end);
  // per deal: how many of its tasks were open at `end`, and whether any changed since
  const onLead = new Map<number, { open: number; changed: boolean }>();
  for (const t of ledger.tasks) {
    const open = openAt(t);
    if (t.entity_type === 'leads' && t.entity_id !== null) {
      let l = onLead.get(t.entity_id);
      if (!l) onLead.set(t.entity_id, (l = { open: 0, changed: false }));
      if (open) l.open++;
      const done = t.is_completed ? (completedAt.get(t.id) ?? -Infinity) : -Infinity;
      if (t.created_at * 1000 >= end || done >= end) l.changed = true;
    }
    if (!open) continue;
    const [s, d] = get(t.responsible_user_id);
    s.openTasks++;
    d.openTasks.push(t.id);
    if (t.complete_till * 1000 < end) {
      s.overdueTasks++;
      d.overdueTasks.push(t.id);
    }
  }
  for (const h of ledger.histories) {
    if (h.createdAt >= end) continue;
    const status = statusBefore(h, end);
    if (!status || !selected.has(status.pipelineId) || isClosedStatus(status.statusId)) continue;
    const lead = h.lead;
    const [s, d] = get(responsibleAt(h, end - 1));
    s.inWork++;
    d.inWork.push(lead.id);
    const tasks = onLead.get(lead.id);
    const withoutTasks = tasks?.changed ? tasks.open === 0 : lead.closest_task_at === null;
    if (withoutTasks) {
      s.leadsWithoutTasks++;
      d.leadsWithoutTasks.push(lead.id);
    }
  }
  return { stocks, detail };
}

/** Snapshot rows for one local day that has ended: the stocks at its end, the flows of that day. */
export function snapshotForDay(facts: RatingFacts, cal: Calendar, day: string): DailySnapshot[] {
  const date = Calendar.parse(day);
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
  // counts only: no items are listed
  for (const [u, s] of facts.stocks(end, end, 0))
    Object.assign(row(u), {
      inWork: s.inWork.total,
      openTasks: s.openTasks.total,
      overdueTasks: s.overdueTasks.total,
      leadsWithoutTasks: s.leadsWithoutTasks.total,
    });
  for (const c of facts.dayCounts(day, day))
    if (c.figure !== COMPLETED_TASKS) row(c.userId).flows[c.figure] += c.count;
  return [...rows.values()].sort((a, b) => a.userId - b.userId);
}
