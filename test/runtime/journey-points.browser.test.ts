/**
 * Journey, through the built sidebar in Chromium only (typing and clicking): the head types new
 * points in «Баллы» and closes the section before «Добавить» — the typed values are not in the
 * settings yet, so the section says so below its title, as any section left with unsaved edits
 * does, with «Открыть раздел»; reopened, the typed values are still there; added and saved, the
 * section closes without a word and the new version is in the settings. Facts: docs/rules.md §6.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import type { GasRuntime } from '../../dev/gas';
import { PageHarness } from '../../dev/gas/page-harness';
import { describeInBrowser, launchChromium } from '../support/browser';
import { setUpRuntime, startFixtureEmulator } from '../support/fixture-account';
import { openSidebar } from '../support/set-up-rating';
import { readSettings } from '../support/settings-io';

describeInBrowser('journey: points typed in «Баллы» and not added', () => {
  let browser: Browser;
  let context: BrowserContext;
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  let rt: GasRuntime | null = null;
  let harness: PageHarness | null = null;

  beforeAll(async () => {
    amo = await startFixtureEmulator();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'ru-RU' });
  });
  afterAll(async () => {
    await harness?.stop();
    await browser?.close();
    await rt?.close();
    await amo?.stop();
  });

  test('closing the section with typed points warns, «Открыть раздел» brings them back, added and saved they close quietly', async () => {
    const { rt: r } = setUpRuntime(amo);
    rt = r;
    const versionsBefore = readSettings(r).rating.points.length;
    const h = new PageHarness(r, context, { seed: 3 });
    await h.start();
    harness = h;
    const { frame } = await openSidebar(r, h, { sidebarHeight: 1400 });

    const section = frame.locator('#sec-points');
    const summary = frame.locator('#sec-points > summary');
    const warning = frame.locator('#left-points');
    const won = section.locator('.two-col').getByLabel('Успешно закрыто');

    // nothing typed: opening and closing says nothing
    await summary.click();
    await won.waitFor();
    const was = await won.inputValue();
    await summary.click();
    expect(await warning.count()).toBe(0);

    // a new value typed, the section closed before «Добавить»
    await summary.click();
    await won.fill('12,5');
    expect(await summary.textContent()).toContain('не сохранено');
    await summary.click();
    await warning.waitFor();
    expect(await warning.textContent()).toContain(
      'В разделе «Баллы» набраны новые баллы, но не добавлены',
    );
    expect(await summary.textContent()).toContain('не сохранено');
    // nothing reached the settings
    expect(readSettings(r).rating.points).toHaveLength(versionsBefore);

    // «Открыть раздел»: the section opens with the typed value still there
    await warning.getByRole('button', { name: 'Открыть раздел' }).click();
    await frame.waitForSelector('#sec-points[open]');
    expect(await won.inputValue()).toBe('12,5');
    expect(was).not.toBe('12,5');
    expect(await warning.count()).toBe(0);

    // added: now an unsaved edit of the settings, warned about as in any section
    await section.locator('#add-points').click();
    await summary.click();
    await warning.waitFor();
    expect(await warning.textContent()).toContain('остались несохранённые изменения');

    // saved: closing says nothing, and the new version is in the settings
    await warning.getByRole('button', { name: 'Открыть раздел' }).click();
    await frame.waitForSelector('#sec-points[open]');
    await section.locator('#save-points').click();
    await section.locator('.status.ok', { hasText: 'Сохранено' }).waitFor();
    await summary.click();
    expect(await warning.count()).toBe(0);
    expect(await summary.textContent()).not.toContain('не сохранено');
    const points = readSettings(r).rating.points;
    expect(points).toHaveLength(versionsBefore + 1);
    expect(points.at(-1)?.values.won).toBe(12.5);
  });
});
