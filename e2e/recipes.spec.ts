import type { Page } from '@playwright/test';
import { TOOLBAR_ENTRIES, type ToolbarEntry } from '../src/recipes';
import { entryCode } from '../src/recipes/cell';
import { translator } from '../test/translate';
import { DRIVE_ID, cells, executions, expect, expectOneToolbar, openNotebook, test, toolbar, runStatus } from './fixtures';

type Replica = { failNextExecution(error: { ename: string; evalue: string }): void };

const en = translator('en');
const codeOf = (entry: ToolbarEntry) => {
  const code = entryCode(entry, {}, en);
  if (!code.ok) throw new Error(`${entry.id} has no fixed code`);
  return code.code;
};

async function openMenu(page: Page) {
  await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
  const menu = page.getByRole('menu', { name: 'Recipes' });
  await expect(menu).toBeVisible();
  return menu;
}

async function newCellTexts(page: Page, before: { id: string }[]) {
  return (await cells(page)).filter((c) => !before.some((b) => b.id === c.id)).map((c) => c.text);
}

test('the direct buttons and the menu offer every toolbar entry', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  for (const name of ['Mount Drive', 'GPU check', 'Install PyTorch']) {
    await expect(toolbar(page).getByRole('button', { name, exact: false })).toBeVisible();
  }
  const menu = await openMenu(page);
  const items = await menu.getByRole('menuitem').allTextContents();
  for (const name of ['Install Keras', 'Install OpenCV', 'Install XGBoost', 'System info', 'Clone repo…', 'Run script…', 'Download data…', 'Restart runtime']) {
    expect(items.some((text) => text.startsWith(name)), name).toBe(true);
  }
  // Every menu entry, then "Save as preset…" (disabled until a recipe has run in this notebook), "Bind a preset…" and "Save setup in notebook".
  expect(items).toHaveLength(TOOLBAR_ENTRIES.filter((e) => e.placement === 'menu').length + 3);
  const save = menu.getByRole('menuitem').nth(items.length - 3);
  await expect(save).toHaveText(/^Save as preset…run a recipe first$/);
  await expect(save).toHaveAttribute('aria-disabled', 'true');
  await expect(menu.getByRole('menuitem').nth(items.length - 2)).toHaveText(/^Bind a preset…$/);
  await expect(menu.getByRole('menuitem').nth(items.length - 2)).not.toHaveAttribute('aria-disabled', 'true');
  await expect(menu.getByRole('menuitem').last()).toHaveText(/^Save setup in notebook$/);
});

test('every fixed-parameter entry inserts its own cell, runs it and reports done', async ({ page }) => {
  test.setTimeout(90_000);
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:50']);
  await expectOneToolbar(page);
  const entries = TOOLBAR_ENTRIES.filter((e) => e.kind === 'run');
  for (const entry of entries) {
    const before = await cells(page);
    if (entry.placement === 'direct') {
      await toolbar(page).locator(`button[data-entry="${entry.id}"]`).click();
    } else {
      const menu = await openMenu(page);
      await menu.locator(`[data-entry="${entry.id}"]`).click();
    }
    const state = entry.placement === 'direct' ? toolbar(page).locator(`button[data-entry="${entry.id}"]`) : toolbar(page).locator(`[role="menuitem"][data-entry="${entry.id}"]`);
    await expect(state, entry.id).toHaveAttribute('data-state', 'done');
    expect(await newCellTexts(page, before), entry.id).toEqual([codeOf(entry)]);
  }
  const ran = (await executions(page)).map((e) => e.code);
  expect(ran).toEqual(entries.map(codeOf));
});

test('the recipe menu works with the keyboard alone', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  const more = toolbar(page).getByRole('button', { name: 'More recipes' });
  await more.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Recipes' });
  await expect(menu).toBeVisible();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem').last()).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem').nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();
  // Type-ahead to "System info", then Enter runs it.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('s');
  await expect(menu.getByRole('menuitem', { name: 'System info' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(runStatus(page)).toHaveText('System info: done');
});

test('a pointer resting where the menu opens does not take the focus from the keyboard; moving it does', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  const more = toolbar(page).getByRole('button', { name: 'More recipes' });
  const menu = page.getByRole('menu', { name: 'Recipes' });
  const items = menu.getByRole('menuitem');
  // Where the third item appears, learned by opening once.
  await more.click();
  const box = await items.nth(2).boundingBox();
  if (!box) throw new Error('the third menu item has no box');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  // The pointer rests there while the keyboard opens the menu.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await expect(items.nth(2)).toBeVisible();
  // Frames for the browser to report what now lies under the pointer.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 300)))));
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  // The user moves the pointer: the item under it is the active one.
  await page.mouse.move(box.x + box.width / 2 + 4, box.y + box.height / 2, { steps: 2 });
  await expect(items.nth(2)).toBeFocused();
});

const DIALOGS = [
  { item: 'Clone repo…', field: 'Repository URL', valid: 'https://github.com/googlecolab/colabtools', expect: "'https://github.com/googlecolab/colabtools'" },
  { item: 'Run script…', field: 'Script path', valid: '/content/colabtools/train.py', expect: "'/content/colabtools/train.py'" },
  { item: 'Download data…', field: 'URL', valid: 'https://example.org/data/train.zip', expect: "'https://example.org/data/train.zip'" },
] as const;

