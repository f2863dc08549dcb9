// The architecture's arrows as lint rules (docs/architecture.md). Floors, top to bottom:
//   src/main.ts            re-exports the doors of src/app, nothing else
//   src/app/               the application layer: pages' APIs, menu, triggers, jobs
//   adapters               src/amocrm, src/telegram, src/sheets, src/settings, src/storage —
//                          siblings: none imports another; each returns results, src/app decides
//   shared                 src/i18n, src/workbook, src/shapes and the pure engine (entered
//                          through src/engine/index.ts)
// src/client/ (the pages) takes code only from pure modules and the app's page APIs as types.
// src/ never imports dev/, tools/, test/ or Node; dev/ imports from src/ only types.
// ESLint applies the last matching block's options for a rule, so each block lists all of its
// patterns.
const outsideSrc = {
  group: ['**/dev/**', '**/tools/**', '**/test/**', 'node:*'],
  message: 'src/ runs in Apps Script: it never imports dev/, tools/, test/ or Node.',
};
const engineIndex = {
  regex: '(^|/)engine/.+',
  message: 'Enter the engine through its index: import from "../engine".',
};
const ADAPTERS = ['amocrm', 'telegram', 'sheets', 'settings', 'storage', 'bigquery'];

const restrict = (files, patterns, ignores) => ({
  files,
  ...(ignores ? { ignores } : {}),
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

const boundaries = [
  restrict(['src/**/*.{ts,tsx}'], [outsideSrc, engineIndex], ['src/engine/**']),
  restrict(
    ['src/main.ts'],
    [
      outsideSrc,
      {
        regex: '^\\./(?!app/)',
        message: 'main.ts is a list of doors: it re-exports from src/app only.',
      },
    ],
  ),
  restrict(
    ADAPTERS.map((a) => `src/${a}/**/*.ts`),
    [
      outsideSrc,
      engineIndex,
      {
        regex: `^(\\.\\./)+(${ADAPTERS.join('|')}|app|client)(/|$)|^(\\.\\./)+main$`,
        message:
          'Adapters are siblings: an adapter never imports another adapter or src/app; it returns results and src/app decides what follows.',
      },
    ],
  ),
  restrict(
    ['src/i18n/**/*.ts', 'src/workbook/**/*.ts', 'src/shapes/**/*.ts'],
    [
      outsideSrc,
      engineIndex,
      {
        regex: `^(\\.\\./)+(${ADAPTERS.join('|')}|app|client)(/|$)|^(\\.\\./)+main$`,
        message: 'A shared module sits below the adapters and src/app: it never imports them.',
      },
    ],
  ),
  restrict(
    ['src/engine/**/*.ts'],
    [
      outsideSrc,
      {
        regex: '^\\.\\./(?!shapes/)',
        message: 'The engine is pure: it imports only itself and src/shapes, never an adapter.',
      },
    ],
  ),
  // The pages run in the browser: from the server code they take only what is pure (the
  // settings schema and its checks, texts, the engine, shapes, the account address) and the
  // application's page APIs as types.
  restrict(
    ['src/client/**/*.{ts,tsx}'],
    [
      outsideSrc,
      engineIndex,
      {
        regex:
          '^(\\.\\./)+(app|sheets|telegram|storage|workbook)(/|$)|^(\\.\\./)+amocrm/(?!address$|errors$)|^(\\.\\./)+main$|^(\\.\\./)+settings/(?!schema$|validate$|sections$|field-paths$|versions$)',
        allowTypeImports: true,
        message:
          'A page cannot call Apps Script: import server modules as types only (typeof import), code only from pure modules.',
      },
    ],
  ),
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/client/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/(^|\\/)client(\\/|$)/]',
          message: 'Server code never imports the pages.',
        },
      ],
    },
  },
  {
    files: ['dev/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**', '!**/src/**/*.d'],
              allowTypeImports: true,
              message: 'dev/ is the oracle: it may import types from src/, never its code.',
            },
            {
              group: ['**/tools/**', '**/test/**'],
              message: 'dev/ never imports tools/ or test/.',
            },
          ],
        },
      ],
    },
  },
  // The ground truths tests compare the product with are a second implementation of the rules:
  // the reference recount (test/oracle) and the store's truth from the emulator's own account
  // take nothing from src/, not even types, so a bug in the product cannot reach them.
  restrict(
    [
      'test/oracle/**/*.ts',
      'test/support/dump-truth.ts',
      'test/support/cli-truth.ts',
      'test/support/oracle-week.ts',
    ],
    [
      {
        regex: '(^|/)src(/|$)',
        message:
          'A ground truth is written from PRODUCT.md and the service references, not from the product: it imports nothing from src/.',
      },
    ],
  ),
];

module.exports = { boundaries };
