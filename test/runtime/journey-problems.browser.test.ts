/**
 * Journey (c), through the built sidebar in Chromium only (typing and clicking; the set-up before
 * the journey goes through the sidebar's entry points): the amoCRM token is revoked, the scheduled
 * refreshes fail hour after hour → the head's private chat in the Telegram emulator has exactly one
 * message about it; the sidebar opens on a banner saying what to do; «Подключение» says the
 * connection is broken; the head pastes a new token in the page → the banner is gone, the page
 * says so once, the chat gets one "solved" message, and the next refresh publishes.
 * Facts: docs/rules.md §7.1, §6.1.
 */
import { join } from 'node:path';
import { control } from '../../dev/emulator/processes';
import { describeInBrowser } from '../support/browser';
import { sheetValues } from '../support/fixture-account';
import { OUT, sampleInBrowser, toHead as toHeadOf } from '../support/sample-in-browser';
import { openSidebar, publishedWithTelegram } from '../support/set-up-rating';

describeInBrowser('journey: the amoCRM token is revoked', () => {
  const set = sampleInBrowser({ telegram: true });
  const toHead = () => toHeadOf(set.tg);

  test('one message when it breaks, a banner and a broken «Подключение»; a new token pasted in the page clears both, one "solved" message, and the next refresh publishes', async () => {
    // set-up: the sample account connected and published on Monday 16 March at 09:00 Moscow,
    // the bot posting to the group and to the head's private chat, the schedule on at 09:00
    const r = publishedWithTelegram(set.emu, set.tg, {
      daily: true,
      monday: true,
      quarter: true,
      headDigest: false,
      hour: 9,
      publicTopN: null,
    });
    const h = await set.harnessFor(r, 5);

    // all is well: the status bar says what the sheets show and when the next refresh comes
    {
      const { page, frame } = await openSidebar(r, h);
      const bar = frame.locator('dl.status-bar');
      expect(await bar.locator('dd.as-of').textContent()).toBe('16.03.2026 09:00');
      expect(await bar.locator('dd.next').textContent()).toBe('17.03.2026 09:00');
      expect(await bar.locator('dd.tg').textContent()).not.toBe('не подключён');
      expect(await bar.locator('dd.problem').count()).toBe(0);
      expect(await frame.locator('.banner').count()).toBe(0);
      await page.locator('iframe').screenshot({ path: join(OUT, 'sidebar-status-bar.png') });
    }

    // the admin revokes the token in amoCRM; Tuesday's 09:00 refresh and four hourly retries fail
    const { token } = await control<{ token: string }>(set.emu.url, 'token/revoke');
    r.advanceTo('2026-03-17T10:30:00Z');
    expect(r.triggerFailures).toEqual([]);
    const told = await toHead();
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('amoCRM не принимает подключение');
    expect(told[0]?.text).toContain('Подключение');

    // the sidebar opens on the banner; «Подключение» says the connection is broken
    const { page, frame } = await openSidebar(r, h);
    const banner = frame.locator('.sections > .banner');
    await banner.waitFor();
    expect(await frame.locator('.sections > *').first().getAttribute('class')).toContain('banner');
    expect(await banner.textContent()).toContain('Подключение к amoCRM не работает');
    expect(await banner.textContent()).toContain('долгосрочный токен');
    expect(await frame.locator('dl.status-bar dd.problem').textContent()).toMatch(
      /5 раз с 17\.03\.2026 09:00/,
    );
    await page.locator('iframe').screenshot({ path: join(OUT, 'sidebar-failure-banner.png') });
    await frame.locator('#banner-fix').click();
    await frame.waitForSelector('#sec-connection[open]');
    const section = frame.locator('#sec-connection');
    expect(await section.locator('.bad-line').textContent()).toContain('Подключение не работает');
    expect(await section.locator('.ok-line').count()).toBe(0);
    expect(await section.textContent()).not.toContain('✓ Подключено');
    // the banner's button put the cursor in the new-token field
    expect(await frame.evaluate(() => document.activeElement?.closest('.reconnect') !== null)).toBe(
      true,
    );
    // «Расписание и язык»: one entry for the five identical failures, and the next refresh
    await frame.locator('#sec-schedule > summary').click();
    const records = frame.locator('#sec-schedule ul.records > li');
    expect(await records.first().textContent()).toContain('ошибка — 5 раз с 17.03');
    expect(await records.filter({ hasText: 'amoCRM не принял ключ' }).count()).toBe(1);
    expect(await frame.locator('#sec-schedule .next-refresh').textContent()).toContain(
      'Следующее обновление',
    );
    await page.locator('iframe').screenshot({ path: join(OUT, 'sidebar-broken-sections.png') });

    // the head pastes the new token the admin generated
    await section.locator('.reconnect input').fill(token);
    await section.locator('#reconnect').click();
    await frame.waitForSelector('#sec-connection .ok-line');
    expect(await frame.locator('.banner').count()).toBe(0);
    expect(await frame.locator('dl.status-bar dd.problem').count()).toBe(0);
    const said = frame.locator('text=Подключение восстановлено');
    expect(await said.count()).toBe(1);
    expect(await frame.content()).not.toContain(token);
    await page.locator('iframe').screenshot({ path: join(OUT, 'sidebar-reconnected.png') });
    const after = await toHead();
    expect(after).toHaveLength(2);
    expect(after[1]?.text).toContain('подключение к amoCRM восстановлено');

    // the next hourly tick refreshes and publishes Tuesday's rating; nothing more to the head
    r.advanceTo('2026-03-17T11:30:00Z');
    expect(r.triggerFailures).toEqual([]);
    const last = JSON.parse(r.properties.document['rating.lastRefresh'] ?? '{}') as {
      dataAsOf?: string;
    };
    expect(last.dataAsOf).toMatch(/^17\.03\.2026/);
    expect(sheetValues(r, 'Неделя').length).toBeGreaterThan(1);
    expect(await toHead()).toHaveLength(2);
  });
});
