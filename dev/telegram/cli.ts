/**
 * `npm run emulator:telegram -- [--port P]` — serves the Bot API on 127.0.0.1 with one bot and
 * one group («Отдел продаж») the bot has been added to. Prints the base URL, the token and the
 * chat id; the control API is under /_emulator/.
 */
import { TelegramEmulator } from './server';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--port');
  const tg = new TelegramEmulator();
  const bot = tg.createBot('rating_bot', 'Рейтинг менеджеров');
  const chat = tg.createChat('Отдел продаж');
  tg.addBot(bot, chat);
  // the sales head writes to the bot privately (for the bottom-watch digest)
  const head = tg.createChat('Ирина Руководитель', 'private');
  tg.userMessage(bot, head, '/start');
  const url = await tg.listen(i >= 0 ? Number(process.argv[i + 1]) : 0);
  console.log(`Telegram Bot API emulator for https://api.telegram.org at ${url}`);
  console.log(`  bot @${bot.username}, token ${bot.token}`);
  console.log(`  group "${chat.title}", chat id ${chat.id} (the bot was added: see getUpdates)`);
  console.log(`  try: curl "${url}/bot${bot.token}/getUpdates"`);
  console.log(`TOKEN ${bot.token}`);
  console.log(`CHAT ${chat.id}`);
  console.log(`HEAD ${head.id}`);
  console.log(`PORT ${new URL(url).port}`);
  const stop = () => tg.close().then(() => process.exit(0));
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
