/**
 * The picture of an embedded chart, as `EmbeddedChart.getAs('image/png')` returns it: the chart's
 * title, its categories and values read from its ranges (formulas evaluated), drawn as bars (BAR:
 * horizontal, names on the left; COLUMN) or a line (LINE), with the values written beside them in
 * the data labels' number format — a picture a person can read.
 */
import { displayText } from '../cell-values';
import { asText } from '../coerce';
import type { CellState, ChartState } from '../model';
import type { SpreadsheetDocument } from './document';
import { Raster } from './raster';

export interface ChartSeries {
  title: string;
  labels: string[];
  /** null where the cell is empty or not a number: no bar, a gap in a line (as Sheets draws it) */
  values: Array<number | null>;
}

/** The first range's categories and the second range's values, below the header rows. */
export function chartSeries(doc: SpreadsheetDocument, chart: ChartState): ChartSeries {
  const g = chart.ranges[0];
  const labels: string[] = [];
  const values: Array<number | null> = [];
  if (g) {
    const src = doc.sheetById(g.sheetId);
    const header = chart.numHeaders > 0 ? chart.numHeaders : 0;
    const vr = chart.ranges[1] ?? { ...g, col: g.col + 1, numCols: 1 };
    const vsrc = doc.sheetById(vr.sheetId);
    for (let i = header; i < g.numRows; i++) {
      const label = doc.scalarAt(src, g.row + i, g.col);
      const v = doc.scalarAt(vsrc, vr.row + i, vr.col);
      if (label === '' && v === '') continue;
      labels.push(label instanceof Date ? label.toISOString().slice(0, 10) : String(label));
      values.push(typeof v === 'number' ? v : null);
    }
  }
  return { title: asText(chart.options.title), labels, values };
}

function format(chart: ChartState): string | undefined {
  const labels = chart.options.dataLabels as { format?: unknown } | undefined;
  return typeof labels?.format === 'string' ? labels.format : undefined;
}

function dimension(chart: ChartState, key: 'width' | 'height', fallback: number): number {
  const v = chart.options[key];
  return typeof v === 'number' && v > 0 ? Math.round(v) : fallback;
}

/** Sheets' default size of an embedded chart, when the chart sets none. */
export const DEFAULT_CHART_SIZE = { width: 600, height: 371 };

export function chartPng(doc: SpreadsheetDocument, chart: ChartState): Buffer {
  const s = chartSeries(doc, chart);
  const width = dimension(chart, 'width', DEFAULT_CHART_SIZE.width);
  const height = dimension(chart, 'height', DEFAULT_CHART_SIZE.height);
  const color = (chart.options.colors as string[] | undefined)?.[0] ?? '#4285f4';
  const nf = format(chart);
  const cell: CellState | null = nf ? { nf } : null;
  const text = (v: number) => displayText(cell, v, 'UTC', doc.state.locale);
  const r = new Raster(width, height);
  const titleH = s.title ? r.lineHeight('bold') + 14 : 8;
  if (s.title)
    r.text(r.fit(s.title, width - 24, 'bold'), width / 2, 8, '#202124', 'bold', 'center');
  const known = s.values.filter((v): v is number => v !== null);
  const max = Math.max(0, ...known);
  const min = Math.min(0, ...known);
  const span = max - min || 1;
  const lh = r.lineHeight();
  if (chart.type === 'BAR') {
    const labelW = Math.min(
      Math.round(width * 0.38),
      Math.max(40, ...s.labels.map((l) => r.textWidth(l) + 20)),
    );
    const valueW = Math.max(24, ...known.map((v) => r.textWidth(text(v)) + 10));
    const plotX = labelW;
    const plotW = Math.max(10, width - labelW - valueW - 12);
    const rowH = s.values.length ? (height - titleH - 10) / s.values.length : 0;
    const barH = Math.max(2, Math.min(28, rowH * 0.7));
    const zeroX = plotX + ((0 - min) / span) * plotW;
    s.values.forEach((v, i) => {
      const y = titleH + i * rowH + (rowH - barH) / 2;
      const label = r.fit(s.labels[i] ?? '', labelW - 16);
      r.text(label, labelW - 8, y + barH / 2 - lh / 2, '#3c4043', 'regular', 'right');
      if (v === null) return;
      const x0 = Math.min(zeroX, zeroX + (v / span) * plotW);
      const w = Math.max(v === 0 ? 0 : 1, Math.abs((v / span) * plotW));
      r.fillRect(x0, y, w, barH, color);
      r.text(text(v), Math.max(zeroX, x0 + w) + 5, y + barH / 2 - lh / 2, '#3c4043');
    });
    r.line(zeroX, titleH, zeroX, height - 8, '#9aa0a6');
    return r.png();
  }
  // COLUMN and LINE: categories along the bottom, values up the left
  const axisW = Math.max(30, ...[max, min].map((v) => r.textWidth(text(v)) + 10));
  const plotX = axisW + 4;
  const plotW = width - plotX - 12;
  const plotTop = titleH + lh;
  const plotBottom = height - lh - 12;
  const plotH = Math.max(10, plotBottom - plotTop);
  const y = (v: number) => plotBottom - ((v - min) / span) * plotH;
  for (const v of [min, max]) {
    r.line(plotX, y(v), plotX + plotW, y(v), '#dadce0');
    r.text(text(v), axisW, y(v) - lh / 2, '#5f6368', 'regular', 'right');
  }
  r.line(plotX, plotTop - 4, plotX, plotBottom, '#9aa0a6');
  const n = s.values.length;
  const step = n ? plotW / n : 0;
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / 56))));
  // a line is broken where a value is missing: runs of known points
  const runs: Array<Array<[number, number]>> = [[]];
  s.values.forEach((v, i) => {
    const cx = plotX + step * (i + 0.5);
    if (i % every === 0)
      r.text(
        r.fit(s.labels[i] ?? '', step * every - 4),
        cx,
        plotBottom + 4,
        '#5f6368',
        'regular',
        'center',
      );
    if (v === null) {
      if (runs[runs.length - 1]?.length) runs.push([]);
      return;
    }
    if (chart.type === 'LINE') runs[runs.length - 1]?.push([cx, y(v)]);
    else {
      const bw = Math.max(2, step * 0.6);
      r.fillRect(cx - bw / 2, Math.min(y(v), y(0)), bw, Math.abs(y(v) - y(0)), color);
    }
    r.text(text(v), cx, Math.min(y(v), y(0)) - lh - 2, '#3c4043', 'regular', 'center');
  });
  for (const points of runs) {
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1]!, points[i]!];
      r.line(a[0], a[1], b[0], b[1], color, 2);
    }
    for (const [px, py] of points) r.fillRect(px - 3, py - 3, 6, 6, color);
  }
  return r.png();
}
