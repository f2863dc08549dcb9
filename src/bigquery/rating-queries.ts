/**
 * The rating's facts (engine/rating-facts.ts) in GoogleSQL, over the derived table `timeline`
 * (timeline-table.ts: each lead's timeline rebuilt from its events once per sync, the way
 * engine/lead-history.ts does): the credits, portfolios and stocks of engine/ledger.ts, rating.ts
 * and snapshots.ts computed from it with the settings (docs/rules.md §2.3–§2.7). Only small results leave BigQuery: counts per day, user and figure;
 * the items of the periods shown, capped; ids with their whole counts.
 *
 * Instants are UTC ms (INT64) as the engine's; the store keeps unix seconds. Local days are the
 * engine Calendar's: the caller passes the local midnights as @midnights (ARRAY<INT64>, ms, in
 * order) and a moment's day is RANGE_BUCKET(at, @midnights) - 1, so a zone's DST days (23 or 25
 * hours) and odd offsets (Asia/Kamchatka) come out as the Calendar draws them, whatever BigQuery's
 * own time-zone data says.
 *
 * Figures are coded as numbers (FIGURE_CODE): 0 new leads, 1–4 the mapped stages in funnel order,
 * 5 won, 6 lost, 7 completed tasks.
 *
 * Parameters of every query but `details`:
 * @pipelines ARRAY<INT64>; @stage_p, @stage_s, @stage_f ARRAY<INT64> (the stage map as three
 * columns, zipped by offset); @skipped BOOL (countSkippedStages); @held_from_tasks BOOL;
 * @meeting_types ARRAY<INT64>; @tasks_selected BOOL (tasksScope).
 */
import { COMPLETED_TASKS, FLOW_FIGURES, type DayFigure } from '../engine';
import { TIMELINE_TABLE } from './timeline-table';

/** The figures as the queries code them, in the contract's order (completed tasks last). */
export const FIGURE_CODE: readonly DayFigure[] = [...FLOW_FIGURES, COMPLETED_TASKS];
const code = (f: DayFigure) => FIGURE_CODE.indexOf(f);
const WON = code('won');
const LOST = code('lost');
const HELD = code('meetingsHeld');
const DONE = code(COMPLETED_TASKS);

/**
 * The CTEs over the derived table (timeline-table.ts) and the settings: `lk` the leads (ms),
 * `sp` the status points in timeline order (`pos`), `init` where each lead started, `ri` who was
 * responsible over which interval, `prior` the statuses reached before the window, `scoped` the
 * tasks that count, `flows` every credit and completed task.
 */
