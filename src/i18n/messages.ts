/** Every text a user sees, in the product's two languages (Russian by default). */
export type Language = 'ru' | 'en';

export const MESSAGES = {
  ru: {
    menuTitle: 'Рейтинг менеджеров',
    menuRefresh: 'Обновить сейчас',
    menuScheduleOn: 'Включить расписание',
    menuScheduleOff: 'Выключить расписание',
    menuStatus: 'Статус последнего обновления',
    menuSettings: 'Настройки',
    scheduleOn: 'Расписание включено: рейтинг будет обновляться каждый день.',
    scheduleOff: 'Расписание выключено.',
    statusNever: 'Рейтинг ещё ни разу не обновлялся.',
    notReady: 'Эта функция появится в следующей версии.',
  },
  en: {
    menuTitle: 'Manager rating',
    menuRefresh: 'Refresh now',
    menuScheduleOn: 'Turn schedule on',
    menuScheduleOff: 'Turn schedule off',
    menuStatus: 'Last refresh status',
    menuSettings: 'Settings',
    scheduleOn: 'Schedule is on: the rating will refresh every day.',
    scheduleOff: 'Schedule is off.',
    statusNever: 'The rating has not been refreshed yet.',
    notReady: 'This feature arrives in the next version.',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type MessageKey = keyof (typeof MESSAGES)['ru'];

export function t(lang: Language, key: MessageKey): string {
  return MESSAGES[lang][key];
}
