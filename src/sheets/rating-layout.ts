/**
 * A rating sheet as grids, computed before anything is written (docs/rules.md §5.1): a leaderboard
 * first (the columns of LEADERBOARD: place, medal, manager, points, plan, pace…), then the twelve
 * figures grouped (portfolio, funnel, tasks), one or more tables with team totals, the users who are not
 * in the rating, and a legend with today's norms and point values. Pure: the sheet adapter writes
 * these grids with one call per kind.
 */
import { staffingMark, staffingNoteText } from '../i18n/absence-texts';
import {
  SCORED_FIGURES,
  STAGE_FIGURES,
  type EngineSettings,
  type FlowFigure,
  type Figures,
  type OutsideRow,
  type PointsVersion,
  type Rating,
  type RatingRow,
  type Teams,
} from '../engine';
import { teamTableRows } from './team-table';
import {
  FIGURE_PLAN_LABELS,
  figureNote,
  figurePlanCellNote,
  LEADER_LABELS,
  type LeaderLabels,
  type NoteContext,
} from '../i18n/figure-labels';
import { FIGURE_NAMES, GROUP_NAMES, type DetailColumn, type FigureGroup } from '../i18n/glossary';
import { breachNote, legendLines, type Breach } from '../i18n/legend';
import { t, type Language } from '../i18n/messages';
import { rangeLabel } from '../i18n/period-labels';

const GROUPS: Record<FigureGroup, readonly DetailColumn[]> = {
  portfolio: ['totalLeads', 'inWork', 'newLeads'],
  funnel: [...STAGE_FIGURES, 'lost', 'lostShare'],
  tasks: ['totalTasks', 'overdueTasks', 'leadsWithoutTasks'],
};

/** The figures' columns in the sheet's order, each with its group. */
export const DETAIL: ReadonlyArray<{ key: DetailColumn; group: FigureGroup }> = (
  ['portfolio', 'funnel', 'tasks'] as const
).flatMap((group) => GROUPS[group].map((key) => ({ key, group })));

export const FORMAT = {
  int: '#,##0',
  points: '#,##0.0',
  percent: '0%',
  text: '@',
} as const;

/** One column of the leaderboard: its header, number format, width and cell in each kind of row. */
interface LeaderColumn<K extends string> {
  key: K;
  /** the header and its note; blank without */
  label?: Exclude<keyof LeaderLabels, `${string}Note`>;
  note?: Extract<keyof LeaderLabels, `${string}Note`>;
  format: string;
  /** pixels; without it the column is as wide as its widest cell */
  width?: number;
  /** the cell of a ranked manager, of the team total and of a user outside the rating; blank without */
  ranked?: (r: RatingRow, lang: Language) => unknown;
  total?: (tot: Rating['totals'], lang: Language) => unknown;
  outside?: (o: OutsideRow, lang: Language) => unknown;
}

/** Keeps the keys literal, so COL knows every column by name. */
const leaderboard = <K extends string>(columns: ReadonlyArray<LeaderColumn<K>>) => columns;

/** The leaderboard's columns in the sheet's order, from column A; the figures follow. */
const LEADERBOARD = leaderboard([
  { key: 'place', label: 'place', format: '0', ranked: (r) => r.place },
  { key: 'medal', format: FORMAT.text, width: 34, ranked: (r) => r.medal },
  {
    key: 'manager',
    label: 'manager',
    format: FORMAT.text,
    ranked: (r) => r.name,
    total: (_, lang) => t(lang, 'total'),
    outside: (o, lang) => managerLabel(o, lang),
  },
  {
    key: 'points',
    label: 'points',
    note: 'pointsNote',
    format: FORMAT.points,
    ranked: (r) => r.points,
    total: (tot) => tot.points,
    outside: (o) => o.points,
  },
  {
    key: 'plan',
    label: 'plan',
    note: 'planNote',
    format: FORMAT.int,
    ranked: (r) => r.plan ?? '',
    total: (tot) => tot.plan ?? '',
  },
  {
    key: 'planPct',
    label: 'planPct',
    note: 'planPctNote',
    format: FORMAT.percent,
    ranked: (r) => r.planPercent ?? '',
    total: (tot) => tot.planPercent ?? '',
  },
  {
    key: 'pace',
    label: 'pace',
    note: 'paceNote',
    format: FORMAT.percent,
    ranked: (r) => r.pace ?? '',
    total: (tot) => tot.pace ?? '',
  },
  { key: 'change', label: 'change', note: 'changeNote', format: FORMAT.text, ranked: changeText },
  // an empty narrow column separates the leaderboard from the figures
  { key: 'gap', format: FORMAT.text, width: 12 },
]);
export type LeaderKey = (typeof LEADERBOARD)[number]['key'];

