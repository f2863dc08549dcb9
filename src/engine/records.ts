/**
 * The department's records (docs/rules.md §3.6.3): the most points one manager earned in a week
 * and in a closed month, with who and when. The record kept in Зал славы is compared with what
 * the stored data shows: a higher one replaces it, an equal or lower one never does — so a
 * refresh that fails, or data that left the history window, never loses a record.
 */
export type RecordKind = 'week' | 'month';

export interface DeptRecord {
  kind: RecordKind;
  points: number;
  userId: number;
  name: string;
  /** the period's first and last local day, 'YYYY-MM-DD' */
  firstDay: string;
  lastDay: string;
}

export interface RecordCandidate {
  period: { firstDay: string; lastDay: string };
  rows: ReadonlyArray<{ userId: number; name: string; points: number }>;
}

/** The highest points in the given periods (the earlier period wins a tie: it was first). */
export function bestOf(kind: RecordKind, periods: readonly RecordCandidate[]): DeptRecord | null {
  let best: DeptRecord | null = null;
  const sorted = [...periods].sort((a, b) => (a.period.firstDay < b.period.firstDay ? -1 : 1));
  for (const p of sorted)
    for (const r of p.rows)
      if (r.points > 0 && (best === null || r.points > best.points + 1e-9))
        best = {
          kind,
          points: r.points,
          userId: r.userId,
          name: r.name,
          firstDay: p.period.firstDay,
          lastDay: p.period.lastDay,
        };
  return best;
}

/** The record to keep: the stored one unless the data shows a strictly higher one. */
export function nextRecord(
  stored: DeptRecord | null,
  found: DeptRecord | null,
): { record: DeptRecord | null; beaten: boolean } {
  if (found && (!stored || found.points > stored.points + 1e-9))
    return { record: found, beaten: true };
  return { record: stored, beaten: false };
}