function timeline(ds: string): string {
  const tl = `\`${ds}.${TIMELINE_TABLE}\``;
  return `
  lk AS (
    SELECT lead, tm AS created, p AS pipeline_id, st AS status_id, u AS responsible_user_id,
      closest_task_at, name
    FROM ${tl}
    WHERE kind = 'lead'
  ),
  sp AS (SELECT lead, pos, tm, p, st FROM ${tl} WHERE kind = 'point'),
  init AS (SELECT lead, tm AS created, p AS p0 FROM sp WHERE pos = 0),
  ri AS (SELECT lead, u, t0, t1 FROM ${tl} WHERE kind = 'owner'),
  prior AS (SELECT lead, p, st FROM ${tl} WHERE kind = 'prior'),
  stages AS (
    SELECT sp_p AS p, sp_s AS st, sp_f AS f
    FROM UNNEST(@stage_p) AS sp_p WITH OFFSET AS i
    JOIN UNNEST(@stage_s) AS sp_s WITH OFFSET AS j ON i = j
    JOIN UNNEST(@stage_f) AS sp_f WITH OFFSET AS k ON i = k
  ),
  lows AS (
    SELECT 1 AS lo UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
  ),
  fig AS (
    SELECT sp.lead, sp.pos, sp.tm,
      CASE WHEN sp.st = 142 THEN ${WON} WHEN sp.st = 143 THEN ${LOST} ELSE stages.f END AS f
    FROM sp
    LEFT JOIN stages ON stages.p = sp.p AND stages.st = sp.st
    WHERE sp.p IN UNNEST(@pipelines)
  ),
  -- each point reaches its stage, and the stages it jumped over when they count
  reach AS (
    SELECT lead, pos, tm, f, FALSE AS skipped FROM fig WHERE f IS NOT NULL
    UNION ALL
    SELECT fig.lead, fig.pos, fig.tm, lows.lo AS f, TRUE AS skipped
    FROM fig
    JOIN lows ON lows.lo < fig.f
    WHERE @skipped AND fig.f BETWEEN 2 AND ${WON} AND NOT (lows.lo = ${HELD} AND @held_from_tasks)
  ),
  prior_f AS (
    SELECT pr.lead,
      CASE WHEN pr.st = 142 THEN ${WON} WHEN pr.st = 143 THEN ${LOST} ELSE stages.f END AS f
    FROM prior AS pr
    LEFT JOIN stages ON stages.p = pr.p AND stages.st = pr.st
    WHERE pr.p IN UNNEST(@pipelines)
  ),
  -- stages reached before the window are never credited again
  prior_all AS (
    SELECT lead, f FROM prior_f WHERE f IS NOT NULL
    UNION ALL
    SELECT prior_f.lead, lows.lo AS f
    FROM prior_f
    JOIN lows ON lows.lo < prior_f.f
    WHERE @skipped AND prior_f.f BETWEEN 2 AND ${WON}
  ),
  -- a lead counts once per stage: the first time it reaches it
  stage_credits AS (
    SELECT reach.lead, reach.tm, reach.f, reach.skipped
    FROM reach
    LEFT JOIN (SELECT DISTINCT lead, f FROM prior_all) AS pa
      ON pa.lead = reach.lead AND pa.f = reach.f
    WHERE pa.lead IS NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY reach.lead, reach.f ORDER BY reach.pos) = 1
  ),
  -- the tasks that count, with the pipeline of the deal each is on and when it was completed
  scoped AS (
    SELECT t.task AS id, t.u AS responsible_user_id, t.lead AS entity_id, t.done AS is_completed,
      t.task_type AS task_type_id, t.due, t.tm AS created, lk.pipeline_id AS lp, t.done_at
    FROM ${tl} AS t
    LEFT JOIN lk ON lk.lead = t.lead
    WHERE t.kind = 'task' AND (NOT @tasks_selected OR lk.pipeline_id IN UNNEST(@pipelines))
  ),
  flows AS (
    SELECT ri.u AS uid, sc.f, sc.tm, sc.lead AS lead_id, CAST(NULL AS INT64) AS task_id,
      sc.skipped
    FROM stage_credits AS sc
    JOIN ri ON ri.lead = sc.lead AND ri.t0 <= sc.tm AND sc.tm < ri.t1
    UNION ALL
    SELECT ri.u AS uid, 0 AS f, init.created AS tm, init.lead AS lead_id,
      CAST(NULL AS INT64) AS task_id, FALSE AS skipped
    FROM init
    JOIN ri ON ri.lead = init.lead AND ri.t0 <= init.created AND init.created < ri.t1
    WHERE init.p0 IN UNNEST(@pipelines)
    UNION ALL
    SELECT responsible_user_id AS uid, ${DONE} AS f, done_at AS tm, CAST(NULL AS INT64) AS lead_id,
      id AS task_id, FALSE AS skipped
    FROM scoped
    WHERE is_completed
    UNION ALL
    SELECT responsible_user_id AS uid, ${HELD} AS f, done_at AS tm,
      CAST(NULL AS INT64) AS lead_id, id AS task_id, FALSE AS skipped
    FROM scoped
    WHERE is_completed AND @held_from_tasks AND task_type_id IN UNNEST(@meeting_types)
      AND lp IN UNNEST(@pipelines)
  )`;
}

/** the spans a query answers for (k: their offset), each with its cap of ids listed */
const SPANS = `spans AS (
    SELECT i AS k, s0, s1, cap
    FROM UNNEST(@span_start) AS s0 WITH OFFSET AS i
    JOIN UNNEST(@span_end) AS s1 WITH OFFSET AS j ON i = j
    JOIN UNNEST(@span_cap) AS cap WITH OFFSET AS m ON i = m
  )`;

