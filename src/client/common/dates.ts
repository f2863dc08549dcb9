/** Local dates in the account's zone, in the browser (Intl), for the pages' defaults. */

/** 'YYYY-MM-DD' of the instant in the zone. */
export function localDay(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The 1st of the month after the instant's month, 'YYYY-MM-DD'. */
export function nextMonthStart(ms: number, timeZone: string): string {
  const [y, m] = localDay(ms, timeZone).split('-').map(Number);
  const idx = (y ?? 1970) * 12 + (m ?? 1); // m is 1-based: idx is next month's 0-based index
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}-01`;
}
