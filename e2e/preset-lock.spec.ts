/**
 * A lock per preset (issue 19), end to end with the real IPython behind the replica: Run setup
 * records what a preset's pip step installed, replays it after a VM reset even when the index has
 * newer releases, and the options page's Update lock moves it to them (as of today); the toolbar's
 * Update lock, after Colab moved underneath, resolves as of the lock's date.
 */
import type { Page, Worker } from '@playwright/test';
import { DRIVE_ID, expect, expectOneToolbar, importPresets, openNotebook, resetStorage, runStatus, test, toolbar, userCell, type RealKernel } from './fixtures';

const REAL = ['kernel:ipython'];

interface StoredLock {
  key: string;
  createdAt: number;
  python: string;
  colabRelease?: string;
  packages: string[];
  updateRequested?: 'today' | 'as-of-lock';
}

async function storedLocks(sw: Worker): Promise<StoredLock[]> {
  const { presets } = await sw.evaluate(() => chrome.storage.local.get('presets'));
  return (presets as { presets: { locks?: StoredLock[] }[] } | undefined)?.presets[0]?.locks ?? [];
}

/** The versions pip installed in the kernel, read by a cell of the replica's own (not Launchpad's). */
const installedVersions = (page: Page, kernel: RealKernel) => userCell(page, kernel, "import importlib.metadata as m\nprint('VERSIONS', m.version('einops'), m.version('timm'))");

/** The readiness suffix, there when the run's steps installed something (their import checks). */
const READY = '( Ready in \\d+ s · \\d+/\\d+ checks)?';

async function runSetup(page: Page) {
  await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
  // A step that installed something ends with its import checks (issue 19 part 4): "Ready in N s · k/k checks".
  await expect(runStatus(page)).toHaveText(new RegExp(`^Setup “Locked” done: 1 ran, 0 already done\\.${READY}$`), { timeout: 60_000 });
}

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

test.use({ realKernelOptions: { packages: [['einops', '1.0.0'], ['timm', '1.0.0']], env: { COLAB_RELEASE_TAG: 'release-colab_20261201-060048_RC00' } } });

test('pip install einops timm: locked at 1.0.0 after the first run, 1.0.0 again after a VM reset when 2.0.0 is out, 2.0.0 after Update lock', async ({ page, extensionId, serviceWorker, realKernel }) => {
  const file = {
    format: 'colab-launchpad/presets',
    version: 2,
    presets: [{ name: 'Locked', notebooks: [`drive:${DRIVE_ID}`], steps: [{ recipe: 'pip-install', params: { packages: ['einops', 'timm'] } }], keepInstalls: false }],
  };
  await importPresets(page, extensionId, file);
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  await runSetup(page);
  await expect.poll(() => storedLocks(serviceWorker)).toHaveLength(1);
  const [lock] = await storedLocks(serviceWorker);
  expect(lock).toMatchObject({ packages: ['einops==1.0.0', 'timm==1.0.0'], colabRelease: 'release-colab_20261201-060048_RC00' });
  expect(lock?.key).toMatch(/^cp3\d+-[A-Za-z0-9._]+-(cpu|gpu)$/);
  expect(await installedVersions(page, realKernel)).toBe('VERSIONS 1.0.0 1.0.0\n');

  // The index publishes 2.0.0; a VM reset; the replay installs the lock.
  realKernel.publish('einops', '2.0.0');
  realKernel.publish('timm', '2.0.0');
  const pid = realKernel.pid();
  await page.evaluate(() => (window as unknown as { __replica: { resetVm(): Promise<boolean> } }).__replica.resetVm());
  await expect.poll(() => realKernel.pid(), { timeout: 15_000 }).not.toBe(pid);
  await runSetup(page);
  expect(await installedVersions(page, realKernel)).toBe('VERSIONS 1.0.0 1.0.0\n');
  expect((await storedLocks(serviceWorker))[0]).toEqual(lock);

  // The options page shows the lock; Update lock asks the next run to resolve again.
  const options = await page.context().newPage();
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await options.getByRole('list', { name: 'Presets' }).getByRole('button', { name: 'Edit “Locked”' }).click();
  const locks = options.locator('fieldset.preset-locks');
  const date = new Date(lock?.createdAt ?? 0).toISOString().slice(0, 10);
  await expect(locks).toContainText(`Locked ${date} · Python ${lock?.python} · ${lock?.key.split('-').at(-1)} · 2 packages`);
  await locks.getByRole('button', { name: 'Update lock' }).click();
  await expect(locks).toContainText('Update at the next run');
  await expect.poll(async () => (await storedLocks(serviceWorker))[0]?.updateRequested).toBe('today');
  await options.close();

  // The next run (the same VM: the step sees 1.0.0 installed, but the update resolves again).
  await page.evaluate(() => (window as unknown as { __replica: { resetVm(): Promise<boolean> } }).__replica.resetVm());
  await expect.poll(() => realKernel.pid(), { timeout: 15_000 }).not.toBe(pid);
  await runSetup(page);
  expect(await installedVersions(page, realKernel)).toBe('VERSIONS 2.0.0 2.0.0\n');
  await expect.poll(async () => (await storedLocks(serviceWorker))[0]?.packages).toEqual(['einops==2.0.0', 'timm==2.0.0']);
  expect((await storedLocks(serviceWorker))[0]?.updateRequested).toBeUndefined();
});

