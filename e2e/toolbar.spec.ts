import { ALT_HOST, DRIVE_ID, OTHER_DRIVE_ID, expect, expectOneToolbar, openNotebook, test, toolbar, toolbarPlacement, runStatus } from './fixtures';

type Replica = { rerenderToolbar(): void; replaceToolbar(): void; rerenderHeader(): void; navigate(path: string): void; ready: unknown };

test('the toolbar appears once, next to Colab’s toolbar, on a Drive notebook', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  await expect(toolbar(page).getByRole('button', { name: 'Mount Drive' })).toBeVisible();
});

test('the toolbar appears on colab.google.com too', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, [], ALT_HOST);
  await expectOneToolbar(page);
});

test('the toolbar appears on a notebook opened from GitHub', async ({ page }) => {
  await openNotebook(page, '/github/googlecolab/colabtools/blob/main/notebooks/colab-github-demo.ipynb');
  await expectOneToolbar(page);
});

test('the toolbar appears only after Colab’s UI boots, then stays single', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['boot:2500']);
  await page.waitForTimeout(800);
  expect((await toolbarPlacement(page)).count, 'no toolbar before Colab has a toolbar to sit next to').toBe(0);
  await expectOneToolbar(page);
});

test('Colab re-rendering its toolbar or header never duplicates or loses ours', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  for (const hook of ['rerenderToolbar', 'replaceToolbar', 'rerenderHeader', 'replaceToolbar'] as const) {
    await page.evaluate((name) => (window as unknown as { __replica: Replica }).__replica[name](), hook);
    await expectOneToolbar(page);
  }
});

test('an SPA navigation to another notebook keeps one toolbar and resets run states', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
  await mount.click();
  await expect(mount).toHaveAttribute('data-state', 'done');
  await page.evaluate((id) => (window as unknown as { __replica: Replica }).__replica.navigate(`/drive/${id}`), OTHER_DRIVE_ID);
  await expect(page).toHaveURL(new RegExp(OTHER_DRIVE_ID));
  await expectOneToolbar(page);
  await expect(mount).toHaveAttribute('data-state', 'idle');
});

test('the toolbar follows Colab’s dark theme', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['dark']);
  await expectOneToolbar(page);
  const host = page.locator('[data-launchpad-host="toolbar"]');
  await expect(host).toHaveAttribute('data-theme', 'dark');
  const background = await toolbar(page).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).toBe('rgb(31, 31, 31)');
  await page.evaluate(() => document.documentElement.setAttribute('theme', 'light'));
  await expect(host).toHaveAttribute('data-theme', 'light');
});

test('the toolbar is keyboard reachable and labelled', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
  await mount.focus();
  await expect(mount).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(mount).toHaveAttribute('data-state', 'done');
  await expect(runStatus(page)).toHaveText('Mount Drive: done');
});

test('when fresh copies of the scripts arrive (as after an update), the old toolbar goes and one working toolbar remains', async ({ page, serviceWorker }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  // Headless Chromium does not bring back a --load-extension extension after chrome.runtime.reload(),
  // so inject the manifest's scripts the way the service worker does after an install or update.
  await serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://colab.research.google.com/*' });
    for (const script of chrome.runtime.getManifest().content_scripts ?? []) {
      const world = (script as { world?: 'MAIN' | 'ISOLATED' }).world ?? 'ISOLATED';
      await chrome.scripting.executeScript({ target: { tabId: tab?.id ?? -1 }, files: script.js ?? [], world, injectImmediately: true });
    }
  });
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-launchpad-host]').length)).toBe(1);
  await expectOneToolbar(page);
  // The fresh copy works, and the retired page script does not answer too (one cell, one run).
  const before = await page.evaluate(() => (window as unknown as { colab: { global: { notebook: { cells: unknown[] } } } }).colab.global.notebook.cells.length);
  const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
  await mount.click();
  await expect(mount).toHaveAttribute('data-state', 'done');
  const after = await page.evaluate(() => (window as unknown as { colab: { global: { notebook: { cells: unknown[] } } } }).colab.global.notebook.cells.length);
  expect(after).toBe(before + 1);
});
