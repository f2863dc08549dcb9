/**
 * The last published refresh: when it ran and what moment its data is as of. Read by the status
 * lines ("the last good rating is as of …"), the sidebar and the scheduler; a damaged record reads
 * as none.
 */
import * as v from 'valibot';
import { parseJson } from '../shapes/parse-json';

export const REFRESH_KEY = 'rating.lastRefresh';

const LastRefreshSchema = v.object({
  /** ISO instant of the publish */
  at: v.string(),
  /** the data's moment, ms */
  asOf: v.number(),
  /** the same moment as the account's clock shows it, «16.03.2026 09:00» ('' when unknown) */
  dataAsOf: v.string(),
});
export type LastRefresh = v.InferOutput<typeof LastRefreshSchema>;

export function readLastRefresh(): LastRefresh | null {
  return parseJson(
    PropertiesService.getDocumentProperties().getProperty(REFRESH_KEY),
    LastRefreshSchema,
  );
}

/** «16.03.2026 09:00», or null before the first publish (or when the record is damaged). */
export function lastDataAsOf(): string | null {
  return readLastRefresh()?.dataAsOf ?? null;
}

export function lastRefreshRecord(r: LastRefresh): Record<string, string> {
  return { [REFRESH_KEY]: JSON.stringify(r) };
}
