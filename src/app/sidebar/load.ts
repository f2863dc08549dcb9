/**
 * The sales head's sidebar, server side: opening it, and everything it shows in one call — the
 * connection (secrets masked: the last 4 characters, never the secret), the account's pipelines,
 * stages and managers, the settings, the schedule and the last refreshes. [docs/rules.md §6.1]
 */
import type { AccountFacts } from '../../amocrm/account-facts';
import { loadConnection, serviceOf } from '../../amocrm/connection';
import { AmoError } from '../../amocrm/errors';
import { readPending, redirectUri } from '../../amocrm/oauth';
import { readRecords, type SyncRecord } from '../../amocrm/sync-record';
import { t, type Language } from '../../i18n/messages';
import { LOST_STATUS, WON_STATUS } from '../../shapes/amocrm';
import { liveAccountFacts } from '../account-facts';
import { canScheduleHere, scheduleIsOn } from '../jobs/scheduler';
import { lastDataAsOf } from '../last-refresh';
import { autoMap, defaultSettings } from '../../settings/defaults';
import { currentLanguage } from '../../settings/language';
import type { Settings } from '../../settings/schema';
import { loadSettings } from '../../settings/settings-store';
import { telegramView, type TelegramView } from '../../telegram/view';
import { statusBarView, type StatusBarView } from './status-bar';

const SIDEBAR_FILE = 'sidebar';

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
  /** the status bar at the top, and whether amoCRM refuses the connection */
  status: StatusBarView;
  /** the spreadsheet's zone, for dates the page shows */
  timeZone: string;
  /** the moment the data was assembled (ms), for default dates on the page */
  now: number;
}

function hint(secret: string): string {
  return secret.length > 4 ? `…${secret.slice(-4)}` : '…';
}

/** What the sidebar shows of the account's facts. */
export function accountView(facts: AccountFacts): AccountView {
  const acc = facts.account;
  return {
    name: acc.name,
    timeZone: acc._embedded?.datetime_settings?.timezone ?? null,
    pipelines: facts.pipelines
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
            closed: s.id === WON_STATUS || s.id === LOST_STATUS,
          })),
      })),
    users: facts.users.map((u) => ({ id: u.id, name: u.name, active: u.rights.is_active })),
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

/** Everything the sidebar shows, in one call. */
/**
 * The status bar alone, for a save that changes what it says (the schedule, the refresh during
 * the day). amoCRM is not asked: a refusal shown is the last refresh's.
 */
export function sidebarStatus(): StatusBarView {
  const language = currentLanguage();
  const loaded = loadSettings(language);
  const settings = loaded.ok ? loaded.settings : defaultSettings();
  return statusBarView(language, settings, scheduleIsOn(), null, false);
}

export function sidebarLoad(): SidebarData {
  const language = currentLanguage();
  const loaded = loadSettings(language);
  const connection = connectionView();
  let facts: AccountFacts | null = null;
  let accountError: string | null = null;
  let accountFailure: unknown = null;
  if (connection.connected) {
    try {
      facts = liveAccountFacts();
    } catch (e) {
      accountFailure = e;
      accountError =
        e instanceof AmoError
          ? e.text(language)
          : t(language, 'accountUnreadable', { reason: String(e) });
    }
  }
  const account = facts ? accountView(facts) : null;
  let settings = loaded.ok ? loaded.settings : defaultSettings();
  if (facts) settings = autoMap(settings, facts.pipelines);
  const scheduleOn = scheduleIsOn();
  return {
    language,
    setUp: loaded.ok && loaded.stored && !loaded.settings.autoMapped,
    connection,
    account,
    accountError,
    settings,
    settingsProblem: loaded.ok ? null : loaded.reason,
    schedule: {
      on: scheduleOn,
      canSchedule: canScheduleHere(),
      records: readRecords(), // the page lists 5, a run of one problem as one
      lastRefresh: lastDataAsOf(),
    },
    telegram: telegramView(),
    status: statusBarView(
      language,
      settings,
      scheduleOn,
      accountFailure,
      facts !== null || !connection.connected,
    ),
    timeZone: account?.timeZone ?? Session.getScriptTimeZone(),
    now: Date.now(),
  };
}

/** «Настройки»: the sidebar (300 px, as Google draws every sidebar). */
export function openSidebar(): void {
  const lang = currentLanguage();
  const page = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(t(lang, 'sidebarTitle'));
  SpreadsheetApp.getUi().showSidebar(page);
}
