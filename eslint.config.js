import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.worker, ...globals.node } },
    rules: {
      // With noUncheckedIndexedAccess, `values[i]!` inside a bounds-checked loop is the readable idiom.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // One door: the page reaches the engine through src/api alone, which holds no TensorFlow.js.
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**', '!**/src/api'],
              message: 'The page imports the engine only through src/api (see src/api/index.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine runs in a worker and in Node: it must not reach for the UI.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', 'recharts', '**/app/**'] }],
    },
  },
);
