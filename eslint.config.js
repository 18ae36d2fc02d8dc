// Lint: typescript-eslint's recommended rules (syntactic: the type-aware set took longer than a
// minute on this machine), and no function over 80 lines. Line length is prettier's (.prettierrc.json).
// A function may pass 80 lines only as a measured hot loop, with a disable comment saying so:
//   // eslint-disable-next-line max-lines-per-function -- hot loop: one call per row (measured: npm run bench)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'fixtures/', '.ci/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        queueMicrotask: 'readonly',
        AbortController: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
      'max-len': 'off',
      // `let x; const f = () => x; x = …` (a callback that reads a value set after it is made) cannot be const
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `_` marks a deliberately unused parameter or binding
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // tests: long describe/it bodies are tables of cases, not functions to split
    files: ['test/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
);
