/**
 * Apps Script entry points, and nothing else: each is re-exported from the module that owns it.
 * The build turns every export into a top-level function of dist/Code.js (simple triggers, menu
 * items, triggers, the OAuth callback and google.script.run all need top-level names).
 */
export {
  onOpen,
  onInstall,
  menuRefresh,
  menuScheduleOn,
  menuScheduleOff,
  menuStatus,
  menuSettings,
} from './ui/menu';
export { schedulerTick, syncAmo } from './jobs/endpoints';
export {
  connectAmoWithToken,
  testAmoConnection,
  disconnectAmo,
  startAmoOAuth,
  authCallback,
} from './amocrm/endpoints';
export { getRatingSettings, saveRatingSettings, saveSettingsPart } from './settings/endpoints';
export { setSchedule } from './jobs/endpoints';
export { sidebarLoad } from './ui/sidebar';
export { previewPoints, previewNorms, bottomWatch } from './ui/previews';
export { openPlansDialog, plansLoad, savePlans } from './ui/plans-dialog';
export {
  connectTelegramBot,
  disconnectTelegramBot,
  findTelegramChats,
  sendTelegramTest,
} from './telegram/endpoints';
