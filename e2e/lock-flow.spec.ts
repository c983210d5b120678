/**
 * The lock's life (issue 19 part 1, issue 21 part 3), with the real IPython behind the replica: a
 * lock is recorded only after a wholly green run, with the GPU model the runtime had and the
 * runtime version the preset's pin applied; a lock made on another version than the preset pins
 * now is not applied, and the run says why.
 */
import type { Page, Worker } from '@playwright/test';
import { DRIVE_ID, HOST, confirmImport, expect, expectOneToolbar, importPresets, openNotebook, resetStorage, runStatus, test, toolbar, userCell, type RealKernel } from './fixtures';

interface StoredLock {
  key: string;
  createdAt: number;
  python: string;
  packages: string[];
  gpu?: string;
  runtimeVersion?: string;
}

async function storedLocks(sw: Worker): Promise<StoredLock[]> {
  const { presets } = await sw.evaluate(() => chrome.storage.local.get('presets'));
  return (presets as { presets: { locks?: StoredLock[] }[] } | undefined)?.presets[0]?.locks ?? [];
}

const einops = (page: Page, kernel: RealKernel) => userCell(page, kernel, "import importlib.metadata as m\nprint('EINOPS', m.version('einops'))");

async function resetVm(page: Page, kernel: { pid(): number | undefined }) {
  const pid = kernel.pid();
  await page.evaluate(() => (window as unknown as { __replica: { resetVm(): Promise<boolean> } }).__replica.resetVm());
  await expect.poll(() => kernel.pid(), { timeout: 15_000 }).not.toBe(pid);
}

const runSetup = (page: Page) => toolbar(page).getByRole('button', { name: /^(Run setup|Setup needed)/ });
const READY = '( Ready in \\d+ s · \\d+/\\d+ checks)?';

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

test.use({ realKernelOptions: { packages: [['einops', '1.0.0']] } });

test('a later step failing records no lock; the next green run on that runtime records it, with the T4 the badge read', async ({ page, extensionId, serviceWorker, realKernel }) => {
  const step2 = "import os\nif not os.path.exists('ready.flag'):\n    raise RuntimeError('the later step fails')";
  await importPresets(page, extensionId, {
    format: 'colab-launchpad/presets',
    version: 2,
    presets: [{ name: 'Flow', notebooks: [`drive:${DRIVE_ID}`], steps: [{ recipe: 'pip-install', params: { packages: ['einops'] } }, { recipe: 'python', params: { code: step2 } }], keepInstalls: false }],
  });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['kernel:ipython', 'runtime:t4']);
  await expectOneToolbar(page);
  await expect(toolbar(page).locator('button.badge')).toHaveAttribute('data-kind', 'gpu', { timeout: 15_000 });

  await runSetup(page).click();
  await expect(runStatus(page)).toContainText('Setup “Flow” stopped at step 2', { timeout: 60_000 });
  await expect(runStatus(page)).toContainText('the later step fails');
  // The pip step did install einops 1.0.0, but the run was not green: nothing is recorded.
  expect(await einops(page, realKernel)).toBe('EINOPS 1.0.0\n');
  expect(await storedLocks(serviceWorker)).toEqual([]);

  // The user fixes what failed; the next run is green. Its pip step has nothing to install (the
  // failed run installed it on this runtime), and the lock records what is there.
  await userCell(page, realKernel, "open('ready.flag', 'w').close()");
  await runSetup(page).click();
  await expect(runStatus(page)).toHaveText(new RegExp(`^Setup “Flow” done: 1 ran, 1 already done\\.${READY}$`), { timeout: 60_000 });
  await expect.poll(() => storedLocks(serviceWorker)).toHaveLength(1);
  const [lock] = await storedLocks(serviceWorker);
  expect(lock).toMatchObject({ packages: ['einops==1.0.0'], gpu: 'T4' });
  expect(lock).not.toHaveProperty('runtimeVersion');

  // The options page names the GPU model, not the accelerator build of the key.
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await page.getByRole('list', { name: 'Presets' }).getByRole('button', { name: 'Edit “Flow”' }).click();
  const date = new Date(lock?.createdAt ?? 0).toISOString().slice(0, 10);
  await expect(page.locator('fieldset.preset-locks li')).toHaveText(new RegExp(`^Locked ${date} · Python ${lock?.python} · T4 · 1 packages\\s*Update lock$`));
});

