/**
 * The OAuth callback: amoCRM (or Kommo) sends the sales head back to the script's usercallback
 * address with the authorization code; the page says in words whether the connection is made.
 */
import { finishOAuth } from '../amocrm/oauth';
import { failure } from '../amocrm/test-connection';
import { t } from '../i18n/messages';
import { currentLanguage } from '../settings/language';
import { connectionRestored } from './sidebar/amocrm-connection';

/** amoCRM sends the user back here (the script's usercallback) with the authorization code. */
export function authCallback(request: {
  parameter?: Record<string, string>;
}): GoogleAppsScript.HTML.HtmlOutput {
  const lang = currentLanguage();
  const page = (text: string) =>
    HtmlService.createHtmlOutput('<p style="font-family:sans-serif"></p>').appendUntrusted(text);
  try {
    finishOAuth(request?.parameter?.nonce ?? '', request?.parameter?.code ?? '');
    connectionRestored();
    return page(t(lang, 'oauthDone'));
  } catch (e) {
    return page(t(lang, 'oauthFailed', { reason: failure(e, lang).message }));
  }
}
