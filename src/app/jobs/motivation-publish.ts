/**
 * What movers, streaks, records and teams add to a publish (docs/rules.md §3.6, §3.7): the marks
 * beside names and the team table of each rating table, the month's most improved under Месяц,
 * and the records Зал славы keeps (a higher one from the data replaces the kept one; nothing
 * else touches them, so a failed refresh never loses one).
 */
import {
  nextRecord,
  streakMark,
  type RatingSet,
  type RatingSlot,
  type TeamRow,
} from '../../engine';
import type { Language } from '../../i18n/messages';
import { moverSheetLine, recordWhen } from '../../i18n/motivation-texts';
import { readRecords, type HallRecords } from '../../sheets/hall-of-fame';
import type { TableBlock } from '../../sheets/rating-layout';

/** The marks, team table and lines of one rating table. */
export function tableExtras(
  ratings: RatingSet,
  slot: RatingSlot,
  lang: Language,
): Pick<TableBlock, 'marks' | 'teams' | 'linesAfter'> {
  const m = ratings.motivation;
  if (!m) return {};
  const running = slot === 'week' || slot === 'month' || slot === 'quarter';
  const marks = new Map<number, string>();
  if (running)
    for (const s of m.streaks.values()) {
      const mark = streakMark(s);
      if (mark) marks.set(s.userId, mark);
    }
  const mover = m.movers.month;
  const linesAfter =
    slot === 'month' && mover
      ? [
          moverSheetLine(
            lang,
            mover,
            recordWhen(lang, m.movers.monthAgainst.firstDay, m.movers.monthAgainst.lastDay),
          ),
        ]
      : [];
  return { marks, teams: m.teams[slot], linesAfter };
}

/** The records to keep after this publish, and whether the hall must be written. */
export function recordsAfter(ratings: RatingSet): { records: HallRecords; changed: boolean } {
  const kept = readRecords();
  const found = ratings.motivation?.records ?? { week: null, month: null };
  const week = nextRecord(kept.week, found.week);
  const month = nextRecord(kept.month, found.month);
  return {
    records: { week: week.record, month: month.record },
    changed: week.beaten || month.beaten,
  };
}

/** The last closed quarter's best team (null when teams are not shown). */
export function bestTeamOfQuarter(ratings: RatingSet): TeamRow | null {
  return ratings.motivation?.teams.lastQuarter?.rows[0] ?? null;
}
