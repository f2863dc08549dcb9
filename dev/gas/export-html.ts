/**
 * The HTML picture of a spreadsheet: every visible sheet as a grid with its formats, notes,
 * frozen rows, widths, merges and charts, and the conditional rules evaluated — what a manager
 * would see in Google Sheets, ready for a browser screenshot.
 */
import { chartPng } from './spreadsheet/chart-png';
import { asText } from './coerce';
import { displayText } from './cell-values';
import { evaluateConditionalFormats, formatKey } from './conditional-eval';
import { escapeHtml } from './html-service';
import {
  columnLetter,
  DEFAULT_COL_WIDTH,
  getCell,
  isEmptyCell,
  type ChartState,
  type SheetState,
  type SpreadsheetState,
} from './model';
import { offlineDocument } from './offline-document';
import type { SpreadsheetDocument } from './spreadsheet/document';

export interface HtmlExportOptions {
  includeHidden?: boolean;
  /** only these sheets, in this order */
  sheets?: string[];
  title?: string;
}

function usedSize(sheet: SheetState): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  sheet.rows.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (!isEmptyCell(cell ?? null) || cell?.bg || cell?.note) {
        rows = Math.max(rows, r + 1);
        cols = Math.max(cols, c + 1);
      }
    });
  });
  for (const m of sheet.merges) {
    rows = Math.max(rows, m.row + m.numRows - 1);
    cols = Math.max(cols, m.col + m.numCols - 1);
  }
  return { rows, cols };
}

/** The chart as the runtime draws it for `EmbeddedChart.getAs('image/png')`: one picture everywhere. */
function chartImg(doc: SpreadsheetDocument, sheet: SheetState, chart: ChartState): string {
  if (!chart.ranges[0]) return '';
  const png = chartPng(doc, chart);
  const title = asText(chart.options.title);
  return `<figure class="chart" data-chart="${chart.id}" data-sheet="${escapeHtml(sheet.name)}"><img src="data:image/png;base64,${png.toString('base64')}" width="${png.readUInt32BE(16)}" height="${png.readUInt32BE(20)}" alt="${escapeHtml(title)}"></figure>`;
}

