/**
 * Playwright fixtures: one Chromium per worker with the built extension (dist/) loaded, Colab's two
 * hosts served by the replica (e2e/replica) and every other request aborted, so the manifest's real
 * match patterns are what gets tested. Each test gets a fresh page and fails if anything logged an
 * uncaught error or a console error (the page, the content script or the service worker).
 */
import { test as base, expect, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ShimConfig } from '../test/ipython/harness';
import { startKernelSession, type KernelSession } from '../test/ipython/kernel-session';
import { createBareRepo } from '../test/ipython/local-repos';
import { buildPureWheel, servePackageIndex, type PackageIndex } from '../test/ipython/package-index';
import { routeColab, routeReplicaKernel } from './replica/serve.mjs';

export const DIST = path.resolve(import.meta.dirname, '..', 'dist');
export const DRIVE_ID = '1Vp3AzLkkB_Z2xYqQ-9fT7uPl0wRbCdEf';
export const OTHER_DRIVE_ID = '1hN0tHeRnOtEb00kXyZ_abcdEFGH-12';
export const HOST = 'https://colab.research.google.com';
export const ALT_HOST = 'https://colab.google.com';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/**
 * Chromium with the extension, in its own profile. `reloadable` lets `reloadExtension` use the
 * CDP Extensions domain (Chromium's --enable-unsafe-extension-debugging).
 */
export async function launchWithExtension(options: { lang?: string; reloadable?: boolean; kernel?: RealKernel } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(path.join(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run `npm run build` first');
  const profile = mkdtempSync(path.join(tmpdir(), 'launchpad-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: options.lang ?? 'en-US',
    args: [
      ...CHROMIUM_ARGS, `--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`,
      ...(options.lang ? [`--lang=${options.lang}`] : []),
      ...(options.reloadable ? ['--enable-unsafe-extension-debugging'] : []),
    ],
  });
  await routeColab(context, options.kernel ? { kernel: options.kernel } : {});
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Reloads the extension as chrome://extensions' Reload button does: CDP Extensions.loadUnpacked
 * of the same folder replaces the running copy (same id, storage kept, onInstalled 'update').
 * Resolves with the new service worker. (chrome.runtime.reload() disables a command-line
 * extension in headless Chromium instead.) Needs `launchWithExtension({ reloadable: true })`.
 */
export async function reloadExtension(context: BrowserContext): Promise<Worker> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser-level CDP session for this context');
  const cdp = await browser.newBrowserCDPSession();
  const old = await serviceWorkerOf(context);
  const next = context.waitForEvent('serviceworker', { predicate: (worker) => worker !== old });
  await cdp.send('Extensions.loadUnpacked' as never, { path: DIST } as never);
  await cdp.detach();
  return next;
}

/**
 * Stops the extension's service worker as Chrome does when it idles (CDP Target.closeTarget on its
 * target, through `page`'s session) and waits until it is gone. It stays stopped until an event it
 * listens for arrives, so tests that use this run in their own browser or wake it themselves.
 */
export async function stopServiceWorker(context: BrowserContext, page: Page, extensionId: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((info) => info.type === 'service_worker' && info.url.includes(extensionId));
  expect(target, 'the extension service worker target').toBeDefined();
  await cdp.send('Target.closeTarget', { targetId: target?.targetId ?? '' });
  // Under load the worker can take a while to go (seen once at 8 s in a full run).
  await expect.poll(async () => (await cdp.send('Target.getTargets')).targetInfos.some((info) => info.targetId === target?.targetId), { timeout: 20_000 }).toBe(false);
  await cdp.detach();
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker'));
}

export interface Problems {
  readonly list: string[];
}

/** What a test asks of its real kernel (`test.use({ realKernelOptions: … })`). */
export interface RealKernelOptions {
  /** Shim behaviours over the harness's defaults (apt-get, wget, nvidia-smi … record and succeed). */
  readonly shims?: ShimConfig;
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Serve a local package index holding these pure wheels (`[name, version]`, more with
   * `publish`) and make pip real, installing into the kernel's HOME from that index only.
   */
  readonly packages?: readonly (readonly [string, string])[];
  /**
   * Local repositories that the real git clones instead of GitHub: URL (`https://github.com/o/r`)
   * → branch → file path → text; the first branch is the default one.
   */
  readonly repos?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>>;
}

/** A real IPython kernel for `?replica=kernel:ipython` pages (test/ipython/kernel-session.ts). */
export interface RealKernel extends KernelSession {
  /** The local index (with `packages`), counting its requests. */
  readonly index: PackageIndex | undefined;
  /** Puts a pure wheel on the local index, offered from the next request on, uploaded at `uploaded` (default: now). */
  publish(name: string, version: string, uploaded?: Date): void;
}

/** Starts a real kernel (and its index and repositories); `close()` ends all of it. */
export async function startRealKernel(options: RealKernelOptions = {}): Promise<RealKernel> {
  const fixtures = mkdtempSync(path.join(tmpdir(), 'clp-kernel-fixtures-'));
  const dist = path.join(fixtures, 'dist');
  mkdirSync(dist);
  for (const [name, version] of options.packages ?? []) buildPureWheel(dist, name, version);
  const index = options.packages ? await servePackageIndex(dist, 4 * 1024 * 1024) : undefined;
  const repos = Object.fromEntries(Object.entries(options.repos ?? {}).map(([url, branches], i) => [url, createBareRepo(fixtures, `repo-${i}`, branches)]));
  const session = await startKernelSession({ shims: options.shims, env: options.env, packageIndexUrl: index?.url, repos: options.repos ? repos : undefined });
  const closeSession = session.close.bind(session);
  return Object.assign(session, {
    index,
    publish: (name: string, version: string, uploaded?: Date) => {
      if (!index) throw new Error('publish needs a package index: give the kernel `packages` (an empty list will do)');
      buildPureWheel(dist, name, version, [], uploaded);
    },
    close: async () => {
      await closeSession();
      await index?.close();
      rmSync(fixtures, { recursive: true, force: true });
    },
  });
}

type WorkerFixtures = { extension: { context: BrowserContext; problems: Problems } };
type TestFixtures = {
  context: BrowserContext;
  page: Page;
  serviceWorker: Worker;
  extensionId: string;
  realKernelOptions: RealKernelOptions;
  /** A real IPython for this test, answering pages opened with the `kernel:ipython` flag. */
  realKernel: RealKernel;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  extension: [
    async ({}, use) => {
      const { context, close } = await launchWithExtension();
      const problems: Problems = { list: [] };
      context.on('weberror', (error) => problems.list.push(`uncaught: ${error.error().stack ?? error.error().message}`));
      context.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.list.push(`console.${message.type()}: ${message.text()}`);
      });
      await use({ context, problems });
      await close();
    },
    { scope: 'worker' },
  ],
  context: async ({ extension }, use) => {
    await use(extension.context);
  },
  page: async ({ extension }, use, testInfo) => {
    extension.problems.list.length = 0;
    const page = await extension.context.newPage();
    page.on('pageerror', (error) => extension.problems.list.push(`pageerror: ${error.stack ?? error.message}`));
    await use(page);
    await page.close();
    // Colab tabs a test opened besides its page go with it: the browser is shared, and a later test
    // that looks a notebook's tab up by its address must not find this test's.
    for (const other of extension.context.pages()) if (other.url().startsWith(HOST) || other.url().startsWith(ALT_HOST)) await other.close();
    if (testInfo.status === testInfo.expectedStatus) {
      expect(extension.problems.list, 'errors logged during the test').toEqual([]);
    }
  },
  serviceWorker: async ({ extension }, use) => {
    await use(await serviceWorkerOf(extension.context));
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  realKernelOptions: [{}, { option: true }],
  realKernel: async ({ extension, realKernelOptions }, use) => {
    const kernel = await startRealKernel(realKernelOptions);
    const unroute = await routeReplicaKernel(extension.context, kernel);
    await use(kernel);
    await unroute();
    await kernel.close();
  },
});

