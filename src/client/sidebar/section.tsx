/**
 * One section of the sidebar: a disclosure (keyboard-operable as a native <details>), its title
 * with a "not saved" mark while its fields differ from the saved settings, and — for sections
 * that own settings — Save and Discard with the outcome in words. Closed with unsaved edits, it
 * says so below its title (the edits stay in the page, one click away), so nobody leaves a
 * section believing it saved.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Button, errorText, Status } from '../common/fields';
import { discard, isDirty, saveSection, tx } from './store';

export function Section(props: {
  id: string;
  title: string;
  paths?: readonly string[];
  open: boolean;
  onToggle?: (open: boolean) => void;
  children: ComponentChildren;
  /** after a successful save (the wizard moves on) */
  onSaved?: () => void;
  /** hides the section's own buttons (the wizard shows its own) */
  bare?: boolean;
  /**
   * edits typed in the section but not in the draft yet (new points before «Добавить»): closing
   * warns about them as about unsaved ones, in their own words
   */
  pending?: { typed: () => boolean; text: (name: string) => string };
}) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  /** closed by the head while its edits were unsaved */
  const [left, setLeft] = useState(false);
  const paths = props.paths ?? [];
  const dirty = paths.length > 0 && isDirty(paths);
  const typed = props.pending?.typed() ?? false;
  return (
    <>
      <details
        class="section"
        id={`sec-${props.id}`}
        open={props.open}
        onToggle={(e) => {
          const open = e.currentTarget.open;
          setLeft(!open && (dirty || typed));
          props.onToggle?.(open);
        }}
      >
        <summary>
          <span class="title">{props.title}</span>
          {dirty || typed ? <span class="dirty">● {tx('unsaved')}</span> : null}
        </summary>
        <div class="body">
          {props.children}
          {paths.length && !props.bare ? (
            <div class="actions">
              <Button
                kind="primary"
                busyText={tx('saving')}
                disabled={!dirty}
                id={`save-${props.id}`}
                onClick={async () => {
                  setStatus(null);
                  try {
                    const r = await saveSection(paths);
                    setStatus(
                      r.ok ? { ok: true, text: tx('saved') } : { ok: false, text: r.message },
                    );
                    if (r.ok) props.onSaved?.();
                  } catch (e) {
                    setStatus({ ok: false, text: tx('failed', { reason: errorText(e) }) });
                  }
                }}
              >
                {tx('save')}
              </Button>
              {dirty ? (
                <Button kind="link" onClick={() => discard(paths)}>
                  {tx('cancel')}
                </Button>
              ) : null}
            </div>
          ) : null}
          <Status status={status} />
        </div>
      </details>
      {left && (dirty || typed) && !props.open ? (
        <div class="status warn left-unsaved" role="alert" id={`left-${props.id}`}>
          {dirty || !props.pending
            ? tx('leftUnsaved', { name: props.title })
            : props.pending.text(props.title)}{' '}
          <Button kind="link" onClick={() => props.onToggle?.(true)}>
            {tx('reopenSection')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
