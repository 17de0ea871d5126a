// Lint rules that keep the architecture visible: the client and the server
// never import each other; the shared contract and domain import neither.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const forbid = (groups, message) => ['error', { patterns: [{ group: groups, message }] }];

export default tseslint.config(
  { ignores: ['**/dist', 'node_modules', 'coverage', 'data', 'tests/e2e/.build'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': forbid(['**/server/**', 'hono', 'hono/*', 'kysely', 'better-sqlite3', 'pg'], 'Client code must not import server code.'),
    },
  },
  {
    files: ['src/mocks/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(['**/server/**', '**/client/**'], 'The mock adapts the shared domain only.'),
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(['**/client/**', '**/mocks/**', 'msw', 'msw/*', 'react', 'react-dom', 'react-dom/*'], 'Server code must not import client code (SSR loads the built bundle at run time).'),
    },
  },
  {
    files: ['src/contract/**/*.ts', 'src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/client/**', '**/server/**', '**/mocks/**', 'msw', 'msw/*', 'react', 'hono', 'hono/*', 'kysely', 'better-sqlite3', 'pg'],
        'The contract and the domain know nothing of HTTP frameworks, storage engines or the UI.',
      ),
    },
  },
);
