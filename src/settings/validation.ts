/**
 * Server-side validation of settings: every problem in words a sales head understands; nothing
 * is saved while any remains.
 */
import { FLOW_FIGURES } from '../engine/figures';
import type { Settings } from './settings';

export interface ValidationResult {
  ok: boolean;
  errors: string[];
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export function validateSettings(s: unknown): ValidationResult {
  const errors: string[] = [];
  const v = s as Partial<Settings> | null;
  if (!v || typeof v !== 'object' || !v.rating)
    return { ok: false, errors: ['Настройки пусты или повреждены.'] };
  const r = v.rating;
  if (!Array.isArray(r.pipelineIds) || !r.pipelineIds.length || !r.pipelineIds.every(isNum))
    errors.push('Выберите хотя бы одну воронку для рейтинга.');
  for (const [fig, refs] of Object.entries(r.stages ?? {})) {
    if (!Array.isArray(refs) || refs.some((x) => !isNum(x?.pipelineId) || !isNum(x?.statusId)))
      errors.push(`Этап «${fig}» сопоставлен с несуществующим статусом.`);
    else if (refs.some((x) => !r.pipelineIds.includes(x.pipelineId)))
      errors.push(`Этап «${fig}» указан в воронке, которая не выбрана для рейтинга.`);
  }
  if (!Array.isArray(r.points) || !r.points.length)
    errors.push('Нужна хотя бы одна таблица баллов.');
  for (const p of r.points ?? []) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(p?.from)))
      errors.push(
        `Дата начала действия баллов «${String(p?.from)}» должна быть в виде ГГГГ-ММ-ДД.`,
      );
    for (const [fig, val] of Object.entries(p?.values ?? {})) {
      if (!isNum(val) || val < 0 || val > 10000)
        errors.push(
          `Баллы за «${fig}» должны быть числом от 0 до 10 000 (сейчас: ${String(val)}).`,
        );
    }
  }
  for (const p of r.plans ?? []) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(String(p?.month)))
      errors.push(`Месяц плана «${String(p?.month)}» должен быть в виде ГГГГ-ММ.`);
    if (!isNum(p?.userId)) errors.push('В плане не указан менеджер.');
    if (p?.points !== undefined && (!isNum(p.points) || p.points < 0))
      errors.push(
        `План в баллах должен быть неотрицательным числом (сейчас: ${String(p.points)}).`,
      );
    for (const [fig, val] of Object.entries(p?.figures ?? {})) {
      if (!(FLOW_FIGURES as readonly string[]).includes(fig))
        errors.push(`План по показателю «${fig}» не поддерживается.`);
      else if (!isNum(val) || val < 0)
        errors.push(`План по показателю «${fig}» должен быть неотрицательным числом.`);
    }
  }
  const t = r.thresholds;
  if (
    !t ||
    !isNum(t.green) ||
    !isNum(t.yellow) ||
    t.yellow < 0 ||
    t.green <= t.yellow ||
    t.green > 10
  )
    errors.push('Порог «зелёного» должен быть больше порога «жёлтого» (например, 100 % и 50 %).');
  for (const [k, val] of Object.entries(r.norms ?? {})) {
    if (val === null || val === undefined) continue;
    if (!isNum(val) || val < 0) errors.push(`Норма «${k}» должна быть неотрицательным числом.`);
    if (k === 'maxLostShare' && isNum(val) && val > 1)
      errors.push('Доля отказов задаётся от 0 до 1 (например, 0,3 — это 30 %).');
  }
  if (r.rankBy !== 'points' && r.rankBy !== 'planPercent')
    errors.push('Сортировка рейтинга: по баллам или по выполнению плана.');
  if (r.meetingsHeldFrom !== 'stage' && r.meetingsHeldFrom !== 'tasks')
    errors.push('Проведённые встречи считаются по этапу или по выполненным задачам «Встреча».');
  if (
    !r.bottomWatch ||
    !isNum(r.bottomWatch.size) ||
    r.bottomWatch.size < 1 ||
    !isNum(r.bottomWatch.minLeads) ||
    r.bottomWatch.minLeads < 0
  )
    errors.push(
      'Для наблюдения за нижними местами укажите число мест (от 1) и минимум заявок (от 0).',
    );
  if (
    !isNum(v.scheduleHour) ||
    !Number.isInteger(v.scheduleHour) ||
    v.scheduleHour < 0 ||
    v.scheduleHour > 23
  )
    errors.push('Час ежедневного обновления — целое число от 0 до 23.');
  if (v.language !== 'ru' && v.language !== 'en') errors.push('Язык: ru или en.');
  return { ok: errors.length === 0, errors };
}
