/**
 * The account's time zone through Apps Script itself: its UTC offset at any instant
 * (`Utilities.formatDate(…, 'Z')` → "+0300"), and whether the zone is one Apps Script knows.
 * Whether Apps Script's V8 carries the IANA data in `Intl` is not documented; formatDate is.
 */
import { cachedOffset, type UtcOffset } from '../engine';

export function gasOffset(timeZone: string): UtcOffset {
  return cachedOffset((slotStart) => {
    const z = Utilities.formatDate(new Date(slotStart), timeZone, 'Z');
    const sign = z.startsWith('-') ? -1 : 1;
    return sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  });
}

/** Zones that are legitimately GMT all year. */
const GMT_ZONES =
  /^(UTC|GMT|UCT|Zulu|Universal|Greenwich|Etc\/.*|Africa\/(Abidjan|Accra|Bamako|Banjul|Bissau|Conakry|Dakar|Freetown|Lome|Monrovia|Nouakchott|Ouagadougou|Sao_Tome)|Atlantic\/(Reykjavik|St_Helena)|America\/Danmarkshavn)$/;

/**
 * Whether Apps Script knows the zone: Java, under formatDate, quietly treats an unknown id as GMT,
 * so an id that is GMT in both January and July and is not a GMT zone is unknown.
 */
export function isKnownZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(timeZone)) return false;
  try {
    const jan = Utilities.formatDate(new Date(Date.UTC(2026, 0, 15)), timeZone, 'Z');
    const jul = Utilities.formatDate(new Date(Date.UTC(2026, 6, 15)), timeZone, 'Z');
    return jan !== '+0000' || jul !== '+0000' || GMT_ZONES.test(timeZone);
  } catch {
    return false;
  }
}

export function formatLocal(ms: number, timeZone: string): string {
  return Utilities.formatDate(new Date(ms), timeZone, 'dd.MM.yyyy HH:mm');
}

/**
 * The zone the rating computes in: the account's, or the spreadsheet's when the account has none
 * or one Apps Script does not know (the same rule as the rating's, so dates never disagree).
 */
export function ratingZone(accountZone: string | null | undefined): string {
  return accountZone && isKnownZone(accountZone)
    ? accountZone
    : SpreadsheetApp.getActive().getSpreadsheetTimeZone();
}
