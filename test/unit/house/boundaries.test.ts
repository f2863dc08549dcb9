/**
 * The architecture's arrows hold by lint, not by goodwill (docs/architecture.md): each probe is a
 * deliberate violation linted with the project's own boundary rules, and must be refused.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

// eslint.boundaries.cjs is plain CommonJS shared with eslint.config.mjs
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { boundaries } = require('../../../eslint.boundaries.cjs') as {
  boundaries: ESLint.ConfigData[];
};

const eslint = new ESLint({
  cwd: `${__dirname}/../../..`,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { '@typescript-eslint': tseslint.plugin },
    },
    ...(boundaries as never[]),
  ],
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

test.each([
  ['src/engine/probe.ts', "import { AmoHttp } from '../amocrm/http';", /never an adapter/],
  [
    'src/engine/probe.ts',
    "import { findSheet } from '../workbook/our-sheets';",
    /never an adapter/,
  ],
  ['src/app/probe.ts', "import { buildLedger } from '../engine/ledger';", /through its index/],
  ['src/sheets/probe.ts', "import { GasRuntime } from '../../dev/gas';", /never imports dev/],
  ['src/amocrm/probe.ts', "import { readFileSync } from 'node:fs';", /never imports dev/],
  // adapters are siblings: none imports another, nor the application layer
  ['src/amocrm/probe.ts', "import { findSheet } from '../sheets/status-line';", /siblings/],
  ['src/amocrm/probe.ts', "import { currentLanguage } from '../settings/language';", /siblings/],
  ['src/telegram/probe.ts', "import { readOutbox } from '../storage/outbox';", /siblings/],
  [
    'src/telegram/probe.ts',
    "import { loadSettings } from '../settings/settings-store';",
    /siblings/,
  ],
  [
    'src/settings/probe.ts',
    "import { saveTelegramStatus } from '../telegram/bot-store';",
    /siblings/,
  ],
  ['src/storage/probe.ts', "import type { Staging } from '../amocrm/staging';", /siblings/],
  ['src/sheets/probe.ts', "import { refresh } from '../app/jobs/refresh';", /siblings/],
  // shared modules sit below them
  ['src/i18n/probe.ts', "import { loadSettings } from '../settings/settings-store';", /below/],
  ['src/workbook/probe.ts', "import { publish } from '../app/jobs/publish';", /below/],
  // the entry file re-exports the application layer only
  [
    'src/main.ts',
    "export { refresh } from './app/jobs/refresh';\nimport { t } from './i18n/messages';",
    /doors/,
  ],
  // a page calls the server only through the page APIs' types
  ['src/client/probe.ts', "import { sidebarLoad } from '../app/sidebar-api';", /types only/],
  ['dev/gas/probe.ts', "import { runSync } from '../../src/app/jobs/sync';", /types from src/],
  [
    'dev/amocrm/probe.ts',
    "import { WON_STATUS } from '../../src/shapes/amocrm';",
    /types from src/,
  ],
  // the ground truths are a second implementation: nothing from src/, not even types
  ['test/oracle/probe.ts', "import { computeRatings } from '../../src/engine';", /imports nothing/],
  [
    'test/oracle/probe.ts',
    "import type { AmoLead } from '../../src/shapes/amocrm';",
    /imports nothing/,
  ],
  [
    'test/support/dump-truth.ts',
    "import { historyWindowStart } from '../../src/amocrm/sync-plan';",
    /imports nothing/,
  ],
  [
    'test/support/cli-truth.ts',
    "import type { StoreData } from '../../src/shapes/store-data';",
    /imports nothing/,
  ],
])('%s: `%s` is refused', async (file, code, message) => {
  const found = await problems(file, code);
  expect(found).toEqual([expect.stringMatching(message)]);
});

test.each([
  ['src/engine/probe.ts', "import { WON_STATUS } from '../shapes/amocrm';"],
  ['src/engine/probe.ts', "import { Calendar } from './calendar';"],
  ['src/app/probe.ts', "import { computeRatings } from '../engine';"],
  ['src/app/probe.ts', "import { readOutbox } from '../storage/outbox';"],
  ['src/storage/probe.ts', "import { findSheet } from '../workbook/our-sheets';"],
  ['src/sheets/probe.ts', "import { t } from '../i18n/messages';"],
  ['src/main.ts', "export { schedulerTick } from './app/triggers';"],
  ['src/client/probe.ts', "import type { SidebarData } from '../app/sidebar/load';"],
  ['dev/amocrm/probe.ts', "import type { AmoLead } from '../../src/shapes/amocrm';"],
  ['test/oracle/probe.ts', "import { period } from './calendar';"],
  ['test/support/dump-truth.ts', "import { control } from '../../dev/emulator/processes';"],
])('%s: `%s` is allowed', async (file, code) => {
  expect(await problems(file, code)).toEqual([]);
});
