/**
 * Issue 17: the badge claims only what a signal proves. The page API arrives 1.5 s after the
 * toolbar and the connect button are drawn (`api-delay`), and the connect button of a notebook
 * that never connected either has no `#connect-icon` (row 12) or an empty one (`connect-icon:empty`,
 * invented: the evidence does not say which Colab draws). In every Colab language the badge says
 * Not connected within 10 s and never shows Connected (or any accelerator) before a connection: a
 * MutationObserver in the page records every text the badge ever showed. Also: runs end when
 * their kernel dies even where cells have no isRunning() (security review L7).
 */
import type { Page } from '@playwright/test';
import { DRIVE_ID, HOST, expect, expectOneToolbar, openNotebook, runStatus, test, toolbar } from './fixtures';
import { cleanUpGuard, events, setup, tabState } from './guard-helpers';
import { replicaHtml } from './replica/serve.mjs';

const badge = (page: Page) => toolbar(page).getByRole('status', { name: /^Accelerator:/ });

/** Records, from page start, every text the badge button shows (in the toolbar's open shadow root). */
async function recordBadgeTexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __badgeTexts: string[] }).__badgeTexts = seen;
    const record = (root: ShadowRoot) => {
      const text = root.querySelector('button.badge')?.textContent?.trim();
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    };
    let watched: ShadowRoot | null = null;
    new MutationObserver(() => {
      const root = document.querySelector('[data-launchpad-host="toolbar"]')?.shadowRoot ?? null;
      if (!root || root === watched) return;
      watched = root;
      record(root);
      new MutationObserver(() => record(root)).observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
    }).observe(document, { childList: true, subtree: true });
  });
}
const badgeTexts = (page: Page) => page.evaluate(() => (window as unknown as { __badgeTexts: string[] }).__badgeTexts);
const apiThere = (page: Page) => page.evaluate(() => 'colab' in window);

