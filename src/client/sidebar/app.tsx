/**
 * The sidebar: a short wizard until the rating is set up (connect → pipelines and stages →
 * points → plans → Telegram, which may be skipped → schedule), then every section as a
 * disclosure. Each step's «Далее» saves what the step changed, or says why it cannot and stays.
 * Loading and load failures are shown in words with a retry.
 */
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { SIDEBAR_SECTIONS } from '../../settings/sections';
import { Button, errorText } from '../common/fields';
import { versionOf } from '../../settings/versions';
import { server } from '../common/server';
import { ConnectionSection } from './sections/connection';
import { HEAD_PATHS, HeadSection } from './sections/head';
import { NORMS_PATHS, NormsSection } from './sections/norms';
import { PIPELINE_PATHS, PipelinesSection } from './sections/pipelines';
import { PlansSection } from './sections/plans';
import { POINTS_PATHS, PointsSection, pointsStep } from './sections/points';
import { SCHEDULE_PATHS, ScheduleSection } from './sections/schedule';
import { TELEGRAM_PATHS, TelegramSection } from './sections/telegram';
import { Section } from './section';
import { BrokenBanner, StatusBar } from './status-bar';
import {
  data,
  draft,
  isDirty,
  loadError,
  loadedVersions,
  markSaved,
  reload,
  saveSection,
  saved,
  tx,
  update,
} from './store';

type SectionId = (typeof SIDEBAR_SECTIONS)[number];

const WIZARD: SectionId[] = ['connection', 'pipelines', 'points', 'plans', 'telegram', 'schedule'];
/** steps a head may leave for later (the rating works without them) */
const OPTIONAL: ReadonlySet<SectionId> = new Set(['telegram']);

const wizardStep = signal(0);
const wizardOff = signal(false);
/** set up not finished when the sidebar opened: the wizard runs to its end (or is skipped) */
const wizardStarted = signal<boolean | null>(null);
/** nothing was saved yet when the sidebar opened: the points step shows "your points" */
const firstSetUp = signal<boolean | null>(null);
/** the head was told the typed points are not added; «Далее» again goes on without them */
const pointsWarned = signal(false);
const opened = signal<Set<SectionId>>(new Set());
const wizardStatus = signal<string | null>(null);

const SECTIONS: Record<
  SectionId,
  { title: () => string; paths: readonly string[]; body: () => preact.JSX.Element | null }
> = {
  connection: { title: () => tx('secConnection'), paths: [], body: ConnectionSection },
  pipelines: { title: () => tx('secPipelines'), paths: PIPELINE_PATHS, body: PipelinesSection },
  points: { title: () => tx('secPoints'), paths: POINTS_PATHS, body: PointsSection },
  plans: { title: () => tx('secPlans'), paths: [], body: PlansSection },
  norms: { title: () => tx('secNorms'), paths: NORMS_PATHS, body: NormsSection },
  schedule: { title: () => tx('secSchedule'), paths: SCHEDULE_PATHS, body: ScheduleSection },
  head: { title: () => tx('secHead'), paths: HEAD_PATHS, body: HeadSection },
  telegram: { title: () => tx('secTelegram'), paths: TELEGRAM_PATHS, body: TelegramSection },
};

/** Plans are saved by the dialog: when the sidebar gets the focus back, take them over. */
async function refreshPlans(): Promise<void> {
  try {
    const d = await server.sidebarLoad();
    if (!saved.value) return;
    saved.value = {
      ...saved.value,
      rating: { ...saved.value.rating, plans: d.settings.rating.plans },
    };
    update((s) => (s.rating.plans = d.settings.rating.plans));
  } catch {
    // the next focus tries again
  }
}

function inWizard(): boolean {
  const d = data.value;
  if (!d) return false;
  wizardStarted.value ??= !d.connection.connected || !d.setUp;
  firstSetUp.value ??= !d.setUp;
  return !wizardOff.value && (wizardStarted.value || !d.connection.connected);
}

/**
 * The last step turns the schedule on through the same server call as «Расписание и язык», and
 * says it is set up only once the server has installed the trigger, with the next refresh it
 * answered; on a refusal the server's words are shown and the wizard stays on the step.
 */
async function finish(): Promise<void> {
  const s = draft.value;
  const d = data.value;
  if (!s || !d) return;
  try {
    const r = await server.setSchedule(true, s.scheduleHour, loadedVersions.value.scheduleHour);
    if (!r.ok || !r.on) {
      wizardStatus.value = r.message;
      return;
    }
    markSaved(['scheduleHour']);
    loadedVersions.value = { ...loadedVersions.value, scheduleHour: versionOf(s.scheduleHour) };
    data.value = { ...d, schedule: { ...d.schedule, on: true } };
    wizardOff.value = true;
    // the status bar above the sections says what the wizard set up (the schedule, the chat)
    await reload();
    const next = r.nextRefresh;
    wizardStatus.value = next
      ? tx(next.dueNow ? 'wizardDoneSoon' : 'wizardDone', { when: next.local })
      : r.message;
  } catch (e) {
    wizardStatus.value = tx('failed', { reason: errorText(e) });
  }
}

