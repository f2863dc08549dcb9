/**
 * Export to .xlsx with exceljs: values (formulas with their computed results), number formats,
 * bold/italic, backgrounds, font colours, notes, frozen panes, column widths, merges and the
 * conditional formatting rules as native Excel rules.
 */
import ExcelJS from 'exceljs';
import { FormulaError } from './formula';
import { a1Of, columnLetter, type ConditionalRuleState, type SpreadsheetState } from './model';
import { offlineDocument } from './offline-document';
import { zonedParts } from './zoned-time';

const argb = (hex: string) => 'FF' + hex.replace('#', '').toUpperCase().padEnd(6, '0').slice(0, 6);

const OPERATORS: Record<string, string> = {
  NUMBER_GREATER_THAN: 'greaterThan',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'greaterThanOrEqual',
  NUMBER_LESS_THAN: 'lessThan',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'lessThanOrEqual',
  NUMBER_EQUAL_TO: 'equal',
  NUMBER_NOT_EQUAL_TO: 'notEqual',
  NUMBER_BETWEEN: 'between',
  NUMBER_NOT_BETWEEN: 'notBetween',
};

const CFVO: Record<string, string> = {
  MIN: 'min',
  MAX: 'max',
  NUMBER: 'num',
  PERCENT: 'percent',
  PERCENTILE: 'percentile',
};

function toExcelRule(
  rule: ConditionalRuleState,
  priority: number,
): ExcelJS.ConditionalFormattingRule | null {
  const top = rule.ranges[0];
  if (!top) return null;
  const topLeft = `${columnLetter(top.col)}${top.row}`;
  if (rule.gradient) {
    const g = rule.gradient;
    const pts = [g.min, ...(g.mid ? [g.mid] : []), g.max];
    return {
      type: 'colorScale',
      priority,
      cfvo: pts.map((p) =>
        p.type === 'MIN' || p.type === 'MAX'
          ? { type: CFVO[p.type] }
          : { type: CFVO[p.type], value: Number(p.value) },
      ) as ExcelJS.Cvfo[],
      color: pts.map((p) => ({ argb: argb(p.color) })),
    };
  }
  const b = rule.boolean;
  if (!b) return null;
  const style: Partial<ExcelJS.Style> = {};
  if (b.background)
    style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(b.background) } };
  if (b.fontColor || b.bold || b.italic || b.strikethrough) {
    style.font = {
      ...(b.fontColor ? { color: { argb: argb(b.fontColor) } } : {}),
      ...(b.bold ? { bold: true } : {}),
      ...(b.italic ? { italic: true } : {}),
      ...(b.strikethrough ? { strike: true } : {}),
    };
  }
  const values = b.values.map((v) => (typeof v === 'object' ? v.date / 86400000 + 25569 : v));
  if (OPERATORS[b.type]) {
    return {
      type: 'cellIs',
      operator: OPERATORS[b.type],
      formulae: values,
      priority,
      style,
    } as ExcelJS.CellIsRuleType;
  }
  const q = (s: unknown) => `"${String(s).replace(/"/g, '""')}"`;
  const expr: Record<string, string> = {
    CELL_EMPTY: `LEN(TRIM(${topLeft}))=0`,
    CELL_NOT_EMPTY: `LEN(TRIM(${topLeft}))>0`,
    TEXT_CONTAINS: `NOT(ISERROR(SEARCH(${q(values[0])},${topLeft})))`,
    TEXT_DOES_NOT_CONTAIN: `ISERROR(SEARCH(${q(values[0])},${topLeft}))`,
    TEXT_STARTS_WITH: `LEFT(${topLeft},LEN(${q(values[0])}))=${q(values[0])}`,
    TEXT_ENDS_WITH: `RIGHT(${topLeft},LEN(${q(values[0])}))=${q(values[0])}`,
    TEXT_EQUAL_TO: `${topLeft}=${q(values[0])}`,
    TEXT_NOT_EQUAL_TO: `${topLeft}<>${q(values[0])}`,
    DATE_AFTER: `${topLeft}>${values[0]}`,
    DATE_BEFORE: `${topLeft}<${values[0]}`,
    DATE_EQUAL_TO: `INT(${topLeft})=${values[0]}`,
    CUSTOM_FORMULA: String(values[0] ?? '').replace(/^=/, ''),
  };
  const formula = expr[b.type];
  if (!formula) return null;
  return { type: 'expression', formulae: [formula], priority, style };
}

