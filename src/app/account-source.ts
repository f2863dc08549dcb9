/**
 * One way from the stored data to a rating engine, for everyone who computes: the refresh, the
 * previews, the bottom watch. The store becomes the engine's account data, the settings are
 * mapped to the account and checked against it, and an account zone Apps Script does not know is
 * replaced by the spreadsheet's — said in words — so a preview always computes in the same zone as
 * the rating it previews.
 */
import {
  RatingEngine,
  type AccountMeta,
  type Calendar,
  type EngineSettings,
  type ItemDetails,
  type Period,
  type Rating,
  type RatingFacts,
} from '../engine';
import { t, type Language } from '../i18n/messages';
import { accountData, type StoreData } from '../shapes/store-data';
import { displayNames } from '../shapes/user-names';
import { autoMap } from '../settings/defaults';
import type { RatingSettings, Settings } from '../settings/schema';
import { checkAgainstAccount } from '../settings/validate';
import { gasOffset, isKnownZone } from './zone';

export interface AccountSource {
  /** the settings mapped to the account (an automatic mapping follows its stages) */
  settings: Settings;
  /** the moment the data is as of (ms) */
  asOf: number;
  /** the names, links and deadlines of the items «Разбор» and the card list */
  details: ItemDetails;
  /** the account, its users (named as the sheets name them) and pipelines */
  data: AccountMeta;
  names: Map<number, string>;
  /** what the rating must say about its source (an unknown zone) */
  warnings: string[];
  engineFor: (rating: RatingSettings) => RatingEngine;
}

/**
 * What a store that computes the rating's facts itself (the BigQuery store, by GoogleSQL) hands
 * over instead of its records: the account's lists, the facts under given settings in the
 * engine's calendar (local days in the account's zone, or the spreadsheet's where Apps Script
 * does not know it), and the details of the items shown.
 */
export interface FactsAtHand {
  meta: AccountMeta;
  facts: (settings: EngineSettings, calendar: Calendar) => RatingFacts;
  details: ItemDetails;
  /** unix s: the data is as of this moment */
  until: number;
}

/** The records of the spreadsheet store, read into the heap, with the moment they are as of. */
export interface RecordsAtHand {
  data: StoreData;
  until: number;
}

export type SourceFailure =
  { kind: 'noData'; message: string } | { kind: 'settings'; message: string; reasons: string[] };

/** A row of the bottom watch: consecutive weeks in the bottom N, with the week's new deals. */
export interface BottomRow {
  name: string;
  weeks: number;
  leads: number;
}

/** The details of the items from the spreadsheet store's own maps. */
export function storeDetails(store: StoreData): ItemDetails {
  const { leads, tasks } = store;
  return {
    leadName: (id) => leads.get(id)?.name,
    taskLead: (id) => {
      const task = tasks.get(id);
      return task?.entity_type === 'leads' && task.entity_id !== null ? task.entity_id : undefined;
    },
    taskDue: (id) => {
      const due = tasks.get(id)?.complete_till;
      return due === undefined ? undefined : due * 1000;
    },
  };
}

/**
 * The engine's source for a store synced up to `until` (unix s) and the stored settings: the
 * spreadsheet store's records (the engine makes the facts from its ledger), or the facts a store
 * computed itself — the one place where either enters the rating.
 */
export function accountSource(
  stored: RecordsAtHand | FactsAtHand,
  settings: Settings,
  lang: Language,
): AccountSource | SourceFailure {
  let meta: AccountMeta;
  let details: ItemDetails;
  let build: (meta: AccountMeta, settings: EngineSettings) => RatingEngine;
  const fallback = SpreadsheetApp.getActive().getSpreadsheetTimeZone();
  const opts = { utcOffset: gasOffset, fallbackTimeZone: fallback };
  if ('data' in stored) {
    const data = accountData(stored.data);
    if (!data) return { kind: 'noData', message: t(lang, 'storeDamaged') };
    meta = data;
    details = storeDetails(stored.data);
    build = (m, s) => new RatingEngine({ ...data, ...m }, s, opts);
  } else {
    meta = stored.meta;
    details = stored.details;
    build = (m, s) => RatingEngine.fromFacts(m, (cal) => stored.facts(s, cal), s, opts);
  }
  const mapped = autoMap(settings, meta.pipelines);
  const problems = checkAgainstAccount(mapped, meta, lang, false);
  if (problems.length)
    return {
      kind: 'settings',
      message: problems.map((p) => p.message).join(' '),
      reasons: problems.map((p) => p.message),
    };
  // one name per user for the sheets, the history and the posts: one clean line, a name for a
  // user without one, and users sharing a name told apart (docs/rules.md §2.8)
  const names = displayNames(meta.users, (id) => t(lang, 'userUnnamed', { id }));
  const named: AccountMeta = {
    account: meta.account,
    pipelines: meta.pipelines,
    users: meta.users.map((u) => ({ ...u, name: names.get(u.id) ?? u.name })),
  };
  const accountZone = meta.account._embedded?.datetime_settings?.timezone ?? '';
  const warnings: string[] = [];
  let zoneMeta = named;
  if (accountZone && !isKnownZone(accountZone)) {
    warnings.push(t(lang, 'warnTimeZone', { zone: accountZone, fallback }));
    zoneMeta = { ...named, account: { ...named.account, _embedded: {} } };
  }
  return {
    settings: mapped,
    asOf: stored.until * 1000,
    details,
    data: zoneMeta,
    names,
    warnings,
    engineFor: (rating) => build(zoneMeta, nobodyLeftOut(rating)),
  };
}

/**
 * amoCRM's responsible 0 is nobody (a deal left without an owner): what it earns is no one's, so
 * user 0 never appears in a rating, not even under "not in the rating" (docs/rules.md §2.8).
 */
function nobodyLeftOut(rating: RatingSettings): RatingSettings {
  return rating.excludedUserIds.includes(0)
    ? rating
    : { ...rating, excludedUserIds: [...rating.excludedUserIds, 0] };
}

export function isSourceFailure(x: AccountSource | SourceFailure): x is SourceFailure {
  return 'kind' in x;
}

/** The bottom watch of `week`, longest stays first (one list for the sidebar and the digest). */
export function bottomRows(
  engine: RatingEngine,
  week: Period,
  asOf: number,
  weekRating: Rating,
  names: ReadonlyMap<number, string>,
): BottomRow[] {
  const leads = new Map(weekRating.rows.map((r) => [r.userId, r.figures.newLeads]));
  return [...engine.bottomWatch(week, asOf).entries()]
    .map(([id, weeks]) => ({ name: names.get(id) ?? String(id), weeks, leads: leads.get(id) ?? 0 }))
    .sort((a, b) => b.weeks - a.weeks || a.name.localeCompare(b.name));
}
