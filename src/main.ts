/**
 * Apps Script entry points, and nothing else: the build turns every export into a top-level
 * function of dist/Code.js (simple triggers, menu items, triggers and google.script.run all need
 * top-level names).
 */
import {
  loadConnection,
  parseAccountAddress,
  saveConnection,
  type Connection,
} from './amocrm/connection';
import { AmoError } from './amocrm/errors';
import { exchangeCode } from './amocrm/oauth';
import { runSync } from './amocrm/sync';
import { AmoHttp, embedded } from './amocrm/http';
import type { AmoPipeline } from './amocrm/api-types';
import { autoMap } from './settings/settings';
import type { SyncRecord } from './amocrm/sync-record';
import { testConnection, type ConnectionReport } from './amocrm/test-connection';
import { readRecords } from './amocrm/sync-record';
import { t } from './i18n/messages';
import { refresh } from './jobs/refresh';
import { scheduleIsOn, scheduleOff, scheduleOn, tick } from './jobs/scheduler';
import type { Settings } from './settings/settings';
import { loadSettings, saveSettings } from './settings/settings-store';
import type { ValidationResult } from './settings/validation';
import { currentLanguage } from './ui/language';
import { buildMenu } from './ui/menu';

/** Simple trigger: builds the menu. Runs in AuthMode.LIMITED, so it only touches the UI. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(SpreadsheetApp.getUi(), currentLanguage());
}

/** Editor add-on install: the document is already open, so build the menu now. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

function ui(): GoogleAppsScript.Base.Ui | null {
  try {
    return SpreadsheetApp.getUi();
  } catch {
    return null; // run from a trigger or the editor: no one to show it to
  }
}

/** "Обновить сейчас": the whole refresh, with progress in toasts. */
export function menuRefresh(): void {
  const lang = currentLanguage();
  const ss = SpreadsheetApp.getActive();
  const result = refresh((m) => ss.toast(m, t(lang, 'menuTitle'), 30));
  if (result.outcome === 'skipped') ui()?.alert(t(lang, 'busy'));
  else if (result.outcome === 'partial') ui()?.alert(t(lang, 'refreshPartial'));
  else if (result.outcome === 'failed')
    ui()?.alert(`${t(lang, 'refreshFailed')}: ${result.message}`);
}

export function menuScheduleOn(): void {
  scheduleOn();
  ui()?.alert(t(currentLanguage(), 'scheduleOn'));
}

export function menuScheduleOff(): void {
  scheduleOff();
  ui()?.alert(t(currentLanguage(), 'scheduleOff'));
}

/** The last refreshes: when, what, how many requests, and any error in words. */
export function menuStatus(): void {
  const lang = currentLanguage();
  const records = readRecords().slice(0, 5);
  if (!records.length) {
    ui()?.alert(t(lang, 'statusNever'));
    return;
  }
  const tz = Session.getScriptTimeZone();
  const lines = records.map((r) => {
    const when = Utilities.formatDate(new Date(r.startedAt), tz, 'dd.MM.yyyy HH:mm');
    const what = { complete: '✓', partial: '…', failed: '✗', skipped: '–' }[r.outcome];
    return `${what} ${when}: ${r.kind === 'full' ? 'полная загрузка' : 'изменения'}, запросов ${r.requests}, повторов ${r.retries}; сделок ${r.items.leads}, задач ${r.items.tasks}, событий ${r.items.events}${r.error ? ` — ${r.error}` : ''}`;
  });
  ui()?.alert(
    t(lang, 'statusTitle'),
    `${scheduleIsOn() ? t(lang, 'scheduleOn') : t(lang, 'scheduleOff')}\n\n${lines.join('\n')}`,
    ui()?.ButtonSet.OK ?? ('OK' as unknown as GoogleAppsScript.Base.ButtonSet),
  );
}

export function menuSettings(): void {
  ui()?.alert(t(currentLanguage(), 'settingsHowTo'));
}

/** The single clock trigger's handler: decides what is due. */
export function schedulerTick(_e?: GoogleAppsScript.Events.TimeDriven): void {
  tick();
}

/** The current settings, as plain JSON; until someone maps them, the account's stages are mapped by name. */
export function getRatingSettings(): Settings {
  const settings = loadSettings();
  const connection = loadConnection();
  if (!settings.autoMapped || !connection?.auth) return settings;
  try {
    const pipelines = embedded<AmoPipeline>(
      new AmoHttp(connection, 2).get('/api/v4/leads/pipelines'),
      'pipelines',
    ).items;
    return autoMap(settings, pipelines);
  } catch {
    return settings; // amoCRM unreachable: the mapping waits for the next refresh
  }
}

