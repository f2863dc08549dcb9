/**
 * The architecture's arrows hold by lint, not by goodwill (ARCHITECTURE.md): each probe is a
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
  ['src/engine/probe.ts', "import { findSheet } from '../sheets/our-sheets';", /never an adapter/],
  ['src/jobs/probe.ts', "import { buildLedger } from '../engine/ledger';", /through its index/],
  ['src/sheets/probe.ts', "import { GasRuntime } from '../../dev/gas';", /never imports dev/],
  ['src/amocrm/probe.ts', "import { readFileSync } from 'node:fs';", /never imports dev/],
  ['dev/gas/probe.ts', "import { runSync } from '../../src/amocrm/sync';", /types from src/],
  [
    'dev/amocrm/probe.ts',
    "import { WON_STATUS } from '../../src/shapes/amocrm';",
    /types from src/,
  ],
])('%s: `%s` is refused', async (file, code, message) => {
  const found = await problems(file, code);
  expect(found).toEqual([expect.stringMatching(message)]);
});

test.each([
  ['src/engine/probe.ts', "import { WON_STATUS } from '../shapes/amocrm';"],
  ['src/engine/probe.ts', "import { Calendar } from './calendar';"],
  ['src/jobs/probe.ts', "import { computeRatings } from '../engine';"],
  ['dev/amocrm/probe.ts', "import type { AmoLead } from '../../src/shapes/amocrm';"],
])('%s: `%s` is allowed', async (file, code) => {
  expect(await problems(file, code)).toEqual([]);
});
