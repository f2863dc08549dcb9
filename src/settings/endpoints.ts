/**
 * The settings entry points the sidebar calls: read them (mapped to the account until someone
 * maps them by hand) and save them — checked by the schema and against the account on the server;
 * nothing is saved when anything is wrong.
 */
import { loadConnection } from '../amocrm/connection';
import { AmoHttp } from '../amocrm/http';
import { pipelinesOf, usersPage } from '../amocrm/responses';
import type { AmoPipeline, AmoUser } from '../shapes/amocrm';
import { autoMap, defaultSettings } from './defaults';
import { currentLanguage } from './language';
import type { Settings } from './schema';
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
    const errors = checkAgainstAccount(checked.settings, facts, lang, true);
    if (errors.length) return { ok: false, errors };
  }
  writeSettings({ ...checked.settings, autoMapped: false });
  return { ok: true, errors: [] };
}
