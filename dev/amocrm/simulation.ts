/**
 * Daily sales activity with a plausible B2B funnel: about a third of new deals reach a meeting
 * and about one in ten is won, each manager's conversions scaled by their skill. Deals are moved
 * (forward, back and forth, over stages, across pipelines, by the robot), won, lost, reopened and
 * now and then deleted; responsible users change (on deals, contacts and companies); tasks are
 * set (on deals, contacts and companies, of the account's custom types too), completed, deleted
 * or left overdue. Every change produces the events real amoCRM produces and keeps `updated_at`,
 * `closed_at` and `closest_task_at` coherent. The generator uses it to build months of history,
 * the control API to live through new days.
 */
import { LOST_STATUS, WON_STATUS, type AmoEvent, type AmoLead, type AmoTask } from './api-model';
import { Rng } from '../emulator/rng';
import { eventId, LOSS_REASONS, type AccountState, type ManagerProfile } from './account-state';
import { AWKWARD_LEAD_NAMES, COMPANY_KIND, COMPANY_NAME, DEAL_KIND } from './names';

const DAY = 86400;
/** the working day, 09:00–19:00 local: days start at a local midnight (the account's dayAnchor) */
const WORK_START = 9 * 3600;
const WORK_LEN = 10 * 3600;

/**
 * Conversion from each stage to the next, in funnel order (the last one to won): new deal →
 * meeting scheduled 35 %, → held 75 %, → contract 50 %, → advance 80 %, → won 90 %: about 9.5 %
 * of new deals are won. A deal that does not convert is lost.
 */
const MAIN_FUNNEL = [0.35, 0.75, 0.5, 0.8, 0.9];
const SECOND_FUNNEL = [0.6, 0.7, 0.8, 0.9];

export class Simulation {
  private readonly openTasksByLead = new Map<number, Set<number>>();
  constructor(
    private readonly s: AccountState,
    private readonly rng: Rng,
  ) {
    for (const t of s.tasks.values())
      if (!t.is_completed && t.entity_type === 'leads' && t.entity_id !== null)
        this.taskSet(t.entity_id).add(t.id);
  }

  private taskSet(leadId: number): Set<number> {
    let set = this.openTasksByLead.get(leadId);
    if (!set) this.openTasksByLead.set(leadId, (set = new Set()));
    return set;
  }

  private event(e: Omit<AmoEvent, 'id'>): void {
    const id = ++this.s.seq.event;
    this.s.events.push({ id: eventId(e.created_at, id), ...e });
  }

  private stagesOf(pipelineId: number): number[] {
    const p = this.s.pipelines.find((x) => x.id === pipelineId);
    if (!p) return [];
    return p._embedded.statuses
      .filter((st) => st.type === 0 && st.id !== WON_STATUS && st.id !== LOST_STATUS)
      .sort((a, b) => a.sort - b.sort)
      .map((st) => st.id);
  }

  private unsortedOf(pipelineId: number): number | undefined {
    return this.s.pipelines
      .find((x) => x.id === pipelineId)
      ?._embedded.statuses.find((st) => st.type === 1)?.id;
  }

  private leadName(): string {
    if (this.rng.chance(0.03)) return this.rng.pick(AWKWARD_LEAD_NAMES);
    return `${this.rng.pick(COMPANY_KIND)} «${this.rng.pick(COMPANY_NAME)}»: ${this.rng.pick(DEAL_KIND)}`;
  }

  private recomputeClosest(lead: AmoLead): void {
    let min: number | null = null;
    for (const id of this.openTasksByLead.get(lead.id) ?? []) {
      const t = this.s.tasks.get(id);
      if (t && !t.is_completed && (min === null || t.complete_till < min)) min = t.complete_till;
    }
    lead.closest_task_at = min;
  }

