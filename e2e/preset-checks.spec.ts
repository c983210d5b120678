/**
 * A preset's own checks (issue 19 part 4) in the browser. With the real IPython behind the replica
 * and a local package index: the import review lists the checks (a command marked "Runs code"), Run
 * setup runs them after the steps, and the toolbar counts them with the default import check
 * ("Ready in N s · k/k checks"); a failing check fails the run and is named. On the options page
 * the editor adds, edits and removes checks, refusing a bad value next to its field with nothing saved.
 * A setup carried in a notebook lists its checks in Review setup and runs them after its steps.
 */
import type { Page, Worker } from '@playwright/test';
import type { Preset } from '../src/presets';
import { DRIVE_ID, HOST, executions, expect, expectOneToolbar, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

const REAL = ['kernel:ipython'];

test.use({ realKernelOptions: { packages: [['lp-demo-widgets', '1.0.0']] } });

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

const MAKE_FILES = "import os\nos.makedirs('data', exist_ok=True)\nopen('data/train.csv', 'w').close()\nos.makedirs('models', exist_ok=True)";

const file = (checks: object[]) => ({
  format: 'colab-launchpad/presets',
  version: 2,
  presets: [{
    name: 'Proven',
    notebooks: [`drive:${DRIVE_ID}`],
    steps: [
      { recipe: 'pip-install', params: { packages: ['lp-demo-widgets'] } },
      { recipe: 'python', params: { code: MAKE_FILES } },
    ],
    checks,
  }],
});

const CHECKS = [
  { kind: 'import', module: 'lp_demo_widgets', version: '==1.0.0' },
  { kind: 'command', argv: ['python3', '-c', 'import sys; sys.exit(0)'], timeout: 30 },
  { kind: 'file', path: 'data/train.csv' },
  { kind: 'folder', path: 'models' },
];

/** Imports `presets` through the options page; the review must list the checks before Import. */
async function importReviewed(page: Page, extensionId: string, presets: object): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await page.getByLabel('Import presets').setInputFiles({ name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(presets)) });
  const review = page.getByRole('dialog', { name: 'Review the import' });
  await expect(review.getByText('Checks after the steps')).toBeVisible();
  await expect(review.locator('ul.checks li.runs-code')).toHaveText(["Command succeeds within 30 s: python3 -c 'import sys; sys.exit(0)' Runs code"]);
  await review.locator('button[data-action="import"]').click();
  await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toBeVisible();
}

async function runSetup(page: Page) {
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
  return page.getByRole('region', { name: 'Setup: Proven' });
}

test('an import with a version, a command, a file and a folder: "Ready in N s · 5/5 checks"', async ({ page, extensionId, realKernel }) => {
  await importReviewed(page, extensionId, file(CHECKS));
  const panel = await runSetup(page);
  // The pip step's own import check, then the preset's four.
  await expect(runStatus(page)).toHaveText(/^Setup “Proven” done: 3 ran, 0 already done\. Ready in \d+ s · 5\/5 checks$/, { timeout: 60_000 });
  await expect(panel.locator('ol.steps > li .label')).toHaveText(['pip install: lp-demo-widgets', /^Run Python/, 'Checks (4)']);
  const said = realKernel.history.at(-1)?.reply.outputs.map((o) => ('text' in o ? o.text : '')).join('') ?? '';
  expect(said).toContain('All 4 checks passed.');
  expect(said).toContain('LAUNCHPAD_CHECK {"kind": "import", "name": "lp_demo_widgets==1.0.0", "ok": true}');
});

test('a failing check fails the run and its name is visible', async ({ page, extensionId, realKernel }) => {
  await importReviewed(page, extensionId, file([...CHECKS.slice(0, 2), { kind: 'import', module: 'lp_demo_widgets', version: '>=2' }, { kind: 'file', path: 'data/missing.csv' }]));
  const panel = await runSetup(page);
  await expect(runStatus(page)).toContainText('stopped at step 3 (Checks (4)): LaunchpadError: 2 of 4 checks failed: import lp_demo_widgets>=2: version 1.0.0 found, >=2 wanted; file data/missing.csv: not found', { timeout: 60_000 });
  await expect(runStatus(page)).not.toContainText('Ready in');
  await expect(panel.locator('li[data-state="failed"] .label')).toHaveText('Checks (4)');
  // Every check ran: the two that pass said so too.
  const said = realKernel.history.at(-1)?.reply.outputs.map((o) => ('text' in o ? o.text : '')).join('') ?? '';
  expect(said.match(/^LAUNCHPAD_CHECK .*"ok": true/gm)).toHaveLength(2);
});

// --- the editor -----------------------------------------------------------------------------------

const ID = '6f1c2a9e-1b7d-4c1e-9a3b-2f4e5d6c7b8a';

async function stored(sw: Worker): Promise<Preset[]> {
  const { presets } = await sw.evaluate(() => chrome.storage.local.get('presets'));
  return (presets as { presets: Preset[] } | undefined)?.presets ?? [];
}

