/**
 * A failure of BigQuery, the store that computes the rating's facts itself, in words for the
 * head: why the refresh stopped and what happens next. The refresh keeps the last rating.
 */
import type { BigQueryError } from '../bigquery/bigquery-api';
import type { Language } from '../i18n/messages';
import { storeText, type StoreTextKey } from '../i18n/store-texts';
import { readStoreChoice } from './store-choice';

/** the sync record's errorCode of a sync that BigQuery stopped */
export const STORE_UNAVAILABLE_CODE = 'store_unavailable';

const KEY_OF: Record<BigQueryError['code'], StoreTextKey> = {
  out_of_time: 'storeSlow',
  quota: 'storeQuota',
  denied: 'storeDenied',
  not_found: 'storeMissing',
  invalid_query: 'storeFailed',
  load_failed: 'storeFailed',
  no_service: 'storeFailed',
  failed: 'storeFailed',
};

/** Google's own text is kept short: it goes on the warning line of every rating sheet. */
const DETAIL_MAX = 200;

export function storeFailureText(lang: Language, e: BigQueryError): string {
  const choice = readStoreChoice();
  const detail = e.detail.length > DETAIL_MAX ? `${e.detail.slice(0, DETAIL_MAX)}…` : e.detail;
  return storeText(lang, KEY_OF[e.code], {
    project: choice?.projectId ?? '',
    dataset: choice?.datasetId ?? '',
    detail,
  });
}
