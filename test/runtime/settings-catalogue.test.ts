/**
 * Bad settings, through the sidebar's own save (a google.script.run call, with its transport
 * rules): each refused with a message in Russian next to the field it names, and nothing saved —
 * the stored settings stay exactly as they were. Facts: docs/rules.md §6.1, §8 (Security).
 */
import type { GasRuntime } from '../../dev/gas';
import type { Settings } from '../../src/settings/schema';
import { setUpRuntime, startFixtureEmulator } from '../support/fixture-account';
import { readSettings, saveSettingsAsPages, type SaveAnswer } from '../support/settings-io';

type S = Settings & Record<string, unknown>;

// [case, the part a page sends, the field the message must name (its start)]
const PART_CASES: Array<[string, () => Record<string, unknown>, string]> = [
  ['a future settings version', () => ({ version: 3 }), 'version'],
  ['an unknown key', () => ({ theme: 'dark' }), 'theme'],
  [
    'a __proto__ key',
    () =>
      Object.defineProperty({}, '__proto__', {
        value: { polluted: true },
        enumerable: true,
      }),
    '__proto__',
  ],
  [
    'a constructor key in the rating',
    () => ({ 'rating.constructor': { prototype: {} } }),
    'rating.constructor',
  ],
  ['no fields at all', () => ({}), ''],
];

// [case, the change, the field the message must name (its start)]
const CASES: Array<[string, (s: S) => unknown, string]> = [
  ['norms missing', (s) => delete (s.rating as unknown as Record<string, unknown>).norms, 'rating'],
  [
    'stages missing',
    (s) => delete (s.rating as unknown as Record<string, unknown>).stages,
    'rating',
  ],
  ['plans missing', (s) => delete (s.rating as unknown as Record<string, unknown>).plans, 'rating'],
  [
    'excludedUserIds a number',
    (s) => ((s.rating as unknown as Record<string, unknown>).excludedUserIds = 5),
    'rating.excludedUserIds',
  ],
  [
    'countSkippedStages "no"',
    (s) => ((s.rating as unknown as Record<string, unknown>).countSkippedStages = 'no'),
    'rating.countSkippedStages',
  ],
  [
    'points from 2026-13-45',
    (s) => (s.rating.points[0]!.from = '2026-13-45'),
    'rating.points[0].from',
  ],
  [
    'points from 30 February',
    (s) => (s.rating.points[0]!.from = '2026-02-30'),
    'rating.points[0].from',
  ],
  ['points negative', (s) => (s.rating.points[0]!.values.won = -1), 'rating.points[0].values.won'],
  [
    'points over 10 000',
    (s) => (s.rating.points[0]!.values.won = 10001),
    'rating.points[0].values.won',
  ],
  [
    'points as text',
    (s) => ((s.rating.points[0]!.values as Record<string, unknown>).won = '35'),
    'rating.points[0].values.won',
  ],
  [
    'points null',
    (s) => ((s.rating.points[0]!.values as Record<string, unknown>).won = null),
    'rating.points[0].values.won',
  ],
  ['no point values at all', (s) => (s.rating.points = []), 'rating.points'],
  [
    'two versions from the same day',
    (s) => s.rating.points.push({ ...s.rating.points[0]! }),
    'rating.points',
  ],
  [
    'an unknown scored figure',
    (s) => ((s.rating.points[0]!.values as Record<string, unknown>).calls = 1),
    'rating.points[0].values',
  ],
  [
    '10 000 plans',
    (s) =>
      (s.rating.plans = Array.from({ length: 10000 }, (_, i) => ({
        month: '2026-03',
        userId: i + 1,
        points: 1,
      }))),
    'rating.plans',
  ],
  [
    'a plan for month 13',
    (s) => s.rating.plans.push({ month: '2026-13', userId: 501, points: 1 }),
    'rating.plans',
  ],
  [
    'a negative plan',
    (s) => s.rating.plans.push({ month: '2026-04', userId: 501, points: -5 }),
    'rating.plans',
  ],
  [
    'a plan for user 0',
    (s) => s.rating.plans.push({ month: '2026-04', userId: 0, points: 5 }),
    'rating.plans',
  ],
  [
    'two plans for one manager and month',
    (s) => s.rating.plans.push({ ...s.rating.plans[0]! }),
    'rating.plans',
  ],
  [
    'a plan for an unknown figure',
    (s) => s.rating.plans.push({ month: '2026-04', userId: 501, figures: { calls: 3 } as never }),
    'rating.plans',
  ],
  [
    'a figure plan as text',
    (s) => s.rating.plans.push({ month: '2026-04', userId: 501, figures: { won: 'x' } as never }),
    'rating.plans',
  ],
  [
    'a plan for a user the account does not have',
    (s) => s.rating.plans.push({ month: '2026-04', userId: 999, points: 5 }),
    'rating.plans',
  ],
  [
    'lost share over 100 %',
    (s) => (s.rating.norms.maxLostShare = 1.5),
    'rating.norms.maxLostShare',
  ],
  [
    'overdue norm negative',
    (s) => (s.rating.norms.maxOverdueTasks = -1),
    'rating.norms.maxOverdueTasks',
  ],
  [
    'lost norm as text',
    (s) => ((s.rating.norms as Record<string, unknown>).maxLost = 'many'),
    'rating.norms.maxLost',
  ],
  [
    'an unknown norm',
    (s) => ((s.rating.norms as Record<string, unknown>).maxCalls = 3),
    'rating.norms',
  ],
  [
    'green below yellow',
    (s) => (s.rating.thresholds = { green: 0.4, yellow: 0.6 }),
    'rating.thresholds',
  ],
  ['green 0', (s) => (s.rating.thresholds.green = 0), 'rating.thresholds'],
  ['yellow negative', (s) => (s.rating.thresholds.yellow = -0.1), 'rating.thresholds'],
  [
    'rank by something else',
    (s) => ((s.rating as unknown as Record<string, unknown>).rankBy = 'random'),
    'rating.rankBy',
  ],
  [
    'meetings held from the calendar',
    (s) => ((s.rating as unknown as Record<string, unknown>).meetingsHeldFrom = 'calendar'),
    'rating.meetingsHeldFrom',
  ],
  [
    'task type ids as text',
    (s) => ((s.rating as unknown as Record<string, unknown>).meetingTaskTypeIds = ['2']),
    'rating.meetingTaskTypeIds',
  ],
  [
    'tasks scope "mine"',
    (s) => ((s.rating as unknown as Record<string, unknown>).tasksScope = 'mine'),
    'rating.tasksScope',
  ],
  ['no pipeline', (s) => (s.rating.pipelineIds = []), 'rating.pipelineIds'],
  [
    'a pipeline the account does not have',
    (s) => (s.rating.pipelineIds = [1001, 999999]),
    'rating.pipelineIds',
  ],
  [
    'a stage the account does not have',
    (s) => (s.rating.stages.meetingsScheduled = [{ pipelineId: 1001, statusId: 999 }]),
    'rating.stages.meetingsScheduled',
  ],
  [
    'a stage of an unselected pipeline',
    (s) => (s.rating.stages.meetingsHeld = [{ pipelineId: 1002, statusId: 22 }]),
    'rating',
  ],
  [
    'an unknown stage figure',
    (s) => ((s.rating.stages as Record<string, unknown>).calls = []),
    'rating.stages',
  ],
  ['refresh hour 24', (s) => (s.scheduleHour = 24), 'scheduleHour'],
  ['refresh hour 7.5', (s) => (s.scheduleHour = 7.5), 'scheduleHour'],
  ['language "de"', (s) => ((s as Record<string, unknown>).language = 'de'), 'language'],
  ['an editor that is not an email', (s) => (s.editors = ['not-an-email']), 'editors'],
  [
    '51 editors',
    (s) => (s.editors = Array.from({ length: 51 }, (_, i) => `e${i}@x.ru`)),
    'editors',
  ],
  [
    'explain sheet "yes"',
    (s) => ((s as Record<string, unknown>).explainSheet = 'yes'),
    'explainSheet',
  ],
  ['Telegram hour -1', (s) => (s.telegram.hour = -1), 'telegram.hour'],
  ['Telegram top 0', (s) => (s.telegram.publicTopN = 0), 'telegram.publicTopN'],
  [
    'Telegram chat id as text',
    (s) => ((s.telegram as Record<string, unknown>).groupChatId = 'chat'),
    'telegram.groupChatId',
  ],
  ['bottom watch of 0 places', (s) => (s.rating.bottomWatch.size = 0), 'rating.bottomWatch.size'],
  [
    'bottom watch minimum negative',
    (s) => (s.rating.bottomWatch.minLeads = -3),
    'rating.bottomWatch.minLeads',
  ],
];

