/**
 * ScriptApp triggers, UI availability and google.script.run.
 * Facts: docs/services.md §1.2 (21st trigger message), §3.1 [CTB] (everyMinutes 1/5/10/15/30,
 * atHour needs everyDays, runs within the hour), §2.1 (getUi from a trigger throws
 * "Cannot call SpreadsheetApp.getUi() from this context."), §4.2 [RUN] (Date/function fail).
 */
import { FakeClock } from '../../dev/gas';
import { defineScript, newRuntime, runScript } from '../support/gas';
import { readSettings, saveSettingsAsPages } from '../support/settings-io';

describe('installable triggers', () => {
  test("a 21st trigger for the same user is refused with Apps Script's message", () => {
    const rt = newRuntime({ clock: new FakeClock('2026-03-02T00:00:00Z') });
    runScript(
      rt,
      `for (let i = 0; i < 20; i++) ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();`,
    );
    expect(() =>
      runScript(rt, `ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();`),
    ).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    // another user has a quota of their own
    rt.user = 'other@sales.example';
    expect(
      runScript(
        rt,
        `ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); return ScriptApp.getProjectTriggers().length;`,
      ),
    ).toBe(1);
  });

  test('invalid clock schedules are refused', () => {
    const rt = newRuntime();
    expect(() =>
      runScript(rt, `ScriptApp.newTrigger('t').timeBased().everyMinutes(7).create();`),
    ).toThrow('everyMinutes (7) is invalid');
    expect(() =>
      runScript(rt, `ScriptApp.newTrigger('t').timeBased().atHour(9).create();`),
    ).toThrow('atHour requires a daily or weekly frequency');
  });

  test('a daily trigger fires once a day within its hour in its zone, with its event object, across DST-free and DST zones', () => {
    const clock = new FakeClock('2026-03-27T12:00:00Z');
    const rt = newRuntime({ clock });
    // each execution starts with fresh globals: the record goes to the script properties
    rt.evaluate(
      `function tick(e) {
        const p = PropertiesService.getScriptProperties();
        const fired = JSON.parse(p.getProperty('fired') || '[]');
        fired.push([new Date().toISOString(), e.hour, e['day-of-month'], e.timezone, e.authMode, typeof e.triggerUid]);
        p.setProperty('fired', JSON.stringify(fired));
      }`,
    );
    runScript(
      rt,
      `ScriptApp.newTrigger('tick').timeBased().atHour(9).nearMinute(0).everyDays(1).inTimezone('Europe/Berlin').create();`,
    );
    rt.advanceTo('2026-03-31T00:00:00Z');
    const fired = rt.properties.script.fired ?? '[]';
    // Berlin moves to summer time on 2026-03-29: 09:00 local is 08:00Z before, 07:00Z after.
    expect(JSON.parse(fired)).toEqual([
      ['2026-03-28T08:00:00.000Z', 9, 28, 'Europe/Berlin', 'FULL', 'string'],
      ['2026-03-29T07:00:00.000Z', 9, 29, 'Europe/Berlin', 'FULL', 'string'],
      ['2026-03-30T07:00:00.000Z', 9, 30, 'Europe/Berlin', 'FULL', 'string'],
    ]);
  });

  test('a one-off after() trigger fires once and stays listed until deleted; a failing trigger is recorded, not fatal', () => {
    const clock = new FakeClock('2026-03-02T00:00:00Z');
    const rt = newRuntime({ clock });
    rt.evaluate(
      `var n = 0;
      function once() {
        n++;
        PropertiesService.getScriptProperties().setProperty('runs', String(Number(PropertiesService.getScriptProperties().getProperty('runs') || 0) + 1));
        PropertiesService.getScriptProperties().setProperty('n', String(n));
        throw new Error('boom');
      }`,
    );
    runScript(rt, `ScriptApp.newTrigger('once').timeBased().after(10 * 60 * 1000).create();`);
    rt.advanceTo('2026-03-02T01:00:00Z');
    expect(rt.properties.script.runs).toBe('1');
    // globals start fresh in every execution
    expect(rt.properties.script.n).toBe('1');
    expect(rt.triggerList()).toHaveLength(1);
    expect(rt.triggerFailures).toEqual([
      expect.objectContaining({ handler: 'once', message: 'boom' }),
    ]);
  });
});

