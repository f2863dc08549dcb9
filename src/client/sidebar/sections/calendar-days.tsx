/**
 * The working calendar in «Расписание и язык» (docs/rules.md §3.2.9): Russia's production
 * calendar as shipped, and the head's own days on top — a date typed as ДД.ММ.ГГГГ, a day off
 * or a working day, listed with a remove button; saved with the section. A year the shipped
 * calendar does not confirm is named, so nobody trusts it in silence.
 */
import { signal } from '@preact/signals';
import { WorkCalendar } from '../../../engine';
import { typedDay } from '../../../settings/validate';
import { Button, Field, Select } from '../../common/fields';
import { calendarEditOf } from '../calendar-edit';
import { draft, errorFor, lang, tx, update } from '../store';

const dayText = signal('');
const kind = signal<'off' | 'working'>('off');
const typedError = signal<string | null>(null);

export function CalendarDays() {
  const s = draft.value;
  if (!s) return null;
  const edits = [...(s.rating.calendarDays ?? [])].sort((a, b) => a.day.localeCompare(b.day));
  const year = new Date().getFullYear();
  const unknown = new WorkCalendar().unknownYears(`${year}-01-01`, `${year + 1}-12-31`);
  const add = () => {
    const r = calendarEditOf(dayText.value, kind.value === 'off', edits, lang.value);
    if ('error' in r) {
      typedError.value = r.error;
      return;
    }
    typedError.value = null;
    dayText.value = '';
    update((x) => (x.rating.calendarDays = [...(x.rating.calendarDays ?? []), r]));
  };
  return (
    <div class="calendar-days">
      <h4>{tx('calTitle')}</h4>
      <p class="hint">{tx('calHint')}</p>
      {unknown.length ? (
        <p class="warning" role="note">
          {tx('calUnconfirmed', { years: unknown.join(', ') })}
        </p>
      ) : null}
      <Field label={tx('calDay')} error={typedError.value ?? errorFor('rating.calendarDays')}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="text"
            inputMode="numeric"
            placeholder="31.12.2026"
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
            value={dayText.value}
            onInput={(e) => {
              dayText.value = e.currentTarget.value;
              typedError.value = null;
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') add();
            }}
          />
        )}
      </Field>
      <div class="row">
        <Select
          id="calendar-kind"
          value={kind.value}
          options={[
            { value: 'off', label: tx('calOff') },
            { value: 'working', label: tx('calWorking') },
          ]}
          onChange={(v) => (kind.value = v)}
        />
        <Button id="calendar-add" onClick={add}>
          {tx('calAdd')}
        </Button>
      </div>
      {edits.length ? (
        <ul class="calendar-edits">
          {edits.map((e) => (
            <li key={e.day}>
              {tx('calRow', {
                day: typedDay(e.day),
                what: e.off ? tx('calOff') : tx('calWorking'),
              })}{' '}
              <Button
                kind="link"
                onClick={() =>
                  update(
                    (x) =>
                      (x.rating.calendarDays = (x.rating.calendarDays ?? []).filter(
                        (y) => y.day !== e.day,
                      )),
                  )
                }
              >
                {tx('calRemove')}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{tx('calNone')}</p>
      )}
    </div>
  );
}
