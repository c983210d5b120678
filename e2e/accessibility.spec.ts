/**
 * Issue 20: accessibility measured. axe-core runs its WCAG 2.x A/AA rules on every surface a user
 * sees — the popup, the options page, the Colab toolbar with More recipes open, a recipe dialog and
 * the Run setup panel — in the light and the dark theme, and finds nothing. Each surface is brought
 * into the states that add colours or structure (failed, done, warning, alerts, the editor), since
 * axe measures only what is rendered. The surfaces added since (issues 17–21) are measured the same
 * way: the options page's import review and quarantined presets; on the toolbar the Change runtime…
 * menu, the Bind a preset panel, the carried-setup Review, the Add to setup offer, the GPU-limit
 * notice, Run setup's held-packages and lock-drift notes, and the Set up this project review.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ElementContext, RunOptions } from 'axe-core';
import { DRIVE_ID, confirmImport, executions, expect, expectOneToolbar, importPresets, openNotebook, resetStorage, runOwnCell, runStatus, test, toolbar } from './fixtures';
import { setup } from './guard-helpers';
import { holdNextStep, notesPresetFile } from './setup-notes';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Launchpad's part of a Colab page: the toolbar's host (axe follows it into its open shadow root). */
const TOOLBAR_HOST = '[data-launchpad-host="toolbar"]';
const TOOLBAR: ElementContext = { include: [TOOLBAR_HOST] };
/** axe's context for the whole document, as a plain object that can cross into the page. */
const WHOLE_PAGE: ElementContext = { exclude: [] };
const THEMES = ['light', 'dark'] as const;
/** A notebook in a GitHub repository: Bind a preset offers a scope, Set up this project shows. */
const NOTEBOOK_ON_GITHUB = '/github/octocat/hello-world/blob/master/notebooks/a.ipynb';

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

