/**
 * What the sales head hears about problems (docs/rules.md §7.1): the private Telegram messages,
 * the sidebar's status bar and failure banner, and the menu's status, in the product's two
 * languages. `{name}` is filled from the params.
 */
import type { Language } from './messages';

const ru = {
  // the private message to the head: one when a problem starts, one when it is solved
  msgTitle: '⚠️ Рейтинг менеджеров: {what}',
  msgSince: 'С {since} рейтинг не обновляется; в таблице — данные на {asOf}.',
  msgSinceNever: 'С {since} рейтинг не обновляется.',
  msgDo: 'Что сделать: {todo}',
  msgLink: 'Таблица: {url}',
  msgSolvedTitle: '✅ Рейтинг менеджеров: {what}',
  msgNotice: '⚠️ Рейтинг менеджеров: публикация в Telegram',
  msgSolvedNext: 'Следующее обновление — {next}.',
  msgSolvedNextSoon: 'Следующее обновление — в течение часа (не позже {next}).',
  // what happened, per problem kind
  what_amoAccess: 'amoCRM не принимает подключение',
  what_amoSync: 'не удаётся загрузить данные из amoCRM',
  what_store: 'хранилище данных в таблице повреждено',
  what_settings: 'настройки не подходят к аккаунту или повреждены',
  what_publish: 'не удаётся записать листы рейтинга',
  what_telegram: 'публикации в Telegram остановлены',
  solved_amoAccess: 'подключение к amoCRM восстановлено',
  solved_amoSync: 'данные из amoCRM снова загружаются, рейтинг обновлён',
  solved_store: 'хранилище восстановлено, рейтинг обновлён',
  solved_settings: 'настройки в порядке, рейтинг обновлён',
  solved_publish: 'листы рейтинга снова записываются',
  solved_telegram: 'публикации в Telegram снова идут',
  todo_amoAccess:
    'выпустите в amoCRM новый долгосрочный токен (amoМаркет → ваша интеграция → вкладка «Ключи и доступы» → «Сгенерировать токен») и вставьте его в таблице: меню «Рейтинг менеджеров» → «Настройки» → «Подключение».',
  todo_amoSync:
    'ничего, если это ненадолго: обновление повторяется каждый час. Если не пройдёт до завтра — проверьте, открывается ли amoCRM, и напишите в поддержку.',
  todo_store:
    'ничего: данные загружаются заново при следующих обновлениях. Не меняйте скрытые листы таблицы.',
  todo_settings: 'откройте «Настройки» в таблице, проверьте отмеченные разделы и сохраните их.',
  todo_publish:
    'обновление по расписанию запускается от имени того, кто его включил: пусть владелец таблицы даст ему право редактировать листы рейтинга или включит расписание сам.',
  todo_telegram: 'откройте «Настройки» → «Telegram» и сделайте, что там сказано.',
  what_liveBudget: 'обновление в течение дня пришлось сделать реже',
  solved_liveBudget: 'обновление в течение дня снова идёт каждый час',
  todo_liveBudget:
    'ничего, если так устраивает. Чтобы обновлять чаще, сузьте часы обновления в течение дня («Настройки» → «Расписание и язык») или пусть расписание включит пользователь Google Workspace (ему Google даёт 6 часов в день).',
  // the sidebar's status bar and banner
  barTitle: 'Состояние рейтинга',
  barDataAsOf: 'Данные на',
  barNever: 'ещё не обновлялись',
  barNext: 'Следующее обновление',
  barScheduleOff: 'расписание выключено',
  barTelegram: 'Telegram',
  barTelegramOff: 'не подключён',
  barTelegramNoChat: 'бот подключён, чат не выбран',
  barProblem: 'Проблема',
  barProblemSince: '{text}, с {since}',
  barProblemTimes: '{text}: {times} с {since}',
  barNextSoon: 'в течение часа (до {next})',
  barLive: 'В течение дня',
  barLiveNext: 'сегодня, {from}–{to}',
  barLiveDone: 'сегодня больше нет',
  bannerBroken: 'Подключение к amoCRM не работает — рейтинг не обновляется.',
  bannerFix: 'Вставить новый токен',
  connBroken: '✗ Подключение не работает: {account}',
  reconnectToken: 'Новый долгосрочный токен',
  reconnectHint:
    'Выпустите его в amoCRM (amoМаркет → ваша интеграция → вкладка «Ключи и доступы» → «Сгенерировать токен»): адрес аккаунта останется прежним.',
  reconnect: 'Подключиться заново',
  reconnected: 'Подключение восстановлено. Следующее обновление пройдёт как обычно.',
  times_one: '{n} раз',
  times_few: '{n} раза',
  times_many: '{n} раз',
  timesFrom: '{times} с {since}',
  // the menu's status
  stOk: 'Рейтинг обновлён {when}; данные на {asOf}.',
  stNever: 'Рейтинг ещё ни разу не обновлялся.',
  stLastFailed: 'Последняя попытка обновления не удалась ({when}): {why}',
  stFailedTimes: 'Не удалось обновить {times} подряд, с {since}: {why}',
  stLoading:
    'Идёт загрузка данных из amoCRM (большой аккаунт): рейтинг обновится, когда всё загрузится.',
  stNext: 'Следующее обновление — {next}.',
  stScheduleOff: 'Расписание выключено: рейтинг обновляется только из меню «Обновить сейчас».',
  stProblems: 'Что требует внимания:',
  stDetails: 'Подробности (для поддержки):',
  // a broken OAuth connection: the consent asked again (no token to paste)
  todo_amoAccessOAuth:
    'разрешите таблице доступ к amoCRM заново: меню «Рейтинг менеджеров» → «Настройки» → «Подключение» → «Разрешить доступ заново».',
  bannerFixOAuth: 'Разрешить доступ заново',
  reconsentHint:
    'amoCRM больше не принимает разрешение, выданное таблице: интеграцию отключили или её ключ обновления истёк. Адрес аккаунта и ключи интеграции останутся прежними.',
  reconsent: 'Разрешить доступ заново',
  reconsentLink: 'Открыть страницу amoCRM',
  reconsentThen: 'Разрешите доступ на открывшейся странице, затем вернитесь сюда:',
  reconsentCheck: 'Доступ разрешён — проверить',
  reconsentStill:
    'amoCRM пока не принимает подключение: разрешите доступ на странице amoCRM и проверьте снова.',
  what_storeFull: 'аккаунт не помещается в таблицу',
  solved_storeFull: 'данные аккаунта снова загружаются, рейтинг обновлён',
  todo_storeFull:
    'выберите хранилище BigQuery: «Настройки» → «Подключение» → «Размер аккаунта». Там сказано, сколько сделок в аккаунте, какое разрешение добавится и сколько это стоит.',
} as const;

