/**
 * What the rating sheets Неделя, Месяц and Квартал must show after a refresh, cell by cell, by
 * the reference recount (PRODUCT.md §3.4, §4, §5.1), and the comparison with a published sheet.
 * The layout (column order, the total row, the finals' tables, the "not in the rating" rows,
 * labels and number forms) is the product's presentation as docs/rules.md §5.1 describes it.
 *
 * Where the product description and the product's own description differ (docs/rules.md §9),
 * this follows the product description: figure 1 goes to the closer or the one responsible at
 * the end; closed periods' stocks are the state at their local midnight; first reaches are kept
 * whatever the history window; change of place comes from the previous period's final as it was
 * at that period's end, for a final too (the sheets show it; the posts of a final do not —
 * PRODUCT.md §4 speaks of the post); ranking by plan % without plans ranks by points. A closed period's stock cell may be empty on the sheet ("never a guess", §2).
 */
import { dd, localDate, periodAt, previous, type Kind, type Period } from './calendar';
import type { OracleDump, OracleSettings } from './inputs';
import { rate, type ManagerResult, type PeriodResult } from './rating';

/** The emulator's account as it was at moments of the span, in time order. */
export class DumpLog {
  private readonly list: Array<{ at: number; dump: OracleDump }> = [];
  add(at: number, dump: OracleDump): void {
    this.list.push({ at, dump });
    this.list.sort((a, b) => a.at - b.at);
  }
  /** the first dump taken at or after `ms` (the last one if none) */
  at(ms: number): OracleDump {
    const hit = this.list.find((d) => d.at >= ms) ?? this.list.at(-1);
    if (!hit) throw new Error('no dump of the account yet');
    return hit.dump;
  }
}

export type Cell = string | number;

export const SHEETS: Record<Kind, string> = { week: 'Неделя', month: 'Месяц', quarter: 'Квартал' };
export const COLUMNS = [
  'Место',
  'Медаль',
  'Менеджер',
  'Баллы',
  'План',
  'План %',
  'Темп',
  'Изм.',
  '',
  'Всего сделок',
  'В работе',
  'Новых сделок',
  'Встреч назначено',
  'Встреч проведено',
  'Договор подписан',
  'Аванс внесён',
  'Успешно закрыто',
  'Закрыто в отказ',
  'Доля отказов',
  'Всего задач',
  'Просрочено задач',
  'Сделок без задач',
] as const;
/** stock columns: a closed period's may be empty on the sheet when its state was not kept */
export const STOCK_COLUMNS = new Set([10, 19, 20, 21]);
const MEDALS = ['🥇', '🥈', '🥉'];

export interface ExpectedTable {
  role: 'current' | 'final';
  period: Period;
  /** 'dd.mm.yyyy – dd.mm.yyyy' */
  dates: string;
  closed: boolean;
  /** by manager name as the sheet writes it */
  rows: Map<string, Cell[]>;
  total: Cell[];
  result: PeriodResult;
}

export interface ExpectedSheet {
  name: string;
  tables: ExpectedTable[];
  outside: Map<string, Cell[]>;
}

const blank = (v: number | null): Cell => v ?? '';

function shownName(r: ManagerResult): string {
  if (r.kind === 'deleted') return `Пользователь #${r.userId} (удалён)`;
  if (r.kind === 'inactive') return `${r.name} (неактивен)`;
  return r.name;
}

function figureCells(r: ManagerResult['figures']): Cell[] {
  const closedDeals = r.won + r.lost;
  return [
    r.totalLeads,
    r.inWork,
    r.newLeads,
    r.meetingsScheduled,
    r.meetingsHeld,
    r.contractsSigned,
    r.advancesPaid,
    r.won,
    r.lost,
    closedDeals ? r.lost / closedDeals : '',
    r.totalTasks,
    r.overdueTasks,
    r.leadsWithoutTasks,
  ];
}

function change(place: number | null, before: number | undefined): string {
  if (place === null) return '';
  if (before === undefined) return 'нов.';
  const d = before - place;
  return d > 0 ? `▲${d}` : d < 0 ? `▼${-d}` : '—';
}

