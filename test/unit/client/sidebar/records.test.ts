/**
 * «Расписание и язык» lists the last refreshes: the hourly retries of one problem read as one
 * entry («ошибка — 5 раз с 17.03, 09:00»), not five identical blocks; counts read in Russian.
 */
import type { SyncRecord } from '../../../../src/amocrm/sync-record';
import { timesText } from '../../../../src/i18n/problem-texts';
import { collapseRecords } from '../../../../src/client/sidebar/records';

function rec(hour: number, outcome: SyncRecord['outcome'], error?: string): SyncRecord {
  const at = `2026-03-17T${String(hour).padStart(2, '0')}:00:00.000Z`;
  return {
    startedAt: at,
    endedAt: at,
    kind: 'incremental',
    outcome,
    executions: 1,
    requests: 3,
    retries: 0,
    items: { leads: 0, tasks: 0, events: 0 },
    ...(error ? { error } : {}),
  };
}

const REFUSED = 'amoCRM не принял ключ доступа';

test('five identical failures, newest first, are one entry from the oldest to the newest', () => {
  const records = [10, 9, 8, 7, 6].map((h) => rec(h, 'failed', REFUSED));
  const groups = collapseRecords([...records, rec(5, 'complete')]);
  expect(groups.map((g) => g.n)).toEqual([5, 1]);
  expect(groups[0]?.first.startedAt).toBe('2026-03-17T06:00:00.000Z');
  expect(groups[0]?.last.startedAt).toBe('2026-03-17T10:00:00.000Z');
});

test('a different error, or a success between, starts a new entry; successes are never merged', () => {
  const groups = collapseRecords([
    rec(10, 'failed', REFUSED),
    rec(9, 'failed', 'amoCRM отвечает с ошибкой'),
    rec(8, 'failed', 'amoCRM отвечает с ошибкой'),
    rec(7, 'complete'),
    rec(6, 'complete'),
    rec(5, 'failed', REFUSED),
  ]);
  expect(groups.map((g) => [g.last.outcome, g.n])).toEqual([
    ['failed', 1],
    ['failed', 2],
    ['complete', 1],
    ['complete', 1],
    ['failed', 1],
  ]);
});

test('counts in words: 1 раз, 3 раза, 5 раз, 12 раз, 22 раза; 1 time, 5 times', () => {
  expect([1, 3, 5, 12, 22, 21].map((n) => timesText('ru', n))).toEqual([
    '1 раз',
    '3 раза',
    '5 раз',
    '12 раз',
    '22 раза',
    '21 раз',
  ]);
  expect([1, 5, 21].map((n) => timesText('en', n))).toEqual(['1 time', '5 times', '21 times']);
});
