/**
 * The rating's facts (engine/rating-facts.ts) in GoogleSQL, over the store as storeCtes defines
 * it: each lead's timeline rebuilt from its events the way engine/lead-history.ts does, and the
 * credits, portfolios and stocks of engine/ledger.ts, rating.ts and snapshots.ts computed from it
 * (docs/rules.md §2.3–§2.7). Only small results leave BigQuery: counts per day, user and figure;
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
 * Parameters of every query besides @window_start/@window_day (storeCtes):
 * @pipelines ARRAY<INT64>; @stage_p, @stage_s, @stage_f ARRAY<INT64> (the stage map as three
 * columns, zipped by offset); @skipped BOOL (countSkippedStages); @held_from_tasks BOOL;
 * @meeting_types ARRAY<INT64>; @tasks_selected BOOL (tasksScope).
 */
import { COMPLETED_TASKS, FLOW_FIGURES, type DayFigure } from '../engine';
import { storeCtes } from './store-ctes';

/** The figures as the queries code them, in the contract's order (completed tasks last). */
export const FIGURE_CODE: readonly DayFigure[] = [...FLOW_FIGURES, COMPLETED_TASKS];
const code = (f: DayFigure) => FIGURE_CODE.indexOf(f);
const WON = code('won');
const LOST = code('lost');
const HELD = code('meetingsHeld');
const DONE = code(COMPLETED_TASKS);

/** an instant beyond any record's, both ways (INT64) */
const NEVER = '4000000000000000000';

/**
 * The timeline CTEs (after storeCtes'): `lk` the leads (ms), `g` their status changes with the
 * group of one second each is in, `init` the status each lead was created in, `chain` the order
 * within a second (recursive), `sp` the status points in timeline order (`pos`), `ri` who was
 * responsible over which interval, `flows` every credit and completed task.
 */