describe('UI availability', () => {
  test('getUi() from a time-driven trigger throws; from a menu click it works', () => {
    const rt = newRuntime();
    const f = defineScript(rt, `SpreadsheetApp.getUi().alert('hi'); return 'shown';`);
    expect(() => rt.run(f, [], 'timeTrigger')).toThrow(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
    expect(() => rt.run(f, [], 'editor')).toThrow(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
    expect(rt.run(f, [], 'menu')).toBe('shown');
    expect(rt.ui.alerts.map((a) => a.prompt)).toEqual(['hi']);
  });

  test('a simple trigger cannot use services that need authorisation [TRIG-S]', () => {
    const rt = newRuntime({ routes: [{ host: /\.amocrm\.ru$/, target: 'http://127.0.0.1:9' }] });
    expect(() =>
      runScript(rt, `UrlFetchApp.fetch('https://x.amocrm.ru/api/v4/account');`, 'simpleTrigger'),
    ).toThrow(
      'You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
    );
    expect(() =>
      runScript(
        rt,
        `ScriptApp.newTrigger('x').timeBased().everyHours(1).create();`,
        'simpleTrigger',
      ),
    ).toThrow('You do not have permission');
  });

  test('sidebars are recorded at 300 px and need the container.ui scope', () => {
    const rt = newRuntime();
    runScript(
      rt,
      `SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p>Настройки</p>').setTitle('Настройки'));`,
      'menu',
    );
    expect(rt.ui.pages).toEqual([
      expect.objectContaining({
        kind: 'sidebar',
        title: 'Настройки',
        html: '<p>Настройки</p>',
        width: 300,
      }),
    ]);
  });
});

describe('google.script.run [RUN]', () => {
  const rt = newRuntime();
  afterAll(() => rt.close());
  rt.evaluate(`
    function echo(x) { return x; }
    function today() { return new Date(); }
    function secret_() { return 'hidden'; }
  `);

  test('plain data passes as a copy; undefined inside arrays becomes null', () => {
    expect(rt.callFromClient('echo', { a: [1, 'x', true, null, undefined], b: { c: 2 } })).toEqual({
      a: [1, 'x', true, null, null],
      b: { c: 2 },
    });
  });

  test('a Date or a function as an argument fails the call', () => {
    expect(() => rt.callFromClient('echo', new Date())).toThrow(
      'Failed due to illegal value in property: 0',
    );
    expect(() => rt.callFromClient('echo', { when: new Date() })).toThrow(
      'Failed due to illegal value in property: when',
    );
    expect(() => rt.callFromClient('echo', () => 1)).toThrow(
      'Failed due to illegal value in property: 0',
    );
  });

  test('a Date anywhere in the return value reaches the page as null, with no error', () => {
    expect(rt.callFromClient('today')).toBeNull();
  });

  test('private functions (ending in _) and non-top-level names cannot be called', () => {
    expect(() => rt.callFromClient('secret_')).toThrow('Script function not found: secret_');
    expect(() => rt.callFromClient('__gas')).toThrow('Script function not found');
  });
});

describe('the product menu (dist/Code.js)', () => {
  test('opening the spreadsheet runs onOpen, which builds the Russian menu a user sees', () => {
    const rt = newRuntime();
    rt.open();
    expect(rt.ui.menus).toHaveLength(1);
    const menu = rt.ui.menus[0];
    if (!menu) throw new Error('no menu');
    expect(menu.caption).toBe('Рейтинг менеджеров');
    expect(menu.items.map((i) => (i.separator ? '—' : i.caption))).toEqual([
      'Обновить сейчас',
      '—',
      'Включить расписание',
      'Выключить расписание',
      'Статус последнего обновления',
      '—',
      'Настройки',
    ]);
    // every item names a top-level entry point of the bundle
    for (const item of menu.items.filter((i) => i.functionName)) {
      expect(rt.evaluate(`typeof ${item.functionName}`)).toBe('function');
    }
  });

  test('the menu is in English when the sales head chose English', () => {
    const rt = newRuntime();
    // the single switch: the settings' language, saved through the settings entry point
    const settings = readSettings(rt);
    const saved = saveSettingsAsPages(rt, {
      ...settings,
      language: 'en',
      rating: { ...settings.rating, pipelineIds: [1] },
    });
    expect(saved.ok).toBe(true);
    rt.open();
    // an add-on menu is named after the project (Extensions → name); its items speak English
    expect(rt.ui.menus[0]?.addon).toBe(true);
    expect(rt.ui.menus[0]?.items.map((i) => i.caption).filter(Boolean)).toEqual([
      'Refresh now',
      'Turn schedule on',
      'Turn schedule off',
      'Last refresh status',
      'Settings',
    ]);
  });

  test('as an add-on not yet used in the document (AuthMode.NONE), onOpen builds the menu and reads nothing', () => {
    const rt = newRuntime();
    rt.resetCounts();
    rt.open('NONE');
    expect(rt.ui.menus[0]?.items.filter((i) => i.functionName)).toHaveLength(5);
    expect(rt.countOf('PropertiesService')).toBe(0);
    expect(rt.executions.at(-1)?.outcome).toBe('ok');
  });

  test('Settings opens the 300 px sidebar; before anything is connected every item leads there', () => {
    const rt = newRuntime();
    rt.open();
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    rt.clickMenu('Рейтинг менеджеров', 'Включить расписание');
    rt.clickMenu('Рейтинг менеджеров', 'Настройки');
    expect(rt.ui.pages.map((p) => [p.kind, p.width, p.title])).toEqual([
      ['sidebar', 300, 'Рейтинг менеджеров'],
      ['sidebar', 300, 'Рейтинг менеджеров'],
      ['sidebar', 300, 'Рейтинг менеджеров'],
    ]);
    expect(rt.triggerList()).toHaveLength(0);
    expect(rt.ui.alerts).toHaveLength(0);
  });
});
