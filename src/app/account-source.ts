/**
 * One way from the stored data to a rating engine, for everyone who computes: the refresh, the
 * previews, the bottom watch. The store becomes the engine's account data, the settings are
 * mapped to the account and checked against it, and an account zone Apps Script does not know is
 * replaced by the spreadsheet's — said in words — so a preview always computes in the same zone as
 * the rating it previews.
 */
import { RatingEngine, type Period, type Rating } from '../engine';
import { t, type Language } from '../i18n/messages';
import type { AccountData } from '../shapes/account-data';
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
  store: StoreData;
  data: AccountData;
  names: Map<number, string>;
  /** what the rating must say about its source (an unknown zone) */
  warnings: string[];
  engineFor: (rating: RatingSettings) => RatingEngine;
}

export type SourceFailure =
  { kind: 'noData'; message: string } | { kind: 'settings'; message: string; reasons: string[] };

/** A row of the bottom watch: consecutive weeks in the bottom N, with the week's new deals. */
export interface BottomRow {
  name: string;
  weeks: number;
  leads: number;
}

/** The engine's source for a store synced up to `until` (unix s) and the stored settings. */
export function accountSource(
  stored: { data: StoreData; until: number },
  settings: Settings,
  lang: Language,
): AccountSource | SourceFailure {
  const data = accountData(stored.data);
  if (!data) return { kind: 'noData', message: t(lang, 'storeDamaged') };
  const mapped = autoMap(settings, data.pipelines);
  const problems = checkAgainstAccount(mapped, data, lang, false);
  if (problems.length)
    return {
      kind: 'settings',
      message: problems.map((p) => p.message).join(' '),
      reasons: problems.map((p) => p.message),
    };
  const fallback = SpreadsheetApp.getActive().getSpreadsheetTimeZone();
  // one name per user for the sheets, the history and the posts: one clean line, a name for a
  // user without one, and users sharing a name told apart (docs/rules.md §2.8)
  const names = displayNames(data.users, (id) => t(lang, 'userUnnamed', { id }));
  const named = {
    ...data,
    users: data.users.map((u) => ({ ...u, name: names.get(u.id) ?? u.name })),
  };
  const accountZone = data.account._embedded?.datetime_settings?.timezone ?? '';
  const warnings: string[] = [];
  let zoneData = named;
  if (accountZone && !isKnownZone(accountZone)) {
    warnings.push(t(lang, 'warnTimeZone', { zone: accountZone, fallback }));
    zoneData = { ...named, account: { ...named.account, _embedded: {} } };
  }
  return {
    settings: mapped,
    asOf: stored.until * 1000,
    store: stored.data,
    data: zoneData,
    names,
    warnings,
    engineFor: (rating) =>
      new RatingEngine(zoneData, nobodyLeftOut(rating), {
        utcOffset: gasOffset,
        fallbackTimeZone: fallback,
      }),
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
