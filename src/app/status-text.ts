/** "Статус последнего обновления": the last refreshes in words. */
import type { OddRecord } from '../amocrm/responses';
import { loadConnection } from '../amocrm/connection';
import { readOddStanding, readRecords } from '../amocrm/sync-record';
import { t, type Language } from '../i18n/messages';

const MARKS = { complete: '✓', partial: '…', failed: '✗', skipped: '–' } as const;

export function statusText(lang: Language, scheduleOn: boolean, timeZone: string): string {
  const records = readRecords().slice(0, 5);
  const head = scheduleOn ? t(lang, 'scheduleOn') : t(lang, 'scheduleOff');
  if (!records.length) return `${head}\n\n${t(lang, 'statusNever')}`;
  const lines = records.map((r) => {
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
    return r.error ? `${line}${odd} — ${r.error}` : `${line}${odd}`;
  });
  return `${head}\n\n${lines.join('\n')}${oddList(lang)}`;
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
  return `\n\n${t(lang, 'oddTitle', { count })}\n${[...odd.records.map(line), ...more].join('\n')}`;
}
