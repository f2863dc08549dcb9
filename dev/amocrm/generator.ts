/**
 * Deterministic realistic accounts, from a few managers to 100 k leads with months of history:
 * two working pipelines (one with the case's stages) and an archived one, managers with different
 * funnels and discipline, calls and meetings (some overdue) and a custom task type, leads without
 * tasks, and the awkward cases on purpose — robot moves, back-and-forth moves, skipped stages,
 * reopened and deleted deals, moves across pipelines, a deactivated user and a deleted user who
 * still own leads, leads in unsorted, names with HTML and formula starters.
 */
import type { AmoPipeline, AmoStatus, AmoUser } from './api-model';
import { Rng } from '../emulator/rng';
import type { AccountState, ManagerProfile } from './account-state';
import { FIRST, LAST, personName } from './names';
import { messUp } from './messy';
import { Simulation } from './simulation';

export const SIZES = {
  tiny: { managers: 4, leads: 150 },
  small: { managers: 8, leads: 1000 },
  medium: { managers: 20, leads: 10000 },
  large: { managers: 60, leads: 100000 },
} as const;

export type SizeName = keyof typeof SIZES;

export interface GenerateOptions {
  seed: number;
  size: SizeName | { managers: number; leads: number };
  /** the account's "now" (default 2026-03-16 06:00 UTC, a Monday morning in Moscow) */
  now?: number | string;
  /** more working pipelines, each with this many open stages and a few open deals on each */
  extraPipelines?: { count: number; stages: number };
  /** mix in the odd records of real accounts at this rate (messy.ts); 0 or absent: none */
  messy?: number;
}

export const DEFAULT_NOW = Date.parse('2026-03-16T06:00:00Z');
const DAY = 86400;

/** Status ids as in real accounts: large numbers, unique per account; 142/143 in every pipeline. */
function pipeline(
  id: number,
  name: string,
  sort: number,
  main: boolean,
  stages: string[],
  firstStatusId: number,
  accountId: number,
): AmoPipeline {
  const color = ['#99ccff', '#ffff99', '#ffcc66', '#ccff66', '#f3beff', '#87f2c0'];
  const statuses: AmoStatus[] = [
    {
      id: firstStatusId,
      name: 'Неразобранное',
      sort: 10,
      is_editable: false,
      pipeline_id: id,
      color: '#c1c1c1',
      type: 1,
    },
    ...stages.map((n, i) => ({
      id: firstStatusId + 1 + i,
      name: n,
      sort: 20 + i * 10,
      is_editable: true,
      pipeline_id: id,
      color: color[i % color.length],
      type: 0,
    })),
    {
      id: 142,
      name: 'Успешно реализовано',
      sort: 10000,
      is_editable: false,
      pipeline_id: id,
      color: '#CCFF66',
      type: 0,
    },
    {
      id: 143,
      name: 'Закрыто и не реализовано',
      sort: 11000,
      is_editable: false,
      pipeline_id: id,
      color: '#D5D8DB',
      type: 0,
    },
  ].map((st) => ({ ...st, account_id: accountId }));
  return {
    id,
    name,
    sort,
    is_main: main,
    is_archive: false,
    _embedded: { statuses },
  };
}

/** The start of the previous quarter before `now` (UTC calendar; the history window). */
export function historyStart(now: number): number {
  const d = new Date(now);
  const q = Math.floor(d.getUTCMonth() / 3) * 3;
  return Date.UTC(d.getUTCFullYear(), q - 3, 1) / 1000 - 3 * 3600; // Moscow midnight
}

