/**
 * amoCRM API v4 objects as they appear in real responses: HAL links, `_embedded`, and the fields,
 * nulls and variants real accounts send beyond the documented examples — custom field arrays,
 * tags and companies, a `price` of 0 or null with `price_with_minor_units`, the account's extra
 * fields and `date_format`, the users' extra rights keys. [docs/services.md §A3, §A-REAL]
 */
import type { AmoEvent, AmoLead, AmoPipeline, AmoTask, AmoUser } from './api-model';
import { asList, type QueryValue } from '../emulator/http-util';
import { LOSS_REASONS, type AccountState } from './account-state';

/** Deterministic small variety per id (no state, no randomness between calls). */
const pick = (id: number, n: number) => ((id * 2654435761) >>> 0) % n;

function customFields(id: number): unknown {
  if (pick(id, 3) === 0) return null;
  return [
    {
      field_id: 1234561,
      field_name: 'Источник',
      field_code: null,
      field_type: 'select',
      values: [{ value: ['Сайт', 'Звонок', 'Выставка'][pick(id, 3)], enum_id: 3001 + pick(id, 3) }],
    },
    ...(pick(id, 2)
      ? [
          {
            field_id: 1234562,
            field_name: 'Город',
            field_code: 'CITY',
            field_type: 'text',
            values: [{ value: 'Москва' }],
          },
        ]
      : []),
  ];
}

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
  if (pick(l.id, 4) === 0) embedded.tags = [{ id: 501, name: 'VIP', color: null }];
  if (pick(l.id, 5) === 0)
    embedded.companies = [
      {
        id: 800000 + pick(l.id, 997),
        _links: { self: { href: `${base}/api/v4/companies/${800000 + pick(l.id, 997)}` } },
      },
    ];
  const price = pick(l.id, 7) === 0 ? null : pick(l.id, 7) === 1 ? 0 : (l.price ?? 0);
  return {
    id: l.id,
    name: l.name,
    price,
    price_with_minor_units: price === null ? null : price + 0.0,
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
    custom_fields_values: customFields(l.id),
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
    result: t.is_completed && pick(t.id, 2) === 0 ? [] : (t.result ?? []),
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

export function userView(
  base: string,
  u: AmoUser,
  /** `with=group`: the account's groups, to embed the user's own [A4] */
  groups?: ReadonlyArray<{ id: number; name: string }>,
) {
  const all = { view: 'A', edit: 'A', add: 'A', delete: 'A', export: 'A' };
  const admin = u.rights.is_admin ?? false;
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
      files_access: true,
      // null for admins in real responses [A-REAL]
      status_rights: admin ? null : [],
      catalog_rights: null,
      custom_fields_rights: null,
      oper_day_reports_view_access: false,
      oper_day_user_tracking: false,
      is_admin: admin,
      is_free: false,
      is_active: u.rights.is_active,
      // null for the default group [A-REAL]
      group_id: u.rights.group_id === 0 ? null : (u.rights.group_id ?? null),
      role_id: null,
    },
    _links: { self: { href: `${base}/api/v4/users/${u.id}/` } },
    ...(groups
      ? {
          _embedded: {
            groups: groups
              .filter((g) => g.id === (u.rights.group_id ?? 0))
              .map((g) => ({ id: g.id, name: g.name })),
          },
        }
      : {}),
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

export function accountView(
  base: string,
  state: AccountState,
  actingUserId: number,
  q: Record<string, QueryValue>,
) {
  const a = state.account;
  const w = new Set(asList(q.with));
  const embedded: Record<string, unknown> = {};
  if (w.has('datetime_settings'))
    embedded.datetime_settings = {
      date_pattern: 'd.m.Y H:i',
      short_date_pattern: 'd.m.Y',
      short_time_pattern: 'H:i',
      // real responses say date_format (the docs' date_formant is a typo) [A-REAL]
      date_format: 'd.m.Y',
      time_format: 'H:i:s',
      ...a._embedded?.datetime_settings,
    };
  if (w.has('task_types'))
    embedded.task_types = (a._embedded?.task_types ?? []).map((t) => ({
      color: null,
      icon_id: null,
      ...t,
    }));
  if (w.has('users_groups'))
    embedded.users_groups = (a._embedded?.users_groups ?? []).map((g) => ({ uuid: null, ...g }));
  return {
    id: a.id,
    name: a.name,
    subdomain: a.subdomain,
    created_at: 1514764800,
    created_by: 0,
    updated_at: state.now,
    updated_by: 0,
    current_user_id: actingUserId,
    country: 'RU',
    customers_mode: 'disabled',
    is_unsorted_on: true,
    is_loss_reason_enabled: true,
    is_helpbot_enabled: false,
    is_technical_account: false,
    contact_name_display_order: 1,
    language: 'ru',
    currency: 'RUB',
    currency_symbol: '₽',
    mobile_feature_version: 0,
    amojo_id: '4b6c2a1e-1f2d-4a3b-9c8d-7e6f5a4b3c2d',
    uuid: '0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011',
    ...(w.has('is_api_filter_enabled')
      ? { is_api_filter_enabled: a.is_api_filter_enabled ?? false }
      : {}),
    _links: { self: { href: `${base}/api/v4/account` } },
    ...(Object.keys(embedded).length ? { _embedded: embedded } : {}),
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
].map(([key = '', lang = ''], i) => ({ key, type: i + 1, lang }));
