/**
 * How written values become cell content (USER_ENTERED parsing, Sheets API ValueInputOption) and
 * how cells display in the spreadsheet's locale.
 */
import { displayText, parseUserEntered } from '../../../dev/gas/cell-values';

const tz = 'Europe/Moscow';

test.each([
  ['=A1', { f: '=A1' }],
  ["'=A1", { v: '=A1' }],
  ['+7 900 123-45-67', { f: '=+7 900 123-45-67' }],
  ['-5', { v: -5 }],
  ['3,5', { v: 3.5 }],
  ['12%', { v: 0.12 }],
  ['true', { v: true }],
  ['@anna', { v: '@anna' }],
  ['Иван <b>&"', { v: 'Иван <b>&"' }],
  ['2026-01-05', { v: { date: Date.parse('2026-01-04T21:00:00Z') } }],
])('typed %p', (input, expected) => {
  expect(parseUserEntered(input, undefined, tz)).toEqual(expected);
});

test('the plain-text format keeps any string as typed', () => {
  expect(parseUserEntered('=IMPORTXML("x")', '@', tz)).toEqual({ v: '=IMPORTXML("x")' });
  expect(parseUserEntered('+7 900', '@', tz)).toEqual({ v: '+7 900' });
});

test.each([
  [0.756, '0%', '76%'],
  [0.756, '0.0%', '75,6%'],
  [1234.5, '#,##0.0', '1\u00a0234,5'],
  [12, '0.0', '12,0'],
  [3.14159, undefined, '3,14159'],
  [-2, '0;(0)', '(2)'],
  [5, '0 "баллов"', '5 баллов'],
])('%p with %p shows %p (ru_RU)', (v, nf, text) => {
  expect(displayText(nf ? { nf } : null, v, tz, 'ru_RU')).toBe(text);
});

test('dates display in the spreadsheet zone', () => {
  const d = new Date('2026-03-29T21:30:00Z');
  expect(displayText({ nf: 'dd.MM.yyyy HH:mm' }, d, tz, 'ru_RU')).toBe('30.03.2026 00:30');
  expect(displayText({ nf: 'dd.mm.yyyy' }, d, tz, 'ru_RU')).toBe('30.03.2026');
});

// Sheets: m/mm is the minute right after an hour or right before seconds, else the month
// (developers.google.com/sheets/guides/formats); 2026-03-16 06:55:07 in Moscow
test.each([
  ['dd.mm.yyyy hh:mm', '16.03.2026 06:55'],
  ['dd.mm.yyyy h:mm:ss', '16.03.2026 6:55:07'],
  ['mm:ss', '55:07'],
  ['hh:mm', '06:55'],
  ['dd.mm.yyyy', '16.03.2026'],
  ['d mmmm yyyy, hh:mm', '16 мар. 2026, 06:55'],
  ['yyyy-mm-dd hh"ч" mm"м"', '2026-03-16 06ч 55м'],
  ['m/d/yyyy', '3/16/2026'],
])('the pattern %p shows %p', (nf, text) => {
  expect(displayText({ nf }, new Date('2026-03-16T03:55:07Z'), tz, 'ru_RU')).toBe(text);
});
