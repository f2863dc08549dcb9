/**
 * One language switch (docs/rules.md §8 Language): with `language: 'en'` saved through the sidebar's
 * settings entry point, the menu, the sheets, the status and the messages are English — nothing
 * else writes a hidden switch.
 */
import { setUpRuntime, sheetValues, startFixtureEmulator } from '../support/fixture-account';

test('English, from one setting: menu, sheet names and texts, alerts, the status, the sidebar title', async () => {
  const amo = await startFixtureEmulator();
  const { rt } = setUpRuntime(amo);
  try {
    expect(rt.callFromClient('saveSettingsPart', { language: 'en' })).toMatchObject({ ok: true });
    rt.open();
    expect(rt.ui.menus[0]?.items.map((i) => i.caption).filter(Boolean)).toEqual([
      'Refresh now',
      'Turn schedule on',
      'Turn schedule off',
      'Last refresh status',
      'Settings',
    ]);
    rt.clickMenu('Рейтинг менеджеров', 'Refresh now');
    const names = rt.spreadsheet.sheets.filter((s) => !s.hidden).map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['Week', 'Month', 'Quarter', 'History', 'Breakdown']),
    );
    expect(names.some((n) => /[а-яё]/i.test(n))).toBe(false);
    const week = sheetValues(rt, 'Week');
    const text = week
      .slice(0, 8)
      .flat()
      .filter((v) => typeof v === 'string')
      .join(' ');
    expect(text).toContain('Manager');
    // nothing of the product's own words is Russian; names from amoCRM are what they are
    const own = week
      .slice(0, 6)
      .flat()
      .filter((v): v is string => typeof v === 'string');
    expect(own.filter((v) => /[а-яё]/i.test(v))).toEqual([]);
    expect(rt.toasts.map((t) => t.message).join(' ')).not.toMatch(/[а-яё]/i);
    rt.clickMenu('Рейтинг менеджеров', 'Last refresh status');
    expect(rt.ui.alerts.at(-1)?.prompt).toMatch(/Schedule is (on|off)/);
    expect(rt.ui.alerts.at(-1)?.prompt ?? '').not.toMatch(/[а-яё]/i);
    rt.clickMenu('Рейтинг менеджеров', 'Settings');
    expect(rt.ui.pages.at(-1)?.title).toBe('Manager rating');
    // a refused save answers in English too
    const bad = rt.callFromClient('saveSettingsPart', { scheduleHour: 25 }) as {
      ok: boolean;
      errors: Array<{ message: string }>;
    };
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]?.message).toMatch(/^[\x20-\x7e–—«»"]+$/);
  } finally {
    await rt.close();
    await amo.stop();
  }
});
