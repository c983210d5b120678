/**
 * Only the user drives Launchpad (issue 17 item 3, security review M2 and I1). A script in Colab's
 * page (page.evaluate runs in the page's main world) reaches the toolbar's open shadow root and
 * tries every way in: `click()`, synthetic mouse and keyboard events, `requestSubmit()` and a
 * dispatched submit event, on GPU check, Mount Drive, Run Python…, Save as preset… and a preset's
 * Run setup. None runs a cell, inserts one or saves a preset; the same controls clicked by
 * Playwright (real input, a real user) still work.
 */
import type { Page, Worker } from '@playwright/test';
import { DRIVE_ID, cells, confirmImport, executions, expect, expectOneToolbar, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

/** Runs in the page's main world: every synthetic way to press `selector` in the toolbar's shadow root (or a dialog in it). */
function pressFromPage(page: Page, selector: string): Promise<number> {
  return page.evaluate((selector) => {
    const root = document.querySelector('[data-launchpad-host="toolbar"]')?.shadowRoot;
    const targets = [...(root?.querySelectorAll<HTMLElement>(selector) ?? [])];
    for (const target of targets) {
      target.click();
      const init = { bubbles: true, composed: true, cancelable: true };
      target.dispatchEvent(new PointerEvent('pointerdown', init));
      target.dispatchEvent(new MouseEvent('mousedown', init));
      target.dispatchEvent(new MouseEvent('mouseup', init));
      target.dispatchEvent(new MouseEvent('click', init));
      target.focus();
      for (const key of ['Enter', ' ']) {
        target.dispatchEvent(new KeyboardEvent('keydown', { ...init, key }));
        target.dispatchEvent(new KeyboardEvent('keyup', { ...init, key }));
      }
    }
    return targets.length;
  }, selector);
}

/** Runs in the page's main world: fills the open dialog's first text field and submits its form every way a script can. */
function submitFromPage(page: Page, value: string): Promise<boolean> {
  return page.evaluate(async (value) => {
    const root = document.querySelector('[data-launchpad-host="toolbar"]')?.shadowRoot;
    const form = root?.querySelector<HTMLFormElement>('dialog[open] form');
    const field = form?.querySelector<HTMLInputElement | HTMLTextAreaElement>('textarea, input[type="text"]');
    if (!form || !field) return false;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    // Let the dialog take the value in (Preact renders after a microtask), as a real user's submit would find it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    form.requestSubmit();
    if (submit) form.requestSubmit(submit);
    submit?.click();
    form.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter: submit }));
    field.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true, key: 'Enter' }));
    return true;
  }, value);
}

async function storedPresets(serviceWorker: Worker): Promise<{ name: string; steps: { recipe: string }[] }[]> {
  const stored = (await serviceWorker.evaluate(() => chrome.storage.local.get('presets'))) as { presets?: { presets: { name: string; steps: { recipe: string }[] }[] } };
  return stored.presets?.presets ?? [];
}

/** Long enough for a run a script had started to insert its cell (the worker answers in milliseconds). */
const SETTLE_MS = 1_500;

