/**
 * «Статус последнего обновления», in words a sales head uses: what the sheets show and since
 * when, whether the last refreshes failed (a run of one problem said once, with how many times
 * and since when), when the next refresh comes, what needs attention and what to do. The
 * technical counts (requests, retries, items) come last, as details for support.
 */
import type { OddRecord } from '../amocrm/responses';
import { loadConnection } from '../amocrm/connection';
import { readOddStanding, readRecords, type SyncRecord } from '../amocrm/sync-record';
import { t, type Language } from '../i18n/messages';
import { problemText, timesText } from '../i18n/problem-texts';
import { settingsOrDefaults } from '../settings/settings-store';
import { nextRefreshAt } from './jobs/scheduler';
import { readLastRefresh } from './last-refresh';
import { readProblems } from './problems';
import { formatLocal } from './zone';

const MARKS = { complete: '✓', partial: '…', failed: '✗', skipped: '–' } as const;
const DETAILS = 5;

export function statusText(lang: Language, scheduleOn: boolean, timeZone: string): string {
  const p = (
    key: Parameters<typeof problemText>[1],
    params: Record<string, string | number> = {},
  ) => problemText(lang, key, params);
  const records = readRecords();
  const when = (iso: string) => formatLocal(new Date(iso).getTime(), timeZone);
  const last = readLastRefresh();
  const parts: string[] = [];
  parts.push(
    last
      ? p('stOk', { when: when(last.at), asOf: last.dataAsOf || formatLocal(last.asOf, timeZone) })
      : p('stNever'),
  );
  const failing = failedRun(records);
  if (failing) {
    const why = failing.last.error ?? t(lang, 'refreshFailed');
    parts.push(
      failing.n > 1
        ? p('stFailedTimes', {
            times: timesText(lang, failing.n),
            since: when(failing.first.startedAt),
            why,
          })
        : p('stLastFailed', { when: when(failing.last.startedAt), why }),
    );
  } else if (records[0]?.outcome === 'partial') parts.push(p('stLoading'));
  if (scheduleOn) {
    const next = nextRefreshAt(settingsOrDefaults().scheduleHour);
    parts.push(p('stNext', { next: formatLocal(next.at, next.timeZone) }));
  } else parts.push(p('stScheduleOff'));
  const problems = readProblems();
  if (problems.length)
    parts.push(
      [
        p('stProblems'),
        ...problems.map(
          (x) => `• ${p(`what_${x.kind}`)}. ${p('msgDo', { todo: p(`todo_${x.kind}`) })}`,
        ),
      ].join('\n'),
    );
  const odd = oddList(lang);
  if (odd) parts.push(odd);
  if (records.length)
    parts.push(
      [
        p('stDetails'),
        ...records
          .slice(0, DETAILS)
          .map((r, i, all) => detailLine(lang, r, timeZone, r.error === all[i + 1]?.error)),
      ].join('\n'),
    );
  return parts.join('\n\n');
}

/** The newest failures in a row with one error: the run, oldest and newest; null when the last did not fail. */
function failedRun(
  records: SyncRecord[],
): { first: SyncRecord; last: SyncRecord; n: number } | null {
  const last = records[0];
  if (last?.outcome !== 'failed') return null;
  let n = 0;
  let first = last;
  for (const r of records) {
    if (r.outcome !== 'failed' || (r.error ?? '') !== (last.error ?? '')) break;
    first = r;
    n++;
  }
  return { first, last, n };
}

/** One refresh for support: when, what kind, the service counts, the error (once for a run of it). */
function detailLine(lang: Language, r: SyncRecord, timeZone: string, sameAsOlder: boolean): string {
  const line = t(lang, 'statusLine', {
    mark: MARKS[r.outcome],
    when: Utilities.formatDate(new Date(r.startedAt), timeZone, 'dd.MM.yyyy HH:mm'),
    kind: t(lang, r.kind === 'full' ? 'kindFull' : 'kindIncremental'),
    requests: r.requests,
    retries: r.retries,
    leads: r.items.leads,
    tasks: r.items.tasks,
    events: r.items.events,
  });
  const odd = r.odd ? `; ${t(lang, 'oddInRun', { n: r.odd })}` : '';
  return r.error && !sameAsOlder ? `${line}${odd} — ${r.error}` : `${line}${odd}`;
}

/** The odd records the published rating is missing, one a line (docs/rules.md §2.8). */
function oddList(lang: Language): string {
  const odd = readOddStanding();
  const count = odd.records.length + odd.more;
  if (!count) return '';
  const base = loadConnection()?.baseUrl ?? '';
  const line = (r: OddRecord) => {
    const text = t(lang, 'oddLine', {
      kind: t(lang, `oddKind_${r.list}`),
      id: r.id,
      field: r.field || t(lang, 'oddWhole'),
      why: r.why,
    });
    // a deal opens in amoCRM by its id; tasks, events and users have no page of their own
    return r.list === 'leads' && base && /^\d+$/.test(r.id)
      ? `${text} (${base}/leads/detail/${r.id})`
      : text;
  };
  const more = odd.more ? [t(lang, 'oddMore', { n: odd.more })] : [];
  return `${t(lang, 'oddTitle', { count })}\n${[...odd.records.map(line), ...more].join('\n')}`;
}