function table(
  role: ExpectedTable['role'],
  res: PeriodResult,
  previousPlaces: Map<number, number> | null,
  zone: string,
): ExpectedTable {
  const rows = new Map<string, Cell[]>();
  // a closed period (the week, a final) is judged on its whole plan: the sheet shows its plan %
  // once and leaves the pace column blank (docs/rules.md §5.1)
  const closed = res.asOf === null;
  for (const r of res.ranked)
    rows.set(shownName(r), [
      r.place ?? '',
      r.place !== null && r.place <= 3 && r.points > 0 ? (MEDALS[r.place - 1] ?? '') : '',
      shownName(r),
      r.points,
      blank(r.plan),
      blank(r.planPercent),
      closed ? '' : blank(r.pace),
      previousPlaces ? change(r.place, previousPlaces.get(r.userId)) : '',
      '',
      ...figureCells(r.figures),
    ]);
  const sum = (f: keyof ManagerResult['figures']) =>
    res.ranked.reduce((n, r) => n + r.figures[f], 0);
  const totals = Object.fromEntries(
    (Object.keys(res.ranked[0]?.figures ?? {}) as Array<keyof ManagerResult['figures']>).map(
      (f) => [f, sum(f)],
    ),
  ) as ManagerResult['figures'];
  const points = Math.round(res.ranked.reduce((n, r) => n + r.points, 0) * 1e6) / 1e6;
  const planned = res.ranked.filter((r) => r.plan !== null);
  const plan = planned.length ? planned.reduce((n, r) => n + (r.plan ?? 0), 0) : null;
  const planPercent = plan ? points / plan : null;
  const total: Cell[] = [
    '',
    '',
    'Итого по отделу',
    points,
    blank(plan),
    blank(planPercent),
    closed || planPercent === null || res.share === null ? '' : planPercent / res.share,
    '',
    '',
    ...(res.ranked.length ? figureCells(totals) : new Array<Cell>(13).fill(0)),
  ];
  if (!res.ranked.length) total[18] = '';
  const p = res.period;
  const last = new Date(Date.UTC(p.after.y, p.after.m - 1, p.after.d - 1));
  const lastDay = { y: last.getUTCFullYear(), m: last.getUTCMonth() + 1, d: last.getUTCDate() };
  return {
    role,
    period: p,
    // a running period's dates end on the as-of day
    dates: `${dd(p.first)} – ${dd(res.asOf === null ? lastDay : localDate(res.asOf, zone))}`,
    closed,
    rows,
    total,
    result: res,
  };
}

/** The final of a period, as it was when the period ended. */
function finalOf(p: Period, dumps: DumpLog, settings: OracleSettings): PeriodResult {
  const at = dumps.at(p.end);
  return rate({ data: at, stocks: at, settings, period: p });
}

export function expectedSheets(
  dumps: DumpLog,
  settings: OracleSettings,
  asOf: number,
  zone: string,
): ExpectedSheet[] {
  const now = dumps.at(asOf);
  const out: ExpectedSheet[] = [];
  for (const kind of ['week', 'month', 'quarter'] as const) {
    const p = periodAt(kind, asOf, zone);
    const places = (q: Period) =>
      new Map(
        finalOf(previous(q, zone), dumps, settings).ranked.map((r) => [r.userId, r.place ?? 0]),
      );
    // the week has ended at the start of today: a closed period, read as at its end
    const current =
      kind === 'week'
        ? finalOf(p, dumps, settings)
        : rate({ data: now, stocks: now, settings, period: p, asOf, zone });
    const tables = [table('current', current, places(p), zone)];
    const local = new Date(asOf);
    const day = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: zone, day: 'numeric' }).format(local),
    );
    const month = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: zone, month: 'numeric' }).format(local),
    );
    // the previous month's or quarter's final, in the first 7 days of the new one
    if (day <= 7 && (kind === 'month' || (kind === 'quarter' && (month - 1) % 3 === 0)))
      tables.push(
        table(
          'final',
          finalOf(previous(p, zone), dumps, settings),
          places(previous(p, zone)),
          zone,
        ),
      );
    const outside = new Map<string, Cell[]>();
    for (const r of current.outside)
      outside.set(shownName(r), [
        '',
        '',
        shownName(r),
        r.points,
        '',
        '',
        '',
        '',
        '',
        ...figureCells(r.figures),
      ]);
    out.push({ name: SHEETS[kind], tables, outside });
  }
  return out;
}

export interface Disagreement {
  sheet: string;
  /** 'текущий' or 'итоги', with the dates */
  period: string;
  role: ExpectedTable['role'] | 'outside';
  closed: boolean;
  manager: string;
  column: string;
  sheetValue: Cell;
  oracleValue: Cell;
  /** for a row only the sheet has: its cells */
  sheetRow?: unknown[];
}

export function describe(d: Disagreement): string {
  return `${d.sheet}/${d.period}/${d.manager}/${d.column}: sheet ${String(d.sheetValue)}, oracle ${String(d.oracleValue)}`;
}

function same(col: number, a: unknown, b: Cell): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    // pace depends on the as-of second; everything else is exact up to float noise
    const tol = col === 6 ? 1e-4 : 1e-6;
    return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
  }
  return a === b;
}

/** «Анна 🔥3 🏆2 ⭐» → «Анна» */
const MARKS = / (?:🔥\d+|🏆\d+|⭐)(?: (?:🔥\d+|🏆\d+|⭐))*$/u;
export function withoutMarks(name: string): string {
  return name.replace(MARKS, '');
}

