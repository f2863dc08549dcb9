/**
 * What one execution is, as in Apps Script: fresh globals each time, every method Google's
 * reference was checked for (and only those), the scopes the manifest declares, the script's own
 * CPU time inside the 6-minute limit, and a memory ceiling. Facts: docs/services.md §1.1, §1.7a,
 * §1.7b, §4.2 ("script globals start fresh every time"), §5.2 (scopes).
 */
import {
  callKind,
  DEFAULT_LATENCY_MS,
  FakeClock,
  GasRuntime,
  NO_LATENCY,
  RuntimeRuleError,
} from '../../dev/gas';
import { METHOD_TABLE } from '../../dev/gas/methods';
import { defineScript, newRuntime, runScript } from '../support/gas';

describe('every execution starts fresh', () => {
  test('a global set in one execution is gone in the next; properties and the sheet persist', () => {
    const rt = newRuntime();
    rt.evaluate(`var counter = 0;`);
    const bump = defineScript(
      rt,
      `counter++; PropertiesService.getScriptProperties().setProperty('c', String(counter)); return counter;`,
    );
    expect([rt.run(bump, [], 'menu'), rt.run(bump, [], 'menu')]).toEqual([1, 1]);
    expect(rt.properties.script.c).toBe('1');
  });

  test("the editor's Run passes no arguments and shows no result", () => {
    const rt = newRuntime();
    const f = defineScript(rt, `return 'result';`);
    expect(rt.run(f, [], 'editor')).toBeUndefined();
    expect(() => rt.run(f, ['x'], 'editor')).toThrow("The script editor's Run passes no arguments");
  });
});

describe('the method table', () => {
  test('a method nobody looked up fails the run loudly and is listed', () => {
    const rt = newRuntime();
    expect(() =>
      runScript(rt, `return SpreadsheetApp.getActive().getSheets()[0].getRange('A1').toString();`),
    ).toThrow(RuntimeRuleError);
    expect([...rt.unknownMethods]).toEqual(['Range.toString']);
  });

  test('the same failure cannot be caught by the script', () => {
    const rt = newRuntime();
    expect(() =>
      runScript(
        rt,
        `try { SpreadsheetApp.getActive().hasOwnProperty('x'); } catch (e) {} return 'went on';`,
      ),
    ).toThrow(RuntimeRuleError);
  });

  test('every method the emulated services answer has a row with its reference page', () => {
    const rt = newRuntime();
    const names = runScript(
      rt,
      `const out = [];
       const seen = new Set();
       const visit = (type, obj) => {
         if (!obj || seen.has(type)) return; seen.add(type);
         for (const k of Object.keys(obj)) if (typeof obj[k] === 'function') out.push(type + '.' + k);
       };
       const ss = SpreadsheetApp.getActive(); const sh = ss.getSheets()[0]; const r = sh.getRange('A1');
       visit('SpreadsheetApp', SpreadsheetApp); visit('Spreadsheet', ss); visit('Sheet', sh); visit('Range', r);
       visit('Protection', sh.protect()); visit('PropertiesService', PropertiesService);
       visit('Properties', PropertiesService.getScriptProperties()); visit('CacheService', CacheService);
       visit('LockService', LockService); visit('Lock', LockService.getScriptLock());
       visit('Utilities', Utilities); visit('Session', Session); visit('UrlFetchApp', UrlFetchApp);
       visit('ScriptApp', ScriptApp); visit('HtmlService', HtmlService);
       return out;`,
    ) as string[];
    expect(names.length).toBeGreaterThan(200);
    expect(names.filter((n) => !METHOD_TABLE.has(n))).toEqual([]);
    for (const rule of METHOD_TABLE.values())
      // the built-in services' reference pages; the advanced services' (BigQuery) have their own
      expect(rule.source).toMatch(
        /^https:\/\/developers\.google\.com\/apps-script\/(reference|advanced)\//,
      );
  });

  test('Session.getEffectiveUser needs userinfo.email, which the manifest does not declare', () => {
    const rt = newRuntime();
    expect(() => runScript(rt, `return Session.getEffectiveUser().getEmail();`)).toThrow(
      /userinfo\.email/,
    );
  });

  test('authorised services are refused in a simple trigger and in AuthMode.NONE', () => {
    const rt = newRuntime();
    const f = defineScript(
      rt,
      `return UrlFetchApp.fetch('https://demo.amocrm.ru/api/v4/account');`,
    );
    expect(() => rt.run(f, [], 'simpleTrigger')).toThrow(/permission/i);
    expect(() => rt.run(f, [], 'addonNone')).toThrow(
      'Authorization is required to perform that action.',
    );
  });
});

