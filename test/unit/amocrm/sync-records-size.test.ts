/**
 * The refresh records live in one document property (9 KB per value): twenty failed refreshes
 * with long Russian reasons must still fit, or every later save throws «Argument too large» and
 * the hourly refresh dies before it can report anything.
 */
import {
  recordsToStore,
  RECORDS_MAX_BYTES,
  type SyncRecord,
} from '../../../src/amocrm/sync-record';
import { utf8Bytes } from '../../../src/shapes/utf8-bytes';

function failed(i: number, reason: string): SyncRecord {
  return {
    startedAt: new Date(Date.UTC(2026, 2, 1, i)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 2, 1, i, 1)).toISOString(),
    kind: 'full',
    outcome: 'failed',
    executions: 1,
    requests: 2,
    retries: 0,
    items: { leads: 0, tasks: 0, events: 0 },
    error: reason,
    errorCode: 'amocrm-refused',
  };
}

test('UTF-8 bytes are counted as Apps Script stores them: Cyrillic takes two bytes', () => {
  expect(utf8Bytes('abc')).toBe(3);
  expect(utf8Bytes('Ошибка')).toBe(12);
  expect(utf8Bytes('👏')).toBe(4);
});

test('twenty failures with long Russian reasons fit under 9 KB, newest first, the newest kept', () => {
  const reason =
    'amoCRM не принимает подключение: долгосрочный токен отозван или истёк. Откройте «Подключение» и вставьте новый токен. '.repeat(
      8,
    );
  const list = Array.from({ length: 25 }, (_, i) => failed(25 - i, `${i}: ${reason}`));
  // without the cut the list is far over the property's limit
  expect(utf8Bytes(JSON.stringify(list.slice(0, 20)))).toBeGreaterThan(9 * 1024);
  const stored = recordsToStore(list);
  expect(utf8Bytes(stored)).toBeLessThanOrEqual(RECORDS_MAX_BYTES);
  const back = JSON.parse(stored) as SyncRecord[];
  expect(back.length).toBeGreaterThan(1);
  expect(back[0]?.startedAt).toBe(list[0]?.startedAt);
  expect(back[0]?.error?.startsWith('0: amoCRM не принимает')).toBe(true);
});

test('short records are all kept, up to twenty', () => {
  const list = Array.from({ length: 30 }, (_, i) => failed(i, 'сеть'));
  expect((JSON.parse(recordsToStore(list)) as SyncRecord[]).length).toBe(20);
});
