/**
 * The page harness behaves as Google's sidebar frame does: google.script.run runners, argument
 * checks in the browser, asynchronous answers in any order (≤ 10 in flight), null for a result
 * holding a Date, ScriptError failures, fresh globals per call, a sandboxed frame of another
 * origin with outside requests blocked, and google.script.host. Facts: docs/services.md §4.2, §4.3.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { PageHarness } from '../../dev/gas/page-harness';
import { describeInBrowser, launchChromium } from '../support/browser';
import { newRuntime, runScript } from '../support/gas';

/** google.script as the page sees it (the evaluate callbacks run in the page: types only) */
interface Runner {
  withSuccessHandler(f: (value: never, userObject: never) => void): Runner;
  withFailureHandler(f: (error: Error, userObject: never) => void): Runner;
  withUserObject(o: unknown): Runner;
  today(): void;
  echo(x: unknown): void;
  boom(x: unknown): void;
  counter(): void;
  nope?: () => void;
  secret_?: () => void;
}
interface PageWindow {
  google: {
    script: {
      run: Runner;
      host: { close(): void; setWidth(w: number): void; setHeight(h: number): void };
    };
  };
  data?: unknown;
}

const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p id="p">page</p></body></html>`;

describeInBrowser('the page harness', () => {
  let browser: Browser;
  let context: BrowserContext;
  const rt = newRuntime();
  let harness: PageHarness;
  beforeAll(async () => {
    rt.evaluate(`
