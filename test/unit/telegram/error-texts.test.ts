/**
 * What the sales head reads when Telegram refuses: the right a restricted bot lacks is named as
 * Telegram's group settings name it, in the head's language; a blocked bot and a webhook say what
 * to do. Facts: docs/services.md §B9.
 */
import { telegramErrorText } from '../../../src/i18n/telegram-texts';

test.each([
  ['ru', 'text messages', '«Отправка сообщений»'],
  ['ru', 'photos', '«Отправка фото»'],
  ['ru', 'documents', '«Отправка файлов»'],
  ['en', 'text messages', '"Send Messages"'],
  ['en', 'photos', '"Send Photos"'],
] as const)(
  '%s: a bot without the right to send %s is told the right %s',
  (lang, detail, right) => {
    const text = telegramErrorText(lang, 'no_rights', detail);
    expect(text).toContain(right);
    expect(text).not.toContain('{right}');
  },
);

test('a refusal naming a right the product does not know still reads as the right to send messages', () => {
  expect(telegramErrorText('ru', 'no_rights', 'stickers')).toContain('«Отправка сообщений»');
});

test('a blocked bot, a webhook and a head chat that is not private say what to do, in both languages', () => {
  expect(telegramErrorText('ru', 'blocked', '')).toMatch(/Разблокировать/);
  expect(telegramErrorText('en', 'blocked', '')).toMatch(/Unblock/);
  expect(telegramErrorText('ru', 'webhook', '')).toMatch(/удалите webhook/);
  expect(telegramErrorText('ru', 'not_private', '')).toMatch(/личный чат/);
  expect(telegramErrorText('en', 'not_private', '')).toMatch(/private chat/);
});
