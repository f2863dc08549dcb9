/** Everything the amoCRM emulator knows about its account, in API v4 shapes. */
import type { AmoAccount, AmoEvent, AmoLead, AmoPipeline, AmoTask, AmoUser } from './api-model';
import type { MessyLog } from './messy';

export interface ManagerProfile {
  userId: number;
  /** relative lead volume */
  volume: number;
  /** chance per open lead per day to work on it */
  drive: number;
  /** multiplies the funnel's stage conversions (0.7 … 1.3) */
  skill: number;
  /** chance to set and complete tasks on time */
  discipline: number;
  activeUntil: number | null; // unix seconds: deactivated afterwards
}

export interface AccountState {
  account: AmoAccount;
  users: AmoUser[];
  pipelines: AmoPipeline[];
  leads: Map<number, AmoLead>;
  /** sorted by created_at (append-only as time advances) */
  events: AmoEvent[];
  tasks: Map<number, AmoTask>;
  profiles: ManagerProfile[];
  /** a user who owns leads but no longer exists in /users */
  deletedUserId: number;
  adminUserId: number;
  /** emulator clock: unix seconds */
  now: number;
  /** lived through up to (unix seconds) */
  simulatedUntil: number;
  /** a local midnight (unix seconds): simulated days start there */
  dayAnchor: number;
  seq: { lead: number; task: number; event: number; note: number };
  seed: number;
  /** mean new leads per manager per working day */
  leadsPerManagerDay: number;
  mainPipelineId: number;
  secondPipelineId: number;
  /** an archived pipeline with a few old deals (A-REAL) */
  archivedPipelineId: number;
  /** a custom task type of the account */
  customTaskTypeId: number;
  /** the odd records mixed in by the messy mode (absent: a clean account) */
  messy?: MessyLog;
}

export const LOSS_REASONS = [
  { id: 1, name: 'Дорого' },
  { id: 2, name: 'Выбрали конкурента' },
  { id: 3, name: 'Нет бюджета' },
];

/** Event ids are 26-character strings, time-ordered like amoCRM's ("01pz58t6p04ymgsgfbmfyfy1mf"). */
export function eventId(at: number, seq: number): string {
  const id = `01${at.toString(36).padStart(8, '0')}${seq.toString(36).padStart(9, '0')}${((seq * 2654435761) >>> 0).toString(36).padStart(7, '0')}`;
  return id.slice(0, 26);
}
