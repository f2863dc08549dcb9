/** Texts of the «Зал славы» sheet. */
import { FIGURE_NAMES } from './glossary';
import type { Language } from './messages';

export interface HallLabels {
  title: string;
  subtitle: string;
  head: string[];
}

const HALL_LABELS: Record<Language, HallLabels> = {
  ru: {
    title: '🏆 Зал славы',
    subtitle: 'Лучшие менеджеры каждого квартала: места по итогам квартала.',
    head: ['Квартал', 'Место', '', 'Менеджер', 'Баллы', FIGURE_NAMES.ru.won],
  },
  en: {
    title: '🏆 Hall of fame',
    subtitle: "The best managers of every quarter, by the quarter's final places.",
    head: ['Quarter', 'Place', '', 'Manager', 'Points', FIGURE_NAMES.en.won],
  },
};

export function hallLabels(lang: Language): HallLabels {
  return HALL_LABELS[lang];
}