  createLead(
    profile: ManagerProfile,
    at: number,
    pipelineId: number,
    status?: number,
  ): AmoLead | null {
    const unsorted = this.unsortedOf(pipelineId);
    const first = this.stagesOf(pipelineId)[0];
    const inUnsorted = unsorted !== undefined && this.rng.chance(0.1);
    const start = status ?? (inUnsorted ? unsorted : first);
    if (start === undefined) return null;
    const id = ++this.s.seq.lead;
    const byRobot = this.rng.chance(0.2);
    const lead: AmoLead = {
      id,
      name: this.leadName(),
      price: this.rng.int(1, 60) * 5000,
      responsible_user_id: profile.userId,
      status_id: start,
      pipeline_id: pipelineId,
      created_by: byRobot ? 0 : profile.userId,
      created_at: at,
      updated_at: at,
      closed_at: null,
      closest_task_at: null,
      is_deleted: false,
      loss_reason_id: null,
      group_id: 0,
      account_id: this.s.account.id,
    };
    this.s.leads.set(id, lead);
    this.event({
      type: 'lead_added',
      entity_id: id,
      entity_type: 'lead',
      created_by: lead.created_by ?? 0,
      created_at: at,
      value_after: [{ note: { id: ++this.s.seq.note } }],
      value_before: [],
    });
    if (this.rng.chance(profile.discipline)) this.createTask(lead, at, 1, at + DAY);
    return lead;
  }

  moveLead(
    lead: AmoLead,
    at: number,
    toStatus: number,
    by: number,
    toPipeline = lead.pipeline_id,
  ): void {
    if (lead.status_id === toStatus && lead.pipeline_id === toPipeline) return;
    this.event({
      type: 'lead_status_changed',
      entity_id: lead.id,
      entity_type: 'lead',
      created_by: by,
      created_at: at,
      value_before: [{ lead_status: { id: lead.status_id, pipeline_id: lead.pipeline_id } }],
      value_after: [{ lead_status: { id: toStatus, pipeline_id: toPipeline } }],
    });
    lead.status_id = toStatus;
    lead.pipeline_id = toPipeline;
    lead.updated_at = at;
    lead.updated_by = by;
    if (toStatus === WON_STATUS || toStatus === LOST_STATUS) {
      lead.closed_at = at;
      if (toStatus === LOST_STATUS) lead.loss_reason_id = this.rng.pick(LOSS_REASONS).id;
    } else {
      lead.closed_at = null;
      lead.loss_reason_id = null;
    }
  }

  changeResponsible(lead: AmoLead, at: number, to: number, by: number): void {
    if (lead.responsible_user_id === to) return;
    this.event({
      type: 'entity_responsible_changed',
      entity_id: lead.id,
      entity_type: 'lead',
      created_by: by,
      created_at: at,
      value_before: [{ responsible_user: { id: lead.responsible_user_id } }],
      value_after: [{ responsible_user: { id: to } }],
    });
    // the deal's contact or company often changes hands with it [A-REAL]
    if (this.rng.chance(0.5))
      this.event({
        type: 'entity_responsible_changed',
        entity_id: 700000 + (lead.id % 5000),
        entity_type: this.rng.chance(0.7) ? 'contact' : 'company',
        created_by: by,
        created_at: at,
        value_before: [{ responsible_user: { id: lead.responsible_user_id } }],
        value_after: [{ responsible_user: { id: to } }],
      });
    lead.responsible_user_id = to;
    lead.updated_at = at;
  }

  /** A lead moved to the trash: it leaves the lists, its tasks are deleted with it. */
  deleteLead(lead: AmoLead, at: number, by: number): void {
    for (const id of [...(this.openTasksByLead.get(lead.id) ?? [])]) {
      const t = this.s.tasks.get(id);
      if (t) this.deleteTask(t, at, by);
    }
    for (const t of this.s.tasks.values())
      if (t.entity_type === 'leads' && t.entity_id === lead.id) this.deleteTask(t, at, by);
    lead.is_deleted = true;
    lead.updated_at = at;
    this.event({
      type: 'lead_deleted',
      entity_id: lead.id,
      entity_type: 'lead',
      created_by: by,
      created_at: at,
      value_after: [],
      value_before: [],
    });
  }

  deleteTask(task: AmoTask, at: number, by: number): void {
    if (!this.s.tasks.delete(task.id)) return;
    if (task.entity_type === 'leads' && task.entity_id !== null) {
      this.openTasksByLead.get(task.entity_id)?.delete(task.id);
      const lead = this.s.leads.get(task.entity_id);
      if (lead) this.recomputeClosest(lead);
    }
    this.event({
      type: 'task_deleted',
      entity_id: task.id,
      entity_type: 'task',
      created_by: by,
      created_at: at,
      value_after: [],
      value_before: [],
    });
  }

