/**
 * The settings as one schema, shared by the server (authoritative: nothing is saved when it
 * fails) and the sidebar page (instant, field-level messages). Every check carries a message
 * key from src/i18n/settings-messages.ts; unknown keys are refused, so a typo or a
 * `__proto__` never slips into the stored settings. [docs/rules.md §3, §6.1, §8 (security)]
 */
import * as v from 'valibot';
import { Calendar, FLOW_FIGURES, MAPPED_STAGES, perKey, SCORED_FIGURES } from '../engine';
import { LANGUAGES } from '../i18n/messages';

export const SETTINGS_VERSION = 2;
/** stored settings stay far below the 500 KB property store (which also holds tokens and state) */
export const MAX_SETTINGS_CHARS = 60000;
export const MAX_POINTS = 10000;
export const MAX_PLAN_POINTS = 1000000;

const int = (min: number, max: number, key: string) =>
  v.pipe(v.number(key), v.integer(key), v.minValue(min, key), v.maxValue(max, key));
const id = (key: string) => int(1, Number.MAX_SAFE_INTEGER, key);
const num = (min: number, max: number, key: string) =>
  v.pipe(v.number(key), v.finite(key), v.minValue(min, key), v.maxValue(max, key));

// the shape first, then the calendar: «2026-02-31» is written right but does not exist
const day = v.pipe(
  v.string('errDate'),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'errDate'),
  v.check((s) => Calendar.isValidDay(s), 'errDateMissing'),
);
const month = v.pipe(v.string('errMonth'), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'errMonth'));

const StatusRefSchema = v.strictObject(
  { pipelineId: id('errStage'), statusId: id('errStage') },
  'errUnknownKey',
);

const scoredValues = perKey(SCORED_FIGURES, () => num(0, MAX_POINTS, 'errPoints'));

const PointsVersionSchema = v.strictObject(
  { from: day, values: v.strictObject(scoredValues, 'errUnknownKey') },
  'errUnknownKey',
);

const figurePlans = perKey(FLOW_FIGURES, () =>
  v.optional(num(0, MAX_PLAN_POINTS, 'errPlanFigure')),
);

const MonthPlanSchema = v.strictObject(
  {
    month,
    userId: id('errPlanUser'),
    points: v.optional(num(0, MAX_PLAN_POINTS, 'errPlanPoints')),
    figures: v.optional(v.strictObject(figurePlans, 'errUnknownKey')),
  },
  'errUnknownKey',
);

/** the head's edit of one day of the working calendar: a day off (true) or a working day */
const CalendarEditSchema = v.strictObject({ day, off: v.boolean('errBoolean') }, 'errUnknownKey');

/** an absence's days, both ends included; the end is not before the start */
const AbsenceSchema = v.pipe(
  v.strictObject(
    {
      userId: id('errPlanUser'),
      kind: v.picklist(['vacation', 'sick'], 'errAbsenceKind'),
      from: day,
      to: day,
    },
    'errUnknownKey',
  ),
  v.check((a) => a.from <= a.to, 'errAbsenceOrder'),
);

/** A pair of one manager's absences that share a day, or null. */
export function overlappingAbsences<T extends { userId: number; from: string; to: string }>(
  list: readonly T[],
): [T, T] | null {
  const sorted = [...list].sort((a, b) => a.userId - b.userId || a.from.localeCompare(b.from));
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a && b && a.userId === b.userId && b.from <= a.to) return [a, b];
  }
  return null;
}

const RampSchema = v.strictObject(
  {
    userId: id('errPlanUser'),
    start: day,
    percents: v.pipe(
      v.array(num(0, 100, 'errRampPercent'), 'errRampMonths'),
      v.minLength(1, 'errRampMonths'),
      v.maxLength(12, 'errRampMonths'),
    ),
  },
  'errUnknownKey',
);

/** a norm counts deals or tasks: a whole number, or null for no norm */
const countNorm = (max: number, key: string) => v.nullable(int(0, max, key));

const stageRefs = perKey(MAPPED_STAGES, () => v.array(StatusRefSchema, 'errStage'));

