// Shared by `npm start` and `npm run bench`: Debian's Chromium with the built extension loaded.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const DIST = path.join(ROOT, 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags that keep Chromium quiet on a machine without a network (see README). */
export const QUIET_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Launches Chromium with a throw-away profile; `extension: true` loads dist/.
 * @param {{ extension: boolean, headless: boolean, args?: string[], viewport?: {width: number, height: number} | null }} options
 */
export async function launch({ extension, headless, args = [], viewport = { width: 1280, height: 800 } }) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  if (extension && !existsSync(path.join(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run `npm run build` first.');
  const profile = mkdtempSync(path.join(tmpdir(), 'launchpad-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    viewport,
    args: [...QUIET_ARGS, ...(extension ? [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`] : []), ...args],
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}
