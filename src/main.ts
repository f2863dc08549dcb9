/**
 * Apps Script entry points, and nothing else: each is re-exported from the application layer
 * (src/app). The build turns every export into a top-level function of dist/Code.js (simple
 * triggers, menu items, the clock trigger, the OAuth callback and google.script.run all need
 * top-level names).
 */
export {
  onOpen,
  onInstall,
  menuRefresh,
  menuScheduleOn,
  menuScheduleOff,
  menuStatus,
  menuSettings,
} from './app/menu';
export { schedulerTick, syncAmo } from './app/triggers';
export { authCallback } from './app/oauth-callback';
export * from './app/sidebar-api';
export { plansLoad, savePlans } from './app/plans-api';
