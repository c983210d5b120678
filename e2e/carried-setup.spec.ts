/**
 * The setup travels with the notebook (issue 18 part 4): Save setup in notebook writes the
 * notebook's preset into it as a cell (nothing runs); the same .ipynb opened in a fresh browser
 * profile, where no preset covers it, offers Review setup, runs nothing by itself, and runs the
 * steps on Run. A carried setup that does not validate is shown as not runnable.
 */
import type { Page } from '@playwright/test';
import { DRIVE_ID, HOST, cells, confirmImport, executions, expect, expectOneToolbar, launchWithExtension, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

const PRESET = {
  name: 'Carried',
  notebooks: [`drive:${DRIVE_ID}`],
  steps: [
    { recipe: 'pip-install', params: { packages: ['einops==0.8.0'] } },
    { recipe: 'python', params: { code: "print('carried ok')" } },
  ],
};

/** The notebook as another person opens it: the .ipynb holds `cell` (the replica's `cell:` flag). */
const withCell = (cell: string) => `${HOST}/drive/${DRIVE_ID}?replica=cell:${Buffer.from(cell, 'utf8').toString('base64url')}`;
const reviewButton = (page: Page) => toolbar(page).getByRole('button', { name: 'Review setup' });

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

test('Save setup in notebook, then a fresh profile: Review setup is offered, nothing runs for 10 s, Run runs the steps', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await page.getByLabel('Import presets').setInputFiles({ name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'colab-launchpad/presets', version: 2, presets: [PRESET] })) });
  await confirmImport(page);
  await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toBeVisible();
  await openNotebook(page);
  await expectOneToolbar(page);
  await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
  await page.getByRole('menu', { name: 'Recipes' }).getByRole('menuitem', { name: 'Save setup in notebook' }).click();
  await expect(runStatus(page)).toHaveText('Setup “Carried” is now in the notebook\'s first cell. Save the notebook to keep it.');
  const carried = (await cells(page)).find((cell) => cell.text.startsWith('# Colab Launchpad setup: Carried'));
  expect(carried?.text).toContain('#   1. pip install: einops==0.8.0');
  expect(carried?.text).toMatch(/# {3}2\. Run Python.*\[runs code\]/);
  expect(carried?.text).not.toContain(`drive:${DRIVE_ID}`);
  expect(await executions(page)).toEqual([]);
  // Saving again rewrites the same cell.
  await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
  await page.getByRole('menu', { name: 'Recipes' }).getByRole('menuitem', { name: 'Save setup in notebook' }).click();
  await expect.poll(async () => (await cells(page)).filter((cell) => cell.text.startsWith('# Colab Launchpad setup:')).length).toBe(1);
  // This browser has its own preset: no review here.
  await expect(reviewButton(page)).toHaveCount(0);

  const fresh = await launchWithExtension();
  try {
    const other = await fresh.context.newPage();
    await other.goto(withCell(carried?.text ?? ''));
    await expect(reviewButton(other)).toBeVisible();
    await other.waitForTimeout(10_000);
    expect(await executions(other)).toEqual([]);
    await reviewButton(other).click();
    const dialog = other.getByRole('dialog', { name: 'Review setup “Carried”' });
    await expect(dialog.getByRole('listitem')).toHaveText(['pip install: einops==0.8.0', /Python.*runs code$/]);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(toolbar(other).locator('span.status')).toHaveText(/^Setup “Carried” done: 2 ran/);
    const ran = (await executions(other)).map((e) => e.code.split('\n').at(-1));
    expect(ran).toEqual([expect.stringContaining("'einops==0.8.0'"), "print('carried ok')"]);
  } finally {
    await fresh.close();
  }
});

test('a carried setup with an unknown recipe is shown as not runnable, with the reason, and offers no Run', async ({ page }) => {
  const bad = `# Colab Launchpad setup: x\n# launchpad-setup ${JSON.stringify({ format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'Bad', steps: [{ recipe: 'gpu-check' }, { recipe: 'format-disk', params: {} }] }] })}`;
  await page.goto(withCell(bad));
  await expect(reviewButton(page)).toBeVisible();
  await reviewButton(page).click();
  const dialog = page.getByRole('dialog', { name: 'Review setup' });
  await expect(dialog.getByRole('alert')).toContainText('format-disk');
  await expect(dialog).toContainText('This setup cannot run');
  await expect(dialog.getByRole('button', { name: 'Run', exact: true })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Save as preset' })).toHaveCount(0);
  expect(await executions(page)).toEqual([]);
});
