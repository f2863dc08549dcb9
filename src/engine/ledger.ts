/**
 * The ledger: every flow a manager is credited with, derived once from the account's data and
 * kept sorted by time, so any period's flows are a slice of it.
 *
 * Rules (PRODUCT.md §2): flows come from the stage-change history; a lead counts at most once
 * per stage, the first time it reaches it; skipped stages count only when the setting says so;
 * a figure goes to the manager responsible at the event's moment; pipelines outside the
 * selection are ignored.
 */
import {
  LOST_STATUS,
  WON_STATUS,
  type AmoEvent,
  type AmoLead,
  type AmoTask,
} from '../amocrm/api-types';
import type { EngineSettings } from './engine-settings';
import { STAGE_FIGURES, type FlowFigure, type StageFigure } from './figures';
import { buildLeadHistory, responsibleAt, type LeadHistory } from './lead-history';

export interface Credit {
  at: number; // ms
  figure: FlowFigure;
  userId: number;
  leadId?: number;
  taskId?: number;
  eventId?: string;
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
  /** tasks that count (linked to selected pipelines' leads, or to no lead we know) */
  tasks: AmoTask[];
}

export interface AccountData {
  leads: AmoLead[];
  events: AmoEvent[];
  tasks: AmoTask[];
}

const RANK: Record<StageFigure, number> = {
  meetingsScheduled: 1,
  meetingsHeld: 2,
  contractsSigned: 3,
  advancesPaid: 4,
  won: 5,
};

export function stageMap(settings: EngineSettings): Map<string, StageFigure> {
  const m = new Map<string, StageFigure>();
  for (const fig of [
    'meetingsScheduled',
    'meetingsHeld',
    'contractsSigned',
    'advancesPaid',
  ] as const) {
    if (fig === 'meetingsHeld' && settings.meetingsHeldFrom === 'tasks') continue;
    for (const ref of settings.stages[fig]) m.set(`${ref.pipelineId}:${ref.statusId}`, fig);
  }
  return m;
}

function sortCredits(a: Credit, b: Credit): number {
  return (
    a.at - b.at ||
    (a.leadId ?? a.taskId ?? 0) - (b.leadId ?? b.taskId ?? 0) ||
    a.figure.localeCompare(b.figure)
  );
}

export function buildLedger(data: AccountData, settings: EngineSettings): Ledger {
  const selected = new Set(settings.pipelineIds);
  const stages = stageMap(settings);
  const byLead = new Map<number, AmoEvent[]>();
  const completedAt = new Map<number, number>();
  for (const e of data.events) {
    if (e.entity_type === 'lead') {
      let list = byLead.get(e.entity_id);
      if (!list) byLead.set(e.entity_id, (list = []));
      list.push(e);
    } else if (e.entity_type === 'task' && e.type === 'task_completed') {
      const prev = completedAt.get(e.entity_id);
      const at = e.created_at * 1000;
      if (prev === undefined || at < prev) completedAt.set(e.entity_id, at);
    }
  }

  const credits: Credit[] = [];
  const histories: LeadHistory[] = [];
  const leadPipeline = new Map<number, number>();
  const seenLead = new Set<number>();
  for (const lead of data.leads) {
    if (lead.is_deleted || seenLead.has(lead.id)) continue;
    seenLead.add(lead.id);
    leadPipeline.set(lead.id, lead.pipeline_id);
    const h = buildLeadHistory(lead, byLead.get(lead.id) ?? []);
    histories.push(h);
    const first = h.statuses[0];
    if (selected.has(first.pipelineId)) {
      credits.push({
        at: h.createdAt,
        figure: 'newLeads',
        userId: responsibleAt(h, h.createdAt),
        leadId: lead.id,
      });
    }
    const reached = new Set<FlowFigure>();
    for (const s of h.statuses) {
      if (!selected.has(s.pipelineId)) continue;
      const fig: FlowFigure | undefined =
        s.statusId === WON_STATUS
          ? 'won'
          : s.statusId === LOST_STATUS
            ? 'lost'
            : stages.get(`${s.pipelineId}:${s.statusId}`);
      if (!fig || reached.has(fig)) continue;
      const userId = responsibleAt(h, s.at);
      if (settings.countSkippedStages && fig !== 'lost') {
        for (const lower of STAGE_FIGURES) {
          if (RANK[lower] >= RANK[fig as StageFigure]) break;
          if (lower === 'meetingsHeld' && settings.meetingsHeldFrom === 'tasks') continue;
          if (reached.has(lower)) continue;
          reached.add(lower);
          credits.push({
            at: s.at,
            figure: lower,
            userId,
            leadId: lead.id,
            eventId: s.eventId,
            skipped: true,
          });
        }
      }
      reached.add(fig);
      credits.push({ at: s.at, figure: fig, userId, leadId: lead.id, eventId: s.eventId });
    }
  }

  const tasks: AmoTask[] = [];
  const completions: TaskCompletion[] = [];
  const meetingTypes = new Set(settings.meetingTaskTypeIds);
  const seenTask = new Set<number>();
  for (const t of data.tasks) {
    if (seenTask.has(t.id)) continue;
    seenTask.add(t.id);
    if (t.entity_type === 'leads' && t.entity_id !== null) {
      const p = leadPipeline.get(t.entity_id);
      if (p !== undefined && !selected.has(p)) continue;
    }
    tasks.push(t);
    if (!t.is_completed) continue;
    const at = completedAt.get(t.id) ?? t.updated_at * 1000;
    completions.push({ at, taskId: t.id, userId: t.responsible_user_id });
    if (settings.meetingsHeldFrom === 'tasks' && meetingTypes.has(t.task_type_id)) {
      credits.push({ at, figure: 'meetingsHeld', userId: t.responsible_user_id, taskId: t.id });
    }
  }
  credits.sort(sortCredits);
  histories.sort((a, b) => a.lead.id - b.lead.id);
  tasks.sort((a, b) => a.id - b.id);
  completions.sort((a, b) => a.at - b.at || a.taskId - b.taskId);
  return { credits, completions, histories, tasks };
}

/** Index of the first item with at >= t (items sorted by at). */
export function lowerBound(items: ReadonlyArray<{ at: number }>, t: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].at < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
