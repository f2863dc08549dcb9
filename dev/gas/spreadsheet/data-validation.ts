/**
 * Data validation: the rules a range holds (a drop-down of a range's values or of a list), kept
 * in the sheet's state so pictures, tests and a person choosing a value see them. As in Sheets, a
 * script's setValue is not checked (validation applies to what a person types or picks); a
 * person's entry is checked by `GasRuntime.userEdit`, which refuses a value off a strict list.
 * [https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder]
 */
import type { GridRange, SheetState, ValidatedRange, ValidationState } from '../model';
import type { SpreadsheetDocument } from './document';
import { RangeView } from './range';

export const DataValidationCriteria = {
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  VALUE_IN_LIST: 'VALUE_IN_LIST',
} as const;

export class DataValidationView {
  readonly gasType = 'DataValidation';
  constructor(
    readonly _doc: SpreadsheetDocument,
    readonly _s: ValidationState,
  ) {}
  getCriteriaType(): string {
    return this._s.criteria;
  }
  getCriteriaValues(): unknown[] {
    if (this._s.criteria === 'VALUE_IN_RANGE' && this._s.source)
      return [new RangeView(this._doc, this._s.source), this._s.showDropdown];
    return [[...(this._s.list ?? [])], this._s.showDropdown];
  }
  getAllowInvalid(): boolean {
    return this._s.allowInvalid;
  }
  getHelpText(): string | null {
    return this._s.helpText;
  }
  copy(): DataValidationBuilderView {
    return new DataValidationBuilderView(this._doc, structuredClone(this._s));
  }
}

export class DataValidationBuilderView {
  readonly gasType = 'DataValidationBuilder';
  constructor(
    readonly _doc: SpreadsheetDocument,
    readonly _s: ValidationState = {
      criteria: 'VALUE_IN_LIST',
      list: [],
      showDropdown: true,
      // a new rule shows a warning rather than refusing, until told otherwise [DataValidation] getAllowInvalid
      allowInvalid: true,
      helpText: null,
    },
  ) {}
  requireValueInRange(range: RangeView, showDropdown = true): this {
    if (!(range instanceof RangeView))
      this._doc.host.fail(
        "The parameters (String) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInRange.",
      );
    this._s.criteria = 'VALUE_IN_RANGE';
    this._s.source = { ...range._grid };
    delete this._s.list;
    this._s.showDropdown = showDropdown !== false;
    return this;
  }
  requireValueInList(values: unknown[], showDropdown = true): this {
    this._s.criteria = 'VALUE_IN_LIST';
    this._s.list = (Array.isArray(values) ? values : []).map((v) => String(v));
    delete this._s.source;
    this._s.showDropdown = showDropdown !== false;
    return this;
  }
  setAllowInvalid(allow: boolean): this {
    this._s.allowInvalid = allow !== false;
    return this;
  }
  setHelpText(text: string): this {
    this._s.helpText = String(text);
    return this;
  }
  getAllowInvalid(): boolean {
    return this._s.allowInvalid;
  }
  getCriteriaType(): string {
    return this._s.criteria;
  }
  build(): DataValidationView {
    return new DataValidationView(this._doc, structuredClone(this._s));
  }
}

function overlaps(a: GridRange, b: GridRange): boolean {
  return (
    a.sheetId === b.sheetId &&
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.col < b.col + b.numCols &&
    b.col < a.col + a.numCols
  );
}

/** Sets (or, with null, clears) the rule of every cell of the range: older rules there go. */
export function setValidation(
  sheet: SheetState,
  range: GridRange,
  rule: ValidationState | null,
): void {
  const kept: ValidatedRange[] = [];
  for (const v of sheet.validations ?? []) {
    if (!overlaps(v.range, range)) {
      kept.push(v);
      continue;
    }
    // the parts of the old rule's range outside the new range keep the old rule, cell by cell
    for (let r = v.range.row; r < v.range.row + v.range.numRows; r++)
      for (let c = v.range.col; c < v.range.col + v.range.numCols; c++) {
        const inside =
          r >= range.row &&
          r < range.row + range.numRows &&
          c >= range.col &&
          c < range.col + range.numCols;
        if (!inside)
          kept.push({
            range: { ...v.range, row: r, col: c, numRows: 1, numCols: 1 },
            rule: v.rule,
          });
      }
  }
  if (rule) kept.push({ range: { ...range }, rule: structuredClone(rule) });
  sheet.validations = kept;
}

export function validationAt(sheet: SheetState, row: number, col: number): ValidationState | null {
  for (const v of [...(sheet.validations ?? [])].reverse())
    if (
      row >= v.range.row &&
      row < v.range.row + v.range.numRows &&
      col >= v.range.col &&
      col < v.range.col + v.range.numCols
    )
      return v.rule;
  return null;
}

/** The values a rule lets a person pick, as the drop-down shows them (displayed text). */
export function allowedValues(doc: SpreadsheetDocument, rule: ValidationState): string[] {
  if (rule.criteria === 'VALUE_IN_LIST') return [...(rule.list ?? [])];
  const g = rule.source;
  if (!g) return [];
  const sheet = doc.sheetById(g.sheetId);
  const out: string[] = [];
  for (let r = g.row; r < g.row + g.numRows; r++)
    for (let c = g.col; c < g.col + g.numCols; c++) {
      const v = doc.scalarAt(sheet, r, c);
      if (v !== '') out.push(String(v));
    }
  return out;
}
