/**
 * The top of the sidebar: a status bar (data as of, the next refresh, where the posts go, the
 * problem the head must know of) and, when amoCRM refuses the connection, a banner saying what
 * to do, with a button that opens «Подключение» on the new-token field.
 */
import { problemText, timesText, type ProblemTextKey } from '../../i18n/problem-texts';
import { Button } from '../common/fields';
import { data, lang } from './store';

export function px(key: ProblemTextKey, params: Record<string, string | number> = {}): string {
  return problemText(lang.value, key, params);
}

/** an hour as the clock shows it: 9 → «09:00», 24 → «00:00» */
const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;

export function StatusBar() {
  const s = data.value?.status;
  if (!s) return null;
  const p = s.problem;
  return (
    <>
      <dl class="status-bar" aria-label={px('barTitle')}>
        <dt>{px('barDataAsOf')}</dt>
        <dd class="as-of">{s.dataAsOf ?? px('barNever')}</dd>
        <dt>{px('barNext')}</dt>
        <dd class="next">
          {s.nextRefresh
            ? s.dueNow
              ? px('barNextSoon', { next: s.nextRefresh })
              : s.nextRefresh
            : px('barScheduleOff')}
        </dd>
        {s.nextLive ? (
          <>
            <dt>{px('barLive')}</dt>
            <dd class="live-next">
              {s.nextLive.hour === null
                ? px('barLiveDone')
                : px('barLiveNext', { from: hh(s.nextLive.hour), to: hh(s.nextLive.hour + 1) })}
            </dd>
          </>
        ) : null}
        <dt>{px('barTelegram')}</dt>
        <dd class="tg">{s.telegram}</dd>
        {p ? (
          <>
            <dt class="bad">{px('barProblem')}</dt>
            <dd class="problem bad" title={p.text}>
              {p.count > 1
                ? px('barProblemTimes', {
                    text: px(`what_${p.kind}`),
                    times: timesText(lang.value, p.count),
                    since: p.since,
                  })
                : px('barProblemSince', { text: px(`what_${p.kind}`), since: p.since })}
            </dd>
          </>
        ) : null}
      </dl>
      {/* the reason and the way out in words, not only on hover (the banner says it when amoCRM
          refuses the connection) */}
      {p && !s.broken ? (
        <p class="problem-words" role="status">
          {p.text}
        </p>
      ) : null}
    </>
  );
}

export function BrokenBanner(props: { onFix: () => void }) {
  const broken = data.value?.status.broken;
  if (!broken) return null;
  return (
    <div class="banner bad" role="alert">
      <p>
        <b>{px('bannerBroken')}</b>
      </p>
      <p>{broken}</p>
      <Button kind="primary" id="banner-fix" onClick={props.onFix}>
        {px(data.value?.connection.auth === 'oauth' ? 'bannerFixOAuth' : 'bannerFix')}
      </Button>
    </div>
  );
}
