/** The name a new spreadsheet gives its first sheet, in the locales the product speaks. */
export const DEFAULT_SHEET_NAME = /^(Лист|Sheet)\s?1$/;
