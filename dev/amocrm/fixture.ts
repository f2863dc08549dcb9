/**
 * A fixed account loaded from JSON files (account.json, users.json, pipelines.json, leads.json,
 * events.json, tasks.json — the API objects), for tests whose every number is worked out by hand.
 * Nothing happens on its own in a fixed account: advancing the clock only moves "now".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AmoAccount, AmoEvent, AmoLead, AmoPipeline, AmoTask, AmoUser } from './api-model';
import type { AccountState } from './account-state';

export function loadFixture(dir: string, now: number): AccountState {
  const read = <T>(name: string): T =>
    JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as T;
  const users = read<AmoUser[]>('users');
  const pipelines = read<AmoPipeline[]>('pipelines');
  const events = read<AmoEvent[]>('events')
    .slice()
    .sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : 1));
  const leads = read<AmoLead[]>('leads');
  const tasks = read<AmoTask[]>('tasks');
  const admin = users.find((u) => u.rights.is_admin) ?? users[0];
  const main = pipelines.find((p) => p.is_main) ?? pipelines[0];
  if (!admin || !main) throw new Error(`${dir}: the fixture needs users and pipelines`);
  return {
    account: read<AmoAccount>('account'),
    users,
    pipelines,
    leads: new Map(leads.map((l) => [l.id, l])),
    events,
    tasks: new Map(tasks.map((t) => [t.id, t])),
    profiles: [],
    deletedUserId: 0,
    adminUserId: admin.id,
    now,
    simulatedUntil: now,
    dayAnchor: now,
    seed: 0,
    leadsPerManagerDay: 0,
    seq: {
      lead: Math.max(0, ...leads.map((l) => l.id)),
      task: Math.max(0, ...tasks.map((t) => t.id)),
      event: events.length,
      note: 0,
    },
    mainPipelineId: main.id,
    secondPipelineId: pipelines[1]?.id ?? 0,
    archivedPipelineId: 0,
    customTaskTypeId: 0,
  };
}
