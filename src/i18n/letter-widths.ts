/**
 * How wide the letters of the product's languages are on a phone (src/telegram/phone-line.ts):
 * the alphabets live here with the other language material.
 */
/**
 * Characters by width, px, in the phone view's 15-px type (Liberation Sans, metric twin of Arial;
 * Telegram's Roboto is a little narrower), each group rounded up to its widest member.
 */
export const LETTER_WIDTHS: ReadonlyArray<readonly [number, string]> = [
  [4.2, " \u00a0ilIjft.,:;!|'·/"],
  [5, 'r-()[]"'],
  [7, 'гзкт\u202f'],
  [8.4, '0123456789#+абвдеёийнопрсухчьэяceasnuopqbdghkvxyzJL↑↓'],
  [9, 'блцъ<>='],
  [10.2, 'ГКЗТУБЛЬАВЕЁРХЧДSPEFTXYZVKBж'],
  [11, 'ИЙНПСЭЯмыCDHNRUA&'],
  [12.5, 'ЦФюОЪшфщМGOQm'],
  [15.5, 'ЫЖШЩЮW%—…@w'],
];
