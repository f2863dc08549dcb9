/**
 * The Telegram options as an account gets them: a new account shows the top 10 (a phone screen's
 * worth) and posts every day; settings stored before the working-days option existed still load,
 * keep their own top-N choice, and post every day as before.
 */
import { defaultSettings } from '../../../src/settings/defaults';
import { checkSettings } from '../../../src/settings/validate';

/** stored settings as JSON: the defaults with a pipeline chosen (none is refused) */
function storedSettings(): { telegram: Record<string, unknown> } {
  const s = defaultSettings();
  s.rating.pipelineIds = [1];
  return JSON.parse(JSON.stringify(s)) as { telegram: Record<string, unknown> };
}

test('a new account: the top 10 in the group, the daily post every day', () => {
  const tg = defaultSettings().telegram;
  expect(tg.publicTopN).toBe(10);
  expect(tg.workingDaysOnly).toBe(false);
});

test('settings stored before the option: loaded, their "everyone" kept, every day as before', () => {
  const stored = storedSettings();
  delete stored.telegram.workingDaysOnly;
  stored.telegram.publicTopN = null;
  const checked = checkSettings(stored, 'ru');
  expect(checked.ok).toBe(true);
  if (!checked.ok) return;
  expect(checked.settings.telegram.publicTopN).toBeNull();
  expect(checked.settings.telegram.workingDaysOnly).toBe(false);
});

test('the option is a yes or no', () => {
  const s = storedSettings();
  s.telegram.workingDaysOnly = 'да';
  const checked = checkSettings(s, 'ru');
  expect(checked.ok).toBe(false);
  if (checked.ok) return;
  expect(checked.errors.map((e) => e.field)).toEqual(['telegram.workingDaysOnly']);
});
