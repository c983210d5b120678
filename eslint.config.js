import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const POLYFILL = { name: 'webextension-polyfill', message: 'Import browser from src/shared/browser.ts: the polyfill is behind one module.' };

/**
 * The floors of src/ (docs/architecture.md#layers): a folder imports only from floors below its own.
 * Inside floor 1, colab and recipes import neither sibling and presets imports only recipes
 * (a preset is made of recipe steps). The MAIN-world page script takes only colab and shared.
 */
const FLOORS = [['shared'], ['colab', 'recipes', 'presets'], ['ui'], ['features'], ['content', 'page', 'background', 'popup', 'options']];
const SIDEWAYS = { colab: ['recipes', 'presets'], recipes: ['colab', 'presets'], presets: ['colab'], page: ['recipes', 'presets', 'ui', 'features', 'content', 'background', 'popup', 'options'] };

function layerRules() {
  return FLOORS.flatMap((floor, level) => floor.flatMap((folder) => {
    const forbidden = [...FLOORS.slice(level + 1).flat(), ...(SIDEWAYS[folder] ?? [])];
    if (forbidden.length === 0) return [];
    return [{
      files: [`src/${folder}/**`],
      rules: {
        'no-restricted-imports': ['error', {
          paths: [POLYFILL],
          patterns: [{
            regex: `^(?:\\.\\./)+(?:${forbidden.join('|')})(?:/|$)`,
            message: `src/${folder} may not import ${forbidden.map((f) => `src/${f}`).join(', ')}: imports go down the floors (docs/architecture.md#layers). Move the shared piece below both.`,
          }],
        }],
      },
    }];
  }));
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, chrome: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [POLYFILL] }],
      'no-restricted-syntax': ['error',
        { selector: "AssignmentExpression > MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'Build DOM with DOM APIs: Google pages may enforce Trusted Types.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Build DOM with DOM APIs: Google pages may enforce Trusted Types.' },
        { selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']", message: 'No eval: extension code never evaluates strings.' },
      ],
    },
  },
  ...layerRules(),
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