/** Compares every cell of the expected tables with a sheet's values; counts the cells compared. */
export function compareSheet(
  values: unknown[][],
  want: ExpectedSheet,
): { compared: number; disagreements: Disagreement[] } {
  const out: Disagreement[] = [];
  let compared = 0;
  const col0 = values.map((r) => (typeof r[0] === 'string' ? r[0] : ''));
  const finalsAt = col0.findIndex((c) => c.startsWith('Итоги прошлого'));
  const outsideAt = col0.findIndex((c) => c.startsWith('Не в рейтинге'));
  for (const t of want.tables) {
    const label = `${t.role === 'final' ? 'итоги' : 'период'} ${t.dates}`;
    const from = t.role === 'current' ? 6 : finalsAt + 3;
    const heading = t.role === 'current' ? 1 : finalsAt;
    const push = (manager: string, column: string, s: Cell, o: Cell) =>
      out.push({
        sheet: want.name,
        period: label,
        role: t.role,
        closed: t.closed,
        manager,
        column,
        sheetValue: s,
        oracleValue: o,
      });
    compared++;
    if (t.role === 'final' && finalsAt < 0) {
      push('—', 'таблица итогов', 'нет', 'есть');
      continue;
    }
    if (!(col0[heading] ?? '').includes(t.dates)) push('—', 'период', col0[heading] ?? '', t.dates);
    const rows: unknown[][] = [];
    let totalRow: unknown[] | null = null;
    for (let i = from; i < values.length; i++) {
      const r = values[i] ?? [];
      if (r[2] === 'Итого по отделу') {
        totalRow = r;
        break;
      }
      if (r.every((c) => c === '')) break;
      // the streak marks beside a name (docs/rules.md §3.6) are checked by the unit tests of
      // streaks; the oracle compares the name itself
      rows.push(typeof r[2] === 'string' ? [r[0], r[1], withoutMarks(r[2]), ...r.slice(3)] : r);
    }
    const seen = new Set<string>();
    const cmpRow = (manager: string, got: unknown[], want: Cell[]) => {
      for (let c = 0; c < want.length; c++) {
        if (c === 2 || c === 8) continue;
        compared++;
        const g = got[c] ?? '';
        const w = want[c] ?? '';
        if (same(c, g, w)) continue;
        if (t.closed && STOCK_COLUMNS.has(c) && g === '') continue;
        push(manager, COLUMNS[c] ?? String(c), g as Cell, w);
      }
    };
    for (const [name, cells] of t.rows) {
      compared++;
      const got = rows.find((r) => r[2] === name);
      seen.add(name);
      if (!got) {
        push(name, 'строка', 'нет', `место ${String(cells[0])}`);
        continue;
      }
      cmpRow(name, got, cells);
    }
    for (const r of rows)
      if (!seen.has(String(r[2]))) {
        compared++;
        push(String(r[2]), 'строка', `место ${String(r[0])}`, 'нет');
        const last = out.at(-1);
        if (last) last.sheetRow = r;
      }
    compared++;
    if (!totalRow) push('Итого по отделу', 'строка', 'нет', 'есть');
    else cmpRow('Итого по отделу', totalRow, t.total);
  }
  // "not in the rating": deactivated and deleted users of the sheet's own period
  const got: unknown[][] = [];
  if (outsideAt >= 0)
    for (let i = outsideAt + 1; i < values.length; i++) {
      const r = values[i] ?? [];
      if (r.every((c) => c === '')) break;
      got.push(r);
    }
  const current = want.tables[0];
  for (const [name, cells] of want.outside) {
    compared++;
    const row = got.find((r) => r[2] === name);
    if (!row) {
      out.push({
        sheet: want.name,
        period: `не в рейтинге ${current?.dates ?? ''}`,
        role: 'outside',
        closed: current?.closed ?? false,
        manager: name,
        column: 'строка',
        sheetValue: 'нет',
        oracleValue: 'есть',
      });
      continue;
    }
    for (let c = 3; c < cells.length; c++) {
      if (c === 8) continue;
      compared++;
      const g = row[c] ?? '';
      const w = cells[c] ?? '';
      if (same(c, g, w) || (current?.closed && STOCK_COLUMNS.has(c) && g === '')) continue;
      out.push({
        sheet: want.name,
        period: `не в рейтинге ${current?.dates ?? ''}`,
        role: 'outside',
        closed: current?.closed ?? false,
        manager: name,
        column: COLUMNS[c] ?? String(c),
        sheetValue: g as Cell,
        oracleValue: w,
      });
    }
  }
  for (const r of got)
    if (!want.outside.has(String(r[2]))) {
      compared++;
      out.push({
        sheet: want.name,
        period: `не в рейтинге ${current?.dates ?? ''}`,
        role: 'outside',
        closed: current?.closed ?? false,
        manager: String(r[2]),
        column: 'строка',
        sheetValue: 'есть',
        oracleValue: 'нет',
      });
    }
  return { compared, disagreements: out };
}
