/** Java SimpleDateFormat patterns, as `Utilities.formatDate` uses them. [UTIL] */
import { zonedParts, zonedToUtc } from './zoned-time';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function offset(mins: number, style: 'Z' | 'X' | 'XXX'): string {
  if (style !== 'Z' && mins === 0) return 'Z';
  const sign = mins < 0 ? '-' : '+';
  const a = Math.abs(mins);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  return style === 'XXX'
    ? `${sign}${hh}:${mm}`
    : style === 'X'
      ? `${sign}${hh}`
      : `${sign}${hh}${mm}`;
}

export function formatSimpleDate(ms: number, tz: string, pattern: string): string {
  const z = zonedParts(ms, tz);
  const tokens = pattern.match(/'[^']*'|''|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  return tokens
    .map((t) => {
      if (t === "''") return "'";
      if (t.startsWith("'")) return t.slice(1, -1);
      const ch = t[0];
      const n = t.length;
      const pad = (v: number) => String(v).padStart(n, '0');
      switch (ch) {
        case 'y':
          return n === 2 ? String(z.year % 100).padStart(2, '0') : pad(z.year);
        case 'Y':
          return pad(z.year);
        case 'M':
          return n >= 4
            ? (MONTHS[z.month - 1] ?? '')
            : n === 3
              ? (MONTHS[z.month - 1] ?? '').slice(0, 3)
              : pad(z.month);
        case 'd':
          return pad(z.day);
        case 'H':
          return pad(z.hour);
        case 'k':
          return pad(z.hour === 0 ? 24 : z.hour);
        case 'h':
          return pad(z.hour % 12 === 0 ? 12 : z.hour % 12);
        case 'm':
          return pad(z.minute);
        case 's':
          return pad(z.second);
        case 'S':
          return String(z.millisecond).padStart(3, '0').slice(0, Math.max(n, 3));
        case 'E':
          return n >= 4 ? (DAYS[z.weekday - 1] ?? '') : (DAYS[z.weekday - 1] ?? '').slice(0, 3);
        case 'u':
          return String(z.weekday);
        case 'a':
          return z.hour < 12 ? 'AM' : 'PM';
        case 'Z':
          return offset(z.offsetMinutes, 'Z');
        case 'X':
          return offset(z.offsetMinutes, n >= 3 ? 'XXX' : 'X');
        case 'z':
          return n >= 4 ? tz : `GMT${offset(z.offsetMinutes, 'XXX')}`;
        default:
          return t;
      }
    })
    .join('');
}

/** The subset of SimpleDateFormat parsing the product needs: numeric fields only. */
export function parseSimpleDate(text: string, tz: string, pattern: string): number | null {
  const fields: string[] = [];
  const re = pattern.replace(
    /'[^']*'|([yMdHms])\1*|[.*+?^${}()|[\]\\]/g,
    (t: string, ch: string | undefined) => {
      if (ch) {
        fields.push(ch);
        return '(\\d+)';
      }
      return t.startsWith("'") ? t.slice(1, -1) : `\\${t}`;
    },
  );
  const m = new RegExp(`^${re}$`).exec(text.trim());
  if (!m) return null;
  const v: Record<string, number> = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0 };
  fields.forEach((f, i) => (v[f] = Number(m[i + 1])));
  const f = (k: string) => v[k] ?? 0;
  return zonedToUtc(tz, f('y'), f('M'), f('d'), f('H'), f('m'), f('s'));
}
