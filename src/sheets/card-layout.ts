/**
 * «Карточка менеджера» (docs/rules.md §5.4), laid out: a hidden data sheet with one row per rated
 * manager (written each refresh) and the card, whose cells are formulas that pick the row of the
 * manager chosen in the drop-down — so choosing another manager needs no script run. amoCRM's
 * text (names of managers and deals) only ever sits in text-formatted data cells; the card reads
 * it through INDEX, and a link is HYPERLINK over two cells, so no name becomes a formula. The
 * chosen name is escaped for MATCH's wildcards (`*`, `?`, `~`). Pure.
 */
import {
  CARD_WEEKS,
  FIGURES,
  type CardAction,
  type CardModel,
  type CardPlace,
  type CardRow,
} from '../engine';
import { cardLabels } from '../i18n/card-labels';
import { FIGURE_NAMES } from '../i18n/glossary';
import type { Language } from '../i18n/messages';
import { dayLabel } from '../i18n/period-labels';
import type { ExplainSources } from './explain-layout';

/** deals that need action, listed per manager (the rest are counted, and listed in «Разбор») */
export const CARD_ACTIONS = 10;

const TEXT = '@';
const POINTS = '#,##0.0';
const INT = '0';
const FIG = '#,##0.##';
/** a formula cell: not text, or the formula would stay as typed (docs/services.md §2.2) */
const FORMULA = '0';

/** Columns of the data sheet (1-based). */
export const DATA = {
  name: 1,
  places: 2, // week place, points, month place, points, quarter place, points
  toNext: 8, // week, month, quarter
  trendPoints: 11,
  trendPlaces: 11 + CARD_WEEKS,
  figures: 11 + 2 * CARD_WEEKS,
  actions: 11 + 2 * CARD_WEEKS + FIGURES.length, // label, url pairs
  more: 11 + 2 * CARD_WEEKS + FIGURES.length + 2 * CARD_ACTIONS,
} as const;
export const DATA_COLS = DATA.more;
/** the data sheet's cell holding the chosen manager's row (MATCH over the names) */
export const CHOSEN = { row: 1, col: DATA_COLS + 1 } as const;

/** Rows of the card (1-based); its columns are A–D. */
export const CARD = {
  title: 1,
  choice: 2,
  hint: 3,
  periodsHead: 5,
  periods: 6,
  trendHead: 10,
  trend: 11,
  figuresHead: 11 + CARD_WEEKS + 1,
  figures: 11 + CARD_WEEKS + 2,
  actionsHead: 11 + CARD_WEEKS + 2 + FIGURES.length + 1,
  actions: 11 + CARD_WEEKS + 2 + FIGURES.length + 2,
  more: 11 + CARD_WEEKS + 2 + FIGURES.length + 2 + CARD_ACTIONS,
} as const;
export const CARD_ROWS = CARD.more;
export const CARD_COLS = 4;

export interface CardLayout {
  data: { values: unknown[][]; formats: string[][] };
  card: { values: unknown[][]; formats: string[][] };
  /** the drop-down's choices, in the data sheet's order */
  names: string[];
  /** the rows of the card set bold */
  boldRows: number[];
  widths: number[];
  chart: { title: string; firstRow: number; rows: number };
}

export interface CardNames {
  card: string;
  data: string;
}

