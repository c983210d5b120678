/**
 * The toolbar's on-demand parts (issue 20 part 3, src/content/on-demand.ts): the content script
 * draws the toolbar and runs one-click recipes alone; the dialogs, Run setup and the rest arrive
 * only after the user's first sign of intent. Which scripts ran in the tab is read from the
 * debugger (CDP Debugger.scriptParsed lists every script of every world, the extension's isolated
 * one included), not from anything the extension says about itself. A script in Colab's page can
 * neither make the worker inject the parts nor see them once they are there.
 */
import type { CDPSession, Page } from '@playwright/test';
import { DRIVE_ID, expect, expectOneToolbar, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

/** The URLs of every script parsed in the page from now on (and, as CDP replays them, before). */
async function watchScripts(page: Page): Promise<{ urls: () => string[]; cdp: CDPSession }> {
  const cdp = await page.context().newCDPSession(page);
  const seen: string[] = [];
  cdp.on('Debugger.scriptParsed', (event) => event.url && seen.push(event.url));
  await cdp.send('Debugger.enable');
  return { urls: () => [...seen], cdp };
}

const isParts = (url: string) => url.endsWith('/src/content/on-demand.js');
const isContentScript = (url: string) => url.endsWith('/src/content/index.js');

/** Runs in the page's main world: every synthetic event a script could use to look like intent, on every toolbar control. */
function fakeIntentFromPage(page: Page): Promise<{ controls: number; sees: string[] }> {
  return page.evaluate(async () => {
    const root = document.querySelector('[data-launchpad-host="toolbar"]')?.shadowRoot;
    const targets = [...(root?.querySelectorAll<HTMLElement>('.bar, button') ?? [])];
    const init = { bubbles: true, composed: true, cancelable: true };
    for (const target of targets) {
      for (const type of ['pointerenter', 'pointerover', 'pointerdown', 'pointerup']) target.dispatchEvent(new PointerEvent(type, init));
      for (const type of ['mouseenter', 'mouseover', 'mousedown', 'mouseup', 'click']) target.dispatchEvent(new MouseEvent(type, init));
      target.focus();
      target.dispatchEvent(new FocusEvent('focusin', init));
      for (const key of ['Tab', 'Enter', ' ', 'ArrowDown']) {
        target.dispatchEvent(new KeyboardEvent('keydown', { ...init, key }));
        target.dispatchEvent(new KeyboardEvent('keyup', { ...init, key }));
      }
      target.click();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const w = window as unknown as Record<string, unknown>;
    // What a page script could reach of the extension: the isolated world's globals, or its messaging.
    const sees = ['__launchpadOnDemand', '__launchpadPreact'].filter((name) => name in w);
    if (typeof (w.chrome as { runtime?: { sendMessage?: unknown } } | undefined)?.runtime?.sendMessage === 'function') sees.push('chrome.runtime.sendMessage');
    return { controls: targets.length, sees };
  });
}

// No preset applies to the notebook (one would load the parts at once, for Run setup).
test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

test('the on-demand parts load at the user’s first sign of intent, not before, and never for a page script', async ({ page }) => {
  const scripts = await watchScripts(page);
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:cpu']);
  await expectOneToolbar(page);
  // The content script itself is seen, so not seeing the parts means something.
  await expect.poll(() => scripts.urls().some(isContentScript)).toBe(true);

  // Everything a page script can do to the toolbar (opening the GPU badge's details included) loads nothing.
  const faked = await fakeIntentFromPage(page);
  expect(faked.controls).toBeGreaterThan(3);
  expect(faked.sees).toEqual([]);
  expect(scripts.urls().filter(isParts)).toEqual([]);
  // A fresh page, so that nothing the script left open (a menu) is in the user's way.
  await page.reload();
  await expectOneToolbar(page);
  await page.waitForTimeout(500);
  expect(scripts.urls().filter(isParts)).toEqual([]);

  // The user's pointer reaches the toolbar: the parts load before any click.
  await toolbar(page).getByRole('button', { name: 'More recipes' }).hover();
  await expect.poll(() => scripts.urls().filter(isParts).length).toBe(1);

  // And the dialog they carry opens in the same toolbar, styled by their own styles.
  await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
  await toolbar(page).getByRole('menuitem', { name: /^Run Python…/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((el) => getComputedStyle(el).borderRadius)).toBe('12px');
  await dialog.getByLabel('Code', { exact: false }).first().fill("print('on demand')");
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(dialog).toBeHidden();
  await expect(runStatus(page)).toContainText('Run Python: done');

  // Loaded once, and still out of the page's reach.
  expect(scripts.urls().filter(isParts)).toHaveLength(1);
  expect((await fakeIntentFromPage(page)).sees).toEqual([]);
  await scripts.cdp.detach();
});

test('a keyboard user’s first key on the toolbar loads the parts; a one-click recipe runs without them', async ({ page }) => {
  const scripts = await watchScripts(page);
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:cpu']);
  await expectOneToolbar(page);
  await expect.poll(() => scripts.urls().some(isContentScript)).toBe(true);
  // Focus from a script is not intent (its focus events are trusted, so focus is not listened to).
  await toolbar(page).getByRole('button', { name: 'Mount Drive' }).focus();
  await page.waitForTimeout(500);
  expect(scripts.urls().filter(isParts)).toEqual([]);
  await page.keyboard.press('Enter');
  await expect(runStatus(page)).toContainText('Mount Drive: done');
  // The key's release on the toolbar was the intent.
  await expect.poll(() => scripts.urls().filter(isParts).length).toBe(1);
  await scripts.cdp.detach();
});

test('where a part must show at once, the parts load by themselves: Set up this project on a GitHub notebook', async ({ page }) => {
  const scripts = await watchScripts(page);
  await openNotebook(page, '/github/googlecolab/colabtools/blob/main/notebooks/colab-github-demo.ipynb');
  await expectOneToolbar(page);
  // No pointer or key reached the toolbar: the button is there because the parts loaded for it.
  await expect(toolbar(page).getByRole('button', { name: 'Set up this project' })).toBeVisible();
  expect(scripts.urls().filter(isParts)).toHaveLength(1);
  await scripts.cdp.detach();
});

test('when the parts cannot be injected, the toolbar says so, one-click recipes still run, and the next sign of intent tries again', async ({ page, serviceWorker }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:cpu']);
  await expectOneToolbar(page);
  // The worker's injection fails (as when the tab is navigating or the frame is gone).
  await serviceWorker.evaluate(() => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    const original = api.scripting.executeScript;
    (globalThis as unknown as { restoreInjection: () => void }).restoreInjection = () => (api.scripting.executeScript = original);
    api.scripting.executeScript = (() => Promise.reject(new Error('test: injection refused'))) as typeof original;
  });
  await toolbar(page).getByRole('button', { name: 'More recipes' }).hover();
  await expect(toolbar(page).getByRole('alert')).toHaveText('Launchpad could not load this part of its toolbar: test: injection refused. It tries again the next time you use the toolbar.');
  await toolbar(page).getByRole('button', { name: 'Mount Drive' }).click();
  await expect(runStatus(page)).toContainText('Mount Drive: done');

  await serviceWorker.evaluate(() => (globalThis as unknown as { restoreInjection: () => void }).restoreInjection());
  await page.mouse.move(0, 0);
  await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
  await toolbar(page).getByRole('menuitem', { name: /^Run Python…/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(toolbar(page).getByRole('alert')).toHaveCount(0);
});
