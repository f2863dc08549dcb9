/** The interface language, kept in document properties; Russian unless the sales head chose English. */
import type { Language } from '../i18n/messages';

export const LANGUAGE_KEY = 'ui.language';

export function currentLanguage(): Language {
  try {
    return PropertiesService.getDocumentProperties().getProperty(LANGUAGE_KEY) === 'en'
      ? 'en'
      : 'ru';
  } catch {
    // In AuthMode.NONE (an add-on not yet used in this document) properties are off limits.
    return 'ru';
  }
}