for (const lang of ['en', 'es', 'zh-CN'] as const) {
  for (const icon of ['absent', 'empty'] as const) {
    test(`${lang}, #connect-icon ${icon}, page API 1.5 s late: a never-connected notebook reads Not connected, never Connected`, async ({ page }) => {
      await recordBadgeTexts(page);
      const started = Date.now();
      // Colab's language from ?hl= (colab-dom-2026-12 row 18).
      await page.goto(`${HOST}/drive/${DRIVE_ID}?hl=${lang}&replica=runtime:none,api-delay:1500,connect-icon:${icon}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(badge(page)).toHaveAccessibleName('Accelerator: Not connected', { timeout: 10_000 });
      expect(Date.now() - started).toBeLessThan(10_000);
      await expect.poll(() => apiThere(page)).toBe(true);
      if (icon === 'empty') {
        const shown = await page.evaluate(() => document.querySelector('colab-connect-button')?.shadowRoot?.querySelector('#connect-icon')?.textContent);
        expect(shown).toBe('');
      }
      // Several re-readings after the page API arrived (they run every few seconds at most).
      await page.waitForTimeout(6_000);
      await expect(badge(page)).toHaveAccessibleName('Accelerator: Not connected');
      expect(await badgeTexts(page)).toEqual(['Not connected']);

      // The recorder does see changes: a real connection shows.
      await page.evaluate(() => (window as unknown as { __replica: { setRuntime(kind: string): void } }).__replica.setRuntime('t4'));
      await expect(badge(page)).toHaveAccessibleName('Accelerator: T4');
      const texts = await badgeTexts(page);
      expect(texts[0]).toBe('Not connected');
      expect(texts.at(-1)).toBe('T4');
    });
  }
}

test('the popup too: a never-connected notebook with an empty #connect-icon and a late page API is not connected, and nothing reconnects it', async ({ context, page, extensionId }) => {
  try {
    const { colab, ext, tabId } = await setup(context, page, extensionId, { autoReconnect: true }, ['runtime:none', 'api-delay:1500', 'connect-icon:empty', 'lang:zh-CN']);
    await expect.poll(() => apiThere(colab)).toBe(true);
    await colab.waitForTimeout(5_000);
    expect((await tabState(ext, tabId))?.connection).toBe('not-connected');
    await expect(ext.getByText('Runtime: not connected')).toBeVisible();
    // A false "connected" would have turned into a disconnect, and auto-reconnect into a runtime nobody asked for.
    expect(await events(ext, tabId)).toEqual([]);
    expect(await colab.evaluate(() => (window as unknown as { colab: { global: { notebook: { kernel: { getState(): string } } } } }).colab.global.notebook.kernel.getState())).toBe('disconnected');
  } finally {
    await cleanUpGuard(context, extensionId);
  }
});

test('the replica takes Colab’s language from ?hl=, else from the browser’s Accept-Language (colab-dom-2026-12 row 18)', async ({ page }) => {
  const langOf = (url: string, acceptLanguage?: string) => /<html lang="([^"]+)"/.exec(replicaHtml(url, acceptLanguage))?.[1];
  expect(langOf(`${HOST}/drive/${DRIVE_ID}`, 'fr-FR, zh-CN;q=0.8, en;q=0.5')).toBe('zh-CN');
  expect(langOf(`${HOST}/drive/${DRIVE_ID}`, 'es;q=0.4, en-US;q=0.9')).toBe('en');
  expect(langOf(`${HOST}/drive/${DRIVE_ID}?hl=es-419`, 'zh-CN')).toBe('es');
  expect(langOf(`${HOST}/drive/${DRIVE_ID}?hl=fr&replica=lang:zh-CN`, 'es')).toBe('zh-CN');
  expect(langOf(`${HOST}/drive/${DRIVE_ID}?hl=fr`)).toBe('en');
  // In the browser: the context's locale is the Accept-Language the replica sees; ?hl= wins over it.
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:none']);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto(`${HOST}/drive/${DRIVE_ID}?hl=es-419&replica=runtime:none`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expectOneToolbar(page);
  await expect(badge(page)).toHaveAccessibleName('Accelerator: Not connected');
});

test('a run whose kernel dies mid-cell ends, where cells have no isRunning(), and the next run works', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['no-is-running', 'exec:50']);
  await expectOneToolbar(page);
  expect(await page.evaluate(() => typeof (window as unknown as { colab: { global: { notebook: { cells: { isRunning?: unknown }[] } } } }).colab.global.notebook.cells[1]?.isRunning)).toBe('undefined');
  await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
  await page.getByRole('menu', { name: 'Recipes' }).locator('[data-entry="python"]').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Code', { exact: false }).first().fill('import time\ntime.sleep(30)');
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __replica: { executions: { status: string }[] } }).__replica.executions.at(-1)?.status)).toBe('running');
  // Mid-cell: the page script has seen it running (it reads the cell element every second).
  await page.waitForTimeout(2_500);
  await page.evaluate(() => (window as unknown as { __replica: { killKernel(): void } }).__replica.killKernel());
  await expect(runStatus(page)).toContainText('stopped before finishing', { timeout: 10_000 });
  await toolbar(page).getByRole('button', { name: 'GPU check' }).click();
  await expect(runStatus(page)).toHaveText('GPU check: done');
});

test('a run followed by a page script that is switched off mid-run ends with a clear message instead of waiting forever (security review I2)', async ({ page }) => {
  test.setTimeout(120_000);
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:50']);
  await expectOneToolbar(page);
  await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
  await page.getByRole('menu', { name: 'Recipes' }).locator('[data-entry="python"]').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Code', { exact: false }).first().fill('import time\ntime.sleep(600)');
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __replica: { executions: { status: string }[] } }).__replica.executions.at(-1)?.status)).toBe('running');
  // Any page script can retire Launchpad's page script (the review accepts that); the wait must notice.
  await page.evaluate(() => document.dispatchEvent(new CustomEvent('colab-launchpad:page-script-started')));
  await expect(runStatus(page)).toContainText("Colab's page did not answer in time", { timeout: 75_000 });
});
