/**
 * Journey, through the built sidebar in Chromium (choosing and clicking only): on a generated
 * account whose managers sit in three amoCRM groups, the head chooses teams «по баллам на
 * человека» in «Нормы и цвета», saves and refreshes → Неделя has the team table, each team's
 * points per member being the sum of its members' points by the reference recount of the
 * emulator's own account (test/oracle, not the product) over the members the emulator lists in
 * the group, ranked by it. Chosen «не показывать», saved and refreshed → no team table.
 * Pictures of the section go to out/. Facts: docs/rules.md §3.7.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { FakeClock, GasRuntime } from '../../dev/gas';
import { PageHarness } from '../../dev/gas/page-harness';
import { describeInBrowser, launchChromium } from '../support/browser';
import { startAmoEmulator, type AmoHandle } from '../support/emulators';
import { sheetValues } from '../support/fixture-account';
import { oracleWeek } from '../support/oracle-week';
import { openSidebar, refresh } from '../support/set-up-rating';
import { readSettings, saveSettingsAsPages } from '../support/settings-io';
import { readTeams } from '../support/team-table';

const OUT = join(__dirname, '..', '..', 'out');
const NOW = '2026-03-20T15:00:00Z'; // Friday 18:00 in Moscow: a week of points

interface Dump {
  users: Array<{ id: number; name: string; rights: { group_id?: number | null } }>;
  account: { _embedded?: { users_groups?: Array<{ id: number; name: string }> } };
}

describeInBrowser('journey: teams ranked by points per member', () => {
  let browser: Browser;
  let context: BrowserContext;
  let amo: AmoHandle;
  let rt: GasRuntime;
  let harness: PageHarness;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    amo = await startAmoEmulator([
      '--seed',
      '5',
      '--size',
      'tiny',
      '--managers',
      '6',
      '--now',
      NOW,
    ]);
    const st = await amo.control<{ now: number; token: string; adminUserId: number }>('state');
    rt = new GasRuntime({
      clock: new FakeClock(st.now * 1000),
      routes: [{ host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true }],
    });
    const connected = rt.run('connectAmoWithToken', ['demo', st.token], 'client') as {
      ok: boolean;
      message: string;
    };
    if (!connected.ok) throw new Error(connected.message);
    rt.open();
    // set up as the wizard leaves it: the settings saved once, the head's own user not rated
    const current = readSettings(rt);
    const saved = saveSettingsAsPages(rt, {
      ...current,
      rating: { ...current.rating, excludedUserIds: [st.adminUserId] },
    });
    if (!saved.ok) throw new Error(saved.errors.map((e) => e.message).join('; '));
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'ru-RU' });
    harness = new PageHarness(rt, context, { seed: 11 });
    await harness.start();
  });
  afterAll(async () => {
    await harness?.stop();
    await browser?.close();
    await rt?.close();
    await amo?.stop();
  });

  /** «Нормы и цвета» opened, «Команды» set to `label`, saved. */
  async function chooseTeams(label: string, picture: string): Promise<void> {
    const { page, frame } = await openSidebar(rt, harness, { sidebarHeight: 1400 });
    await frame.locator('#sec-norms > summary').click();
    await frame.waitForSelector('#sec-norms[open]');
    const teams = frame.locator('#sec-norms').getByLabel('Команды (группы amoCRM)');
    await teams.selectOption({ label });
    expect(await frame.locator('#sec-norms > summary .dirty').count()).toBe(1);
    await frame.locator('#save-norms').click();
    await frame.waitForSelector('#sec-norms .status.ok');
    await frame.locator('#sec-norms').scrollIntoViewIfNeeded();
    await page.locator('iframe').screenshot({ path: join(OUT, picture) });
    // reopened, the choice shows as saved
    const again = await openSidebar(rt, harness, { sidebarHeight: 1400 });
    await again.frame.locator('#sec-norms > summary').click();
    const shown = again.frame.locator('#sec-norms').getByLabel('Команды (группы amoCRM)');
    expect(await shown.locator('option:checked').textContent()).toBe(label);
  }

  test('«по баллам на человека» saved and refreshed: Неделя ranks the teams by their members’ points per member, as the emulator’s groups add up', async () => {
    refresh(rt);
    expect(readTeams(sheetValues(rt, 'Неделя')).title).not.toBe('');

    await chooseTeams('по баллам на человека', 'sidebar-teams-per-member.png');
    expect(readSettings(rt).rating.teams).toBe('perMember');
    refresh(rt);

    const { title, members, teams } = readTeams(sheetValues(rt, 'Неделя'));
    expect(title).toBe('Команды (группы amoCRM), места по баллам на человека');

    // the expected table: the reference recount's week on the emulator's own account, its
    // managers put in the groups the emulator lists
    const dump = await amo.control<Dump>('dump');
    const groups = new Map(
      (dump.account._embedded?.users_groups ?? []).map((g) => [g.id, g.name] as const),
    );
    const week = await oracleWeek(
      amo,
      readSettings(rt).rating,
      new Date(rt.clock.now()).toISOString(),
    );
    expect(week.map((w) => w.name).sort()).toEqual(members.map((m) => m.name).sort());
    const want = new Map<string, { points: number; n: number }>();
    for (const w of week) {
      const user = dump.users.find((u) => u.name === w.name);
      if (!user) throw new Error(`the emulator has no user ${w.name}`);
      const team = groups.get(user.rights.group_id ?? 0) ?? '?';
      const t = want.get(team) ?? { points: 0, n: 0 };
      t.points += w.points;
      t.n++;
      want.set(team, t);
    }
    expect(want.size).toBe(3);
    const ranked = [...want.entries()]
      .map(([name, t]) => ({ name, members: t.n, points: t.points, perMember: t.points / t.n }))
      .sort((a, b) => b.perMember - a.perMember);
    expect(teams.map((t) => t.place)).toEqual([1, 2, 3]);
    // each team's points and points per member, to the oracle's rounding of a manager's points
    // (0.005 each)
    for (const [i, t] of teams.entries()) {
      const w = ranked[i];
      expect([t.name, t.members]).toEqual([w?.name, w?.members]);
      expect(Math.abs(t.points - (w?.points ?? NaN))).toBeLessThanOrEqual(
        0.005 * (w?.members ?? 0),
      );
      expect(Math.abs(Number(t.perMember) - (w?.perMember ?? NaN))).toBeLessThanOrEqual(0.005);
    }
  });

  test('«не показывать» saved and refreshed: Неделя has no team table', async () => {
    await chooseTeams('не показывать', 'sidebar-teams-off.png');
    expect(readSettings(rt).rating.teams).toBe('off');
    refresh(rt);
    const { title, members } = readTeams(sheetValues(rt, 'Неделя'));
    expect(title).toBe('');
    expect(members.length).toBeGreaterThan(2);
    expect(
      sheetValues(rt, 'Неделя').some((r) => r.some((c) => String(c).includes('Команды'))),
    ).toBe(false);
  });
});