for (const dialogCase of DIALOGS) {
  test(`${dialogCase.item} refuses bad input with an alert and runs valid input`, async ({ page }) => {
    await openNotebook(page);
    await expectOneToolbar(page);
    const before = await cells(page);
    const menu = await openMenu(page);
    await menu.getByRole('menuitem', { name: dialogCase.item }).click();
    const dialog = page.getByRole('dialog', { name: dialogCase.item.replace('…', '') });
    await expect(dialog).toBeVisible();
    const field = dialog.getByLabel(dialogCase.field, { exact: true });
    await expect(field).toBeFocused();

    for (const bad of ['not a url', 'https://github.com/a/b$(touch /tmp/x)', `${dialogCase.valid}'`, `${dialogCase.valid}\nrm -rf /`]) {
      if (bad.includes("'") && dialogCase.item === 'Run script…') continue; // a quote is a legal, harmless file-name character
      await field.fill(bad);
      await dialog.getByRole('button', { name: 'Run' }).click();
      await expect(dialog.getByRole('alert'), JSON.stringify(bad)).toContainText(dialogCase.field);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(dialog).toBeVisible();
    }
    expect(await cells(page), 'nothing inserted for refused input').toEqual(before);
    expect(await executions(page)).toEqual([]);

    await field.fill(dialogCase.valid);
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(dialog).toBeHidden();
    const item = dialogCase.item.replace('…', '');
    await expect(runStatus(page)).toHaveText(`${item}: done`);
    const added = await newCellTexts(page, before);
    expect(added).toHaveLength(1);
    expect(added[0]).toContain(dialogCase.expect);
  });
}

test('Escape closes a dialog without running anything and returns focus', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  const menu = await openMenu(page);
  await menu.getByRole('menuitem', { name: 'Clone repo…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clone repo' });
  await dialog.getByLabel('Repository URL', { exact: true }).fill('https://github.com/a/b');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await executions(page)).toEqual([]);
});

test('a failing recipe from the menu shows failed with the error’s first line', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  await page.evaluate(() =>
    (window as unknown as { __replica: Replica }).__replica.failNextExecution({ ename: 'LaunchpadError', evalue: 'pip install failed (exit status 1)\nmore detail' }),
  );
  const menu = await openMenu(page);
  await menu.getByRole('menuitem', { name: 'Install Keras' }).click();
  await expect(runStatus(page)).toHaveText('Install Keras failed: LaunchpadError: pip install failed (exit status 1)');
  const reopened = await openMenu(page);
  await expect(reopened.locator('[data-entry="install-keras"]')).toHaveAttribute('data-state', 'failed');
});

test('the keyboard shortcut command opens the recipe menu in the Colab tab', async ({ page, serviceWorker }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  // chrome.commands cannot be pressed from a test: send what the service worker sends on the command.
  // The toolbar shows before its listener is registered (an effect after the first paint), so a
  // shortcut pressed in that instant is lost, as a user's would be: press it again until it opens.
  const menu = page.getByRole('menu', { name: 'Recipes' });
  await expect(async () => {
    // To this test's tab: the shared browser may still hold another test's Colab tab.
    await serviceWorker.evaluate(async (url) => {
      const tabs = await chrome.tabs.query({ url: 'https://colab.research.google.com/*' });
      for (const tab of tabs) if (tab.id !== undefined && tab.url === url) await chrome.tabs.sendMessage(tab.id, { type: 'open-recipe-menu' });
    }, page.url());
    await expect(menu).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
});

const OTHER_DIALOGS: { id: string; item: string; values: Record<string, string>; fill: Record<string, string> }[] = [
  { id: 'copy', item: 'Copy files…', values: { from: '/content/drive/MyDrive/project', to: '/content/project' }, fill: { From: '/content/drive/MyDrive/project', To: '/content/project' } },
  { id: 'cd', item: 'Change directory…', values: { path: '/content/project' }, fill: { Folder: '/content/project' } },
  { id: 'pip-install', item: 'pip install…', values: { packages: 'transformers==4.44.0 datasets' }, fill: { Packages: 'transformers==4.44.0 datasets' } },
  { id: 'apt-install', item: 'apt install…', values: { packages: 'ffmpeg' }, fill: { Packages: 'ffmpeg' } },
  { id: 'python', item: 'Run Python…', values: { code: "print('hello')" }, fill: { Code: "print('hello')" } },
];

test('every other dialog entry inserts the cell its values generate', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:50']);
  await expectOneToolbar(page);
  for (const dialogCase of OTHER_DIALOGS) {
    const entry = TOOLBAR_ENTRIES.find((e) => e.id === dialogCase.id);
    const expected = entry && entryCode(entry, dialogCase.values, en);
    if (!expected?.ok) throw new Error(`${dialogCase.id}: the test values do not validate`);
    const before = await cells(page);
    const menu = await openMenu(page);
    await menu.locator(`[data-entry="${dialogCase.id}"]`).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    for (const [label, value] of Object.entries(dialogCase.fill)) await dialog.getByLabel(label, { exact: false }).first().fill(value);
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(dialog, dialogCase.id).toBeHidden();
    await expect(runStatus(page)).toContainText(': done');
    expect(await newCellTexts(page, before), dialogCase.id).toEqual([expected.code]);
  }
});
