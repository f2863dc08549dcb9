// The architecture's arrows as lint rules (ARCHITECTURE.md): the engine imports no adapter and
// reaches nothing but itself and the shared shapes; the rest of src/ enters the engine only
// through its index; src/ never imports dev/, tools/ or test/; dev/ (the local runtime and the
// emulators, the oracle) imports from src/ only types.
const outsideSrc = ['**/dev/**', '**/tools/**', '**/test/**', 'node:*'];

const boundaries = [
  {
    files: ['src/**/*.ts'],
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
    files: ['src/**/*.ts'],
    ignores: ['src/engine/**'],
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
