/**
 * The job doors: the single clock trigger's handler, and a sync on its own (run from the script
 * editor's Run menu by whoever looks after the spreadsheet, to pull amoCRM without publishing).
 */
import { FETCH_BUDGET_MS, runSync } from './jobs/sync';
import type { SyncRecord } from '../amocrm/sync-record';
import { t } from '../i18n/messages';
import { currentLanguage } from '../settings/language';
import { withJobLock } from './jobs/job-lock';
import { tick } from './jobs/scheduler';
import { BigQueryError } from '../bigquery/bigquery-api';
import { storeFailureText } from './store-failure';

/** The single clock trigger's handler: decides what is due. */
export function schedulerTick(_e?: GoogleAppsScript.Events.TimeDriven): void {
  tick();
}

/** Pulls what changed in amoCRM (or continues an unfinished sync), under the job lock. */
export function syncAmo(): SyncRecord | { outcome: 'skipped' | 'failed'; message: string } {
  const startedAt = Date.now();
  try {
    const r = withJobLock(() => runSync({ deadline: startedAt + FETCH_BUDGET_MS }).record);
    return r.ran ? r.value : { outcome: 'skipped', message: t(currentLanguage(), 'busy') };
  } catch (e) {
    // BigQuery, not amoCRM, stopped the sync: what was fetched is kept (sync.ts); say why
    if (!(e instanceof BigQueryError)) throw e;
    return { outcome: 'failed', message: storeFailureText(currentLanguage(), e) };
  }
}
