/** What can go wrong talking to amoCRM: a code, a technical detail for the log, a message for people. */
import { amoErrorText, type AmoErrorCode } from '../i18n/amo-errors';
import type { Language } from '../i18n/messages';

export type { AmoErrorCode };

export class AmoError extends Error {
  constructor(
    readonly code: AmoErrorCode,
    /** technical detail for the log; never contains secrets */
    readonly detail = '',
    /** rate_limited: the moment (ms) amoCRM may be called again */
    readonly retryAt?: number,
  ) {
    super(amoErrorText('ru', code, detail));
    this.name = 'AmoError';
  }

  /** The message in the user's language. */
  text(lang: Language): string {
    return amoErrorText(lang, this.code, this.detail);
  }
}

/**
 * A wait (pacing, a backoff) would end past the run's deadline: nothing is wrong, the caller
 * keeps what it has and continues in a later run.
 */
export class OutOfTime extends Error {
  constructor(readonly until: number) {
    super(`a wait would end at ${new Date(until).toISOString()}, past the run's deadline`);
    this.name = 'OutOfTime';
  }
}