/** 1-based sheet columns by name. */
export const COL: Readonly<Record<LeaderKey | 'firstDetail', number>> = {
  // fromEntries forgets the keys; they are LEADERBOARD's, every one
  ...(Object.fromEntries(LEADERBOARD.map((c, i) => [c.key, i + 1])) as Record<LeaderKey, number>),
  firstDetail: LEADERBOARD.length + 1,
};
export const COLS = COL.firstDetail - 1 + DETAIL.length;
/** the widest a rating sheet gets: a plan column for every figure that can have a plan */
export const MAX_COLS = COLS + SCORED_FIGURES.length;
export const detailCol = (key: DetailColumn): number =>
  COL.firstDetail + DETAIL.findIndex((d) => d.key === key);
export const HEADER_ROWS = 4; // title, period, data as of, warning

export const COLOURS = {
  header: '#e8eaed',
  group: '#f1f3f4',
  total: '#f1f3f4',
  warning: '#fde7e9',
  green: '#b7e1cd',
  yellow: '#fce8b2',
  red: '#f4c7c3',
  redText: '#a50e0e',
  muted: '#5f6368',
} as const;

export interface TableBlock {
  title: string;
  rating: Rating;
  /** what stands beside a ranked name (streaks, a personal best), by user id */
  marks?: ReadonlyMap<number, string>;
  /** the team table under this table (docs/rules.md §3.7) */
  teams?: Teams | null;
  /** lines under the table (the month's most improved) */
  linesAfter?: readonly string[];
}

export interface HeaderInfo {
  title: string;
  /** '09.03.2026 – 15.03.2026' is added by the layout; this is the zone in words */
  zone: string;
  dataAsOf: string;
  warning: string;
}

export interface LayoutContext {
  lang: Language;
  settings: Pick<
    EngineSettings,
    'norms' | 'thresholds' | 'points' | 'tasksScope' | 'meetingsHeldFrom' | 'rankBy'
  >;
  /** the point values in force today (for the legend) */
  points: PointsVersion | null;
}

export interface TableRows {
  groupRow: number;
  headerRow: number;
  firstRow: number;
  rows: number;
  /** the period's share elapsed (1 when closed; null in its first day): what the pace divides by */
  elapsed: number | null;
  /**
   * a closed period (the week, a final): judged on its whole plan, so its pace would repeat its
   * plan %; the pace column is left blank and the colours go on the plan % column
   */
  closed: boolean;
}

/** A figure with a plan on this sheet: its column and the column of its plan (1-based). */
export interface FigurePlanColumn {
  figure: FlowFigure;
  figureCol: number;
  planCol: number;
}

export interface SheetLayout {
  /** columns written: the leaderboard, the figures, then one per figure with a plan */
  cols: number;
  figurePlans: FigurePlanColumn[];
  values: unknown[][];
  formats: string[][];
  weights: Array<Array<'bold' | 'normal'>>;
  backgrounds: Array<Array<string | null>>;
  fontColors: Array<Array<string | null>>;
  notes: string[][];
  merges: Array<{ row: number; col: number; numRows: number; numCols: number }>;
  /** 1-based rows of each table (for rules and the chart) */
  tables: TableRows[];
  /** cells of the tables under the rating coloured like the pace (the forecast's plan %) */
  judged: Array<{ firstRow: number; rows: number; col: number }>;
  frozenRows: number;
  frozenColumns: number;
  widths: number[];
}

