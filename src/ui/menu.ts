/** The product's menu in the spreadsheet. */
import { t, type Language } from '../i18n/messages';

/** Names of the entry points (src/main.ts) the menu items call. */
export const MENU_HANDLERS = {
  refresh: 'menuRefresh',
  scheduleOn: 'menuScheduleOn',
  scheduleOff: 'menuScheduleOff',
  status: 'menuStatus',
  settings: 'menuSettings',
} as const;

export function buildMenu(ui: GoogleAppsScript.Base.Ui, lang: Language): void {
  ui.createMenu(t(lang, 'menuTitle'))
    .addItem(t(lang, 'menuRefresh'), MENU_HANDLERS.refresh)
    .addSeparator()
    .addItem(t(lang, 'menuScheduleOn'), MENU_HANDLERS.scheduleOn)
    .addItem(t(lang, 'menuScheduleOff'), MENU_HANDLERS.scheduleOff)
    .addItem(t(lang, 'menuStatus'), MENU_HANDLERS.status)
    .addSeparator()
    .addItem(t(lang, 'menuSettings'), MENU_HANDLERS.settings)
    .addToUi();
}
