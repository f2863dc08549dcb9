/**
 * The ledger: every flow a manager is credited with, derived once from the account's data and
 * kept sorted by time, so any period's flows are a slice of it.
 *
 * Rules (docs/rules.md §2.4–§2.6): flows come from the stage-change history; a lead counts at most once
 * per stage, the first time it reaches it (also when that was before the history window: the
 * store keeps the statuses of pruned moves); skipped stages count only when the setting says so;
 * a figure goes to the manager responsible at the event's moment; pipelines outside the
 * selection are ignored. Tasks count as amoCRM counts them (any entity), unless the setting
 * restricts them to deals of the selected pipelines.
 */
import { LOST_STATUS, WON_STATUS, type AmoTask } from '../shapes/amocrm';
import { EV_TASK_DONE, type AccountData } from '../shapes/account-data';
import type { EngineSettings } from './engine-settings';
import {
  FLOW_FIGURES,
  MAPPED_STAGES,
  STAGE_FIGURES,
  type FlowFigure,
  type MappedStage,
  type StageFigure,
} from './figures';
import { buildLeadHistory, responsibleAt, type LeadHistory } from './lead-history';

export interface Credit {
  at: number; // ms
  figure: FlowFigure;
  userId: number;
  leadId?: number;
  taskId?: number;
  /** earned by jumping over the stage (countSkippedStages) */
  skipped?: boolean;
}

export interface TaskCompletion {
  at: number;
  taskId: number;
  userId: number;
}

export interface Ledger {
  credits: Credit[];
  completions: TaskCompletion[];
  histories: LeadHistory[];
  /** the tasks that count (see tasksScope) */
  tasks: AmoTask[];
}

const RANK: Record<StageFigure, number> = {
  meetingsScheduled: 1,
  meetingsHeld: 2,
  contractsSigned: 3,
  advancesPaid: 4,
  won: 5,
};

export function stageMap(settings: EngineSettings): Map<string, MappedStage> {
  const m = new Map<string, MappedStage>();
  for (const fig of MAPPED_STAGES) {
    if (fig === 'meetingsHeld' && settings.meetingsHeldFrom === 'tasks') continue;
    for (const ref of settings.stages[fig]) m.set(`${ref.pipelineId}:${ref.statusId}`, fig);
  }
  return m;
}

/** a figure's place in the funnel: the order the rating's facts list a moment's credits in */
const FLOW_RANK = new Map<FlowFigure, number>(FLOW_FIGURES.map((f, i) => [f, i]));

function sortCredits(a: Credit, b: Credit): number {
  return (
    a.at - b.at ||
    (a.leadId ?? a.taskId ?? 0) - (b.leadId ?? b.taskId ?? 0) ||
    (FLOW_RANK.get(a.figure) ?? 0) - (FLOW_RANK.get(b.figure) ?? 0)
  );
}

/** The flow a status earns, if any. */
function figureOf(
  pipelineId: number,
  statusId: number,
  stages: Map<string, MappedStage>,
): StageFigure | 'lost' | undefined {
  if (statusId === WON_STATUS) return 'won';
  if (statusId === LOST_STATUS) return 'lost';
  return stages.get(`${pipelineId}:${statusId}`);
}

