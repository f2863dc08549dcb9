/**
 * A preview a section asks of the server (points, norms, bottom watch): its last answer, and why
 * the call itself failed — shown under the section's button.
 */
import { signal, type Signal } from '@preact/signals';
import { errorText } from '../common/fields';
import { tx } from './store';

export interface Preview<T> {
  answer: Signal<T | null>;
  failure: Signal<{ ok: boolean; text: string } | null>;
  ask(call: () => Promise<T>): Promise<void>;
}

export function preview<T>(): Preview<T> {
  const answer = signal<T | null>(null);
  const failure = signal<{ ok: boolean; text: string } | null>(null);
  return {
    answer,
    failure,
    async ask(call) {
      failure.value = null;
      try {
        answer.value = await call();
      } catch (e) {
        failure.value = { ok: false, text: tx('failed', { reason: errorText(e) }) };
      }
    },
  };
}
