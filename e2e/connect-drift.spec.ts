/**
 * On connect, before any Run setup, the toolbar says Colab moved under a preset's lock (issue 19
 * part 2): the page script checks the lock's Python and Colab release with `kernel.execute` in the
 * real IPython behind the replica; no cell is written. Without `kernel.execute` nothing is claimed.
 */
import { DRIVE_ID, cells, executions, expect, expectOneToolbar, importPresets, openNotebook, resetStorage, test, toolbar, type RealKernel } from './fixtures';
import type { Page } from '@playwright/test';

const RELEASE_NOW = 'release-colab_20261207-060031_RC00';
const RELEASE_THEN = 'release-colab_20261201-060048_RC00';
const CHECK = /^import sys,os\nassert /;

test.use({ realKernelOptions: { env: { COLAB_RELEASE_TAG: RELEASE_NOW } } });

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

/** The kernel's Python minor version, asked of the kernel itself (not through the page). */
async function kernelPython(kernel: RealKernel): Promise<string> {
  const reply = await kernel.execute("import sys\nprint('%d.%d' % sys.version_info[:2])");
  return reply.outputs.map((output) => ('text' in output ? output.text : '')).join('').trim();
}

/** A preset of this notebook whose lock was made on `python` and `release`, opened on a connected runtime. */
async function openLocked(page: Page, extensionId: string, python: string, release: string, flags: string[] = []) {
  const lock = { key: `cp${python.replace('.', '')}-manylinux_2_35_x86_64-cpu`, createdAt: Date.UTC(2026, 11, 1), python, colabRelease: release, packages: ['einops==1.0.0'] };
  await importPresets(page, extensionId, {
    format: 'colab-launchpad/presets',
    version: 2,
    presets: [{ name: 'Locked', notebooks: [`drive:${DRIVE_ID}`], steps: [{ recipe: 'pip-install', params: { packages: ['einops'] } }], keepInstalls: false, locks: [lock] }],
  });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['kernel:ipython', 'state:connected', ...flags]);
  await expectOneToolbar(page);
}

test('after connect, a lock made on another Colab release is named on the toolbar before any Run setup; no cell is written; Keep the lock hides it', async ({ page, extensionId, realKernel }) => {
  const python = await kernelPython(realKernel);
  const checked = realKernel.history.length;
  await openLocked(page, extensionId, python, RELEASE_THEN);
  const note = toolbar(page).locator('.lock-drift');
  await expect(note).toHaveText(/^Colab changed since this preset's lock: the Colab release changed\. Run setup checks which locked packages are affected\./, { timeout: 20_000 });
  await expect(note.getByRole('button', { name: 'Update lock' })).toBeVisible();
  // Two silent checks ran in the kernel (Python, then the release); no cell ran and none was written.
  expect(realKernel.history.slice(checked).map((run) => run.code)).toEqual([expect.stringMatching(CHECK), expect.stringMatching(CHECK)]);
  expect(realKernel.history.slice(checked).map((run) => run.reply.error?.ename ?? 'ok')).toEqual(['ok', 'AssertionError']);
  expect(await executions(page)).toEqual([]);
  expect((await cells(page)).filter((cell) => cell.text.includes('launchpad'))).toEqual([]);
  await note.getByRole('button', { name: 'Keep the lock' }).click();
  await expect(note).toHaveCount(0);
});

test('the note’s Update lock marks the lock to resolve again as of its date; a lock of another Python is named with nothing to update', async ({ page, extensionId, serviceWorker, realKernel }) => {
  const python = await kernelPython(realKernel);
  await openLocked(page, extensionId, python, RELEASE_THEN);
  const note = toolbar(page).locator('.lock-drift');
  await note.getByRole('button', { name: 'Update lock' }).click({ timeout: 20_000 });
  await expect(note.getByRole('status')).toHaveText("The next Run setup resolves the packages again, as of the lock's date first, and replaces the lock.");
  const updates = () => serviceWorker.evaluate(async () => {
    const { presets } = await chrome.storage.local.get('presets');
    return (presets as { presets: { locks?: { updateRequested?: string }[] }[] }).presets[0]?.locks?.map((lock) => lock.updateRequested);
  });
  await expect.poll(updates).toEqual(['as-of-lock']);

  await resetStorage(serviceWorker);
  await openLocked(page, extensionId, '3.9', RELEASE_NOW);
  await expect(note).toHaveText(/^Colab changed since this preset's lock: Python is no longer 3\.9\. Run setup/, { timeout: 20_000 });
  await expect(note.getByRole('button')).toHaveCount(0);
});

test('after connect, the same Colab release and Python: no note', async ({ page, extensionId, realKernel }) => {
  const python = await kernelPython(realKernel);
  const checked = realKernel.history.length;
  await openLocked(page, extensionId, python, RELEASE_NOW);
  // Both checks ran and passed; the toolbar says nothing of the lock.
  await expect.poll(() => realKernel.history.slice(checked).map((run) => run.reply.error?.ename ?? 'ok'), { timeout: 20_000 }).toEqual(['ok', 'ok']);
  await expect(toolbar(page).locator('.lock-drift')).toHaveCount(0);
  expect(await executions(page)).toEqual([]);
});

test('without kernel.execute nothing is claimed, and nothing fails', async ({ page, extensionId, realKernel }) => {
  const python = await kernelPython(realKernel);
  const checked = realKernel.history.length;
  await openLocked(page, extensionId, python, RELEASE_THEN, ['no-kernel-execute']);
  await expect(toolbar(page).getByRole('button', { name: /^Run setup/ })).toBeVisible();
  // The check is asked on connect and answered at once (no kernel.execute): give it that moment.
  await page.waitForTimeout(1_500);
  await expect(toolbar(page).locator('.lock-drift')).toHaveCount(0);
  expect(realKernel.history.length).toBe(checked);
});