test('the lock records the runtime version the pin applied; under another pin it is not applied, the run says why and locks anew', async ({ page, extensionId, serviceWorker, realKernel }) => {
  await importPresets(page, extensionId, {
    format: 'colab-launchpad/presets',
    version: 2,
    presets: [{ name: 'Pinned', notebooks: [`drive:${DRIVE_ID}`], steps: [{ recipe: 'pip-install', params: { packages: ['einops'] } }], keepInstalls: false, runtimeVersion: '2026.04' }],
  });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['kernel:ipython']);
  await expectOneToolbar(page);
  await runSetup(page).click();
  await expect(runStatus(page)).toHaveText(new RegExp(`^Setup “Pinned” done: 1 ran, 0 already done\\.${READY}$`), { timeout: 60_000 });
  await expect.poll(() => storedLocks(serviceWorker)).toHaveLength(1);
  const [first] = await storedLocks(serviceWorker);
  expect(first).toMatchObject({ packages: ['einops==1.0.0'], runtimeVersion: '2026.04' });
  expect(first).not.toHaveProperty('gpu'); // a CPU runtime: no GPU model

  // The options page shows it, and the user pins another version.
  const options = await page.context().newPage();
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await options.getByRole('list', { name: 'Presets' }).getByRole('button', { name: 'Edit “Pinned”' }).click();
  const date = new Date(first?.createdAt ?? 0).toISOString().slice(0, 10);
  await expect(options.locator('fieldset.preset-locks li')).toContainText(`Locked ${date} · Python ${first?.python} · cpu · 1 packages · runtime version 2026.04`);
  await options.getByLabel(/^Runtime version/).fill('2026.01');
  await options.getByLabel(/^Runtime version/).blur();
  await expect.poll(async () => ((await serviceWorker.evaluate(() => chrome.storage.local.get('presets'))).presets as { presets: { runtimeVersion?: string }[] }).presets[0]?.runtimeVersion).toBe('2026.01');
  await options.close();

  // A new VM; the index has 2.0.0. The 2026.04 lock is not applied on 2026.01: the run resolves and says why.
  realKernel.publish('einops', '2.0.0');
  await resetVm(page, realKernel);
  await runSetup(page).click();
  const panel = page.getByRole('region', { name: 'Setup: Pinned' });
  await expect(panel).toContainText(`The lock of ${date} was made on runtime version 2026.04; the preset now asks for runtime version 2026.01. It is not applied: this run resolves again and locks anew.`);
  await expect(runStatus(page)).toHaveText(new RegExp(`^Setup “Pinned” done: 1 ran, 0 already done\\.${READY}$`), { timeout: 60_000 });
  expect(await einops(page, realKernel)).toBe('EINOPS 2.0.0\n');
  await expect.poll(async () => (await storedLocks(serviceWorker))[0]?.runtimeVersion).toBe('2026.01');
  expect(await storedLocks(serviceWorker)).toEqual([expect.objectContaining({ packages: ['einops==2.0.0'], runtimeVersion: '2026.01' })]);
});

/** A lock as a file or a notebook carries it: on a T4 runtime, pinned to 2026.07. */
const CARRIED_LOCK = {
  key: 'cp313-manylinux_2_35_x86_64-cu128',
  createdAt: Date.UTC(2026, 11, 7),
  python: '3.13',
  packages: ['einops==1.0.0', 'timm==1.0.0'],
  gpu: 'T4',
  runtimeVersion: '2026.07',
};
const LOCK_TEXT = 'Locked 2026-12-07 · Python 3.13 · T4 · 2 packages · runtime version 2026.07 cp313-manylinux_2_35_x86_64-cu128';

test('the import review lists each imported preset’s locks', async ({ page, extensionId, serviceWorker }) => {
  const file = { format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'Shared', notebooks: [], steps: [{ recipe: 'pip-install', params: { packages: ['einops', 'timm'] } }], keepInstalls: false, runtimeVersion: '2026.07', locks: [CARRIED_LOCK] }] };
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await page.getByLabel('Import presets').setInputFiles({ name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const review = page.getByRole('dialog');
  await expect(review.locator('ul.locks li')).toHaveText([LOCK_TEXT]);
  await confirmImport(page);
  await expect.poll(() => storedLocks(serviceWorker)).toEqual([CARRIED_LOCK]);
});

test('Review setup shows the carried locks; Save as preset keeps the carried runtime, version pin, locks and checks', async ({ page, serviceWorker }) => {
  const checks = [{ kind: 'import', module: 'einops', version: '==1.0.0' }, { kind: 'command', argv: ['python3', '-c', 'print("$HOME {x}")'] }];
  const setup = { name: 'Travelling', steps: [{ recipe: 'pip-install', params: { packages: ['einops', 'timm'] } }], runtime: { accelerator: 'GPU', model: 'T4' }, runtimeVersion: '2026.07', locks: [CARRIED_LOCK], checks };
  const cell = `# Colab Launchpad setup: Travelling\n# launchpad-setup ${JSON.stringify({ format: 'colab-launchpad/presets', version: 2, presets: [setup] })}`;
  await page.goto(`${HOST}/drive/${DRIVE_ID}?replica=cell:${Buffer.from(cell, 'utf8').toString('base64url')}`);
  const review = toolbar(page).getByRole('button', { name: 'Review setup' });
  await expect(review).toBeVisible();
  await review.click();
  const dialog = page.getByRole('dialog', { name: 'Review setup “Travelling”' });
  await expect(dialog.locator('ul.locks li')).toHaveText([LOCK_TEXT]);
  // Nothing is kept before the user's Save.
  expect(await storedLocks(serviceWorker)).toEqual([]);
  await dialog.getByRole('button', { name: 'Save as preset' }).click();
  await expect(runStatus(page)).toHaveText(/^Saved preset “Travelling”/);
  const { presets } = await serviceWorker.evaluate(() => chrome.storage.local.get('presets'));
  const saved = (presets as { presets: Record<string, unknown>[] }).presets[0];
  expect(saved).toMatchObject({ name: 'Travelling', runtime: { accelerator: 'GPU', model: 'T4' }, runtimeVersion: '2026.07', locks: [CARRIED_LOCK], checks });
});