export const RatingSettingsSchema = v.pipe(
  v.strictObject(
    {
      pipelineIds: v.pipe(
        v.array(id('errPipelines'), 'errPipelines'),
        v.minLength(1, 'errPipelines'),
      ),
      stages: v.strictObject(stageRefs, 'errUnknownKey'),
      meetingsHeldFrom: v.picklist(['stage', 'tasks'], 'errMeetingsFrom'),
      meetingTaskTypeIds: v.array(id('errTaskType'), 'errTaskType'),
      countSkippedStages: v.boolean('errBoolean'),
      tasksScope: v.picklist(['all', 'selectedPipelines'], 'errTasksScope'),
      points: v.pipe(
        v.array(PointsVersionSchema, 'errPointsVersions'),
        v.minLength(1, 'errPointsVersions'),
        v.maxLength(100, 'errTooMany'),
        v.check(
          (list) => new Set(list.map((p) => p.from)).size === list.length,
          'errPointsDuplicate',
        ),
      ),
      plans: v.pipe(
        v.array(MonthPlanSchema, 'errPlans'),
        v.maxLength(3000, 'errTooMany'),
        v.check(
          (list) => new Set(list.map((p) => `${p.month}:${p.userId}`)).size === list.length,
          'errPlanDuplicate',
        ),
      ),
      norms: v.strictObject(
        {
          maxOverdueTasks: countNorm(100000, 'errNorm'),
          maxLost: countNorm(100000, 'errNorm'),
          maxLostShare: v.nullable(num(0, 1, 'errLostShare')),
          maxLeadsWithoutTasks: countNorm(100000, 'errNorm'),
        },
        'errUnknownKey',
      ),
      thresholds: v.pipe(
        v.strictObject(
          { green: num(0.01, 10, 'errGreen'), yellow: num(0, 10, 'errYellow') },
          'errUnknownKey',
        ),
        v.check((t) => t.green > t.yellow, 'errThresholds'),
      ),
      rankBy: v.picklist(['points', 'planPercent'], 'errRankBy'),
      excludedUserIds: v.pipe(v.array(id('errUser'), 'errUser'), v.maxLength(1000, 'errTooMany')),
      bottomWatch: v.strictObject(
        { size: int(1, 50, 'errBottomSize'), minLeads: int(0, 100000, 'errBottomMin') },
        'errUnknownKey',
      ),
      // settings stored before the working calendar, absences and ramps read as none
      calendarDays: v.optional(
        v.pipe(
          v.array(CalendarEditSchema, 'errCalendarDay'),
          v.maxLength(400, 'errTooMany'),
          v.check(
            (list) => new Set(list.map((e) => e.day)).size === list.length,
            'errCalendarDuplicate',
          ),
        ),
        [],
      ),
      absences: v.optional(
        v.pipe(
          v.array(AbsenceSchema, 'errPlans'),
          v.maxLength(2000, 'errTooMany'),
          v.check((list) => overlappingAbsences(list) === null, 'errAbsenceOverlap'),
        ),
        [],
      ),
      ramps: v.optional(
        v.pipe(
          v.array(RampSchema, 'errPlans'),
          v.maxLength(1000, 'errTooMany'),
          v.check(
            (list) => new Set(list.map((r) => r.userId)).size === list.length,
            'errRampDuplicate',
          ),
        ),
        [],
      ),
      /** team tables and lines; settings stored before teams existed show them by points */
      teams: v.optional(v.picklist(['off', 'points', 'perMember'], 'errTeams'), 'points'),
    },
    'errUnknownKey',
  ),
  v.check(
    (r) =>
      MAPPED_STAGES.every((f) =>
        r.stages[f].every((ref) => r.pipelineIds.includes(ref.pipelineId)),
      ),
    'errStagePipeline',
  ),
);

const email = v.pipe(
  v.string('errEmail'),
  v.maxLength(254, 'errEmail'),
  v.regex(/^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/, 'errEmail'),
);

export const TelegramSettingsSchema = v.strictObject(
  {
    daily: v.boolean('errBoolean'),
    monday: v.boolean('errBoolean'),
    quarter: v.boolean('errBoolean'),
    headDigest: v.boolean('errBoolean'),
    /**
     * the daily post on working days only (no Saturdays, Sundays); settings stored before the
     * option existed read as "every day", as they posted
     */
    workingDaysOnly: v.optional(v.boolean('errBoolean'), false),
    /** local hour of the posts (they go out after that day's refresh) */
    hour: int(0, 23, 'errHour'),
    /** only the top N publicly; null: everyone */
    publicTopN: v.nullable(int(1, 500, 'errTopN')),
    groupChatId: v.nullable(v.pipe(v.number('errChat'), v.integer('errChat'))),
    headChatId: v.nullable(v.pipe(v.number('errChat'), v.integer('errChat'))),
  },
  'errUnknownKey',
);

/**
 * «обновлять в течение дня»: a refresh every hour from `from` to `to` (local hours, both
 * included), besides the daily one; no posts. Settings stored before it existed read as off.
 */
export const LiveSettingsSchema = v.pipe(
  v.strictObject(
    { on: v.boolean('errBoolean'), from: int(0, 23, 'errHour'), to: int(0, 23, 'errHour') },
    'errUnknownKey',
  ),
  v.forward(
    v.check((w) => w.from < w.to, 'errLiveWindow'),
    ['to'],
  ),
);

export const LIVE_OFF = { on: false, from: 10, to: 19 } as const;

export const SettingsSchema = v.pipe(
  v.strictObject(
    {
      version: v.literal(SETTINGS_VERSION, 'errVersion'),
      rating: RatingSettingsSchema,
      scheduleHour: int(0, 23, 'errHour'),
      language: v.picklist(LANGUAGES, 'errLanguage'),
      autoMapped: v.boolean('errBoolean'),
      /** the «Разбор» sheet: lead names become visible to everyone who can open the file */
      explainSheet: v.boolean('errBoolean'),
      /** who may edit the rating sheets besides the owner and whoever set the protection up */
      editors: v.pipe(v.array(email, 'errEmail'), v.maxLength(50, 'errTooMany')),
      telegram: TelegramSettingsSchema,
      live: v.optional(LiveSettingsSchema, { ...LIVE_OFF }),
    },
    'errUnknownKey',
  ),
  v.check((s) => JSON.stringify(s).length <= MAX_SETTINGS_CHARS, 'errTooBig'),
);

export type Settings = v.InferOutput<typeof SettingsSchema>;
export type RatingSettings = Settings['rating'];
export type TelegramSettings = Settings['telegram'];
export type LiveSettings = Settings['live'];
