/** The account zone's UTC offset from Apps Script itself (Utilities.formatDate … 'Z' → "+0300"). */
import type { UtcOffset } from '../engine/calendar';

export function gasOffset(timeZone: string): UtcOffset {
  const cache = new Map<number, number>();
  return (ms: number) => {
    const slot = Math.floor(ms / 900000); // offsets change on quarter hours at most
    const hit = cache.get(slot);
    if (hit !== undefined) return hit;
    const z = Utilities.formatDate(new Date(slot * 900000), timeZone, 'Z');
    const sign = z.startsWith('-') ? -1 : 1;
    const minutes = sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
    cache.set(slot, minutes);
    return minutes;
  };
}
