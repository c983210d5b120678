/**
 * Issue 20: accessibility measured. axe-core runs its WCAG 2.x A/AA rules on every surface a user
 * sees — the popup, the options page, the Colab toolbar with More recipes open, a recipe dialog and
 * the Run setup panel — in the light and the dark theme, and finds nothing. Each surface is brought
 * into the states that add colours or structure (failed, done, warning, alerts, the editor), since
 * axe measures only what is rendered.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ElementContext, RunOptions } from 'axe-core';
import { DRIVE_ID, confirmImport, expect, expectOneToolbar, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';
import { setup } from './guard-helpers';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Launchpad's part of a Colab page: the toolbar's host (axe follows it into its open shadow root). */
const TOOLBAR_HOST = '[data-launchpad-host="toolbar"]';
const TOOLBAR: ElementContext = { include: [TOOLBAR_HOST] };
/** axe's context for the whole document, as a plain object that can cross into the page. */
const WHOLE_PAGE: ElementContext = { exclude: [] };
const THEMES = ['light', 'dark'] as const;

/**
 * Runs axe in `page` and returns one line per violation and element: rule, impact, where, and
 * axe's summary of what to fix. `page.evaluate` goes through CDP, so neither the extension pages'
 * CSP nor the replica's Trusted Types stop axe's source.
 */
async function axeViolations(page: Page, context: ElementContext): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] };
  return page.evaluate(async ([ctx, opts]) => {
    const { axe } = window as unknown as { axe: { run(c: unknown, o: unknown): Promise<Pick<AxeResults, 'violations'>> } };
    const { violations } = await axe.run(ctx, opts);
    return violations.flatMap((v) => v.nodes.map((node) => `${v.id} [${v.impact ?? node.impact ?? '?'}] ${JSON.stringify(node.target)}: ${v.help}. ${node.failureSummary ?? ''}`.replace(/\s+/g, ' ')));
  }, [context as unknown, options as unknown] as const);
}

async function expectNoViolations(page: Page, surface: string, context: ElementContext = WHOLE_PAGE): Promise<void> {
  expect(await axeViolations(page, context), `axe WCAG A/AA violations on ${surface}`).toEqual([]);
}

type Replica = { failNextExecution(error: { ename: string; evalue: string }): void; disconnect(): void };

