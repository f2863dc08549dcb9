/**
 * Inserting or deleting rows and columns moves everything anchored to them, as in Sheets: merges,
 * conditional-format ranges, protected and unprotected ranges, the filter, named ranges, chart
 * ranges and anchors, row heights and column widths. A range that loses all its rows (or columns)
 * disappears — a rule with no ranges left, a merge, a range protection — and one that loses some
 * shrinks. Without this a test that inserts a row into a rating sheet would see the product
 * "survive" a change Sheets would have made differently.
 */
import type { GridRange, SheetState, SpreadsheetState } from '../model';

export type Axis = 'row' | 'col';

interface Span {
  start: number;
  size: number;
}

function spanOf(g: GridRange, axis: Axis): Span {
  return axis === 'row' ? { start: g.row, size: g.numRows } : { start: g.col, size: g.numCols };
}

function withSpan(g: GridRange, axis: Axis, s: Span): GridRange {
  return axis === 'row'
    ? { ...g, row: s.start, numRows: s.size }
    : { ...g, col: s.start, numCols: s.size };
}

/** `count` lines inserted before line `at` (1-based): lines at or after it move down. */
function insertInto(s: Span, at: number, count: number): Span {
  if (at <= s.start) return { start: s.start + count, size: s.size };
  if (at < s.start + s.size) return { start: s.start, size: s.size + count };
  return s;
}

/** Lines at..at+count-1 deleted; null when the span is gone entirely. */
function deleteFrom(s: Span, at: number, count: number): Span | null {
  const end = s.start + s.size; // exclusive
  const delEnd = at + count;
  const kept = Math.max(0, at - s.start) + Math.max(0, end - Math.max(delEnd, s.start));
  const keptSize = Math.min(s.size, kept);
  if (keptSize <= 0) return null;
  const start = s.start < at ? s.start : Math.max(at, s.start - count);
  return { start, size: keptSize };
}

function moveRange(
  g: GridRange,
  axis: Axis,
  at: number,
  count: number,
  op: 'insert' | 'delete',
): GridRange | null {
  const s = spanOf(g, axis);
  const moved = op === 'insert' ? insertInto(s, at, count) : deleteFrom(s, at, count);
  return moved ? withSpan(g, axis, moved) : null;
}

function moveAll(
  list: GridRange[],
  axis: Axis,
  at: number,
  count: number,
  op: 'insert' | 'delete',
): GridRange[] {
  const out: GridRange[] = [];
  for (const g of list) {
    const m = moveRange(g, axis, at, count, op);
    if (m) out.push(m);
  }
  return out;
}

function moveSizes(
  sizes: Record<number, number>,
  at: number,
  count: number,
  op: 'insert' | 'delete',
): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [k, v] of Object.entries(sizes)) {
    const i = Number(k);
    if (i < at) out[i] = v;
    else if (op === 'insert') out[i + count] = v;
    else if (i >= at + count) out[i - count] = v;
  }
  return out;
}

/** Applies an insertion or deletion of lines on `sheet` to what is anchored to them. */
export function shiftAnchored(
  doc: SpreadsheetState,
  sheet: SheetState,
  axis: Axis,
  at: number,
  count: number,
  op: 'insert' | 'delete',
): void {
  const mine = (g: GridRange) => g.sheetId === sheet.id;
  sheet.merges = moveAll(sheet.merges, axis, at, count, op).filter(
    (m) => m.numRows * m.numCols > 1,
  );
  sheet.rules = sheet.rules
    .map((r) => ({ ...r, ranges: moveAll(r.ranges, axis, at, count, op) }))
    .filter((r) => r.ranges.length > 0);
  sheet.protections = sheet.protections.flatMap((p) => {
    const unprotected = moveAll(p.unprotected, axis, at, count, op);
    if (!p.range) return [{ ...p, unprotected }];
    const range = moveRange(p.range, axis, at, count, op);
    return range ? [{ ...p, range, unprotected }] : [];
  });
  if (sheet.filter) {
    const f = moveRange(sheet.filter, axis, at, count, op);
    if (f) sheet.filter = f;
    else delete sheet.filter;
  }
  for (const c of sheet.charts) {
    c.ranges = c.ranges
      .map((g) => (mine(g) ? moveRange(g, axis, at, count, op) : g))
      .filter((g): g is GridRange => g !== null);
    const anchor = axis === 'row' ? c.position.row : c.position.col;
    const next = moveLine(anchor, at, count, op);
    if (axis === 'row') c.position.row = next;
    else c.position.col = next;
  }
  doc.namedRanges = doc.namedRanges.flatMap((n) => {
    if (!mine(n.range)) return [n];
    const range = moveRange(n.range, axis, at, count, op);
    return range ? [{ ...n, range }] : [];
  });
  if (axis === 'row') sheet.rowHeights = moveSizes(sheet.rowHeights, at, count, op);
  else sheet.colWidths = moveSizes(sheet.colWidths, at, count, op);
  if (axis === 'row') sheet.frozenRows = frozenAfter(sheet.frozenRows, at, count, op);
  else sheet.frozenCols = frozenAfter(sheet.frozenCols, at, count, op);
}

/** Where a single anchored line (a chart's corner) ends up; a deleted one moves to `at`. */
function moveLine(line: number, at: number, count: number, op: 'insert' | 'delete'): number {
  if (line < at) return line;
  if (op === 'insert') return line + count;
  return line >= at + count ? line - count : at;
}

/** Lines inserted inside the frozen band widen it; deleted frozen lines narrow it. */
function frozenAfter(frozen: number, at: number, count: number, op: 'insert' | 'delete'): number {
  if (frozen === 0 || at > frozen) return frozen;
  if (op === 'insert') return frozen + count;
  return frozen - (Math.min(frozen, at + count - 1) - at + 1);
}
