/**
 * amoCRM API v4 objects as schemas: what the product reads from each response, checked before
 * anything enters the store, and the TypeScript types derived from them. The schemas accept what
 * real amoCRM adds (unknown fields, and the nulls and variants of docs/services.md §A-REAL) and drop
 * it from the output; a field the product reads with the wrong type fails with its path.
 * Both the amoCRM adapter (validation) and the engine (types) import this module.
 */
import * as v from 'valibot';

/** statuses 142 and 143 exist in every pipeline [docs/services.md §A3.3] */
export const WON_STATUS = 142;
export const LOST_STATUS = 143;

/** the two predefined task types; custom types have ids of their own [A3.5] */
export const MEETING_TASK_TYPE = 2;

const int = v.pipe(v.number(), v.integer());
const id = v.pipe(v.number(), v.integer(), v.minValue(1));
/** a user id where 0 means the robot (automation) [G6] */
const userOrRobot = v.pipe(v.number(), v.integer(), v.minValue(0));
const unix = v.pipe(v.number(), v.integer(), v.minValue(0));

export const AccountSchema = v.object({
  id,
  name: v.string(),
  subdomain: v.string(),
  current_user_id: v.optional(int),
  is_api_filter_enabled: v.optional(v.boolean()),
  _embedded: v.optional(
    v.object({
      datetime_settings: v.optional(
        v.object({
          timezone: v.nullish(v.string()),
          timezone_offset: v.nullish(v.string()),
        }),
      ),
      task_types: v.optional(
        v.array(v.object({ id, name: v.string(), code: v.nullish(v.string()) })),
      ),
      /** `with=users_groups`: the account's user groups (id 0 is the default group) */
      users_groups: v.optional(v.array(v.object({ id: int, name: v.string() }))),
    }),
  ),
});
export type AmoAccount = v.InferOutput<typeof AccountSchema>;

export const UserSchema = v.object({
  id,
  name: v.string(),
  email: v.nullish(v.string()),
  rights: v.object({
    is_active: v.boolean(),
    is_admin: v.optional(v.boolean()),
    group_id: v.nullish(int),
  }),
});
export type AmoUser = v.InferOutput<typeof UserSchema>;

export const StatusSchema = v.object({
  id,
  name: v.string(),
  sort: int,
  pipeline_id: id,
  /** 1 = unsorted ("Неразобранное"), 0 = normal */
  type: int,
  color: v.nullish(v.string()),
});
export type AmoStatus = v.InferOutput<typeof StatusSchema>;

export const PipelineSchema = v.object({
  id,
  name: v.string(),
  sort: int,
  is_main: v.boolean(),
  is_archive: v.optional(v.boolean()),
  _embedded: v.object({ statuses: v.array(StatusSchema) }),
});
export type AmoPipeline = v.InferOutput<typeof PipelineSchema>;

export const LeadSchema = v.object({
  id,
  /** real leads always have a name; an empty one is kept empty */
  name: v.nullish(v.string(), ''),
  responsible_user_id: id,
  status_id: id,
  pipeline_id: id,
  created_at: unix,
  updated_at: unix,
  closed_at: v.optional(v.nullable(unix), null),
  closest_task_at: v.optional(v.nullable(unix), null),
  is_deleted: v.optional(v.boolean()),
});
export type AmoLead = v.InferOutput<typeof LeadSchema>;

export const TaskSchema = v.object({
  id,
  responsible_user_id: id,
  entity_id: v.optional(v.nullable(id), null),
  /** plural: 'leads', 'contacts', 'companies', 'customers' [G6] */
  entity_type: v.optional(v.nullable(v.string()), null),
  is_completed: v.boolean(),
  task_type_id: id,
  complete_till: unix,
  created_at: unix,
  updated_at: unix,
});
export type AmoTask = v.InferOutput<typeof TaskSchema>;

const eventBase = {
  /** a 26-character string in real responses, e.g. "01pz58t6p04ymgsgfbmfyfy1mf" */
  id: v.pipe(v.string(), v.minLength(1)),
  entity_id: id,
  /** singular: 'lead', 'contact', 'company', 'task' [G6] */
  entity_type: v.string(),
  created_by: userOrRobot,
  created_at: unix,
};
const leadStatus = v.object({ lead_status: v.object({ id, pipeline_id: id }) });
const responsibleUser = v.object({ responsible_user: v.object({ id }) });

/** The three event types the rating reads; each with the value shapes it reads. [A3.6] */
export const EventSchemas = {
  lead_status_changed: v.object({
    ...eventBase,
    type: v.literal('lead_status_changed'),
    value_after: v.pipe(v.array(leadStatus), v.minLength(1)),
    value_before: v.array(leadStatus),
  }),
  entity_responsible_changed: v.object({
    ...eventBase,
    type: v.literal('entity_responsible_changed'),
    value_after: v.pipe(v.array(responsibleUser), v.minLength(1)),
    value_before: v.array(responsibleUser),
  }),
  task_completed: v.object({
    ...eventBase,
    type: v.literal('task_completed'),
  }),
  /** a deleted lead leaves the lists: only this event tells the sync to forget it */
  lead_deleted: v.object({ ...eventBase, type: v.literal('lead_deleted') }),
  lead_restored: v.object({ ...eventBase, type: v.literal('lead_restored') }),
  /** a deleted task leaves the lists too */
  task_deleted: v.object({ ...eventBase, type: v.literal('task_deleted') }),
};
export type RatingEventType = keyof typeof EventSchemas;
export const RATING_EVENT_TYPES = Object.keys(EventSchemas) as RatingEventType[];
export type AmoEvent = {
  [K in RatingEventType]: v.InferOutput<(typeof EventSchemas)[K]>;
}[RatingEventType];

export function isRatingEventType(type: unknown): type is RatingEventType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(EventSchemas, type);
}
