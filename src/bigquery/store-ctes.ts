/**
 * The store as the rating reads it, as GoogleSQL common table expressions over the dataset `ds`
 * (a `project.dataset` path): the BigQuery store's merge rules (bigquery-store.ts), shared by the
 * store's reads (storeQueries) and the rating's timeline (rating-queries.ts) — a module of its
 * own, so neither of those imports the other. Parameters: @window_start (unix s), @window_day (DATE, the events'
 * partitions to read). Each names what it defines:
 * - `epoch`: `s`, the syncs since the newest full one (a full sync starts the store over);
 * - `keptTasks`: `kept_tasks`, each task's newest version, trashed ones and old completed ones
 *   left out;
 * - `keptLeads` (after keptTasks): `kept_leads`, each lead's newest version, trashed and deleted
 *   ones left out, closed ones untouched since before the window and without tasks pruned;
 * - `keptEvents`: `kept_events`, the events of the window as the newest sync that fetched their
 *   moment brought them;
 * - `priorReaches`: `prior` (lead, p, st, ts, id, k), the statuses each lead stood in before or
 *   after a move before the window (what the first-reach rule keeps), once each.
 */
export function storeCtes(ds: string) {
  const t = (name: string) => `\`${ds}.${name}\``;
  const epoch = `
  epoch AS (SELECT MAX(synced_at) AS start FROM ${t('syncs')} WHERE kind = 'full'),
  s AS (
    SELECT sync_id, since, \`until\`, synced_at
    FROM ${t('syncs')}, epoch
    WHERE synced_at >= epoch.start
  )`;
  const keptTasks = `
  tk AS (
    SELECT tk.*
    FROM ${t('tasks')} AS tk
    JOIN s USING (sync_id)
    WHERE TRUE
    QUALIFY ROW_NUMBER() OVER (PARTITION BY tk.id ORDER BY tk.updated_at DESC, tk.synced_at DESC) = 1
  ),
  td AS (
    SELECT d.id, MAX(d.ts) AS ts
    FROM ${t('deletions')} AS d
    JOIN s USING (sync_id)
    WHERE d.list = 'tasks'
    GROUP BY d.id
  ),
  kept_tasks AS (
    SELECT tk.*
    FROM tk
    LEFT JOIN td ON td.id = tk.id
    WHERE (td.id IS NULL OR tk.updated_at > td.ts)
      AND NOT (tk.is_completed AND tk.updated_at < @window_start)
  )`;
  const keptLeads = `
  l AS (
    SELECT l.*
    FROM ${t('leads')} AS l
    JOIN s USING (sync_id)
    WHERE TRUE
    QUALIFY ROW_NUMBER() OVER (PARTITION BY l.id ORDER BY l.updated_at DESC, l.synced_at DESC) = 1
  ),
  ld AS (
    SELECT d.id, MAX(d.ts) AS ts
    FROM ${t('deletions')} AS d
    JOIN s USING (sync_id)
    WHERE d.list = 'leads'
    GROUP BY d.id
  ),
  on_tasks AS (
    SELECT DISTINCT entity_id AS id
    FROM kept_tasks
    WHERE entity_type = 'leads' AND entity_id IS NOT NULL
  ),
  kept_leads AS (
    SELECT l.id, l.name, l.responsible_user_id, l.status_id, l.pipeline_id, l.created_at,
      l.updated_at, l.closed_at, l.closest_task_at
    FROM l
    LEFT JOIN ld ON ld.id = l.id
    WHERE NOT IFNULL(l.is_deleted, FALSE)
      AND (ld.id IS NULL OR l.updated_at > ld.ts)
      AND NOT (
        l.status_id IN (142, 143)
        AND l.updated_at < @window_start
        AND IFNULL(l.closed_at, 0) < @window_start
        AND l.id NOT IN (SELECT id FROM on_tasks)
      )
  )`;
  // an event stands when the newest sync that fetched its moment brought it
  const keptEvents = `
  e AS (
    SELECT e.*, s.synced_at AS brought_at
    FROM ${t('events')} AS e
    JOIN s USING (sync_id)
    WHERE e.day >= @window_day
  ),
  newest AS (
    SELECT e.id, e.ts, MAX(s.synced_at) AS covered_at
    FROM e
    JOIN s ON e.ts BETWEEN s.since AND s.\`until\`
    GROUP BY e.id, e.ts
  ),
  kept_events AS (
    SELECT e.id, e.kind, e.entity, e.ts, e.robot, e.a, e.b, e.c, e.d
    FROM e
    JOIN newest ON newest.id = e.id AND newest.ts = e.ts
    WHERE e.brought_at = newest.covered_at AND e.ts >= @window_start
    QUALIFY ROW_NUMBER() OVER (PARTITION BY e.id ORDER BY e.synced_at DESC) = 1
  )`;
  // what the first-reach rule keeps of the moves before the window: each lead's statuses
  // before and after such a move (rememberReach), once each, in the order first met
  const priorReaches = `
  moves AS (
    SELECT e.entity AS lead, e.ts, e.id, e.a, e.b, e.c, e.d
    FROM ${t('events')} AS e
    JOIN s USING (sync_id)
    WHERE e.kind = 0 AND e.ts < @window_start
    QUALIFY ROW_NUMBER() OVER (PARTITION BY e.id ORDER BY e.synced_at DESC) = 1
  ),
  pairs AS (
    SELECT lead, ts, id, 0 AS k, c AS p, d AS st FROM moves WHERE c >= 0 AND d >= 0
    UNION ALL
    SELECT lead, ts, id, 1 AS k, a AS p, b AS st FROM moves WHERE a >= 0 AND b >= 0
  ),
  prior AS (
    SELECT lead, p, st, ts, id, k
    FROM pairs
    WHERE TRUE
    QUALIFY ROW_NUMBER() OVER (PARTITION BY lead, p, st ORDER BY ts, id, k) = 1
  )`;
  return { epoch, keptTasks, keptLeads, keptEvents, priorReaches };
}
