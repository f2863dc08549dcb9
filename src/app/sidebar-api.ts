/**
 * The sidebar's server functions, and nothing else: the page is typed against this module, so a
 * rename breaks the page's build, and only these (with the plans dialog's) are meant for
 * google.script.run. Each lives in src/app/sidebar/, one module per section of work.
 */
export { sidebarLoad, sidebarStatus } from './sidebar/load';
export { previewPoints, previewNorms, bottomWatch } from './sidebar/previews';
export { saveSettingsPart } from './sidebar/settings-save';
export { setSchedule } from './sidebar/schedule';
export {
  connectAmoWithToken,
  testAmoConnection,
  disconnectAmo,
  startAmoOAuth,
  restartAmoOAuth,
} from './sidebar/amocrm-connection';
export {
  connectTelegramBot,
  disconnectTelegramBot,
  findTelegramChats,
  deleteTelegramWebhook,
  sendTelegramTest,
} from './sidebar/telegram-bot';
export { openPlansDialog } from './plans-api';
export { measureAmoAccount, chooseAccountStore } from './sidebar/account-size';
