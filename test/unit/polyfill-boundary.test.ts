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

it('uses webextension-polyfill for its types only, so it is a dev dependency (review I8)', () => {
  const source = readFileSync(path.join(SRC, 'shared/browser.ts'), 'utf8');
  expect(source).not.toMatch(/^import (?!type )[^\n]*from ['"]webextension-polyfill['"]/m);
  expect(source).not.toMatch(/^export (?!type )[^\n]*from ['"]webextension-polyfill['"]/m);
  const pkg = JSON.parse(readFileSync(path.resolve(SRC, '../package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  expect(Object.keys(pkg.dependencies)).not.toContain('webextension-polyfill');
  expect(Object.keys(pkg.devDependencies)).toContain('webextension-polyfill');
});

it('keeps Colab knowledge in src/colab and src/page', () => {
  // The selector module is the only place selectors live; other folders may not name Colab elements.
  // Not element names: our own prefix, src/shared/colab-hosts.ts (the two hosts, which the message
  // contract checks senders against) and the evidence files it cites.
  const colabNames = /colab-[a-z-]+|#top-toolbar|window\.colab|colab\.global/;
  const offenders = files(SRC)
    .filter((file) => !/^(colab|page)\//.test(path.relative(SRC, file)) && !file.endsWith('.test.ts'))
    .filter((file) => colabNames.test(readFileSync(file, 'utf8').replace(/colab-launchpad|colab-hosts|colab-dom[\w-]*\.md/g, '')));
  expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
});

it('keeps code generation (the Python helpers) out of the content script and the page script', () => {
  // The content script asks the service worker for code (`cell-code`): the helpers' sources would
  // not fit its size budget. Follow the static imports from both entries and look for them.
  const reachable = new Set<string>();
  const visit = (file: string) => {
    if (reachable.has(file)) return;
    reachable.add(file);
    // Type-only imports are erased by the build.
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)(?! type )[^'"]*from ['"](\.[^'"]+)['"]/gm)) {
      const base = path.resolve(path.dirname(file), spec ?? '');
      const target = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((candidate) => {
        try {
          return statSync(candidate).isFile();
        } catch {
          return false;
        }
      });
      if (target) visit(target);
    }
  };
  visit(path.join(SRC, 'content/index.ts'));
  visit(path.join(SRC, 'page/index.ts'));
  const names = [...reachable].map((f) => path.relative(SRC, f));
  expect(names).toContain('features/toolbar.tsx'); // the walk does reach the features
  expect(names.filter((name) => /recipes\/(cell|python-helpers)\.ts$|presets\//.test(name))).toEqual([]);
});
