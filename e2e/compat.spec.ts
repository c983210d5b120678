/**
 * Launchpad only on notebooks (colab-dom-2026H2.md row 1: the bare origin opens a home page since
 * 2026-07), and "Check compatibility" in the popup: every probe passes on the replica, the page
 * API fails on the no-api variant (also named by the toolbar at page start), and Copy report puts
 * a plain-text report on the clipboard.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { DRIVE_ID, HOST, expect, expectOneToolbar, openNotebook, test, toolbar } from './fixtures';

const launchpadHosts = (page: Page) => page.locator('[data-launchpad-host]');

test('the landing page shows no Launchpad UI for 12 s, then exactly one toolbar after opening a recent notebook', async ({ page }) => {
  await page.goto(`${HOST}/?replica=boot:300`);
  await expect(page.getByRole('heading', { name: 'Recent' })).toBeVisible();
  await page.waitForTimeout(12_000);
  await expect(launchpadHosts(page)).toHaveCount(0);
  await expect(page.getByText("Colab's toolbar was not found")).toHaveCount(0);

  await page.getByRole('link', { name: 'Thesis setup.ipynb' }).click();
  await expect(page).toHaveURL(new RegExp(`/drive/${DRIVE_ID}`));
  await expectOneToolbar(page);
  await expect(launchpadHosts(page)).toHaveCount(1);

  // Back to the home page (SPA): Launchpad goes away with the notebook, and comes back once.
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Recent' })).toBeVisible();
  await expect(launchpadHosts(page)).toHaveCount(0);
  await page.goForward();
  await expectOneToolbar(page);
});

async function openPopupFor(context: BrowserContext, colab: Page, extensionId: string): Promise<Page> {
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
  const tabId = await ext.evaluate(async (href) => (await chrome.tabs.query({})).find((tab) => tab.url === href)?.id ?? -1, colab.url());
  expect(tabId).toBeGreaterThan(0);
  await ext.goto(`chrome-extension://${extensionId}/src/popup/index.html?tab=${tabId}`);
  return ext;
}

const probes = (ext: Page) => ext.getByRole('list', { name: 'Compatibility' }).getByRole('listitem');

test('Check compatibility reports every probe passing on the replica, and Copy report copies it', async ({ context, page, extensionId }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['lang:es']);
  await expectOneToolbar(page);
  const ext = await openPopupFor(context, page, extensionId);
  await ext.getByRole('button', { name: 'Check compatibility' }).click();
  await expect(ext.getByText(/^All \d+ checks that could run passed\.$/)).toBeVisible();
  await expect(ext.getByText('UI language: es · host: colab.research.google.com · page: notebook')).toBeVisible();
  for (const what of ['colab.global.notebook.insertCell', 'colab-notebook-toolbar#top-toolbar', 'bridge: content script ↔ page script (MAIN world)', 'bridge: content script ↔ service worker']) {
    await expect(probes(ext).filter({ hasText: what }).first()).toContainText('passed');
  }
  await expect(probes(ext).and(ext.locator('[data-result="missing"]'))).toHaveCount(0);
  // Issue 21: Change runtime…'s probes. The dialog is opened by its command and closed again.
  for (const what of ['div.goog-menuitem[command="change-runtime-type"]', '.change-runtime-type[open], opened by its command', 'colab-runtime-attributes-selector → shadow', 'one [role="switch"] in the dialog (High-RAM, by role)', '[command="change-runtime-version"]']) {
    await expect(probes(ext).filter({ hasText: what })).toContainText('passed');
  }
  await expect(probes(ext).filter({ hasText: 'radios' })).toContainText(/\(\d+ radios\)/);
  await expect(probes(ext).filter({ hasText: 'dismiss-runtime-warning' })).toContainText('not open now');
  await expect(page.locator('body > mwc-dialog.change-runtime-type')).toHaveCount(0);

  await ext.getByRole('button', { name: 'Copy report' }).click();
  await expect(ext.getByText('Report copied.')).toBeVisible();
  // Permissions cannot be granted to an extension origin: the clipboard is read from Colab's page.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: HOST });
  await page.bringToFront();
  const report = await page.evaluate(() => navigator.clipboard.readText());
  expect(report).toMatch(/^Colab Launchpad compatibility report\nLaunchpad \d+\.\d+\.\d+ · \S+ \d+/);
  expect(report).toContain('UI language: es');
  expect(report).toContain('[ok] colab.global.notebook.insertCell — recipes');
  expect(report).toContain('[ok] [command="change-runtime-version"] ("Change runtime version") — runtime');
  // No notebook content and no account: not the notebook's id, title, or the signed-in user.
  expect(report).not.toContain(DRIVE_ID);
  expect(report).not.toMatch(/Thesis setup|@gmail|colabUserEmail/);
  await ext.close();
});

test('a Change runtime type dialog without the High-RAM switch fails that probe alone', async ({ context, page, extensionId }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`);
  await expectOneToolbar(page);
  await page.evaluate(() => (window as unknown as { __replica: { setRuntimeDialog(o: { noHighRamSwitch: boolean }): void } }).__replica.setRuntimeDialog({ noHighRamSwitch: true }));
  const ext = await openPopupFor(context, page, extensionId);
  await ext.getByRole('button', { name: 'Check compatibility' }).click();
  const missing = probes(ext).and(ext.locator('[data-result="missing"]'));
  await expect(missing).toHaveCount(1);
  await expect(missing).toContainText('one [role="switch"] in the dialog (High-RAM, by role)');
  await expect(missing).toContainText('High-RAM cannot be switched');
  await expect(probes(ext).filter({ hasText: 'colab-runtime-attributes-selector → shadow' })).toContainText('passed');
  await expect(page.locator('body > mwc-dialog.change-runtime-type')).toHaveCount(0);
  await ext.close();
});

test('with no page API, Check compatibility and the toolbar both say which features fail', async ({ context, page, extensionId }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['no-api']);
  await expectOneToolbar(page);
  await expect(toolbar(page).getByText(/Colab's page is not what Launchpad expects, so these may not work: Recipes, .*GPU badge/)).toBeVisible({ timeout: 8_000 });
  const ext = await openPopupFor(context, page, extensionId);
  await ext.getByRole('button', { name: 'Check compatibility' }).click();
  await expect(ext.getByText(/^\d+ checks failed: the features named below may not work on this Colab page\.$/)).toBeVisible();
  await expect(probes(ext).filter({ hasText: /^failed colab\.global\.notebook — Recipes$/ })).toHaveCount(1);
  await expect(probes(ext).filter({ hasText: 'colab.global.notebook.attemptAutoconnect' })).toContainText('failed');
  // The DOM is still Colab's: the toolbar anchor passes.
  await expect(probes(ext).filter({ hasText: 'colab-notebook-toolbar#top-toolbar' })).toContainText('passed');
  await ext.close();
});

test('with no Colab tab, Check compatibility says how to start', async ({ context, extensionId }) => {
  for (const tab of context.pages()) if (tab.url().startsWith('https://')) await tab.close();
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
  await ext.getByRole('button', { name: 'Check compatibility' }).click();
  await expect(ext.getByRole('alert')).toHaveText('Open a Colab notebook in this window first, then check again.');
  await ext.close();
});
