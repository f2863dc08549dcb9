/**
 * «Размер аккаунта» in the connection section: the deals in the history window (measured once at
 * connection, again on request and by every first sync), the spreadsheet store's ceiling, and —
 * past it — what the BigQuery store adds: the permission, the project, the monthly cost.
 */
import { loadConnection } from '../../amocrm/connection';
import { measureDeals } from '../../amocrm/account-size';
import { AmoError } from '../../amocrm/errors';
import { AmoHttp } from '../../amocrm/http';
import { historyWindowStart } from '../../amocrm/sync-plan';
import { storeText } from '../../i18n/store-texts';
import { currentLanguage } from '../../settings/language';
import { BigQueryClient } from '../../bigquery/bigquery-api';
import { bigQueryService, readStoreChoice, saveStoreChoice, validChoice } from '../store-choice';
import {
  bigQueryMonthlyCostUsd,
  ceilingDeals,
  readMeasure,
  saveMeasure,
  type AccountMeasure,
} from '../../storage/store-ceiling';

export interface AccountSizeReport {
  ok: boolean;
  /** null: not measured yet */
  deals: number | null;
  ceiling: number;
  recommend: 'spreadsheet' | 'bigquery' | null;
  /** what the head reads, line by line, in the user's language */
  lines: string[];
}

function day(unixS: number): string {
  // the window starts half a day before the quarter's first day, to cover any zone's midnight
  return Utilities.formatDate(new Date((unixS + 14 * 3600) * 1000), 'UTC', 'dd.MM.yyyy');
}

function report(m: AccountMeasure | null): AccountSizeReport {
  const lang = currentLanguage();
  const ceiling = ceilingDeals();
  if (!m)
    return {
      ok: true,
      deals: null,
      ceiling,
      recommend: null,
      lines: [storeText(lang, 'measureNever')],
    };
  const tooBig = m.deals > ceiling;
  const cost = bigQueryMonthlyCostUsd(m.deals);
  return {
    ok: true,
    deals: m.deals,
    ceiling,
    recommend: tooBig ? 'bigquery' : 'spreadsheet',
    lines: [
      storeText(lang, m.exact ? 'measureDeals' : 'measureDealsAtMost', {
        since: day(m.since),
        deals: m.deals,
      }),
      tooBig
        ? storeText(lang, 'measureTooBig', { ceiling, cost: `$${cost.usd.toFixed(2)}` })
        : storeText(lang, 'measureFits', { ceiling }),
      storeText(lang, 'measuredAt', {
        when: Utilities.formatDate(
          new Date(m.at),
          SpreadsheetApp.getActive().getSpreadsheetTimeZone(),
          'dd.MM.yyyy HH:mm',
        ),
      }),
    ],
  };
}

/**
 * The account's size: the last measurement, or a new one when there is none or `again` is asked.
 * A few dozen requests at most (amocrm/account-size.ts).
 */
export function measureAmoAccount(again: boolean): AccountSizeReport {
  const kept = readMeasure();
  if (kept && !again) return report(kept);
  const c = loadConnection();
  if (!c?.auth)
    return {
      ...report(kept),
      ok: false,
      lines: [new AmoError('not_configured').text(currentLanguage())],
    };
  try {
    const size = measureDeals(new AmoHttp(c, { maxAttempts: 2 }), historyWindowStart(Date.now()));
    const m = {
      deals: size.deals,
      exact: size.exact,
      since: size.since,
      at: new Date().toISOString(),
    };
    saveMeasure(m);
    return report(m);
  } catch (e) {
    const err =
      e instanceof AmoError
        ? e
        : new AmoError('network', e instanceof Error ? e.message : String(e));
    return { ...report(kept), ok: false, lines: [err.text(currentLanguage())] };
  }
}

export interface StoreChoiceReport {
  ok: boolean;
  store: 'spreadsheet' | 'bigquery';
  message: string;
}

/** the dataset the product creates in the head's project, in the EU multi-region */
const DATASET = 'amocrm_rating';
const LOCATION = 'EU';

/**
 * The head chooses where the account's data is kept. BigQuery is checked first (this build has
 * the service, the project id is one, a query runs there) and nothing is saved when it fails.
 */
export function chooseAccountStore(kind: string, projectId: string): StoreChoiceReport {
  const lang = currentLanguage();
  const current = readStoreChoice() ? 'bigquery' : 'spreadsheet';
  if (kind !== 'bigquery') {
    saveStoreChoice(null);
    return { ok: true, store: 'spreadsheet', message: storeText(lang, 'chosenSpreadsheet') };
  }
  const service = bigQueryService();
  if (!service) return { ok: false, store: current, message: storeText(lang, 'chooseNoService') };
  const choice = {
    kind: 'bigquery' as const,
    projectId: String(projectId ?? '').trim(),
    datasetId: DATASET,
    location: LOCATION,
  };
  if (!validChoice(choice))
    return { ok: false, store: current, message: storeText(lang, 'chooseBadProject') };
  try {
    new BigQueryClient(service, { ...choice, deadline: Date.now() + 30000 }).rows(
      'SELECT 1 AS one',
    );
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      store: current,
      message: storeText(lang, 'chooseNoAccess', { project: choice.projectId, detail }),
    };
  }
  saveStoreChoice(choice);
  return {
    ok: true,
    store: 'bigquery',
    message: storeText(lang, 'chosenBigQuery', { project: choice.projectId, dataset: DATASET }),
  };
}
