/**
 * Journey, through the built sidebar in Chromium only (typing and clicking; the set-up before the
 * journey goes through the sidebar's entry points): the account is connected by OAuth, and amoCRM
 * withdraws the grant (the admin turns the integration off, or the refresh key lapses) — the
 * access token gets 401 and the refresh token 401 «Token has been revoked», as amoCRM answers.
 * The head's private chat gets one message saying to allow access again (no token to paste);
 * the sidebar opens on a banner whose button leads to «Подключение», which says the connection is
 * broken and offers «Разрешить доступ заново»; the head clicks it, follows the link to amoCRM's
 * consent page and allows access (amoCRM sends the browser back to the script's callback), tests
 * the connection → the banner is gone, the page says so once, the chat gets one "solved" message,
 * and the next refresh publishes with the new tokens.
 * Facts: docs/rules.md §7.1, docs/services.md §A2.
 */
import { join } from 'node:path';
import type { GasRuntime } from '../../dev/gas';
import { control } from '../../dev/emulator/processes';
import { describeInBrowser } from '../support/browser';
import { setUpRuntime, sheetValues } from '../support/fixture-account';
import { OUT, sampleInBrowser, toHead as toHeadOf } from '../support/sample-in-browser';
import { connectTelegram, openSidebar, refresh } from '../support/set-up-rating';

interface Saved {
  auth: { kind: string; accessToken: string; refreshToken: string };
}

