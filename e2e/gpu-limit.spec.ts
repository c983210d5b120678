/**
 * Issue 21, part 4: Colab's GPU limits. When Colab cannot give a GPU ("Cannot connect to GPU
 * backend", primary "Connect without GPU"), the toolbar says what happened and Launchpad leaves
 * the dialog alone: no click is recorded for 5 s. A preset that needs a GPU does not run on the
 * CPU runtime the user then takes.
 */
import type { Page } from '@playwright/test';
import { DRIVE_ID, executions, expect, expectOneToolbar, importPresets, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

type Replica = { dialogClicks: string[]; disconnect(): void; showGpuLimit(): void; setRuntimeDialog(options: { gpuLimit?: boolean }): void };
const replica = <T,>(page: Page, call: (r: Replica) => T) => page.evaluate(`(${call.toString()})(window.__replica)`) as Promise<T>;

const badge = (page: Page) => toolbar(page).getByRole('status', { name: /^Accelerator/ });
/** The replica's GPU-limit dialog: a classless dialog (2026-12 row 14 shows no class). */
const limitDialog = (page: Page) => page.locator('body > mwc-dialog[open]:not([class])');
const SHOWN = "Colab cannot give this notebook a GPU now (usage limits) and asks whether to connect without one. That choice is yours: Launchpad does not answer Colab's dialog.";
const MAYBE = 'Colab shows a dialog while this notebook, which asks for a GPU, is not connected: it may say that no GPU is available. Launchpad leaves it to you and answers nothing.';

/** A T4 notebook that is not connected. */
async function disconnectedT4(page: Page, lang: string): Promise<void> {
  await openNotebook(page, `/drive/${DRIVE_ID}`, [`lang:${lang}`, 'runtime:t4']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
  await replica(page, (r) => r.disconnect());
  await expect(badge(page)).not.toHaveAccessibleName('Accelerator: T4');
}

/** Colab says it cannot give a GPU. */
async function showGpuLimit(page: Page): Promise<void> {
  await replica(page, (r) => r.showGpuLimit());
  await expect(limitDialog(page)).toHaveCount(1);
}

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

// English Colab: identified by Colab's evidenced words. Spanish (texts invented in the replica): by structure and moment.
for (const [lang, text] of [['en', SHOWN], ['es', MAYBE]] as const) {
  test(`Colab in ${lang}: the GPU-limit dialog is reported on the toolbar and left to the user for 5 s`, async ({ page }) => {
    await disconnectedT4(page, lang);
    await showGpuLimit(page);
    await expect(toolbar(page).getByRole('status').filter({ hasText: text })).toBeVisible();
    await page.waitForTimeout(5_000);
    await expect(limitDialog(page)).toHaveCount(1);
    expect(await replica(page, (r) => r.dialogClicks)).toEqual([]);

    // The user chooses: Colab connects a CPU runtime, the report goes away.
    await limitDialog(page).locator('[dialogaction="ok"]').click();
    await expect(badge(page)).toHaveAccessibleName('Accelerator: No GPU');
    await expect(toolbar(page).getByText(text)).toHaveCount(0);
    expect(await replica(page, (r) => r.dialogClicks)).toEqual(['gpu-limit-dialog:ok']);
  });
}

test('a connected runtime’s own dialogs are not taken for the GPU limit', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['lang:es', 'runtime:t4']);
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
  // A classless dialog while connected (Spanish: no evidenced words): not the GPU limit.
  await replica(page, (r) => r.showGpuLimit());
  await expect(limitDialog(page)).toHaveCount(1);
  await page.waitForTimeout(1_000);
  await expect(toolbar(page).getByText(MAYBE)).toHaveCount(0);
});

test('a preset needing a GPU connects first, and does not run on the CPU runtime the user takes at the GPU limit', async ({ page, extensionId }) => {
  const file = { format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'GPU setup', notebooks: [`drive:${DRIVE_ID}`], steps: [{ recipe: 'gpu-check', params: {} }], runtime: { accelerator: 'GPU' } }] };
  await importPresets(page, extensionId, file);
  await disconnectedT4(page, 'en');
  // Colab is out of GPUs: connecting shows its GPU-limit dialog instead.
  await replica(page, (r) => r.setRuntimeDialog({ gpuLimit: true }));

  await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
  const panel = page.getByRole('region', { name: 'Setup: GPU setup' });
  await expect(limitDialog(page)).toHaveCount(1);
  await expect(panel).toContainText('Colab cannot give a GPU now, so the steps have not run');
  await expect(toolbar(page).getByRole('status').filter({ hasText: SHOWN })).toBeVisible();
  await page.waitForTimeout(5_000);
  expect(await replica(page, (r) => r.dialogClicks)).toEqual([]);
  expect(await executions(page)).toEqual([]);

  // The user takes a CPU runtime: the steps still do not run; Run anyway stays theirs.
  await limitDialog(page).locator('[dialogaction="ok"]').click();
  await expect(badge(page)).toHaveAccessibleName('Accelerator: No GPU');
  await page.waitForTimeout(2_000);
  expect(await executions(page)).toEqual([]);
  await expect(panel).toContainText('This preset needs any GPU; the runtime has: No GPU.');
  await expect(panel.getByRole('button', { name: 'Run anyway' })).toBeVisible();
});

test('a preset needing a GPU on a notebook that is not connected connects first, then runs on the GPU', async ({ page, extensionId }) => {
  const file = { format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'GPU setup', notebooks: [`drive:${DRIVE_ID}`], steps: [{ recipe: 'gpu-check', params: {} }], runtime: { accelerator: 'GPU' } }] };
  await importPresets(page, extensionId, file);
  await disconnectedT4(page, 'en');
  await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
  await expect(badge(page)).toHaveAccessibleName(/^Accelerator: T4/);
  await expect(runStatus(page)).toHaveText('Setup “GPU setup” done: 1 ran, 0 already done.', { timeout: 20_000 });
  await expect(page.locator('.notebook-cell-list')).toContainText('Tesla T4');
});