/**
 * Saves settings after checking them on the server; nothing is saved when anything is wrong.
 * From the script editor: saveRatingSettings({ ...getRatingSettings(), scheduleHour: 8 }).
 */
export function saveRatingSettings(settings: Settings): ValidationResult {
  return saveSettings({ ...settings, autoMapped: false });
}

/**
 * Connects with an account address and a long-lived token: checks them against amoCRM first and
 * saves nothing when they do not work.
 */
export function connectAmoWithToken(address: string, token: string): ConnectionReport {
  let baseUrl: string;
  try {
    baseUrl = parseAccountAddress(address);
  } catch (e) {
    return { ok: false, message: (e as AmoError).message, errorCode: (e as AmoError).code };
  }
  const trimmed = String(token ?? '').trim();
  if (trimmed.length < 20)
    return {
      ok: false,
      message: 'Вставьте долгосрочный токен целиком: он длинный, из латинских букв и цифр.',
      errorCode: 'unauthorized',
    };
  const connection: Connection = { baseUrl, auth: { kind: 'token', token: trimmed } };
  const report = testConnection(connection);
  if (report.ok) saveConnection(connection);
  return report;
}

/** "Test connection" with what is saved. */
export function testAmoConnection(): ConnectionReport {
  const c = loadConnection();
  if (!c?.auth)
    return {
      ok: false,
      message: new AmoError('not_configured').message,
      errorCode: 'not_configured',
    };
  return testConnection(c);
}

/** Pulls what changed in amoCRM (or continues an unfinished sync). */
export function syncAmo(): SyncRecord {
  return runSync().record;
}

const OAUTH_PENDING_KEY = 'amocrm.oauthPending';

/**
 * Starts OAuth: keeps the integration's keys until amoCRM sends the user back, and returns the
 * consent page address to open. The redirect URI to register in the integration is returned too.
 */
export function startAmoOAuth(
  address: string,
  clientId: string,
  clientSecret: string,
): { ok: boolean; url?: string; redirectUri?: string; message: string } {
  let baseUrl: string;
  try {
    baseUrl = parseAccountAddress(address);
  } catch (e) {
    return { ok: false, message: (e as AmoError).message };
  }
  if (!String(clientId ?? '').trim() || !String(clientSecret ?? '').trim())
    return {
      ok: false,
      message: 'Укажите ID интеграции и секретный ключ из настроек интеграции amoCRM.',
    };
  const redirectUri = `https://script.google.com/macros/d/${ScriptApp.getScriptId()}/usercallback`;
  PropertiesService.getDocumentProperties().setProperty(
    OAUTH_PENDING_KEY,
    JSON.stringify({
      baseUrl,
      clientId: clientId.trim(),
      clientSecret: clientSecret.trim(),
      redirectUri,
    }),
  );
  const state = ScriptApp.newStateToken()
    .withMethod('authCallback')
    .withTimeout(3600)
    .createToken();
  const url = `https://www.amocrm.ru/oauth?client_id=${encodeURIComponent(clientId.trim())}&state=${encodeURIComponent(state)}&mode=post_message`;
  return { ok: true, url, redirectUri, message: 'Откройте ссылку и разрешите доступ.' };
}

/** amoCRM sends the user back here (the script's usercallback) with the authorization code. */
export function authCallback(request: {
  parameter: Record<string, string>;
}): GoogleAppsScript.HTML.HtmlOutput {
  const props = PropertiesService.getDocumentProperties();
  const pending = props.getProperty(OAUTH_PENDING_KEY);
  const page = (text: string) =>
    HtmlService.createHtmlOutput(`<p style="font-family:sans-serif">${text}</p>`);
  if (!pending || !request?.parameter?.code)
    return page(
      'Не удалось подключиться: нет кода авторизации. Начните подключение заново в настройках.',
    );
  const p = JSON.parse(pending) as {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string;
  };
  try {
    exchangeCode(p.baseUrl, p.clientId, p.clientSecret, p.redirectUri, request.parameter.code);
    props.deleteProperty(OAUTH_PENDING_KEY);
    return page('amoCRM подключён. Это окно можно закрыть.');
  } catch (e) {
    return page(`Не удалось подключиться: ${e instanceof AmoError ? e.message : 'ошибка amoCRM'}`);
  }
}
