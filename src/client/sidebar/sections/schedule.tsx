/**
 * «Расписание и язык»: the daily refresh hour, the schedule on or off (the trigger belongs to
 * the person who turns it on), the last refreshes, the language, who else may edit the rating
 * sheets, whether the «Разбор» sheet with deal names is written, and the working calendar.
 */
import { SECTION_FIELDS } from '../../../settings/sections';
import { signal } from '@preact/signals';
import { Button, errorText, Field, HourSelect, Select, Status } from '../../common/fields';
import { server } from '../../common/server';
import { versionOf } from '../../../settings/versions';
import { timesText } from '../../../i18n/problem-texts';
import {
  data,
  draft,
  errorFor,
  lang,
  loadedVersions,
  markSaved,
  reloadStatus,
  tx,
  update,
} from '../store';
import { collapseRecords, SHOWN } from '../records';
import { px } from '../status-bar';
import { CalendarDays } from './calendar-days';

export const SCHEDULE_PATHS = SECTION_FIELDS.schedule;

const status = signal<{ ok: boolean; text: string } | null>(null);
const editorsText = signal<string | null>(null);

function when(iso: string, timeZone: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ru-RU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function ScheduleSection() {
  const d = data.value;
  const s = draft.value;
  if (!d || !s) return null;
  const on = d.schedule.on;
  const setOn = async (wanted: boolean) => {
    try {
      const r = await server.setSchedule(wanted, s.scheduleHour, loadedVersions.value.scheduleHour);
      status.value = { ok: r.ok, text: r.message };
      if (r.ok) {
        markSaved(['scheduleHour']);
        loadedVersions.value = {
          ...loadedVersions.value,
          scheduleHour: versionOf(s.scheduleHour),
        };
        data.value = { ...d, schedule: { ...d.schedule, on: r.on } };
        await reloadStatus();
      }
    } catch (e) {
      status.value = { ok: false, text: tx('failed', { reason: errorText(e) }) };
    }
  };
  return (
    <div class="schedule">
      <Field label={tx('refreshHour')} error={errorFor('scheduleHour')}>
        {({ id }) => (
          <HourSelect
            id={id}
            value={s.scheduleHour}
            onChange={(h) => update((x) => (x.scheduleHour = h))}
          />
        )}
      </Field>
      <div class="row">
        <span>
          {tx('scheduleState')}:{' '}
          <b class={on ? 'on' : 'off'}>{on ? tx('scheduleIsOn') : tx('scheduleIsOff')}</b>
        </span>
        <Button kind={on ? 'secondary' : 'primary'} id="schedule-toggle" onClick={() => setOn(!on)}>
          {on ? tx('turnOff') : tx('turnOn')}
        </Button>
      </div>
      {on && d.status.nextRefresh ? (
        <p class="muted next-refresh">
          {px('barNext')}:{' '}
          {d.status.dueNow
            ? px('barNextSoon', { next: d.status.nextRefresh })
            : d.status.nextRefresh}
        </p>
      ) : null}
      <Status status={status.value} />
      <LiveWindow />
      <h4>{tx('lastRefreshes')}</h4>
      <p class="muted">
        {d.schedule.lastRefresh
          ? tx('dataAsOf', { when: d.schedule.lastRefresh })
          : tx('neverRefreshed')}
      </p>
      {d.schedule.records.length ? (
        <ul class="records">
          {collapseRecords(d.schedule.records)
            .slice(0, SHOWN)
            .map(({ first, last, n }) => (
              <li key={last.startedAt} class={`rec ${last.outcome}`}>
                {n > 1
                  ? `${tx(`outcome_${last.outcome}`)} — ${px('timesFrom', {
                      times: timesText(lang.value, n),
                      since: when(first.startedAt, d.timeZone, s.language),
                    })}`
                  : `${when(last.startedAt, d.timeZone, s.language)} — ${tx(`outcome_${last.outcome}`)}`}
                {last.error ? <div class="muted">{last.error}</div> : null}
              </li>
            ))}
        </ul>
      ) : null}
      <Field label={tx('language')}>
        {({ id }) => (
          <Select
            id={id}
            value={s.language}
            options={[
              { value: 'ru', label: tx('langRu') },
              { value: 'en', label: tx('langEn') },
            ]}
            onChange={(language) => update((x) => (x.language = language))}
          />
        )}
      </Field>
      <Field label={tx('editors')} error={errorFor('editors')}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            rows={3}
            spellcheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
            value={editorsText.value ?? s.editors.join('\n')}
            onInput={(e) => {
              const text = e.currentTarget.value;
              editorsText.value = text;
              update(
                (x) =>
                  (x.editors = text
                    .split(/[\n,;]+/)
                    .map((v) => v.trim())
                    .filter(Boolean)),
              );
            }}
            onBlur={() => (editorsText.value = null)}
          />
        )}
      </Field>
      <label class="check">
        <input
          type="checkbox"
          checked={s.explainSheet}
          onChange={(e) => update((x) => (x.explainSheet = e.currentTarget.checked))}
        />{' '}
        {tx('explainSheet')}
      </label>
      <CalendarDays />
    </div>
  );
}

/** «Обновлять в течение дня» and its hours (docs/rules.md §4.7.1). */
function LiveWindow() {
  const s = draft.value;
  if (!s) return null;
  const live = s.live;
  return (
    <div class="live">
      <label class="check">
        <input
          type="checkbox"
          id="live-on"
          checked={live.on}
          onChange={(e) => update((x) => (x.live = { ...x.live, on: e.currentTarget.checked }))}
        />{' '}
        {tx('liveOn')}
      </label>
      {live.on ? (
        <div class="row">
          <Field label={tx('liveFrom')} error={errorFor('live.from')}>
            {({ id }) => (
              <HourSelect
                id={id}
                value={live.from}
                onChange={(h) => update((x) => (x.live = { ...x.live, from: h }))}
              />
            )}
          </Field>
          <Field label={tx('liveTo')} error={errorFor('live.to')}>
            {({ id }) => (
              <HourSelect
                id={id}
                value={live.to}
                onChange={(h) => update((x) => (x.live = { ...x.live, to: h }))}
              />
            )}
          </Field>
        </div>
      ) : null}
      {live.on ? <p class="muted">{tx('liveHint')}</p> : null}
    </div>
  );
}