describe('bad settings are refused, field by field, and nothing is saved', () => {
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  let rt: GasRuntime;
  let good: Settings;
  let stored: string;
  beforeAll(async () => {
    amo = await startFixtureEmulator();
    rt = setUpRuntime(amo).rt;
    good = readSettings(rt);
    stored = JSON.stringify(rt.properties.document);
  });
  afterAll(async () => {
    await rt.close();
    await amo.stop();
  });

  test('the catalogue holds at least 50 cases', () =>
    expect(CASES.length + PART_CASES.length).toBeGreaterThanOrEqual(50));

  // what no section sends, as a hostile page could send it to the partial save
  test.each(PART_CASES)('%s', (_name, part, field) => {
    const r = rt.callFromClient('saveSettingsPart', part()) as SaveAnswer;
    expect(r.ok).toBe(false);
    expect(r.errors.some((e) => e.field.startsWith(field))).toBe(true);
    for (const e of r.errors) expect(e.message).toMatch(/[а-яё]/i);
    expect(JSON.stringify(rt.properties.document)).toBe(stored);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each(CASES)('%s', (_name, change, field) => {
    const s = JSON.parse(JSON.stringify(good)) as S;
    change(s);
    const r = saveSettingsAsPages(rt, s);
    expect(r.ok).toBe(false);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.some((e) => e.field.startsWith(field))).toBe(true);
    for (const e of r.errors) expect(e.message).toMatch(/[а-яё]/i); // words for a sales head
    expect(JSON.stringify(rt.properties.document)).toBe(stored); // nothing saved
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
