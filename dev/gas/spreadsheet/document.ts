/** The spreadsheet document: its state plus what every view needs (values with formulas evaluated). */
import type { Host } from '../host';
import { evaluateFormula, FormulaError, type Scalar } from '../formula';
import { getCell, type CellState, type SheetState, type SpreadsheetState } from '../model';

export const MAX_CELLS = 10_000_000;

export class SpreadsheetDocument {
  private evaluating = new Set<string>();
  constructor(
    readonly host: Host,
    public state: SpreadsheetState,
  ) {}

  sheetById(id: number): SheetState {
    const s = this.state.sheets.find((x) => x.id === id);
    if (!s) this.host.fail('The sheet has been deleted.');
    return s;
  }

  sheetByName(name: string): SheetState | undefined {
    return this.state.sheets.find((x) => x.name === name);
  }

  /** a Sheet view of the given id (set by SpreadsheetView, which owns the Sheet class) */
  sheetView: (id: number) => unknown = () => null;

  nextId(): number {
    return this.state.nextId++;
  }

  /** Sheets refuses to grow a spreadsheet past 10 million cells, all sheets together. [§1.7] */
  assertCellRoom(added: number): void {
    let cells = 0;
    for (const s of this.state.sheets) cells += s.maxRows * s.maxCols;
    if (cells + added > MAX_CELLS)
      this.host.fail(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
      );
  }

  /** The value a formula or getValues sees, as a host-realm scalar (Dates as host Dates). */
  scalarAt(sheet: SheetState, row: number, col: number): Scalar {
    const cell = getCell(sheet, row - 1, col - 1);
    return this.cellScalar(sheet, cell, row, col);
  }

  cellScalar(sheet: SheetState, cell: CellState | null, row: number, col: number): Scalar {
    if (!cell) return '';
    if (cell.f) {
      const key = `${sheet.id}:${row}:${col}`;
      if (this.evaluating.has(key)) return new FormulaError('#REF!');
      this.evaluating.add(key);
      try {
        return evaluateFormula(cell.f, { resolver: this.resolver(sheet) });
      } finally {
        this.evaluating.delete(key);
      }
    }
    const v = cell.v;
    if (v === undefined) return '';
    if (typeof v === 'object') return new Date(v.date);
    return v;
  }

  resolver(sheet: SheetState) {
    return {
      cell: (name: string | null, r: number, c: number): Scalar => {
        const target = name === null ? sheet : this.sheetByName(name);
        if (!target) return new FormulaError('#REF!');
        return this.scalarAt(target, r, c);
      },
    };
  }

  /** Scalar → what getValues returns inside the bundle. */
  toBundle(v: Scalar): unknown {
    if (v instanceof FormulaError) return v.code;
    if (v instanceof Date) return this.host.makeDate(v.getTime());
    return v;
  }
}
