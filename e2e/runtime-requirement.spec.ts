/**
 * Issue 21, part 2: a preset that needs a GPU, run on a CPU notebook, offers Switch to T4 GPU or
 * Run anyway; after the user confirms Colab's warning, the steps run on the T4 runtime with no
 * other click. No step runs on the wrong accelerator before that.
 */
import type { Page } from '@playwright/test';
import { DRIVE_ID, executions, expect, expectOneToolbar, importPresets, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

const NOTEBOOK = `drive:${DRIVE_ID}`;
const STEPS = [{ recipe: 'gpu-check', params: {} }, { recipe: 'python', params: { code: "print('after the switch')" } }];

async function importPreset(page: Page, extensionId: string, runtime: object): Promise<void> {
  const file = { format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'GPU setup', notebooks: [NOTEBOOK], steps: STEPS, runtime }] };
  await importPresets(page, extensionId, file);
}

const runSetupButton = (page: Page) => toolbar(page).getByRole('button', { name: /^Run setup/ });
const panel = (page: Page) => page.getByRole('region', { name: 'Setup: GPU setup' });
const badge = (page: Page) => toolbar(page).getByRole('status', { name: /^Accelerator/ });
const warning = (page: Page) => page.locator('body > mwc-dialog.dismiss-runtime-warning[open]');

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

test('a preset needing a GPU on a CPU notebook: Switch to T4 GPU, the user confirms Colab’s warning, the steps run on T4', async ({ page, extensionId }) => {
  await importPreset(page, extensionId, { accelerator: 'GPU' });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:cpu']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: No GPU');

  await runSetupButton(page).click();
  await expect(panel(page)).toContainText('This preset needs any GPU; the runtime has: No GPU.');
  await expect(runStatus(page)).toHaveText('Setup “GPU setup” needs any GPU: switch the runtime or run anyway.');
  await expect(panel(page).getByRole('button', { name: 'Run anyway' })).toBeVisible();
  expect(await executions(page)).toEqual([]);

  await panel(page).getByRole('button', { name: 'Switch to T4 GPU' }).click();
  await expect(warning(page)).toBeVisible();
  await expect(panel(page)).toContainText('Colab is waiting for you');
  await page.waitForTimeout(1_000);
  expect(await executions(page)).toEqual([]);

  // The user's only click after Switch: Colab's own warning.
  await warning(page).locator('[dialogaction="ok"]').click();
  await expect(badge(page)).toHaveAccessibleName(/^Accelerator: T4/);
  await expect(runStatus(page)).toHaveText('Setup “GPU setup” done: 2 ran, 0 already done.', { timeout: 20_000 });
  const ran = await executions(page);
  expect(ran).toHaveLength(2);
  // The GPU check ran on the new runtime: it saw a T4.
  await expect(page.locator('.notebook-cell-list')).toContainText('Tesla T4');
});

test('Run anyway runs the steps on the runtime as it is', async ({ page, extensionId }) => {
  await importPreset(page, extensionId, { accelerator: 'GPU', model: 'A100' });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
  await runSetupButton(page).click();
  await expect(panel(page)).toContainText('This preset needs A100 GPU; the runtime has: T4.');
  await expect(panel(page).getByRole('button', { name: 'Switch to A100 GPU' })).toBeVisible();
  expect(await executions(page)).toEqual([]);
  await panel(page).getByRole('button', { name: 'Run anyway' }).click();
  await expect(runStatus(page)).toHaveText('Setup “GPU setup” done: 2 ran, 0 already done.', { timeout: 20_000 });
});

test('a met requirement runs at once', async ({ page, extensionId }) => {
  await importPreset(page, extensionId, { accelerator: 'GPU', model: 'T4' });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
  await runSetupButton(page).click();
  await expect(runStatus(page)).toHaveText('Setup “GPU setup” done: 2 ran, 0 already done.', { timeout: 20_000 });
});

test('the editor sets, changes and clears the runtime a preset needs, kept in storage', async ({ page, extensionId, serviceWorker }) => {
  await importPreset(page, extensionId, { accelerator: 'GPU' });
  await page.getByRole('list', { name: 'Presets' }).getByRole('button', { name: 'Edit “GPU setup”' }).click();
  const editor = page.locator('section.editor');
  const runtime = editor.getByRole('group', { name: 'Runtime this preset needs' });
  const select = runtime.getByLabel('Accelerator');
  await expect(select).toHaveValue('GPU');
  const stored = () => serviceWorker.evaluate(async () => ((await chrome.storage.local.get('presets')) as { presets: { presets: { runtime?: unknown }[] } }).presets.presets[0]?.runtime ?? null);

  await select.selectOption({ label: 'A100 GPU' });
  await expect.poll(stored).toEqual({ accelerator: 'GPU', model: 'A100' });
  await runtime.getByLabel('High-RAM').check();
  await expect.poll(stored).toEqual({ accelerator: 'GPU', model: 'A100', highRam: true });
  await runtime.getByLabel('High-RAM').uncheck();
  await expect.poll(stored).toEqual({ accelerator: 'GPU', model: 'A100' });
  await select.selectOption({ label: 'Any runtime (no check)' });
  await expect.poll(stored).toBeNull();
  await expect(runtime.getByLabel('High-RAM')).toBeDisabled();
});