  createTask(lead: AmoLead, at: number, type: number, due: number): AmoTask {
    const id = ++this.s.seq.task;
    // a call now and then goes on the deal's contact or company, not the deal [A-REAL]
    const elsewhere = type === 1 && this.rng.chance(0.1);
    const taskType = type === 1 && this.rng.chance(0.15) ? this.s.customTaskTypeId : type;
    const task: AmoTask = {
      id,
      responsible_user_id: lead.responsible_user_id,
      entity_id: elsewhere ? 700000 + (lead.id % 5000) : lead.id,
      entity_type: elsewhere ? (this.rng.chance(0.7) ? 'contacts' : 'companies') : 'leads',
      is_completed: false,
      task_type_id: taskType,
      text: type === 2 ? 'Встреча с клиентом' : 'Связаться с клиентом',
      complete_till: due,
      created_at: at,
      updated_at: at,
      created_by: this.rng.chance(0.1) ? 0 : lead.responsible_user_id,
      result: [],
      duration: 0,
      group_id: 0,
      account_id: this.s.account.id,
    };
    this.s.tasks.set(id, task);
    if (!elsewhere) this.taskSet(lead.id).add(id);
    this.event({
      type: 'task_added',
      entity_id: id,
      entity_type: 'task',
      created_by: task.created_by ?? 0,
      created_at: at,
      value_after: [],
      value_before: [],
    });
    this.recomputeClosest(lead);
    return task;
  }

  completeTask(task: AmoTask, at: number): void {
    if (task.is_completed) return;
    task.is_completed = true;
    task.updated_at = at;
    task.result = { text: 'Выполнено' };
    this.event({
      type: 'task_completed',
      entity_id: task.id,
      entity_type: 'task',
      created_by: task.responsible_user_id,
      created_at: at,
      value_after: [],
      value_before: [],
    });
    if (task.entity_type === 'leads' && task.entity_id !== null) {
      this.openTasksByLead.get(task.entity_id)?.delete(task.id);
      const lead = this.s.leads.get(task.entity_id);
      if (lead) this.recomputeClosest(lead);
    }
  }

  /**
   * Lives through time until `until` (unix seconds), day by day. A day already partly lived gets
   * only the activity of its remaining hours: nothing new is ever dated in the past.
   */
  simulateUntil(until: number): void {
    while (this.s.simulatedUntil < until) {
      const from = this.s.simulatedUntil;
      const dayStart = this.s.dayAnchor + Math.floor((from - this.s.dayAnchor) / DAY) * DAY;
      const to = Math.min(dayStart + DAY, until);
      this.simulateDay(dayStart, from, to);
      this.s.simulatedUntil = to;
    }
    this.s.now = Math.max(this.s.now, until);
  }

  private activeProfiles(at: number): ManagerProfile[] {
    return this.s.profiles.filter((p) => p.activeUntil === null || at < p.activeUntil);
  }