function sheetHtml(doc: SpreadsheetDocument, sheet: SheetState): string {
  const { rows, cols } = usedSize(sheet);
  const { timeZone, locale } = doc.state;
  const cf = evaluateConditionalFormats(doc, sheet, rows, cols);
  const covered = new Set<string>();
  const spans = new Map<string, { rs: number; cs: number }>();
  for (const m of sheet.merges) {
    spans.set(formatKey(m.row, m.col), { rs: m.numRows, cs: m.numCols });
    for (let r = m.row; r < m.row + m.numRows; r++)
      for (let c = m.col; c < m.col + m.numCols; c++)
        if (r !== m.row || c !== m.col) covered.add(formatKey(r, c));
  }
  const widths = Array.from(
    { length: cols },
    (_, j) => sheet.colWidths[j + 1] ?? DEFAULT_COL_WIDTH,
  );
  const colgroup = ['<col style="width:46px">']
    .concat(widths.map((w) => `<col style="width:${w}px">`))
    .join('');
  const tableWidth = 46 + widths.reduce((a, b) => a + b, 0);
  const head = `<tr class="hdr"><th></th>${Array.from({ length: cols }, (_, j) => `<th>${columnLetter(j + 1)}</th>`).join('')}</tr>`;
  const body: string[] = [];
  for (let r = 1; r <= rows; r++) {
    const cells: string[] = [`<th class="rn">${r}</th>`];
    for (let c = 1; c <= cols; c++) {
      const k = formatKey(r, c);
      if (covered.has(k)) continue;
      const cell = getCell(sheet, r - 1, c - 1);
      const v = doc.scalarAt(sheet, r, c);
      const text = displayText(cell, v, timeZone, locale);
      const eff = cf.get(k);
      const style: string[] = [];
      const bg = eff?.background ?? cell?.bg;
      if (bg) style.push(`background:${bg}`);
      const fc = eff?.fontColor ?? cell?.fc;
      if (fc) style.push(`color:${fc}`);
      if (eff?.bold ?? cell?.b) style.push('font-weight:700');
      if (eff?.italic ?? cell?.it) style.push('font-style:italic');
      if (eff?.strikethrough) style.push('text-decoration:line-through');
      // Sheets shows a HYPERLINK formula's cell as a link
      const link = /^=\s*HYPERLINK\s*\(/i.test(cell?.f ?? '');
      if (link && !fc) style.push('color:#1155cc;text-decoration:underline');
      if (cell?.fs) style.push(`font-size:${cell.fs}pt`);
      const align =
        cell?.ha ??
        (typeof v === 'number' || v instanceof Date
          ? 'right'
          : typeof v === 'boolean'
            ? 'center'
            : 'left');
      style.push(`text-align:${align}`);
      if (cell?.va) style.push(`vertical-align:${cell.va}`);
      if (cell?.wrap) style.push('white-space:pre-wrap');
      // as in Sheets, text runs over into empty cells to its right
      const rightEmpty =
        c < cols &&
        isEmptyCell(getCell(sheet, r - 1, c)) &&
        !cf.get(formatKey(r, c + 1))?.background;
      if (typeof v === 'string' && text && rightEmpty && align === 'left')
        style.push('overflow:visible;position:relative;z-index:1');
      const span = spans.get(k);
      const attrs = [
        style.length ? `style="${escapeHtml(style.join(';'))}"` : '',
        span ? `rowspan="${span.rs}" colspan="${span.cs}"` : '',
        cell?.note ? `title="${escapeHtml(cell.note)}" class="note"` : '',
        `data-cell="${columnLetter(c)}${r}"`,
        eff?.background ? `data-cf-bg="${escapeHtml(eff.background)}"` : '',
      ].filter(Boolean);
      cells.push(`<td ${attrs.join(' ')}>${escapeHtml(text)}</td>`);
    }
    body.push(`<tr class="${r === sheet.frozenRows ? 'frozen-edge' : ''}">${cells.join('')}</tr>`);
  }
  const charts = sheet.charts.map((ch) => chartImg(doc, sheet, ch)).join('');
  return (
    `<section class="sheet" data-sheet="${escapeHtml(sheet.name)}"><h2>${escapeHtml(sheet.name)}${sheet.hidden ? ' <small>(скрыт)</small>' : ''}</h2>` +
    `<div class="grid"><table style="width:${tableWidth}px"><colgroup>${colgroup}</colgroup><thead>${head}</thead><tbody>${body.join('')}</tbody></table></div>${charts}</section>`
  );
}

const CSS = `
body{font-family:Arial,"Liberation Sans",Helvetica,sans-serif;font-size:10pt;margin:16px;background:#f8f9fa;color:#202124}
h1{font-size:15pt;font-weight:400;margin:0 0 12px} h2{font-size:11pt;font-weight:700;margin:18px 0 6px;color:#188038}
.grid{overflow:auto;background:#fff;border:1px solid #dadce0;display:inline-block;max-width:100%}
table{border-collapse:collapse;table-layout:fixed}
td,th{border:1px solid #e2e3e3;padding:2px 5px;height:19px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
th{background:#f8f9fa;color:#5f6368;font-weight:400;font-size:9pt;text-align:center}
tr.frozen-edge td,tr.frozen-edge th{border-bottom:3px solid #c0c0c0}
td.note{position:relative} td.note::after{content:"";position:absolute;top:0;right:0;border-style:solid;border-width:0 6px 6px 0;border-color:transparent #f4b400 transparent transparent}
figure.chart{margin:12px 0;background:#fff;border:1px solid #dadce0;display:inline-block}
svg .t{font-size:14px;fill:#202124} svg .l{font-size:11px;fill:#3c4043} svg .v{font-size:11px;fill:#5f6368}
`;

export function spreadsheetToHtml(state: SpreadsheetState, opts: HtmlExportOptions = {}): string {
  const doc = offlineDocument(state);
  const sheets = opts.sheets
    ? opts.sheets
        .map((n) => state.sheets.find((s) => s.name === n))
        .filter((s): s is SheetState => Boolean(s))
    : state.sheets.filter((s) => opts.includeHidden || !s.hidden);
  const title = opts.title ?? state.name;
  return (
    `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head>` +
    `<body><h1>${escapeHtml(title)}</h1>${sheets.map((s) => sheetHtml(doc, s)).join('')}</body></html>`
  );
}