export { expect };

/** Stores presets as the options page's Import does (`file` is a presets file: format, version, presets). */
export async function importPresets(page: Page, extensionId: string, file: object): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await page.getByLabel('Import presets').setInputFiles({ name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await confirmImport(page);
  await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toBeVisible();
}

/** Opens a notebook on the replica; `flags` become the replica's `?replica=` configuration. */
export async function openNotebook(page: Page, pathname = `/drive/${DRIVE_ID}`, flags: string[] = [], host = HOST): Promise<void> {
  const query = flags.length ? `?replica=${flags.join(',')}` : '';
  await page.goto(`${host}${pathname}${query}`);
}

export function toolbar(page: Page) {
  return page.getByRole('toolbar', { name: 'Colab Launchpad' });
}

/** The toolbar's live region that reports the latest run ("Mount Drive: done"). */
export function runStatus(page: Page) {
  return toolbar(page).locator('span.status[role="status"]');
}

/** Number of Launchpad toolbar hosts in the page, and whether the one there sits right after #top-toolbar. */
export async function toolbarPlacement(page: Page): Promise<{ count: number; nextToColabToolbar: boolean }> {
  return page.evaluate(() => {
    const hosts = document.querySelectorAll('[data-launchpad-host="toolbar"]');
    const anchor = document.querySelector('colab-notebook-toolbar#top-toolbar');
    return { count: hosts.length, nextToColabToolbar: !!anchor && anchor.nextElementSibling === hosts[0] };
  });
}

/** Waits until exactly one toolbar is placed next to Colab's toolbar (and stays so for a moment). */
export async function expectOneToolbar(page: Page): Promise<void> {
  await expect(toolbar(page)).toBeVisible();
  await expect.poll(() => toolbarPlacement(page)).toEqual({ count: 1, nextToColabToolbar: true });
  await page.waitForTimeout(150);
  expect(await toolbarPlacement(page)).toEqual({ count: 1, nextToColabToolbar: true });
}

export interface ReplicaExecution { cellId: string; code: string; status: string }

export async function executions(page: Page): Promise<ReplicaExecution[]> {
  return page.evaluate(() => (window as unknown as { __replica: { executions: ReplicaExecution[] } }).__replica.executions.map(({ cellId, code, status }) => ({ cellId, code, status })));
}

type UserCell = { setText(s: string): void; runButton: HTMLElement; model: { outputs: { text?: string }[] } };

/**
 * Runs `code` in the notebook's last cell (the user's, not Launchpad's) on the real kernel and
 * returns what it printed. Waits for that code itself in the kernel's history: Launchpad's silent
 * lock checks on connect (e2e/connect-drift.spec.ts) may run there too.
 */
export async function userCell(page: Page, kernel: { history: readonly { code: string }[] }, code: string): Promise<string> {
  const before = kernel.history.length;
  await page.evaluate((text) => {
    const cell = (window as unknown as { colab: { global: { notebook: { cells: UserCell[] } } } }).colab.global.notebook.cells.at(-1);
    cell?.setText(text);
    cell?.runButton.click();
  }, code);
  await expect.poll(() => kernel.history.slice(before).some((run) => run.code === code), { timeout: 20_000 }).toBe(true);
  return page.evaluate(() => {
    const cell = (window as unknown as { colab: { global: { notebook: { cells: UserCell[] } } } }).colab.global.notebook.cells.at(-1);
    return (cell?.model.outputs ?? []).map((o) => o.text ?? '').join('');
  });
}

/** The notebook's code cells as ids and texts, in order, read from the replica's page API. */
export async function cells(page: Page): Promise<{ id: string; text: string; focused: boolean }[]> {
  return page.evaluate(() => {
    type Cell = { getId(): string; getText(): string };
    const nb = (window as unknown as { colab?: { global: { notebook: { cells: Cell[]; focusedCell?: Cell } } } }).colab?.global.notebook;
    if (nb) return nb.cells.map((c) => ({ id: c.getId(), text: c.getText(), focused: nb.focusedCell === c }));
    return [...document.querySelectorAll('div.notebook-cell-list > .cell')].map((el) => ({
      id: el.id.replace(/^cell-/, ''),
      text: [...el.querySelectorAll('.view-line')].map((l) => l.textContent).join('\n'),
      focused: el.classList.contains('focused'),
    }));
  });
}

/**
 * Empties chrome.storage.local and chrome.storage.sync together. Presets sync between the two
 * areas, so clearing one alone brings them back from the other; this clears both while holding
 * the sync lock (src/shared/storage-keys.ts LOCKS.presetSync), so no sync run sees one cleared
 * without the other.
 */
export async function resetStorage(serviceWorker: Worker): Promise<void> {
  await serviceWorker.evaluate((lock) =>
    navigator.locks.request(lock, () => Promise.all([chrome.storage.local.clear(), chrome.storage.sync.clear()])),
    'colab-launchpad:preset-sync',
  );
}

/**
 * Chooses Import in the options page's import review (issue 17: a file chosen in Import presets
 * is written only after that). In any UI language: the button is found by its data-action.
 */
export async function confirmImport(page: Page): Promise<void> {
  await page.getByRole('dialog').locator('button[data-action="import"]').click();
}

/** Types `code` into a new cell at the end of the notebook and runs it, as the user would. */
export async function runOwnCell(page: Page, code: string): Promise<void> {
  await page.evaluate((text) => {
    type Cell = { setText(s: string): void; runButton: { click(): void } };
    const nb = (window as unknown as { colab: { global: { notebook: { cells: Cell[]; focusedCell: Cell; insertCell(t: string, o: object): void } } } }).colab.global.notebook;
    nb.insertCell('code', { after: true, index: nb.cells.length - 1 });
    nb.focusedCell.setText(text);
    nb.focusedCell.runButton.click();
  }, code);
  await expect.poll(async () => (await executions(page)).filter((e) => e.code === code).map((e) => e.status), { timeout: 60_000 }).toEqual(['ok']);
}

/** The code a Launchpad form cell runs, without its `# @title …` and marker lines (which it must have). */
export function cellBody(code: string): string {
  const [title, marker, ...body] = code.split('\n');
  if (!title?.startsWith('# @title ') || !marker?.startsWith('# launchpad-cell ')) throw new Error(`not a Launchpad form cell: ${code.slice(0, 80)}`);
  return body.join('\n');
}