describe("the script's CPU time counts toward the limit", () => {
  test('computation between service calls moves the clock by about twice its Node time', () => {
    const clock = new FakeClock('2026-03-01T09:00:00Z');
    const rt = new GasRuntime({ clock, cpuFactor: 2 });
    const start = clock.now();
    runScript(
      rt,
      `const t = Date.now(); let x = 0;
       for (let i = 0; i < 3e7; i++) x += i % 7;
       PropertiesService.getScriptProperties().setProperty('x', String(x));`,
    );
    const rec = rt.executions.at(-1);
    expect(rec?.cpuMs).toBeGreaterThan(5);
    expect(rec?.chargedMs).toBeCloseTo((rec?.cpuMs ?? 0) * 2, 5);
    // the clock moved by the charged time (whole milliseconds), nothing slept
    expect(clock.now() - start).toBeGreaterThanOrEqual(Math.floor(rec?.chargedMs ?? 0) - 1);
    expect(Number.isInteger(clock.now())).toBe(true);
  });

  test('a computation longer than the limit dies with "Exceeded maximum execution time"', () => {
    const clock = new FakeClock('2026-03-01T09:00:00Z');
    // a large factor stands for a slow machine: 1 ms of Node = 100 s of Apps Script
    const rt = new GasRuntime({ clock, cpuFactor: 100_000 });
    expect(() =>
      runScript(
        rt,
        `const p = PropertiesService.getScriptProperties();
         for (let k = 0; k < 50; k++) { let x = 0; for (let i = 0; i < 2e5; i++) x += i; p.setProperty('k', String(k)); }`,
        'timeTrigger',
      ),
    ).toThrow('Exceeded maximum execution time');
    expect(Number(rt.properties.script.k ?? -1)).toBeLessThan(49);
    expect(rt.executions.at(-1)?.outcome).toBe('timeout');
  });
});

describe('every service call costs time on the clock', () => {
  const read5 = `const p = PropertiesService.getScriptProperties();
     for (let i = 0; i < 5; i++) p.getProperty('k' + i);`;

  test('each call is charged its kind’s latency: five property reads cost five reads', () => {
    const clock = new FakeClock('2026-03-01T09:00:00Z');
    const rt = new GasRuntime({ clock, cpuFactor: 0 });
    const start = clock.now();
    runScript(rt, read5);
    const want = DEFAULT_LATENCY_MS.handle + 5 * DEFAULT_LATENCY_MS.propertiesRead;
    expect(clock.now() - start).toBe(want);
    expect(rt.executions.at(-1)?.serviceMs).toBe(want);
  });

  test('the latencies are configurable, and can be switched off', () => {
    const slow = new FakeClock('2026-03-01T09:00:00Z');
    const rt = new GasRuntime({
      clock: slow,
      cpuFactor: 0,
      serviceLatency: { propertiesRead: 1000 },
    });
    runScript(rt, read5);
    expect(slow.now() - Date.parse('2026-03-01T09:00:00Z')).toBe(DEFAULT_LATENCY_MS.handle + 5000);
    const off = new FakeClock('2026-03-01T09:00:00Z');
    runScript(new GasRuntime({ clock: off, cpuFactor: 0, serviceLatency: NO_LATENCY }), read5);
    expect(off.now()).toBe(Date.parse('2026-03-01T09:00:00Z'));
  });

  test('service calls alone can run an execution out of time: it dies at the call that crosses the limit', () => {
    const clock = new FakeClock('2026-03-01T09:00:00Z');
    // one write a second: the 361st crosses six minutes
    const rt = new GasRuntime({ clock, cpuFactor: 0, serviceLatency: { propertiesWrite: 1000 } });
    expect(() =>
      runScript(
        rt,
        `const p = PropertiesService.getScriptProperties();
         for (let k = 0; k < 400; k++) p.setProperty('k', String(k));`,
        'timeTrigger',
      ),
    ).toThrow('Exceeded maximum execution time');
    expect(rt.executions.at(-1)?.outcome).toBe('timeout');
    expect(Number(rt.properties.script.k)).toBe(358);
  });

  test('every method of the table has a kind; reads, writes and structure differ', () => {
    for (const key of METHOD_TABLE.keys())
      expect(DEFAULT_LATENCY_MS[callKind(key)]).toBeGreaterThanOrEqual(0);
    expect(
      [
        'Range.getValues',
        'Range.setValues',
        'Sheet.insertRowsAfter',
        'SpreadsheetApp.flush',
        'Cache.put',
        'Properties.getProperty',
        'Lock.tryLock',
        'UrlFetchApp.fetchAll',
        'Utilities.sleep',
        'Spreadsheet.getSheets',
      ].map(callKind),
    ).toEqual([
      'sheetRead',
      'sheetWrite',
      'sheetStructure',
      'flush',
      'cacheWrite',
      'propertiesRead',
      'lock',
      'urlFetch',
      'local',
      'sheetMeta',
    ]);
  });
});

describe('memory', () => {
  test('an execution holding more than the ceiling dies with "Exceeded memory limit"', () => {
    const rt = newRuntime({ measureHeap: true, heapCeilingMiB: 64 });
    expect(() =>
      runScript(
        rt,
        `const keep = [];
         for (let i = 0; i < 40; i++) { keep.push(new Array(1e6).fill(i)); Utilities.getUuid(); }
         return keep.length;`,
      ),
    ).toThrow('Exceeded memory limit');
    expect(rt.executions.at(-1)?.outcome).toBe('memory');
  });

  test('the heap high-water mark of a small execution is small', () => {
    const rt = newRuntime({ measureHeap: true });
    runScript(rt, `const a = new Array(1e5).fill(1); Utilities.getUuid(); return a.length;`);
    const peak = rt.executions.at(-1)?.peakHeapMiB ?? 0;
    expect(peak).toBeGreaterThan(0.3);
    expect(peak).toBeLessThan(32);
  });
});

describe('fault injection', () => {
  test('a planned kill stops the run at that service call, as the time limit would', () => {
    const rt = newRuntime();
    rt.killPlan.push(3);
    expect(() =>
      runScript(
        rt,
        `const p = PropertiesService.getScriptProperties(); p.setProperty('a', '1'); p.setProperty('b', '2');`,
        'timeTrigger',
      ),
    ).toThrow('Exceeded maximum execution time');
    expect(rt.properties.script).toEqual({ a: '1' });
    expect(rt.executions.at(-1)?.outcome).toBe('killed');
  });
});