function colLetter(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function toNextText(lang: Language, p: CardPlace | null): string {
  const L = cardLabels(lang);
  if (!p) return L.notRated;
  if (p.nextPlace === null) return L.leader;
  if (p.toNext === null) return L.noPlan;
  return L.toNext(p.toNext, p.nextPlace);
}

function actionText(
  lang: Language,
  a: CardAction,
  src: ExplainSources,
): { label: string; url: string } {
  const L = cardLabels(lang);
  const leadId = a.item.lead ?? (a.item.task !== undefined ? src.taskLead(a.item.task) : undefined);
  const leadName = leadId === undefined ? null : (src.leadName(leadId) ?? `#${leadId}`);
  const base = src.baseUrl.replace(/\/+$/, '');
  const url = base && leadId !== undefined ? `${base}/leads/detail/${leadId}` : '';
  if (a.kind === 'overdueTask' && a.item.task !== undefined) {
    const due = src.taskDue?.(a.item.task);
    const dueText =
      due === undefined ? '' : dayLabel(lang, new Date(due).toISOString().slice(0, 10));
    return { label: L.overdueTask(a.item.task, leadName, dueText), url };
  }
  return { label: L.leadWithoutTask(leadName ?? ''), url };
}

function dataRow(
  lang: Language,
  row: CardRow,
  src: ExplainSources,
  explainSheet: string,
): unknown[] {
  const L = cardLabels(lang);
  const out: unknown[] = new Array<unknown>(DATA_COLS).fill('');
  out[DATA.name - 1] = row.name;
  (['week', 'month', 'quarter'] as const).forEach((k, i) => {
    const p = row.periods[k];
    out[DATA.places - 1 + 2 * i] = p ? p.place : L.notRated;
    out[DATA.places + 2 * i] = p ? p.points : L.notRated;
    out[DATA.toNext - 1 + i] = toNextText(lang, p);
  });
  row.trend.forEach((w, i) => {
    out[DATA.trendPoints - 1 + i] = w ? w.points : '';
    out[DATA.trendPlaces - 1 + i] = w ? w.place : '';
  });
  FIGURES.forEach((f, i) => {
    const v = row.figures?.[f];
    out[DATA.figures - 1 + i] = v ?? '';
  });
  const actions = row.actions.map((a) => actionText(lang, a, src));
  if (!actions.length && !row.actionsOmitted) actions.push({ label: L.nothingToDo, url: '' });
  actions.slice(0, CARD_ACTIONS).forEach((a, i) => {
    out[DATA.actions - 1 + 2 * i] = a.label;
    out[DATA.actions + 2 * i] = a.url;
  });
  const more = row.actions.length + (row.actionsOmitted ?? 0) - CARD_ACTIONS;
  out[DATA.more - 1] = more > 0 ? L.more(more, explainSheet) : '';
  return out;
}

function dataFormats(): string[] {
  const f = new Array<string>(DATA_COLS).fill(TEXT);
  for (let i = 0; i < 3; i++) {
    f[DATA.places - 1 + 2 * i] = INT;
    f[DATA.places + 2 * i] = POINTS;
  }
  for (let i = 0; i < CARD_WEEKS; i++) {
    f[DATA.trendPoints - 1 + i] = POINTS;
    f[DATA.trendPlaces - 1 + i] = INT;
  }
  for (let i = 0; i < FIGURES.length; i++) f[DATA.figures - 1 + i] = FIG;
  return f;
}

export function layoutCard(
  model: CardModel,
  src: ExplainSources,
  lang: Language,
  names: CardNames,
  asOf: string,
  explainSheet: string,
): CardLayout {
  const L = cardLabels(lang);
  const figureNames = FIGURE_NAMES[lang];
  // the data's header row, then one row per manager (at least one, so every range has a row)
  const header: unknown[] = new Array<unknown>(DATA_COLS).fill('');
  L.dataHead.forEach((h, i) => (header[i] = h));
  model.weeks.forEach((w, i) => {
    header[DATA.trendPoints - 1 + i] = `${dayLabel(lang, w.firstDay)}: ${L.trendHead[1]}`;
    header[DATA.trendPlaces - 1 + i] = `${dayLabel(lang, w.firstDay)}: ${L.trendHead[2]}`;
  });
  FIGURES.forEach((f, i) => (header[DATA.figures - 1 + i] = figureNames[f]));
  const rows = model.rows.map((r) => dataRow(lang, r, src, explainSheet));
  if (!rows.length) rows.push(new Array<unknown>(DATA_COLS).fill(''));
  const last = rows.length + 1;
  const D = sheetRef(names.data);
  const C = sheetRef(names.card);
  const chosen = `${D}!$${colLetter(CHOSEN.col)}$${CHOSEN.row}`;
  const column = (c: number) => `${D}!$${colLetter(c)}$2:$${colLetter(c)}$${last}`;
  const pick = (c: number) => `=IFERROR(INDEX(${column(c)},${chosen}),"")`;
  const escaped = `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${C}!$B$${CARD.choice},"~","~~"),"*","~*"),"?","~?")`;
  const matchFormula = `=IFERROR(MATCH(${escaped},$A$2:$A$${last},0),-1)`;
  const headerRow = [...header, matchFormula];
  const dataValues = [headerRow, ...rows.map((r) => [...r, ''])];
  const dataFmt = [
    [...new Array<string>(DATA_COLS).fill(TEXT), FORMULA],
    ...rows.map(() => [...dataFormats(), TEXT]),
  ];

  // the card
  const blank = () => new Array<unknown>(CARD_COLS).fill('');
  const values: unknown[][] = Array.from({ length: CARD_ROWS }, blank);
  const formats: string[][] = Array.from({ length: CARD_ROWS }, () =>
    new Array<string>(CARD_COLS).fill(TEXT),
  );
  const set = (row: number, col: number, v: unknown, f = TEXT) => {
    const r = values[row - 1];
    const g = formats[row - 1];
    if (r) r[col - 1] = v;
    if (g) g[col - 1] = f;
  };
  set(CARD.title, 1, L.title);
  set(CARD.choice, 1, L.manager);
  set(CARD.choice, 2, model.rows[0]?.name ?? '');
  set(CARD.hint, 1, L.hint(asOf));
  L.periodsHead.forEach((h, i) => set(CARD.periodsHead, i + 1, h));
  (['week', 'month', 'quarter'] as const).forEach((k, i) => {
    const row = CARD.periods + i;
    set(row, 1, L.period[k]);
    set(row, 2, pick(DATA.places + 2 * i), INT);
    set(row, 3, pick(DATA.places + 1 + 2 * i), POINTS);
    set(row, 4, pick(DATA.toNext + i), FORMULA);
  });
  L.trendHead.forEach((h, i) => set(CARD.trendHead, i + 1, h));
  model.weeks.forEach((w, i) => {
    const row = CARD.trend + i;
    // short: the chart's axis shows these under 12 points
    set(
      row,
      1,
      `${dayLabel(lang, w.firstDay).slice(0, 5)} – ${dayLabel(lang, w.lastDay).slice(0, 5)}`,
    );
    set(row, 2, pick(DATA.trendPoints + i), POINTS);
    set(row, 3, pick(DATA.trendPlaces + i), INT);
  });
  L.figuresHead.forEach((h, i) => set(CARD.figuresHead, i + 1, h));
  FIGURES.forEach((f, i) => {
    const row = CARD.figures + i;
    set(row, 1, figureNames[f]);
    set(row, 2, pick(DATA.figures + i), FIG);
    const m = model.medians[f];
    set(row, 3, m ?? '', FIG);
  });
  set(CARD.actionsHead, 1, L.actionsHead);
  for (let i = 0; i < CARD_ACTIONS; i++) {
    const label = `INDEX(${column(DATA.actions + 2 * i)},${chosen})`;
    const url = `INDEX(${column(DATA.actions + 1 + 2 * i)},${chosen})`;
    set(
      CARD.actions + i,
      1,
      `=IFERROR(IF(${url}="",${label},HYPERLINK(${url},${label})),"")`,
      FORMULA,
    );
  }
  set(CARD.more, 1, pick(DATA.more), FORMULA);
  return {
    data: { values: dataValues, formats: dataFmt },
    card: { values, formats },
    names: model.rows.map((r) => r.name),
    boldRows: [CARD.periodsHead, CARD.trendHead, CARD.figuresHead, CARD.actionsHead],
    widths: [250, 190, 110, 200],
    chart: { title: L.chartTitle, firstRow: CARD.trendHead, rows: CARD_WEEKS + 1 },
  };
}
