/**
 * The plain-data state of the in-memory spreadsheet. Service objects (Sheet, Range, …) are views
 * over it, so the whole state saves to JSON and loads back exactly.
 */
export type CellValue = string | number | boolean | { date: number };

export interface CellState {
  v?: CellValue;
  /** formula text as written, e.g. '=SUM(A1:A3)' */
  f?: string;
  nf?: string;
  b?: boolean;
  it?: boolean;
  bg?: string;
  fc?: string;
  fs?: number;
  note?: string;
  ha?: string;
  va?: string;
  wrap?: boolean;
}

export interface GridRange {
  sheetId: number;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface BooleanConditionState {
  type: string;
  values: Array<string | number | { date: number }>;
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  underline?: boolean;
}

export interface GradientPointState {
  color: string;
  type: string;
  value: string;
}

export interface GradientConditionState {
  min: GradientPointState;
  mid?: GradientPointState;
  max: GradientPointState;
}

export interface ConditionalRuleState {
  ranges: GridRange[];
  boolean?: BooleanConditionState;
  gradient?: GradientConditionState;
}

export interface ProtectionState {
  id: number;
  kind: 'SHEET' | 'RANGE';
  range?: GridRange;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  unprotected: GridRange[];
}

/** A data validation rule (dev/gas/spreadsheet/data-validation.ts). */
export interface ValidationState {
  criteria: 'VALUE_IN_RANGE' | 'VALUE_IN_LIST';
  /** VALUE_IN_RANGE: the source range; VALUE_IN_LIST: the values */
  source?: GridRange;
  list?: string[];
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText: string | null;
}

export interface ValidatedRange {
  range: GridRange;
  rule: ValidationState;
}

export interface ChartState {
  id: number;
  type: string;
  ranges: GridRange[];
  options: Record<string, unknown>;
  position: { row: number; col: number; offsetX: number; offsetY: number };
  numHeaders: number;
}

export interface SheetState {
  /** the sheet's basic filter, if any */
  filter?: GridRange;
  id: number;
  name: string;
  maxRows: number;
  maxCols: number;
  frozenRows: number;
  frozenCols: number;
  hidden: boolean;
  tabColor: string | null;
  /** rows[r][c], 0-based, sparse: missing rows/cells are empty */
  rows: Array<Array<CellState | null> | null>;
  colWidths: Record<number, number>;
  rowHeights: Record<number, number>;
  rules: ConditionalRuleState[];
  protections: ProtectionState[];
  charts: ChartState[];
  /** data validation rules (drop-downs), newest last */
  validations?: ValidatedRange[];
  merges: GridRange[];
}

export interface SpreadsheetState {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  sheets: SheetState[];
  namedRanges: Array<{ name: string; range: GridRange }>;
  nextId: number;
  /** developer metadata of the spreadsheet (sheetId null) and of its sheets */
  metadata?: MetadataState[];
  /** the sheet the file opens on */
  activeSheetId?: number;
}

export interface MetadataState {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  sheetId: number | null;
}

export const DEFAULT_COL_WIDTH = 100;
export const DEFAULT_ROW_HEIGHT = 21;

export function newSheetState(id: number, name: string, rows = 1000, cols = 26): SheetState {
  return {
    id,
    name,
    maxRows: rows,
    maxCols: cols,
    frozenRows: 0,
    frozenCols: 0,
    hidden: false,
    tabColor: null,
    rows: [],
    colWidths: {},
    rowHeights: {},
    rules: [],
    protections: [],
    charts: [],
    merges: [],
  };
}

export function newSpreadsheetState(
  name = 'Рейтинг менеджеров',
  timeZone = 'Europe/Moscow',
): SpreadsheetState {
  return {
    id: '1' + 'x'.repeat(10) + 'local-spreadsheet',
    name,
    timeZone,
    locale: 'ru_RU',
    sheets: [newSheetState(0, 'Лист1')],
    namedRanges: [],
    nextId: 1,
  };
}

export function getCell(sheet: SheetState, r: number, c: number): CellState | null {
  const row = sheet.rows[r];
  return row ? (row[c] ?? null) : null;
}

export function cellForWrite(sheet: SheetState, r: number, c: number): CellState {
  let row = sheet.rows[r];
  if (!row) {
    row = [];
    sheet.rows[r] = row;
  }
  let cell = row[c];
  if (!cell) {
    cell = {};
    row[c] = cell;
  }
  return cell;
}

export function isEmptyCell(cell: CellState | null): boolean {
  return !cell || ((cell.v === undefined || cell.v === '') && !cell.f);
}

/** Column letters for A1 notation: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 'B2', 'B2:D5', 'A:C', '3:4' → 1-based row/col and sizes; open ends are bounded by the sheet. */
export function parseA1(
  a1: string,
  maxRows: number,
  maxCols: number,
): Omit<GridRange, 'sheetId'> | null {
  const m = /^\$?([A-Za-z]*)\$?(\d*)(?::\$?([A-Za-z]*)\$?(\d*))?$/.exec(a1.trim());
  if (!m) return null;
  const [, c1, r1, c2, r2] = m;
  if (!c1 && !r1) return null;
  const hasEnd = a1.includes(':');
  const col1 = c1 ? columnIndex(c1) : 1;
  const row1 = r1 ? Number(r1) : 1;
  const col2 = hasEnd ? (c2 ? columnIndex(c2) : maxCols) : c1 ? col1 : maxCols;
  const row2 = hasEnd ? (r2 ? Number(r2) : maxRows) : r1 ? row1 : maxRows;
  if (row1 < 1 || col1 < 1) return null;
  return {
    row: Math.min(row1, row2),
    col: Math.min(col1, col2),
    numRows: Math.abs(row2 - row1) + 1,
    numCols: Math.abs(col2 - col1) + 1,
  };
}

export function a1Of(r: Omit<GridRange, 'sheetId'>): string {
  const start = `${columnLetter(r.col)}${r.row}`;
  if (r.numRows === 1 && r.numCols === 1) return start;
  return `${start}:${columnLetter(r.col + r.numCols - 1)}${r.row + r.numRows - 1}`;
}

export function rangeContains(r: GridRange, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.numRows && col >= r.col && col < r.col + r.numCols;
}
