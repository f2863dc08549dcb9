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
export { getRatingSettings, saveRatingSettings } from './settings/endpoints';
