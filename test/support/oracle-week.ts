/**
 * The week a refresh must publish, by the reference recount (test/oracle: a second
 * implementation of the rules, written from PRODUCT.md) on the emulator's own account
 * (`/_emulator/dump`): names and points of the ranked managers, in order. Imports nothing from
 * src/ (lint), so a fault test's expected rating is not the product's own.
 */
import { control } from '../../dev/emulator/processes';
import { periodAt } from '../oracle/calendar';
import type { OracleDump, OracleSettings } from '../oracle/inputs';
import { rate } from '../oracle/rating';

export interface WeekRow {
  name: string;
  points: number;
}

export async function oracleWeek(
  amo: { url: string },
  /** the rating settings as the head saved them (`readSettings(rt).rating`) */
  rating: object,
  nowIso: string,
): Promise<WeekRow[]> {
  const dump = await control<OracleDump>(amo.url, 'dump');
  const zone = dump.account._embedded?.datetime_settings?.timezone ?? 'Europe/Moscow';
  // the week has ended at the start of today: its flows and who took part come from the history
  const week = periodAt('week', new Date(nowIso).getTime(), zone);
  const result = rate({ data: dump, settings: rating as OracleSettings, period: week });
  return result.ranked.map((r) => ({ name: r.name, points: Math.round(r.points * 100) / 100 }));
}