type Replica = {
  failNextExecution(error: { ename: string; evalue: string }): void;
  disconnect(): void;
  showGpuLimit(): void;
  setRuntimeDialog(options: { greyedOut: string[] }): void;
};

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

  // --- The surfaces of issues 17–21 ------------------------------------------------------------

  for (const theme of THEMES) {
    const colabFlags = theme === 'dark' ? ['dark'] : [];

    test(`options page: the import review and the presets that cannot be used, ${theme}`, async ({ page, extensionId, serviceWorker }) => {
      await page.emulateMedia({ colorScheme: theme });
      // A stored preset today's rules refuse (a pip option in a package list) is quarantined.
      const quarantined = { id: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f', name: 'Old rules', notebooks: [`drive:${DRIVE_ID}`], steps: [{ recipe: 'pip-install', params: { packages: ['-r req.txt'] } }], autoRun: true, oneCell: false, keepInstalls: false, updatedAt: 1_700_000_000_001 };
      await serviceWorker.evaluate((presets) => chrome.storage.local.set({ presets: { schemaVersion: 3, presets } }), [quarantined]);
      await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
      await expect(page.getByRole('list', { name: 'Presets that cannot be used' }).getByRole('listitem').filter({ hasText: 'Old rules' })).toContainText('presets[0].steps[0].params.packages');
      await expectNoViolations(page, `the options page with a quarantined preset (${theme})`);

      // The review of an import: code it runs, notebooks, a request it does not grant.
      const steps = [{ recipe: 'python', params: { code: "print('one')" } }, { recipe: 'git-clone', params: { url: 'https://github.com/owner/tools' } }];
      const file = { format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'Reviewed', notebooks: [`drive:${DRIVE_ID}`], steps, showOnToolbar: true }, { name: 'Unbound', notebooks: [], steps: [{ recipe: 'gpu-check', params: {} }] }] };
      await page.getByLabel('Import presets').setInputFiles({ name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
      const review = page.getByRole('dialog', { name: 'Review the import' });
      await expect(review.getByText('Runs code', { exact: true })).toHaveCount(2);
      await expectNoViolations(page, `the options page's import review (${theme})`);
    });

    test(`toolbar: the carried-setup Review, Change runtime… menu, Bind a preset panel, Add to setup offer and GPU-limit notice, ${theme}`, async ({ page, extensionId }) => {
      // A preset bound to no notebook: Bind a preset lists it, and no preset covers this notebook, so its carried setup is offered for review.
      await importPresets(page, extensionId, { format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'Unbound', notebooks: [], steps: [{ recipe: 'gpu-check', params: {} }] }] });
      const carried = `# Colab Launchpad setup: Carried\n# launchpad-setup ${JSON.stringify({ format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'Carried', steps: [{ recipe: 'pip-install', params: { packages: ['einops==0.8.0'] } }, { recipe: 'python', params: { code: "print('carried')" } }] }] })}`;
      await openNotebook(page, NOTEBOOK_ON_GITHUB, ['runtime:t4', `cell:${Buffer.from(carried, 'utf8').toString('base64url')}`, ...colabFlags]);
      await expectOneToolbar(page);
      await expect(page.locator(TOOLBAR_HOST)).toHaveAttribute('data-theme', theme);

      await toolbar(page).getByRole('button', { name: 'Review setup' }).click();
      const review = page.getByRole('dialog', { name: 'Review setup “Carried”' });
      await expect(review.getByRole('listitem')).toHaveCount(2);
      await expectNoViolations(page, `the carried-setup Review dialog (${theme})`, TOOLBAR);
      await page.keyboard.press('Escape');
      await expect(review).toBeHidden();

      // One accelerator greyed out in Colab: its item says so.
      await page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.setRuntimeDialog({ greyedOut: ['GPU,H100'] }));
      await toolbar(page).getByRole('button', { name: 'Change runtime…' }).click();
      const accelerators = page.getByRole('menu', { name: 'Accelerators Colab offers' });
      await expect(accelerators.getByRole('menuitem', { name: /^H100 GPU/ })).toHaveText('H100 GPUUnavailable (greyed out in Colab)');
      await expectNoViolations(page, `the Change runtime… menu (${theme})`, TOOLBAR);
      await page.keyboard.press('Escape');
      await expect(accelerators).toBeHidden();

      await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
      await page.getByRole('menuitem', { name: /Bind a preset/ }).click();
      const bind = toolbar(page).locator('section.bind');
      await expect(bind.getByLabel('Preset')).toBeFocused();
      await expect(bind.getByRole('radio')).toHaveCount(2);
      await expectNoViolations(page, `the Bind a preset panel (${theme})`, TOOLBAR);

      // The user's own install cell: Add to setup offers it.
      await expect(toolbar(page).locator('.capture-watch')).toHaveAttribute('data-watching', 'true');
      await runOwnCell(page, '!pip install einops==0.8.0');
      const offer = toolbar(page).getByRole('group', { name: 'Add to setup' });
      await expect(offer).toContainText('einops==0.8.0');
      await expectNoViolations(page, `the Add to setup offer (${theme})`, TOOLBAR);

      // Colab cannot give the T4: the toolbar says so.
      await page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.disconnect());
      await page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.showGpuLimit());
      await expect(toolbar(page).getByRole('status').filter({ hasText: 'Colab cannot give this notebook a GPU now' })).toBeVisible();
      await expectNoViolations(page, `the GPU-limit notice (${theme})`, TOOLBAR);
    });

    test(`Run setup panel: the held-packages note and the lock-drift note, ${theme}`, async ({ page, extensionId }) => {
      await importPresets(page, extensionId, notesPresetFile('Held'));
      await openNotebook(page, `/drive/${DRIVE_ID}`, colabFlags);
      await expectOneToolbar(page);
      await holdNextStep(page);
      await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
      const panel = page.getByRole('region', { name: 'Setup: Held' });
      await expect(panel.getByRole('alert')).toContainText('ipython 8.5.0 → 7.34.0');
      await expectNoViolations(page, `the Run setup panel's held-packages note (${theme})`, TOOLBAR);

      await panel.getByRole('button', { name: 'Skip' }).click();
      await expect(panel.locator('.lock-drift').getByRole('button', { name: 'Keep the lock' })).toBeVisible();
      expect((await executions(page)).length).toBe(2);
      await expectNoViolations(page, `the Run setup panel's lock-drift note (${theme})`, TOOLBAR);
    });
  }

  test.describe('with a real IPython', () => {
    // Branch `release/2.x` only: reading at `release` fails and the branch choice shows. One repository per theme, as a clone stays in the runtime.
    const REPOS = { light: 'octocat/hello-world', dark: 'octocat/spoon-knife' } as const;
    const files = { 'requirements.txt': 'einops==0.8.0\n', 'apt.txt': 'graphviz\n', 'notebooks/a.ipynb': '{}\n' };
    test.use({ realKernelOptions: { repos: Object.fromEntries(Object.values(REPOS).map((repo) => [`https://github.com/${repo}`, { 'release/2.x': files }])) } });

    test('Set up this project: the branch choice and the review, light and dark', async ({ page, realKernel }) => {
      for (const theme of THEMES) {
        const repo = REPOS[theme];
        await openNotebook(page, `/github/${repo}/blob/release/2.x/notebooks/a.ipynb`, ['kernel:ipython', ...(theme === 'dark' ? ['dark'] : [])]);
        await expectOneToolbar(page);
        await toolbar(page).getByRole('button', { name: /Set up this project/ }).click();
        const choice = page.getByRole('dialog', { name: `Which branch of ${repo}?` });
        await expect(choice.getByRole('radio', { name: 'release/2.x', exact: true })).toBeChecked({ timeout: 30_000 });
        await expectNoViolations(page, `the Set up this project branch choice (${theme})`, TOOLBAR);
        await choice.getByRole('button', { name: 'Set up this project' }).click();
        const review = page.getByRole('dialog', { name: `Set up ${repo}` });
        await expect(review).toContainText('requirements.txt', { timeout: 30_000 });
        await expectNoViolations(page, `the Set up this project review (${theme})`, TOOLBAR);
        // A step opened for editing, with its fields and Apply.
        await review.getByRole('button', { name: /^Edit step 1:/ }).click();
        await expect(review.getByRole('button', { name: 'Apply' })).toBeVisible();
        await expectNoViolations(page, `the Set up this project review editing a step (${theme})`, TOOLBAR);
        await review.getByRole('button', { name: 'Cancel' }).click();
      }
      expect(realKernel.calls().filter((call) => call.tool === 'git').length).toBeGreaterThan(0);
    });
  });
});
