/**
 * A small spreadsheet formula evaluator: enough of Sheets' language for the formulas a rating
 * writes and for `whenFormulaSatisfied` conditional rules (references with or without `$`,
 * arithmetic, comparison, `&`, and common functions). Unknown functions give `#NAME?`, as Sheets
 * does for a misspelled name.
 */
import { columnIndex } from './model';

export type Scalar = string | number | boolean | Date | FormulaError;
export class FormulaError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'FormulaError';
  }
  override toString(): string {
    return this.code;
  }
}

export interface RefResolver {
  /** 1-based coordinates; sheet is null for the formula's own sheet */
  cell(sheet: string | null, row: number, col: number): Scalar;
}

type Node =
  | { k: 'lit'; v: Scalar }
  | { k: 'ref'; sheet: string | null; r1: Ref; r2?: Ref }
  | { k: 'fn'; name: string; args: Node[] }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'neg'; a: Node }
  | { k: 'pct'; a: Node };

interface Ref {
  row: number;
  col: number;
  absRow: boolean;
  absCol: boolean;
}

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"]|"")*")|((?:'[^']+'|[A-Za-z_][\w.]*)!)?(\$?[A-Za-z]{1,3}\$?\d+)|([A-Za-z_][\w.]*)|(<>|<=|>=|[-+*/^&=<>(),:;%]))/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < src.length) {
    if (/\s/.test(src[i] ?? '')) {
      i++;
      continue;
    }
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(src);
    if (!m) throw new FormulaError('#ERROR!');
    out.push(m[3] !== undefined || m[4] !== undefined ? `${m[3] ?? ''}${m[4]}` : m[0].trim());
    i = TOKEN.lastIndex;
  }
  return out;
}

function parseRef(tok: string): { sheet: string | null; ref: Ref } | null {
  const m = /^(?:('([^']+)'|[A-Za-z_][\w.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(tok);
  if (!m) return null;
  const sheet = m[1] ? (m[2] ?? m[1]) : null;
  return {
    sheet,
    ref: {
      absCol: m[3] === '$',
      col: columnIndex(m[4] ?? ''),
      absRow: m[5] === '$',
      row: Number(m[6]),
    },
  };
}

