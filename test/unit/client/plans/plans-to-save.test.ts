/** What the save sends: the plans of the editable months, each with its place for errors. */
import { cellId, type Cells } from '../../../../src/client/plans/plan-cells';
import { plansToSave } from '../../../../src/client/plans/plans-to-save';
import { ANNA, BORIS, DIALOG, VERA } from './fixture';

test('a plan per manager per editable month with any cell filled, months first, then managers', () => {
  const cells: Cells = new Map([
    [cellId('2026-05', ANNA.id, 'points'), 900],
    [cellId('2026-04', VERA.id, 'points'), 700],
    [cellId('2026-04', ANNA.id, 'points'), 1000],
    [cellId('2026-04', ANNA.id, 'won'), 5],
    [cellId('2026-04', ANNA.id, 'newLeads'), 40],
    [cellId('2026-06', BORIS.id, 'meetingsHeld'), 0],
  ]);
  const { plans, paths } = plansToSave(DIALOG, cells);
  expect(plans).toEqual([
    { month: '2026-04', userId: ANNA.id, points: 1000, figures: { newLeads: 40, won: 5 } },
    { month: '2026-04', userId: VERA.id, points: 700 },
    { month: '2026-05', userId: ANNA.id, points: 900 },
    { month: '2026-06', userId: BORIS.id, figures: { meetingsHeld: 0 } },
  ]);
  expect(paths).toEqual([
    ['2026-04', String(ANNA.id)],
    ['2026-04', String(VERA.id)],
    ['2026-05', String(ANNA.id)],
    ['2026-06', String(BORIS.id)],
  ]);
});

test('the read-only month, managers not shown and plans for lost deals are not sent', () => {
  const cells: Cells = new Map([
    [cellId('2026-03', ANNA.id, 'points'), 1000],
    [cellId('2026-04', 99, 'points'), 500],
    [cellId('2026-04', BORIS.id, 'lost'), 3],
  ]);
  expect(plansToSave(DIALOG, cells)).toEqual({ plans: [], paths: [] });
});

test('nothing filled: an empty list (the save then clears the editable months)', () => {
  expect(plansToSave(DIALOG, new Map())).toEqual({ plans: [], paths: [] });
});

test('a value that did not parse goes as typed (the page refuses to save before that)', () => {
  const cells: Cells = new Map([[cellId('2026-04', ANNA.id, 'points'), 'много']]);
  expect(plansToSave(DIALOG, cells).plans).toEqual([
    { month: '2026-04', userId: ANNA.id, points: 'много' },
  ]);
});

test('a stored plan for lost deals (not shown in the grid) goes along unchanged: a save never drops it', () => {
  const stored = [
    { month: '2026-04', userId: ANNA.id, points: 1000, figures: { lost: 4, won: 5 } },
    { month: '2026-05', userId: BORIS.id, figures: { lost: 2 } },
  ];
  const cells: Cells = new Map([
    [cellId('2026-04', ANNA.id, 'points'), 1200],
    [cellId('2026-04', ANNA.id, 'won'), 6],
  ]);
  expect(plansToSave({ ...DIALOG, plans: stored }, cells).plans).toEqual([
    { month: '2026-04', userId: ANNA.id, points: 1200, figures: { lost: 4, won: 6 } },
    { month: '2026-05', userId: BORIS.id, figures: { lost: 2 } },
  ]);
});
