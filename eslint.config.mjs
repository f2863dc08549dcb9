import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundariesModule from './eslint.boundaries.cjs';

const { boundaries } = boundariesModule;

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      'dist*.tmp-*/**',
      'out/**',
      'node_modules/**',
      'coverage/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [...tseslint.configs.recommendedTypeChecked, ...tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/array-type': ['error', { default: 'array-simple' }],
      // an empty string or false is as good as missing where these operators are used
      '@typescript-eslint/prefer-nullish-coalescing': [
        'error',
        { ignorePrimitives: { string: true, boolean: true } },
      ],
    },
  },
  ...boundaries,
  {
    // Tests inspect untyped JSON bodies field by field (expect() checks the values): the
    // any-flow rules would only force casts there. src/, dev/ and tools/ get the full set.
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
);
