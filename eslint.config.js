import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, chrome: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', {
        paths: [{ name: 'webextension-polyfill', message: 'Import browser from src/shared/browser.ts: the polyfill is behind one module.' }],
      }],
      'no-restricted-syntax': ['error',
        { selector: "AssignmentExpression > MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'Build DOM with DOM APIs: Google pages may enforce Trusted Types.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Build DOM with DOM APIs: Google pages may enforce Trusted Types.' },
        { selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']", message: 'No eval: extension code never evaluates strings.' },
      ],
    },
  },
  { files: ['src/shared/browser.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    // Playwright fixtures use an empty destructuring pattern by convention.
    files: ['e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // Functions the Firefox run evaluates in extension pages use Firefox's `browser` global.
    files: ['e2e-firefox/**'],
    languageOptions: { globals: { browser: 'readonly' } },
  },
);
