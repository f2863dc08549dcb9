/**
 * The rating's facts from the ledger in the heap (the spreadsheet store): exact counts, and the
 * items behind them listed under the same `cap` as GoogleSQL over the BigQuery store lists them
 * (the earliest flow items per user and figure, the lowest ids per list, the rest counted), so
 * both stores publish the same «Разбор» and it stays bounded. Day counts are made once per local
 * day and kept: a refresh asks for the same days again and again (three periods, their previous
 * ones, the card's 12 weeks, the bottom watch's weeks).
 */
import { Calendar } from './calendar';
import type { EngineSettings } from './engine-settings';
import { FLOW_FIGURES } from './figures';
import { isClosedStatus, responsibleAt, type LeadHistory } from './lead-history';
import type { Ledger } from './ledger';
import {
  COMPLETED_TASKS,
  type DayCount,
  type DayFigure,
  type FlowItem,
  type FlowItems,
  type IdList,
  type RatingFacts,
  type Span,
  type StockFacts,
} from './rating-facts';
import { currentStocks, stocksAt, type StockDetail } from './snapshots';
import { lowerBound } from './sorted';

/** figure order within a day and user: FLOW_FIGURES, then completed tasks */
const FIGURE_ORDER: readonly DayFigure[] = [...FLOW_FIGURES, COMPLETED_TASKS];
const FIGURE_RANK = new Map(FIGURE_ORDER.map((f, i) => [f, i]));

/** The first moment in [from, to) when the lead was open (neither won nor lost), or null. */
export function firstOpenMoment(
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
  if (current && !isClosedStatus(current.statusId))
    return { at: begin, pipelineId: current.pipelineId };
  for (const s of h.statuses) {
    if (s.at > begin && s.at < to && !isClosedStatus(s.statusId))
      return { at: s.at, pipelineId: s.pipelineId };
  }
  return null;
}

/**
 * Whose portfolio a lead open in [from, to) is in (docs/rules.md §2.6.1): the manager who closed
 * it (won or lost; the last close when it closed more than once) when it closed in the period,
 * else the one responsible at the period's end.
 */
export function portfolioOwner(h: LeadHistory, from: number, to: number): number {
  let closedAt: number | null = null;
  for (const s of h.statuses) {
    if (s.at >= to) break;
    if (s.at >= from && isClosedStatus(s.statusId)) closedAt = s.at;
  }
  return responsibleAt(h, closedAt ?? to - 1);
}

/** The lowest `cap` ids, with the whole count (as the BigQuery source lists them). */
function idList(ids: readonly number[], cap: number): IdList {
  const sorted = [...ids].sort((a, b) => a - b);
  return {
    ids: sorted.length > cap ? sorted.slice(0, Math.max(0, cap)) : sorted,
    total: ids.length,
  };
}

function stockFacts(d: StockDetail, cap: number): Map<number, StockFacts> {
  const out = new Map<number, StockFacts>();
  for (const [u, items] of d.detail)
    out.set(u, {
      inWork: idList(items.inWork, cap),
      openTasks: idList(items.openTasks, cap),
      overdueTasks: idList(items.overdueTasks, cap),
      leadsWithoutTasks: idList(items.leadsWithoutTasks, cap),
    });
  return out;
}

/**
 * At most `cap` items per user and figure, the earliest (items in the contract's order), the
 * rest counted in `omitted` per user and figure, in the order first met.
 */
function capItems(all: FlowItem[], cap: number): FlowItems {
  const seen = new Map<string, { userId: number; figure: DayFigure; n: number }>();
  const items: FlowItem[] = [];
  for (const it of all) {
    const key = `${it.userId}:${it.figure}`;
    let s = seen.get(key);
    if (!s) seen.set(key, (s = { userId: it.userId, figure: it.figure, n: 0 }));
    s.n++;
    if (s.n <= cap) items.push(it);
  }
  const omitted: FlowItems['omitted'] = [];
  for (const s of seen.values())
    if (s.n > cap)
      omitted.push({ userId: s.userId, figure: s.figure, count: s.n - Math.max(0, cap) });
  return { items, omitted };
}

