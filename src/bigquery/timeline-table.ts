/**
 * The derived table `timeline`: each kept lead's timeline rebuilt from its events the way
 * engine/lead-history.ts does (moves within one second ordered by the chain, in a recursive CTE),
 * who was responsible when, the statuses reached before the window, and each kept task with the
 * moment it was completed — everything of the rating that does not depend on the settings.
 *
 * It is written once per committed sync by a query job with a destination table and
 * WRITE_TRUNCATE (BigQuery's own way to keep a query's answer), so the rating's queries
 * (rating-queries.ts) read it instead of rebuilding the timeline each: the expensive part runs
 * once a sync, not once per query. The job's id is made of the dataset and the sync, so a re-run
 * of the same commit finds the job done and writes nothing twice.
 *
 * One table, a row per fact, `kind` says which columns it fills:
 * - 'lead': lead, tm (created, ms), p/st (pipeline and status now), u (responsible now),
 *   closest_task_at, name;
 * - 'point': lead, pos (timeline order; 0 the status it was created in), tm (ms), p, st;
 * - 'owner': lead, u responsible from t0 (inclusive) to t1 (ms);
 * - 'prior': lead, p, st — a status the lead stood in around a move before the window;
 * - 'task': task, u (responsible), lead (the deal it is on, else NULL), task_type, done
 *   (completed), tm (created, ms), due (ms), done_at (ms, NULL while open).
 */
import { storeCtes } from './store-ctes';

export const TIMELINE_TABLE = 'timeline';

/** an instant beyond any record's, both ways (INT64) */
export const NEVER = '4000000000000000000';

const COLUMNS = [
  ['kind', 'STRING'],
  ['lead', 'INT64'],
  ['pos', 'INT64'],
  ['tm', 'INT64'],
  ['p', 'INT64'],
  ['st', 'INT64'],
  ['u', 'INT64'],
  ['t0', 'INT64'],
  ['t1', 'INT64'],
  ['closest_task_at', 'INT64'],
  ['name', 'STRING'],
  ['task', 'INT64'],
  ['task_type', 'INT64'],
  ['done', 'BOOL'],
  ['due', 'INT64'],
  ['done_at', 'INT64'],
] as const;
type ColumnName = (typeof COLUMNS)[number][0];

/** A SELECT list of every column in the table's order, the ones not given NULL of their type. */
function row(given: Partial<Record<ColumnName, string>>): string {
  return COLUMNS.map(([c, type]) => `${given[c] ?? `CAST(NULL AS ${type})`} AS ${c}`).join(', ');
}

/** The GoogleSQL that writes the table. Parameters: @window_start, @window_day (storeCtes). */
export function timelineQuery(ds: string): string {
  const { epoch, keptTasks, keptLeads, keptEvents, priorReaches } = storeCtes(ds);
  return `WITH RECURSIVE ${epoch},${keptTasks},${keptLeads},${keptEvents},${priorReaches},
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
  done AS (
    SELECT entity AS task, MIN(ts) * 1000 AS tm FROM kept_events WHERE kind = 2 GROUP BY entity
  )
SELECT ${row({
    kind: "'lead'",
    lead: 'lead',
    tm: 'created',
    p: 'pipeline_id',
    st: 'status_id',
    u: 'responsible_user_id',
    closest_task_at: 'closest_task_at',
    name: 'name',
  })}
FROM lk
UNION ALL
SELECT ${row({ kind: "'point'", lead: 'lead', pos: 'pos', tm: 'tm', p: 'p', st: 'st' })}
FROM sp
UNION ALL
SELECT ${row({ kind: "'owner'", lead: 'lead', u: 'u', t0: 't0', t1: 't1' })}
FROM ri
UNION ALL
SELECT ${row({ kind: "'prior'", lead: 'lead', p: 'p', st: 'st' })}
FROM prior
UNION ALL
SELECT ${row({
    kind: "'task'",
    task: 'kt.id',
    u: 'kt.responsible_user_id',
    lead: "IF(kt.entity_type = 'leads', kt.entity_id, NULL)",
    task_type: 'kt.task_type_id',
    done: 'kt.is_completed',
    tm: 'kt.created_at * 1000',
    due: 'kt.complete_till * 1000',
    done_at: 'IF(kt.is_completed, IFNULL(done.tm, kt.updated_at * 1000), NULL)',
  })}
FROM kept_tasks AS kt
LEFT JOIN done ON done.task = kt.id`;
}
