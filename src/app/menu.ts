/**
 * The product's menu and what its items do. The menu is an add-on menu (Extensions → the
 * script's name), so the same code works bound to a spreadsheet or as an Editor add-on. onOpen
 * is a simple trigger (AuthMode.LIMITED, or NONE for an add-on not yet used in the document): it
 * only builds the menu, and in NONE it reads nothing, not even the language. [docs/services.md §3.3, §4.4]
 */
import { loadConnection } from '../amocrm/connection';
import { t, type Language } from '../i18n/messages';
import { accountZone, refresh } from './jobs/refresh';
import { canScheduleHere, scheduleIsOn, scheduleOff, scheduleOn } from './jobs/scheduler';
import { currentLanguage } from '../settings/language';
import { openSidebar } from './sidebar/load';
import { statusText } from './status-text';

/** Names of the entry points (src/main.ts) the menu items call. */
export const MENU_HANDLERS = {
  refresh: 'menuRefresh',
  scheduleOn: 'menuScheduleOn',
  scheduleOff: 'menuScheduleOff',
  status: 'menuStatus',
  settings: 'menuSettings',
} as const;

export function buildMenu(ui: GoogleAppsScript.Base.Ui, lang: Language): void {
  ui.createAddonMenu()
    .addItem(t(lang, 'menuRefresh'), MENU_HANDLERS.refresh)
    .addSeparator()
    .addItem(t(lang, 'menuScheduleOn'), MENU_HANDLERS.scheduleOn)
    .addItem(t(lang, 'menuScheduleOff'), MENU_HANDLERS.scheduleOff)
    .addItem(t(lang, 'menuStatus'), MENU_HANDLERS.status)
    .addSeparator()
    .addItem(t(lang, 'menuSettings'), MENU_HANDLERS.settings)
    .addToUi();
}

/** Simple trigger: builds the menu (in Russian until settings can be read). */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const noAuth = e?.authMode === ScriptApp.AuthMode.NONE;
  buildMenu(SpreadsheetApp.getUi(), noAuth ? 'ru' : currentLanguage());
}

/**
 * Editor add-on install (AuthMode.FULL): the document is already open, so build the menu now,
 * and start the set-up wizard.
 */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
  if (!loadConnection()?.auth) openSidebar();
}

/** Not connected yet: every menu item leads to the set-up wizard instead of an error. */
function needsSetUp(): boolean {
  if (loadConnection()?.auth) return false;
  openSidebar();
  return true;
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
  if (needsSetUp()) return;
  const lang = currentLanguage();
  const ss = SpreadsheetApp.getActive();
  const result = refresh((m) => ss.toast(m, t(lang, 'menuTitle'), 30));
  if (result.outcome === 'skipped') ui()?.alert(t(lang, 'busy'));
  else if (result.outcome === 'partial' || result.outcome === 'deferred')
    ui()?.alert(result.message);
  else if (result.outcome === 'failed')
    ui()?.alert(`${t(lang, 'refreshFailed')}: ${result.message}`);
}

export function menuScheduleOn(): void {
  if (needsSetUp()) return;
  const lang = currentLanguage();
  if (!canScheduleHere()) {
    ui()?.alert(t(lang, 'scheduleNotEditor'));
    return;
  }
  scheduleOn();
  ui()?.alert(t(lang, 'scheduleOn'));
}

export function menuScheduleOff(): void {
  scheduleOff();
  ui()?.alert(t(currentLanguage(), 'scheduleOff'));
}

/** The rating's state in words: what the sheets show, failures, the next refresh, what to do. */
export function menuStatus(): void {
  const lang = currentLanguage();
  const text = statusText(lang, scheduleIsOn(), accountZone());
  const u = ui();
  u?.alert(t(lang, 'statusTitle'), text, u.ButtonSet.OK);
}

/** «Настройки»: the sidebar (the wizard when nothing is connected yet). */
export function menuSettings(): void {
  openSidebar();
}
