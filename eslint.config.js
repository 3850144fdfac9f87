import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import i18next from 'eslint-plugin-i18next';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.ci/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: "Only main/index.ts and main/electron/ may import 'electron'." }] },
      ],
    },
  },
  {
    files: ['main/index.ts', 'main/electron/**/*.ts', 'preload/**/*.ts', 'tests/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // every word a person reads comes from the catalogue (renderer/src/locales): no literal text in JSX
    files: ['renderer/src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': ['error', {
        mode: 'jsx-only',
        'jsx-attributes': { include: ['^(aria-label|title|placeholder|alt|label)$'] },
        // punctuation, digits and symbols alone are not words
        words: { exclude: ['^[\\s\\d.,:;!?/()\\[\\]{}<>+*=%#@&~|_—–·×…→←↑↓✓✗●-]+$'] },
      }],
    },
  },
);