/** The mark beside the name and its note, when absences or a ramp change the plan (§3.2.10). */
function staffingCell(r: RatingRow, lang: Language): { mark: string; note: string } | null {
  if (!r.staffing) return null;
  return { mark: staffingMark(r.staffing), note: staffingNoteText(lang, r.staffing) };
}

function withMark(row: unknown[], mark: string | undefined): unknown[] {
  if (mark) row[COL.manager - 1] = `${String(row[COL.manager - 1])} ${mark}`;
  return row;
}

function changeText(row: RatingRow, lang: Language): string {
  if (row.change === null) return t(lang, 'changeNew');
  if (row.change > 0) return `▲${row.change}`;
  if (row.change < 0) return `▼${-row.change}`;
  return '—';
}

export function managerLabel(
  row: { name: string; userId: number; userState: RatingRow['userState'] },
  lang: Language,
): string {
  if (row.userState === 'deleted')
    return `${t(lang, 'userPrefix')} #${row.userId} (${t(lang, 'deleted')})`;
  if (row.userState === 'inactive') return `${row.name} (${t(lang, 'inactive')})`;
  return row.name;
}

const lostShareOf = (f: Figures): number | '' =>
  f.won + f.lost > 0 ? f.lost / (f.won + f.lost) : '';

/**
 * The norms a row breaks, as the red cells show them (a value strictly above its norm): named in
 * the note on the manager's name, which the sheet marks red too (the red cells are far right).
 */
export function breachesOf(f: Figures, norms: EngineSettings['norms']): Breach[] {
  const out: Breach[] = [];
  const over = (
    key: Breach['key'],
    value: number | null | '',
    limit: number | null | undefined,
  ) => {
    if (value === '' || value === null || limit === null || limit === undefined) return;
    if (value > limit) out.push({ key, value, limit });
  };
  over('overdueTasks', f.overdueTasks, norms.maxOverdueTasks);
  over('lost', f.lost, norms.maxLost);
  over('lostShare', lostShareOf(f), norms.maxLostShare);
  over('leadsWithoutTasks', f.leadsWithoutTasks, norms.maxLeadsWithoutTasks);
  return out;
}

function detailValues(f: Figures): unknown[] {
  return DETAIL.map(({ key }) => {
    if (key === 'lostShare') return lostShareOf(f);
    return f[key] ?? '';
  });
}

const detailFormats = (): string[] =>
  DETAIL.map(({ key }) => (key === 'lostShare' ? FORMAT.percent : FORMAT.int));

/** The given leaderboard cells, blank in the other leaderboard columns. */
const leaderCells = (cells: Partial<Record<LeaderKey, unknown>>): unknown[] =>
  LEADERBOARD.map((c) => cells[c.key] ?? '');

const rankedRow = (r: RatingRow, lang: Language): unknown[] => [
  ...LEADERBOARD.map((c) => c.ranked?.(r, lang) ?? ''),
  ...detailValues(r.figures),
];

const totalRow = (tot: Rating['totals'], lang: Language): unknown[] => [
  ...LEADERBOARD.map((c) => c.total?.(tot, lang) ?? ''),
  ...detailValues(tot.figures),
];

const outsideRow = (o: OutsideRow, lang: Language): unknown[] => [
  ...LEADERBOARD.map((c) => c.outside?.(o, lang) ?? ''),
  ...detailValues(o.figures),
];

/** ~7 px per character, as a sheet's own auto-fit does; long titles overflow instead of widening. */
function widthsOf(
  values: unknown[][],
  weights: Array<Array<'bold' | 'normal'>>,
  skip: ReadonlySet<number>,
  cols: number,
  /** no running table: the pace column is blank, as narrow as the gap */
  noPace: boolean,
): number[] {
  const widths = new Array<number>(cols).fill(44);
  const fixed = LEADERBOARD.map((c) => (noPace && c.key === 'pace' ? 12 : c.width));
  values.forEach((row, i) => {
    if (skip.has(i)) return;
    row.forEach((v, c) => {
      if (fixed[c] !== undefined) return;
      const text =
        typeof v === 'number'
          ? v.toLocaleString('ru-RU', { maximumFractionDigits: 1 })
          : typeof v === 'string'
            ? v
            : '';
      const bold = weights[i]?.[c] === 'bold';
      const w = Math.min(260, Math.ceil(text.length * (bold ? 8.2 : 7.2)) + 18);
      widths[c] = Math.max(widths[c] ?? 0, w);
    });
  });
  fixed.forEach((w, c) => {
    if (w !== undefined) widths[c] = w;
  });
  return widths;
}

