/**
 * Plans (docs/rules.md §3.2): set per manager per calendar month; a week's plan is prorated by its
 * days in each month, a quarter's is the sum of its months, a month to date is measured
 * against the whole month's plan. A period with a month that has no plan has no plan: a quarter
 * with only March planned would otherwise show three months of points against one month's plan.
 */
import { Calendar } from './calendar';
import type { MonthPlan } from './engine-settings';
import { FLOW_FIGURES, type FlowFigure } from './figures';
import { monthDays, type Period } from './periods';

export interface PeriodPlan {
  points: number | null;
  figures: Partial<Record<FlowFigure, number>>;
}

function monthsOf(cal: Calendar, p: Period): Map<string, number> {
  if (p.kind === 'week') {
    const out = new Map<string, number>();
    for (const [m, days] of monthDays(cal, p)) {
      const { y, m: mm } = Calendar.parse(m);
      out.set(m, days / Calendar.daysInMonth(y, mm));
    }
    return out;
  }
  const first = Calendar.parse(p.firstDay);
  const count = p.kind === 'month' ? 1 : 3;
  const out = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const idx = first.y * 12 + first.m - 1 + i;
    out.set(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`, 1);
  }
  return out;
}

export function planFor(cal: Calendar, plans: MonthPlan[], userId: number, p: Period): PeriodPlan {
  const weights = monthsOf(cal, p);
  let points: number | null = 0;
  const figures: Partial<Record<FlowFigure, number | null>> = {};
  for (const fig of FLOW_FIGURES) figures[fig] = 0;
  for (const [month, w] of weights) {
    if (w <= 0) continue;
    const plan = plans.find((x) => x.userId === userId && x.month === month);
    points = points !== null && typeof plan?.points === 'number' ? points + plan.points * w : null;
    for (const fig of FLOW_FIGURES) {
      const v = plan?.figures?.[fig];
      const sum = figures[fig];
      figures[fig] =
        sum !== null && sum !== undefined && typeof v === 'number' ? sum + v * w : null;
    }
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  const out: Partial<Record<FlowFigure, number>> = {};
  for (const fig of FLOW_FIGURES) {
    const v = figures[fig];
    if (v !== null && v !== undefined) out[fig] = round(v);
  }
  return { points: points === null ? null : round(points), figures: out };
}

export function percent(actual: number, plan: number | null): number | null {
  if (plan === null || plan <= 0) return null;
  return actual / plan;
}