/** The rating's queries over the dataset `ds` (a `project.dataset` path). */
export function ratingQueries(ds: string) {
  const tl = `\`${ds}.${TIMELINE_TABLE}\``;
  const head = `WITH ${timeline(ds)}`;
  return {
    /** per local day (bucket), user and figure: @midnights, the local midnights of the days and the one after */
    dayCounts: `${head}
SELECT RANGE_BUCKET(tm, @midnights) AS b, uid, f, COUNT(*) AS n
FROM flows
WHERE tm >= @from_ms AND tm < @to_ms
GROUP BY b, uid, f`,
    /**
     * the items of each span (@span_start, @span_end, @span_cap zipped by offset: k), the
     * earliest @span_cap per user and figure (at least one, which carries the whole count), with
     * the whole count
     */
    flowItems: `${head},
  ${SPANS},
  listed AS (
    SELECT spans.k, spans.cap, flows.uid, flows.f, flows.tm, flows.lead_id, flows.task_id,
      flows.skipped, COUNT(*) OVER (PARTITION BY spans.k, flows.uid, flows.f) AS total,
      ROW_NUMBER() OVER (
        PARTITION BY spans.k, flows.uid, flows.f
        ORDER BY flows.tm, IFNULL(flows.lead_id, flows.task_id)
      ) AS n
    FROM flows
    JOIN spans ON flows.tm >= spans.s0 AND flows.tm < spans.s1
  )
SELECT k, uid, f, tm, lead_id, task_id, skipped, total
FROM listed
WHERE n <= GREATEST(cap, 1)`,
    /**
     * «Всего сделок» of each span (@span_start, @span_end, @span_cap zipped by offset: k): the
     * deals open at some moment of it, each with the manager who closed it in the span (the last
     * close), else the one responsible at its end; the lowest @span_cap ids per user, with the
     * whole count
     */
    portfolio: `${head},
  ${SPANS},
  lb AS (
    SELECT spans.k, spans.s0, spans.s1, lk.lead, GREATEST(spans.s0, lk.created) AS begin_at
    FROM spans
    CROSS JOIN lk
    WHERE GREATEST(spans.s0, lk.created) < spans.s1
  ),
  cur AS (
    SELECT lb.k, lb.lead, pt.p, pt.st
    FROM lb
    JOIN sp AS pt ON pt.lead = lb.lead AND pt.tm <= lb.begin_at
    WHERE TRUE
    QUALIFY ROW_NUMBER() OVER (PARTITION BY lb.k, lb.lead ORDER BY pt.pos DESC) = 1
  ),
  later AS (
    SELECT lb.k, lb.lead, pt.p
    FROM lb
    JOIN sp AS pt ON pt.lead = lb.lead AND pt.tm > lb.begin_at AND pt.tm < lb.s1
    WHERE pt.st NOT IN (142, 143)
    QUALIFY ROW_NUMBER() OVER (PARTITION BY lb.k, lb.lead ORDER BY pt.pos) = 1
  ),
  open_in AS (
    SELECT lb.k, lb.lead, lb.s0, lb.s1,
      IF(cur.st NOT IN (142, 143), cur.p, later.p) AS p
    FROM lb
    JOIN cur ON cur.k = lb.k AND cur.lead = lb.lead
    LEFT JOIN later ON later.k = lb.k AND later.lead = lb.lead
  ),
  closes AS (
    SELECT o.k, o.lead, MAX(pt.tm) AS closed_at
    FROM open_in AS o
    JOIN sp AS pt ON pt.lead = o.lead AND pt.tm >= o.s0 AND pt.tm < o.s1
    WHERE pt.st IN (142, 143)
    GROUP BY o.k, o.lead
  ),
  port AS (
    SELECT o.k, o.lead, IFNULL(cl.closed_at, o.s1 - 1) AS t
    FROM open_in AS o
    LEFT JOIN closes AS cl ON cl.k = o.k AND cl.lead = o.lead
    WHERE o.p IN UNNEST(@pipelines)
  ),
  owned AS (
    SELECT port.k, spans.cap, ri.u AS uid, port.lead,
      COUNT(*) OVER (PARTITION BY port.k, ri.u) AS total,
      ROW_NUMBER() OVER (PARTITION BY port.k, ri.u ORDER BY port.lead) AS n
    FROM port
    JOIN spans ON spans.k = port.k
    JOIN ri ON ri.lead = port.lead AND ri.t0 <= port.t AND port.t < ri.t1
  )
SELECT k, uid, lead, total
FROM owned
WHERE n <= GREATEST(cap, 1)`,
    /**
     * The stocks (w 0: as the data shows them now, deadlines judged at @now_ms; w 1: as they
     * stood at the instant @at_ms, snapshots.ts stocksAt), one row per listed id: stock 0 in
     * work, 1 open tasks, 2 overdue tasks, 3 deals without tasks; the lowest @cap ids per user
     * and stock, with the whole count
     */
    stocks: `${head},
  cur_items AS (
    SELECT 0 AS w, responsible_user_id AS uid, 0 AS stock, lead AS id
    FROM lk
    WHERE pipeline_id IN UNNEST(@pipelines) AND status_id NOT IN (142, 143)
    UNION ALL
    SELECT 0, responsible_user_id, 3, lead
    FROM lk
    WHERE pipeline_id IN UNNEST(@pipelines) AND status_id NOT IN (142, 143)
      AND closest_task_at IS NULL
    UNION ALL
    SELECT 0, responsible_user_id, 1, id FROM scoped WHERE NOT is_completed
    UNION ALL
    SELECT 0, responsible_user_id, 2, id FROM scoped WHERE NOT is_completed AND due < @now_ms
  ),
  open_then AS (
    SELECT scoped.*,
      scoped.created < @at_ms AND (NOT scoped.is_completed OR scoped.done_at >= @at_ms) AS open_at,
      scoped.created >= @at_ms OR IFNULL(scoped.done_at >= @at_ms, FALSE) AS changed
    FROM scoped
    WHERE @at_ms >= 0
  ),
  on_lead AS (
    SELECT entity_id AS lead, COUNTIF(open_at) AS open_n, LOGICAL_OR(changed) AS changed
    FROM open_then
    WHERE entity_id IS NOT NULL
    GROUP BY entity_id
  ),
  status_then AS (
    SELECT sp.lead, sp.p, sp.st
    FROM sp
    JOIN lk ON lk.lead = sp.lead
    WHERE @at_ms >= 0 AND lk.created < @at_ms AND sp.tm < @at_ms
    QUALIFY ROW_NUMBER() OVER (PARTITION BY sp.lead ORDER BY sp.pos DESC) = 1
  ),
  in_work_then AS (
    SELECT ri.u AS uid, lk.lead,
      IF(IFNULL(ol.changed, FALSE), IFNULL(ol.open_n, 0) = 0, lk.closest_task_at IS NULL) AS bare
    FROM status_then AS sn
    JOIN lk ON lk.lead = sn.lead
    JOIN ri ON ri.lead = sn.lead AND ri.t0 <= @at_ms - 1 AND @at_ms - 1 < ri.t1
    LEFT JOIN on_lead AS ol ON ol.lead = sn.lead
    WHERE sn.p IN UNNEST(@pipelines) AND sn.st NOT IN (142, 143)
  ),
  items AS (
    SELECT * FROM cur_items
    UNION ALL
    SELECT 1, uid, 0, lead FROM in_work_then
    UNION ALL
    SELECT 1, uid, 3, lead FROM in_work_then WHERE bare
    UNION ALL
    SELECT 1, responsible_user_id, 1, id FROM open_then WHERE open_at
    UNION ALL
    SELECT 1, responsible_user_id, 2, id FROM open_then WHERE open_at AND due < @at_ms
  )
SELECT w, uid, stock, id, COUNT(*) OVER (PARTITION BY w, uid, stock) AS total
FROM items
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY w, uid, stock ORDER BY id) <= GREATEST(@cap, 1)`,
    /**
     * names of the deals @lead_ids; the deal, its name and the deadline of the tasks @task_ids
     * (the sheets print a task's deal by name: it comes along, not in a query of its own)
     */
    details: `
SELECT 'lead' AS kind, lead AS id, name, CAST(NULL AS INT64) AS lead_id,
  CAST(NULL AS INT64) AS due
FROM ${tl}
WHERE kind = 'lead' AND lead IN UNNEST(@lead_ids)
UNION ALL
SELECT 'task' AS kind, t.task AS id, l.name, t.lead AS lead_id, t.due
FROM ${tl} AS t
LEFT JOIN ${tl} AS l ON l.kind = 'lead' AND l.lead = t.lead
WHERE t.kind = 'task' AND t.task IN UNNEST(@task_ids)`,
  };
}
