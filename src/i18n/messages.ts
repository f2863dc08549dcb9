/**
 * Every text a user sees, in the product's two languages (Russian by default). `{name}` in a
 * text is filled from the params. A test fails on Cyrillic string literals anywhere else in src/.
 */
import { figureNameInText } from './glossary';
/** The interface languages: one switch for the menu, sheets, sidebar, messages and posts. */
export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const ru = {
  // menu and alerts
  menuTitle: 'Рейтинг менеджеров',
  menuRefresh: 'Обновить сейчас',
  menuScheduleOn: 'Включить расписание',
  menuScheduleOff: 'Выключить расписание',
  menuStatus: 'Статус последнего обновления',
  menuSettings: 'Настройки',
  scheduleOn: 'Расписание включено: рейтинг будет обновляться каждый день.',
  scheduleOff: 'Расписание выключено.',
  scheduleNotEditor:
    'Расписание не включено: вы не можете редактировать защищённые листы рейтинга, поэтому обновления по расписанию от вашего имени не смогут их записать. Попросите владельца таблицы добавить вас в «Настройки → Доступ».',
  statusNever: 'Рейтинг ещё ни разу не обновлялся.',
  statusTitle: 'Последние обновления',
  statusLine:
    '{mark} {when}: {kind}, запросов {requests}, повторов {retries}; сделок {leads}, задач {tasks}, событий {events}',
  kindFull: 'полная загрузка',
  kindIncremental: 'изменения',
  busy: 'Обновление уже идёт. Попробуйте через минуту.',
  sidebarTitle: 'Рейтинг менеджеров',
  tgTokenShape:
    'Это не похоже на токен бота: он выглядит как 123456789:AA… (его выдаёт @BotFather).',
  tgConnected: 'Бот {bot} подключён. Добавьте его в группу отдела и нажмите «Найти чаты».',
  tgDisconnected: 'Бот отключён.',
  tgNotConnected: 'Сначала подключите бота.',
  tgChatsFound: 'Найдено чатов: {n}.',
  tgNoChats:
    'Чатов пока нет: добавьте {bot} в группу или напишите ему в личные сообщения, затем нажмите «Найти чаты» ещё раз — в течение суток: Telegram хранит новости бота 24 часа. Если бота добавили раньше, удалите его из группы и добавьте снова.',
  tgNoChat: 'Выберите чат.',
  tgTestText:
    '✅ Бот рейтинга подключён к таблице «{sheet}». Сюда будут приходить публикации рейтинга.',
  tgTestSent: 'Тестовое сообщение отправлено.',
  tgTestTextHead:
    '✅ Бот рейтинга подключён к таблице «{sheet}». Сюда будет приходить то, что видите только вы: кто задерживается внизу рейтинга, и что делать, если что-то сломалось.',
  tgTestSentTo: 'Тестовое сообщение отправлено {chats}.',
  tgTestFailedTo: 'Не отправлено {chat}: {reason}',
  tgTestToGroup: 'в группу «{title}»',
  tgTestToHead: 'в ваш личный чат «{title}»',
  tgTestAnd: ' и ',
  tgChatsMore: 'Прочитаны не все новости бота — нажмите «Найти чаты» ещё раз.',
  tgWebhookDeleted: 'Webhook удалён.',
  tgHeadNotPrivate:
    '«{title}» — {kind}, а сводка о том, кто внизу рейтинга, только для руководителя. Напишите боту в личные сообщения (/start), нажмите «Найти чаты» и выберите свой личный чат.',
  tgKindGroup: 'группа',
  tgKindChannel: 'канал',
  tgHeadUnknown:
    'Telegram не знает такого личного чата с ботом. Напишите боту /start из своего аккаунта, нажмите «Найти чаты» и выберите свой чат.',
  postName: '«{kind}» ({period})',
  post_daily: 'Рейтинг недели',
  post_monday: 'Рейтинг месяца',
  post_monthFinal: 'Итоги месяца',
  post_quarter: 'Итоги квартала',
  post_digest: 'Сводка руководителю',
  postUncertain:
    '⚠ Публикация {post} в Telegram могла не дойти: отправка прервалась. Проверьте чат; повторно она не отправляется, чтобы не было дубля.',
  postFailed: '⚠ Telegram отклонил публикацию {post}: {reason}',
  plansTitle: 'Планы менеджеров',
  plansSaved: 'Планы сохранены.',
  saveRefused: 'Не сохранено: исправьте отмеченные поля.',
  settingsChanged:
    'Не сохранено: пока вы правили, эти же настройки сохранил другой пользователь. Закройте это окно и откройте снова — увидите его изменения — и повторите свои.',
  sheetRewritten:
    'Лист «{sheet}» был изменён вручную (вставлены или удалены строки или столбцы, объединены ячейки или сдвинуто закрепление): рейтинг записан на нём заново.',
  publishInProgress:
    '⚠ Листы рейтинга записываются. Если эта строка осталась, запись прервалась и листы могут показывать разные дни: следующее обновление перепишет их все.',
  settingsBusy:
    'Не сохранено: сейчас таблицу обновляет другой процесс (обновление рейтинга или сохранение). Попробуйте через минуту.',
  errPlanMonth: 'Планы прошлых месяцев не меняются: можно править этот месяц и два следующих.',
  previewNoData: 'Данных ещё нет: сначала обновите рейтинг (меню → «Обновить сейчас»).',
  previewInvalid: 'Исправьте отмеченные поля, чтобы увидеть предпросмотр.',
  // the figures' names from the glossary: the norms' preview says what the sheet's columns say
  reasonOverdue: `${figureNameInText('ru', 'overdueTasks')}: {n}`,
  reasonLost: `${figureNameInText('ru', 'lost')}: {n}`,
  reasonLostShare: `${figureNameInText('ru', 'lostShare')} {pct}%`,
  reasonNoTasks: `${figureNameInText('ru', 'leadsWithoutTasks')}: {n}`,
  accountUnreadable: 'Не удалось прочитать аккаунт amoCRM: {reason}',
  connected: 'Подключено: «{account}», пользователей: {users}, воронок: {pipelines}.',
  oauthOpen: 'Откройте ссылку и разрешите доступ.',
  oauthDone: 'amoCRM подключён. Это окно можно закрыть.',
  oauthFailed: 'Не удалось подключиться: {reason}',
  disconnected: 'Подключение к amoCRM удалено.',
  // sheets
  sheetWeek: 'Неделя',
  sheetMonth: 'Месяц',
  sheetQuarter: 'Квартал',
  sheetHistory: 'История',
  sheetHall: 'Зал славы',
  sheetExplain: 'Разбор',
  titleWeek: 'Рейтинг менеджеров за неделю',
  titleMonth: 'Рейтинг менеджеров за месяц',
  titleQuarter: 'Рейтинг менеджеров за квартал',
  titlePrevMonth: 'Итоги прошлого месяца',
  titlePrevQuarter: 'Итоги прошлого квартала',
  period: 'Период',
  dataAsOf: 'Данные amoCRM на',
  stocksMissing: 'остатки за закрытый период не сохранились — ячейки пусты',
  rankedByPointsNoPlan: 'Планов на этот период нет: места по баллам, а не по % плана',
  total: 'Итого по отделу',
  inactive: 'неактивен',
  deleted: 'удалён',
  userPrefix: 'Пользователь',
  protectionNote: 'Рейтинг обновляется автоматически; менять его может только руководитель.',
  changeNew: 'нов.',
  outsideTitle: 'Не в рейтинге: пользователь неактивен или удалён — передайте его сделки и задачи',
  // refresh progress and outcomes
  refreshing: 'Загружаю данные из amoCRM…',
  computing: 'Считаю рейтинг…',
  publishing: 'Записываю листы…',
  refreshed: 'Рейтинг обновлён.',
  refreshPartial:
    'Загружена часть данных: amoCRM большой, загрузка продолжится по расписанию. Рейтинг обновится, когда все данные будут получены.',
  refreshDeferred:
    'Данные загружены; рейтинг будет записан при следующем запуске по расписанию (в этом запуске не хватило бы времени).',
  refreshFailed: 'Не удалось обновить рейтинг',
  warnFailed:
    '⚠ Последнее обновление не удалось ({when}): {reason} Показан рейтинг по данным на {asOf}.',
  checkpointRestarted: 'Незавершённая загрузка оказалась повреждена ({detail}) и начата заново.',
  warnStore:
    '⚠ Хранилище данных amoCRM в таблице повреждено или удалено ({detail}): идёт полная перезагрузка. Показан рейтинг по данным на {asOf}.',
  warnOdd:
    '⚠ Не учтено необычных записей amoCRM: {count}{users}. Список — в меню «{menu}» → «{status}».',
  oddUsers: '; они могут касаться показателей: {names}',
  oddTitle: 'Не учтены необычные записи amoCRM ({count}):',
  oddLine: '{kind} #{id}: {field} — {why}',
  oddMore: '…и ещё {n}',
  oddInRun: 'не учтено необычных записей: {n}',
  oddKind_leads: 'сделка',
  oddKind_tasks: 'задача',
  oddKind_events: 'событие',
  oddKind_users: 'пользователь',
  oddWhole: 'вся запись',
  userUnnamed: 'Пользователь #{id}',
  warnRepublished:
    '⚠ Предыдущая запись листов прервалась: листы могли показывать разные дни. Рейтинг записан заново.',
  warnSettings:
    '⚠ Настройки не подходят к аккаунту amoCRM: {reason} Показан рейтинг по данным на {asOf}.',
  warnSettingsDamaged:
    '⚠ Сохранённые настройки повреждены: {reason} Откройте «Настройки» и сохраните их заново. Показан рейтинг по данным на {asOf}.',
  warnHistory:
    '⚠ В листе «{sheet}» есть ячейки с неверными данными ({detail}): эти строки не учтены.',
  warnFinals:
    '⚠ Сохранённые итоги закрытых периодов повреждены ({detail}): итоги пересчитаны по данным, которые есть, и сохранены заново.',
  warnTimeZone:
    '⚠ Часовой пояс аккаунта amoCRM «{zone}» неизвестен: периоды считаются по поясу таблицы ({fallback}).',
  warnNotEditor:
    '⚠ Не удалось записать рейтинг: у запустившего обновление нет права редактировать защищённые листы. Попросите владельца таблицы добавить его в «Настройки → Доступ».',
  never: 'никогда',
  // store problems
  storeMissing: 'лист хранилища удалён',
  storeDamaged: 'данные хранилища изменены или неполны',
  // settings errors
  settingsDamaged: 'сохранённые настройки не читаются',
  errEmpty: 'Поле не заполнено: впишите число.',
  errNotNumber: '«{value}» — не число: пишите цифрами, например 1 300 или 0,5.',
  errNotInteger: 'Здесь нужно целое число, а не «{value}».',
  errDateMissing: 'Такой даты нет: «{value}».',
  errDateEmpty: 'Укажите дату.',
  errGreen: 'Порог «зелёного» — от 1 до 1000 %, а не «{value}».',
  errYellow: 'Порог «жёлтого» — от 0 до 1000 %, а не «{value}».',
  errBottomTooMany:
    'Число нижних мест должно быть меньше числа менеджеров в рейтинге ({n}), иначе внизу окажутся все; сейчас «{value}».',
  errInvalid: 'Неверное значение.',
  errUnknownKey: 'Неизвестное поле «{field}».',
  errVersion: 'Неизвестная версия настроек.',
  errDate: 'Дата пишется как ГГГГ-ММ-ДД, а не «{value}».',
  errMonth: 'Месяц пишется как ГГГГ-ММ, а не «{value}».',
  errStage: 'Этап сопоставлен с неверным статусом.',
  errStagePipeline: 'Этап указан в воронке, которая не выбрана для рейтинга.',
  errPoints: 'Баллы — число от 0 до 10 000, а не «{value}».',
  errPointsVersions: 'Нужна хотя бы одна таблица баллов.',
  errPointsDuplicate: 'Две таблицы баллов начинают действовать в один день.',
  errPlans: 'Планы заданы неверно.',
  errPlanUser: 'В плане не указан менеджер.',
  errPlanPoints: 'План в баллах — число от 0 до 1 000 000, а не «{value}».',
  errPlanFigure: 'План по показателю — число от 0 до 1 000 000, а не «{value}».',
  errPlanDuplicate: 'У одного менеджера два плана на один месяц.',
  errNorm: 'Норма — целое число от 0 до 100 000 (или пусто, если нормы нет), а не «{value}».',
  errLostShare: 'Доля отказов — от 0 до 100 %, а не «{value}».',
  errThresholds:
    'Порог «зелёного» должен быть больше порога «жёлтого», а сейчас они «{green}» и «{yellow}».',
  errRankBy: 'Сортировка рейтинга: по баллам или по выполнению плана.',
  errMeetingsFrom: 'Проведённые встречи считаются по этапу или по выполненным задачам «Встреча».',
  errTasksScope: 'Задачи считаются все или только по сделкам выбранных воронок.',
  errTaskType: 'Неверный тип задачи.',
  errUser: 'Неверный пользователь.',
  errBottomSize: 'Число нижних мест — целое от 1 до 50, а не «{value}».',
  errBottomMin: 'Минимум сделок — целое число от 0, а не «{value}».',
  errHour: 'Час — целое число от 0 до 23, а не «{value}».',
  errLanguage: 'Язык: ru или en.',
  errBoolean: 'Нужно «да» или «нет».',
  errEmail: 'Это не адрес почты: «{value}».',
  errTopN: 'Сколько мест показывать — целое от 1 до 500, а не «{value}».',
  errChat: 'Неверный чат Telegram.',
  errTooMany: 'Слишком много записей.',
  errTooBig: 'Настройки слишком велики для хранения в таблице: уменьшите число планов.',
  errPipelines: 'Выберите хотя бы одну воронку для рейтинга.',
  errNoPipeline: 'Воронки {value} нет в аккаунте amoCRM.',
  errNoStatus: 'Статуса {value} нет в этой воронке amoCRM.',
  errNoUser: 'Пользователя {value} нет в аккаунте amoCRM.',
  errCalendarDay: 'Дата пишется как ДД.ММ.ГГГГ, например 31.12.2026, а не «{value}».',
  errCalendarDuplicate: 'День {value} уже есть в списке изменений календаря.',
  errAbsenceKind: 'Отсутствие — это отпуск или больничный.',
  errAbsenceOrder: 'Отсутствие кончается ({to}) раньше, чем начинается ({from}).',
  errAbsenceOverlap: 'Два отсутствия одного менеджера пересекаются: {a} и {b}.',
  errRampPercent: 'Процент плана — число от 0 до 100, а не «{value}».',
  errRampMonths: 'Разгон — от 1 до 12 месяцев с процентом плана на каждый.',
  errRampDuplicate: 'У одного менеджера два разгона.',
  warnCalendar:
    'Производственный календарь на {years} не подтверждён: праздники и переносы могут быть не все — проверьте рабочие дни в «Расписание и язык».',
  errLiveWindow:
    'Обновление в течение дня: час «с» должен быть раньше часа «до», а сейчас с {from} до {to}.',
  errTeams: 'Команды: не показывать, по баллам или по баллам на человека.',
} as const;

