import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });

it('imports webextension-polyfill from exactly one module', () => {
  const importers = files(SRC).filter((file) => /from ['"]webextension-polyfill['"]/.test(readFileSync(file, 'utf8')));
  expect(importers.map((f) => path.relative(SRC, f))).toEqual(['shared/browser.ts']);
});

it('keeps Colab knowledge in src/colab and src/page', () => {
  // The selector module is the only place selectors live; other folders may not name Colab elements.
  const colabNames = /colab-[a-z-]+|#top-toolbar|window\.colab|colab\.global/;
  const offenders = files(SRC)
    .filter((file) => !/^(colab|page)\//.test(path.relative(SRC, file)) && !file.endsWith('.test.ts'))
    .filter((file) => colabNames.test(readFileSync(file, 'utf8').replace(/colab-launchpad/g, '')));
  expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
});
