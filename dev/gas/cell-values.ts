/**
 * How Sheets turns what `setValues` receives into cell content, and cell content into text.
 *
 * `Range.setValues` parses strings as if a user typed them (Sheets API ValueInputOption
 * USER_ENTERED, the mode Apps Script uses): `=…` becomes a formula, a leading `+`/`-` starts a
 * formula too, numeric text becomes a number, TRUE/FALSE become booleans, and a leading
 * apostrophe forces text (the apostrophe itself is not stored). A cell formatted as plain text
 * (`@`) keeps the string as typed. [RANGE] setValues; Sheets API ValueInputOption.
 */
import { asText } from './coerce';
import type { CellState, CellValue } from './model';
import { isDate } from './host';
import { zonedParts, zonedToUtc } from './zoned-time';

export interface Written {
  v?: CellValue;
  f?: string;
}

const NUMERIC = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

export function parseUserEntered(s: string, numberFormat: string | undefined, tz: string): Written {
  if (numberFormat === '@') return { v: s };
  if (s === '') return { v: '' };
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (s.startsWith('=') && s.length > 1) return { f: s };
  const trimmed = s.trim();
  if (NUMERIC.test(trimmed)) return { v: Number(trimmed.replace(',', '.')) };
  if (/^[+-]?\d+([.,]\d+)?%$/.test(trimmed))
    return { v: Number(trimmed.slice(0, -1).replace(',', '.')) / 100 };
  if (/^(true|false)$/i.test(trimmed)) return { v: trimmed.toLowerCase() === 'true' };
  // Typed "+7 900 …" or "- x" is read by Sheets as the start of a formula.
  if ((s.startsWith('+') || s.startsWith('-')) && s.length > 1) return { f: '=' + s };
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(trimmed);
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(trimmed);
  if (iso)
    return {
      v: {
        date: zonedToUtc(
          tz,
          +(iso[1] ?? 0),
          +(iso[2] ?? 0),
          +(iso[3] ?? 0),
          +(iso[4] ?? 0),
          +(iso[5] ?? 0),
          +(iso[6] ?? 0),
        ),
      },
    };
  if (ru)
    return {
      v: {
        date: zonedToUtc(
          tz,
          +(ru[3] ?? 0),
          +(ru[2] ?? 0),
          +(ru[1] ?? 0),
          +(ru[4] ?? 0),
          +(ru[5] ?? 0),
          +(ru[6] ?? 0),
        ),
      },
    };
  return { v: s };
}

/** A JS value handed to setValues/setValue → cell content. */
export function fromJs(value: unknown, numberFormat: string | undefined, tz: string): Written {
  if (value === null || value === undefined) return { v: '' };
  if (typeof value === 'number') return { v: Number.isFinite(value) ? value : String(value) };
  if (typeof value === 'boolean') return { v: value };
  if (isDate(value)) return { v: { date: value.getTime() } };
  return parseUserEntered(asText(value), numberFormat, tz);
}

interface Locale {
  decimal: string;
  group: string;
}

export function localeOf(locale: string): Locale {
  return /^(ru|de|fr|es|it|pt|uk)/i.test(locale)
    ? { decimal: ',', group: '\u00a0' }
    : { decimal: '.', group: ',' };
}

function groupDigits(int: string, group: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

function formatGeneral(n: number, loc: Locale): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const s = String(Number(n.toPrecision(10)));
  return s.replace('.', loc.decimal);
}

