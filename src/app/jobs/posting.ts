/**
 * Posting what the last publish put in the outbox (docs/rules.md §4.8, §7): the Telegram adapter sends
 * and keeps its ledger; this decides what follows — a migrated group is saved in the settings, a
 * post that may not have arrived is said on the sheets' status line and in the head's private
 * chat. The caller holds the job lock.
 */
import { loadSettings } from '../../settings/settings-store';
import { changeSettings } from '../../settings/settings-write';
import { weekChartPng } from '../../sheets/chart-photo';
import { addToStatusLine } from '../../sheets/status-line';
import { readOutbox } from '../../storage/outbox';
import { addNotice } from '../../telegram/notices';
import { sendDuePosts, type PostingReport } from '../../telegram/poster';
import { noticeToHead } from '../problems';

export function postDue(deadline: number, now = Date.now()): PostingReport {
  const loaded = loadSettings();
  if (!loaded.ok) return { sent: 0, uncertain: 0, failed: 0, waiting: 0 };
  const { telegram, language } = loaded.settings;
  return sendDuePosts(
    {
      lang: language,
      hour: telegram.hour,
      groupChatId: telegram.groupChatId,
      headChatId: telegram.headChatId,
      readPosts: readOutbox,
      onChatMigrated: (from, to) => {
        // the settings door, read afresh; the job already holds the document lock
        changeSettings(
          language,
          (fresh) => {
            if (!fresh.ok) return { write: null, value: null };
            const tg = { ...fresh.settings.telegram };
            if (tg.groupChatId === from) tg.groupChatId = to;
            if (tg.headChatId === from) tg.headChatId = to;
            return { write: { ...fresh.settings, telegram: tg }, value: null };
          },
          { lockHeld: true },
        );
      },
      onNotice: (text) => {
        addNotice(text);
        addToStatusLine(text);
        noticeToHead(text); // where the head is (docs/rules.md §7.1)
      },
      chartPhoto: weekChartPng,
    },
    deadline,
    now,
  );
}