function timeline(): string {
  return `
  lk AS (
    SELECT id AS lead, created_at * 1000 AS created, pipeline_id, status_id, responsible_user_id,
      closest_task_at, name
    FROM kept_leads
  ),
  -- a lead's events in log order: by time, ties by event id (shapes/account-data.ts)
  ev AS (
    SELECT ke.kind, ke.entity AS lead, ke.ts * 1000 AS tm, ke.a, ke.b, ke.c, ke.d,
      ROW_NUMBER() OVER (PARTITION BY ke.entity ORDER BY ke.ts, ke.id) AS seq
    FROM kept_events AS ke
    JOIN lk ON lk.lead = ke.entity
    WHERE ke.kind IN (0, 1)
  ),
  -- status changes: the status before (-1 when amoCRM sent none) and after
  g AS (
    SELECT lead, tm, seq, a AS ap, b AS ast, IF(c >= 0, c, -1) AS bp, IF(c >= 0, d, -1) AS bst,
      DENSE_RANK() OVER (PARTITION BY lead ORDER BY tm) AS gi,
      ROW_NUMBER() OVER (PARTITION BY lead, tm ORDER BY seq) - 1 AS r,
      COUNT(*) OVER (PARTITION BY lead, tm) AS n
    FROM ev
    WHERE kind = 0 AND a >= 0
  ),
  -- the status a lead was created in: where its first move started from (within the first
  -- second of moves, the move no other move of that second leads into), else where it is now
  first_cand AS (
    SELECT f.lead, f.r, f.bp, f.bst,
      f.bp >= 0 AND NOT EXISTS (
        SELECT 1 FROM g AS o
        WHERE o.lead = f.lead AND o.gi = 1 AND o.seq <> f.seq AND o.ap = f.bp AND o.ast = f.bst
      ) AS starts
    FROM g AS f
    WHERE f.gi = 1
  ),
  first_pick AS (
    SELECT lead, bp, bst
    FROM first_cand
    WHERE TRUE
    QUALIFY ROW_NUMBER() OVER (PARTITION BY lead ORDER BY IF(starts, 0, 1), r) = 1
  ),
  init AS (
    SELECT lk.lead, lk.created,
      IF(fp.bp >= 0, fp.bp, lk.pipeline_id) AS p0,
      IF(fp.bp >= 0, fp.bst, lk.status_id) AS s0
    FROM lk
    LEFT JOIN first_pick AS fp ON fp.lead = lk.lead
  ),
  multi AS (SELECT DISTINCT lead FROM g WHERE n > 1),
  -- moves within one second follow the chain: from where the lead stands, the first (in log
  -- order) that starts there, else the first left; done one step at a time for the leads that
  -- have such seconds (a bit mask of the moves of the second already taken)
  chain AS (
    SELECT i.lead, CAST(0 AS INT64) AS gi, CAST(0 AS INT64) AS n, CAST(0 AS INT64) AS used,
      CAST(0 AS INT64) AS mask, i.p0 AS cp, i.s0 AS cs, CAST(0 AS INT64) AS step,
      CAST(-1 AS INT64) AS seq
    FROM init AS i
    JOIN multi ON multi.lead = i.lead
    UNION ALL
    SELECT k.lead, c.gi, c.n, IF(c.gi = k.gi, k.used + 1, 1),
      (IF(c.gi = k.gi, k.mask, 0) | (1 << c.r)), c.ap, c.ast, k.step + 1, c.seq
    FROM chain AS k
    JOIN g AS c ON c.lead = k.lead
    WHERE (
        (k.used < k.n AND c.gi = k.gi AND ((k.mask >> c.r) & 1) = 0)
        OR (k.used >= k.n AND c.gi = k.gi + 1)
      )
      AND NOT EXISTS (
        SELECT 1 FROM g AS o
        WHERE o.lead = c.lead AND o.gi = c.gi AND o.seq <> c.seq
          AND (o.gi <> k.gi OR ((k.mask >> o.r) & 1) = 0)
          AND IF(o.bp = k.cp AND o.bst = k.cs, 0, 64) + o.r
            < IF(c.bp = k.cp AND c.bst = k.cs, 0, 64) + c.r
      )
  ),
  ord AS (
    SELECT lead, seq, step AS pos FROM chain WHERE step > 0
    UNION ALL
    SELECT lead, seq, ROW_NUMBER() OVER (PARTITION BY lead ORDER BY tm, seq) AS pos
    FROM g
    WHERE lead NOT IN (SELECT lead FROM multi)
  ),
  -- the status points: the first at creation, each move at its moment (never before creation)
  sp AS (
    SELECT lead, 0 AS pos, created AS tm, p0 AS p, s0 AS st FROM init
    UNION ALL
    SELECT g.lead, ord.pos, GREATEST(g.tm, lk.created) AS tm, g.ap AS p, g.ast AS st
    FROM g
    JOIN ord ON ord.lead = g.lead AND ord.seq = g.seq
    JOIN lk ON lk.lead = g.lead
  ),
  -- responsible from t0 (inclusive) to t1: before the first change the one it started from
  rc AS (
    SELECT lead, tm, seq, a AS after_u, IF(c > 0, c, NULL) AS before_u
    FROM ev
    WHERE kind = 1 AND a > 0
  ),
  rc1 AS (
    SELECT lead, tm, before_u, after_u FROM rc
    WHERE TRUE
    QUALIFY ROW_NUMBER() OVER (PARTITION BY lead ORDER BY tm, seq) = 1
  ),
  ri AS (
    SELECT lk.lead, COALESCE(rc1.before_u, rc1.after_u, lk.responsible_user_id) AS u,
      -${NEVER} AS t0, IFNULL(rc1.tm, ${NEVER}) AS t1
    FROM lk
    LEFT JOIN rc1 ON rc1.lead = lk.lead
    UNION ALL
    SELECT lead, after_u AS u, tm AS t0,
      IFNULL(LEAD(tm) OVER (PARTITION BY lead ORDER BY tm, seq), ${NEVER}) AS t1
    FROM rc
  ),
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
  done AS (
    SELECT entity AS task, MIN(ts) * 1000 AS tm FROM kept_events WHERE kind = 2 GROUP BY entity
  ),
  -- the tasks that count, with the pipeline of the deal each is on and when it was completed
  scoped AS (
    SELECT kt.id, kt.responsible_user_id, kt.entity_id, kt.entity_type, kt.is_completed,
      kt.task_type_id, kt.complete_till * 1000 AS due, kt.created_at * 1000 AS created,
      lk.pipeline_id AS lp,
      IF(kt.is_completed, IFNULL(done.tm, kt.updated_at * 1000), NULL) AS done_at
    FROM kept_tasks AS kt
    LEFT JOIN lk ON kt.entity_type = 'leads' AND lk.lead = kt.entity_id
    LEFT JOIN done ON done.task = kt.id
    WHERE NOT @tasks_selected OR lk.pipeline_id IN UNNEST(@pipelines)
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

/** The rating's queries over the dataset `ds` (a `project.dataset` path). */
export function ratingQueries(ds: string) {
  const { epoch, keptTasks, keptLeads, keptEvents, priorReaches } = storeCtes(ds);
  const head = `WITH RECURSIVE ${epoch},${keptTasks},${keptLeads},${keptEvents},${priorReaches},${timeline()}`;
  return {
    /** per local day (bucket), user and figure: @midnights, the local midnights of the days and the one after */
    dayCounts: `${head}
SELECT RANGE_BUCKET(tm, @midnights) AS b, uid, f, COUNT(*) AS n
FROM flows
WHERE tm >= @from_ms AND tm < @to_ms
GROUP BY b, uid, f`,
    /**
     * the items of [@from_ms, @to_ms), the earliest @cap per user and figure (at least one, which
     * carries the whole count), with the whole count
     */
    flowItems: `${head}
SELECT uid, f, tm, lead_id, task_id, skipped, COUNT(*) OVER (PARTITION BY uid, f) AS total
FROM flows
WHERE tm >= @from_ms AND tm < @to_ms
QUALIFY ROW_NUMBER() OVER (PARTITION BY uid, f ORDER BY tm, IFNULL(lead_id, task_id)) <= GREATEST(@cap, 1)`,
    /**
     * «Всего сделок» of each span (@span_start, @span_end zipped by offset: k): the deals open
     * at some moment of it, each with the manager who closed it in the span (the last close),
     * else the one responsible at its end; the lowest @cap ids per user, with the whole count
     */
    portfolio: `${head},
  spans AS (
    SELECT i AS k, s0, s1
    FROM UNNEST(@span_start) AS s0 WITH OFFSET AS i
    JOIN UNNEST(@span_end) AS s1 WITH OFFSET AS j ON i = j
  ),
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
  )
SELECT port.k, ri.u AS uid, port.lead, COUNT(*) OVER (PARTITION BY port.k, ri.u) AS total
FROM port
JOIN ri ON ri.lead = port.lead AND ri.t0 <= port.t AND port.t < ri.t1
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY port.k, ri.u ORDER BY port.lead) <= GREATEST(@cap, 1)`,
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
    WHERE entity_type = 'leads' AND entity_id IS NOT NULL
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
    /** names of the deals @lead_ids; the deal and deadline of the tasks @task_ids */
    details: `WITH ${epoch},${keptTasks},${keptLeads}
SELECT 'lead' AS kind, id, name, CAST(NULL AS INT64) AS lead_id, CAST(NULL AS INT64) AS due
FROM kept_leads
WHERE id IN UNNEST(@lead_ids)
UNION ALL
SELECT 'task' AS kind, id, CAST(NULL AS STRING) AS name,
  IF(entity_type = 'leads', entity_id, NULL) AS lead_id, complete_till * 1000 AS due
FROM kept_tasks
WHERE id IN UNNEST(@task_ids)`,
  };
}
