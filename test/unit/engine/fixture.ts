/**
 * A tiny hand-made amoCRM account in API v4 shapes, small enough to check every number on paper.
 * Pipeline 1001 has the case's stages; pipeline 2002 is not selected.
 */
import type {
  AmoAccount,
  AmoEvent,
  AmoLead,
  AmoPipeline,
  AmoTask,
  AmoUser,
} from '../../../src/shapes/amocrm';
import { eventLogFromApi, type AccountData } from '../../../src/shapes/account-data';
import {
  defaultEngineSettings,
  intlOffset,
  RatingEngine,
  type EngineSettings,
} from '../../../src/engine';

/** The account as tests write it: events in their API shape, in any order. */
export type TestData = Partial<Omit<AccountData, 'events'>> & { events?: AmoEvent[] };

export const P = 1001;
export const P2 = 2002;
export const S = {
  UNSORTED: 10,
  NEW: 11,
  MEET: 12,
  HELD: 13,
  CONTRACT: 14,
  ADVANCE: 15,
  WON: 142,
  LOST: 143,
} as const;
export const ANNA = 1;
export const BORIS = 2;
export const VERA = 3; // deactivated
export const GONE = 4; // deleted: owns leads, is not in /users
export const DARIA = 5;

export const users: AmoUser[] = [
  { id: ANNA, name: 'Анна', rights: { is_active: true } },
  { id: BORIS, name: 'Борис', rights: { is_active: true } },
  { id: VERA, name: 'Вера', rights: { is_active: false } },
  { id: DARIA, name: 'Дарья', rights: { is_active: true } },
];

export const pipelines: AmoPipeline[] = [
  {
    id: P,
    name: 'Продажи',
    sort: 1,
    is_main: true,
    _embedded: {
      statuses: [
        ['Неразобранное', S.UNSORTED, 1],
        ['Новая заявка', S.NEW, 0],
        ['Встреча назначена', S.MEET, 0],
        ['Встреча проведена', S.HELD, 0],
        ['Договор подписан', S.CONTRACT, 0],
        ['Аванс внесен', S.ADVANCE, 0],
        ['Успешно реализовано', S.WON, 0],
        ['Закрыто и не реализовано', S.LOST, 0],
      ].map(([name, id, type], i) => ({
        id: id as number,
        name: name as string,
        sort: i * 10,
        pipeline_id: P,
        type: type as number,
      })),
    },
  },
  {
    id: P2,
    name: 'Сервис',
    sort: 2,
    is_main: false,
    _embedded: {
      statuses: [
        { id: 21, name: 'Заявка', sort: 10, pipeline_id: P2, type: 0 },
        { id: 142, name: 'Успешно реализовано', sort: 100, pipeline_id: P2, type: 0 },
      ],
    },
  },
];

export const account: AmoAccount = {
  id: 77,
  name: 'Демо',
  subdomain: 'demo',
  _embedded: { datetime_settings: { timezone: 'Europe/Moscow', timezone_offset: '+03:00' } },
};

/** Unix seconds of a Moscow wall-clock time, e.g. t('2026-03-10 12:00'). */
export function t(local: string): number {
  return Math.floor(Date.parse(local.replace(' ', 'T') + ':00+03:00') / 1000);
}

let eventSeq = 0;
const eid = () => `ev${String(++eventSeq).padStart(6, '0')}`;

export function lead(
  id: number,
  created: string,
  responsible: number,
  status: number,
  extra: Partial<AmoLead> = {},
): AmoLead {
  return {
    id,
    name: `Сделка ${id}`,
    responsible_user_id: responsible,
    status_id: status,
    pipeline_id: extra.pipeline_id ?? P,
    created_at: t(created),
    updated_at: t(created),
    closed_at: null,
    closest_task_at: t(created) + 86400,
    ...extra,
  };
}

export function move(
  leadId: number,
  at: string,
  from: number,
  to: number,
  opts: { by?: number; pipeline?: number; toPipeline?: number } = {},
): AmoEvent {
  return {
    id: eid(),
    type: 'lead_status_changed',
    entity_id: leadId,
    entity_type: 'lead',
    created_by: opts.by ?? ANNA,
    created_at: t(at),
    value_before: [{ lead_status: { id: from, pipeline_id: opts.pipeline ?? P } }],
    value_after: [{ lead_status: { id: to, pipeline_id: opts.toPipeline ?? opts.pipeline ?? P } }],
  };
}

export function reassign(leadId: number, at: string, from: number, to: number): AmoEvent {
  return {
    id: eid(),
    type: 'entity_responsible_changed',
    entity_id: leadId,
    entity_type: 'lead',
    created_by: ANNA,
    created_at: t(at),
    value_before: [{ responsible_user: { id: from } }],
    value_after: [{ responsible_user: { id: to } }],
  };
}

export function task(
  id: number,
  responsible: number,
  opts: Partial<AmoTask> & { due: string; leadId?: number },
): AmoTask {
  const { due, leadId, ...rest } = opts;
  return {
    id,
    responsible_user_id: responsible,
    entity_id: leadId ?? null,
    entity_type: leadId ? 'leads' : null,
    is_completed: false,
    task_type_id: 1,
    complete_till: t(due),
    created_at: t(due) - 86400,
    updated_at: t(due) - 86400,
    ...rest,
  };
}

export function completed(taskId: number, at: string): AmoEvent {
  return {
    id: eid(),
    type: 'task_completed',
    entity_id: taskId,
    entity_type: 'task',
    created_by: ANNA,
    created_at: t(at),
  };
}

export function settings(overrides: Partial<EngineSettings> = {}): EngineSettings {
  return defaultEngineSettings({
    pipelineIds: [P],
    stages: {
      meetingsScheduled: [{ pipelineId: P, statusId: S.MEET }],
      meetingsHeld: [{ pipelineId: P, statusId: S.HELD }],
      contractsSigned: [{ pipelineId: P, statusId: S.CONTRACT }],
      advancesPaid: [{ pipelineId: P, statusId: S.ADVANCE }],
    },
    ...overrides,
  });
}

export function engine(data: TestData, s: EngineSettings = settings()): RatingEngine {
  const { events = [], ...rest } = data;
  return new RatingEngine(
    { account, users, pipelines, leads: [], tasks: [], ...rest, events: eventLogFromApi(events) },
    s,
    { utcOffset: intlOffset, fallbackTimeZone: 'Europe/Moscow' },
  );
}

/** Monday 16 March 2026, 09:00 in Moscow: the week is 9–15 March, the month runs from 1 March. */
export const NOW = t('2026-03-16 09:00') * 1000;
