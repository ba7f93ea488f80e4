// Lint is also the architecture's guard: each layer may import only what its runtime allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'Pure modules do no I/O: take what you need as an argument.' };
const electronOnlyInShell = {
  name: 'electron',
  message: 'Only the Electron shell (main/electron, preload/electron-preload.ts) imports electron.',
};

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'renderer/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['eslint.config.js'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // The pure core: no runtime, no I/O, nothing but itself.
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            nodeBuiltins,
            { regex: '^[^.]', message: 'The core imports nothing but other core modules.' },
            { regex: '^\\.\\./\\.\\./', message: 'The core imports nothing outside main/core.' },
          ],
        },
      ],
      // Time and randomness come in as arguments, so the core stays deterministic.
      'no-restricted-globals': ['error', 'process', 'fetch', 'setTimeout', 'setInterval', 'console', 'require'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Take the current time as an argument.' },
        { object: 'Math', property: 'random', message: 'Take randomness as an argument.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take the current time as an argument.' },
      ],
    },
  },
  {
    // The contract: types and constants over the call model, nothing else.
    files: ['preload/contract.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronOnlyInShell], patterns: [nodeBuiltins, { regex: '^(?!\\.\\./main/core/model\\.ts$)' }] },
      ],
    },
  },
  {
    // The contract's schemas: zod and the contract.
    files: ['preload/contract-schemas.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronOnlyInShell], patterns: [nodeBuiltins, { regex: '^(?!zod$|\\./contract\\.ts$)' }] },
      ],
    },
  },
  {
    // The renderer sees nothing but the contract.
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            nodeBuiltins,
            { regex: '(^|/)main/', message: 'The renderer sees main only through preload/contract.ts.' },
            { regex: '(^|/)preload/(?!contract\\.ts$)', message: 'The renderer sees only preload/contract.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts', 'preload/electron-preload.ts', 'test/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
