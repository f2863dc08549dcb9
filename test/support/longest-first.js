/**
 * Runs the longest test files first. Jest orders by the durations it cached on this machine,
 * and without them (a fresh clone: CI) by file size, which started the kill matrices last and
 * left one worker running them alone at the end. These are the longest files as measured
 * (`npx jest --ci --json`, per-file end − start), longest first; every other file follows in
 * jest's own order.
 */
const Sequencer = require('@jest/test-sequencer').default;

const LONGEST = [
  'test/runtime/kill-matrix-refresh-2.test.ts',
  'test/runtime/kill-matrix-refresh-1.test.ts',
  'test/runtime/bigquery-store.test.ts',
  'test/runtime/bigquery-failure.test.ts',
  'test/runtime/first-sync-moving-account.test.ts',
  'test/unit/bigquery/sql-facts.test.ts',
  'test/runtime/posting-calendar.test.ts',
  'test/runtime/sidebar.browser.test.ts',
  'test/runtime/kill-matrix.test.ts',
  'test/runtime/telegram-posts-kill.test.ts',
  'test/runtime/malformed-catalogue.test.ts',
  'test/runtime/live-refresh.test.ts',
  'test/runtime/telegram-setup.test.ts',
  'test/runtime/sync-bigquery-resume.test.ts',
  'test/runtime/rating-sheets.test.ts',
  'test/runtime/telegram-posts.test.ts',
  'test/runtime/fault-positions.test.ts',
  'test/runtime/journey-setup.browser.test.ts',
  'test/runtime/journey-inputs.browser.test.ts',
  'test/runtime/sync.test.ts',
];

class LongestFirst extends Sequencer {
  sort(tests) {
    const rank = (t) => {
      const path = t.path.split('\\').join('/');
      const i = LONGEST.findIndex((name) => path.endsWith(`/${name}`));
      return i < 0 ? LONGEST.length : i;
    };
    // Array.prototype.sort is stable: the rest keep jest's order
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongestFirst;
