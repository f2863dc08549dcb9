/**
 * The words beside a manager whose plan absences or a ramp change (docs/rules.md §3.2.10).
 */
import { staffingMark, staffingNoteText } from '../../../src/i18n/absence-texts';

test('a two-week vacation: the mark, the days and the plan left', () => {
  const note = {
    absences: [{ kind: 'vacation' as const, from: '2026-05-04', to: '2026-05-15' }],
    rampPercent: null,
    planShare: 10 / 19,
  };
  expect(staffingMark(note)).toBe('🌴');
  // 10/19 = 52.6 % → 53 %
  expect(staffingNoteText('ru', note)).toBe('отпуск 4–15 мая, план 53 %');
  expect(staffingNoteText('en', note)).toBe('vacation May 4–15, plan 53 %');
});

test('a sick leave across two months, and a ramp', () => {
  const sick = {
    absences: [{ kind: 'sick' as const, from: '2026-04-28', to: '2026-05-06' }],
    rampPercent: null,
    planShare: 0.85,
  };
  expect(staffingMark(sick)).toBe('🤒');
  expect(staffingNoteText('ru', sick)).toBe('больничный 28 апреля – 6 мая, план 85 %');
  const ramp = { absences: [], rampPercent: 50, planShare: 0.26 };
  expect(staffingMark(ramp)).toBe('🌱');
  expect(staffingNoteText('ru', ramp)).toBe('новый сотрудник: 50 % плана');
});
