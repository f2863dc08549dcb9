/**
 * The rating as grids for one sheet, computed before anything is written (PRODUCT.md §5.1):
 * a header block (title, period and zone, "data as of", warning line), then one or more tables
 * (rank, medal, manager, the twelve figures, points, plan, plan %, change), each with a team
 * total. Pure: the sheet adapter writes these grids with one call per kind.
 */
import type { Rating, RatingRow } from '../engine/rating';
import { FIGURES } from '../engine/figures';
import { FIGURE_LABELS, OTHER_LABELS } from '../i18n/figure-labels';
import { t, type Language } from '../i18n/messages';

export const COLS = 3 + FIGURES.length + 4; // place, medal, manager, 12 figures, points, plan, plan %, change
export const COL = {
  place: 1,
  medal: 2,
  manager: 3,
  firstFigure: 4,
  points: 4 + FIGURES.length,
  plan: 5 + FIGURES.length,
  planPct: 6 + FIGURES.length,
  change: 7 + FIGURES.length,
};
export const figureCol = (f: (typeof FIGURES)[number]) => COL.firstFigure + FIGURES.indexOf(f);
export const HEADER_ROWS = 4; // title, period, data as of, warning

export interface TableBlock {
  title: string;
  rating: Rating;
}

export interface SheetLayout {
  values: unknown[][];
  formats: string[][];
  weights: Array<Array<'bold' | 'normal'>>;
  backgrounds: (string | null)[][];
  notes: string[][];
  /** 1-based rows of each table's data rows (for rules and the chart) */
  tables: Array<{ headerRow: number; firstRow: number; rows: number }>;
  frozenRows: number;
}

function pad(row: unknown[]): unknown[] {
  return row.concat(new Array(COLS - row.length).fill(''));
}

const fmtDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export function changeText(row: RatingRow, lang: Language): string {
  if (row.change === null) return lang === 'ru' ? 'нов.' : 'new';
  if (row.change > 0) return `▲${row.change}`;
  if (row.change < 0) return `▼${-row.change}`;
  return '—';
}

export function managerLabel(row: RatingRow, lang: Language): string {
  if (row.userState === 'deleted')
    return `${t(lang, 'userPrefix')} #${row.userId} (${t(lang, 'deleted')})`;
  if (row.userState === 'inactive') return `${row.name} (${t(lang, 'inactive')})`;
  return row.name;
}

export interface HeaderInfo {
  title: string;
  dataAsOf: string | null; // formatted local time
  warning: string;
  timeZone: string;
}

export function layoutSheet(header: HeaderInfo, blocks: TableBlock[], lang: Language): SheetLayout {
  const values: unknown[][] = [];
  const formats: string[][] = [];
  const weights: Array<Array<'bold' | 'normal'>> = [];
  const backgrounds: (string | null)[][] = [];
  const notes: string[][] = [];
  const tables: SheetLayout['tables'] = [];
  const push = (
    row: unknown[],
    fmt: string | string[] = '@',
    weight: 'bold' | 'normal' = 'normal',
    bg: string | null = null,
    note: string[] | null = null,
  ) => {
    values.push(pad(row));
    formats.push(Array.isArray(fmt) ? fmt : new Array(COLS).fill(fmt));
    weights.push(new Array(COLS).fill(weight));
    backgrounds.push(new Array(COLS).fill(bg));
    notes.push(note ?? new Array(COLS).fill(''));
  };
  const first = blocks[0]?.rating.period;
  push([header.title], '@', 'bold');
  push([
    first
      ? `${t(lang, 'period')}: ${fmtDate(first.firstDay)} – ${fmtDate(first.lastDay)} (${header.timeZone})`
      : '',
  ]);
  push([header.dataAsOf ? `${t(lang, 'dataAsOf')}: ${header.dataAsOf}` : '']);
  push(
    [header.warning],
    '@',
    header.warning ? 'bold' : 'normal',
    header.warning ? '#fde7e9' : null,
  );

  const labels = FIGURE_LABELS[lang];
  const other = OTHER_LABELS[lang];
  const rowFormats = ['0', '@', '@', ...FIGURES.map(() => '0'), '0.0', '0.0', '0%', '@'];
  blocks.forEach((block, bi) => {
    if (bi > 0) {
      push([]);
      const p = block.rating.period;
      push([`${block.title}: ${fmtDate(p.firstDay)} – ${fmtDate(p.lastDay)}`], '@', 'bold');
    }
    const stocksNote = block.rating.stocksSource === 'missing' ? t(lang, 'stocksMissing') : '';
    const headerNotes = [
      '',
      '',
      '',
      ...FIGURES.map(
        (f) =>
          labels[f][1] +
          (stocksNote && ['inWork', 'totalTasks', 'overdueTasks', 'leadsWithoutTasks'].includes(f)
            ? ` (${stocksNote})`
            : ''),
      ),
      other.pointsNote,
      other.planNote,
      '',
      other.changeNote,
    ];
    push(
      [
        other.place,
        other.medal,
        other.manager,
        ...FIGURES.map((f) => labels[f][0]),
        other.points,
        other.plan,
        other.planPct,
        other.change,
      ],
      '@',
      'bold',
      '#e8eaed',
      headerNotes,
    );
    const headerRow = values.length;
    for (const r of block.rating.rows) {
      push(
        [
          r.place,
          r.medal,
          managerLabel(r, lang),
          ...FIGURES.map((f) => (r.figures[f] === null ? '' : r.figures[f])),
          r.points,
          r.plan ?? '',
          r.planPercent ?? '',
          changeText(r, lang),
        ],
        rowFormats,
      );
    }
    const tot = block.rating.totals;
    push(
      [
        '',
        '',
        t(lang, 'total'),
        ...FIGURES.map((f) => (tot.figures[f] === null ? '' : tot.figures[f])),
        tot.points,
        tot.plan ?? '',
        tot.planPercent ?? '',
        '',
      ],
      rowFormats,
      'bold',
      '#f1f3f4',
    );
    tables.push({ headerRow, firstRow: headerRow + 1, rows: block.rating.rows.length });
  });
  return { values, formats, weights, backgrounds, notes, tables, frozenRows: HEADER_ROWS + 1 };
}