  /** One day: plan the day's actions with times, then carry out those in [from, to) in time order. */
  simulateDay(dayStart: number, from = dayStart, to = dayStart + DAY): void {
    const rng = this.rng;
    const actions: Array<{ at: number; run: () => void }> = [];
    const when = () => dayStart + WORK_START + rng.int(0, WORK_LEN - 1);
    // the local day's weekday: its noon falls on the same date in UTC for any zone within ±12 h
    const weekend = new Date((dayStart + DAY / 2) * 1000).getUTCDay() % 6 === 0;
    const active = this.activeProfiles(dayStart + DAY / 2);
    const byUser = new Map(this.s.profiles.map((p) => [p.userId, p]));
    const perManager = this.s.leadsPerManagerDay;

    for (const p of active) {
      const n = rng.count((weekend ? 0.2 : 1) * perManager * p.volume);
      for (let i = 0; i < n; i++) {
        const at = when();
        const pipeline = rng.chance(0.2) ? this.s.secondPipelineId : this.s.mainPipelineId;
        actions.push({ at, run: () => void this.createLead(p, at, pipeline) });
      }
    }

    for (const lead of this.s.leads.values()) {
      if (lead.is_deleted || lead.pipeline_id === this.s.archivedPipelineId) continue;
      const p = byUser.get(lead.responsible_user_id);
      const closed = lead.status_id === WON_STATUS || lead.status_id === LOST_STATUS;
      if (closed) {
        // a won deal reopened now and then (a refund, a re-signed contract)
        if (
          lead.status_id === WON_STATUS &&
          lead.closed_at !== null &&
          dayStart - lead.closed_at < 14 * DAY &&
          rng.chance(0.004)
        ) {
          const at = when();
          const stages = this.stagesOf(lead.pipeline_id);
          const back = stages[stages.length - 2] ?? stages[0];
          if (back !== undefined)
            actions.push({
              at,
              run: () => this.moveLead(lead, at, back, lead.responsible_user_id),
            });
        }
        continue;
      }
      if (!p || (p.activeUntil !== null && dayStart >= p.activeUntil)) continue;
      if (weekend && rng.chance(0.8)) continue;
      if (rng.chance(0.0008)) {
        // a duplicate or a mistake: into the trash
        const at = when();
        actions.push({ at, run: () => this.deleteLead(lead, at, lead.responsible_user_id) });
        continue;
      }
      if (rng.chance(0.002)) {
        const others = active.filter((o) => o.userId !== lead.responsible_user_id);
        if (others.length) {
          const at = when();
          const to = rng.pick(others).userId;
          actions.push({
            at,
            run: () =>
              this.changeResponsible(lead, at, to, rng.chance(0.5) ? this.s.adminUserId : 0),
          });
        }
      }
      if (!rng.chance(p.drive)) continue;
      const at = when();
      actions.push({ at, run: () => this.act(lead, p, at) });
    }

    for (const task of this.s.tasks.values()) {
      if (task.is_completed) continue;
      const p = byUser.get(task.responsible_user_id);
      if (!p || (p.activeUntil !== null && dayStart >= p.activeUntil)) continue;
      const dueToday = task.complete_till < dayStart + DAY;
      const overdue = task.complete_till < dayStart;
      if (!dueToday) continue;
      if (overdue && rng.chance(0.01)) {
        const at = when();
        actions.push({ at, run: () => this.deleteTask(task, at, task.responsible_user_id) });
        continue;
      }
      if (rng.chance(overdue ? p.discipline * 0.3 : p.discipline)) {
        const at = Math.min(when(), Math.max(task.complete_till, dayStart + WORK_START));
        actions.push({ at, run: () => this.completeTask(task, at) });
      }
    }

    actions.sort((a, b) => a.at - b.at);
    for (const a of actions) if (a.at >= from && a.at < to) a.run();
  }

  /** What a manager does with an open lead today: it converts to the next stage, or it is lost. */
  private act(lead: AmoLead, p: ManagerProfile, at: number): void {
    if (lead.is_deleted || lead.status_id === WON_STATUS || lead.status_id === LOST_STATUS) return;
    const rng = this.rng;
    const stages = this.stagesOf(lead.pipeline_id);
    const idx = stages.indexOf(lead.status_id);
    const by = rng.chance(0.1) ? 0 : lead.responsible_user_id;
    const first = stages[0];
    if (idx < 0) {
      // still in unsorted (or an archived pipeline): accept it
      if (first !== undefined) this.moveLead(lead, at, first, by);
      return;
    }
    if (idx > 0 && rng.chance(0.04)) {
      // back and forth
      const prev = stages[idx - 1];
      if (prev !== undefined) this.moveLead(lead, at, prev, by);
      return;
    }
    const main = lead.pipeline_id === this.s.mainPipelineId;
    if (main && idx === 0 && rng.chance(0.01)) {
      // it turns out to be a service request: across pipelines [A-REAL]
      const target = this.stagesOf(this.s.secondPipelineId)[0];
      if (target !== undefined) this.moveLead(lead, at, target, by, this.s.secondPipelineId);
      return;
    }
    const funnel = main ? MAIN_FUNNEL : SECOND_FUNNEL;
    const conversion = Math.min(0.97, (funnel[idx] ?? 0.8) * p.skill);
    if (!rng.chance(conversion)) {
      this.moveLead(lead, at, LOST_STATUS, by);
      return;
    }
    const step = rng.chance(0.05) ? 2 : 1; // a skipped stage now and then
    const next = idx + step;
    const target = next >= stages.length ? WON_STATUS : (stages[next] ?? WON_STATUS);
    this.moveLead(lead, at, target, by);
    if (target !== WON_STATUS && rng.chance(p.discipline)) {
      const meeting = stages.indexOf(target) === 1;
      this.createTask(lead, at, meeting ? 2 : 1, at + rng.int(1, 3) * DAY);
    }
  }
}
