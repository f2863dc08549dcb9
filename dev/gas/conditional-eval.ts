/**
 * Evaluates a sheet's conditional format rules the way Sheets paints them: rules in order, the
 * first boolean rule that matches a cell decides its format, gradients interpolate between
 * their min/mid/max points. Used by the HTML picture so a screenshot shows real colours.
 */
import { asText } from './coerce';
import { FormulaError, evaluateFormula, type Scalar } from './formula';
import type { ConditionalRuleState, GradientPointState, SheetState } from './model';
import type { SpreadsheetDocument } from './spreadsheet/document';

export interface EffectiveFormat {
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  underline?: boolean;
}

const key = (r: number, c: number) => `${r}:${c}`;

function asNumber(v: Scalar): number | null {
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.getTime() / 86400000 + 25569;
  return null;
}

function dayOf(v: Scalar): number | null {
  return v instanceof Date ? Math.floor(v.getTime() / 86400000) : null;
}

function booleanMatches(
  rule: ConditionalRuleState,
  v: Scalar,
  doc: SpreadsheetDocument,
  sheet: SheetState,
  r: number,
  c: number,
): boolean {
  const b = rule.boolean;
  if (!b) return false;
  const [a0, a1] = b.values;
  const n = asNumber(v);
  const text = v instanceof FormulaError ? v.code : v instanceof Date ? '' : String(v);
  const num = (x: unknown) => (typeof x === 'number' ? x : Number(x));
  switch (b.type) {
    case 'CELL_EMPTY':
      return v === '';
    case 'CELL_NOT_EMPTY':
      return v !== '';
    case 'NUMBER_GREATER_THAN':
      return n !== null && n > num(a0);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n !== null && n >= num(a0);
    case 'NUMBER_LESS_THAN':
      return n !== null && n < num(a0);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n !== null && n <= num(a0);
    case 'NUMBER_EQUAL_TO':
      return n !== null && n === num(a0);
    case 'NUMBER_NOT_EQUAL_TO':
      return n !== null && n !== num(a0);
    case 'NUMBER_BETWEEN':
      return n !== null && n >= Math.min(num(a0), num(a1)) && n <= Math.max(num(a0), num(a1));
    case 'NUMBER_NOT_BETWEEN':
      return n !== null && (n < Math.min(num(a0), num(a1)) || n > Math.max(num(a0), num(a1)));
    case 'TEXT_CONTAINS':
      return text.toLowerCase().includes(asText(a0).toLowerCase());
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.toLowerCase().includes(asText(a0).toLowerCase());
    case 'TEXT_EQUAL_TO':
      return text.toLowerCase() === asText(a0).toLowerCase();
    case 'TEXT_NOT_EQUAL_TO':
      return text.toLowerCase() !== asText(a0).toLowerCase();
    case 'TEXT_STARTS_WITH':
      return text.toLowerCase().startsWith(asText(a0).toLowerCase());
    case 'TEXT_ENDS_WITH':
      return text.toLowerCase().endsWith(asText(a0).toLowerCase());
    case 'DATE_AFTER':
    case 'DATE_BEFORE':
    case 'DATE_EQUAL_TO': {
      const d = dayOf(v);
      const ref = typeof a0 === 'object' ? Math.floor(a0.date / 86400000) : null;
      if (d === null || ref === null) return false;
      return b.type === 'DATE_AFTER' ? d > ref : b.type === 'DATE_BEFORE' ? d < ref : d === ref;
    }
    case 'CUSTOM_FORMULA': {
      const anchor = rule.ranges[0] ?? { row: r, col: c };
      const out = evaluateFormula(asText(a0), {
        resolver: doc.resolver(sheet),
        rowOffset: r - anchor.row,
        colOffset: c - anchor.col,
      });
      return out === true || (typeof out === 'number' && out !== 0);
    }
    default:
      return false;
  }
}

function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full =
    h.length === 3
      ? h
          .split('')
          .map((x) => x + x)
          .join('')
      : h.padEnd(6, '0');
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function mix(a: string, b: string, t: number): string {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  return (
    '#' +
    x
      .map((v, i) =>
        Math.round(v + ((y[i] ?? v) - v) * t)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  );
}

function pointValue(p: GradientPointState, sorted: number[]): number {
  const min = sorted[0] ?? 0;
  const max = sorted[sorted.length - 1] ?? min;
  switch (p.type) {
    case 'MIN':
      return min;
    case 'MAX':
      return max;
    case 'NUMBER':
      return Number(p.value);
    case 'PERCENT':
      return min + ((max - min) * Number(p.value)) / 100;
    case 'PERCENTILE': {
      const idx = ((sorted.length - 1) * Number(p.value)) / 100;
      const lo = Math.floor(idx);
      const a = sorted[lo] ?? min;
      return a + ((sorted[Math.ceil(idx)] ?? a) - a) * (idx - lo);
    }
    default:
      return min;
  }
}

export function evaluateConditionalFormats(
  doc: SpreadsheetDocument,
  sheet: SheetState,
  lastRow: number,
  lastCol: number,
): Map<string, EffectiveFormat> {
  const out = new Map<string, EffectiveFormat>();
  for (const rule of sheet.rules) {
    const cells: Array<[number, number, Scalar]> = [];
    for (const g of rule.ranges) {
      for (let r = g.row; r < g.row + g.numRows && r <= lastRow; r++)
        for (let c = g.col; c < g.col + g.numCols && c <= lastCol; c++)
          cells.push([r, c, doc.scalarAt(sheet, r, c)]);
    }
    if (rule.boolean) {
      for (const [r, c, v] of cells) {
        if (out.has(key(r, c))) continue;
        if (booleanMatches(rule, v, doc, sheet, r, c)) {
          const b = rule.boolean;
          out.set(key(r, c), {
            background: b.background,
            fontColor: b.fontColor,
            bold: b.bold,
            italic: b.italic,
            strikethrough: b.strikethrough,
            underline: b.underline,
          });
        }
      }
    } else if (rule.gradient) {
      const nums = cells
        .map(([, , v]) => asNumber(v))
        .filter((n): n is number => n !== null)
        .sort((a, b) => a - b);
      if (!nums.length) continue;
      const g = rule.gradient;
      const lo = pointValue(g.min, nums);
      const hi = pointValue(g.max, nums);
      const mid = g.mid ? pointValue(g.mid, nums) : undefined;
      for (const [r, c, v] of cells) {
        const n = asNumber(v);
        if (n === null || out.has(key(r, c))) continue;
        let color: string;
        if (g.mid && mid !== undefined) {
          color =
            n <= mid
              ? mix(g.min.color, g.mid.color, mid === lo ? 1 : Math.max(0, (n - lo) / (mid - lo)))
              : mix(g.mid.color, g.max.color, hi === mid ? 1 : Math.min(1, (n - mid) / (hi - mid)));
        } else
          color = mix(
            g.min.color,
            g.max.color,
            hi === lo ? 1 : Math.min(1, Math.max(0, (n - lo) / (hi - lo))),
          );
        out.set(key(r, c), { background: color });
      }
    }
  }
  return out;
}

export { key as formatKey };