/**
 * A date cell as the spreadsheet shows it: its wall-clock time in the spreadsheet's zone. An
 * xlsx date has no zone (a serial day number), so the instant is written as that local time.
 */
function wallClock(ms: number, timeZone: string): Date {
  const offset = zonedParts(ms, timeZone).offsetMinutes;
  return new Date(ms + offset * 60000);
}

export function spreadsheetToWorkbook(state: SpreadsheetState): ExcelJS.Workbook {
  const doc = offlineDocument(state);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Manager rating';
  for (const sheet of state.sheets) {
    const ws = wb.addWorksheet(sheet.name.slice(0, 31), {
      state: sheet.hidden ? 'hidden' : 'visible',
      views:
        sheet.frozenRows || sheet.frozenCols
          ? [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: sheet.frozenCols }]
          : [],
      properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : undefined,
    });
    for (const [col, px] of Object.entries(sheet.colWidths))
      ws.getColumn(Number(col)).width = Math.round((px / 7) * 10) / 10;
    sheet.rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        if (!cell) return;
        const xc = ws.getCell(r + 1, c + 1);
        const scalar = doc.scalarAt(sheet, r + 1, c + 1);
        const result = scalar instanceof FormulaError ? { error: scalar.code } : scalar;
        if (cell.f)
          xc.value = { formula: cell.f.replace(/^=/, ''), result } as ExcelJS.CellFormulaValue;
        else if (cell.v !== undefined)
          xc.value = typeof cell.v === 'object' ? wallClock(cell.v.date, state.timeZone) : cell.v;
        if (cell.nf && cell.nf !== '@') xc.numFmt = cell.nf;
        if (cell.nf === '@') xc.numFmt = '@';
        if (cell.b || cell.it || cell.fc || cell.fs) {
          xc.font = {
            ...(cell.b ? { bold: true } : {}),
            ...(cell.it ? { italic: true } : {}),
            ...(cell.fc ? { color: { argb: argb(cell.fc) } } : {}),
            ...(cell.fs ? { size: cell.fs } : {}),
          };
        }
        if (cell.bg)
          xc.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(cell.bg) } };
        if (cell.ha || cell.wrap || cell.va) {
          xc.alignment = {
            ...(cell.ha ? { horizontal: cell.ha as ExcelJS.Alignment['horizontal'] } : {}),
            ...(cell.va
              ? {
                  vertical: (cell.va === 'middle'
                    ? 'middle'
                    : cell.va) as ExcelJS.Alignment['vertical'],
                }
              : {}),
            ...(cell.wrap ? { wrapText: true } : {}),
          };
        }
        if (cell.note) xc.note = cell.note;
      });
    });
    for (const m of sheet.merges)
      ws.mergeCells(m.row, m.col, m.row + m.numRows - 1, m.col + m.numCols - 1);
    sheet.rules.forEach((rule, i) => {
      const x = toExcelRule(rule, i + 1);
      if (!x) return;
      ws.addConditionalFormatting({ ref: rule.ranges.map((g) => a1Of(g)).join(' '), rules: [x] });
    });
  }
  // the file opens where the spreadsheet does (a hidden sheet can never be the active one)
  const active = state.sheets.findIndex((x) => x.id === state.activeSheetId && !x.hidden);
  const first = active >= 0 ? active : state.sheets.findIndex((x) => !x.hidden);
  wb.views = [
    {
      x: 0,
      y: 0,
      width: 20000,
      height: 12000,
      firstSheet: Math.max(0, first),
      activeTab: Math.max(0, first),
      visibility: 'visible',
    },
  ];
  return wb;
}

export async function writeXlsx(state: SpreadsheetState, file: string): Promise<void> {
  await spreadsheetToWorkbook(state).xlsx.writeFile(file);
}
