/**
 * The settings entry point the sidebar's sections call: a section's fields saved over the
 * settings stored now, under the document lock (settings/settings-write.ts) — checked by the
 * schema and, when amoCRM answers, against the account; nothing is saved when anything is wrong,
 * and a field someone else saved since the page loaded it is refused, not overwritten.
 */
import { t, type Language } from '../../i18n/messages';
import { saveTelegramStatus } from '../../telegram/bot-store';
import { autoMap, defaultSettings } from '../../settings/defaults';
import { currentLanguage } from '../../settings/language';
import type { Settings } from '../../settings/schema';
import { copyJson, setValueAt } from '../../settings/field-paths';
import { SAVABLE_FIELDS } from '../../settings/sections';
import { loadSettings, type Loaded } from '../../settings/settings-store';
import { changeSettings, fieldConflicts } from '../../settings/settings-write';
import {
  checkAgainstAccount,
  checkBottomWatch,
  checkSettings,
  ratedCount,
  type FieldError,
} from '../../settings/validate';
import { liveAccountFactsOrNull } from '../account-facts';
import { headChatProblem } from './telegram-bot';
import type { AccountFacts } from '../../amocrm/account-facts';

export interface SaveResult {
  ok: boolean;
  errors: FieldError[];
}

export interface PartSaveResult extends SaveResult {
  /** the settings as stored after the save (the page's new "saved" state) */
  settings?: Settings;
}

/** The settings as the sidebar shows them: stored, mapped to the account until someone maps them. */
function shown(loaded: Loaded, facts: AccountFacts | null): Settings {
  const settings = loaded.ok ? loaded.settings : defaultSettings();
  return facts ? autoMap(settings, facts.pipelines) : settings;
}

/** One message for the whole save (the page shows the first error's). */
function refused(field: string, message: string): PartSaveResult {
  return { ok: false, errors: [{ field, message }] };
}

/**
 * Checks whole settings by the schema and, when amoCRM answers, against the account; plans
 * already stored are not checked again (a manager may have left since).
 */
function checked(
  input: unknown,
  before: Loaded,
  facts: AccountFacts | null,
  lang: Language,
): { ok: true; settings: Settings } | { ok: false; errors: FieldError[] } {
  const c = checkSettings(input, lang);
  if (!c.ok) return c;
  if (facts) {
    const kept = new Set(
      before.ok ? before.settings.rating.plans.map((p) => JSON.stringify(p)) : [],
    );
    const errors = checkAgainstAccount(c.settings, facts, lang, true, (p) =>
      kept.has(JSON.stringify(p)),
    );
    if (errors.length) return { ok: false, errors };
  }
  return c;
}

/** The versions the page sent: field path → version (settings/versions.ts); anything else is dropped. */
function versionsOf(base: unknown): Record<string, string> {
  if (typeof base !== 'object' || base === null) return {};
  return Object.fromEntries(
    Object.entries(base as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

/**
 * Saves some fields over the settings stored now. `base` holds the version of each field as the
 * page loaded it: a field whose stored value changed since (and differs from this save's) is
 * refused with «…эти же настройки сохранил другой пользователь…»; a field the save brings back unchanged
 * keeps what is stored. The head's mapping is kept from now on.
 */
export function saveSettingsPart(part: unknown, base?: unknown): PartSaveResult {
  const lang = currentLanguage();
  const fields = typeof part === 'object' && part !== null ? (part as Record<string, unknown>) : {};
  const unknown = Object.keys(fields).filter((k) => !SAVABLE_FIELDS.has(k));
  if (unknown.length || !Object.keys(fields).length)
    return refused(unknown[0] ?? '', t(lang, 'errUnknownKey', { field: unknown[0] ?? '—' }));
  // amoCRM is asked before the lock is taken: nobody waits on the network
  const facts = liveAccountFactsOrNull();
  const versions = versionsOf(base);
  // a newly chosen head's chat must be private: the digest names who lags (Telegram is asked,
  // before the lock like amoCRM)
  const head = (fields.telegram as Partial<Settings['telegram']> | undefined)?.headChatId;
  if (
    'telegram' in fields &&
    typeof head === 'number' &&
    Number.isSafeInteger(head) &&
    head !== shown(loadSettings(lang), facts).telegram.headChatId
  ) {
    const problem = headChatProblem(head, lang);
    if (problem) return refused('telegram.headChatId', problem);
  }
  const saved = changeSettings<PartSaveResult>(lang, (loaded) => {
    const current = shown(loaded, facts);
    const { changed, conflicts } = fieldConflicts(current, fields, versions);
    if (conflicts.length)
      return {
        write: null,
        value: {
          ok: false,
          errors: conflicts.map((field) => ({ field, message: t(lang, 'settingsChanged') })),
        },
      };
    const next = copyJson(current) as unknown as Record<string, unknown>;
    for (const path of changed) setValueAt(next, path, fields[path]);
    const c = checked(next, loaded, facts, lang);
    if (!c.ok) return { write: null, value: { ok: false, errors: c.errors } };
    // a new bottom watch size must leave someone above it in this account's rating (a size
    // stored before is not refused on every later save)
    const bottom =
      facts && c.settings.rating.bottomWatch.size !== current.rating.bottomWatch.size
        ? checkBottomWatch(
            c.settings.rating.bottomWatch.size,
            ratedCount(
              c.settings.rating.excludedUserIds,
              facts.users.map((u) => ({ id: u.id, active: u.rights.is_active })),
            ),
            lang,
          )
        : [];
    if (bottom.length) return { write: null, value: { ok: false, errors: bottom } };
    const written: Settings = { ...c.settings, autoMapped: false };
    return { write: written, value: { ok: true, errors: [], settings: written } };
  });
  if (!saved.locked) return refused('', t(lang, 'settingsBusy'));
  // the head chose the chats again: posting may resume (a removed bot is found out anew)
  if (saved.value.ok && 'telegram' in fields) saveTelegramStatus(null);
  return saved.value;
}
