/**
 * The script's global scope holds only what Apps Script's V8 has.
 * Facts: docs/services.md §6.1 [V8] — no timers, no fetch/URL/URLSearchParams/TextEncoder,
 * no require/process/module/Buffer; time comes from the runtime's clock.
 */
import { FakeClock, ExecutionTimeout } from '../../dev/gas';
import * as main from '../../src/main';
import { newRuntime, runScript } from '../support/gas';

describe('the script sandbox', () => {
  const rt = newRuntime();
  afterAll(() => rt.close());

  test.each([
    'require',
    'process',
    'module',
    'Buffer',
    'setTimeout',
    'setInterval',
    'fetch',
    'URL',
    'URLSearchParams',
    'TextEncoder',
    'TextDecoder',
    'atob',
    'btoa',
    'window',
    'global',
    'exports',
    'structuredClone',
    'queueMicrotask',
    'crypto',
    'performance',
  ])('%s is not visible to the bundle', (name) => {
    expect(rt.evaluate(`typeof ${name}`)).toBe('undefined');
  });

  test.each([
    'SpreadsheetApp',
    'PropertiesService',
    'CacheService',
    'LockService',
    'ScriptApp',
    'UrlFetchApp',
    'Utilities',
    'Session',
    'HtmlService',
    'Logger',
    'console',
    'Charts',
  ])('%s is a global, as in Apps Script', (name) => {
    expect(rt.evaluate(`typeof ${name}`)).toBe('object');
  });

  test('the bundle defines a top-level function for every entry point and nothing else global but __gas', () => {
    const builtins = new Set(Object.getOwnPropertyNames(globalThis));
    const added = rt
      .globalNames()
      .filter(
        (n) =>
          !builtins.has(n) &&
          ![
            'SpreadsheetApp',
            'PropertiesService',
            'CacheService',
            'LockService',
            'ScriptApp',
            'UrlFetchApp',
            'Utilities',
            'Session',
            'HtmlService',
            'Logger',
            'Charts',
            'Iterator',
          ].includes(n),
      );
    expect(added.sort()).toEqual(['__gas', ...Object.keys(main)].sort());
  });
});

describe('the clock', () => {
  test('new Date() and Date.now() inside the bundle read the injected clock; Utilities.sleep advances it', () => {
    const clock = new FakeClock('2026-03-01T09:00:00Z');
    const rt = newRuntime({ clock });
    const out = runScript(
      rt,
      `
      const a = new Date().toISOString();
      Utilities.sleep(90 * 1000);
      return [a, new Date(Date.now()).toISOString(), new Date(0).toISOString(), typeof Date(), new Date() instanceof Date];
    `,
    ) as unknown[];
    expect(out).toEqual([
      '2026-03-01T09:00:00.000Z',
      '2026-03-01T09:01:30.000Z',
      '1970-01-01T00:00:00.000Z',
      'string',
      true,
    ]);
    expect(clock.now()).toBe(Date.parse('2026-03-01T09:01:30Z'));
  });

  test('Utilities.sleep refuses more than 5 minutes [UTIL]', () => {
    const rt = newRuntime({ clock: new FakeClock('2026-03-01T09:00:00Z') });
    expect(() => runScript(rt, 'Utilities.sleep(300001)')).toThrow(
      'Sleep time must be between 0 and 300000 milliseconds.',
    );
  });
});

describe('the 6-minute execution limit [Q] §1.1', () => {
  test('an execution that runs past 6 minutes is stopped with "Exceeded maximum execution time"', () => {
    const clock = new FakeClock('2026-03-01T09:00:00Z');
    const rt = newRuntime({ clock });
    rt.evaluate('var progress = 0;');
    const run = () =>
      runScript(
        rt,
        'for (let i = 0; i < 100; i++) { Utilities.sleep(60000); progress = i + 1; PropertiesService.getScriptProperties().setProperty("p", String(i)); }',
        'timeTrigger',
      );
    expect(run).toThrow(ExecutionTimeout);
    expect(run).toThrow('Exceeded maximum execution time');
    // The minutes 1…6 completed; the call made after the limit never ran.
    expect(rt.properties.script.p).toBe('5');
  });

  test('a simple trigger (onOpen) has 30 seconds [TRIG-S]', () => {
    const rt = newRuntime({ clock: new FakeClock('2026-03-01T09:00:00Z') });
    expect(() =>
      runScript(rt, 'Utilities.sleep(31000); SpreadsheetApp.getActive();', 'simpleTrigger'),
    ).toThrow('Exceeded maximum execution time');
  });
});