class Parser {
  private i = 0;
  constructor(private readonly t: string[]) {}
  peek(): string | undefined {
    return this.t[this.i];
  }
  next(): string {
    const tok = this.t[this.i++];
    if (tok === undefined) throw new FormulaError('#ERROR!');
    return tok;
  }
  expect(tok: string): void {
    if (this.next() !== tok) throw new FormulaError('#ERROR!');
  }
  parse(): Node {
    const n = this.cmp();
    if (this.i !== this.t.length) throw new FormulaError('#ERROR!');
    return n;
  }
  cmp(): Node {
    let a = this.concat();
    while (['=', '<>', '<', '>', '<=', '>='].includes(this.peek() ?? '')) {
      const op = this.next();
      a = { k: 'bin', op, a, b: this.concat() };
    }
    return a;
  }
  concat(): Node {
    let a = this.add();
    while (this.peek() === '&') {
      this.next();
      a = { k: 'bin', op: '&', a, b: this.add() };
    }
    return a;
  }
  add(): Node {
    let a = this.mul();
    while (this.peek() === '+' || this.peek() === '-') {
      const op = this.next();
      a = { k: 'bin', op, a, b: this.mul() };
    }
    return a;
  }
  mul(): Node {
    let a = this.pow();
    while (this.peek() === '*' || this.peek() === '/') {
      const op = this.next();
      a = { k: 'bin', op, a, b: this.pow() };
    }
    return a;
  }
  /** As in Sheets, a sign binds tighter than ^: -2^2 = 4. */
  pow(): Node {
    let a = this.unary();
    while (this.peek() === '^') {
      this.next();
      a = { k: 'bin', op: '^', a, b: this.unary() };
    }
    return a;
  }
  unary(): Node {
    if (this.peek() === '-') {
      this.next();
      return { k: 'neg', a: this.unary() };
    }
    if (this.peek() === '+') {
      this.next();
      return this.unary();
    }
    return this.postfix();
  }
  postfix(): Node {
    let a = this.primary();
    while (this.peek() === '%') {
      this.next();
      a = { k: 'pct', a };
    }
    return a;
  }
  primary(): Node {
    const tok = this.next();
    if (/^\d/.test(tok)) return { k: 'lit', v: Number(tok) };
    if (tok.startsWith('"')) return { k: 'lit', v: tok.slice(1, -1).replace(/""/g, '"') };
    if (tok === '(') {
      const n = this.cmp();
      this.expect(')');
      return n;
    }
    const ref = parseRef(tok);
    if (ref) {
      if (this.peek() === ':') {
        this.next();
        const end = parseRef(this.next());
        if (!end) throw new FormulaError('#ERROR!');
        return { k: 'ref', sheet: ref.sheet, r1: ref.ref, r2: end.ref };
      }
      return { k: 'ref', sheet: ref.sheet, r1: ref.ref };
    }
    const upper = tok.toUpperCase();
    if (this.peek() === '(') {
      this.next();
      const args: Node[] = [];
      if (this.peek() !== ')') {
        for (;;) {
          args.push(this.cmp());
          const sep = this.next();
          if (sep === ')') break;
          if (sep !== ',' && sep !== ';') throw new FormulaError('#ERROR!');
        }
      } else this.next();
      return { k: 'fn', name: upper, args };
    }
    if (upper === 'TRUE' || upper === 'FALSE') return { k: 'lit', v: upper === 'TRUE' };
    return { k: 'lit', v: new FormulaError('#NAME?') };
  }
}

type Val = Scalar | Scalar[];

export interface EvalOptions {
  resolver: RefResolver;
  /** shift of relative references (conditional rules are written for the range's top-left) */
  rowOffset?: number;
  colOffset?: number;
}

function num(v: Scalar): number | FormulaError {
  if (v instanceof FormulaError) return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime() / 86400000 + 25569;
  if (v === '') return 0;
  const n = Number(v);
  return Number.isFinite(n) ? n : new FormulaError('#VALUE!');
}

function str(v: Scalar): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function truthy(v: Scalar): boolean | FormulaError {
  if (v instanceof FormulaError) return v;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v === '') return false;
  const u = String(v).toUpperCase();
  if (u === 'TRUE') return true;
  if (u === 'FALSE') return false;
  return new FormulaError('#VALUE!');
}

function compare(a: Scalar, b: Scalar): number {
  const rank = (v: Scalar) =>
    typeof v === 'number' || v instanceof Date ? 0 : typeof v === 'string' ? 1 : 2;
  const blankA = a === '';
  const blankB = b === '';
  if (blankA && typeof b === 'number') a = 0;
  if (blankB && typeof a === 'number') b = 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string' && typeof b === 'string')
    return a.toLowerCase().localeCompare(b.toLowerCase());
  const x = num(a) as number;
  const y = num(b) as number;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function evaluateFormula(formula: string, opts: EvalOptions): Scalar {
  try {
    const src = formula.startsWith('=') ? formula.slice(1) : formula;
    const ast = new Parser(tokenize(src)).parse();
    const v = ev(ast, opts);
    return Array.isArray(v) ? (v[0] ?? '') : v;
  } catch (e) {
    if (e instanceof FormulaError) return e;
    throw e;
  }
}

function refCells(n: Extract<Node, { k: 'ref' }>, o: EvalOptions): Scalar[] {
  const shift = (r: Ref) => ({
    row: r.absRow ? r.row : r.row + (o.rowOffset ?? 0),
    col: r.absCol ? r.col : r.col + (o.colOffset ?? 0),
  });
  const a = shift(n.r1);
  const b = n.r2 ? shift(n.r2) : a;
  const out: Scalar[] = [];
  for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++)
    for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) {
      if (r < 1 || c < 1) throw new FormulaError('#REF!');
      out.push(o.resolver.cell(n.sheet, r, c));
    }
  return out;
}