function formatNumberPattern(n: number, pattern: string, loc: Locale): string {
  const sections = pattern.split(';');
  let p = sections[0] ?? '';
  let value = n;
  if (n < 0 && sections[1] !== undefined) {
    p = sections[1];
    value = -n;
  } else if (n === 0 && sections[2] !== undefined) p = sections[2];
  const literals: string[] = [];
  const masked = p.replace(
    /"([^"]*)"|\\(.)/g,
    (_m, q: string | undefined, e: string | undefined) => {
      literals.push(q ?? e ?? '');
      return `\uE000${literals.length - 1}\uE000`;
    },
  );
  const percent = masked.includes('%');
  if (percent) value *= 100;
  const core = /[0#?][0#?,]*(?:\.[0#?]*)?/.exec(masked);
  if (!core) return masked.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => literals[+i] ?? '');
  const spec = core[0];
  const decimals = (spec.split('.')[1] ?? '').replace(/[^0#?]/g, '');
  const minDec = (decimals.match(/0/g) ?? []).length;
  const maxDec = decimals.length;
  const grouping = (spec.split('.')[0] ?? '').includes(',');
  const neg = value < 0;
  let fixed = Math.abs(value).toFixed(maxDec);
  if (maxDec > minDec)
    fixed = fixed.replace(new RegExp(`0{1,${maxDec - minDec}}$`), '').replace(/\.$/, '');
  const parts = fixed.split('.');
  let int = parts[0] ?? '';
  const frac = parts[1];
  const minInt = ((spec.split('.')[0] ?? '').match(/0/g) ?? []).length;
  if (int === '0' && minInt === 0) int = '';
  if (grouping) int = groupDigits(int, loc.group);
  const body =
    (neg && sections[1] === undefined ? '-' : '') + int + (frac ? loc.decimal + frac : '');
  return masked
    .replace(spec, body)
    .replace(/\uE000(\d+)\uE000/g, (_m, i: string) => literals[+i] ?? '');
}

const MONTHS_RU = [
  'янв.',
  'февр.',
  'мар.',
  'апр.',
  'мая',
  'июн.',
  'июл.',
  'авг.',
  'сент.',
  'окт.',
  'нояб.',
  'дек.',
];

function formatDatePattern(ms: number, pattern: string, tz: string): string {
  const z = zonedParts(ms, tz);
  const pad = (x: number, w = 2) => String(x).padStart(w, '0');
  const tokens =
    pattern.match(/yyyy|yy|mmmm|mmm|MMMM|MMM|MM|M|mm|m|dd|d|HH|H|hh|h|ss|s|"[^"]*"|./g) ?? [];
  // Sheets reads m/mm as minutes when the previous date-time item was an hour or the next one is
  // seconds, else as the month (developers.google.com/sheets/guides/formats); literals between
  // them (":", " ", quoted text) do not count
  const kind = (t: string): string | null => {
    const low = t.toLowerCase();
    if (/^(yyyy|yy)$/.test(low)) return 'y';
    if (/^m{1,4}$/.test(low)) return 'm';
    if (/^(dd|d)$/.test(low)) return 'd';
    if (/^(hh|h)$/.test(low)) return 'h';
    if (/^(ss|s)$/.test(low)) return 's';
    return null;
  };
  const items = tokens.map((t, i) => ({ t, i, k: kind(t) })).filter((x) => x.k !== null);
  const minuteAt = new Set<number>();
  items.forEach((x, j) => {
    if (x.k !== 'm' || x.t.length > 2) return;
    if (items[j - 1]?.k === 'h' || items[j + 1]?.k === 's') minuteAt.add(x.i);
  });
  let out = '';
  tokens.forEach((t, i) => {
    const low = t.toLowerCase();
    if (low === 'yyyy') out += z.year;
    else if (low === 'yy') out += pad(z.year % 100);
    else if (low === 'mmm' || low === 'mmmm') out += MONTHS_RU[z.month - 1];
    else if (low === 'mm' || low === 'm') {
      const value = minuteAt.has(i) ? z.minute : z.month;
      out += low === 'mm' ? pad(value) : value;
    } else if (low === 'dd') out += pad(z.day);
    else if (low === 'd') out += z.day;
    else if (low === 'hh') out += pad(z.hour);
    else if (low === 'h') out += z.hour;
    else if (low === 'ss') out += pad(z.second);
    else if (low === 's') out += z.second;
    else if (t.startsWith('"')) out += t.slice(1, -1);
    else out += t;
  });
  return out;
}

export function isDatePattern(nf: string): boolean {
  // outside quoted text, a number format has no letters but E (scientific): any of these is a date
  return /[dyhms]/i.test(nf.replace(/"[^"]*"/g, ''));
}

/** The text a user sees in a cell (Range.getDisplayValues). */
export function displayText(
  cell: CellState | null,
  value: unknown,
  tz: string,
  locale: string,
): string {
  const nf = cell?.nf;
  const loc = localeOf(locale);
  if (value === '' || value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value))
    return formatDatePattern(
      value.getTime(),
      nf && isDatePattern(nf) ? nf : 'dd.MM.yyyy H:mm:ss',
      tz,
    );
  if (typeof value === 'number') {
    if (nf && nf !== '@' && nf.toLowerCase() !== 'general') {
      if (isDatePattern(nf)) return formatDatePattern((value - 25569) * 86400000, nf, tz);
      return formatNumberPattern(value, nf, loc);
    }
    return formatGeneral(value, loc);
  }
  return asText(value);
}
