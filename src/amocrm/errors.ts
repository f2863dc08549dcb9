/** What can go wrong talking to amoCRM: a code, a technical detail for the log, a message for people. */
import { amoErrorText, type AmoErrorCode } from '../i18n/amo-errors';
import type { Language } from '../i18n/messages';

export type { AmoErrorCode };

export class AmoError extends Error {
  constructor(
    readonly code: AmoErrorCode,
    /** technical detail for the log; never contains secrets */
    readonly detail = '',
  ) {
    super(amoErrorText('ru', code, detail));
    this.name = 'AmoError';
  }

  /** The message in the user's language. */
  text(lang: Language): string {
    return amoErrorText(lang, this.code, this.detail);
  }
}
