/**
 * The settings entry points the sidebar calls: read them (mapped to the account until someone
 * maps them by hand) and save them — checked by the schema and against the account on the server;
 * nothing is saved when anything is wrong.
 */
import { t } from '../../i18n/messages';
import { saveTelegramStatus } from '../../telegram/bot-store';
import { autoMap, defaultSettings } from '../../settings/defaults';
import { currentLanguage } from '../../settings/language';
import type { Settings } from '../../settings/schema';
import { copyJson, setValueAt } from '../../settings/field-paths';
import { SAVABLE_FIELDS } from '../../settings/sections';
import { loadSettings, writeSettings } from '../../settings/settings-store';
import { checkAgainstAccount, checkSettings, type FieldError } from '../../settings/validate';
import { liveAccountFactsOrNull } from '../account-facts';
import { headChatProblem } from './telegram-bot';
import type { AccountFacts } from '../../amocrm/account-facts';

export interface SaveResult {
  ok: boolean;
  errors: FieldError[];
}

/** The stored settings; until someone maps them, the account's stages are mapped by name. */
function currentSettings(facts: AccountFacts | null): Settings {
  const loaded = loadSettings(currentLanguage());
  const settings = loaded.ok ? loaded.settings : defaultSettings();
  return facts ? autoMap(settings, facts.pipelines) : settings;
}

/**
 * Saves whole settings after checking them by the schema and, when amoCRM answers, against the
 * account; the sales head's mapping is kept from now on.
 */
export function saveSettings(
  input: unknown,
  facts: AccountFacts | null = liveAccountFactsOrNull(),
): SaveResult {
  const lang =
    typeof input === 'object' &&
    input !== null &&
    (input as { language?: unknown }).language === 'en'
      ? 'en'
      : 'ru';
  const checked = checkSettings(input, lang);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  if (facts) {
    const before = loadSettings(lang);
    const kept = new Set(
      before.ok ? before.settings.rating.plans.map((p) => JSON.stringify(p)) : [],
    );
    const errors = checkAgainstAccount(checked.settings, facts, lang, true, (p) =>
      kept.has(JSON.stringify(p)),
    );
    if (errors.length) return { ok: false, errors };
  }
  writeSettings({ ...checked.settings, autoMapped: false });
  return { ok: true, errors: [] };
}

export interface PartSaveResult extends SaveResult {
  /** the settings as stored after the save (the page's new "saved" state) */
  settings?: Settings;
}

/**
 * Saves some fields over the settings stored now (not over what the page loaded earlier), so a
 * section's save never undoes what the plans dialog or another person saved meanwhile.
 */
export function saveSettingsPart(part: unknown): PartSaveResult {
  const lang = currentLanguage();
  const fields = typeof part === 'object' && part !== null ? (part as Record<string, unknown>) : {};
  const unknown = Object.keys(fields).filter((k) => !SAVABLE_FIELDS.has(k));
  if (unknown.length || !Object.keys(fields).length)
    return {
      ok: false,
      errors: [
        {
          field: unknown[0] ?? '',
          message: t(lang, 'errUnknownKey', { field: unknown[0] ?? '—' }),
        },
      ],
    };
  const facts = liveAccountFactsOrNull();
  const before = currentSettings(facts);
  const next = copyJson(before) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(fields)) setValueAt(next, path, value);
  // a newly chosen head's chat must be private: the digest names who lags (Telegram is asked)
  const head = (next as unknown as Settings).telegram?.headChatId;
  if (
    'telegram' in fields &&
    typeof head === 'number' &&
    Number.isSafeInteger(head) &&
    head !== before.telegram.headChatId
  ) {
    const problem = headChatProblem(head, lang);
    if (problem) return { ok: false, errors: [{ field: 'telegram.headChatId', message: problem }] };
  }
  const result = saveSettings(next, facts);
  if (!result.ok) return result;
  // the head chose the chats again: posting may resume (a removed bot is found out anew)
  if ('telegram' in fields) saveTelegramStatus(null);
  return { ...result, settings: currentSettings(facts) };
}
