import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Docs rot: every relative link and image in the repository's Markdown must reach a file, and
// every #anchor a heading of that file (GitHub's slugs).
const ROOT = path.resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', 'dist', 'artifacts', 'test-results', 'playwright-report', '.git']);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : [];
  });
}

/** The text outside fenced code blocks and code spans, where links are links. */
export function proseOf(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, heading] of withoutFences.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = (heading ?? '').toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Relative link targets (`[text](target)`, `![alt](target)`), without external or mail links. */
export function relativeLinks(markdown: string): string[] {
  return [...proseOf(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

function brokenLinks(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return relativeLinks(text).flatMap((target) => {
    const [pathPart = '', anchor] = target.split('#', 2);
    const resolved = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURI(pathPart));
    if (!existsSync(resolved)) return [`${target}: no such file`];
    if (anchor === undefined || anchor === '' || !resolved.endsWith('.md')) return [];
    return headingAnchors(readFileSync(resolved, 'utf8')).has(anchor) ? [] : [`${target}: no heading with that anchor`];
  });
}

describe('links in Markdown files', () => {
  it('finds headings, links and anchors as GitHub does', () => {
    const sample = '# Chrome and Firefox: what differs\n## A `code` head\n## A `code` head\n```\n[not](a-link.md)\n```\n[x](y.md#z) ![i](p.png) [w](https://e.org) `[c](d.md)`';
    expect([...headingAnchors(sample)]).toEqual(['chrome-and-firefox-what-differs', 'a-code-head', 'a-code-head-1']);
    expect(relativeLinks(sample)).toEqual(['y.md#z', 'p.png']);
  });

  const files = markdownFiles(ROOT);
  it('reads the README and the docs', () => {
    const names = files.map((f) => path.relative(ROOT, f));
    expect(names).toContain('README.md');
    expect(names).toContain(path.join('docs', 'guide.md'));
  });

  it.each(files.map((f) => path.relative(ROOT, f)))('%s links only to files and headings that exist', (name) => {
    expect(brokenLinks(path.join(ROOT, name))).toEqual([]);
  });
});
