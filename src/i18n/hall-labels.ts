/** Texts of the «Зал славы» sheet. */
import type { Language } from './messages';

export function hallLabels(lang: Language): { title: string; subtitle: string; head: string[] } {
  return lang === 'ru'
    ? {
        title: '🏆 Зал славы',
        subtitle: 'Лучшие менеджеры каждого квартала: места по итогам квартала.',
        head: ['Квартал', 'Место', '', 'Менеджер', 'Баллы', 'Успешных сделок'],
      }
    : {
        title: '🏆 Hall of fame',
        subtitle: "The best managers of every quarter, by the quarter's final places.",
        head: ['Quarter', 'Place', '', 'Manager', 'Points', 'Deals won'],
      };
}
