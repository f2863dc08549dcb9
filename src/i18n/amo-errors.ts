/** What can go wrong talking to amoCRM, in words a sales head understands (docs/rules.md §6.1). */
import type { Language } from './messages';

export type AmoErrorCode =
  | 'bad_subdomain'
  | 'unsupported_domain'
  | 'unauthorized'
  | 'token_revoked'
  | 'payment_required'
  | 'forbidden'
  | 'blocked'
  | 'rate_limited'
  | 'network'
  | 'server'
  | 'bad_response'
  | 'not_configured'
  | 'short_token'
  | 'oauth_keys'
  | 'oauth_stale';

const TEXTS: Record<Language, Record<AmoErrorCode, string>> = {
  ru: {
    bad_subdomain:
      'Не найден аккаунт amoCRM с таким адресом. Проверьте поддомен (например, «mycompany» для mycompany.amocrm.ru).',
    unsupported_domain:
      'Поддерживаются адреса вида имя.amocrm.ru и имя.kommo.com. Для аккаунтов на amocrm.com укажите адрес имя.kommo.com.',
    unauthorized:
      'amoCRM не принял ключ доступа: токен неверный или истёк. Выпустите новый долгосрочный токен или подключитесь заново.',
    token_revoked:
      'Доступ к amoCRM отозван (ключ обновления уже использован или интеграция отключена). Подключитесь к amoCRM заново.',
    payment_required:
      'Аккаунт amoCRM не оплачен (ошибка 402): данные недоступны, пока подписка не продлена.',
    forbidden:
      'Не хватает прав в amoCRM (ошибка 403): токен должен принадлежать администратору аккаунта.',
    blocked:
      'amoCRM временно заблокировал доступ из-за слишком частых запросов. Следующая попытка — по расписанию.',
    rate_limited:
      'amoCRM попросил подождать с запросами ({detail} с). Загруженное сохранено; загрузка продолжится при следующем запуске по расписанию.',
    network: 'Не удалось связаться с amoCRM (сеть или таймаут). Следующая попытка — по расписанию.',
    server: 'amoCRM отвечает с ошибкой на своей стороне. Следующая попытка — по расписанию.',
    bad_response:
      'amoCRM прислал ответ неожиданного вида, рейтинг по нему не считается ({detail}). Следующая попытка — по расписанию; если ошибка повторяется, передайте её текст в поддержку.',
    not_configured:
      'Подключение к amoCRM не настроено: укажите адрес аккаунта и токен в настройках.',
    short_token: 'Вставьте долгосрочный токен целиком: он длинный, из латинских букв и цифр.',
    oauth_keys: 'Укажите ID интеграции и секретный ключ из настроек интеграции amoCRM.',
    oauth_stale:
      'Эта ссылка устарела: она не от последней попытки подключения. Начните подключение заново в настройках.',
  },
  en: {
    bad_subdomain:
      'No amoCRM account has this address. Check the subdomain ("mycompany" for mycompany.amocrm.ru).',
    unsupported_domain:
      'Addresses like name.amocrm.ru and name.kommo.com are supported. For an amocrm.com account use name.kommo.com.',
    unauthorized:
      'amoCRM did not accept the key: the token is wrong or expired. Issue a new long-lived token or connect again.',
    token_revoked:
      'Access to amoCRM was revoked (the refresh key was already used, or the integration is off). Connect to amoCRM again.',
    payment_required: 'The amoCRM account is not paid (error 402): no data until it is renewed.',
    forbidden:
      'Not enough rights in amoCRM (error 403): the token must belong to an account administrator.',
    blocked:
      'amoCRM blocked access for a while after too many requests. The next try is on schedule.',
    rate_limited:
      'amoCRM asked to wait before more requests ({detail} s). What was loaded is kept; loading continues at the next scheduled run.',
    network: 'amoCRM could not be reached (network or timeout). The next try is on schedule.',
    server: 'amoCRM answers with an error on its side. The next try is on schedule.',
    bad_response:
      'amoCRM sent an answer of an unexpected shape; no rating is computed from it ({detail}). The next try is on schedule; if it repeats, pass this text to support.',
    not_configured:
      'amoCRM is not connected: enter the account address and a token in the settings.',
    short_token: 'Paste the whole long-lived token: it is long, of Latin letters and digits.',
    oauth_keys: 'Enter the integration ID and secret key from the amoCRM integration settings.',
    oauth_stale:
      'This link is stale: it is not from the latest attempt to connect. Start connecting again in the settings.',
  },
};

export function amoErrorText(lang: Language, code: AmoErrorCode, detail = ''): string {
  return TEXTS[lang][code].replace('{detail}', detail);
}
