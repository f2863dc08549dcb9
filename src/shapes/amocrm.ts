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

import { cleanName } from './user-names';

const int = v.pipe(v.number(), v.integer());
const id = v.pipe(v.number(), v.integer(), v.minValue(1));
/**
 * A user id where 0 means the robot (automation) [G6]; amoCRM also sends null, which the official
 * PHP client reads as 0 (`(int)$event['created_by']`) [A-REAL].
 */
const userOrRobot = v.pipe(
  v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
  v.transform((x) => x ?? 0),
);
/**
 * A responsible user; 0 is "nobody" (a deal left without an owner), kept: its stages still count,
 * for no one (the application leaves user 0 out of every rating).
 */
const responsible = v.pipe(v.number(), v.integer(), v.minValue(0));

/** 2000-01-01T00:00:00Z: no record of a working account is older */
export const EARLIEST_DATE = 946684800;
/** a moment of the past may be at most this far ahead of the clock (clocks differ a little) */
export const FUTURE_SLACK = 86400;
/** due dates (a task's deadline) may lie in the future, but not past 2100 */
export const LATEST_DUE = 4102444800;

/** [2000-01-01, now + 1 day]: a moment that has happened; anything else is an odd record */
const past = v.pipe(
  v.number(),
  v.integer(),
  v.check(
    (x) => x >= EARLIEST_DATE && x <= Date.now() / 1000 + FUTURE_SLACK,
    'a date outside 2000-01-01 … tomorrow',
  ),
);
/** [2000-01-01, 2100-01-01): a deadline, which may be in the future */
const due = v.pipe(
  v.number(),
  v.integer(),
  v.check((x) => x >= EARLIEST_DATE && x < LATEST_DUE, 'a date outside 2000 … 2100'),
);
/** an optional moment: absent, null and 0 all mean "none" */
const optionalMoment = (schema: v.GenericSchema<number>) =>
  v.pipe(
    v.optional(v.nullable(v.number()), null),
    v.transform((x) => (x === 0 ? null : x)),
    v.nullable(schema),
  );

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
  /** amoCRM accepts any text and sometimes none: kept as one clean line ('' for none) */
  name: v.pipe(
    v.nullish(v.string(), ''),
    v.transform((x: string) => cleanName(x)),
  ),
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
  responsible_user_id: responsible,
  status_id: id,
  pipeline_id: id,
  created_at: past,
  updated_at: past,
  closed_at: optionalMoment(past),
  closest_task_at: optionalMoment(due),
  is_deleted: v.optional(v.boolean()),
});
export type AmoLead = v.InferOutput<typeof LeadSchema>;

export const TaskSchema = v.object({
  id,
  responsible_user_id: responsible,
  /** 0 or null: a task on nothing (the PHP client reads an empty entity_id as none) [A-REAL] */
  entity_id: v.pipe(
    v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))), null),
    v.transform((x) => (x === 0 ? null : x)),
  ),
  /** plural: 'leads', 'contacts', 'companies', 'customers' [G6] */
  entity_type: v.optional(v.nullable(v.string()), null),
  is_completed: v.boolean(),
  task_type_id: id,
  complete_till: due,
  created_at: past,
  updated_at: past,
});
export type AmoTask = v.InferOutput<typeof TaskSchema>;

const eventBase = {
  /** a 26-character string in real responses, e.g. "01pz58t6p04ymgsgfbmfyfy1mf" */
  id: v.pipe(v.string(), v.minLength(1)),
  entity_id: id,
  /** singular: 'lead', 'contact', 'company', 'task' [G6] */
  entity_type: v.string(),
  created_by: userOrRobot,
  created_at: past,
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
