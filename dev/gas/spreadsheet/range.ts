/** Range: values (typed as Apps Script returns them), formulas, formats, notes. [RANGE] */
import { asText } from '../coerce';
import { fromJs, displayText } from '../cell-values';
import {
  a1Of,
  cellForWrite,
  getCell,
  type CellState,
  type GridRange,
  type SheetState,
} from '../model';
import type { SpreadsheetDocument } from './document';
import { ProtectionView } from './protection';
import { SheetView } from './sheet';
import { DataValidationView, setValidation, validationAt } from './data-validation';

type Grid<T> = T[][];

/** characters one cell holds at most [docs/services.md §1.7] */
export const CELL_CHARS = 50_000;

export class RangeView {
  readonly gasType = 'Range';
  constructor(
    readonly _doc: SpreadsheetDocument,
    readonly _grid: GridRange,
  ) {}

  private get _sheet(): SheetState {
    return this._doc.sheetById(this._grid.sheetId);
  }

  private _each(fn: (r: number, c: number, i: number, j: number) => void): void {
    const g = this._grid;
    for (let i = 0; i < g.numRows; i++)
      for (let j = 0; j < g.numCols; j++) fn(g.row - 1 + i, g.col - 1 + j, i, j);
  }

  private _readGrid<T>(fn: (cell: CellState | null, r: number, c: number) => T): Grid<T> {
    const sheet = this._sheet;
    const g = this._grid;
    const out: Grid<T> = [];
    for (let i = 0; i < g.numRows; i++) {
      const row: T[] = [];
      const srow = sheet.rows[g.row - 1 + i];
      for (let j = 0; j < g.numCols; j++)
        row.push(fn(srow ? (srow[g.col - 1 + j] ?? null) : null, g.row + i, g.col + j));
      out.push(row);
    }
    return out;
  }