function echo(x) { return x; }
function today() { return { list: [1, 2], when: new Date() }; }
function boom(x) { throw new Error('boom ' + x); }
var calls = 0;
function counter() { calls++; return calls; }
function secret_() { return 'never'; }
function showDialog() {
  const t = HtmlService.createTemplate('<!DOCTYPE html><html><head></head><body><p title="<?= title ?>"><?= title ?></p><script>var data = <?= data ?>;</script></body></html>');
  t.title = '<b>"Вера" & Co</b>';
  t.data = { name: '</script><script>alert(1)</script>', n: 2 };
  SpreadsheetApp.getUi().showModalDialog(t.evaluate().setWidth(500).setHeight(300), 'Dialog');
}`);
    browser = await launchChromium();
    context = await browser.newContext();
    harness = new PageHarness(rt, context, { seed: 7 });
    await harness.start();
  });
  afterAll(async () => {
    await harness?.stop();
    await browser?.close();
    await rt.close();
  });

  const open = () => harness.open({ kind: 'sidebar', html: PAGE });

  test('a result holding a Date reaches the success handler as null; failures are ScriptErrors with the user object', async () => {
    const { frame } = await open();
    const out = await frame.evaluate(
      () =>
        new Promise((resolve) => {
          const got: unknown[] = [];
          const done = () => got.length === 3 && resolve(got);
          const run = (window as unknown as PageWindow).google.script.run;
          run.withSuccessHandler((v: unknown) => (got.push(['today', v]), done())).today();
          run
            .withSuccessHandler((v: unknown) => (got.push(['echo', v]), done()))
            .echo({ a: [1, null], b: 'x' });
          run
            .withFailureHandler(
              (e: Error, u: unknown) => (got.push(['boom', e.name, e.message, u]), done()),
            )
            .withUserObject({ row: 3 })
            .boom(1);
        }),
    );
    expect(out).toEqual(
      expect.arrayContaining([
        ['today', null],
        ['echo', { a: [1, null], b: 'x' }],
        ['boom', 'ScriptError', 'boom 1', { row: 3 }],
      ]),
    );
  });

  test('20 calls at once: at most 10 in flight, answers out of order, every one answered', async () => {
    const { frame } = await open();
    const before = harness.calls.length;
    const order = await frame.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const seen: number[] = [];
          for (let i = 0; i < 20; i++)
            (window as unknown as PageWindow).google.script.run
              .withSuccessHandler((v: number) => {
                seen.push(v);
                if (seen.length === 20) resolve(seen);
              })
              .echo(i);
        }),
    );
    expect([...order].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(order).not.toEqual([...Array(20).keys()]);
    const mine = harness.calls.slice(before);
    expect(Math.max(...mine.map((c) => c.maxInFlight))).toBeLessThanOrEqual(10);
  });

  test('each call is a fresh execution: script globals do not survive', async () => {
    const { frame } = await open();
    const got = await frame.evaluate(
      () =>
        new Promise((resolve) => {
          const r = (window as unknown as PageWindow).google.script.run;
          r.withSuccessHandler((a: number) =>
            r.withSuccessHandler((b: number) => resolve([a, b])).counter(),
          ).counter();
        }),
    );
    expect(got).toEqual([1, 1]);
  });

  test('unknown and private functions do not exist; a Date argument throws TypeError in the page', async () => {
    const { frame } = await open();
    const got = await frame.evaluate(() => {
      const r = (window as unknown as PageWindow).google.script.run;
      const attempt = (f: () => void) => {
        try {
          f();
          return 'no error';
        } catch (e) {
          return `${(e as Error).name}: ${(e as Error).message}`;
        }
      };
      return [
        typeof r.nope,
        typeof r.secret_,
        attempt(() => (r.nope as () => void)()),
        attempt(() => r.echo(new Date())),
        attempt(() => r.echo({ when: new Date() })),
        attempt(() => r.echo(() => 1)),
      ];
    });
    expect(got[0]).toBe('undefined');
    expect(got[1]).toBe('undefined');
    expect(got[2]).toMatch(/^TypeError: .*nope is not a function/);
    expect(got.slice(3)).toEqual([
      'TypeError: Failed due to illegal value in property: 0',
      'TypeError: Failed due to illegal value in property: when',
      'TypeError: Failed due to illegal value in property: 0',
    ]);
  });

  test('the page is a sandboxed frame of another origin; outside requests are blocked', async () => {
    const { page, frame } = await open();
    const got = await frame.evaluate(async () => {
      let parentReadable = true;
      try {
        void window.parent.document.title;
      } catch {
        parentReadable = false;
      }
      let fetched = 'yes';
      try {
        await fetch('https://cdn.example.com/lib.js');
      } catch {
        fetched = 'blocked';
      }
      let navigated = 'yes';
      try {
        window.top!.location.href = 'https://example.com/';
      } catch {
        navigated = 'refused';
      }
      return { origin: location.origin, parentReadable, fetched, navigated };
    });
    expect(got.origin).toMatch(/^http:\/\/localhost:/);
    expect(got.parentReadable).toBe(false);
    expect(got.fetched).toBe('blocked');
    expect(got.navigated).toBe('refused');
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(harness.blocked).toContain('https://cdn.example.com/lib.js');
    expect(await page.locator('iframe').getAttribute('width')).toBe('300');
  });

  test('a template takes data as properties and escapes each value for where it stands; a dialog can be resized and closed', async () => {
    runScript(rt, `showDialog();`);
    const shown = rt.ui.pages.at(-1);
    expect(shown).toMatchObject({ kind: 'modal', width: 500, height: 300, title: 'Dialog' });
    const { page, frame, closed } = await harness.open(shown!);
    const got = await frame.evaluate(() => ({
      text: document.querySelector('p')?.textContent,
      title: document.querySelector('p')?.getAttribute('title'),
      data: (window as unknown as PageWindow).data,
      scripts: document.querySelectorAll('script').length,
    }));
    expect(got.text).toBe('<b>"Вера" & Co</b>');
    expect(got.title).toBe('<b>"Вера" & Co</b>');
    expect(got.data).toEqual({ name: '</script><script>alert(1)</script>', n: 2 });
    await frame.evaluate(() => (window as unknown as PageWindow).google.script.host.setWidth(640));
    await page.waitForFunction(
      () => document.querySelector('iframe')?.getAttribute('width') === '640',
    );
    await frame.evaluate(() => (window as unknown as PageWindow).google.script.host.close());
    await page.waitForFunction(
      () => (document.querySelector('iframe') as HTMLElement).style.display === 'none',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(closed()).toBe(true);
  });
});
