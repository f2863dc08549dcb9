/**
 * ConditionalFormatRuleBuilder / ConditionalFormatRule / BooleanCondition / GradientCondition.
 * Rules are plain data (model.ts) so they save, export and evaluate outside Apps Script. [CFRB]
 */
import type { Host } from '../host';
import { isDate } from '../host';
import type { BooleanConditionState, ConditionalRuleState, GradientPointState } from '../model';
import type { SpreadsheetDocument } from './document';
import { RangeView } from './range';

export const BooleanCriteria = {
  CELL_EMPTY: 'CELL_EMPTY',
  CELL_NOT_EMPTY: 'CELL_NOT_EMPTY',
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_NOT_EQUAL_TO: 'TEXT_NOT_EQUAL_TO',
  TEXT_STARTS_WITH: 'TEXT_STARTS_WITH',
  TEXT_ENDS_WITH: 'TEXT_ENDS_WITH',
} as const;

export const InterpolationType = {
  NUMBER: 'NUMBER',
  PERCENT: 'PERCENT',
  PERCENTILE: 'PERCENTILE',
  MIN: 'MIN',
  MAX: 'MAX',
} as const;

export class BooleanConditionView {
  readonly gasType = 'BooleanCondition';
  constructor(
    private readonly _s: BooleanConditionState,
    private readonly _host: Host,
  ) {}
  getCriteriaType(): string {
    return this._s.type;
  }
  getCriteriaValues(): unknown[] {
    return this._s.values.map((v) => (typeof v === 'object' ? this._host.makeDate(v.date) : v));
  }
  getBackgroundObject(): null {
    return null;
  }
  getBackground(): string | null {
    return this._s.background ?? null;
  }
  getFontColor(): string | null {
    return this._s.fontColor ?? null;
  }
  getBold(): boolean | null {
    return this._s.bold ?? null;
  }
  getItalic(): boolean | null {
    return this._s.italic ?? null;
  }
  getStrikethrough(): boolean | null {
    return this._s.strikethrough ?? null;
  }
  getUnderline(): boolean | null {
    return this._s.underline ?? null;
  }
}

export class GradientConditionView {
  readonly gasType = 'GradientCondition';
  constructor(private readonly _s: NonNullable<ConditionalRuleState['gradient']>) {}
  getMinColor(): string {
    return this._s.min.color;
  }
  getMinType(): string {
    return this._s.min.type;
  }
  getMinValue(): string {
    return this._s.min.value;
  }
  getMidColor(): string | null {
    return this._s.mid?.color ?? null;
  }
  getMidType(): string | null {
    return this._s.mid?.type ?? null;
  }
  getMidValue(): string | null {
    return this._s.mid?.value ?? null;
  }
  getMaxColor(): string {
    return this._s.max.color;
  }
  getMaxType(): string {
    return this._s.max.type;
  }
  getMaxValue(): string {
    return this._s.max.value;
  }
}

export class ConditionalFormatRuleView {
  readonly gasType = 'ConditionalFormatRule';
  constructor(
    readonly _state: ConditionalRuleState,
    private readonly _doc: SpreadsheetDocument,
  ) {}
  getRanges(): RangeView[] {
    return this._state.ranges.map((r) => new RangeView(this._doc, r));
  }
  getBooleanCondition(): BooleanConditionView | null {
    return this._state.boolean
      ? new BooleanConditionView(this._state.boolean, this._doc.host)
      : null;
  }
  getGradientCondition(): GradientConditionView | null {
    return this._state.gradient ? new GradientConditionView(this._state.gradient) : null;
  }
  copy(): ConditionalFormatRuleBuilderView {
    return new ConditionalFormatRuleBuilderView(this._doc, structuredClone(this._state));
  }
}

