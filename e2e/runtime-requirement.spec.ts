/**
 * Issue 21, part 2: a preset that needs a GPU, run on a CPU notebook, offers Switch to T4 GPU or
 * Run anyway; after the user confirms Colab's warning, the steps run on the T4 runtime with no
 * other click. No step runs on the wrong accelerator before that. The same for High-RAM, read from
 * the runtime's RAM total, switched by the High-RAM switch in the same dialog.
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

// High-RAM (issue 21, part 2 continued): the runtime's RAM total in the connect button's tooltip decides.
interface Replica {
  dialogClicks: string[];
  setRuntimeDialog(options: { noHighRamSwitch?: boolean; greyedOut?: string[] }): void;
}
const replica = <T,>(page: Page, call: (r: Replica) => T) => page.evaluate(`(${call.toString()})(window.__replica)`) as Promise<T>;
/** The connect button's tooltip, where the RAM total is (colab-dom-2026H2 rows 13–14). */
const connectTooltip = (page: Page) => page.locator('colab-connect-button').locator('#connect');
/** What the notebook asks Colab for, High-RAM included, through the replica's page API. */
const machineShape = (page: Page) => page.evaluate(() => (window as unknown as { colab: { global: { notebook: { getNotebookModel(): { getMachineShape(): string } } } } }).colab.global.notebook.getNotebookModel().getMachineShape());

test('a preset needing High-RAM on a standard runtime (Colab in Spanish): Switch to High-RAM, the user confirms, the steps run on the High-RAM runtime', async ({ page, extensionId }) => {
  await importPreset(page, extensionId, { accelerator: 'GPU', model: 'T4', highRam: true });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4', 'lang:es']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
  await expect(connectTooltip(page)).toHaveAttribute('tooltiptext', /RAM: [\d.]+ GB\/12\.67 GB/);

  await runSetupButton(page).click();
  await expect(panel(page)).toContainText('This preset needs T4 GPU with High-RAM; the runtime has: T4 with 12.67 GB RAM.');
  await expect(panel(page).getByRole('button', { name: 'Run anyway' })).toBeVisible();
  expect(await executions(page)).toEqual([]);

  await panel(page).getByRole('button', { name: 'Switch to High-RAM' }).click();
  await expect(warning(page)).toBeVisible();
  await expect(panel(page)).toContainText('Colab is waiting for you: confirm or cancel the change to High-RAM');
  await page.waitForTimeout(1_000);
  expect(await executions(page)).toEqual([]);
  // The accelerator radio was left alone: only the switch changed, and Save was pressed once.
  expect(await replica(page, (r) => r.dialogClicks)).toEqual(['change-runtime-type:ok']);

  await warning(page).locator('[dialogaction="ok"]').click();
  await expect(runStatus(page)).toHaveText('Setup “GPU setup” done: 2 ran, 0 already done.', { timeout: 20_000 });
  expect(await machineShape(page)).toBe('hm');
  await expect(connectTooltip(page)).toHaveAttribute('tooltiptext', /RAM: [\d.]+ GB\/51\.00 GB/);
  await expect(badge(page)).toHaveAccessibleName(/^Accelerator: T4/);
});

test('one switch does both: a preset needing T4 with High-RAM on a CPU runtime', async ({ page, extensionId }) => {
  await importPreset(page, extensionId, { accelerator: 'GPU', model: 'T4', highRam: true });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:cpu']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: No GPU');
  await runSetupButton(page).click();
  await expect(panel(page)).toContainText('This preset needs T4 GPU with High-RAM; the runtime has: No GPU with 12.67 GB RAM.');
  await panel(page).getByRole('button', { name: 'Switch to T4 GPU with High-RAM' }).click();
  await expect(warning(page)).toBeVisible();
  expect(await executions(page)).toEqual([]);
  await warning(page).locator('[dialogaction="ok"]').click();
  await expect(runStatus(page)).toHaveText('Setup “GPU setup” done: 2 ran, 0 already done.', { timeout: 20_000 });
  await expect(badge(page)).toHaveAccessibleName(/^Accelerator: T4/);
  await expect(connectTooltip(page)).toHaveAttribute('tooltiptext', /\/51\.00 GB/);
  await expect(page.locator('.notebook-cell-list')).toContainText('Tesla T4');
});

