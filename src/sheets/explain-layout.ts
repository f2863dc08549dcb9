/**
 * «Разбор» (docs/rules.md §5.4): for the week, the month and the quarter, per manager and figure,
 * the deals and tasks behind the number — the flows with the moment and the points each earned,
 * and the overdue tasks and deals without tasks that turn cells red — each deal's name a link to
 * it in amoCRM, so «why do I have 37 points?» and «why is my cell red?» have an answer. A source
 * that lists at most EXPLAIN_CAP items per figure says «… и ещё N» after them. Pure: one grid,
 * written with one call. Stocks too large to list (in work, all deals, all tasks) are left
 * to amoCRM itself; the sheet says so.
 */
import { FLOW_FIGURES, type Figure, type Rating } from '../engine';
import { explainLabels } from '../i18n/explain-labels';
import { FIGURE_NAMES } from '../i18n/glossary';
import type { Language } from '../i18n/messages';
import { rangeLabel } from '../i18n/period-labels';

/** The figures listed item by item, in the sheet's order. */
export const EXPLAINED: readonly Figure[] = [...FLOW_FIGURES, 'overdueTasks', 'leadsWithoutTasks'];

export interface ExplainSources {
  /** lead id → name */
  leadName(id: number): string | undefined;
  /** task id → the lead it is on, if any */
  taskLead(id: number): number | undefined;
  /** task id → its deadline (ms), shown for an overdue task */
  taskDue?(id: number): number | undefined;
  /** the account's address, e.g. https://mycompany.amocrm.ru */
  baseUrl: string;
}

export interface ExplainPeriods {
  week: Rating;
  month: Rating;
  quarter: Rating;
}

export interface ExplainLayout {
  values: unknown[][];
  formats: string[][];
  /** notes of the header row */
  headerNotes: string[];
  headerRow: number;
  widths: number[];
}

export const EXPLAIN_COLS = 7;
/** the «Сделка или задача» column (0-based): a link where the deal is known */
export const LINK_COL = 4;

const TEXT = '@';
/**
 * A link cell's format: not text, so the written "=HYPERLINK(…)" is a formula (a text cell keeps
 * it as typed, docs/services.md §2.2); the label it shows is text whatever the number format.
 */
const LINK = '0';

/**
 * A string literal of a formula: quotes doubled, line breaks as spaces. amoCRM's text only ever
 * sits inside one, so a deal named `=IMPORTXML("…")` stays a name, never a formula of its own.
 */
export function formulaString(s: string): string {
  return `"${s.replace(/[\r\n\t]+/g, ' ').replace(/"/g, '""')}"`;
}

/** `=HYPERLINK("url","label")`: the separator is a comma whatever the locale (Apps Script formulas are in English). */
export function hyperlink(url: string, label: string): string {
  return `=HYPERLINK(${formulaString(url)},${formulaString(label)})`;
}

export function layoutExplain(
  periods: ExplainPeriods,
  src: ExplainSources,
  lang: Language,
): ExplainLayout {
  const L = explainLabels(lang);
  const ranges = (['week', 'month', 'quarter'] as const)
    .map((k) => {
      const p = periods[k].period;
      return `${L.period[k]}: ${rangeLabel(lang, p.firstDay, p.lastDay)}`;
    })
    .join(' · ');
  const blank = (first: string) => [first, ...new Array<string>(EXPLAIN_COLS - 1).fill('')];
  const values: unknown[][] = [blank(L.title), blank(ranges), blank(L.note), L.head];
  const formats: string[][] = values.map(() => new Array<string>(EXPLAIN_COLS).fill(TEXT));
  const dateFormat = 'dd.mm.yyyy hh:mm';
  const base = src.baseUrl.replace(/\/+$/, '');
  const leadUrl = (id: number) => `${base}/leads/detail/${id}`;
  for (const kind of ['week', 'month', 'quarter'] as const) {
    const rating = periods[kind];
    for (const row of rating.rows) {
      const ex = rating.explain[row.userId] ?? {};
      for (const fig of EXPLAINED) {
        for (const item of ex[fig] ?? []) {
          const leadId =
            item.lead ?? (item.task !== undefined ? src.taskLead(item.task) : undefined);
          const leadName = leadId === undefined ? null : (src.leadName(leadId) ?? `#${leadId}`);
          const what = item.task !== undefined ? L.task(item.task, leadName) : (leadName ?? '');
          const link = base && leadId !== undefined;
          const due =
            fig === 'overdueTasks' && item.task !== undefined
              ? src.taskDue?.(item.task)
              : undefined;
          const at = item.at ? new Date(item.at) : due !== undefined ? new Date(due) : '';
          values.push([
            L.period[kind],
            row.place,
            row.name,
            FIGURE_NAMES[lang][fig] + (item.skipped ? ` (${L.skipped})` : ''),
            link ? hyperlink(leadUrl(leadId), what) : what,
            at,
            item.points ?? '',
          ]);
          formats.push([TEXT, '0', TEXT, TEXT, link ? LINK : TEXT, dateFormat, '#,##0.0##']);
        }
        // a source that lists only the first items of a figure (the BigQuery store) counts the
        // rest: one line says how many, so the list never passes for the whole
        const more = ex.omitted?.[fig] ?? 0;
        if (more > 0) {
          values.push([
            L.period[kind],
            row.place,
            row.name,
            FIGURE_NAMES[lang][fig],
            L.more(more),
            '',
            '',
          ]);
          formats.push([TEXT, '0', TEXT, TEXT, TEXT, dateFormat, '#,##0.0##']);
        }
      }
    }
  }
  const headerNotes = new Array<string>(EXPLAIN_COLS).fill('');
  headerNotes[5] = L.whenNote;
  return {
    values,
    formats,
    headerNotes,
    headerRow: 4,
    widths: [80, 56, 190, 170, 360, 130, 64],
  };
}
