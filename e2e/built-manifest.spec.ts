/**
 * The manifest that ships is dist/manifest.json, which crx() and vite.config.ts rewrite after the
 * source manifest's unit test (test/unit/manifest.test.ts) ran. This checks the built one, in the
 * e2e stage because that stage builds first (security review I7): nothing of Launchpad may become
 * fetchable by web pages (a fingerprinting vector), reachable by other sites or extensions, or run
 * under a relaxed Content-Security-Policy. No browser is needed.
 */
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const DIST = path.resolve(import.meta.dirname, '..', 'dist');

function built(): Record<string, unknown> & { content_scripts?: { js?: string[] }[]; background?: { service_worker?: string; scripts?: string[] } } {
  const file = path.join(DIST, 'manifest.json');
  if (!existsSync(file)) throw new Error('dist/ is missing: run `npm run build` first');
  return JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof built>;
}

test('the built manifest exposes nothing to web pages or other extensions and keeps the default CSP', () => {
  const manifest = built();
  expect(manifest).not.toHaveProperty('web_accessible_resources');
  expect(manifest).not.toHaveProperty('externally_connectable');
  expect(manifest).not.toHaveProperty('content_security_policy');
  expect(manifest).not.toHaveProperty('sandbox');
  expect(manifest.manifest_version).toBe(3);
});

test('every script the built manifest names is in dist/', () => {
  const manifest = built();
  const files = [
    ...(manifest.content_scripts ?? []).flatMap((script) => script.js ?? []),
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
  ];
  expect(files.length).toBeGreaterThan(3);
  for (const file of files) expect(existsSync(path.join(DIST, String(file))), String(file)).toBe(true);
});
