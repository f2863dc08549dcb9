/** Embedded charts are recorded (type, ranges, options, position) so tests and pictures can show them. [SHEET] 2.5 */
import type { ChartState } from '../model';
import type { SpreadsheetDocument } from './document';
import { RangeView } from './range';
import { BlobView } from '../blob';
import { chartPng } from './chart-png';

export const ChartType = {
  BAR: 'BAR',
  COLUMN: 'COLUMN',
  LINE: 'LINE',
  PIE: 'PIE',
  AREA: 'AREA',
  TABLE: 'TABLE',
} as const;
export const ChartsPosition = {
  NONE: 'none',
  TOP: 'top',
  BOTTOM: 'bottom',
  RIGHT: 'right',
  LEFT: 'left',
} as const;

export class EmbeddedChartView {
  readonly gasType = 'EmbeddedChart';
  constructor(
    readonly _doc: SpreadsheetDocument,
    readonly _state: ChartState,
    readonly _sheetId: number,
  ) {}
  getChartId(): number {
    return this._state.id;
  }
  getId(): string {
    return `chart-${this._state.id}`;
  }
  getRanges(): RangeView[] {
    return this._state.ranges.map((g) => new RangeView(this._doc, g));
  }
  getOptions(): { get(key: string): unknown } {
    const opts = this._state.options;
    return { get: (k: string) => opts[k] ?? null };
  }
  modify(): EmbeddedChartBuilderView {
    return new EmbeddedChartBuilderView(this._doc, this._sheetId, structuredClone(this._state));
  }
  /** The chart drawn as a PNG (dev/gas/spreadsheet/chart-png.ts); other types are not drawn here. */
  getAs(contentType: string): BlobView {
    if (contentType !== 'image/png')
      return this._doc.host.fail(
        `Converting from image/png to ${contentType} is not supported by the local runtime.`,
      );
    const png = chartPng(this._doc, this._state);
    return new BlobView(this._doc.host, png, 'image/png', `${this.getId()}.png`);
  }
  getBlob(): BlobView {
    return this.getAs('image/png');
  }
}

export class EmbeddedChartBuilderView {
  readonly gasType = 'EmbeddedChartBuilder';
  constructor(
    readonly _doc: SpreadsheetDocument,
    readonly _sheetId: number,
    readonly _s: ChartState,
  ) {}
  addRange(r: RangeView): this {
    this._s.ranges.push({ ...r._grid });
    return this;
  }
  removeRange(r: RangeView): this {
    this._s.ranges = this._s.ranges.filter((g) => JSON.stringify(g) !== JSON.stringify(r._grid));
    return this;
  }
  clearRanges(): this {
    this._s.ranges = [];
    return this;
  }
  setChartType(t: string): this {
    this._s.type = String(t);
    return this;
  }
  setOption(k: string, v: unknown): this {
    this._s.options[k] = v;
    return this;
  }
  setPosition(row: number, col: number, offsetX: number, offsetY: number): this {
    this._s.position = { row, col, offsetX, offsetY };
    return this;
  }
  setNumHeaders(n: number): this {
    this._s.numHeaders = n;
    return this;
  }
  setTransposeRowsAndColumns(b: boolean): this {
    this._s.options.transpose = b;
    return this;
  }
  asBarChart(): this {
    return this.setChartType(ChartType.BAR);
  }
  asColumnChart(): this {
    return this.setChartType(ChartType.COLUMN);
  }
  asLineChart(): this {
    return this.setChartType(ChartType.LINE);
  }
  asPieChart(): this {
    return this.setChartType(ChartType.PIE);
  }
  setTitle(t: string): this {
    return this.setOption('title', t);
  }
  setColors(cs: string[]): this {
    return this.setOption('colors', cs);
  }
  setStacked(): this {
    return this.setOption('isStacked', true);
  }
  setLegendPosition(p: string): this {
    return this.setOption('legend.position', p);
  }
  setXAxisTitle(t: string): this {
    return this.setOption('hAxis.title', t);
  }
  setYAxisTitle(t: string): this {
    return this.setOption('vAxis.title', t);
  }
  setRange(min: number, max: number): this {
    this.setOption('vAxis.viewWindow.min', min);
    return this.setOption('vAxis.viewWindow.max', max);
  }
  build(): EmbeddedChartView {
    return new EmbeddedChartView(this._doc, structuredClone(this._s), this._sheetId);
  }
}