test('a replay after Colab’s release tag changed says so on the toolbar, finishes with the lock; its Update lock resolves as of the lock’s date', async ({ page, extensionId, serviceWorker, realKernel }) => {
  const file = {
    format: 'colab-launchpad/presets',
    version: 2,
    presets: [{ name: 'Locked', notebooks: [`drive:${DRIVE_ID}`], steps: [{ recipe: 'pip-install', params: { packages: ['einops', 'timm'] } }], keepInstalls: false }],
  };
  await importPresets(page, extensionId, file);
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  await runSetup(page);
  await expect.poll(async () => (await storedLocks(serviceWorker))[0]?.colabRelease).toBe('release-colab_20261201-060048_RC00');
  const [lock] = await storedLocks(serviceWorker);

  // Colab ships a new image: a new VM whose release tag differs (set in the new kernel's environment).
  // The index has a release uploaded after the lock was made.
  const after = new Date((lock?.createdAt ?? 0) + 60_000);
  realKernel.publish('einops', '2.0.0', after);
  realKernel.publish('timm', '2.0.0', after);
  const pid = realKernel.pid();
  await page.evaluate(() => (window as unknown as { __replica: { resetVm(): Promise<boolean> } }).__replica.resetVm());
  await expect.poll(() => realKernel.pid(), { timeout: 15_000 }).not.toBe(pid);
  await userCell(page, realKernel, "import os\nos.environ['COLAB_RELEASE_TAG'] = 'release-colab_20261207-060031_RC00'");

  await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
  await expect(runStatus(page)).toHaveText(
    new RegExp(
      `^Setup “Locked” done: 1 ran, 0 already done\\.${READY} Colab changed since this preset's lock \\(release release-colab_20261201-060048_RC00, now release-colab_20261207-060031_RC00\\): the locked versions were kept\\. Locked versions kept on the new release: einops 1\\.0\\.0, timm 1\\.0\\.0\\.$`,
    ),
    { timeout: 60_000 },
  );
  expect(await installedVersions(page, realKernel)).toBe('VERSIONS 1.0.0 1.0.0\n');
  // The panel offers the choice; Update lock marks the lock for the next run.
  const panel = toolbar(page).locator('.lock-drift');
  await expect(panel.getByRole('button', { name: 'Keep the lock' })).toBeVisible();
  await panel.getByRole('button', { name: 'Update lock' }).click();
  await expect(runStatus(page)).toHaveText("The next Run setup resolves the packages again, as of the lock's date first, and replaces the lock.");
  await expect.poll(async () => (await storedLocks(serviceWorker))[0]?.updateRequested).toBe('as-of-lock');

  // Run setup again in the same VM: the update resolves as of the lock's date, 1.0.0 again (2.0.0
  // came after), and a new lock that still holds both (their versions did not change).
  await runSetup(page);
  expect(await installedVersions(page, realKernel)).toBe('VERSIONS 1.0.0 1.0.0\n');
  await expect.poll(async () => (await storedLocks(serviceWorker))[0]?.updateRequested).toBeUndefined();
  const [updated] = await storedLocks(serviceWorker);
  expect(updated?.packages).toEqual(['einops==1.0.0', 'timm==1.0.0']);
  expect(updated?.createdAt).toBeGreaterThan(lock?.createdAt ?? 0);
});

test('a preset whose lock was made on another Python: the toolbar says it was not applied and names the locked packages with no wheel for this Python', async ({ page, extensionId, serviceWorker, realKernel }) => {
  // The lock (made on Python 3.9) holds einops 0.5.0, a version the index does not have (no wheel), and timm 1.0.0 (a pure wheel).
  const foreign = { key: 'cp39-manylinux_2_35_x86_64-cpu', createdAt: Date.now(), python: '3.9', packages: ['einops==0.5.0', 'timm==1.0.0'] };
  const file = {
    format: 'colab-launchpad/presets',
    version: 2,
    presets: [{ name: 'Locked', notebooks: [`drive:${DRIVE_ID}`], steps: [{ recipe: 'pip-install', params: { packages: ['einops', 'timm'] } }], keepInstalls: false, locks: [foreign] }],
  };
  await importPresets(page, extensionId, file);
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
  await expect(runStatus(page)).toHaveText(
    new RegExp(
      `^Setup “Locked” done: 1 ran, 0 already done\\.${READY} The lock was made on Python 3\\.9; this runtime has Python (?<now>3\\.\\d+), so it was not applied: .* No wheel for Python \\k<now> \\(they would build from source, or fail\\): einops\\.$`,
    ),
    { timeout: 60_000 },
  );
  // The step resolved as of that lock's date (timm 1.0.0 was on the index then).
  const said = realKernel.history.flatMap((run) => run.reply.outputs.map((output) => ('text' in output ? String(output.text) : ''))).join('');
  expect(said).toMatch(/Lock: resolved as of \d{4}-\d\d-\d\d \(upload times from http:\/\/127\.0\.0\.1:\d+\/simple\/\): einops==1\.0\.0, timm==1\.0\.0\./);
  // Nothing to choose (this run made this runtime's own lock); the other lock is kept as it was.
  await expect(toolbar(page).locator('.lock-drift').getByRole('button', { name: 'Update lock' })).toHaveCount(0);
  await expect.poll(async () => (await storedLocks(serviceWorker)).map((lock) => lock.key)).toHaveLength(2);
  expect((await storedLocks(serviceWorker)).find((lock) => lock.key === foreign.key)).toEqual(foreign);
});
