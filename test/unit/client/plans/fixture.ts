/**
 * A plans dialog as the server sends it in April 2026: March read-only, April to June editable,
 * three managers in the order shown (by name).
 */
import type { PlansData } from '../../../../src/app/plans-api';

export const MONTHS: PlansData['months'] = [
  { key: '2026-03', label: 'март 2026', editable: false },
  { key: '2026-04', label: 'апрель 2026', editable: true },
  { key: '2026-05', label: 'май 2026', editable: true },
  { key: '2026-06', label: 'июнь 2026', editable: true },
];

export const ANNA = { id: 11, name: 'Анна Смирнова' };
export const BORIS = { id: 22, name: 'Борис Иванов' };
export const VERA = { id: 33, name: 'Вера Петрова' };
export const MANAGERS: PlansData['managers'] = [ANNA, BORIS, VERA];

export const DIALOG = { months: MONTHS, managers: MANAGERS };
