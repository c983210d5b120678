/**
 * Issue 13, "Make it yours": the options page's Toolbar buttons, presets shown on the toolbar of
 * every notebook, and buttons that move into More recipes when the toolbar is too narrow.
 */
import type { Page } from '@playwright/test';
import { TOOLBAR_ENTRIES } from '../src/recipes';
import { DRIVE_ID, OTHER_DRIVE_ID, cellBody, confirmImport, executions, expect, expectOneToolbar, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

const LONG_NAME = 'Thesis experiments with a rather long preset name that cannot fit on one button';

async function openOptions(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await expect(page.getByRole('heading', { name: 'Toolbar buttons' })).toBeVisible();
}

const toolbarSwitch = (page: Page, name: string) => page.getByRole('group', { name: 'Toolbar buttons' }).getByRole('switch', { name, exact: true });
const moreRecipes = (page: Page) => toolbar(page).getByRole('button', { name: 'More recipes' });
const recipeMenu = (page: Page) => page.getByRole('menu', { name: 'Recipes' });

async function menuItems(page: Page): Promise<string[]> {
  await moreRecipes(page).click();
  await expect(recipeMenu(page)).toBeVisible();
  const names = await recipeMenu(page).getByRole('menuitem').locator(':scope > span:first-child').allTextContents();
  await page.keyboard.press('Escape');
  await expect(recipeMenu(page)).toBeHidden();
  return names;
}

/** Imports one preset bound to the default notebook (the options page's own import). */
async function importPreset(page: Page, extensionId: string, name: string): Promise<void> {
  await openOptions(page, extensionId);
  const file = { format: 'colab-launchpad/presets', version: 1, presets: [{ name, notebooks: [`drive:${DRIVE_ID}`], steps: [
    { recipe: 'python', params: { code: "print('first')" } },
    { recipe: 'python', params: { code: "print('second')" } },
  ] }] };
  await page.getByLabel('Import presets').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await confirmImport(page);
  await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toBeVisible();
}

/** Every visible toolbar button lies inside the bar, on one row, and none overlaps another. */
async function buttonsFit(page: Page): Promise<{ inside: boolean; oneRow: boolean; overlaps: boolean; count: number }> {
  return toolbar(page).evaluate((bar) => {
    const box = bar.getBoundingClientRect();
    const buttons = [...bar.querySelectorAll('button.badge, button.recipe')].filter((b) => !b.closest('.folded')).map((b) => b.getBoundingClientRect());
    const inside = buttons.every((r) => r.left >= box.left && r.right <= box.right + 0.5 && r.width > 0);
    const oneRow = new Set(buttons.map((r) => Math.round(r.top + r.height / 2))).size <= 1;
    const sorted = [...buttons].sort((a, b) => a.left - b.left);
    const overlaps = sorted.some((r, i) => i > 0 && r.left < (sorted[i - 1] as DOMRect).right - 0.5);
    return { inside, oneRow, overlaps, count: buttons.length };
  });
}

test.describe('Make it yours', () => {
  test.beforeEach(async ({ serviceWorker }) => {
    await resetStorage(serviceWorker);
  });

  test('checking System info under Toolbar buttons makes it a direct toolbar button', async ({ page, context, extensionId, serviceWorker }) => {
    await openOptions(page, extensionId);
    // Today's set by default.
    for (const name of ['Mount Drive', 'GPU check', 'Install PyTorch']) await expect(toolbarSwitch(page, name)).toBeChecked();
    await expect(toolbarSwitch(page, 'System info')).not.toBeChecked();
    await expect(page.getByRole('group', { name: 'Toolbar buttons' }).getByRole('switch')).toHaveCount(TOOLBAR_ENTRIES.length);

    const colab = await context.newPage();
    await openNotebook(colab);
    await expectOneToolbar(colab);
    await expect(toolbar(colab).getByRole('button', { name: 'System info' })).toHaveCount(0);
    expect(await menuItems(colab)).toContain('System info');

    // Keyboard: Space toggles the focused switch.
    await toolbarSwitch(page, 'System info').focus();
    await page.keyboard.press('Space');
    await expect(toolbarSwitch(page, 'System info')).toBeChecked();
    await toolbarSwitch(page, 'Mount Drive').click();
    await expect(toolbarSwitch(page, 'Mount Drive')).not.toBeChecked();
    await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.storage.sync.get('toolbarButtons')).toolbarButtons))
      .toEqual({ version: 1, direct: ['gpu-check', 'install-pytorch', 'system-info'] });

    // The open notebook follows at once; System info is a direct button and runs.
    const systemInfo = toolbar(colab).getByRole('button', { name: 'System info' });
    await expect(systemInfo).toBeVisible();
    await expect(toolbar(colab).getByRole('button', { name: 'Mount Drive' })).toHaveCount(0);
    const items = await menuItems(colab);
    expect(items).toContain('Mount Drive');
    expect(items).not.toContain('System info');
    await systemInfo.click();
    await expect(runStatus(colab)).toHaveText('System info: done');

    // An entry that asks for values is a direct button too ("…": it opens its dialog).
    await toolbarSwitch(page, 'Clone repo').click();
    await toolbar(colab).getByRole('button', { name: 'Clone repo…' }).click();
    const dialog = colab.getByRole('dialog', { name: 'Clone repo' });
    await expect(dialog).toBeVisible();
    await colab.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await colab.close();
  });

  test('unreadable stored toolbar buttons are reported, the defaults apply, and nothing is overwritten until reset', async ({ page, extensionId, serviceWorker }) => {
    await serviceWorker.evaluate(() => chrome.storage.sync.set({ toolbarButtons: { version: 9, direct: ['x'] } }));
    await openOptions(page, extensionId);
    await expect(page.getByRole('alert')).toContainText('version 9, newer than this extension understands');
    await expect(toolbarSwitch(page, 'Mount Drive')).toBeChecked();
    await expect(toolbarSwitch(page, 'Mount Drive')).toBeDisabled();
    expect(await serviceWorker.evaluate(async () => (await chrome.storage.sync.get('toolbarButtons')).toolbarButtons)).toEqual({ version: 9, direct: ['x'] });
    await page.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(toolbarSwitch(page, 'Mount Drive')).toBeEnabled();
  });

  test('a preset with Show on the toolbar appears as a button on an unrelated notebook and runs there', async ({ page, context, extensionId, serviceWorker }) => {
    await importPreset(page, extensionId, LONG_NAME);
    await page.getByRole('button', { name: `Edit “${LONG_NAME}”` }).click();
    const shown = page.locator('section.editor').getByRole('switch', { name: 'Show on the toolbar' });
    await expect(shown).not.toBeChecked();
    await shown.focus();
    await page.keyboard.press('Space');
    await expect(shown).toBeChecked();
    await expect.poll(() => serviceWorker.evaluate(async () => ((await chrome.storage.local.get('presets')) as { presets: { presets: { showOnToolbar?: boolean }[] } }).presets.presets[0]?.showOnToolbar)).toBe(true);

    // Another notebook, not bound to the preset: no Run setup, but the preset's own button.
    const colab = await context.newPage();
    await openNotebook(colab, `/drive/${OTHER_DRIVE_ID}`);
    await expectOneToolbar(colab);
    await expect(toolbar(colab).getByRole('button', { name: /^Run setup/ })).toHaveCount(0);
    const button = toolbar(colab).getByRole('button', { name: LONG_NAME, exact: true });
    await expect(button).toBeVisible();
    // Shortened on screen (an ellipsis), whole in the accessible name.
    const label = button.locator('.name');
    expect(await label.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis')).toBe(true);

    await button.click();
    const panel = colab.getByRole('region', { name: `Setup: ${LONG_NAME}` });
    await expect(panel.getByRole('listitem')).toHaveText([/print\('first'\).*Done/, /print\('second'\).*Done/]);
    await expect(runStatus(colab)).toHaveText(`Setup “${LONG_NAME}” done: 2 ran, 0 already done.`);
    expect((await executions(colab)).map((e) => cellBody(e.code))).toEqual(["print('first')", "print('second')"]);

    // Switched off again: the button goes.
    await shown.click();
    await expect(button).toHaveCount(0);
    await colab.close();
  });

  test('one setup at a time: a shown preset waits while Run setup runs in the same notebook', async ({ page, context, extensionId }) => {
    await openOptions(page, extensionId);
    const file = { format: 'colab-launchpad/presets', version: 1, presets: [
      { name: 'Slow', notebooks: [`drive:${DRIVE_ID}`], steps: [{ recipe: 'python', params: { code: 'import time\ntime.sleep(2)' } }] },
      { name: 'Shown', showOnToolbar: true, steps: [{ recipe: 'python', params: { code: "print('shown')" } }] },
    ] };
    await page.getByLabel('Import presets').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await confirmImport(page);
    await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toBeVisible();
    // An import arrives with Show on the toolbar off (issue 17): the user turns it on in the editor.
    await page.getByRole('button', { name: 'Edit “Shown”' }).click();
    await page.getByRole('switch', { name: 'Show on the toolbar' }).check();
    await expect(page.getByRole('switch', { name: 'Show on the toolbar' })).toBeChecked();

    const colab = await context.newPage();
    await openNotebook(colab);
    await expectOneToolbar(colab);
    await toolbar(colab).getByRole('button', { name: /^Run setup/ }).click();
    await expect(runStatus(colab)).toContainText('Setup “Slow”');
    await toolbar(colab).getByRole('button', { name: 'Shown', exact: true }).click();
    await expect(runStatus(colab)).toHaveText('Another setup is running in this notebook: wait until it ends.');
    await expect(runStatus(colab)).toHaveText('Setup “Slow” done: 1 ran, 0 already done.', { timeout: 10_000 });
    expect((await executions(colab)).map((e) => cellBody(e.code))).toEqual(['import time\ntime.sleep(2)']);

    await toolbar(colab).getByRole('button', { name: 'Shown', exact: true }).click();
    await expect(runStatus(colab)).toHaveText('Setup “Shown” done: 1 ran, 0 already done.');
    expect((await executions(colab)).map((e) => cellBody(e.code))).toEqual(['import time\ntime.sleep(2)', "print('shown')"]);
    await colab.close();
  });

  test('a narrow window moves the extra buttons into More recipes; nothing is covered or cut off', async ({ page, context, extensionId }) => {
    await importPreset(page, extensionId, 'Narrow preset');
    await page.getByRole('button', { name: 'Edit “Narrow preset”' }).click();
    await page.locator('section.editor').getByRole('switch', { name: 'Show on the toolbar' }).click();
    for (const name of ['System info', 'TPU check', 'Install Keras']) await toolbarSwitch(page, name).click();
    await expect(toolbarSwitch(page, 'Install Keras')).toBeChecked();

    const colab = await context.newPage();
    await colab.setViewportSize({ width: 1600, height: 800 });
    await openNotebook(colab, `/drive/${OTHER_DRIVE_ID}`);
    await expectOneToolbar(colab);
    const preset = toolbar(colab).getByRole('button', { name: 'Narrow preset', exact: true });
    await expect(preset).toBeVisible();
    const wide = await buttonsFit(colab);
    expect(wide).toMatchObject({ inside: true, oneRow: true, overlaps: false });
    expect(await menuItems(colab)).not.toContain('Narrow preset');

    await colab.setViewportSize({ width: 560, height: 800 });
    await expect(preset).toBeHidden();
    const narrow = await buttonsFit(colab);
    expect(narrow).toMatchObject({ inside: true, oneRow: true, overlaps: false });
    expect(narrow.count).toBeLessThan(wide.count);
    await expect(moreRecipes(colab)).toBeVisible();
    const items = await menuItems(colab);
    // The folded buttons come first, in toolbar order, then the menu's own entries.
    const bar = ['Mount Drive', 'GPU check', 'Install PyTorch', 'Install Keras', 'System info', 'TPU check', 'Narrow preset'];
    const folded = wide.count - narrow.count;
    expect(items.slice(0, folded)).toEqual(bar.slice(bar.length - folded));
    expect(items).toContain('Restart runtime');

    // Arrow keys skip the hidden buttons.
    await toolbar(colab).getByRole('button', { name: /^Accelerator/ }).or(toolbar(colab).locator('button.badge')).first().focus();
    for (let i = 0; i < 8; i++) {
      await colab.keyboard.press('ArrowRight');
      expect(await colab.evaluate(() => {
        const active = document.querySelector('[data-launchpad-host="toolbar"]')?.shadowRoot?.activeElement;
        return !!active && !active.closest('.folded') && active.getBoundingClientRect().width > 0;
      })).toBe(true);
    }

    // Run the folded preset from the menu: the same panel, the same cells.
    await moreRecipes(colab).click();
    await recipeMenu(colab).getByRole('menuitem', { name: 'Narrow preset' }).click();
    const panel = colab.getByRole('region', { name: 'Setup: Narrow preset' });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('listitem')).toHaveText([/Done/, /Done/]);
    expect((await executions(colab)).map((e) => cellBody(e.code))).toEqual(["print('first')", "print('second')"]);
    await panel.getByRole('button', { name: 'Close' }).click();

    // Wide again: every button is back on the toolbar.
    await colab.setViewportSize({ width: 1600, height: 800 });
    await expect(preset).toBeVisible();
    expect((await buttonsFit(colab)).count).toBe(wide.count);
    await colab.close();
  });
});