function scalar(v: Val): Scalar {
  return Array.isArray(v) ? (v[0] ?? '') : v;
}

function flat(args: Node[], o: EvalOptions): Scalar[] {
  const out: Scalar[] = [];
  for (const a of args) {
    const v = ev(a, o);
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
}

function ev(n: Node, o: EvalOptions): Val {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'ref': {
      const cells = refCells(n, o);
      return n.r2 ? cells : (cells[0] ?? '');
    }
    case 'neg': {
      const x = num(scalar(ev(n.a, o)));
      return x instanceof FormulaError ? x : -x;
    }
    case 'pct': {
      const x = num(scalar(ev(n.a, o)));
      return x instanceof FormulaError ? x : x / 100;
    }
    case 'bin': {
      const a = scalar(ev(n.a, o));
      const b = scalar(ev(n.b, o));
      if (a instanceof FormulaError) return a;
      if (b instanceof FormulaError) return b;
      if (n.op === '&') return str(a) + str(b);
      if (['=', '<>', '<', '>', '<=', '>='].includes(n.op)) {
        const c = compare(a, b);
        return { '=': c === 0, '<>': c !== 0, '<': c < 0, '>': c > 0, '<=': c <= 0, '>=': c >= 0 }[
          n.op
        ]!;
      }
      const x = num(a);
      const y = num(b);
      if (x instanceof FormulaError) return x;
      if (y instanceof FormulaError) return y;
      switch (n.op) {
        case '+':
          return x + y;
        case '-':
          return x - y;
        case '*':
          return x * y;
        case '/':
          return y === 0 ? new FormulaError('#DIV/0!') : x / y;
        case '^':
          return Math.pow(x, y);
      }
      return new FormulaError('#ERROR!');
    }
    case 'fn':
      return callFn(n.name, n.args, o);
  }
}

/** A reference argument as a grid (INDEX and MATCH need its shape); null when it is no reference. */
function refGrid(
  n: Node | undefined,
  o: EvalOptions,
): { rows: number; cols: number; cells: Scalar[] } | null {
  if (n?.k !== 'ref') return null;
  const rowOf = (r: Ref) => (r.absRow ? r.row : r.row + (o.rowOffset ?? 0));
  const colOf = (r: Ref) => (r.absCol ? r.col : r.col + (o.colOffset ?? 0));
  const r2 = n.r2 ?? n.r1;
  return {
    rows: Math.abs(rowOf(r2) - rowOf(n.r1)) + 1,
    cols: Math.abs(colOf(r2) - colOf(n.r1)) + 1,
    cells: refCells(n, o),
  };
}

/**
 * MATCH's exact mode on text: case-insensitive, with Sheets' wildcards — `*` any run, `?` one
 * character, `~` escaping the next — so a name holding `*` must be escaped by the formula.
 */
function wildcardTest(pattern: string): (s: string) => boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '~' && i + 1 < pattern.length)
      re += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '*') re += '[\\s\\S]*';
    else if (ch === '?') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const rx = new RegExp(`^${re}$`, 'i');
  return (s) => rx.test(s);
}

