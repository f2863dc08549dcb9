/** «Планы»: how many managers have a plan this month, and the button to the wider dialog. */
import { signal } from '@preact/signals';
import { Button, errorText, Status } from '../../common/fields';
import { localDay } from '../../common/dates';
import { server } from '../../common/server';
import { data, draft, tx } from '../store';

const status = signal<{ ok: boolean; text: string } | null>(null);

export function PlansSection() {
  const d = data.value;
  const s = draft.value;
  if (!d || !s) return null;
  const month = localDay(d.now, d.timeZone).slice(0, 7);
  const excluded = new Set(s.rating.excludedUserIds);
  const managers = (d.account?.users ?? []).filter((u) => u.active && !excluded.has(u.id));
  const planned = new Set(
    s.rating.plans.filter((p) => p.month === month && p.points !== undefined).map((p) => p.userId),
  );
  return (
    <div class="plans">
      <p class="hint">{tx('plansHint')}</p>
      {d.account ? (
        <p>
          {tx('plansCount', {
            n: managers.filter((m) => planned.has(m.id)).length,
            total: managers.length,
          })}
        </p>
      ) : (
        <p class="hint">{tx('noAccount')}</p>
      )}
      <div class="actions">
        <Button
          kind="primary"
          id="open-plans"
          disabled={!d.account}
          onClick={async () => {
            try {
              await server.openPlansDialog();
            } catch (e) {
              status.value = { ok: false, text: tx('failed', { reason: errorText(e) }) };
            }
          }}
        >
          {tx('plansOpen')}
        </Button>
      </div>
      <Status status={status.value} />
    </div>
  );
}