test.describe('only the user drives Launchpad', () => {
  test.beforeEach(async ({ serviceWorker }) => {
    await resetStorage(serviceWorker);
  });

  test('a page script pressing buttons, choosing menu items or submitting dialogs runs, inserts and saves nothing; real clicks still work', async ({ page, serviceWorker }) => {
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4']);
    await expectOneToolbar(page);
    const before = await cells(page);

    // Direct buttons, and GPU check in the badge's details. The page cannot open the details (they
    // come with the on-demand parts, which only the user's input loads); the user opens them.
    expect(await pressFromPage(page, 'button[data-entry="gpu-check"], button[data-entry="mount-drive"]')).toBe(2);
    await pressFromPage(page, 'button.badge');
    await page.waitForTimeout(SETTLE_MS);
    await expect(page.getByRole('button', { name: 'GPU check' })).toHaveCount(1);
    await toolbar(page).locator('button.badge').click();
    await expect(page.getByRole('button', { name: 'GPU check' })).toHaveCount(2);
    await page.evaluate(() => {
      const root = document.querySelector('[data-launchpad-host="toolbar"]')?.shadowRoot;
      const check = [...(root?.querySelectorAll<HTMLButtonElement>('[popover] .actions button') ?? [])].find((b) => b.textContent === 'GPU check');
      check?.click();
      check?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    });
    // Menu items: the page opens More recipes, then "chooses" Run Python… and Install Keras.
    await pressFromPage(page, 'button[aria-haspopup="menu"]');
    expect(await pressFromPage(page, '[role="menuitem"][data-entry="python"], [role="menuitem"][data-entry="install-keras"]')).toBe(2);
    await page.evaluate(() => {
      const menu = document.querySelector('[data-launchpad-host="toolbar"]')?.shadowRoot?.querySelector('[role="menu"]');
      menu?.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'Enter' }));
    });
    await page.waitForTimeout(SETTLE_MS);
    expect(await executions(page)).toEqual([]);
    expect(await cells(page)).toEqual(before);
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Run Python…, opened by the user: the page fills it and submits every way it can; nothing runs.
    await page.keyboard.press('Escape');
    await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
    await page.getByRole('menuitem', { name: 'Run Python…' }).click();
    const python = page.getByRole('dialog', { name: 'Run Python' });
    await expect(python).toBeVisible();
    expect(await submitFromPage(page, "print('from the page')")).toBe(true);
    await page.waitForTimeout(SETTLE_MS);
    expect(await executions(page)).toEqual([]);
    await expect(python).toBeVisible();
    // The user's own click on Run runs it.
    await python.getByRole('textbox').fill("print('from the user')");
    await python.getByRole('button', { name: 'Run' }).click();
    await expect(runStatus(page)).toHaveText(/Run Python: done/);
    expect((await executions(page)).map((e) => e.code)).toEqual([expect.stringContaining("print('from the user')")]);

    // The user's real clicks on Mount Drive and GPU check run them.
    await toolbar(page).getByRole('button', { name: 'Mount Drive' }).click();
    await expect(runStatus(page)).toHaveText('Mount Drive: done');
    await toolbar(page).getByRole('button', { name: 'GPU check' }).click();
    await expect(runStatus(page)).toHaveText(/GPU check: done/);
    expect(await executions(page)).toHaveLength(3);

    // Save as preset…: the page cannot choose it, and cannot submit the dialog the user opened.
    await pressFromPage(page, 'button[aria-haspopup="menu"]');
    await pressFromPage(page, '[role="menuitem"][data-entry="save-as-preset"]');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
    await page.getByRole('menuitem', { name: /Save as preset/ }).click();
    const save = page.getByRole('dialog', { name: 'Save as preset' });
    expect(await submitFromPage(page, 'From the page')).toBe(true);
    await page.waitForTimeout(SETTLE_MS);
    expect(await storedPresets(serviceWorker)).toEqual([]);
    await expect(save).toBeVisible();
    // Enter in the name field, pressed by the user, saves.
    await save.getByLabel('Preset name').fill('Mine');
    await save.getByLabel('Preset name').press('Enter');
    await expect(runStatus(page)).toHaveText('Saved preset “Mine”. Run setup replays it after a reset.');
    expect((await storedPresets(serviceWorker)).map((p) => p.name)).toEqual(['Mine']);

    // Run setup (the worker told the tab about the new preset): a script's press runs nothing, the user's click runs it.
    const runSetup = toolbar(page).getByRole('button', { name: /^Run setup/ });
    await expect(runSetup).toBeVisible();
    expect(await pressFromPage(page, 'button[data-entry="run-setup"]')).toBe(1);
    await page.waitForTimeout(SETTLE_MS);
    expect(await executions(page)).toHaveLength(3);
    await runSetup.click();
    await expect(runStatus(page)).toHaveText(/Setup “Mine” done/);
    expect((await executions(page)).length).toBeGreaterThan(3);
  });

  test('a preset shown on the toolbar runs only for the user\'s click', async ({ page, extensionId, serviceWorker }) => {
    await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    const file = { format: 'colab-launchpad/presets', version: 1, presets: [{ name: 'Everywhere', steps: [{ recipe: 'python', params: { code: "print('everywhere')" } }] }] };
    await page.getByLabel('Import presets').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await confirmImport(page);
    await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toBeVisible();
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4']);
    await expectOneToolbar(page);
    // Switched on as the options page does, while the tab is open: the worker tells the tab, which shows the button.
    await serviceWorker.evaluate(async () => {
      const { presets } = (await chrome.storage.local.get('presets')) as { presets: { presets: Record<string, unknown>[] } };
      presets.presets = presets.presets.map((p) => ({ ...p, showOnToolbar: true, updatedAt: Date.now() }));
      await chrome.storage.local.set({ presets });
    });
    const button = toolbar(page).getByRole('button', { name: /Everywhere/ });
    await expect(button).toBeVisible();
    expect(await pressFromPage(page, 'button[data-entry^="preset:"]')).toBe(1);
    await page.waitForTimeout(SETTLE_MS);
    expect(await executions(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await button.click();
    await expect(runStatus(page)).toHaveText(/Setup “Everywhere” done/);
    expect(await executions(page)).toHaveLength(1);
  });

  test('content scripts cannot read or write the presets or settings storage (Chromium)', async ({ page, serviceWorker }) => {
    await openNotebook(page, `/drive/${DRIVE_ID}`);
    await expectOneToolbar(page);
    const seen = await serviceWorker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'https://colab.research.google.com/*' });
      const [injected] = await chrome.scripting.executeScript({
        target: { tabId: tab?.id ?? -1 },
        func: async () => {
          const out: Record<string, string> = {};
          for (const area of ['local', 'sync'] as const) {
            try {
              out[area] = JSON.stringify(await chrome.storage[area].get(null));
            } catch (error) {
              out[area] = `refused: ${(error as Error).message}`;
            }
          }
          return out;
        },
      });
      return injected?.result;
    });
    expect(seen).toEqual({ local: expect.stringMatching(/^refused/), sync: expect.stringMatching(/^refused/) });
  });
});