export class ConditionalFormatRuleBuilderView {
  readonly gasType = 'ConditionalFormatRuleBuilder';
  constructor(
    private readonly _doc: SpreadsheetDocument,
    private readonly _s: ConditionalRuleState = { ranges: [] },
  ) {}
  private _bool(type: string, values: BooleanConditionState['values']): this {
    const prev = this._s.boolean;
    this._s.gradient = undefined;
    this._s.boolean = { ...(prev ?? {}), type, values };
    return this;
  }
  private _fmt(): BooleanConditionState {
    return (this._s.boolean ??= { type: '', values: [] });
  }
  private _num(v: unknown, method: string): number {
    if (typeof v !== 'number' || Number.isNaN(v)) {
      this._doc.host.fail(
        `The parameters (${typeof v}) don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.${method}.`,
      );
    }
    return v;
  }
  private _date(v: unknown): { date: number } {
    if (!isDate(v)) this._doc.host.fail('Invalid argument: date');
    return { date: v.getTime() };
  }
  whenCellEmpty(): this {
    return this._bool(BooleanCriteria.CELL_EMPTY, []);
  }
  whenCellNotEmpty(): this {
    return this._bool(BooleanCriteria.CELL_NOT_EMPTY, []);
  }
  whenNumberGreaterThan(n: number): this {
    return this._bool(BooleanCriteria.NUMBER_GREATER_THAN, [this._num(n, 'whenNumberGreaterThan')]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): this {
    return this._bool(BooleanCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO, [
      this._num(n, 'whenNumberGreaterThanOrEqualTo'),
    ]);
  }
  whenNumberLessThan(n: number): this {
    return this._bool(BooleanCriteria.NUMBER_LESS_THAN, [this._num(n, 'whenNumberLessThan')]);
  }
  whenNumberLessThanOrEqualTo(n: number): this {
    return this._bool(BooleanCriteria.NUMBER_LESS_THAN_OR_EQUAL_TO, [
      this._num(n, 'whenNumberLessThanOrEqualTo'),
    ]);
  }
  whenNumberEqualTo(n: number): this {
    return this._bool(BooleanCriteria.NUMBER_EQUAL_TO, [this._num(n, 'whenNumberEqualTo')]);
  }
  whenNumberNotEqualTo(n: number): this {
    return this._bool(BooleanCriteria.NUMBER_NOT_EQUAL_TO, [this._num(n, 'whenNumberNotEqualTo')]);
  }
  whenNumberBetween(a: number, b: number): this {
    return this._bool(BooleanCriteria.NUMBER_BETWEEN, [
      this._num(a, 'whenNumberBetween'),
      this._num(b, 'whenNumberBetween'),
    ]);
  }
  whenNumberNotBetween(a: number, b: number): this {
    return this._bool(BooleanCriteria.NUMBER_NOT_BETWEEN, [
      this._num(a, 'whenNumberNotBetween'),
      this._num(b, 'whenNumberNotBetween'),
    ]);
  }
  whenTextContains(t: string): this {
    return this._bool(BooleanCriteria.TEXT_CONTAINS, [String(t)]);
  }
  whenTextDoesNotContain(t: string): this {
    return this._bool(BooleanCriteria.TEXT_DOES_NOT_CONTAIN, [String(t)]);
  }
  whenTextEqualTo(t: string): this {
    return this._bool(BooleanCriteria.TEXT_EQUAL_TO, [String(t)]);
  }
  whenTextStartsWith(t: string): this {
    return this._bool(BooleanCriteria.TEXT_STARTS_WITH, [String(t)]);
  }
  whenTextEndsWith(t: string): this {
    return this._bool(BooleanCriteria.TEXT_ENDS_WITH, [String(t)]);
  }
  whenDateAfter(d: Date): this {
    return this._bool(BooleanCriteria.DATE_AFTER, [this._date(d)]);
  }
  whenDateBefore(d: Date): this {
    return this._bool(BooleanCriteria.DATE_BEFORE, [this._date(d)]);
  }
  whenDateEqualTo(d: Date): this {
    return this._bool(BooleanCriteria.DATE_EQUAL_TO, [this._date(d)]);
  }
  whenFormulaSatisfied(formula: string): this {
    if (typeof formula !== 'string' || !formula.startsWith('='))
      this._doc.host.fail(`Invalid formula: ${String(formula)}`);
    return this._bool(BooleanCriteria.CUSTOM_FORMULA, [formula]);
  }
  withCriteria(criteria: string, args: unknown[]): this {
    return this._bool(
      String(criteria),
      args.map((a) => (isDate(a) ? { date: a.getTime() } : (a as string | number))),
    );
  }
  setBackground(color: string | null): this {
    this._fmt().background = color ?? undefined;
    return this;
  }
  setFontColor(color: string | null): this {
    this._fmt().fontColor = color ?? undefined;
    return this;
  }
  setBold(b: boolean | null): this {
    this._fmt().bold = b ?? undefined;
    return this;
  }
  setItalic(b: boolean | null): this {
    this._fmt().italic = b ?? undefined;
    return this;
  }
  setStrikethrough(b: boolean | null): this {
    this._fmt().strikethrough = b ?? undefined;
    return this;
  }
  setUnderline(b: boolean | null): this {
    this._fmt().underline = b ?? undefined;
    return this;
  }
  private _grad(which: 'min' | 'mid' | 'max', p: GradientPointState): this {
    this._s.boolean = undefined;
    const g = this._s.gradient ?? {
      min: { color: '#ffffff', type: 'MIN', value: '' },
      max: { color: '#57bb8a', type: 'MAX', value: '' },
    };
    g[which] = p;
    this._s.gradient = g;
    return this;
  }
  setGradientMinpoint(color: string): this {
    return this._grad('min', { color, type: 'MIN', value: '' });
  }
  setGradientMaxpoint(color: string): this {
    return this._grad('max', { color, type: 'MAX', value: '' });
  }
  setGradientMinpointWithValue(color: string, type: string, value: string): this {
    return this._grad('min', { color, type: String(type), value: String(value) });
  }
  setGradientMidpointWithValue(color: string, type: string, value: string): this {
    return this._grad('mid', { color, type: String(type), value: String(value) });
  }
  setGradientMaxpointWithValue(color: string, type: string, value: string): this {
    return this._grad('max', { color, type: String(type), value: String(value) });
  }
  setRanges(ranges: RangeView[]): this {
    if (!Array.isArray(ranges))
      this._doc.host.fail(
        "The parameters don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges.",
      );
    this._s.ranges = ranges.map((r) => ({ ...r._grid }));
    return this;
  }
  getRanges(): RangeView[] {
    return this._s.ranges.map((r) => new RangeView(this._doc, r));
  }
  getBooleanCondition(): BooleanConditionView | null {
    return this._s.boolean ? new BooleanConditionView(this._s.boolean, this._doc.host) : null;
  }
  getGradientCondition(): GradientConditionView | null {
    return this._s.gradient ? new GradientConditionView(this._s.gradient) : null;
  }
  copy(): ConditionalFormatRuleBuilderView {
    return new ConditionalFormatRuleBuilderView(this._doc, structuredClone(this._s));
  }
  build(): ConditionalFormatRuleView {
    const s = structuredClone(this._s);
    if (s.ranges.length === 0)
      this._doc.host.fail('Conditional format rule must have at least one range.');
    if (s.boolean) {
      if (!s.boolean.type) this._doc.host.fail('Conditional format rule must have a condition.');
      const f = s.boolean;
      if (
        !f.background &&
        !f.fontColor &&
        f.bold === undefined &&
        f.italic === undefined &&
        f.strikethrough === undefined &&
        f.underline === undefined
      ) {
        this._doc.host.fail('Conditional format rule must have a format.');
      }
    } else if (!s.gradient) this._doc.host.fail('Conditional format rule must have a condition.');
    return new ConditionalFormatRuleView(s, this._doc);
  }
}
