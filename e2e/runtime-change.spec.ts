/**
 * Issue 21, part 1: Change runtime… next to the GPU badge drives Colab's own Change runtime type
 * dialog (radios by value, Save by `dialogaction`), in English and Spanish Colab. Launchpad never
 * answers Colab's warning; greyed-out accelerators are refused by name with nothing changed.
 */
import type { Page } from '@playwright/test';
import { DRIVE_ID, expect, expectOneToolbar, openNotebook, runStatus, test, toolbar } from './fixtures';

type Replica = {
  dialogClicks: string[];
  setRuntimeDialog(options: { greyedOut?: string[]; openingMs?: number }): void;
};
const replica = <T,>(page: Page, call: (r: Replica) => T) => page.evaluate(`(${call.toString()})(window.__replica)`) as Promise<T>;

const badge = (page: Page) => toolbar(page).getByRole('status', { name: /^Accelerator/ });
const runtimeButton = (page: Page) => toolbar(page).getByRole('button', { name: 'Change runtime…' });
const runtimeMenu = (page: Page) => toolbar(page).getByRole('menu', { name: 'Accelerators Colab offers' });
/** The notebook's requested accelerator as the replica's model holds it: `GPU,T4`, `NONE,`. */
const requestedAccelerator = (page: Page) =>
  page.evaluate(() => {
    const model = (window as unknown as { colab: { global: { notebookModel: { requested_: { accelerator: string; model: string } } } } }).colab.global.notebookModel;
    return `${model.requested_.accelerator},${model.requested_.model}`;
  });
const warning = (page: Page) => page.locator('body > mwc-dialog.dismiss-runtime-warning[open]');

for (const lang of ['en', 'es']) {
  test.describe(`Colab in ${lang}`, () => {
    test('a connected CPU runtime: Change runtime… → T4 GPU saves Colab’s dialog, the warning is the user’s, then T4', async ({ page }) => {
      await openNotebook(page, `/drive/${DRIVE_ID}`, [`lang:${lang}`, 'runtime:cpu']);
      await expectOneToolbar(page);
      await expect(badge(page)).toHaveAccessibleName('Accelerator: No GPU');
      // Colab's dialog animates open: Launchpad waits for it to be ready.
      await replica(page, (r) => r.setRuntimeDialog({ openingMs: 400 }));

      await runtimeButton(page).click();
      const menu = runtimeMenu(page);
      await expect(menu).toBeVisible();
      // Colab's own labels, every radio listed, the requested one marked; Colab's dialog closed again.
      await expect(menu.getByRole('menuitem')).toHaveText(['CPURequested by this notebook', 'T4 GPU', 'L4 GPU', 'A100 GPU', 'H100 GPU', 'G4 GPU', 'v5e-1 TPU', 'v6e-1 TPU', 'v2-8 TPU']);
      await expect(page.locator('body > mwc-dialog.change-runtime-type')).toHaveCount(0);
      expect(await replica(page, (r) => r.dialogClicks)).toEqual(['change-runtime-type:cancel']);

      await menu.getByRole('menuitem', { name: 'T4 GPU' }).click();
      await expect(warning(page)).toBeVisible();
      await expect(runStatus(page)).toHaveText(/Colab is waiting for you: confirm or cancel the change to T4 GPU/);
      expect(await replica(page, (r) => r.dialogClicks)).toEqual(['change-runtime-type:cancel', 'change-runtime-type:ok']);

      // Launchpad leaves Colab's warning alone.
      await page.waitForTimeout(5_000);
      await expect(warning(page)).toBeVisible();
      expect(await replica(page, (r) => r.dialogClicks)).toEqual(['change-runtime-type:cancel', 'change-runtime-type:ok']);
      await expect(badge(page)).toHaveAccessibleName('Accelerator: No GPU');

      // The user confirms: the runtime reconnects and the badge shows what Colab assigned.
      await warning(page).locator('[dialogaction="ok"]').click();
      await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
      await expect(runStatus(page)).toHaveText(/You answered Colab's dialog/);

      // The menu now marks T4 as the notebook's request.
      await runtimeButton(page).click();
      await expect(runtimeMenu(page).getByRole('menuitem', { name: /^T4 GPU/ })).toHaveText('T4 GPURequested by this notebook');
    });

    test('a greyed-out accelerator is listed as unavailable; choosing it says so by name and changes nothing', async ({ page }) => {
      await openNotebook(page, `/drive/${DRIVE_ID}`, [`lang:${lang}`, 'runtime:cpu']);
      await expectOneToolbar(page);
      await replica(page, (r) => r.setRuntimeDialog({ greyedOut: ['GPU,H100', 'GPU,G4'] }));

      await runtimeButton(page).click();
      const h100 = runtimeMenu(page).getByRole('menuitem', { name: /^H100 GPU/ });
      await expect(h100).toHaveText('H100 GPUUnavailable (greyed out in Colab)');
      await h100.click();
      await expect(runStatus(page)).toHaveText("H100 GPU is greyed out in Colab's dialog: Colab does not offer it to you now. Nothing changed.");
      await expect(page.locator('body > mwc-dialog[open]')).toHaveCount(0);
      await expect(warning(page)).toHaveCount(0);
      expect(await requestedAccelerator(page)).toBe('NONE,');
      // Opened to read, opened to change: both closed by Cancel, never saved.
      expect(await replica(page, (r) => r.dialogClicks)).toEqual(['change-runtime-type:cancel', 'change-runtime-type:cancel']);
      await expect(badge(page)).toHaveAccessibleName('Accelerator: No GPU');
    });
  });
}

test('not connected: the change is saved for the next connection, with no warning', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:none']);
  await expectOneToolbar(page);
  await runtimeButton(page).click();
  await runtimeMenu(page).getByRole('menuitem', { name: 'L4 GPU' }).click();
  await expect(runStatus(page)).toHaveText('Colab saved L4 GPU for this notebook: it is used from the next connection.');
  await expect(warning(page)).toHaveCount(0);
  expect(await requestedAccelerator(page)).toBe('GPU,L4');
});

test('Colab’s dialog already open (the user’s): Launchpad changes nothing and says so', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:cpu']);
  await expectOneToolbar(page);
  await runtimeButton(page).click();
  await expect(runtimeMenu(page)).toBeVisible();
  await page.keyboard.press('Escape');
  // The user opens Colab's dialog from its Runtime menu.
  await page.locator('#runtime-menu-button').click();
  await page.locator('div.goog-menuitem[command="change-runtime-type"]').click();
  await expect(page.locator('body > mwc-dialog.change-runtime-type[open]')).toHaveCount(1);
  // Colab's dialog is modal to the pointer: the keyboard reaches Launchpad's menu. The pointer is
  // moved off first: left where Colab's menu item was, it could hover a menu item and make it active.
  await page.mouse.move(0, 0);
  await runtimeButton(page).focus();
  await page.keyboard.press('Enter');
  await expect(runtimeMenu(page)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(runtimeMenu(page).getByRole('menuitem', { name: 'T4 GPU' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(runStatus(page)).toHaveText("Colab's Change runtime type dialog is already open: finish it there first. Launchpad changed nothing.");
  await expect(page.locator('body > mwc-dialog.change-runtime-type[open]')).toHaveCount(1);
  expect(await requestedAccelerator(page)).toBe('NONE,');
});
