/**
 * What the reference recount reads, stated from the amoCRM API v4 reference
 * (docs/services.md, part A) and the product description — never from the product's
 * own shapes: the emulator's full account (`GET /_emulator/dump`) and the rating settings as the
 * sales head saved them (plain JSON).
 */

export interface OracleLead {
  id: number;
  responsible_user_id: number;
  status_id: number;
  pipeline_id: number;
  created_at: number;
  closed_at?: number | null;
  closest_task_at?: number | null;
  is_deleted?: boolean;
}

export interface OracleTask {
  id: number;
  responsible_user_id: number;
  /** plural in amoCRM: 'leads', 'contacts', 'companies' */
  entity_type: string | null;
  entity_id: number | null;
  is_completed: boolean;
  task_type_id: number;
  complete_till: number;
  created_at: number;
  updated_at: number;
}

export interface OracleEvent {
  /** amoCRM event ids are strings, time-ordered */
  id: string;
  type: string;
  /** singular in amoCRM: 'lead', 'task', 'contact' */
  entity_type: string;
  entity_id: number;
  created_at: number;
  value_before: unknown[];
  value_after: unknown[];
}

export interface OracleUser {
  id: number;
  name: string;
  rights: { is_active: boolean };
}

export interface OracleDump {
  /** the emulator's clock, unix seconds */
  now: number;
  account: { _embedded?: { datetime_settings?: { timezone?: string } } };
  users: OracleUser[];
  pipelines: Array<{ id: number }>;
  /** the account's leads, trash left out */
  leads: OracleLead[];
  events: OracleEvent[];
  tasks: OracleTask[];
}

export const STAGES = [
  'meetingsScheduled',
  'meetingsHeld',
  'contractsSigned',
  'advancesPaid',
] as const;
export type Stage = (typeof STAGES)[number];
/** the flow figures, in the sheet's order (3–9) */
export const FLOWS = ['newLeads', ...STAGES, 'won', 'lost'] as const;
export type Flow = (typeof FLOWS)[number];
export type Scored = Exclude<Flow, 'lost'>;

export interface OracleSettings {
  pipelineIds: number[];
  stages: Record<Stage, Array<{ pipelineId: number; statusId: number }>>;
  meetingsHeldFrom: 'stage' | 'tasks';
  meetingTaskTypeIds: number[];
  countSkippedStages: boolean;
  tasksScope: 'all' | 'selectedPipelines';
  /** versions, each from a local date (YYYY-MM-DD) */
  points: Array<{ from: string; values: Record<Scored, number> }>;
  plans: Array<{ month: string; userId: number; points?: number }>;
  rankBy: 'points' | 'planPercent';
  excludedUserIds: number[];
  /** the head's calendar edits, absences and ramps (PRODUCT.md §3.2); none when absent */
  calendarDays?: Array<{ day: string; off: boolean }>;
  absences?: Array<{ userId: number; from: string; to: string }>;
  ramps?: Array<{ userId: number; start: string; percents: number[] }>;
}