export type ProblemTextKey = keyof typeof ru;

const en: Record<ProblemTextKey, string> = {
  msgTitle: '⚠️ Manager rating: {what}',
  msgSince:
    'The rating has not been refreshed since {since}; the spreadsheet shows data as of {asOf}.',
  msgSinceNever: 'The rating has not been refreshed since {since}.',
  msgDo: 'What to do: {todo}',
  msgLink: 'Spreadsheet: {url}',
  msgSolvedTitle: '✅ Manager rating: {what}',
  msgNotice: '⚠️ Manager rating: a Telegram post',
  msgSolvedNext: 'Next refresh: {next}.',
  msgSolvedNextSoon: 'Next refresh: within the hour (by {next} at the latest).',
  what_amoAccess: 'amoCRM does not accept the connection',
  what_amoSync: 'data cannot be loaded from amoCRM',
  what_store: 'the data store in the spreadsheet is damaged',
  what_settings: 'the settings do not fit the account or are damaged',
  what_publish: 'the rating sheets cannot be written',
  what_telegram: 'Telegram posts have stopped',
  solved_amoAccess: 'the amoCRM connection works again',
  solved_amoSync: 'data loads from amoCRM again; the rating is refreshed',
  solved_store: 'the store is rebuilt; the rating is refreshed',
  solved_settings: 'the settings are fine; the rating is refreshed',
  solved_publish: 'the rating sheets are written again',
  solved_telegram: 'Telegram posts go out again',
  todo_amoAccess:
    'issue a new long-lived token in amoCRM (Marketplace → your integration → “Keys and scopes” tab → “Generate long-lived token”) and paste it in the spreadsheet: menu “Manager rating” → “Settings” → “Connection”.',
  todo_amoSync:
    'nothing if it is brief: the refresh is retried every hour. If it does not pass by tomorrow, check that amoCRM opens and contact support.',
  todo_store:
    'nothing: the data is loaded again by the next refreshes. Do not change the spreadsheet’s hidden sheets.',
  todo_settings: 'open “Settings” in the spreadsheet, check the marked sections and save them.',
  todo_publish:
    'the scheduled refresh runs as whoever turned it on: have the owner let them edit the rating sheets, or turn the schedule on themselves.',
  todo_telegram: 'open “Settings” → “Telegram” and do what it says.',
  what_liveBudget: 'refreshing during the day had to become less frequent',
  solved_liveBudget: 'refreshing during the day runs every hour again',
  todo_liveBudget:
    'nothing, if this is fine. To refresh more often, narrow the hours of refreshing during the day (“Settings” → “Schedule and language”) or let a Google Workspace user turn the schedule on (Google gives them 6 hours a day).',
  barTitle: 'Rating status',
  barDataAsOf: 'Data as of',
  barNever: 'not refreshed yet',
  barNext: 'Next refresh',
  barScheduleOff: 'schedule is off',
  barTelegram: 'Telegram',
  barTelegramOff: 'not connected',
  barTelegramNoChat: 'bot connected, no chat chosen',
  barProblem: 'Problem',
  barProblemSince: '{text}, since {since}',
  barProblemTimes: '{text}: {times} since {since}',
  barNextSoon: 'within the hour (by {next})',
  barLive: 'During the day',
  barLiveNext: 'today, {from}–{to}',
  barLiveDone: 'no more today',
  bannerBroken: 'The amoCRM connection does not work — the rating is not refreshed.',
  bannerFix: 'Paste a new token',
  connBroken: '✗ The connection does not work: {account}',
  reconnectToken: 'New long-lived token',
  reconnectHint:
    'Issue it in amoCRM (Marketplace → your integration → “Keys and scopes” tab → “Generate long-lived token”): the account address stays.',
  reconnect: 'Connect again',
  reconnected: 'The connection works again. The next refresh runs as usual.',
  times_one: '{n} time',
  times_few: '{n} times',
  times_many: '{n} times',
  timesFrom: '{times} since {since}',
  stOk: 'Rating refreshed {when}; data as of {asOf}.',
  stNever: 'The rating has not been refreshed yet.',
  stLastFailed: 'The last refresh failed ({when}): {why}',
  stFailedTimes: '{times} failed refreshes in a row since {since}: {why}',
  stLoading:
    'Loading data from amoCRM (a big account): the rating is refreshed once all is loaded.',
  stNext: 'Next refresh: {next}.',
  stScheduleOff: 'Schedule is off: the rating is refreshed only by “Refresh now”.',
  stProblems: 'Needs attention:',
  stDetails: 'Details (for support):',
  todo_amoAccessOAuth:
    'allow the spreadsheet access to amoCRM again: menu “Manager rating” → “Settings” → “Connection” → “Allow access again”.',
  bannerFixOAuth: 'Allow access again',
  reconsentHint:
    'amoCRM no longer accepts the access it gave the spreadsheet: the integration was turned off or its refresh key expired. The account address and the integration keys stay as they are.',
  reconsent: 'Allow access again',
  reconsentLink: 'Open the amoCRM page',
  reconsentThen: 'Allow access on the page that opens, then come back here:',
  reconsentCheck: 'Access allowed — test it',
  reconsentStill:
    'amoCRM does not accept the connection yet: allow access on the amoCRM page and test again.',
  what_storeFull: 'the account does not fit in the spreadsheet',
  solved_storeFull: 'the account’s data loads again; the rating is refreshed',
  todo_storeFull:
    'choose the BigQuery store: “Settings” → “Connection” → “Account size”. It says how many deals the account has, which permission it adds and what it costs.',
};

export const PROBLEM_TEXTS: Record<Language, Record<ProblemTextKey, string>> = { ru, en };

export function problemText(
  lang: Language,
  key: ProblemTextKey,
  params: Record<string, string | number> = {},
): string {
  return PROBLEM_TEXTS[lang][key].replace(/\{(\w+)\}/g, (m, k: string) =>
    k in params ? String(params[k]) : m,
  );
}

/** «1 раз», «3 раза», «5 раз», «12 раз» / «1 time», «5 times». */
export function timesText(lang: Language, n: number): string {
  const d = n % 10;
  const teen = n % 100 >= 11 && n % 100 <= 14;
  const form =
    d === 1 && !teen ? 'times_one' : d >= 2 && d <= 4 && !teen ? 'times_few' : 'times_many';
  return problemText(lang, lang === 'en' && n !== 1 ? 'times_many' : form, { n });
}
