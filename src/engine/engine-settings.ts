/**
 * What the rating engine needs to know from the settings (docs/rules.md §2–§3). The settings module
 * owns storage and validation; this is the engine's view, with the case's defaults.
 */
import { MEETING_TASK_TYPE } from '../shapes/amocrm';
import type { FlowFigure, MappedStage, ScoredFigure } from './figures';
import type { CalendarEdit } from './work-calendar';

export interface StatusRef {
  pipelineId: number;
  statusId: number;
}

export interface PointsVersion {
  /** local date (account time zone) from which these values apply, 'YYYY-MM-DD' */
  from: string;
  values: Record<ScoredFigure, number>;
}

export interface MonthPlan {
  /** 'YYYY-MM' */
  month: string;
  userId: number;
  /** plan in points */
  points?: number;
  /** optional plans for chosen figures, e.g. { won: 3, meetingsHeld: 10 } */
  figures?: Partial<Record<FlowFigure, number>>;
}

/** A manager's absence (vacation, sick leave): local days, both ends included. */
export interface Absence {
  userId: number;
  kind: 'vacation' | 'sick';
  /** 'YYYY-MM-DD' */
  from: string;
  to: string;
}

/**
 * A new manager's ramp: from `start` (the first day at work), the plan's percent in each month of
 * tenure — [50, 75] is half the plan in the first month, three quarters in the second, the whole
 * plan from the third. Days before `start` are not worked.
 */
export interface Ramp {
  userId: number;
  /** 'YYYY-MM-DD' */
  start: string;
  /** 0…100, one per month of tenure */
  percents: number[];
}

export interface Norms {
  maxOverdueTasks?: number | null;
  maxLost?: number | null;
  /** lost ÷ (won + lost), 0…1 */
  maxLostShare?: number | null;
  maxLeadsWithoutTasks?: number | null;
}

export interface EngineSettings {
  /** pipelines taken into the rating; leads elsewhere are ignored */
  pipelineIds: number[];
  /** rating stages (except won/lost, which are 142/143 in every selected pipeline) → (pipeline, status) pairs */
  stages: Record<MappedStage, StatusRef[]>;
  /** "meetings held" from reaching the stage, or from completed meeting tasks */
  meetingsHeldFrom: 'stage' | 'tasks';
  meetingTaskTypeIds: number[];
  /** a lead that jumps over stages also earns the stages it skipped */
  countSkippedStages: boolean;
  /** tasks as amoCRM counts them (any entity), or only tasks on deals of the selected pipelines */
  tasksScope: 'all' | 'selectedPipelines';
  points: PointsVersion[];
  plans: MonthPlan[];
  norms: Norms;
  thresholds: { green: number; yellow: number };
  rankBy: 'points' | 'planPercent';
  excludedUserIds: number[];
  bottomWatch: { size: number; minLeads: number };
  /** the head's edits of the production calendar (none: Russia's calendar as published) */
  calendarDays?: CalendarEdit[];
  /** managers' absences and ramps (docs/rules.md §3.2.10) */
  absences?: Absence[];
  ramps?: Ramp[];
  /** team tables and lines (§3.7): off, ranked by points, or by points per member */
  teams?: 'off' | 'points' | 'perMember';
}

/** Points of the case: new lead 0.1, meeting scheduled 1, held 3, contract 7, advance 15, won 35. */
export const CASE_POINTS: Record<ScoredFigure, number> = {
  newLeads: 0.1,
  meetingsScheduled: 1,
  meetingsHeld: 3,
  contractsSigned: 7,
  advancesPaid: 15,
  won: 35,
};

export function defaultEngineSettings(overrides: Partial<EngineSettings> = {}): EngineSettings {
  return {
    pipelineIds: [],
    stages: { meetingsScheduled: [], meetingsHeld: [], contractsSigned: [], advancesPaid: [] },
    meetingsHeldFrom: 'stage',
    meetingTaskTypeIds: [MEETING_TASK_TYPE],
    countSkippedStages: false,
    tasksScope: 'all',
    points: [{ from: '1970-01-01', values: { ...CASE_POINTS } }],
    plans: [],
    norms: {},
    thresholds: { green: 1, yellow: 0.5 },
    rankBy: 'points',
    excludedUserIds: [],
    bottomWatch: { size: 3, minLeads: 5 },
    ...overrides,
  };
}