test('a dialog without the High-RAM switch: Launchpad says so, changes nothing and runs nothing', async ({ page, extensionId }) => {
  await importPreset(page, extensionId, { accelerator: 'GPU', highRam: true });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
  await replica(page, (r) => r.setRuntimeDialog({ noHighRamSwitch: true }));
  await runSetupButton(page).click();
  await panel(page).getByRole('button', { name: 'Switch to High-RAM' }).click();
  await expect(panel(page)).toContainText('Launchpad could not set the High-RAM switch in Colab');
  // Colab's dialog was opened and closed with Cancel: no Save, no warning, the request unchanged.
  expect(await replica(page, (r) => r.dialogClicks)).toEqual(['change-runtime-type:cancel']);
  await expect(page.locator('body > mwc-dialog[open]')).toHaveCount(0);
  expect(await machineShape(page)).toBe('standard');
  await page.waitForTimeout(500);
  expect(await executions(page)).toEqual([]);
  await expect(panel(page).getByRole('button', { name: 'Switch to High-RAM' })).toBeEnabled();
  await panel(page).getByRole('button', { name: 'Run anyway' }).click();
  await expect(runStatus(page)).toHaveText('Setup “GPU setup” done: 2 ran, 0 already done.', { timeout: 20_000 });
});

test('a greyed-out High-RAM switch is refused by name, with the accelerator left as it was', async ({ page, extensionId }) => {
  await importPreset(page, extensionId, { accelerator: 'GPU', model: 'T4', highRam: true });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:cpu']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: No GPU');
  await replica(page, (r) => r.setRuntimeDialog({ greyedOut: ['high-ram'] }));
  await runSetupButton(page).click();
  await panel(page).getByRole('button', { name: 'Switch to T4 GPU with High-RAM' }).click();
  await expect(panel(page)).toContainText("High-RAM is greyed out in Colab's dialog: Colab does not offer it to you now. Nothing changed.");
  // The T4 radio was chosen on the way, but Cancel closed the dialog: the request is still CPU.
  expect(await replica(page, (r) => r.dialogClicks)).toEqual(['change-runtime-type:cancel']);
  await expect(warning(page)).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { colab: { global: { notebook: { getNotebookModel(): { getAccelerator(): string } } } } }).colab.global.notebook.getNotebookModel().getAccelerator())).toBe('NONE');
  await expect(badge(page)).toHaveAccessibleName('Accelerator: No GPU');
  expect(await executions(page)).toEqual([]);
});

test('no RAM total in the connect button: High-RAM cannot be checked, so the steps wait for Run anyway', async ({ page, extensionId }) => {
  await importPreset(page, extensionId, { accelerator: 'GPU', model: 'T4', highRam: true });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
  // A Colab whose tooltip shows no figures (the connection and the GPU still read from the page API).
  await connectTooltip(page).evaluate((el) => el.setAttribute('tooltiptext', 'Connected to\nPython 3 Google Compute Engine backend (GPU)'));
  await runSetupButton(page).click();
  await expect(panel(page)).toContainText("Launchpad could not check High-RAM: Colab's connect button shows no RAM total.");
  await expect(panel(page)).toContainText('the runtime has: T4.');
  // Nothing known is wrong, so there is nothing to switch: only Run anyway.
  await expect(panel(page).getByRole('button', { name: /^Switch to/ })).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(await executions(page)).toEqual([]);
  await panel(page).getByRole('button', { name: 'Run anyway' }).click();
  await expect(runStatus(page)).toHaveText('Setup “GPU setup” done: 2 ran, 0 already done.', { timeout: 20_000 });
  expect(await replica(page, (r) => r.dialogClicks)).toEqual([]);
});

test('a High-RAM runtime meets the requirement: the steps run at once', async ({ page, extensionId }) => {
  await importPreset(page, extensionId, { accelerator: 'GPU', model: 'T4', highRam: true });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4', 'high-ram']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
  await runSetupButton(page).click();
  await expect(runStatus(page)).toHaveText('Setup “GPU setup” done: 2 ran, 0 already done.', { timeout: 20_000 });
  expect(await replica(page, (r) => r.dialogClicks)).toEqual([]);
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
