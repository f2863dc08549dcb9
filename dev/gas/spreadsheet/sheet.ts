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
import { shiftAnchored, type Axis } from './structure';

/** The array with `count` empty places at `index` (no spread: a gap may be 100,000 rows). */
function withGap<T>(list: Array<T | null>, index: number, count: number): Array<T | null> {
  if (index >= list.length) return list;
  const out = list.slice(0, index);
  for (let i = 0; i < count; i++) out.push(null);
  for (let i = index; i < list.length; i++) out.push(list[i] ?? null);
  return out;
}

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
  /** the sheet, for a change to its structure or look the running user must be allowed to make */
  private get _w(): SheetState {
    this._doc.host.assertCanEdit(this._id, null);
    return this._s;
  }
  /** the sheet, for a change to these cells */
  private _cells(row: number, col: number, numRows: number, numCols: number): SheetState {
    this._doc.host.assertCanEdit(this._id, { row, col, numRows, numCols });
    return this._s;
  }
  private _insert(axis: Axis, at: number, count: number): void {
    const s = this._w;
    if (!Number.isInteger(count) || count < 1) this._fail('Those rows are out of bounds.');
    const added = axis === 'row' ? count * s.maxCols : count * s.maxRows;
    this._doc.assertCellRoom(added);
    if (axis === 'row') {
      if (at < 1 || at > s.maxRows + 1) this._fail('Those rows are out of bounds.');
      s.rows = withGap(s.rows, at - 1, count);
      s.maxRows += count;
    } else {
      if (at < 1 || at > s.maxCols + 1) this._fail('Those columns are out of bounds.');
      s.rows = s.rows.map((row) => (row ? withGap(row, at - 1, count) : row));
      s.maxCols += count;
    }
    shiftAnchored(this._doc.state, s, axis, at, count, 'insert');
  }
  private _delete(axis: Axis, at: number, count: number): void {
    const s = this._w;
    const max = axis === 'row' ? s.maxRows : s.maxCols;
    if (at < 1 || count < 1 || at + count - 1 > max)
      this._fail(
        axis === 'row' ? 'Those rows are out of bounds.' : 'Those columns are out of bounds.',
      );
    if (axis === 'row') {
      if (s.maxRows - count <= s.frozenRows)
        this._fail('Sorry, it is not possible to delete all non-frozen rows.');
      this._cells(at, 1, count, s.maxCols);
      s.rows.splice(at - 1, count);
      s.maxRows -= count;
    } else {
      if (s.maxCols - count <= s.frozenCols)
        this._fail('Sorry, it is not possible to delete all non-frozen columns.');
      this._cells(1, at, s.maxRows, count);
      for (const row of s.rows) row?.splice(at - 1, count);
      s.maxCols -= count;
    }
    shiftAnchored(this._doc.state, s, axis, at, count, 'delete');
  }

  getName(): string {
    return this._s.name;
  }
  setName(name: string): this {
    void this._w;
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
    void this._w;
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
    this._cells(row, 1, 1, Math.max(1, values.length));
    if (row > this._s.maxRows) this._insert('row', this._s.maxRows + 1, row - this._s.maxRows);
    if (values.length > this._s.maxCols)
      this._insert('col', this._s.maxCols + 1, values.length - this._s.maxCols);
    this.getRange(row, 1, 1, Math.max(1, values.length)).setValues([values]);
    return this;
  }

  insertRowsAfter(after: number, howMany: number): this {
    this._insert('row', after + 1, howMany);
    return this;
  }
  insertRowsBefore(before: number, howMany: number): this {
    this._insert('row', before, howMany);
    return this;
  }
  insertRows(before: number, howMany = 1): this {
    this._insert('row', before, howMany);
    return this;
  }
  deleteRows(start: number, howMany: number): this {
    this._delete('row', start, howMany);
    return this;
  }
  deleteRow(row: number): this {
    return this.deleteRows(row, 1);
  }
  insertRowAfter(after: number): this {
    this._insert('row', after + 1, 1);
    return this;
  }
  insertRowBefore(before: number): this {
    this._insert('row', before, 1);
    return this;
  }
  insertColumnsAfter(after: number, howMany: number): this {
    this._insert('col', after + 1, howMany);
    return this;
  }
  insertColumnsBefore(before: number, howMany: number): this {
    this._insert('col', before, howMany);
    return this;
  }
  insertColumns(before: number, howMany = 1): this {
    this._insert('col', before, howMany);
    return this;
  }
  insertColumnAfter(after: number): this {
    this._insert('col', after + 1, 1);
    return this;
  }
  insertColumnBefore(before: number): this {
    this._insert('col', before, 1);
    return this;
  }
  deleteColumn(col: number): this {
    this._delete('col', col, 1);
    return this;
  }
  deleteColumns(start: number, howMany: number): this {
    this._delete('col', start, howMany);
    return this;
  }

  clear(): this {
    this._cells(1, 1, this._s.maxRows, this._s.maxCols).rows = [];
    return this;
  }
  clearContents(): this {
    for (const row of this._cells(1, 1, this._s.maxRows, this._s.maxCols).rows)
      for (const cell of row ?? [])
        if (cell) {
          delete cell.v;
          delete cell.f;
        }
    return this;
  }
  clearFormats(): this {
    for (const row of this._cells(1, 1, this._s.maxRows, this._s.maxCols).rows)
      for (const cell of row ?? [])
        if (cell)
          for (const k of ['nf', 'b', 'it', 'bg', 'fc', 'fs', 'ha', 'va', 'wrap'] as const)
            delete cell[k];
    return this;
  }
  clearNotes(): this {
    for (const row of this._cells(1, 1, this._s.maxRows, this._s.maxCols).rows)
      for (const cell of row ?? []) if (cell) delete cell.note;
    return this;
  }

  /**
   * Sheets refuses a freeze that would cut a merged cell in two, or leave nothing to scroll.
   * [Sheets: freezing and merging; "You can't freeze all visible rows on the sheet."]
   */
  private _freeze(axis: Axis, n: number): void {
    const s = this._w;
    const max = axis === 'row' ? s.maxRows : s.maxCols;
    const word = axis === 'row' ? 'rows' : 'columns';
    if (n >= max) this._fail(`You can't freeze all visible ${word} on the sheet.`);
    const cut = s.merges.some((m) => {
      const start = axis === 'row' ? m.row : m.col;
      const size = axis === 'row' ? m.numRows : m.numCols;
      return n > 0 && start <= n && start + size - 1 > n;
    });
    if (cut)
      this._fail(
        `Sorry, it is not possible to freeze ${word} that contain only part of a merged cell.`,
      );
    if (axis === 'row') s.frozenRows = n;
    else s.frozenCols = n;
  }
  setFrozenRows(n: number): this {
    this._freeze('row', n);
    return this;
  }
  setFrozenColumns(n: number): this {
    this._freeze('col', n);
    return this;
  }
  getFrozenRows(): number {
    return this._s.frozenRows;
  }
  getFrozenColumns(): number {
    return this._s.frozenCols;
  }
  setColumnWidth(col: number, width: number): this {
    this._w.colWidths[col] = width;
    return this;
  }
  setColumnWidths(start: number, n: number, width: number): this {
    const s = this._w;
    for (let c = start; c < start + n; c++) s.colWidths[c] = width;
    return this;
  }
  getColumnWidth(col: number): number {
    return this._s.colWidths[col] ?? DEFAULT_COL_WIDTH;
  }
  setRowHeight(row: number, h: number): this {
    this._w.rowHeights[row] = h;
    return this;
  }
  /** Widths that fit the text: about 7 px per character plus padding, as Sheets' auto-fit does. */
  autoResizeColumns(start: number, n: number): this {
    void this._w;
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
    this._w.hidden = true;
    return this;
  }
  showSheet(): this {
    this._w.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this._s.hidden;
  }
  setTabColor(c: string | null): this {
    this._w.tabColor = c;
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
    this._w.rules = rules.map((r) => structuredClone(r._state));
  }
  clearConditionalFormatRules(): void {
    this._w.rules = [];
  }

  protect(): ProtectionView {
    const s = this._s;
    const existing = s.protections.find((p) => p.kind === 'SHEET');
    if (existing) return new ProtectionView(this._doc, s.id, existing.id);
    void this._w;
    const p = {
      id: this._doc.nextId(),
      kind: 'SHEET' as const,
      description: '',
      warningOnly: false,
      editors: this._doc.host.fileEditors(),
      domainEdit: false,
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
    void this._w;
    const state = structuredClone(chart._state);
    state.id = this._doc.nextId();
    this._s.charts.push(state);
  }
  updateChart(chart: EmbeddedChartView): void {
    void this._w;
    const i = this._s.charts.findIndex((c) => c.id === chart._state.id);
    if (i < 0) this._fail('The chart does not exist on this sheet.');
    this._s.charts[i] = structuredClone(chart._state);
  }
  removeChart(chart: EmbeddedChartView): void {
    this._w.charts = this._s.charts.filter((c) => c.id !== chart._state.id);
  }
  getCharts(): EmbeddedChartView[] {
    return this._s.charts.map((c) => new EmbeddedChartView(this._doc, c, this._id));
  }
}
