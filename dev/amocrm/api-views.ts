/** amoCRM API v4 objects as they appear in responses (HAL links, `_embedded`). [amocrm-api.md A3] */
import type { AmoEvent, AmoLead, AmoPipeline, AmoTask, AmoUser } from '../../src/amocrm/api-types';
import { LOSS_REASONS } from './account-state';

export function leadView(base: string, l: AmoLead, withLossReason: boolean) {
  const embedded: Record<string, unknown> = { tags: [], companies: [] };
  if (withLossReason && l.loss_reason_id) {
    const r = LOSS_REASONS.find((x) => x.id === l.loss_reason_id);
    // documented as an object; the official client reads it as an array, so an array it is
    if (r)
      embedded.loss_reason = [
        {
          id: r.id,
          name: r.name,
          sort: r.id * 10,
          created_at: 1600000000,
          updated_at: 1600000000,
          _links: { self: { href: `${base}/api/v4/leads/loss_reasons/${r.id}` } },
        },
      ];
  }
  return {
    id: l.id,
    name: l.name,
    price: l.price ?? 0,
    responsible_user_id: l.responsible_user_id,
    group_id: l.group_id ?? 0,
    status_id: l.status_id,
    pipeline_id: l.pipeline_id,
    loss_reason_id: l.loss_reason_id ?? null,
    created_by: l.created_by ?? 0,
    updated_by: l.updated_by ?? l.created_by ?? 0,
    created_at: l.created_at,
    updated_at: l.updated_at,
    closed_at: l.closed_at,
    closest_task_at: l.closest_task_at,
    is_deleted: l.is_deleted ?? false,
    custom_fields_values: null,
    score: null,
    account_id: l.account_id ?? 0,
    labor_cost: null,
    _links: { self: { href: `${base}/api/v4/leads/${l.id}` } },
    _embedded: embedded,
  };
}

export function taskView(base: string, t: AmoTask) {
  return {
    id: t.id,
    created_by: t.created_by ?? 0,
    updated_by: t.updated_by ?? t.created_by ?? 0,
    created_at: t.created_at,
    updated_at: t.updated_at,
    responsible_user_id: t.responsible_user_id,
    group_id: t.group_id ?? 0,
    entity_id: t.entity_id,
    entity_type: t.entity_type,
    duration: t.duration ?? 0,
    is_completed: t.is_completed,
    task_type_id: t.task_type_id,
    text: t.text ?? '',
    result: t.result ?? [],
    complete_till: t.complete_till,
    account_id: t.account_id ?? 0,
    _links: { self: { href: `${base}/api/v4/tasks/${t.id}` } },
  };
}

export function eventView(base: string, e: AmoEvent, accountId: number) {
  const plural =
    e.entity_type === 'lead' ? 'leads' : e.entity_type === 'task' ? 'tasks' : `${e.entity_type}s`;
  return {
    id: e.id,
    type: e.type,
    entity_id: e.entity_id,
    entity_type: e.entity_type,
    created_by: e.created_by,
    created_at: e.created_at,
    value_after: e.value_after,
    value_before: e.value_before,
    account_id: accountId,
    _links: { self: { href: `${base}/api/v4/events/${e.id}` } },
    _embedded: {
      entity: {
        id: e.entity_id,
        _links: { self: { href: `${base}/api/v4/${plural}/${e.entity_id}` } },
      },
    },
  };
}

export function userView(base: string, u: AmoUser) {
  const all = { view: 'A', edit: 'A', add: 'A', delete: 'A', export: 'A' };
  return {
    id: u.id,
    name: u.name,
    email: u.email ?? '',
    lang: 'ru',
    rights: {
      leads: all,
      contacts: all,
      companies: all,
      tasks: { edit: 'A', delete: 'A' },
      mail_access: false,
      catalog_access: false,
      status_rights: [],
      is_admin: u.rights.is_admin ?? false,
      is_free: false,
      is_active: u.rights.is_active,
      group_id: u.rights.group_id ?? null,
      role_id: null,
    },
    _links: { self: { href: `${base}/api/v4/users/${u.id}/` } },
  };
}

export function pipelineView(base: string, p: AmoPipeline, accountId: number) {
  return {
    id: p.id,
    name: p.name,
    sort: p.sort,
    is_main: p.is_main,
    is_unsorted_on: true,
    is_archive: p.is_archive ?? false,
    account_id: accountId,
    _links: { self: { href: `${base}/api/v4/leads/pipelines/${p.id}` } },
    _embedded: {
      statuses: p._embedded.statuses.map((s) => ({
        ...s,
        account_id: accountId,
        _links: { self: { href: `${base}/api/v4/leads/pipelines/${p.id}/statuses/${s.id}` } },
      })),
    },
  };
}

export const EVENT_TYPES: Array<{ key: string; type: number; lang: string }> = [
  ['lead_added', 'Новая сделка'],
  ['lead_deleted', 'Сделка удалена'],
  ['lead_restored', 'Сделка восстановлена'],
  ['lead_status_changed', 'Изменение этапа продажи'],
  ['entity_responsible_changed', 'Ответственный изменен'],
  ['task_added', 'Новая задача'],
  ['task_deleted', 'Задача удалена'],
  ['task_completed', 'Завершение задачи'],
  ['task_result_added', 'Результат по задаче'],
  ['task_deadline_changed', 'Изменение срока задачи'],
  ['incoming_call', 'Входящий звонок'],
  ['outgoing_call', 'Исходящий звонок'],
  ['common_note_added', 'Новое примечание'],
  ['sale_field_changed', 'Изменение поля «Бюджет»'],
].map(([key, lang], i) => ({ key, type: i + 1, lang }));
