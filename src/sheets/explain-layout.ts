/**
 * «Разбор»: for the week, per manager and figure, the deals behind the number — with a link to
 * each deal in amoCRM, the moment and the points it earned — so «why do I have 37 points?» has an
 * answer. Pure: one grid, written with one call. Stocks too large to list (in work, all deals,
 * all tasks) are left to amoCRM itself; the sheet says so.
 */
import { FLOW_FIGURES, type Figure, type Rating } from '../engine';
import { FIGURE_NAMES } from '../i18n/glossary';
import { explainLabels } from '../i18n/explain-labels';
import type { Language } from '../i18n/messages';
import { rangeLabel } from '../i18n/period-labels';

/** The figures listed item by item, in the sheet's order. */
export const EXPLAINED: readonly Figure[] = [...FLOW_FIGURES, 'overdueTasks', 'leadsWithoutTasks'];

export interface ExplainSources {
  /** lead id → name */
  leadName(id: number): string | undefined;
  /** task id → the lead it is on, if any */
  taskLead(id: number): number | undefined;
  /** the account's address, e.g. https://mycompany.amocrm.ru */
  baseUrl: string;
}

export interface ExplainLayout {
  values: unknown[][];
  formats: string[][];
  headerRow: number;
  widths: number[];
}

export const EXPLAIN_COLS = 7;

export function layoutExplain(rating: Rating, src: ExplainSources, lang: Language): ExplainLayout {
  const L = explainLabels(lang);
  const p = rating.period;
  const values: unknown[][] = [
    [`${L.title}: ${rangeLabel(lang, p.firstDay, p.lastDay)}`, '', '', '', '', '', ''],
    [L.note, '', '', '', '', '', ''],
    L.head,
  ];
  const formats: string[][] = values.map(() => new Array<string>(EXPLAIN_COLS).fill('@'));
  const rowFormat = ['0', '@', '@', '@', '@', 'dd.mm.yyyy hh:mm', '#,##0.0##'];
  for (const row of rating.rows) {
    const ex = rating.explain[row.userId] ?? {};
    for (const fig of EXPLAINED) {
      for (const item of ex[fig] ?? []) {
        const leadId = item.lead ?? (item.task !== undefined ? src.taskLead(item.task) : undefined);
        const what =
          item.lead !== undefined
            ? (src.leadName(item.lead) ?? `#${item.lead}`)
            : `${L.task} #${item.task ?? ''}`;
        values.push([
          row.place,
          row.name,
          FIGURE_NAMES[lang][fig] + (item.skipped ? ` (${L.skipped})` : ''),
          what,
          leadId !== undefined ? `${src.baseUrl}/leads/detail/${leadId}` : '',
          item.at ? new Date(item.at) : '',
          item.points ?? '',
        ]);
        formats.push(rowFormat);
      }
    }
  }
  return { values, formats, headerRow: 3, widths: [60, 200, 170, 260, 300, 130, 70] };
}
