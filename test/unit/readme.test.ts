import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

// The README is a two-minute read (issue 20): everything else lives in docs/, and it links there.
const ROOT = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'));

it('stays within 10 KB', () => {
  expect(readme.byteLength).toBeLessThanOrEqual(10 * 1024);
});

it('links to every page in docs/', () => {
  const pages = readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md'));
  expect(pages.length).toBeGreaterThan(0);
  const text = readme.toString('utf8');
  expect(pages.filter((page) => !text.includes(`(docs/${page}`))).toEqual([]);
});