function Wizard() {
  const d = data.value;
  if (!d) return null;
  const step = Math.min(wizardStep.value, WIZARD.length - 1);
  const id = WIZARD[step] ?? 'connection';
  const sec = SECTIONS[id];
  const Body = sec.body;
  const canGoOn = id === 'connection' ? d.connection.connected : true;
  const optional = OPTIONAL.has(id);
  // an optional step left as it was is skipped, not saved
  const skipping = optional && !isDirty(sec.paths) && !(id === 'telegram' && d.telegram.connected);
  const name = sec.title();
  const next = async () => {
    wizardStatus.value = null;
    let dropped = false;
    if (id === 'points' && pointsStep.pending()) {
      const taken = pointsStep.take(firstSetUp.value ?? false);
      if (taken === 'refused') {
        wizardStatus.value = tx('notSavedFix');
        return;
      }
      if (taken === 'not-first') {
        if (!pointsWarned.value) {
          pointsWarned.value = true;
          wizardStatus.value = tx('wizardPointsPending');
          return;
        }
        pointsStep.drop();
        dropped = true;
      }
    }
    pointsWarned.value = false;
    if (sec.paths.length && !skipping && (isDirty(sec.paths) || !d.setUp)) {
      const r = await saveSection(sec.paths);
      if (!r.ok) {
        wizardStatus.value = r.message;
        return;
      }
    }
    if (step + 1 < WIZARD.length) wizardStep.value = step + 1;
    else await finish();
    if (dropped) wizardStatus.value = tx('wizardPointsDropped');
  };
  return (
    <div class="wizard" aria-live="polite">
      <h2>{tx('wizardTitle', { total: WIZARD.length })}</h2>
      <ol class="steps" aria-label={tx('wizardStep', { n: step + 1, total: WIZARD.length, name })}>
        {WIZARD.map((w, i) => (
          <li
            key={w}
            class={i === step ? 'now' : i < step ? 'done' : ''}
            aria-current={i === step ? 'step' : undefined}
          >
            {SECTIONS[w].title()}
          </li>
        ))}
      </ol>
      <div class="muted step-name">
        {tx('wizardStep', { n: step + 1, total: WIZARD.length, name })}
        {isDirty(sec.paths) ? <span class="dirty">● {tx('unsaved')}</span> : null}
      </div>
      {optional ? <p class="hint optional">{tx('wizardOptional', { name })}</p> : null}
      <Section id={id} title={name} paths={sec.paths} open bare>
        {id === 'points' ? <PointsSection firstSetUp={firstSetUp.value ?? false} /> : <Body />}
      </Section>
      {wizardStatus.value ? (
        <div class="status bad" role="alert">
          {wizardStatus.value}
        </div>
      ) : null}
      <div class="actions wizard-nav">
        {step > 0 ? (
          <Button
            kind="link"
            onClick={() => {
              wizardStatus.value = null;
              pointsWarned.value = false;
              wizardStep.value = step - 1;
            }}
          >
            {tx('back')}
          </Button>
        ) : null}
        <Button
          kind="primary"
          id="wizard-next"
          busyText={tx('saving')}
          disabled={!canGoOn}
          onClick={next}
        >
          {step + 1 >= WIZARD.length ? tx('finish') : skipping ? tx('wizardSkipStep') : tx('next')}
        </Button>
      </div>
      {d.connection.connected ? (
        <Button
          kind="link"
          onClick={() => {
            wizardStatus.value = null;
            wizardOff.value = true;
          }}
        >
          {tx('skipWizard')}
        </Button>
      ) : null}
    </div>
  );
}

export function App() {
  useEffect(() => {
    void reload();
    const onFocus = () => void refreshPlans();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);
  if (loadError.value)
    return (
      <div class="load-error" role="alert">
        <p>{tx('loadFailed', { reason: loadError.value })}</p>
        <Button kind="primary" onClick={() => reload()}>
          {tx('retry')}
        </Button>
      </div>
    );
  const d = data.value;
  if (!d)
    return (
      <p class="loading" role="status">
        {tx('loading')}
      </p>
    );
  if (inWizard()) return <Wizard />;
  const ids = SIDEBAR_SECTIONS.filter((id) => id !== 'telegram' || d.connection.connected);
  return (
    <div class="sections">
      <BrokenBanner
        onFix={() => {
          opened.value = new Set([...opened.value, 'connection']);
          // the new-token field (or, for OAuth, the consent button), once the section has opened
          setTimeout(
            () =>
              document
                .querySelector<HTMLElement>('.reconnect input, .reconnect #reconsent')
                ?.focus(),
            0,
          );
        }}
      />
      <StatusBar />
      {wizardStatus.value ? <div class="status ok">{wizardStatus.value}</div> : null}
      {d.settingsProblem ? <div class="status bad">{d.settingsProblem}</div> : null}
      {ids.map((id) => {
        const sec = SECTIONS[id];
        const Body = sec.body;
        return (
          <Section
            key={id}
            id={id}
            title={sec.title()}
            paths={sec.paths}
            pending={
              id === 'points'
                ? {
                    typed: () => pointsStep.pending(),
                    text: (name) => tx('leftPointsPending', { name }),
                  }
                : undefined
            }
            open={opened.value.has(id)}
            onToggle={(open) => {
              const next = new Set(opened.value);
              if (open) next.add(id);
              else next.delete(id);
              opened.value = next;
            }}
          >
            <Body />
          </Section>
        );
      })}
    </div>
  );
}
