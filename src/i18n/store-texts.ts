/**
 * What the sales head reads about the store of the account's data: the measured size of the
 * account, the spreadsheet store's ceiling and the way past it (BigQuery), in the product's two
 * languages. `{name}` is filled from the params.
 */
import type { Language } from './messages';

const ru = {
  storeFull:
    'Аккаунт слишком велик для хранения в таблице: в окне истории (с начала прошлого квартала) {deals} сделок, а одна таблица вмещает около {ceiling}. Загрузка остановлена, чтобы не упасть на лимитах Google. Выберите хранилище BigQuery: «Настройки» → «Подключение» → «Размер аккаунта».',
  storeFullBytes:
    'Данные аккаунта не помещаются в таблицу: часть хранилища заняла бы {mb} МБ, а Google принимает не больше {maxMb} МБ (загружено сделок: {deals}, таблица вмещает около {ceiling}). Загрузка остановлена. Выберите хранилище BigQuery: «Настройки» → «Подключение» → «Размер аккаунта».',
  stagingFull:
    'Первая загрузка в BigQuery не помещается в промежуточный лист таблицы: часть заняла бы {mb} МБ (загружено сделок: {deals}). Загрузка остановлена; обратитесь в поддержку.',
  storeSlow:
    'BigQuery не успел ответить до конца запуска Apps Script. Следующее обновление по расписанию попробует снова.',
  storeQuota:
    'BigQuery отказал: исчерпана квота проекта {project} ({detail}). Квоты восстанавливаются сами; следующее обновление по расписанию попробует снова.',
  storeDenied:
    'BigQuery не дал доступа к проекту {project} ({detail}). Проверьте, что в проекте включены BigQuery API и оплата, а у вас есть роли «BigQuery User» и «BigQuery Data Editor».',
  storeMissing:
    'В BigQuery не найден набор данных {dataset} проекта {project} или его таблица ({detail}). Следующее обновление загрузит данные заново.',
  storeFailed: 'Запрос к BigQuery в проекте {project} не удался ({detail}).',
  measureTitle: 'Размер аккаунта',
  measureDeals: 'Сделок в окне истории (с {since}): {deals}.',
  measureDealsAtMost:
    'Сделок в окне истории (с {since}): не больше {deals} — amoCRM не применил фильтр по дате, посчитаны все сделки.',
  measureFits: 'Таблица вмещает около {ceiling} сделок: хранилище в таблице подходит.',
  measureTooBig:
    'Это больше, чем вмещает таблица (около {ceiling} сделок): рекомендуем хранилище BigQuery. Оно добавит разрешение «Просмотр и управление данными в Google BigQuery», попросит выбрать ваш проект Google Cloud с включённой оплатой и обойдётся примерно в {cost} в месяц (бесплатно в пределах 1 ТиБ запросов и 10 ГиБ хранения в месяц).',
  measureButton: 'Измерить аккаунт',
  measureNever: 'Аккаунт ещё не измерен.',
  measuredAt: 'Измерено {when}.',
  chooseNoService:
    'В этой версии дополнения нет разрешения BigQuery. Установите версию «Рейтинг менеджеров для BigQuery» — она попросит одно дополнительное разрешение.',
  chooseBadProject:
    'Это не похоже на идентификатор проекта Google Cloud: 6–30 строчных латинских букв, цифр и дефисов, начинается с буквы (например, my-company-rating).',
  chooseNoAccess:
    'BigQuery не принял запрос в проекте {project}: {detail} Проверьте, что в проекте включены BigQuery API и оплата, а у вас есть роли «BigQuery User» и «BigQuery Data Editor».',
  chosenBigQuery:
    'Данные аккаунта будут храниться в BigQuery (проект {project}, набор данных {dataset}). Следующее обновление загрузит их заново.',
  chosenSpreadsheet: 'Данные аккаунта будут храниться в таблице.',
  chooseProject: 'Проект Google Cloud',
  chooseBigQuery: 'Хранить в BigQuery',
  chooseSpreadsheet: 'Хранить в таблице',
} as const;

export type StoreTextKey = keyof typeof ru;

const en: Record<StoreTextKey, string> = {
  storeFull:
    'The account is too big to keep in the spreadsheet: the history window (from the start of the previous quarter) holds {deals} deals, and one spreadsheet holds about {ceiling}. Loading stopped before Google’s limits were hit. Choose the BigQuery store: “Settings” → “Connection” → “Account size”.',
  storeFullBytes:
    'The account’s data does not fit in the spreadsheet: a part of the store would take {mb} MB, and Google accepts at most {maxMb} MB ({deals} deals loaded; a spreadsheet holds about {ceiling}). Loading stopped. Choose the BigQuery store: “Settings” → “Connection” → “Account size”.',
  stagingFull:
    'The first load into BigQuery does not fit the spreadsheet’s staging sheet: a part would take {mb} MB ({deals} deals loaded). Loading stopped; contact support.',
  storeSlow:
    'BigQuery did not answer before the Apps Script run ended. The next scheduled refresh tries again.',
  storeQuota:
    'BigQuery refused: project {project} ran out of quota ({detail}). Quotas recover by themselves; the next scheduled refresh tries again.',
  storeDenied:
    'BigQuery refused access to project {project} ({detail}). Check that the project has the BigQuery API and billing on, and that you have the “BigQuery User” and “BigQuery Data Editor” roles.',
  storeMissing:
    'BigQuery has no dataset {dataset} in project {project}, or a table of it is missing ({detail}). The next refresh loads the data anew.',
  storeFailed: 'A BigQuery request in project {project} failed ({detail}).',
  measureTitle: 'Account size',
  measureDeals: 'Deals in the history window (since {since}): {deals}.',
  measureDealsAtMost:
    'Deals in the history window (since {since}): at most {deals} — amoCRM ignored the date filter, so every deal was counted.',
  measureFits: 'A spreadsheet holds about {ceiling} deals: the spreadsheet store fits.',
  measureTooBig:
    'That is more than a spreadsheet holds (about {ceiling} deals): the BigQuery store is recommended. It adds the permission “View and manage your data in Google BigQuery”, asks you to choose your Google Cloud project with billing on, and costs about {cost} a month (free within 1 TiB of queries and 10 GiB of storage a month).',
  measureButton: 'Measure the account',
  measureNever: 'The account has not been measured yet.',
  measuredAt: 'Measured {when}.',
  chooseNoService:
    'This version of the add-on has no BigQuery permission. Install “Manager rating for BigQuery”: it asks for one more permission.',
  chooseBadProject:
    'That does not look like a Google Cloud project id: 6–30 lowercase letters, digits and hyphens, starting with a letter (e.g. my-company-rating).',
  chooseNoAccess:
    'BigQuery refused a query in project {project}: {detail} Check that the project has the BigQuery API and billing on, and that you have the “BigQuery User” and “BigQuery Data Editor” roles.',
  chosenBigQuery:
    'The account’s data will be kept in BigQuery (project {project}, dataset {dataset}). The next refresh loads it anew.',
  chosenSpreadsheet: 'The account’s data will be kept in the spreadsheet.',
  chooseProject: 'Google Cloud project',
  chooseBigQuery: 'Keep in BigQuery',
  chooseSpreadsheet: 'Keep in the spreadsheet',
};

export const STORE_TEXTS: Record<Language, Record<StoreTextKey, string>> = { ru, en };

export function storeText(
  lang: Language,
  key: StoreTextKey,
  params: Record<string, string | number> = {},
): string {
  return STORE_TEXTS[lang][key].replace(/\{(\w+)\}/g, (m, k: string) =>
    k in params ? String(params[k]) : m,
  );
}