export function buildLedger(data: AccountData, settings: EngineSettings): Ledger {
  const selected = new Set(settings.pipelineIds);
  const stages = stageMap(settings);
  const log = data.events;
  const byLead = new Map<number, number[]>();
  const completedAt = new Map<number, number>();
  for (let i = 0; i < log.size; i++) {
    const entity = log.entity[i] ?? 0;
    if (log.kind[i] === EV_TASK_DONE) {
      const at = (log.at[i] ?? 0) * 1000;
      const prev = completedAt.get(entity);
      if (prev === undefined || at < prev) completedAt.set(entity, at);
      continue;
    }
    let list = byLead.get(entity);
    if (!list) byLead.set(entity, (list = []));
    list.push(i);
  }

  const credits: Credit[] = [];
  const histories: LeadHistory[] = [];
  const leadPipeline = new Map<number, number>();
  for (const lead of data.leads) {
    if (lead.is_deleted || leadPipeline.has(lead.id)) continue;
    leadPipeline.set(lead.id, lead.pipeline_id);
    const h = buildLeadHistory(lead, log, byLead.get(lead.id) ?? []);
    histories.push(h);
    const first = h.statuses[0];
    if (first && selected.has(first.pipelineId)) {
      credits.push({
        at: h.createdAt,
        figure: 'newLeads',
        userId: responsibleAt(h, h.createdAt),
        leadId: lead.id,
      });
    }
    const reached = new Set<FlowFigure>();
    // stages reached before the history window are never credited again (their events are gone)
    const before = data.priorReaches?.get(lead.id) ?? [];
    for (let k = 0; k + 1 < before.length; k += 2) {
      const p = before[k] ?? -1;
      if (!selected.has(p)) continue;
      const fig = figureOf(p, before[k + 1] ?? -1, stages);
      if (!fig) continue;
      reached.add(fig);
      if (settings.countSkippedStages && fig !== 'lost')
        for (const lower of STAGE_FIGURES) if (RANK[lower] < RANK[fig]) reached.add(lower);
    }
    for (const s of h.statuses) {
      if (!selected.has(s.pipelineId)) continue;
      const fig = figureOf(s.pipelineId, s.statusId, stages);
      if (!fig || reached.has(fig)) continue;
      const userId = responsibleAt(h, s.at);
      if (settings.countSkippedStages && fig !== 'lost') {
        for (const lower of STAGE_FIGURES) {
          if (RANK[lower] >= RANK[fig]) break;
          if (lower === 'meetingsHeld' && settings.meetingsHeldFrom === 'tasks') continue;
          if (reached.has(lower)) continue;
          reached.add(lower);
          credits.push({ at: s.at, figure: lower, userId, leadId: lead.id, skipped: true });
        }
      }
      reached.add(fig);
      credits.push({ at: s.at, figure: fig, userId, leadId: lead.id });
    }
  }

  const tasks: AmoTask[] = [];
  const completions: TaskCompletion[] = [];
  const meetingTypes = new Set(settings.meetingTaskTypeIds);
  const seenTask = new Set<number>();
  /** the pipeline of the deal a task is on, or null for a task on anything else */
  const dealPipeline = (t: AmoTask): number | null =>
    t.entity_type === 'leads' && t.entity_id !== null
      ? (leadPipeline.get(t.entity_id) ?? null)
      : null;
  for (const t of data.tasks) {
    if (seenTask.has(t.id)) continue;
    seenTask.add(t.id);
    const p = dealPipeline(t);
    if (settings.tasksScope === 'selectedPipelines' && (p === null || !selected.has(p))) continue;
    tasks.push(t);
    if (!t.is_completed) continue;
    const at = completedAt.get(t.id) ?? t.updated_at * 1000;
    completions.push({ at, taskId: t.id, userId: t.responsible_user_id });
    // a meeting counts only on a deal of the selected pipelines (the store keeps the deals its
    // tasks are on, so a deal that left it is a trashed one, which counts nowhere)
    const onSelected = p !== null && selected.has(p);
    if (settings.meetingsHeldFrom === 'tasks' && meetingTypes.has(t.task_type_id) && onSelected) {
      credits.push({ at, figure: 'meetingsHeld', userId: t.responsible_user_id, taskId: t.id });
    }
  }
  credits.sort(sortCredits);
  histories.sort((a, b) => a.lead.id - b.lead.id);
  tasks.sort((a, b) => a.id - b.id);
  completions.sort((a, b) => a.at - b.at || a.taskId - b.taskId);
  return { credits, completions, histories, tasks };
}
