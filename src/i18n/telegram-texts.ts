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
  | 'no_chat'
  | 'no_rights'
  | 'blocked'
  | 'webhook'
  | 'conflict'
  | 'not_private';

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
    no_rights:
      'В группе у бота нет права «{right}» — публикации в эту группу остановлены, они дождутся исправления. Сделайте бота администратором группы (или разрешите участникам отправлять сообщения) и сохраните «Настройки → Telegram».',
    blocked:
      'Бот заблокирован в личном чате руководителя — сводка туда остановлена и дождётся исправления. Откройте чат с ботом, нажмите «Разблокировать» (или «Перезапустить») и сохраните «Настройки → Telegram».',
    webhook:
      'У бота настроен webhook: пока он есть, Telegram не отдаёт сообщения бота, и чаты не найти. Если бот больше нигде не используется, удалите webhook.',
    not_private:
      'Личный чат руководителя указан неверно: это группа или канал, а сводка о том, кто внизу рейтинга, — только для руководителя. Сводка не отправлена. Выберите свой личный чат с ботом в «Настройки → Telegram».',
    conflict:
      'Этого бота одновременно опрашивает другая программа, и Telegram отвечает конфликтом. Остановите её или подключите отдельного бота.',
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
    no_rights:
      'The bot lacks the right "{right}" in the group: posting there has stopped, the posts wait. Make the bot an administrator of the group (or let members send messages) and save Settings → Telegram.',
    blocked:
      "The bot is blocked in the sales head's private chat: the digest has stopped and waits. Open the chat with the bot, press Unblock (or Restart) and save Settings → Telegram.",
    webhook:
      "The bot has a webhook: while it is set, Telegram does not hand out the bot's messages and no chat can be found. If the bot is not used anywhere else, delete the webhook.",
    not_private:
      "The sales head's private chat is set wrong: it is a group or a channel, and the bottom-watch digest is for the head alone. The digest was not sent. Choose your private chat with the bot in Settings → Telegram.",
    conflict:
      'Another program polls this bot at the same time and Telegram answers with a conflict. Stop it or connect a separate bot.',
  },
};

/** The right a restricted bot lacks, as Telegram's group settings name it. */
const RIGHTS: Record<Language, Record<string, string>> = {
  ru: {
    'text messages': 'Отправка сообщений',
    photos: 'Отправка фото',
    documents: 'Отправка файлов',
  },
  en: { 'text messages': 'Send Messages', photos: 'Send Photos', documents: 'Send Files' },
};

export function telegramErrorText(lang: Language, code: TelegramErrorCode, detail: string): string {
  const right = RIGHTS[lang][detail] ?? RIGHTS[lang]['text messages'] ?? detail;
  return TEXTS[lang][code].replace('{detail}', detail).replace('{right}', right);
}
