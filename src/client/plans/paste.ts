/**
 * «Вставить»: a column copied from a spreadsheet into a month's points. Either one number per
 * line, taken in the order the managers are shown, or «name<Tab>number» lines matched by name
 * (case and surrounding spaces aside). Numbers are read as typed into a cell ('1 300,5' is
 * 1300.5); a value that does not parse is kept as text, so its cell is marked.
 */
import type { Language } from '../../i18n/messages';
import { pageText } from '../../i18n/page-texts';
import type { PlansData } from '../../app/plans-api';
import { parseNumber } from '../common/fields';
import { cellId, putCell, type Cells } from './plan-cells';

export type PasteResult = { ok: true; cells: Cells } | { ok: false; message: string };

/**
 * Blank lines are skipped; in the order mode lines past the last manager are ignored. A name
 * that matches no manager refuses the whole paste with a message, nothing changed.
 */
export function pasteColumn(
  cells: Cells,
  managers: PlansData['managers'],
  month: string,
  text: string,
  lang: Language,
): PasteResult {
  const lines = text
    .replace(/\r/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const byName = lines.some((l) => l.includes('\t'));
  const next = new Map(cells);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    let user = managers[i];
    let value = line;
    if (byName) {
      const [name = '', v = ''] = line.split('\t');
      user = managers.find((m) => m.name.trim().toLowerCase() === name.trim().toLowerCase());
      if (!user)
        return { ok: false, message: pageText(lang, 'plansPasteUnknown', { name: name.trim() }) };
      value = v;
    }
    if (!user) break;
    putCell(next, cellId(month, user.id, 'points'), parseNumber(value, true));
  }
  return { ok: true, cells: next };
}