/** A preset for the demo notebook, imported the way the options page does it: one step passes, one fails, one never runs. */
async function importPreset(page: Page, extensionId: string): Promise<void> {
  const steps = [{ recipe: 'python', params: { code: "print('one')" } }, { recipe: 'python', params: { code: "raise ValueError('two')" } }, { recipe: 'mount-drive', params: {} }];
  const file = { format: 'colab-launchpad/presets', version: 1, presets: [{ name: 'Axe setup', notebooks: [`drive:${DRIVE_ID}`], steps }] };
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await page.getByLabel('Import presets').setInputFiles({ name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await confirmImport(page); // imports are reviewed before anything is written (issue 17)
  await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toBeVisible();
}

test.describe('axe-core, WCAG 2.x A/AA', () => {
  test.beforeEach(async ({ serviceWorker }) => {
    await resetStorage(serviceWorker);
  });

  for (const theme of THEMES) {
    const colabFlags = theme === 'dark' ? ['dark'] : [];

    test(`options page and popup, ${theme}`, async ({ page, extensionId }) => {
      await page.emulateMedia({ colorScheme: theme });
      await importPreset(page, extensionId);
      await expectNoViolations(page, `the options page (${theme})`);
      // The preset editor, with a step form refusing bad input.
      await page.getByRole('button', { name: 'Edit “Axe setup”' }).click();
      const editor = page.locator('section.editor');
      await editor.getByRole('button', { name: 'Edit step 1: Run Python' }).click();
      const stepForm = editor.getByRole('form', { name: 'Step 1: Run Python' });
      await stepForm.getByLabel('Code').fill('');
      await stepForm.getByRole('button', { name: 'Save step' }).click();
      await expect(stepForm.getByRole('alert')).toContainText('Not saved');
      await expectNoViolations(page, `the options page's preset editor (${theme})`);
      // The check form, refusing a bad value next to its field.
      const checks = editor.getByRole('group', { name: 'Checks after the steps' });
      await checks.getByRole('button', { name: 'Add check' }).click();
      await checks.getByRole('button', { name: 'Add check' }).click();
      await expect(checks.getByRole('alert')).toContainText('is not a module name');
      await expectNoViolations(page, `the preset editor's check form (${theme})`);

      await page.setViewportSize({ width: 360, height: 700 });
      await page.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
      await expect(page.getByRole('region', { name: 'Get started' })).toBeVisible();
      await page.getByText('Notifications', { exact: true }).click();
      await expect(page.getByRole('switch', { name: /^Presence checks/ })).toBeVisible();
      await expectNoViolations(page, `the popup with no Colab tab (${theme})`);
    });

    test(`popup for a Colab tab with a compatibility report, and the toolbar's notice and alert, ${theme}`, async ({ context, page, extensionId }) => {
      // Without the page API some checks fail: the report then has both marks, and the toolbar a notice.
      const { ext } = await setup(context, page, extensionId, {}, ['no-api', ...colabFlags]);
      await expect(toolbar(page).locator('.notice')).toBeVisible();
      // A recipe that cannot run there explains itself in an alert with the code to copy.
      await toolbar(page).getByRole('button', { name: 'Mount Drive' }).click();
      await expect(toolbar(page).getByRole('alert')).toContainText('Mount Drive could not run in this notebook');
      await expectNoViolations(page, `the toolbar with its compatibility notice and an alert (${theme})`, TOOLBAR);

      await ext.emulateMedia({ colorScheme: theme });
      await ext.setViewportSize({ width: 360, height: 700 });
      await ext.getByRole('button', { name: 'Check compatibility' }).click();
      const probes = ext.getByRole('list', { name: 'Compatibility' }).getByRole('listitem');
      await expect(probes.and(ext.locator('[data-result="missing"]')).first()).toBeVisible();
      await expect(probes.and(ext.locator('[data-result="ok"]')).first()).toBeVisible();
      await expectNoViolations(ext, `the popup for a Colab tab with a compatibility report (${theme})`);
      await ext.close();
    });

    test(`toolbar with More recipes open, a recipe dialog, the badge details and the Run setup panel, ${theme}`, async ({ page, extensionId }) => {
      await importPreset(page, extensionId);
      // An L4 runtime where an A100 was requested: the badge warns.
      await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:l4', 'requested:A100', ...colabFlags]);
      await expectOneToolbar(page);
      await expect(page.locator(TOOLBAR_HOST)).toHaveAttribute('data-theme', theme);
      const runSetup = toolbar(page).getByRole('button', { name: /^Run setup/ });

      // Every state a button can show: done, failed (the first menu item, active when the menu opens), and Setup needed.
      const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
      await mount.click();
      await expect(mount).toHaveAttribute('data-state', 'done');
      await page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.failNextExecution({ ename: 'ValueError', evalue: 'axe' }));
      const more = toolbar(page).getByRole('button', { name: 'More recipes' });
      await more.click();
      const menu = page.getByRole('menu', { name: 'Recipes' });
      const first = menu.getByRole('menuitem').first();
      await first.click();
      await expect(runStatus(page)).toContainText('Install Keras failed');
      // The warning badge and its details (the reconnect below brings the requested A100).
      await toolbar(page).getByRole('status', { name: /^Accelerator/ }).locator('button.badge').click();
      const details = page.getByRole('dialog', { name: 'Accelerator' });
      await expect(details).toContainText('Requested A100 GPU');
      await expectNoViolations(page, `the accelerator badge's details (${theme})`, TOOLBAR);
      await page.keyboard.press('Escape');
      await expect(details).toBeHidden();

      await page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.disconnect());
      await page.getByRole('button', { name: 'Reconnect' }).first().click();
      await expect(runSetup).toContainText('Setup needed');

      await more.click();
      await expect(first).toHaveAttribute('data-state', 'failed');
      await expect(first).toBeFocused();
      await expectNoViolations(page, `the toolbar with More recipes open (${theme})`, TOOLBAR);
      await page.keyboard.press('Escape');

      await more.click();
      await menu.getByRole('menuitem', { name: 'Clone repo…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Clone repo' });
      await expect(dialog).toBeVisible();
      await expectNoViolations(page, `the Clone repo dialog (${theme})`, TOOLBAR);
      // With the alert bad input brings.
      await dialog.getByLabel('Repository URL', { exact: true }).fill('not a url');
      await dialog.getByRole('button', { name: 'Run' }).click();
      await expect(dialog.getByRole('alert')).toBeVisible();
      await expectNoViolations(page, `the Clone repo dialog with its alert (${theme})`, TOOLBAR);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();

      await runSetup.click();
      const panel = page.getByRole('region', { name: 'Setup: Axe setup' });
      await expect(panel.getByRole('listitem')).toHaveText([/Done/, /Failed/, /Not run/]);
      await expectNoViolations(page, `the Run setup panel after a failed step (${theme})`, TOOLBAR);
    });
  }
});