  /** The grid must match the range exactly, row by row. [RANGE] setValues */
  private _checkGrid(data: unknown, method: string): unknown[][] {
    const g = this._grid;
    if (!Array.isArray(data) || data.some((r) => !Array.isArray(r))) {
      this._doc.host.fail(
        `The parameters (${Array.isArray(data) ? 'number[]' : typeof data}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    const rows = data as unknown[][];
    if (rows.length !== g.numRows) {
      this._doc.host.fail(
        `The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${g.numRows}.`,
      );
    }
    for (const r of rows) {
      if (r.length !== g.numCols) {
        this._doc.host.fail(
          `The number of columns in the data does not match the number of columns in the range. The data has ${r.length} but the range has ${g.numCols}.`,
        );
      }
    }
    return rows;
  }

  /** Protections and the file's sharing decide whether the running user may change this range. */
  private _guard(): void {
    const g = this._grid;
    this._doc.host.assertCanEdit(g.sheetId, g);
  }

  /** Sheets refuses a text over 50,000 characters, and writes nothing of the call. [§1.7] */
  private _checkLength(rows: unknown[][]): void {
    for (const r of rows)
      for (const v of r)
        if (typeof v === 'string' && v.length > CELL_CHARS)
          this._doc.host.fail(
            `Your input contains more than the maximum of ${CELL_CHARS} characters in a single cell.`,
          );
  }

  private _setGrid(
    data: unknown,
    method: string,
    apply: (cell: CellState, v: unknown) => void,
  ): this {
    const rows = this._checkGrid(data, method);
    this._guard();
    if (method === 'setValues' || method === 'setFormulas' || method === 'setNotes')
      this._checkLength(rows);
    const sheet = this._sheet;
    this._each((r, c, i, j) => apply(cellForWrite(sheet, r, c), rows[i]?.[j]));
    return this;
  }

  private _setAll(apply: (cell: CellState) => void, value?: unknown): this {
    this._guard();
    if (value !== undefined) this._checkLength([[value]]);
    const sheet = this._sheet;
    this._each((r, c) => apply(cellForWrite(sheet, r, c)));
    return this;
  }

  private _write(cell: CellState, value: unknown): void {
    const w = fromJs(value, cell.nf, this._doc.state.timeZone);
    delete cell.f;
    delete cell.v;
    if (w.f !== undefined) cell.f = w.f;
    else if (w.v !== undefined && w.v !== '') cell.v = w.v;
  }

  // --- geometry
  getRow(): number {
    return this._grid.row;
  }
  getColumn(): number {
    return this._grid.col;
  }
  getNumRows(): number {
    return this._grid.numRows;
  }
  getNumColumns(): number {
    return this._grid.numCols;
  }
  getLastRow(): number {
    return this._grid.row + this._grid.numRows - 1;
  }
  getLastColumn(): number {
    return this._grid.col + this._grid.numCols - 1;
  }
  getA1Notation(): string {
    return a1Of(this._grid);
  }
  getSheet(): SheetView {
    return new SheetView(this._doc, this._grid.sheetId);
  }
  getCell(row: number, col: number): RangeView {
    if (row < 1 || col < 1 || row > this._grid.numRows || col > this._grid.numCols)
      this._doc.host.fail('Cell reference out of range');
    return new RangeView(this._doc, {
      ...this._grid,
      row: this._grid.row + row - 1,
      col: this._grid.col + col - 1,
      numRows: 1,
      numCols: 1,
    });
  }
  offset(rowOffset: number, colOffset: number, numRows?: number, numCols?: number): RangeView {
    return new RangeView(this._doc, {
      sheetId: this._grid.sheetId,
      row: this._grid.row + rowOffset,
      col: this._grid.col + colOffset,
      numRows: numRows ?? this._grid.numRows,
      numCols: numCols ?? this._grid.numCols,
    });
  }

  // --- values
  getValues(): unknown[][] {
    const sheet = this._sheet;
    return this._readGrid((cell, r, c) =>
      this._doc.toBundle(this._doc.cellScalar(sheet, cell, r, c)),
    );
  }
  getValue(): unknown {
    return this.getValues()[0]?.[0];
  }
  getDisplayValues(): string[][] {
    const sheet = this._sheet;
    const { timeZone, locale } = this._doc.state;
    return this._readGrid((cell, r, c) =>
      displayText(cell, this._doc.cellScalar(sheet, cell, r, c) as unknown, timeZone, locale),
    );
  }
  getDisplayValue(): string {
    return this.getDisplayValues()[0]?.[0] ?? '';
  }
  setValues(values: unknown[][]): this {
    return this._setGrid(values, 'setValues', (cell, v) => this._write(cell, v));
  }
  setValue(value: unknown): this {
    return this._setAll((cell) => this._write(cell, value), value);
  }
  getFormulas(): string[][] {
    return this._readGrid((cell) => cell?.f ?? '');
  }
  getFormula(): string {
    return this.getFormulas()[0]?.[0] ?? '';
  }
  setFormulas(formulas: string[][]): this {
    return this._setGrid(formulas, 'setFormulas', (cell, f) => {
      delete cell.v;
      delete cell.f;
      if (f) cell.f = asText(f);
    });
  }
  setFormula(formula: string): this {
    return this._setAll((cell) => {
      delete cell.v;
      cell.f = String(formula);
    }, formula);
  }
  isBlank(): boolean {
    return this._readGrid((cell) => !cell || (cell.v === undefined && !cell.f)).every((r) =>
      r.every(Boolean),
    );
  }

  // --- formats
  getNumberFormats(): string[][] {
    return this._readGrid((cell) => cell?.nf ?? '0.###############');
  }
  getNumberFormat(): string {
    return this.getNumberFormats()[0]?.[0] ?? '';
  }
  setNumberFormat(f: string): this {
    return this._setAll((cell) => (cell.nf = asText(f)));
  }
  setNumberFormats(fs: string[][]): this {
    return this._setGrid(fs, 'setNumberFormats', (cell, f) => (cell.nf = asText(f)));
  }
  setFontWeight(w: string | null): this {
    return this._setAll((cell) => (cell.b = w === 'bold'));
  }
  setFontWeights(ws: string[][]): this {
    return this._setGrid(ws, 'setFontWeights', (cell, w) => (cell.b = w === 'bold'));
  }
  getFontWeights(): string[][] {
    return this._readGrid((cell) => (cell?.b ? 'bold' : 'normal'));
  }
  getFontWeight(): string {
    return this.getFontWeights()[0]?.[0] ?? '';
  }
  setFontStyle(s: string | null): this {
    return this._setAll((cell) => (cell.it = s === 'italic'));
  }
  setFontSize(n: number): this {
    return this._setAll((cell) => (cell.fs = n));
  }
  setFontColor(c: string | null): this {
    return this._setAll((cell) => (c ? (cell.fc = c) : delete cell.fc));
  }
  setFontColors(cs: Array<Array<string | null>>): this {
    return this._setGrid(cs, 'setFontColors', (cell, c) =>
      c ? (cell.fc = asText(c)) : delete cell.fc,
    );
  }
  getFontColors(): string[][] {
    return this._readGrid((cell) => cell?.fc ?? '#000000');
  }
  setBackground(c: string | null): this {
    return this._setAll((cell) => (c ? (cell.bg = c) : delete cell.bg));
  }
  setBackgrounds(cs: Array<Array<string | null>>): this {
    return this._setGrid(cs, 'setBackgrounds', (cell, c) =>
      c ? (cell.bg = asText(c)) : delete cell.bg,
    );
  }
  getBackgrounds(): string[][] {
    return this._readGrid((cell) => cell?.bg ?? '#ffffff');
  }
  getBackground(): string {
    return this.getBackgrounds()[0]?.[0] ?? '';
  }
  setHorizontalAlignment(a: string | null): this {
    return this._setAll((cell) => (a ? (cell.ha = a) : delete cell.ha));
  }
  setHorizontalAlignments(as: Array<Array<string | null>>): this {
    return this._setGrid(as, 'setHorizontalAlignments', (cell, a) =>
      a ? (cell.ha = asText(a)) : delete cell.ha,
    );
  }
  setVerticalAlignment(a: string | null): this {
    return this._setAll((cell) => (a ? (cell.va = a) : delete cell.va));
  }
  setWrap(w: boolean): this {
    return this._setAll((cell) => (cell.wrap = Boolean(w)));
  }
  setWrapStrategy(_s: unknown): this {
    this._guard();
    return this;
  }
  setBorder(..._args: unknown[]): this {
    this._guard();
    return this;
  }
  setNote(note: string | null): this {
    return this._setAll(
      (cell) => (note ? (cell.note = String(note)) : delete cell.note),
      note ?? undefined,
    );
  }
  setNotes(notes: Array<Array<string | null>>): this {
    return this._setGrid(notes, 'setNotes', (cell, n) =>
      n ? (cell.note = asText(n)) : delete cell.note,
    );
  }
  getNotes(): string[][] {
    return this._readGrid((cell) => cell?.note ?? '');
  }
  getNote(): string {
    return this.getNotes()[0]?.[0] ?? '';
  }

  // --- clearing
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    this._guard();
    const sheet = this._sheet;
    this._each((r, c) => {
      const cell = getCell(sheet, r, c);
      if (!cell) return;
      if (options?.contentsOnly) {
        delete cell.v;
        delete cell.f;
      } else if (options?.formatOnly) {
        for (const k of ['nf', 'b', 'it', 'bg', 'fc', 'fs', 'ha', 'va', 'wrap'] as const)
          delete cell[k];
      } else {
        const row = sheet.rows[r];
        if (row) row[c] = null;
      }
    });
    return this;
  }
  /** The rule of every cell of the range; null clears it. [RANGE] setDataValidation */
  setDataValidation(rule: DataValidationView | null): this {
    if (rule !== null && !(rule instanceof DataValidationView))
      this._doc.host.fail(
        "The parameters (String) don't match the method signature for SpreadsheetApp.Range.setDataValidation.",
      );
    setValidation(this._sheet, this._grid, rule ? rule._s : null);
    return this;
  }
  /** The rule of the range's top-left cell, or null. [RANGE] getDataValidation */
  getDataValidation(): DataValidationView | null {
    const rule = validationAt(this._sheet, this._grid.row, this._grid.col);
    return rule ? new DataValidationView(this._doc, structuredClone(rule)) : null;
  }
  clearDataValidations(): this {
    return this.setDataValidation(null);
  }
  clearContent(): this {
    return this.clear({ contentsOnly: true });
  }
  clearFormat(): this {
    return this.clear({ formatOnly: true });
  }
  clearNote(): this {
    return this._setAll((cell) => delete cell.note);
  }

  /** Merges overlapping this range only partly make Sheets refuse. [RANGE merge, breakApart] */
  private _mergeConflict(): void {
    const g = this._grid;
    for (const m of this._sheet.merges) {
      const overlaps =
        m.row < g.row + g.numRows &&
        g.row < m.row + m.numRows &&
        m.col < g.col + g.numCols &&
        g.col < m.col + m.numCols;
      const inside =
        m.row >= g.row &&
        m.col >= g.col &&
        m.row + m.numRows <= g.row + g.numRows &&
        m.col + m.numCols <= g.col + g.numCols;
      if (overlaps && !inside)
        this._doc.host.fail(
          'You must select all cells in a merged range to merge or unmerge them.',
        );
    }
  }
  /**
   * Sheets will not merge across the edge of the frozen rows or columns (the merged cell would be
   * half scrolled): the whole range must be on one side. [Sheets: freezing and merging]
   */
  private _frozenConflict(): void {
    const g = this._grid;
    const s = this._sheet;
    const crosses = (frozen: number, start: number, size: number) =>
      frozen > 0 && start <= frozen && start + size - 1 > frozen;
    if (crosses(s.frozenRows, g.row, g.numRows))
      this._doc.host.fail("You can't merge frozen and non-frozen rows.");
    if (crosses(s.frozenCols, g.col, g.numCols))
      this._doc.host.fail("You can't merge frozen and non-frozen columns.");
  }
  /** The merged ranges inside this range or overlapping it. [RANGE getMergedRanges] */
  getMergedRanges(): RangeView[] {
    const g = this._grid;
    return this._sheet.merges
      .filter(
        (m) =>
          m.row < g.row + g.numRows &&
          g.row < m.row + m.numRows &&
          m.col < g.col + g.numCols &&
          g.col < m.col + m.numCols,
      )
      .map((m) => new RangeView(this._doc, { ...m }));
  }
  merge(): this {
    this._guard();
    this._mergeConflict();
    if (this._grid.numRows * this._grid.numCols > 1) this._frozenConflict();
    const g = this._grid;
    this._sheet.merges = this._sheet.merges.filter(
      (m) =>
        !(
          m.row >= g.row &&
          m.col >= g.col &&
          m.row + m.numRows <= g.row + g.numRows &&
          m.col + m.numCols <= g.col + g.numCols
        ),
    );
    // a merge of one cell is no merge: Sheets lists none for it (getMergedRanges)
    if (g.numRows * g.numCols > 1) this._sheet.merges.push({ ...g });
    return this;
  }
  breakApart(): this {
    this._guard();
    this._mergeConflict();
    const g = this._grid;
    this._sheet.merges = this._sheet.merges.filter(
      (m) =>
        !(
          m.row >= g.row &&
          m.col >= g.col &&
          m.row + m.numRows <= g.row + g.numRows &&
          m.col + m.numCols <= g.col + g.numCols
        ),
    );
    return this;
  }
  /** A basic filter over this range; a sheet has at most one. [reference spreadsheet/filter] */
  createFilter(): FilterView {
    this._guard();
    if (this._sheet.filter)
      this._doc.host.fail("You can't create a filter in a sheet that already has a filter.");
    this._sheet.filter = { ...this._grid };
    return new FilterView(this._doc, this._grid.sheetId);
  }
  getFilter(): FilterView | null {
    return this._sheet.filter ? new FilterView(this._doc, this._grid.sheetId) : null;
  }
  protect(): ProtectionView {
    this._guard();
    const sheet = this._sheet;
    const p = {
      id: this._doc.nextId(),
      kind: 'RANGE' as const,
      range: { ...this._grid },
      description: '',
      warningOnly: false,
      editors: this._doc.host.fileEditors(),
      domainEdit: false,
      unprotected: [],
    };
    sheet.protections.push(p);
    return new ProtectionView(this._doc, sheet.id, p.id);
  }
  activate(): this {
    return this;
  }
}

export class FilterView {
  readonly gasType = 'Filter';
  constructor(
    private readonly _doc: SpreadsheetDocument,
    private readonly _sheetId: number,
  ) {}
  getRange(): RangeView {
    const g = this._doc.sheetById(this._sheetId).filter;
    if (!g) this._doc.host.fail('The filter has been removed.');
    return new RangeView(this._doc, g);
  }
  remove(): void {
    const g = this._doc.sheetById(this._sheetId).filter;
    if (g) this._doc.host.assertCanEdit(this._sheetId, g);
    delete this._doc.sheetById(this._sheetId).filter;
  }
}
