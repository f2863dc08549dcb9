/** Telegram problems in words a sales head understands (docs/rules.md §7). */
import type { Language } from './messages';

export type TelegramErrorCode =
  | 'bad_token'
  | 'chat_not_found'
  | 'bot_removed'
  | 'not_member'
  | 'too_many'
  | 'network'
  | 'server'
  | 'rejected'
  | 'bad_response'
  | 'not_configured'
  | 'no_chat';

const TEXTS: Record<Language, Record<TelegramErrorCode, string>> = {
  ru: {
    bad_token:
      'Telegram не принял токен бота (он неверный или отозван). Выпустите токен у @BotFather и подключите бота заново в «Настройки → Telegram».',
    chat_not_found:
      'Telegram не находит этот чат. Добавьте бота в группу заново и выберите её в «Настройки → Telegram».',
    bot_removed:
      'Бота удалили из группы — публикации остановлены. Добавьте бота обратно и выберите группу в «Настройки → Telegram».',
    not_member:
      'Бот не состоит в этой группе — публикации остановлены. Добавьте бота в группу и выберите её в «Настройки → Telegram».',
    too_many: 'Telegram просит подождать (слишком много сообщений); публикация продолжится позже.',
    network: 'Не удалось связаться с Telegram; публикация повторится позже.',
    server: 'Telegram отвечает с ошибкой на своей стороне; публикация повторится позже.',
    rejected: 'Telegram отклонил сообщение: {detail}',
    bad_response: 'Telegram прислал ответ неожиданного вида ({detail}).',
    not_configured: 'Бот Telegram не подключён.',
    no_chat: 'Не выбран чат для публикаций.',
  },
  en: {
    bad_token:
      'Telegram did not accept the bot token (wrong or revoked). Issue a token with @BotFather and connect the bot again in Settings → Telegram.',
    chat_not_found:
      'Telegram cannot find this chat. Add the bot to the group again and choose it in Settings → Telegram.',
    bot_removed:
      'The bot was removed from the group: posting has stopped. Add the bot back and choose the group in Settings → Telegram.',
    not_member:
      'The bot is not a member of this group: posting has stopped. Add the bot and choose the group in Settings → Telegram.',
    too_many: 'Telegram asks to wait (too many messages); posting continues later.',
    network: 'Telegram could not be reached; posting will be retried.',
    server: 'Telegram answers with an error on its side; posting will be retried.',
    rejected: 'Telegram refused the message: {detail}',
    bad_response: 'Telegram sent an answer of an unexpected shape ({detail}).',
    not_configured: 'The Telegram bot is not connected.',
    no_chat: 'No chat is chosen for the posts.',
  },
};

export function telegramErrorText(lang: Language, code: TelegramErrorCode, detail: string): string {
  return TEXTS[lang][code].replace('{detail}', detail);
}
