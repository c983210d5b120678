/**
 * Issue 20's budgets on the built extension, measured exactly as `npm run bench` measures them
 * (scripts/bundle-sizes.mjs): every file the isolated content script loads at start ≤ 30 KB
 * gzipped, the MAIN-world page script ≤ 5 KB. In the e2e stage because that stage builds first; no
 * browser is needed.
 */
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ON_DEMAND_FILES, SIZE_BUDGET, bundleSizes, overSizeBudget } from '../scripts/bundle-sizes.mjs';
import { SHARED_PREACT_GLOBAL } from '../src/shared/on-demand';

const DIST = path.resolve(import.meta.dirname, '..', 'dist');

test('the content script and the page script fit their gzipped budgets', () => {
  if (!existsSync(path.join(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run `npm run build` first');
  const sizes = bundleSizes(DIST);
  test.info().annotations.push({ type: 'sizes', description: JSON.stringify(sizes) });
  expect(sizes.contentScriptFiles).toContain('src/content/index.js');
  expect(sizes.pageScriptFiles).toContain('src/page/index.js');
  // What loads at start is not what loads on demand.
  expect(sizes.contentScriptFiles).not.toContain(ON_DEMAND_FILES.toolbarParts);
  expect(sizes.contentScriptGzKb).toBeGreaterThan(0);
  expect(overSizeBudget(sizes)).toEqual([]);
  expect(sizes.contentScriptGzKb).toBeLessThanOrEqual(SIZE_BUDGET.contentKb);
  expect(sizes.pageScriptGzKb).toBeLessThanOrEqual(SIZE_BUDGET.pageKb);
});

test('the budget check reports a size over either budget', () => {
  expect(overSizeBudget({ contentScriptGzKb: SIZE_BUDGET.contentKb + 0.01, pageScriptGzKb: 1 })).toHaveLength(1);
  expect(overSizeBudget({ contentScriptGzKb: 1, pageScriptGzKb: SIZE_BUDGET.pageKb + 0.01 })).toHaveLength(1);
  expect(overSizeBudget({ contentScriptGzKb: SIZE_BUDGET.contentKb, pageScriptGzKb: SIZE_BUDGET.pageKb })).toEqual([]);
});

test('the on-demand parts carry no Preact of their own and the content script none of the parts', () => {
  const parts = readFileSync(path.join(DIST, ON_DEMAND_FILES.toolbarParts), 'utf8');
  const content = readFileSync(path.join(DIST, 'src/content/index.js'), 'utf8');
  // The content script shares its Preact on an isolated-world global; the parts read it (a
  // second Preact would keep its own hook state and break the toolbar's tree). Preact keeps a
  // component's hook state under `__H` in its published build.
  expect(content).toContain(SHARED_PREACT_GLOBAL);
  expect(parts).toContain(SHARED_PREACT_GLOBAL);
  expect(content).toContain('.__H');
  expect(parts).not.toContain('.__H');
  // Strings only the on-demand parts use (Run setup's storage message, Set up this project's reading step).
  for (const key of ['setupAnotherRunning', 'projectReading']) {
    expect(parts).toContain(key);
    expect(content).not.toContain(key);
  }
});