export function generateAccount(opts: GenerateOptions): AccountState {
  const size = typeof opts.size === 'string' ? SIZES[opts.size] : opts.size;
  const now = Math.floor(
    (opts.now === undefined ? DEFAULT_NOW : new Date(opts.now).getTime()) / 1000,
  );
  const rng = new Rng(opts.seed);
  const accountId = 30000000 + (opts.seed % 1000000);
  const start = historyStart(now * 1000);
  const days = Math.max(1, Math.floor((now - start) / DAY));

  const users: AmoUser[] = [];
  const profiles: ManagerProfile[] = [];
  const adminId = 7000000 + rng.int(0, 99999);
  users.push({
    id: adminId,
    name: 'Руководитель отдела продаж',
    email: 'head@demo.example',
    rights: { is_active: true, is_admin: true, group_id: 0 },
  });
  const usedNames = new Set<string>();
  // user groups as amoCRM numbers them: the default group is 0 (sent as null in a user's rights),
  // the others get large ids; managers go round the three, the head stays in the default one
  const groupBase = 267688 + (opts.seed % 1000) * 10;
  const groups = [
    { id: groupBase, name: 'Новые клиенты' },
    { id: groupBase + 1, name: 'Повторные продажи' },
    { id: groupBase + 2, name: 'Регионы' },
  ];
  for (let i = 0; i < size.managers; i++) {
    let name: string;
    do name = personName(rng.pick(FIRST), rng.pick(LAST));
    while (usedNames.has(name) && usedNames.size < FIRST.length * LAST.length);
    usedNames.add(name);
    const id = adminId + 1 + i;
    // one manager leaves a month before now: deactivated, still owns leads
    const leaves = i === 1 && size.managers >= 3;
    users.push({
      id,
      name,
      email: `user${i + 1}@demo.example`,
      rights: { is_active: !leaves, is_admin: false, group_id: groups[i % groups.length]?.id ?? 0 },
    });
    profiles.push({
      userId: id,
      volume: 0.6 + rng.next() * 0.8,
      drive: 0.2 + rng.next() * 0.25,
      skill: 0.7 + rng.next() * 0.6,
      discipline: i === 0 ? 0.95 : 0.45 + rng.next() * 0.5,
      activeUntil: leaves ? now - 30 * DAY : null,
    });
  }
  // a user deleted from the account: not in /users, still responsible for leads
  const deletedUserId = adminId + 1 + size.managers;
  profiles.push({
    userId: deletedUserId,
    volume: 0.5,
    drive: 0.3,
    skill: 0.9,
    discipline: 0.5,
    activeUntil: now - 45 * DAY,
  });

  const mainId = 3177727 + (opts.seed % 1000);
  const secondId = mainId + 1;
  const archivedId = mainId + 2;
  const customTaskTypeId = 2345678;
  const state: AccountState = {
    account: {
      id: accountId,
      name: 'Демо-продажи',
      subdomain: 'demo',
      current_user_id: adminId,
      is_api_filter_enabled: true,
      _embedded: {
        datetime_settings: { timezone: 'Europe/Moscow', timezone_offset: '+03:00' },
        task_types: [
          { id: 1, name: 'Связаться', code: 'FOLLOW_UP' },
          { id: 2, name: 'Встреча', code: 'MEETING' },
          { id: customTaskTypeId, name: 'Отправить КП', code: null, color: '#ff8f00', icon_id: 5 },
        ],
        users_groups: [{ id: 0, name: 'Отдел продаж' }, ...groups],
      },
    },
    users,
    pipelines: [
      pipeline(
        mainId,
        'Продажи',
        1,
        true,
        [
          'Новая заявка',
          'Встреча назначена',
          'Встреча проведена',
          'Договор подписан',
          'Аванс внесен',
        ],
        32392156,
        accountId,
      ),
      pipeline(
        secondId,
        'Сервис',
        2,
        false,
        ['Заявка на сервис', 'Диагностика', 'Счёт выставлен'],
        32392256,
        accountId,
      ),
      {
        ...pipeline(
          archivedId,
          'Старая воронка',
          3,
          false,
          ['Лид', 'Переговоры'],
          32392356,
          accountId,
        ),
        is_archive: true,
      },
    ],
    leads: new Map(),
    events: [],
    tasks: new Map(),
    profiles,
    deletedUserId,
    adminUserId: adminId,
    now: start,
    simulatedUntil: start,
    dayAnchor: start,
    seq: { lead: 20000000, task: 50000000, event: 0, note: 90000000 },
    seed: opts.seed,
    leadsPerManagerDay: size.leads / (days * (5 / 7 + (0.2 * 2) / 7)) / (size.managers + 0.5),
    mainPipelineId: mainId,
    secondPipelineId: secondId,
    archivedPipelineId: archivedId,
    customTaskTypeId,
  };
  const sim = new Simulation(state, rng);
  // a few old deals of the archived pipeline, still open: it is archived, not emptied
  const first = profiles[0];
  if (first)
    for (let i = 0; i < 3; i++) sim.createLead(first, start + 3600 * (i + 1), archivedId, 32392357);
  // big accounts: many pipelines, each with many open stages (the open-leads query must still
  // fit the URL limit whatever their number)
  const extra = opts.extraPipelines;
  for (let k = 0; extra && k < extra.count; k++) {
    const id = archivedId + 1 + k;
    const names = Array.from({ length: extra.stages }, (_, i) => `Этап ${i + 1} воронки ${k + 4}`);
    state.pipelines.push(
      pipeline(id, `Воронка ${k + 4}`, 4 + k, false, names, 32400000 + k * 1000, accountId),
    );
    for (let i = 0; i < extra.stages; i++)
      for (let j = 0; j < 2; j++) {
        const owner = profiles[(i + j) % Math.max(1, profiles.length - 1)];
        if (owner)
          sim.createLead(owner, start + 7200 * (i + 1) + j * 60, id, 32400000 + k * 1000 + 1 + i);
      }
  }
  state.simulatedUntil = start;
  sim.simulateUntil(now);
  if (opts.messy) state.messy = messUp(state, opts.messy, opts.seed);
  return state;
}
