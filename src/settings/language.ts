/** The interface language: the settings' own (the single switch); Russian until they are saved. */
import type { Language } from '../i18n/messages';
import { settingsOrDefaults } from './settings-store';

export function currentLanguage(): Language {
  try {
    return settingsOrDefaults().language;
  } catch {
    // AuthMode.NONE (an add-on not yet used in this document): properties are off limits
    return 'ru';
  }
}
