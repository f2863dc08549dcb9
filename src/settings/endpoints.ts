/**
 * The settings entry points the sidebar calls: read them (mapped to the account until someone
 * maps them by hand) and save them — checked by the schema and against the account on the server;
 * nothing is saved when anything is wrong.
 */
import { loadConnection } from '../amocrm/connection';
import { AmoHttp } from '../amocrm/http';
import { pipelinesOf, usersPage } from '../amocrm/responses';
import type { AmoPipeline, AmoUser } from '../shapes/amocrm';
import { t } from '../i18n/messages';
import { saveTelegramStatus } from '../telegram/bot-store';
import { autoMap, defaultSettings } from './defaults';
import { currentLanguage } from './language';
import type { Settings } from './schema';
import { SAVABLE_FIELDS } from './sections';
import { loadSettings, writeSettings } from './settings-store';
import { checkAgainstAccount, checkSettings, type FieldError } from './validate';

export interface SaveResult {
  ok: boolean;
  errors: FieldError[];
}

/** The account's pipelines and users, fresh from amoCRM (null when unreachable). */
export function accountFacts(): { pipelines: AmoPipeline[]; users: AmoUser[] } | null {
  const c = loadConnection();
  if (!c?.auth) return null;
  try {
    const http = new AmoHttp(c, 2);
    const [pipelines, users] = http.getAll([
      { path: '/api/v4/leads/pipelines', query: '' },
      { path: '/api/v4/users', query: 'limit=250' },
    ]);
    return { pipelines: pipelinesOf(pipelines), users: usersPage(users).items };
  } catch {
    return null;
  }
}

/** The current settings as plain JSON; until someone maps them, the account's stages are mapped by name. */
export function getRatingSettings(): Settings {
  const loaded = loadSettings(currentLanguage());
  const settings = loaded.ok ? loaded.settings : defaultSettings();
  if (!settings.autoMapped) return settings;
  const facts = accountFacts();
  return facts ? autoMap(settings, facts.pipelines) : settings;
}

/** Saves settings after checking them; the sales head's mapping is kept from now on. */
export function saveRatingSettings(input: unknown): SaveResult {
  const lang =
    typeof input === 'object' &&
    input !== null &&
    (input as { language?: unknown }).language === 'en'
      ? 'en'
      : 'ru';
  const checked = checkSettings(input, lang);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const facts = accountFacts();
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
  const base = getRatingSettings();
  const next = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  for (const [path, value] of Object.entries(fields)) {
    const keys = path.split('.');
    const last = keys.pop() ?? '';
    let target = next;
    for (const k of keys) target = target[k] as Record<string, unknown>;
    target[last] = value;
  }
  const result = saveRatingSettings(next);
  if (!result.ok) return result;
  // the head chose the chats again: posting may resume (a removed bot is found out anew)
  if ('telegram' in fields) saveTelegramStatus(null);
  return { ...result, settings: getRatingSettings() };
}
