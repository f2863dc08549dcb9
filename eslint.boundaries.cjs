// The architecture's arrows as lint rules (ARCHITECTURE.md): the engine imports no adapter and
// reaches nothing but itself and the shared shapes; the rest of src/ enters the engine only
// through its index; src/ never imports dev/, tools/ or test/; dev/ (the local runtime and the
// emulators, the oracle) imports from src/ only types.
const outsideSrc = ['**/dev/**', '**/tools/**', '**/test/**', 'node:*'];

const boundaries = [
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: outsideSrc,
              message: 'src/ runs in Apps Script: it never imports dev/, tools/, test/ or Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/engine/**', 'src/client/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: outsideSrc,
              message: 'src/ runs in Apps Script: it never imports dev/, tools/, test/ or Node.',
            },
            {
              regex: '(^|/)engine/.+',
              message: 'Enter the engine through its index: import from "../engine".',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: outsideSrc,
              message: 'src/ runs in Apps Script: it never imports dev/, tools/, test/ or Node.',
            },
            {
              regex: '^\\.\\./(?!shapes/)',
              message:
                'The engine is pure: it imports only itself and src/shapes, never an adapter.',
            },
          ],
        },
      ],
    },
  },
  {
    // The pages run in the browser: from the server code they take only what is pure (the
    // settings schema and its checks, texts, the engine, shapes, the account address) and the
    // server functions' types.
    files: ['src/client/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: outsideSrc,
              message: 'src/ runs in Apps Script: it never imports dev/, tools/, test/ or Node.',
            },
            {
              regex:
                '^(\\.\\./)+(jobs|sheets|ui|telegram)(/|$)|^(\\.\\./)+amocrm/(?!address$|errors$)|^(\\.\\./)+main$|^(\\.\\./)+settings/(?!schema$|validate$|sections$)',
              allowTypeImports: true,
              message:
                'A page cannot call Apps Script: import server modules as types only (typeof import), code only from pure modules.',
            },
            {
              regex: '(^|/)engine/.+',
              message: 'Enter the engine through its index: import from "../engine".',
            },
          ],
        },
      ],
    },
  },
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
];

module.exports = { boundaries };
