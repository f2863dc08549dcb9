/**
 * Apps Script entry points, and nothing else: the build turns every export into a top-level
 * function of dist/Code.js (simple triggers, menu items, triggers and google.script.run all need
 * top-level names).
 */
import { t } from './i18n/messages';
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

function notReady(): void {
  SpreadsheetApp.getUi().alert(t(currentLanguage(), 'notReady'));
}

export function menuRefresh(): void {
  notReady();
}

export function menuScheduleOn(): void {
  notReady();
}

export function menuScheduleOff(): void {
  notReady();
}

export function menuStatus(): void {
  notReady();
}

export function menuSettings(): void {
  notReady();
}
