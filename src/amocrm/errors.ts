/** What can go wrong talking to amoCRM, each with a message a sales head understands. */
export type AmoErrorCode =
  | 'bad_subdomain'
  | 'unauthorized'
  | 'token_revoked'
  | 'payment_required'
  | 'forbidden'
  | 'blocked'
  | 'network'
  | 'server'
  | 'not_configured';

const MESSAGES: Record<AmoErrorCode, string> = {
  bad_subdomain:
    'Не найден аккаунт amoCRM с таким адресом. Проверьте поддомен (например, «mycompany» для mycompany.amocrm.ru).',
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
  network: 'Не удалось связаться с amoCRM (сеть или таймаут). Следующая попытка — по расписанию.',
  server: 'amoCRM отвечает с ошибкой на своей стороне. Следующая попытка — по расписанию.',
  not_configured: 'Подключение к amoCRM не настроено: укажите адрес аккаунта и токен в настройках.',
};

export class AmoError extends Error {
  constructor(
    readonly code: AmoErrorCode,
    /** technical detail for the log; never contains secrets */
    readonly detail = '',
  ) {
    super(MESSAGES[code]);
    this.name = 'AmoError';
  }
}