/**
 * A small table under the rating (Сегодня, the forecast): a title, a header over some leaderboard
 * columns, one row per manager in those columns, an optional total. Shown in the leaderboard's
 * own columns so it reads with the rating above it.
 */
export interface ExtraTable {
  title: string;
  /** the title's note: how the numbers are made */
  note: string;
  header: Partial<Record<LeaderKey, string>>;
  rows: Array<Partial<Record<LeaderKey, unknown>>>;
  total?: Partial<Record<LeaderKey, unknown>>;
  /** a line under the table (what is missing) */
  footer?: string;
  /** a column coloured like the pace, by the thresholds (the forecast's plan % at the end) */
  judged?: LeaderKey;
}

export function layoutSheet(
  header: HeaderInfo,
  blocks: TableBlock[],
  ctx: LayoutContext,
  extras: readonly ExtraTable[] = [],
): SheetLayout {
  const { lang } = ctx;
  const L = LEADER_LABELS[lang];
  const values: unknown[][] = [];
  const formats: string[][] = [];
  const weights: Array<Array<'bold' | 'normal'>> = [];
  const backgrounds: Array<Array<string | null>> = [];
  const fontColors: Array<Array<string | null>> = [];
  const notes: string[][] = [];
  const merges: SheetLayout['merges'] = [];
  const tables: TableRows[] = [];
  const judged: SheetLayout['judged'] = [];
  const unmeasured = new Set<number>();
  // figures with a plan for someone on this sheet get a plan column after the twelve figures (a
  // lost deal has no plan: fewer is better, so no pace colours it)
  const planned = SCORED_FIGURES.filter((f) =>
    blocks.some((b) => b.rating.rows.some((r) => r.figurePlans[f] !== undefined)),
  );
  const figurePlans: FigurePlanColumn[] = planned.map((figure, i) => ({
    figure,
    figureCol: detailCol(figure),
    planCol: COLS + 1 + i,
  }));
  const cols = COLS + planned.length;
  const push = (
    row: unknown[],
    opts: {
      fmt?: string | string[];
      bold?: boolean;
      bg?: string | null;
      color?: string | null;
      notes?: string[];
      /** counts for the column widths (titles and the legend overflow instead) */
      measure?: boolean;
    } = {},
  ) => {
    if (opts.measure === false) unmeasured.add(values.length);
    values.push(row.concat(new Array(Math.max(0, cols - row.length)).fill('')));
    const fmt = opts.fmt ?? FORMAT.text;
    formats.push(Array.isArray(fmt) ? fmt : new Array<string>(cols).fill(fmt));
    weights.push(new Array<'bold' | 'normal'>(cols).fill(opts.bold ? 'bold' : 'normal'));
    backgrounds.push(new Array<string | null>(cols).fill(opts.bg ?? null));
    fontColors.push(new Array<string | null>(cols).fill(opts.color ?? null));
    const n = opts.notes ?? [];
    notes.push(n.concat(new Array<string>(Math.max(0, cols - n.length)).fill('')));
    return values.length; // 1-based row just pushed
  };

  const first = blocks[0]?.rating.period;
  push([header.title], { bold: true, measure: false });
  push(
    [
      first
        ? `${t(lang, 'period')}: ${rangeLabel(lang, first.firstDay, first.lastDay)} (${header.zone})`
        : '',
    ],
    { measure: false },
  );
  push([`${t(lang, 'dataAsOf')}: ${header.dataAsOf}`], { color: COLOURS.muted, measure: false });
  push([header.warning], {
    bold: Boolean(header.warning),
    bg: header.warning ? COLOURS.warning : null,
    measure: false,
  });

  const rowFormats = [
    ...LEADERBOARD.map((c) => c.format),
    ...detailFormats(),
    ...planned.map(() => FORMAT.points),
  ];
  const planLabels = FIGURE_PLAN_LABELS[lang];
  const noteCtx: NoteContext = {
    tasksScope: ctx.settings.tasksScope,
    meetingsHeldFrom: ctx.settings.meetingsHeldFrom,
  };

  blocks.forEach((block, bi) => {
    const p = block.rating.period;
    if (bi > 0) {
      push([]);
      push([`${block.title}: ${rangeLabel(lang, p.firstDay, p.lastDay)}`], {
        bold: true,
        measure: false,
      });
    }
    // group headers over the figures
    const groupRow = push(
      [
        ...leaderCells({}),
        ...DETAIL.map((d, i) =>
          DETAIL[i - 1]?.group === d.group ? '' : GROUP_NAMES[lang][d.group],
        ),
        ...planned.map((_, i) => (i === 0 ? planLabels.group : '')),
      ],
      { bold: true, bg: COLOURS.group, measure: false },
    );
    let start = 0;
    DETAIL.forEach((d, i) => {
      if (DETAIL[i + 1]?.group === d.group) return;
      merges.push({
        row: groupRow,
        col: COL.firstDetail + start,
        numRows: 1,
        numCols: i - start + 1,
      });
      start = i + 1;
    });
    if (planned.length)
      merges.push({ row: groupRow, col: COLS + 1, numRows: 1, numCols: planned.length });
    const stocksNote =
      block.rating.stocksSource === 'missing' ? ` (${t(lang, 'stocksMissing')})` : '';
    const closed = block.rating.period.final;
    // a closed period shows its plan % once: no «Темп» column repeating it
    const shown = (c: (typeof LEADERBOARD)[number]) => !(closed && c.key === 'pace');
    const headerRow = push(
      [
        ...LEADERBOARD.map((c) => (c.label && shown(c) ? L[c.label] : '')),
        ...DETAIL.map((d) => FIGURE_NAMES[lang][d.key]),
        ...planned.map((f) => FIGURE_NAMES[lang][f]),
      ],
      {
        bold: true,
        bg: COLOURS.header,
        notes: [
          ...LEADERBOARD.map((c) => (c.note && shown(c) ? L[c.note] : '')),
          ...DETAIL.map(
            (d) =>
              figureNote(lang, d.key, noteCtx) +
              (['inWork', 'totalTasks', 'overdueTasks', 'leadsWithoutTasks'].includes(d.key)
                ? stocksNote
                : ''),
          ),
          ...planned.map((f) => planLabels.note(FIGURE_NAMES[lang][f])),
        ],
      },
    );
    const elapsed = block.rating.elapsed;
    const blankPace = (row: unknown[]): unknown[] => {
      if (closed) row[COL.pace - 1] = '';
      return row;
    };
    for (const r of block.rating.rows) {
      const cellNotes = new Array<string>(cols).fill('');
      const breaches = breachesOf(r.figures, ctx.settings.norms);
      if (breaches.length) cellNotes[COL.manager - 1] = breachNote(lang, breaches);
      const away = staffingCell(r, lang);
      if (away)
        cellNotes[COL.manager - 1] = [away.note, cellNotes[COL.manager - 1]]
          .filter(Boolean)
          .join('\n');
      // a manager's own share due (absences, a ramp); the table's for finals frozen without it
      const ownElapsed = r.elapsed === undefined ? elapsed : r.elapsed;
      for (const { figure, figureCol } of figurePlans) {
        const fp = r.figurePlans[figure];
        if (!fp) continue;
        const pace = fp.percent === null || ownElapsed === null ? null : fp.percent / ownElapsed;
        cellNotes[figureCol - 1] = figurePlanCellNote(lang, fp.plan, fp.percent, pace);
      }
      const streakMarks = block.marks?.get(r.userId);
      push(
        blankPace(
          // the absence's mark right after the name, the streak marks after it
          withMark(
            withMark(
              [...rankedRow(r, lang), ...planned.map((f) => r.figurePlans[f]?.plan ?? '')],
              away?.mark,
            ),
            streakMarks,
          ),
        ),
        {
          fmt: rowFormats,
          notes: cellNotes,
        },
      );
    }
    push(blankPace(totalRow(block.rating.totals, lang)), {
      fmt: rowFormats,
      bold: true,
      bg: COLOURS.total,
    });
    // ranking by plan % falls back to points in a period without any plan: say so under the table
    if (ctx.settings.rankBy === 'planPercent' && block.rating.rankedBy === 'points')
      push([t(lang, 'rankedByPointsNoPlan')], { color: COLOURS.muted, measure: false });
    for (const line of block.linesAfter ?? [])
      push([line], { color: COLOURS.muted, measure: false });
    tables.push({
      groupRow,
      headerRow,
      firstRow: headerRow + 1,
      rows: block.rating.rows.length,
      elapsed,
      closed,
    });
    // each table's own users outside the rating, with that period's figures (a final's too)
    if (block.rating.outside.length) {
      push([]);
      push([t(lang, 'outsideTitle')], { bold: true, measure: false });
      for (const o of block.rating.outside)
        push(outsideRow(o, lang), { fmt: rowFormats, color: COLOURS.muted });
    }
    if (block.teams) {
      push([]);
      for (const tr of teamTableRows(block.teams, lang, closed)) {
        const row = new Array<unknown>(COLS).fill('');
        const fmt = new Array<string>(cols).fill(FORMAT.text);
        for (const [k, v] of Object.entries(tr.cells)) row[COL[k as keyof typeof COL] - 1] = v;
        for (const [k, f] of Object.entries(tr.formats)) fmt[COL[k as keyof typeof COL] - 1] = f;
        push(row, {
          fmt,
          bold: tr.kind === 'title' || tr.kind === 'header',
          bg: tr.kind === 'header' ? COLOURS.header : null,
          color: tr.kind === 'note' ? COLOURS.muted : null,
          measure: tr.kind === 'team',
        });
      }
    }
  });

  for (const extra of extras) {
    push([]);
    const titleNotes = new Array<string>(cols).fill('');
    titleNotes[0] = extra.note;
    push([extra.title], { bold: true, measure: false, notes: titleNotes });
    if (extra.rows.length) {
      push(leaderCells(extra.header), { bold: true, bg: COLOURS.header });
      const firstRow = values.length + 1;
      for (const cells of extra.rows) push(leaderCells(cells), { fmt: rowFormats });
      if (extra.total)
        push(leaderCells(extra.total), { fmt: rowFormats, bold: true, bg: COLOURS.total });
      if (extra.judged)
        judged.push({ firstRow, rows: values.length + 1 - firstRow, col: COL[extra.judged] });
    }
    if (extra.footer) push([extra.footer], { color: COLOURS.muted, measure: false });
  }

  push([]);
  const legend = legendLines(
    lang,
    ctx.settings.norms,
    ctx.settings.thresholds,
    ctx.points,
    planned.length > 0,
  );
  push([legend.title], { bold: true, measure: false });
  for (const line of legend.lines) push(leaderCells({ manager: line.text }), { measure: false });
  // the swatch colours of the legend lines (painted cells: a legend is not data)
  const legendStart = values.length - legend.lines.length;
  legend.lines.forEach((line, i) => {
    const row = backgrounds[legendStart + i];
    if (row && line.swatch) row[COL.place - 1] = COLOURS[line.swatch];
  });

  const firstTable = tables[0];
  return {
    cols,
    figurePlans,
    values,
    formats,
    weights,
    backgrounds,
    fontColors,
    notes,
    merges,
    tables,
    judged,
    frozenRows: firstTable ? firstTable.headerRow : HEADER_ROWS,
    frozenColumns: COL.manager,
    widths: widthsOf(
      values,
      weights,
      unmeasured,
      cols,
      tables.length > 0 && tables.every((tb) => tb.closed),
    ),
  };
}