function callFn(name: string, args: Node[], o: EvalOptions): Val {
  const nums = () => {
    const out: number[] = [];
    for (const v of flat(args, o)) {
      if (v instanceof FormulaError) throw v;
      if (typeof v === 'number') out.push(v);
    }
    return out;
  };
  const arg = (i: number): Scalar => (args[i] ? scalar(ev(args[i], o)) : '');
  switch (name) {
    case 'SUM':
      return nums().reduce((s, x) => s + x, 0);
    case 'AVERAGE': {
      const xs = nums();
      return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : new FormulaError('#DIV/0!');
    }
    case 'MIN': {
      const xs = nums();
      return xs.length ? Math.min(...xs) : 0;
    }
    case 'MAX': {
      const xs = nums();
      return xs.length ? Math.max(...xs) : 0;
    }
    case 'COUNT':
      return nums().length;
    case 'COUNTA':
      return flat(args, o).filter((v) => v !== '').length;
    case 'ABS': {
      const x = num(arg(0));
      return x instanceof FormulaError ? x : Math.abs(x);
    }
    case 'ROUND': {
      const x = num(arg(0));
      const d = args[1] ? num(arg(1)) : 0;
      if (x instanceof FormulaError) return x;
      if (d instanceof FormulaError) return d;
      const f = Math.pow(10, d);
      return Math.round(x * f) / f;
    }
    case 'IF': {
      const c = truthy(arg(0));
      if (c instanceof FormulaError) return c;
      return c ? arg(1) : args[2] ? arg(2) : false;
    }
    case 'IFERROR': {
      const v = arg(0);
      return v instanceof FormulaError ? arg(1) : v;
    }
    case 'AND':
    case 'OR': {
      const bs = flat(args, o).map(truthy);
      const err = bs.find((b) => b instanceof FormulaError);
      if (err) return err;
      return name === 'AND' ? bs.every((b) => b === true) : bs.some((b) => b === true);
    }
    case 'NOT': {
      const b = truthy(arg(0));
      return b instanceof FormulaError ? b : !b;
    }
    case 'ISBLANK':
      return arg(0) === '';
    case 'LEN':
      return str(arg(0)).length;
    case 'CONCATENATE':
      return flat(args, o).map(str).join('');
    case 'HYPERLINK':
      return args[1] ? arg(1) : arg(0);
    case 'INDEX': {
      // INDEX(reference, row, [column]): 1-based inside the reference; outside it, #REF!
      const g = refGrid(args[0], o);
      if (!g) return new FormulaError('#REF!');
      const r = num(arg(1));
      const c = args[2] ? num(arg(2)) : g.cols === 1 ? 1 : new FormulaError('#REF!');
      if (r instanceof FormulaError) return r;
      if (c instanceof FormulaError) return c;
      const row = Math.trunc(r);
      const col = Math.trunc(c);
      if (row < 1 || col < 1 || row > g.rows || col > g.cols) return new FormulaError('#REF!');
      return g.cells[(row - 1) * g.cols + (col - 1)] ?? '';
    }
    case 'MATCH': {
      // MATCH(key, one row or column, 0): the first equal value's position, else #N/A; only the
      // exact mode is evaluated here (the sorted modes are not used by the product)
      const key = arg(0);
      if (key instanceof FormulaError) return key;
      const g = refGrid(args[1], o);
      if (!g || (g.rows > 1 && g.cols > 1)) return new FormulaError('#N/A');
      const type = args[2] ? num(arg(2)) : 1;
      if (type instanceof FormulaError) return type;
      if (type !== 0) return new FormulaError('#NAME?');
      const wild = typeof key === 'string' ? wildcardTest(key) : null;
      const at = g.cells.findIndex((v) =>
        wild
          ? typeof v === 'string' && wild(v)
          : !(v instanceof FormulaError) && typeof v !== 'string' && compare(v, key) === 0,
      );
      return at < 0 ? new FormulaError('#N/A') : at + 1;
    }
    case 'SUBSTITUTE': {
      // every occurrence (the optional occurrence number is not used by the product)
      if (args[3]) return new FormulaError('#NAME?');
      const text = arg(0);
      const find = arg(1);
      const by = arg(2);
      for (const v of [text, find, by]) if (v instanceof FormulaError) return v;
      const f = str(find);
      return f ? str(text).split(f).join(str(by)) : str(text);
    }
    default:
      return new FormulaError('#NAME?');
  }
}
