/** Russian names for managers and companies, and the awkward names that must survive escaping. */
export const FIRST = [
  'Анна',
  'Борис',
  'Вера',
  'Григорий',
  'Дарья',
  'Евгений',
  'Жанна',
  'Захар',
  'Ирина',
  'Кирилл',
  'Лариса',
  'Максим',
  'Наталья',
  'Олег',
  'Полина',
  'Роман',
  'Светлана',
  'Тимур',
  'Ульяна',
  'Фёдор',
  'Юлия',
  'Ярослав',
];
export const LAST = [
  'Смирнов',
  'Иванов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
];
const FEMININE = new Set([
  'Анна',
  'Вера',
  'Дарья',
  'Жанна',
  'Ирина',
  'Лариса',
  'Наталья',
  'Полина',
  'Светлана',
  'Ульяна',
  'Юлия',
]);

export function personName(first: string, last: string): string {
  return `${first} ${FEMININE.has(first) ? `${last}а`.replace('йа', 'ая') : last}`;
}

export const COMPANY_KIND = ['ООО', 'ИП', 'АО', 'ЗАО'];
export const COMPANY_NAME = [
  'Ромашка',
  'Вектор',
  'Горизонт',
  'Северный ветер',
  'Техностар',
  'Альфа-Строй',
  'Байкал',
  'Меридиан',
  'Светлый дом',
  'Кедр',
  'Прогресс',
  'Глобус',
];
export const DEAL_KIND = ['поставка', 'монтаж', 'подписка', 'консультация', 'ремонт', 'аудит'];

/** Names that break naive code: HTML, quotes, ampersands, and spreadsheet formula starters. */
export const AWKWARD_LEAD_NAMES = [
  'Сделка <b>жирная</b>',
  'ООО "Кавычки" & Партнёры',
  '=HYPERLINK("http://example.com","клик")',
  '=IMPORTXML("http://example.com","//a")',
  '+7 900 123-45-67',
  '-скидка 10%',
  '@входящий звонок',
  'Тег <script>alert(1)</script>',
];