test('the editor adds, edits and removes checks; a bad value is refused next to its field and nothing is saved', async ({ page, extensionId, serviceWorker }) => {
  const seeded = { id: ID, name: 'Thesis', notebooks: [], steps: [{ recipe: 'mount-drive', params: {} }], autoRun: false, oneCell: false, keepInstalls: true, updatedAt: 1_000 };
  await serviceWorker.evaluate((store) => chrome.storage.local.set({ presets: store }), { schemaVersion: 3, presets: [seeded] });
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await page.getByRole('list', { name: 'Presets' }).getByRole('button', { name: 'Edit “Thesis”' }).click();
  const checks = page.getByRole('group', { name: 'Checks after the steps' });

  // Keyboard only: open the form (focus lands on the kind), type a bad version, submit with Enter.
  await checks.getByRole('button', { name: 'Add check' }).click();
  const form = checks.getByRole('form', { name: 'Add check' });
  await expect(form.getByLabel('Check', { exact: true })).toBeFocused();
  const value = form.getByLabel('Import a module (optionally with a version, such as timm==1.0.0)');
  await value.fill('timm==latest');
  await value.press('Enter');
  await expect(form.getByRole('alert')).toHaveText('“==latest” is not a version requirement such as ==1.0.0 or >=2.8,<3.');
  await expect(value).toHaveAttribute('aria-invalid', 'true');
  await expect(value).toBeFocused();
  expect((await stored(serviceWorker))[0]?.checks).toBeUndefined();

  await value.fill('timm==1.0.0');
  await value.press('Enter');
  const list = checks.getByRole('list');
  await expect(list.getByRole('listitem')).toHaveText([/^Imports timm==1\.0\.0/]);
  await expect(checks.getByRole('button', { name: 'Add check' })).toBeFocused();
  expect((await stored(serviceWorker))[0]?.checks).toEqual([{ kind: 'import', module: 'timm', version: '==1.0.0' }]);

  // A command, one word per line: the words are stored as they are (no shell, no splitting on spaces).
  await checks.getByRole('button', { name: 'Add check' }).click();
  await form.getByLabel('Check', { exact: true }).selectOption('command');
  await form.getByLabel('Command that must succeed (one word per line)').fill('echo\n$HOME {x}\nit\'s "q"');
  const limit = form.getByLabel('Time limit in seconds');
  await limit.fill('0');
  await form.getByRole('button', { name: 'Add check' }).click();
  await expect(form.getByRole('alert')).toHaveText('A time limit is a whole number of seconds from 1 to 3600.');
  await expect(limit).toBeFocused();
  expect((await stored(serviceWorker))[0]?.checks).toHaveLength(1);
  await limit.fill('20');
  await form.getByRole('button', { name: 'Add check' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  expect((await stored(serviceWorker))[0]?.checks?.[1]).toEqual({ kind: 'command', argv: ['echo', '$HOME {x}', 'it\'s "q"'], timeout: 20 });

  // Edit the first into a GPU check, then remove the command.
  await list.getByRole('button', { name: 'Edit check: Imports timm==1.0.0' }).click();
  const edit = checks.getByRole('form', { name: 'Save check' });
  await edit.getByLabel('Check', { exact: true }).selectOption('gpu');
  await edit.getByLabel('GPU model (such as T4)').fill('T4');
  await edit.getByRole('button', { name: 'Save check' }).click();
  await expect(list.getByRole('listitem').first()).toHaveText(/^GPU is T4/);
  await expect(list.getByRole('button', { name: 'Edit check: GPU is T4' })).toBeFocused();
  await list.getByRole('button', { name: /^Remove check: Command succeeds/ }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  expect((await stored(serviceWorker))[0]?.checks).toEqual([{ kind: 'gpu', model: 'T4' }]);
});

// --- a setup carried in the notebook --------------------------------------------------------------

test('a setup carried in the notebook lists its checks in Review setup, and Run runs them after the steps', async ({ page }) => {
  const setup = { format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'Carried', steps: [{ recipe: 'gpu-check', params: {} }], checks: [{ kind: 'command', argv: ['nvidia-smi', '-L'] }, { kind: 'gpu', model: 'T4' }] }] };
  const cell = `# Colab Launchpad setup: Carried\n# launchpad-setup ${JSON.stringify(setup)}`;
  await page.goto(`${HOST}/drive/${DRIVE_ID}?replica=cell:${Buffer.from(cell, 'utf8').toString('base64url')}`);
  const review = toolbar(page).getByRole('button', { name: 'Review setup' });
  await expect(review).toBeVisible();
  await review.click();
  const dialog = page.getByRole('dialog', { name: 'Review setup “Carried”' });
  await expect(dialog.locator('ul.carried-checks > li')).toHaveText(['Command succeeds within 60 s: nvidia-smi -L runs code', 'GPU is T4']);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runStatus(page)).toHaveText(/^Setup “Carried” done: 2 ran/);
  const last = (await executions(page)).at(-1)?.code.split('\n').at(-1);
  expect(last).toBe(`_launchpad_checks('${JSON.stringify(setup.presets[0]?.checks)}')`);
});
