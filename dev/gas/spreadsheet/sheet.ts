/** Sheet: ranges, size, frozen panes, widths, conditional rules, protections, charts. [SHEET] */
import {
  DEFAULT_COL_WIDTH,
  isEmptyCell,
  parseA1,
  type ChartState,
  type SheetState,
} from '../model';
import { ConditionalFormatRuleView } from './conditional-rules';
import type { SpreadsheetDocument } from './document';
import { EmbeddedChartBuilderView, EmbeddedChartView } from './chart';
import { ProtectionView } from './protection';
import { FilterView, RangeView } from './range';
import { SpreadsheetView } from './spreadsheet';
import { addMetadata, DeveloperMetadataFinderView, type DeveloperMetadataView } from './metadata';

export class SheetView {
  readonly gasType = 'Sheet';
  constructor(
    readonly _doc: SpreadsheetDocument,
    readonly _id: number,
  ) {}
  get _s(): SheetState {
    return this._doc.sheetById(this._id);
  }
  private _fail(msg: string): never {
    return this._doc.host.fail(msg);
  }

  getName(): string {
    return this._s.name;
  }
  setName(name: string): this {
    const n = String(name);
    if (this._doc.state.sheets.some((x) => x.name === n && x.id !== this._id)) {
      this._fail(`A sheet with the name "${n}" already exists. Please enter another name.`);
    }
    this._s.name = n;
    return this;
  }
  getSheetId(): number {
    return this._id;
  }
  getSheetName(): string {
    return this._s.name;
  }
  getIndex(): number {
    return this._doc.state.sheets.findIndex((x) => x.id === this._id) + 1;
  }
  getParent(): SpreadsheetView {
    return new SpreadsheetView(this._doc);
  }
  activate(): this {
    this._doc.state.activeSheetId = this._id;
    return this;
  }
  getFilter(): FilterView | null {
    return this._s.filter ? new FilterView(this._doc, this._id) : null;
  }
  addDeveloperMetadata(key: string, value?: string, visibility?: string): this {
    addMetadata(this._doc, this._id, key, value, visibility);
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadataView[] {
    return new DeveloperMetadataFinderView(this._doc, this._id).find();
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinderView {
    return new DeveloperMetadataFinderView(this._doc, this._id);
  }
  getMaxRows(): number {
    return this._s.maxRows;
  }
  getMaxColumns(): number {
    return this._s.maxCols;
  }

  getLastRow(): number {
    const rows = this._s.rows;
    for (let r = rows.length - 1; r >= 0; r--)
      if (rows[r]?.some((c) => !isEmptyCell(c))) return r + 1;
    return 0;
  }
  getLastColumn(): number {
    let last = 0;
    for (const row of this._s.rows) {
      if (!row) continue;
      for (let c = row.length - 1; c >= last; c--)
        if (!isEmptyCell(row[c] ?? null)) {
          last = c + 1;
          break;
        }
    }
    return last;
  }

  getRange(a: number | string, col?: number, numRows?: number, numCols?: number): RangeView {
    const s = this._s;
    let row: number;
    let c: number;
    let nr: number;
    let nc: number;
    if (typeof a === 'string') {
      const parsed = parseA1(
        a.includes('!') ? a.slice(a.indexOf('!') + 1) : a,
        s.maxRows,
        s.maxCols,
      );
      if (!parsed) this._fail('Range not found');
      ({ row, col: c, numRows: nr, numCols: nc } = parsed);
    } else {
      row = a;
      c = col ?? 1;
      nr = numRows ?? 1;
      nc = numCols ?? 1;
      if (
        typeof a !== 'number' ||
        !Number.isInteger(a) ||
        (col !== undefined && !Number.isInteger(col))
      ) {
        this._fail(
          `The parameters (${typeof a},${typeof col}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
        );
      }
      if (row < 1) this._fail('The starting row of the range is too small.');
      if (c < 1) this._fail('The starting column of the range is too small.');
      if (nr < 1) this._fail('The number of rows in the range must be at least 1.');
      if (nc < 1) this._fail('The number of columns in the range must be at least 1.');
    }
    if (row + nr - 1 > s.maxRows || c + nc - 1 > s.maxCols) {
      this._fail('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new RangeView(this._doc, { sheetId: this._id, row, col: c, numRows: nr, numCols: nc });
  }
  getDataRange(): RangeView {
    return new RangeView(this._doc, {
      sheetId: this._id,
      row: 1,
      col: 1,
      numRows: Math.max(1, this.getLastRow()),
      numCols: Math.max(1, this.getLastColumn()),
    });
  }
  appendRow(values: unknown[]): this {
    const row = this.getLastRow() + 1;
    if (row > this._s.maxRows) this._s.maxRows = row;
    if (values.length > this._s.maxCols) this._s.maxCols = values.length;
    this.getRange(row, 1, 1, Math.max(1, values.length)).setValues([values]);
    return this;
  }

  insertRowsAfter(after: number, howMany: number): this {
    const s = this._s;
    s.rows.splice(after, 0, ...new Array<null>(howMany).fill(null));
    s.maxRows += howMany;
    return this;
  }
  insertRowsBefore(before: number, howMany: number): this {
    return this.insertRowsAfter(before - 1, howMany);
  }
  insertRows(before: number, howMany = 1): this {
    return this.insertRowsAfter(before - 1, howMany);
  }
  deleteRows(start: number, howMany: number): this {
    const s = this._s;
    if (howMany >= s.maxRows)
      this._fail('Sorry, it is not possible to delete all non-frozen rows.');
    s.rows.splice(start - 1, howMany);
    s.maxRows -= howMany;
    return this;
  }
  deleteRow(row: number): this {
    return this.deleteRows(row, 1);
  }
  insertColumnsAfter(after: number, howMany: number): this {
    for (const row of this._s.rows) row?.splice(after, 0, ...new Array<null>(howMany).fill(null));
    this._s.maxCols += howMany;
    return this;
  }
  deleteColumns(start: number, howMany: number): this {
    for (const row of this._s.rows) row?.splice(start - 1, howMany);
    this._s.maxCols -= howMany;
    return this;
  }

  clear(): this {
    this._s.rows = [];
    return this;
  }
  clearContents(): this {
    for (const row of this._s.rows)
      for (const cell of row ?? [])
        if (cell) {
          delete cell.v;
          delete cell.f;
        }
    return this;
  }
  clearFormats(): this {
    for (const row of this._s.rows)
      for (const cell of row ?? [])
        if (cell)
          for (const k of ['nf', 'b', 'it', 'bg', 'fc', 'fs', 'ha', 'va', 'wrap'] as const)
            delete cell[k];
    return this;
  }
  clearNotes(): this {
    for (const row of this._s.rows) for (const cell of row ?? []) if (cell) delete cell.note;
    return this;
  }

  setFrozenRows(n: number): this {
    this._s.frozenRows = n;
    return this;
  }
  setFrozenColumns(n: number): this {
    this._s.frozenCols = n;
    return this;
  }
  getFrozenRows(): number {
    return this._s.frozenRows;
  }
  getFrozenColumns(): number {
    return this._s.frozenCols;
  }
  setColumnWidth(col: number, width: number): this {
    this._s.colWidths[col] = width;
    return this;
  }
  setColumnWidths(start: number, n: number, width: number): this {
    for (let c = start; c < start + n; c++) this._s.colWidths[c] = width;
    return this;
  }
  getColumnWidth(col: number): number {
    return this._s.colWidths[col] ?? DEFAULT_COL_WIDTH;
  }
  setRowHeight(row: number, h: number): this {
    this._s.rowHeights[row] = h;
    return this;
  }
  /** Widths that fit the text: about 7 px per character plus padding, as Sheets' auto-fit does. */
  autoResizeColumns(start: number, n: number): this {
    const values =
      this.getLastRow() > 0
        ? new RangeView(this._doc, {
            sheetId: this._id,
            row: 1,
            col: start,
            numRows: this.getLastRow(),
            numCols: n,
          }).getDisplayValues()
        : [];
    for (let j = 0; j < n; j++) {
      const longest = values.reduce(
        (m, r) =>
          Math.max(
            m,
            ...String(r[j])
              .split('\n')
              .map((x) => x.length),
          ),
        0,
      );
      this._s.colWidths[start + j] = Math.max(30, Math.round(longest * 7 + 12));
    }
    return this;
  }
  autoResizeColumn(col: number): this {
    return this.autoResizeColumns(col, 1);
  }
  hideSheet(): this {
    this._s.hidden = true;
    return this;
  }
  showSheet(): this {
    this._s.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this._s.hidden;
  }
  setTabColor(c: string | null): this {
    this._s.tabColor = c;
    return this;
  }
  getTabColor(): string | null {
    return this._s.tabColor;
  }

  // Conditional formatting: setConditionalFormatRules replaces all rules. [SHEET]
  getConditionalFormatRules(): ConditionalFormatRuleView[] {
    return this._s.rules.map((r) => new ConditionalFormatRuleView(structuredClone(r), this._doc));
  }
  setConditionalFormatRules(rules: ConditionalFormatRuleView[]): void {
    if (!Array.isArray(rules))
      this._fail(
        "The parameters don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.",
      );
    for (const r of rules) {
      if (!(r instanceof ConditionalFormatRuleView))
        this._fail(
          "The parameters don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.",
        );
      if (r._state.ranges.some((g) => g.sheetId !== this._id))
        this._fail('The conditional format rule cannot reference a different sheet.');
    }
    this._s.rules = rules.map((r) => structuredClone(r._state));
  }
  clearConditionalFormatRules(): void {
    this._s.rules = [];
  }

  protect(): ProtectionView {
    const s = this._s;
    const existing = s.protections.find((p) => p.kind === 'SHEET');
    if (existing) return new ProtectionView(this._doc, s.id, existing.id);
    const p = {
      id: this._doc.nextId(),
      kind: 'SHEET' as const,
      description: '',
      warningOnly: false,
      editors: [this._doc.host.current().user],
      domainEdit: true,
      unprotected: [],
    };
    s.protections.push(p);
    return new ProtectionView(this._doc, s.id, p.id);
  }
  getProtections(type: string): ProtectionView[] {
    return this._s.protections
      .filter((p) => p.kind === type)
      .map((p) => new ProtectionView(this._doc, this._id, p.id));
  }

  newChart(): EmbeddedChartBuilderView {
    const state: ChartState = {
      id: 0,
      type: 'COLUMN',
      ranges: [],
      options: {},
      position: { row: 1, col: 1, offsetX: 0, offsetY: 0 },
      numHeaders: -1,
    };
    return new EmbeddedChartBuilderView(this._doc, this._id, state);
  }
  insertChart(chart: EmbeddedChartView): void {
    const state = structuredClone(chart._state);
    state.id = this._doc.nextId();
    this._s.charts.push(state);
  }
  updateChart(chart: EmbeddedChartView): void {
    const i = this._s.charts.findIndex((c) => c.id === chart._state.id);
    if (i < 0) this._fail('The chart does not exist on this sheet.');
    this._s.charts[i] = structuredClone(chart._state);
  }
  removeChart(chart: EmbeddedChartView): void {
    this._s.charts = this._s.charts.filter((c) => c.id !== chart._state.id);
  }
  getCharts(): EmbeddedChartView[] {
    return this._s.charts.map((c) => new EmbeddedChartView(this._doc, c, this._id));
  }
}