/** The facts of a ledger; `cal` tells the local days apart. */
export function ledgerFacts(
  ledger: Ledger,
  settings: Pick<EngineSettings, 'pipelineIds'>,
  cal: Calendar,
): RatingFacts {
  const { credits, completions, histories } = ledger;
  const selected = new Set(settings.pipelineIds);
  const days = new Map<string, DayCount[]>();

  function countDay(day: string): DayCount[] {
    const hit = days.get(day);
    if (hit) return hit;
    const date = Calendar.parse(day);
    const start = cal.startOf(date);
    const end = cal.startOf(cal.addDays(date, 1));
    const perUser = new Map<number, number[]>();
    const bump = (userId: number, rank: number) => {
      let counts = perUser.get(userId);
      if (!counts) perUser.set(userId, (counts = new Array<number>(FIGURE_ORDER.length).fill(0)));
      counts[rank] = (counts[rank] ?? 0) + 1;
    };
    for (let i = lowerBound(credits, start); i < credits.length; i++) {
      const c = credits[i];
      if (!c || c.at >= end) break;
      bump(c.userId, FIGURE_RANK.get(c.figure) ?? 0);
    }
    const done = FIGURE_ORDER.length - 1;
    for (let i = lowerBound(completions, start); i < completions.length; i++) {
      const c = completions[i];
      if (!c || c.at >= end) break;
      bump(c.userId, done);
    }
    const out: DayCount[] = [];
    for (const userId of [...perUser.keys()].sort((a, b) => a - b)) {
      const counts = perUser.get(userId) ?? [];
      counts.forEach((count, rank) => {
        const figure = FIGURE_ORDER[rank];
        if (count > 0 && figure) out.push({ day, userId, figure, count });
      });
    }
    days.set(day, out);
    return out;
  }

  // the stocks at an instant are asked for by several ratings and the snapshot: made once each
  const stockCache = new Map<string, StockDetail>();
  function stocksOf(key: string, cap: number, make: () => StockDetail): Map<number, StockFacts> {
    let s = stockCache.get(key);
    if (!s) stockCache.set(key, (s = make()));
    return stockFacts(s, cap);
  }

  return {
    dayCounts(fromDay: string, toDay: string): DayCount[] {
      const out: DayCount[] = [];
      const last = Calendar.parse(toDay);
      for (let d = Calendar.parse(fromDay); Calendar.key(d) <= Calendar.key(last);) {
        out.push(...countDay(Calendar.key(d)));
        d = cal.addDays(d, 1);
      }
      return out;
    },

    flowItems(span: Span, cap: number): FlowItems {
      const items: FlowItem[] = [];
      for (let i = lowerBound(credits, span.start); i < credits.length; i++) {
        const c = credits[i];
        if (!c || c.at >= span.end) break;
        const item: FlowItem = { userId: c.userId, figure: c.figure, at: c.at };
        if (c.leadId !== undefined) item.leadId = c.leadId;
        if (c.taskId !== undefined) item.taskId = c.taskId;
        if (c.skipped) item.skipped = true;
        items.push(item);
      }
      const done: FlowItem[] = [];
      for (let i = lowerBound(completions, span.start); i < completions.length; i++) {
        const c = completions[i];
        if (!c || c.at >= span.end) break;
        done.push({ userId: c.userId, figure: COMPLETED_TASKS, at: c.at, taskId: c.taskId });
      }
      return capItems(mergeItems(items, done).sort(itemOrder), cap);
    },

    portfolio(span: Span, cap: number): Map<number, IdList> {
      const ids = new Map<number, number[]>();
      for (const h of histories) {
        const open = firstOpenMoment(h, span.start, span.end);
        if (!open || !selected.has(open.pipelineId)) continue;
        const owner = portfolioOwner(h, span.start, span.end);
        let list = ids.get(owner);
        if (!list) ids.set(owner, (list = []));
        list.push(h.lead.id);
      }
      const out = new Map<number, IdList>();
      for (const [owner, list] of ids) out.set(owner, idList(list, cap));
      return out;
    },

    stocks(at: 'current' | number, now: number, cap: number): Map<number, StockFacts> {
      return at === 'current'
        ? stocksOf(`current:${now}`, cap, () => currentStocks(ledger, settings, now))
        : stocksOf(String(at), cap, () => stocksAt(ledger, settings, at));
    },
  };
}

/** ties: by lead or task id, then figure (FLOW_FIGURES order, completed tasks last) */
function itemOrder(a: FlowItem, b: FlowItem): number {
  return (
    a.at - b.at ||
    (a.leadId ?? a.taskId ?? 0) - (b.leadId ?? b.taskId ?? 0) ||
    (FIGURE_RANK.get(a.figure) ?? 0) - (FIGURE_RANK.get(b.figure) ?? 0)
  );
}

/** Two lists each in time order, merged into one in the contract's order. */
function mergeItems(a: FlowItem[], b: FlowItem[]): FlowItem[] {
  if (!b.length) return a;
  if (!a.length) return b;
  const out: FlowItem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || itemOrder(x, y) <= 0)) {
      out.push(x);
      i++;
    } else if (y) {
      out.push(y);
      j++;
    }
  }
  return out;
}
