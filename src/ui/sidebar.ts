/**
 * The sales head's sidebar, server side: opening it, and everything it shows in one call — the
 * connection (secrets masked: the last 4 characters, never the secret), the account's pipelines,
 * stages and managers, the settings, the schedule and the last refreshes. [PRODUCT.md §6.1]
 */
import { loadConnection, serviceOf } from '../amocrm/connection';
import { AmoError } from '../amocrm/errors';
import { AmoHttp } from '../amocrm/http';
import { readPending, redirectUri } from '../amocrm/oauth';
import { accountOf, pipelinesOf, usersPage } from '../amocrm/responses';
import { readRecords, type SyncRecord } from '../amocrm/sync-record';
import { t, type Language } from '../i18n/messages';
import { canScheduleHere, scheduleIsOn } from '../jobs/scheduler';
import { REFRESH_KEY } from '../jobs/refresh';
import { autoMap, defaultSettings } from '../settings/defaults';
import { currentLanguage } from '../settings/language';
import type { Settings } from '../settings/schema';
import { loadSettings } from '../settings/settings-store';
import { telegramView, type TelegramView } from '../telegram/view';

export const SIDEBAR_FILE = 'sidebar';

export interface StageView {
  id: number;
  name: string;
  color: string | null;
  /** won (142) and lost (143) are counted on their own; they are not offered for mapping */
  closed: boolean;
}

export interface PipelineView {
  id: number;
  name: string;
  archived: boolean;
  main: boolean;
  stages: StageView[];
}

export interface AccountView {
  name: string;
  timeZone: string | null;
  pipelines: PipelineView[];
  users: Array<{ id: number; name: string; active: boolean }>;
  taskTypes: Array<{ id: number; name: string }>;
}

export interface ConnectionView {
  connected: boolean;
  baseUrl: string | null;
  service: 'amocrm' | 'kommo' | null;
  auth: 'token' | 'oauth' | null;
  /** '…abcd': the last 4 characters of the token, never the token */
  secretHint: string | null;
  /** to register in the amoCRM integration for OAuth */
  redirectUri: string;
  /** an OAuth consent was started and has not come back yet */
  oauthPending: boolean;
}

export interface SidebarData {
  language: Language;
  /** someone saved the settings: the wizard is over */
  setUp: boolean;
  connection: ConnectionView;
  account: AccountView | null;
  /** why the account could not be read (when connected) */
  accountError: string | null;
  settings: Settings;
  /** the stored settings are damaged: why (the page starts from defaults) */
  settingsProblem: string | null;
  schedule: {
    on: boolean;
    /** the person looking could not write the rating from their own trigger */
    canSchedule: boolean;
    records: SyncRecord[];
    lastRefresh: string | null;
  };
  telegram: TelegramView;
  /** the spreadsheet's zone, for dates the page shows */
  timeZone: string;
  /** the moment the data was assembled (ms), for default dates on the page */
  now: number;
}

function hint(secret: string): string {
  return secret.length > 4 ? `…${secret.slice(-4)}` : '…';
}

/** The account's pipelines, stages, managers and task types, fresh from amoCRM. */
export function readAccountView(): AccountView {
  const c = loadConnection();
  if (!c?.auth) throw new AmoError('not_configured');
  const http = new AmoHttp(c, 2);
  const [account, pipelines, users] = http.getAll([
    { path: '/api/v4/account', query: 'with=datetime_settings,task_types' },
    { path: '/api/v4/leads/pipelines', query: '' },
    { path: '/api/v4/users', query: 'limit=250' },
  ]);
  const acc = accountOf(account);
  return {
    name: acc.name,
    timeZone: acc._embedded?.datetime_settings?.timezone ?? null,
    pipelines: pipelinesOf(pipelines)
      .slice()
      .sort((a, b) => a.sort - b.sort)
      .map((p) => ({
        id: p.id,
        name: p.name,
        archived: p.is_archive === true,
        main: p.is_main,
        stages: p._embedded.statuses
          .slice()
          .sort((a, b) => a.sort - b.sort)
          .map((s) => ({
            id: s.id,
            name: s.name,
            color: s.color ?? null,
            closed: s.id === 142 || s.id === 143,
          })),
      })),
    users: usersPage(users).items.map((u) => ({
      id: u.id,
      name: u.name,
      active: u.rights.is_active,
    })),
    taskTypes: (acc._embedded?.task_types ?? []).map((tt) => ({ id: tt.id, name: tt.name })),
  };
}

function connectionView(): ConnectionView {
  const c = loadConnection();
  const auth = c?.auth ?? null;
  return {
    connected: auth !== null,
    baseUrl: c?.baseUrl ?? null,
    service: c ? serviceOf(c.baseUrl) : null,
    auth: auth?.kind ?? null,
    secretHint: auth ? hint(auth.kind === 'token' ? auth.token : auth.refreshToken) : null,
    redirectUri: redirectUri(),
    oauthPending: readPending() !== null,
  };
}

function lastRefresh(): string | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(REFRESH_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { dataAsOf?: unknown };
    return typeof parsed.dataAsOf === 'string' ? parsed.dataAsOf : null;
  } catch {
    return null;
  }
}

/** Everything the sidebar shows, in one call. */
export function sidebarLoad(): SidebarData {
  const language = currentLanguage();
  const loaded = loadSettings(language);
  const connection = connectionView();
  let account: AccountView | null = null;
  let accountError: string | null = null;
  if (connection.connected) {
    try {
      account = readAccountView();
    } catch (e) {
      accountError =
        e instanceof AmoError
          ? e.text(language)
          : t(language, 'accountUnreadable', { reason: String(e) });
    }
  }
  let settings = loaded.ok ? loaded.settings : defaultSettings();
  if (account && settings.autoMapped)
    settings = autoMap(settings, account.pipelines.map(toPipeline));
  return {
    language,
    setUp: loaded.ok && loaded.stored && !loaded.settings.autoMapped,
    connection,
    account,
    accountError,
    settings,
    settingsProblem: loaded.ok ? null : loaded.reason,
    schedule: {
      on: scheduleIsOn(),
      canSchedule: canScheduleHere(),
      records: readRecords().slice(0, 5),
      lastRefresh: lastRefresh(),
    },
    telegram: telegramView(),
    timeZone: account?.timeZone ?? Session.getScriptTimeZone(),
    now: Date.now(),
  };
}

/** The view's pipeline back in the API's shape (for the automatic first mapping). */
function toPipeline(p: PipelineView) {
  return {
    id: p.id,
    name: p.name,
    sort: 0,
    is_main: p.main,
    is_archive: p.archived,
    _embedded: {
      statuses: p.stages.map((s, i) => ({
        id: s.id,
        name: s.name,
        sort: i,
        pipeline_id: p.id,
        type: 0,
        color: s.color,
      })),
    },
  };
}

/** «Настройки»: the sidebar (300 px, as Google draws every sidebar). */
export function openSidebar(): void {
  const lang = currentLanguage();
  const page = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(t(lang, 'sidebarTitle'));
  SpreadsheetApp.getUi().showSidebar(page);
}
