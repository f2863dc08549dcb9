/**
 * The emulator's own model of an amoCRM account: objects in API v4 shapes as the emulator keeps
 * them (richer than what the product reads). Written from the reference, not from the product's
 * code, so the emulator stays an independent oracle. Event ids are strings, events name their
 * entity in the singular (`lead`), tasks in the plural (`leads`), `is_active` lives in `rights`,
 * `value_after`/`value_before` are arrays. [docs/services.md §A3, §G6]
 */

export interface AmoAccount {
  id: number;
  name: string;
  subdomain: string;
  current_user_id?: number;
  is_api_filter_enabled?: boolean;
  _embedded?: {
    datetime_settings?: { timezone?: string; timezone_offset?: string };
    task_types?: Array<{
      id: number;
      name: string;
      code?: string | null;
      color?: string | null;
      icon_id?: number | null;
    }>;
    users_groups?: Array<{ id: number; name: string }>;
  };
}

export interface AmoUser {
  id: number;
  name: string;
  email?: string;
  rights: { is_active: boolean; is_admin?: boolean; group_id?: number | null };
}

export interface AmoStatus {
  id: number;
  name: string;
  sort: number;
  pipeline_id: number;
  /** 1 = unsorted ("Неразобранное"), 0 = normal */
  type: number;
  is_editable?: boolean;
  color?: string;
}

export interface AmoPipeline {
  id: number;
  name: string;
  sort: number;
  is_main: boolean;
  is_archive?: boolean;
  _embedded: { statuses: AmoStatus[] };
}

export interface AmoLead {
  id: number;
  name: string;
  price?: number;
  responsible_user_id: number;
  status_id: number;
  pipeline_id: number;
  created_by?: number;
  updated_by?: number;
  group_id?: number;
  account_id?: number;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
  closest_task_at: number | null;
  is_deleted?: boolean;
  loss_reason_id?: number | null;
}

export interface AmoTask {
  id: number;
  responsible_user_id: number;
  entity_id: number | null;
  /** plural: 'leads', 'contacts', 'companies', 'customers' */
  entity_type: string | null;
  is_completed: boolean;
  task_type_id: number;
  text?: string;
  complete_till: number;
  created_at: number;
  updated_at: number;
  created_by?: number;
  updated_by?: number;
  duration?: number;
  group_id?: number;
  account_id?: number;
  result?: { text?: string } | unknown[];
}

export interface AmoLeadStatusValue {
  lead_status: { id: number; pipeline_id: number };
}

export interface AmoResponsibleValue {
  responsible_user: { id: number };
}

export interface AmoEvent {
  /** a string, e.g. "01pz58t6p04ymgsgfbmfyfy1mf" */
  id: string;
  type: string;
  entity_id: number;
  /** singular: 'lead', 'contact', 'task', … */
  entity_type: string;
  /** 0 = the robot (automation) */
  created_by: number;
  created_at: number;
  value_after: unknown[];
  value_before: unknown[];
}

export const WON_STATUS = 142;
export const LOST_STATUS = 143;
