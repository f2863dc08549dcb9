/** "Статус последнего обновления": the last refreshes in words. */
import { readRecords } from '../amocrm/sync-record';
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
    return r.error ? `${line} — ${r.error}` : line;
  });
  return `${head}\n\n${lines.join('\n')}`;
}
