/**
 * «Вставить»: a column copied from a spreadsheet into a month's points — into the paste panel,
 * onto a month's header, or straight into a cell. Either one number per line, taken in the order
 * the managers are shown (from the cell pasted into), or «name<Tab>number» lines matched by name
 * in either order of the words («Алексеев Борис» is «Борис Алексеев»; case, «ё» and spaces
 * aside). Numbers are read as typed into a cell ('1 300,5' is 1300.5); a value that does not parse
 * is kept as text, so its cell is marked. [docs/rules.md §3.2.1]
 */
import type { Language } from '../../i18n/messages';
import { pageText } from '../../i18n/page-texts';
import type { PlansData } from '../../app/plans-api';
import { parseNumber, readNumber } from '../common/fields';
import { cellId, putCell, type Cells } from './plan-cells';

export interface PasteResult {
  cells: Cells;
  /** how many cells took a value (or were emptied by a blank one) */
  pasted: number;
  /** the names of «name<Tab>number» lines that match no manager, as pasted */
  unmatched: string[];
}

type Managers = PlansData['managers'];

/** A name as a set of words: «Алексеев  Борис» and «борис алексеев» are the same person. */
function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\u0451/g, String.fromCharCode(0x0435)) // «ё» is written «е» as often as not
    .split(/[\s,]+/)
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** The manager a pasted name means, when exactly one manager has that name. */
function managerNamed(managers: Managers, name: string): Managers[number] | undefined {
  const key = nameKey(name);
  if (!key) return undefined;
  const found = managers.filter((m) => nameKey(m.name) === key);
  return found.length === 1 ? found[0] : undefined;
}

/** Whether a clipboard's text is more than one value (a single value is typed into the cell). */
export function isColumn(text: string): boolean {
  return /[\t\n]/.test(text.replace(/\r?\n$/, ''));
}

/**
 * The cells with the pasted column applied. In the order mode a blank line is an empty cell (as
 * in the spreadsheet it came from: the managers below it stay on their lines), a trailing line
 * break is not a line, and lines past the last manager are ignored; `from` is the manager shown
 * first in the paste (the cell pasted into). In the name mode a first line that names nobody and
 * holds no number is the table's header; other names that match nobody are listed, the rest pasted.
 */
export function pasteColumn(
  cells: Cells,
  managers: Managers,
  month: string,
  text: string,
  from = 0,
): PasteResult {
  if (!text.trim()) return { cells, pasted: 0, unmatched: [] };
  const lines = text
    .replace(/\r/g, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const byName = lines.some((l) => l.includes('\t'));
  const next = new Map(cells);
  const unmatched: string[] = [];
  let pasted = 0;
  lines.forEach((line, i) => {
    if (!byName) {
      const user = managers[from + i];
      if (!user) return;
      putCell(next, cellId(month, user.id, 'points'), parseNumber(line, true));
      pasted++;
      return;
    }
    const [name = '', value = ''] = line.split('\t');
    if (!name.trim() && !value.trim()) return;
    const user = managerNamed(managers, name);
    if (!user) {
      const n = readNumber(value);
      const header = i === 0 && (n === null || Number.isNaN(n));
      if (!header) unmatched.push(name.trim());
      return;
    }
    putCell(next, cellId(month, user.id, 'points'), parseNumber(value, true));
    pasted++;
  });
  return { cells: next, pasted, unmatched };
}

/** What the person is told after a paste: how many cells took a value, and who was not found. */
export function pasteMessage(r: PasteResult, lang: Language): { ok: boolean; text: string } {
  const done = pageText(lang, 'plansPasted', { n: r.pasted });
  if (!r.unmatched.length) return { ok: true, text: done };
  const names = r.unmatched.map((name) => pageText(lang, 'plansNameQuoted', { name })).join(', ');
  return { ok: false, text: `${done} ${pageText(lang, 'plansPasteUnknown', { names })}` };
}