type Texts = { readonly [K in keyof typeof ru]: string };

const en: Texts = {
  menuTitle: 'Manager rating',
  menuRefresh: 'Refresh now',
  menuScheduleOn: 'Turn schedule on',
  menuScheduleOff: 'Turn schedule off',
  menuStatus: 'Last refresh status',
  menuSettings: 'Settings',
  scheduleOn: 'Schedule is on: the rating will refresh every day.',
  scheduleOff: 'Schedule is off.',
  scheduleNotEditor:
    'The schedule is not on: you cannot edit the protected rating sheets, so scheduled refreshes on your behalf could not write them. Ask the spreadsheet owner to add you under "Settings → Access".',
  statusNever: 'The rating has not been refreshed yet.',
  statusTitle: 'Recent refreshes',
  statusLine:
    '{mark} {when}: {kind}, {requests} requests, {retries} retries; {leads} deals, {tasks} tasks, {events} events',
  kindFull: 'full load',
  kindIncremental: 'changes',
  busy: 'A refresh is already running. Try again in a minute.',
  sidebarTitle: 'Manager rating',
  tgTokenShape:
    'This does not look like a bot token: it looks like 123456789:AA… (@BotFather issues it).',
  tgConnected: 'The bot {bot} is connected. Add it to the team group and press "Find chats".',
  tgDisconnected: 'The bot is disconnected.',
  tgNotConnected: 'Connect the bot first.',
  tgChatsFound: 'Chats found: {n}.',
  tgNoChats:
    'No chats yet: add {bot} to a group or write to it privately, then press "Find chats" again within a day: Telegram keeps the bot\'s news for 24 hours. If the bot was added earlier, remove it from the group and add it again.',
  tgNoChat: 'Choose a chat.',
  tgTestText:
    '✅ The rating bot is connected to the spreadsheet "{sheet}". The rating posts will arrive here.',
  tgTestSent: 'The test message was sent.',
  tgTestTextHead:
    '✅ The rating bot is connected to the spreadsheet "{sheet}". What only you see will arrive here: who stays at the bottom of the rating, and what to do when something breaks.',
  tgTestSentTo: 'The test message was sent {chats}.',
  tgTestFailedTo: 'Not sent {chat}: {reason}',
  tgTestToGroup: 'to the group "{title}"',
  tgTestToHead: 'to your private chat "{title}"',
  tgTestAnd: ' and ',
  tgChatsMore: 'Not all of the bot\'s news was read: press "Find chats" again.',
  tgWebhookDeleted: 'The webhook is deleted.',
  tgHeadNotPrivate:
    '"{title}" is a {kind}, and the bottom-watch digest is for the sales head alone. Write to the bot privately (/start), press "Find chats" and choose your private chat.',
  tgKindGroup: 'group',
  tgKindChannel: 'channel',
  tgHeadUnknown:
    'Telegram knows no such private chat with the bot. Write /start to the bot from your account, press "Find chats" and choose your chat.',
  postName: '"{kind}" ({period})',
  post_daily: "This week's rating",
  post_monday: "This month's rating",
  post_monthFinal: 'Month results',
  post_quarter: 'Quarter results',
  post_digest: "Sales head's digest",
  postUncertain:
    '⚠ The Telegram post {post} may not have been delivered: sending was interrupted. Check the chat; it is not sent again, so there is no duplicate.',
  postFailed: '⚠ Telegram refused the post {post}: {reason}',
  plansTitle: "Managers' plans",
  plansSaved: 'Plans saved.',
  saveRefused: 'Not saved: correct the marked fields.',
  settingsChanged:
    'Not saved: while you were editing, someone else saved these same settings. Close this window and open it again to see their changes, then make yours again.',
  sheetRewritten:
    'The sheet “{sheet}” was changed by hand (rows or columns inserted or deleted, cells merged or the frozen pane moved): the rating has been written on it again.',
  publishInProgress:
    '⚠ The rating sheets are being written. If this line stays, the write was interrupted and the sheets may show different days: the next refresh writes them all again.',
  settingsBusy:
    'Not saved: another process is updating the spreadsheet (a rating refresh or a save). Try again in a minute.',
  errPlanMonth: 'Plans of past months do not change: this month and the next two can be edited.',
  previewNoData: 'No data yet: refresh the rating first (menu → "Refresh now").',
  previewInvalid: 'Correct the marked fields to see the preview.',
  reasonOverdue: `${figureNameInText('en', 'overdueTasks')}: {n}`,
  reasonLost: `${figureNameInText('en', 'lost')}: {n}`,
  reasonLostShare: `${figureNameInText('en', 'lostShare')} {pct}%`,
  reasonNoTasks: `${figureNameInText('en', 'leadsWithoutTasks')}: {n}`,
  accountUnreadable: 'The amoCRM account could not be read: {reason}',
  connected: 'Connected: "{account}", {users} users, {pipelines} pipelines.',
  oauthOpen: 'Open the link and allow access.',
  oauthDone: 'amoCRM is connected. You may close this window.',
  oauthFailed: 'Could not connect: {reason}',
  disconnected: 'The amoCRM connection is removed.',
  sheetWeek: 'Week',
  sheetMonth: 'Month',
  sheetQuarter: 'Quarter',
  sheetHistory: 'History',
  sheetHall: 'Hall of fame',
  sheetExplain: 'Breakdown',
  titleWeek: 'Manager rating: last 7 days',
  titleMonth: 'Manager rating: month to date',
  titleQuarter: 'Manager rating: quarter to date',
  titlePrevMonth: 'Last month, final',
  titlePrevQuarter: 'Last quarter, final',
  period: 'Period',
  dataAsOf: 'amoCRM data as of',
  stocksMissing: 'stocks of this closed period were not kept: cells are empty',
  rankedByPointsNoPlan: 'No plans for this period: places by points, not by plan %',
  total: 'Team total',
  inactive: 'inactive',
  deleted: 'deleted',
  userPrefix: 'User',
  protectionNote: 'The rating is refreshed automatically; only the sales head may change it.',
  changeNew: 'new',
  outsideTitle:
    'Not in the rating: the user is inactive or deleted — reassign their deals and tasks',
  refreshing: 'Loading data from amoCRM…',
  computing: 'Computing the rating…',
  publishing: 'Writing the sheets…',
  refreshed: 'The rating is up to date.',
  refreshPartial:
    'Part of the data is loaded: the account is large, loading continues on schedule. The rating updates when all data is in.',
  refreshDeferred:
    'The data is loaded; the rating is written on the next scheduled run (this run would run out of time).',
  refreshFailed: 'The rating could not be refreshed',
  warnFailed: '⚠ The last refresh failed ({when}): {reason} Showing the rating as of {asOf}.',
  checkpointRestarted: 'The unfinished download was damaged ({detail}) and has started over.',
  warnStore:
    '⚠ The amoCRM data kept in the spreadsheet was damaged or deleted ({detail}): reloading everything. Showing the rating as of {asOf}.',
  warnOdd:
    '⚠ Odd amoCRM records left out: {count}{users}. The list is in the menu "{menu}" → "{status}".',
  oddUsers: '; they may touch the figures of: {names}',
  oddTitle: 'Odd amoCRM records left out ({count}):',
  oddLine: '{kind} #{id}: {field} — {why}',
  oddMore: '…and {n} more',
  oddInRun: 'odd records left out: {n}',
  oddKind_leads: 'deal',
  oddKind_tasks: 'task',
  oddKind_events: 'event',
  oddKind_users: 'user',
  oddWhole: 'the whole record',
  userUnnamed: 'User #{id}',
  warnRepublished:
    '⚠ The previous write of the sheets was interrupted: sheets may have shown different days. The rating has been written again.',
  warnSettings:
    '⚠ The settings do not fit the amoCRM account: {reason} Showing the rating as of {asOf}.',
  warnSettingsDamaged:
    '⚠ The saved settings are damaged: {reason} Open "Settings" and save them again. Showing the rating as of {asOf}.',
  warnHistory: '⚠ Sheet "{sheet}" has cells with wrong data ({detail}): those rows are left out.',
  warnFinals:
    '⚠ The kept finals of closed periods are damaged ({detail}): the finals were recounted from the data at hand and kept again.',
  warnTimeZone:
    '⚠ The amoCRM account time zone "{zone}" is unknown: periods use the spreadsheet zone ({fallback}).',
  warnNotEditor:
    '⚠ The rating could not be written: whoever ran the refresh may not edit the protected sheets. Ask the spreadsheet owner to add them under "Settings → Access".',
  never: 'never',
  storeMissing: 'the store sheet was deleted',
  storeDamaged: 'the stored data was changed or is incomplete',
  settingsDamaged: 'the saved settings cannot be read',
  errEmpty: 'The field is empty: type a number.',
  errNotNumber: '"{value}" is not a number: write it in digits, e.g. 1300 or 0.5.',
  errNotInteger: 'A whole number is needed here, not "{value}".',
  errDateMissing: 'There is no such date: "{value}".',
  errDateEmpty: 'Choose a date.',
  errGreen: 'The green threshold is from 1 to 1000 %, not "{value}".',
  errYellow: 'The yellow threshold is from 0 to 1000 %, not "{value}".',
  errBottomTooMany:
    'The number of bottom places must be below the number of rated managers ({n}), or everyone is at the bottom; now "{value}".',
  errInvalid: 'Invalid value.',
  errUnknownKey: 'Unknown field "{field}".',
  errVersion: 'Unknown settings version.',
  errDate: 'A date is written YYYY-MM-DD, not "{value}".',
  errMonth: 'A month is written YYYY-MM, not "{value}".',
  errStage: 'The stage is mapped to an invalid status.',
  errStagePipeline: 'The stage is in a pipeline that is not selected for the rating.',
  errPoints: 'Points are a number from 0 to 10,000, not "{value}".',
  errPointsVersions: 'At least one table of points is needed.',
  errPointsDuplicate: 'Two tables of points take effect on the same day.',
  errPlans: 'The plans are invalid.',
  errPlanUser: 'A plan names no manager.',
  errPlanPoints: 'A plan in points is a number from 0 to 1,000,000, not "{value}".',
  errPlanFigure: 'A figure plan is a number from 0 to 1,000,000, not "{value}".',
  errPlanDuplicate: 'A manager has two plans for one month.',
  errNorm: 'A norm is a whole number from 0 to 100,000 (or empty for no norm), not "{value}".',
  errLostShare: 'The lost share is from 0 to 100 %, not "{value}".',
  errThresholds:
    'The green threshold must be above the yellow one; now they are "{green}" and "{yellow}".',
  errRankBy: 'The rating is sorted by points or by plan completion.',
  errMeetingsFrom: 'Meetings held are counted by stage or by completed "Meeting" tasks.',
  errTasksScope: 'Tasks are counted all, or only those on deals of the selected pipelines.',
  errTaskType: 'Invalid task type.',
  errUser: 'Invalid user.',
  errBottomSize: 'The number of bottom places is a whole number from 1 to 50, not "{value}".',
  errBottomMin: 'The minimum of deals is a whole number from 0, not "{value}".',
  errHour: 'The hour is a whole number from 0 to 23, not "{value}".',
  errLanguage: 'Language: ru or en.',
  errBoolean: 'Yes or no is needed.',
  errEmail: 'This is not an e-mail address: "{value}".',
  errTopN: 'How many places to show: a whole number from 1 to 500, not "{value}".',
  errChat: 'Invalid Telegram chat.',
  errTooMany: 'Too many entries.',
  errTooBig: 'The settings are too big to keep in the spreadsheet: remove some plans.',
  errPipelines: 'Select at least one pipeline for the rating.',
  errNoPipeline: 'Pipeline {value} does not exist in the amoCRM account.',
  errNoStatus: 'Status {value} does not exist in this amoCRM pipeline.',
  errNoUser: 'User {value} does not exist in the amoCRM account.',
  errCalendarDay: 'Write the date as DD.MM.YYYY, e.g. 31.12.2026, not "{value}".',
  errCalendarDuplicate: 'The day {value} is already in the list of calendar changes.',
  errAbsenceKind: 'An absence is a vacation or a sick leave.',
  errAbsenceOrder: 'The absence ends ({to}) before it starts ({from}).',
  errAbsenceOverlap: 'Two absences of one manager overlap: {a} and {b}.',
  errRampPercent: 'The percent of the plan is a number from 0 to 100, not "{value}".',
  errRampMonths: 'A ramp has 1 to 12 months, each with a percent of the plan.',
  errRampDuplicate: 'A manager has two ramps.',
  warnCalendar:
    'The production calendar for {years} is not confirmed: holidays and transfers may be missing — check the working days in «Schedule and language».',
  errLiveWindow:
    'Refreshing during the day: the "from" hour must come before the "to" hour; now it is {from} to {to}.',
  errTeams: 'Teams: off, by points, or by points per member.',
};

export const MESSAGES: Record<Language, Texts> = { ru, en };

export type MessageKey = keyof typeof ru;

export function t(
  lang: Language,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}
