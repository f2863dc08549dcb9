/**
 * Every entry point of dist/Code.js, driven the way Google drives it (simple trigger, menu click,
 * sidebar call, clock trigger, OAuth callback), against the emulators. A call to an Apps Script
 * method the runtime's table does not know fails the run — the table (dev/gas/methods.ts) cites
 * the reference page of each of its rows. An entry point added without a driver here fails too.
 * Facts: docs/services.md §1.7b, §3, §4.2, §5.2.
 */
import { GasRuntime, RuntimeRuleError } from '../../dev/gas';
import { METHOD_TABLE } from '../../dev/gas/methods';
import { startTelegramEmulator, type TelegramHandle } from '../support/emulators';
import { setUpRuntime, startFixtureEmulator } from '../support/fixture-account';

type Driver = (rt: GasRuntime, tg: TelegramHandle) => unknown;

const client =
  (name: string, ...args: unknown[]): Driver =>
  (rt) =>
    rt.callFromClient(name, ...args);
const menu =
  (item: string): Driver =>
  (rt) =>
    rt.clickMenu('Рейтинг менеджеров', item);

/** How Google calls each entry point. */
const DRIVERS: Record<string, Driver> = {
  onOpen: (rt) => {
    rt.open('NONE');
    rt.open('LIMITED');
  },
  onInstall: (rt) => rt.run('onInstall', [{ authMode: 'FULL' }], 'menu'), // an add-on install runs in FULL
  menuRefresh: menu('Обновить сейчас'),
  menuScheduleOn: menu('Включить расписание'),
  menuScheduleOff: menu('Выключить расписание'),
  menuStatus: menu('Статус последнего обновления'),
  menuSettings: menu('Настройки'),
  schedulerTick: (rt) =>
    rt.run('schedulerTick', [{ authMode: 'FULL', triggerUid: '1' }], 'timeTrigger'),
  syncAmo: (rt) => rt.run('syncAmo', [], 'timeTrigger'),
  sidebarLoad: client('sidebarLoad'),
  sidebarStatus: client('sidebarStatus'),
  saveSettingsPart: client('saveSettingsPart', { 'rating.bottomWatch': { size: 2, minLeads: 0 } }),
  setSchedule: client('setSchedule', true, 8),
  previewPoints: (rt) =>
    rt.callFromClient(
      'previewPoints',
      (
        rt.callFromClient('sidebarLoad') as {
          settings: { rating: { points: Array<{ values: object }> } };
        }
      ).settings.rating.points[0]?.values,
    ),
  previewNorms: client('previewNorms', {
    norms: { maxOverdueTasks: 1, maxLost: null, maxLostShare: null, maxLeadsWithoutTasks: null },
    thresholds: { green: 1, yellow: 0.5 },
  }),
  bottomWatch: client('bottomWatch', { size: 3, minLeads: 0 }),
  openPlansDialog: client('openPlansDialog'),
  plansLoad: client('plansLoad'),
  savePlans: client('savePlans', []),
  connectAmoWithToken: () => undefined, // driven by setUpRuntime before everything else
  testAmoConnection: client('testAmoConnection'),
  measureAmoAccount: client('measureAmoAccount', true),
  chooseAccountStore: client('chooseAccountStore', 'spreadsheet', ''),
  startAmoOAuth: client('startAmoOAuth', 'demo', 'client-id', 'client-secret'),
  restartAmoOAuth: client('restartAmoOAuth'),
  authCallback: (rt) => {
    const start = rt.callFromClient('startAmoOAuth', 'demo', 'client-id', 'client-secret') as {
      url: string;
    };
    const state = new URL(start.url).searchParams.get('state') ?? '';
    return rt.userCallback({ state, code: 'wrong-code' });
  },
  disconnectAmo: () => undefined, // last: see below
  connectTelegramBot: (rt, tg) => rt.callFromClient('connectTelegramBot', tg.token),
  findTelegramChats: client('findTelegramChats'),
  deleteTelegramWebhook: client('deleteTelegramWebhook'),
  sendTelegramTest: (rt, tg) => rt.callFromClient('sendTelegramTest', tg.chatId),
  disconnectTelegramBot: () => undefined, // last
};

describe('every entry point of the bundle', () => {
  test('runs without one Apps Script method the runtime table does not know', async () => {
    const amo = await startFixtureEmulator();
    const tg = await startTelegramEmulator();
    const { rt } = setUpRuntime(amo);
    rt.routes = [
      { host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true },
      { host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true },
    ];
    try {
      const names = rt.publishedFunctions();
      expect(names.filter((n) => !(n in DRIVERS))).toEqual([]); // a new entry point needs a driver
      expect(Object.keys(DRIVERS).filter((n) => !names.includes(n))).toEqual([]);
      const failures: string[] = [];
      const order = [
        ...names.filter((n) => !['disconnectAmo', 'disconnectTelegramBot'].includes(n)),
        'disconnectTelegramBot',
        'disconnectAmo',
      ];
      // the Telegram bot first, so posting runs too
      order.sort((a, b) => (a === 'connectTelegramBot' ? -1 : b === 'connectTelegramBot' ? 1 : 0));
      for (const name of order) {
        try {
          if (name === 'disconnectAmo') rt.callFromClient('disconnectAmo');
          else if (name === 'disconnectTelegramBot') rt.callFromClient('disconnectTelegramBot');
          else DRIVERS[name]?.(rt, tg);
        } catch (e) {
          if (e instanceof RuntimeRuleError) failures.push(`${name}: ${e.message}`);
          // other errors are the product's own answers (tested elsewhere); they are not the point here
        }
      }
      expect(failures).toEqual([]);
      expect(rt.executions.length).toBeGreaterThan(names.length); // every driver ran something
      expect([...rt.unknownMethods]).toEqual([]);
      // every method called has a row, and every row cites its reference page
      const called = Object.keys(rt.callCounts()).filter((k) => !k.endsWith('.requests'));
      expect(called.filter((k) => !METHOD_TABLE.has(k))).toEqual([]);
      for (const k of called)
        expect(METHOD_TABLE.get(k)?.source).toMatch(
          /^https:\/\/developers\.google\.com\/apps-script\/reference\//,
        );
      // no execution died on a rule of the runtime
      expect(
        rt.executions.filter((x) => x.outcome === 'memory' || x.outcome === 'timeout'),
      ).toEqual([]);
    } finally {
      await rt.close();
      await tg.stop();
      await amo.stop();
    }
  });
});
