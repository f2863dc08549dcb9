/**
 * «Telegram»: the bot (token checked with Telegram, then shown masked), the chats it knows (the
 * group for the posts, the head's private chat for the digest), a test message, which posts go
 * out, at what hour, and whether only the top N are shown publicly. When a webhook keeps Telegram
 * from handing out the bot's updates, it offers to delete the webhook (after asking).
 */
import { SECTION_FIELDS } from '../../../settings/sections';
import { signal } from '@preact/signals';
import type { TelegramView } from '../../../telegram/view';
import { Button, errorText, Field, HourSelect, NumberInput, Status } from '../../common/fields';
import { server } from '../../common/server';
import { data, draft, errorFor, tx, update } from '../store';

export const TELEGRAM_PATHS = SECTION_FIELDS.telegram;

const token = signal('');
const status = signal<{ ok: boolean; text: string } | null>(null);
/** what the last answer offered to do about its failure */
const offer = signal<'deleteWebhook' | null>(null);

/**
 * After «Найти чаты»: a chat not chosen yet, when the bot knows exactly one group (or exactly one
 * private chat), is chosen for the head, who still saves it.
 */
function preselectLoneChats(view: TelegramView): void {
  const s = draft.value;
  if (!s) return;
  const groups = view.chats.filter((c) => c.type !== 'private');
  const privates = view.chats.filter((c) => c.type === 'private');
  const lone = {
    groupChatId: groups.length === 1 ? (groups[0]?.id ?? null) : null,
    headChatId: privates.length === 1 ? (privates[0]?.id ?? null) : null,
  };
  for (const key of ['groupChatId', 'headChatId'] as const) {
    const id = lone[key];
    if (id !== null && s.telegram[key] === null) update((x) => (x.telegram[key] = id));
  }
}

function setView(view: TelegramView): void {
  const d = data.value;
  if (d) data.value = { ...d, telegram: view };
}

async function act(
  call: () => Promise<{
    ok: boolean;
    message: string;
    telegram: TelegramView;
    offer?: 'deleteWebhook';
  }>,
) {
  try {
    const r = await call();
    status.value = { ok: r.ok, text: r.message };
    offer.value = r.offer ?? null;
    setView(r.telegram);
    return r.ok;
  } catch (e) {
    status.value = { ok: false, text: tx('failed', { reason: errorText(e) }) };
    return false;
  }
}

export function TelegramSection() {
  const d = data.value;
  const s = draft.value;
  if (!d || !s) return null;
  const tg = d.telegram;
  const tset = s.telegram;
  if (!tg.connected)
    return (
      <div class="telegram">
        <p class="hint">{tx('tgHowTo')}</p>
        <Field label={tx('tgToken')}>
          {({ id }) => (
            <input
              id={id}
              type="password"
              autoComplete="off"
              value={token.value}
              onInput={(e) => (token.value = e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="actions">
          <Button
            kind="primary"
            id="tg-connect"
            disabled={!token.value.trim()}
            busyText={tx('connecting')}
            onClick={async () => {
              if (await act(() => server.connectTelegramBot(token.value))) token.value = '';
            }}
          >
            {tx('connect')}
          </Button>
        </div>
        <Status status={status.value} />
      </div>
    );
  const groups = tg.chats.filter((c) => c.type !== 'private');
  const privates = tg.chats.filter((c) => c.type === 'private');
  const chatSelect = (key: 'groupChatId' | 'headChatId', label: string, list: typeof tg.chats) => (
    <Field label={label} error={errorFor(`telegram.${key}`)}>
      {({ id }) => (
        <select
          id={id}
          value={tset[key] === null ? '' : String(tset[key])}
          onChange={(e) => {
            const v = e.currentTarget.value;
            update((x) => (x.telegram[key] = v ? Number(v) : null));
          }}
        >
          <option value="">{tx('none')}</option>
          {list.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.title}
            </option>
          ))}
          {tset[key] !== null && !list.some((c) => c.id === tset[key]) ? (
            <option value={String(tset[key])}>{String(tset[key])}</option>
          ) : null}
        </select>
      )}
    </Field>
  );
  const toggle = (key: 'daily' | 'monday' | 'quarter' | 'headDigest', label: string) => (
    <label class="check">
      <input
        type="checkbox"
        checked={tset[key]}
        onChange={(e) => update((x) => (x.telegram[key] = e.currentTarget.checked))}
      />{' '}
      {label}
    </label>
  );
  return (
    <div class="telegram">
      <dl class="facts">
        <dt>{tx('tgBot')}</dt>
        <dd>
          {tg.botName} (@{tg.botUsername})
        </dd>
        <dt>{tx('secret')}</dt>
        <dd class="mono">{tg.tokenHint}</dd>
      </dl>
      {tg.problem ? (
        <div class="status bad" role="alert">
          {tg.problem}
        </div>
      ) : null}
      {tg.notices.map((n) => (
        <div key={n} class="status bad">
          {n}
        </div>
      ))}
      <div class="actions">
        <Button
          busyText={tx('checking')}
          onClick={async () => {
            if (await act(() => server.findTelegramChats()))
              preselectLoneChats(data.value?.telegram ?? tg);
          }}
        >
          {tx('tgFindChats')}
        </Button>
        {offer.value === 'deleteWebhook' ? (
          <Button
            id="tg-delete-webhook"
            busyText={tx('checking')}
            onClick={async () => {
              if (window.confirm(tx('tgDeleteWebhookConfirm')))
                await act(() => server.deleteTelegramWebhook());
            }}
          >
            {tx('tgDeleteWebhook')}
          </Button>
        ) : null}
        <Button
          kind="danger"
          onClick={() => {
            if (window.confirm(tx('tgDisconnectConfirm')))
              void act(() => server.disconnectTelegramBot());
          }}
        >
          {tx('disconnect')}
        </Button>
      </div>
      {chatSelect('groupChatId', tx('tgGroup'), groups)}
      {chatSelect('headChatId', tx('tgHeadChat'), privates)}
      <div class="actions">
        <Button
          disabled={tset.groupChatId === null && tset.headChatId === null}
          onClick={() =>
            act(() => server.sendTelegramTest({ group: tset.groupChatId, head: tset.headChatId }))
          }
        >
          {tx('tgTest')}
        </Button>
      </div>
      <fieldset>
        <legend>{tx('tgPosts')}</legend>
        {toggle('daily', tx('tgDaily'))}
        <label class="check sub">
          <input
            type="checkbox"
            checked={tset.workingDaysOnly}
            disabled={!tset.daily}
            onChange={(e) => update((x) => (x.telegram.workingDaysOnly = e.currentTarget.checked))}
          />{' '}
          {tx('tgWorkingDays')}
        </label>
        {toggle('monday', tx('tgMonday'))}
        {toggle('quarter', tx('tgQuarter'))}
        {toggle('headDigest', tx('tgDigest'))}
      </fieldset>
      <div class="two-col">
        <Field label={tx('tgHour')} error={errorFor('telegram.hour')}>
          {({ id }) => (
            <HourSelect
              id={id}
              value={tset.hour}
              onChange={(h) => update((x) => (x.telegram.hour = h))}
            />
          )}
        </Field>
        <Field label={tx('tgTopN')} hint={tx('tgTopNHint')} error={errorFor('telegram.publicTopN')}>
          {({ id, describedBy, invalid }) => (
            <NumberInput
              id={id}
              nullable
              value={tset.publicTopN}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(v) => update((x) => (x.telegram.publicTopN = v))}
            />
          )}
        </Field>
      </div>
      <Status status={status.value} />
    </div>
  );
}