describeInBrowser('journey: amoCRM withdraws the OAuth grant', () => {
  const set = sampleInBrowser({ telegram: true });
  const toHead = () => toHeadOf(set.tg);

  /** amoCRM's consent page: the head allows access, amoCRM sends the browser to the callback. */
  async function allowOnAmo(r: GasRuntime, consentUrl: string): Promise<string> {
    const state = new URL(consentUrl).searchParams.get('state') ?? '';
    const { code } = await control<{ code: string }>(set.emu.url, 'oauth/code');
    const page = r.userCallback({ state, code });
    return 'html' in page ? page.html : page.error;
  }

  const saved = (r: GasRuntime) =>
    JSON.parse(r.properties.document['amocrm.connection'] ?? 'null') as Saved;

  test('one message saying to allow access again, a banner and a broken «Подключение»; a new consent clears both, one "solved" message, and the next refresh publishes', async () => {
    // set-up: the sample account connected by OAuth and published on Monday 16 March at 09:00
    // Moscow, the bot posting to the group and to the head's private chat, the schedule on at 09:00
    const { rt: r } = setUpRuntime(set.emu);
    const st = await control<{ oauth: { clientId: string; clientSecret: string } }>(
      set.emu.url,
      'state',
    );
    const start = r.callFromClient(
      'startAmoOAuth',
      'demo',
      st.oauth.clientId,
      st.oauth.clientSecret,
    ) as {
      ok: boolean;
      url: string;
    };
    expect(start.ok).toBe(true);
    expect(await allowOnAmo(r, start.url)).toContain('amoCRM подключён');
    const first = saved(r);
    expect(first.auth.kind).toBe('oauth');
    connectTelegram(r, set.emu, set.tg, {
      daily: true,
      monday: true,
      quarter: true,
      headDigest: false,
      hour: 9,
      publicTopN: null,
    });
    refresh(r);
    expect(r.callFromClient('setSchedule', true, 9)).toMatchObject({ ok: true, on: true });
    const h = await set.harnessFor(r, 7);

    // amoCRM withdraws the grant: Tuesday's 09:00 refresh and its hourly retries fail
    const { revoked } = await control<{ revoked: number }>(set.emu.url, 'oauth/revoke');
    expect(revoked).toBe(1);
    r.advanceTo('2026-03-17T10:30:00Z');
    expect(r.triggerFailures).toEqual([]);
    const told = await toHead();
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('amoCRM не принимает подключение');
    // the way out for OAuth is a new consent: no token to issue or paste
    expect(told[0]?.text).toContain('Разрешить доступ заново');
    expect(told[0]?.text).not.toContain('долгосрочный токен');
    // the spent tokens stay saved until a consent replaces them: nothing to lose meanwhile
    expect(saved(r).auth.kind).toBe('oauth');

    // the sidebar opens on the banner; its button leads to «Подключение», which says it is broken
    const { page, frame } = await openSidebar(r, h);
    const banner = frame.locator('.sections > .banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Подключение к amoCRM не работает');
    expect(await banner.textContent()).toContain('Подключитесь к amoCRM заново');
    expect(await frame.locator('#banner-fix').textContent()).toBe('Разрешить доступ заново');
    await frame.locator('#banner-fix').click();
    await frame.waitForSelector('#sec-connection[open]');
    const section = frame.locator('#sec-connection');
    expect(await section.locator('.bad-line').textContent()).toContain('Подключение не работает');
    expect(await section.textContent()).not.toContain('✓ Подключено');
    // no token field for an OAuth connection; the banner's button put the focus on the consent
    expect(await section.locator('.reconnect input').count()).toBe(0);
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('reconsent');
    await page.locator('iframe').screenshot({ path: join(OUT, 'sidebar-oauth-broken.png') });

    // «Разрешить доступ заново» → the link to amoCRM's consent page for the same integration
    await section.locator('#reconsent').click();
    const link = section.locator('#reconsent-link');
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^https:\/\/www\.amocrm\.ru\/oauth\?client_id=/);
    expect(new URL(href).searchParams.get('client_id')).toBe(st.oauth.clientId);
    expect(await link.getAttribute('target')).toBe('_blank');
    // testing before allowing says it is not working yet, and the banner stays
    await section.locator('#reconsent-check').click();
    await section.locator('.status.bad', { hasText: 'пока не принимает' }).waitFor();
    expect(await frame.locator('.sections > .banner').count()).toBe(1);

    // the head allows access on amoCRM's page; amoCRM sends the browser to the script's callback
    expect(await allowOnAmo(r, href)).toContain('amoCRM подключён');
    await section.locator('#reconsent-check').click();
    await frame.waitForSelector('#sec-connection .ok-line');
    expect(await frame.locator('.banner').count()).toBe(0);
    expect(await frame.locator('dl.status-bar dd.problem').count()).toBe(0);
    expect(await frame.locator('text=Подключение восстановлено').count()).toBe(1);
    expect(await frame.locator('text=пока не принимает').count()).toBe(0);
    await page.locator('iframe').screenshot({ path: join(OUT, 'sidebar-oauth-reconnected.png') });
    const after = await toHead();
    expect(after).toHaveLength(2);
    expect(after[1]?.text).toContain('подключение к amoCRM восстановлено');
    const renewed = saved(r);
    expect(renewed.auth.refreshToken).not.toBe(first.auth.refreshToken);

    // the next hourly tick refreshes and publishes Tuesday's rating; nothing more to the head
    r.advanceTo('2026-03-17T11:30:00Z');
    expect(r.triggerFailures).toEqual([]);
    const last = JSON.parse(r.properties.document['rating.lastRefresh'] ?? '{}') as {
      dataAsOf?: string;
    };
    expect(last.dataAsOf).toMatch(/^17\.03\.2026/);
    expect(sheetValues(r, 'Неделя').length).toBeGreaterThan(1);
    expect(await toHead()).toHaveLength(2);

    // Wednesday: amoCRM refuses the access token mid-run (as at its 24 hours' end); the refresh
    // token of the new consent renews it, and the rating is published as usual
    await control(set.emu.url, 'faults', { kind: '401', count: 1 });
    r.advanceTo('2026-03-18T06:30:00Z');
    expect(r.triggerFailures).toEqual([]);
    expect(saved(r).auth.refreshToken).not.toBe(renewed.auth.refreshToken);
    expect(
      (JSON.parse(r.properties.document['rating.lastRefresh'] ?? '{}') as { dataAsOf?: string })
        .dataAsOf,
    ).toMatch(/^18\.03\.2026/);
    expect(await toHead()).toHaveLength(2);
  });
});
