import type { Page, Worker } from '@playwright/test';
import { generateCell, generateCode } from '../src/recipes/cell';
import { DRIVE_ID, confirmImport, executions, expect, expectOneToolbar, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

type Replica = {
  failNextExecution(error: { ename: string; evalue: string }): void;
  disconnect(): void;
  executions: { code: string; status: string }[];
};

const NOTEBOOK = `drive:${DRIVE_ID}`;

function presetsFile(steps: { recipe: string; params: Record<string, unknown> }[], extra: Record<string, unknown> = {}) {
  return { format: 'colab-launchpad/presets', version: 1, presets: [{ name: 'E2E setup', notebooks: [NOTEBOOK], steps, ...extra }] };
}

const THREE_STEPS = [
  { recipe: 'mount-drive', params: {} },
  { recipe: 'python', params: { code: "print('step two')" } },
  { recipe: 'python', params: { code: "print('step three')" } },
];

/** Stores presets the way the options page does (import), then sets flags the file format leaves out. */
async function importPresets(page: Page, extensionId: string, file: object): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await page.getByLabel('Import presets').setInputFiles({ name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await confirmImport(page);
  await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toBeVisible();
}

async function setPresetFlags(serviceWorker: Worker, flags: { autoRun?: boolean; oneCell?: boolean }): Promise<void> {
  await serviceWorker.evaluate(async (f) => {
    const { presets } = (await chrome.storage.local.get('presets')) as { presets: { presets: Record<string, unknown>[] } };
    presets.presets = presets.presets.map((p) => ({ ...p, ...f, updatedAt: Date.now() }));
    await chrome.storage.local.set({ presets });
  }, flags);
}

const replica = (page: Page) => page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.executions.map((e) => e.code));
/** The code under a form cell's title and marker lines (what it ran before cells were forms). */
const bodies = async (page: Page) => (await replica(page)).map((code) => code.split('\n').slice(2).join('\n'));
const runSetupButton = (page: Page) => toolbar(page).getByRole('button', { name: /^Run setup/ });
const panel = (page: Page) => page.getByRole('region', { name: 'Setup: E2E setup' });

test.describe('Run setup', () => {
  test.beforeEach(async ({ serviceWorker }) => {
    await resetStorage(serviceWorker);
    await serviceWorker.evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });
  });

  test('a preset imported on the options page runs its steps in order on the matching notebook', async ({ page, extensionId, serviceWorker }) => {
    await importPresets(page, extensionId, presetsFile(THREE_STEPS));
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4']);
    await expectOneToolbar(page);
    await runSetupButton(page).click();

    await expect(runStatus(page)).toHaveText('Setup “E2E setup” done: 3 ran, 0 already done.');
    expect(await bodies(page)).toEqual([generateCode('mount-drive', {}), "print('step two')", "print('step three')"]);
    expect((await replica(page)).map((code) => code.split('\n')[0])).toEqual([
      '# @title Setup “E2E setup” 1/3: Mount Drive { display-mode: "form" }',
      `# @title Setup “E2E setup” 2/3: Run Python (print('step two')) { display-mode: "form" }`,
      `# @title Setup “E2E setup” 3/3: Run Python (print('step three')) { display-mode: "form" }`,
    ]);
    const rows = panel(page).getByRole('listitem');
    await expect(rows).toHaveText([/Mount Drive.*Done/, /Run Python: print\('step two'\).*Done/, /Run Python: print\('step three'\).*Done/]);
    expect((await executions(page)).map((e) => e.status)).toEqual(['ok', 'ok', 'ok']);
    // The user clicked and watched it: no notification.
    expect(Object.keys(await serviceWorker.evaluate(() => chrome.notifications.getAll()))).toEqual([]);

    // A second run on the same (warm) runtime: Drive says it is already mounted, so that step is skipped.
    await panel(page).getByRole('button', { name: 'Close' }).click();
    await expect(panel(page)).toBeHidden();
    await runSetupButton(page).click();
    await expect(runStatus(page)).toHaveText('Setup “E2E setup” done: 2 ran, 1 already done.');
    await expect(rows.first()).toContainText('Already done');
  });

  test('a failing middle step stops the rest and says which step failed', async ({ page, extensionId }) => {
    await importPresets(page, extensionId, presetsFile([
      { recipe: 'python', params: { code: "print('one')" } },
      { recipe: 'python', params: { code: "raise ValueError('broken step')" } },
      { recipe: 'python', params: { code: "print('never')" } },
    ]));
    await openNotebook(page, `/drive/${DRIVE_ID}`);
    await expectOneToolbar(page);
    await runSetupButton(page).click();

    await expect(runStatus(page)).toHaveText("Setup “E2E setup” stopped at step 2 (Run Python: raise ValueError('broken step')): ValueError: broken step");
    expect(await bodies(page)).toEqual(["print('one')", "raise ValueError('broken step')"]);
    await expect(panel(page).getByRole('listitem')).toHaveText([/Done/, /Failed: ValueError: broken step/, /Not run/]);
    // Nothing more runs later either.
    await page.waitForTimeout(500);
    expect(await replica(page)).toHaveLength(2);
  });

  test('a restart step is followed, after the new kernel is up, by the next step', async ({ page, extensionId }) => {
    await importPresets(page, extensionId, presetsFile([
      { recipe: 'python', params: { code: "print('before')" } },
      { recipe: 'restart-runtime', params: {} },
      { recipe: 'python', params: { code: "print('after')" } },
    ]));
    await openNotebook(page, `/drive/${DRIVE_ID}`);
    await expectOneToolbar(page);
    await runSetupButton(page).click();
    await expect(runStatus(page)).toHaveText('Setup “E2E setup” done: 3 ran, 0 already done.', { timeout: 15_000 });
    const runs = await page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.executions.map((e) => [e.code.split('\n').at(-1), e.status]));
    expect(runs).toEqual([["print('before')", 'ok'], ['os.kill(os.getpid(), signal.SIGKILL)', 'killed'], ["print('after')", 'ok']]);
  });

  test('one cell for the whole preset when the user chose it', async ({ page, extensionId, serviceWorker }) => {
    await importPresets(page, extensionId, presetsFile(THREE_STEPS));
    await setPresetFlags(serviceWorker, { oneCell: true });
    await openNotebook(page, `/drive/${DRIVE_ID}`);
    await expectOneToolbar(page);
    await runSetupButton(page).click();
    await expect(runStatus(page)).toHaveText('Setup “E2E setup” done: 1 ran, 0 already done.');
    const codes = await bodies(page);
    expect(codes).toHaveLength(1);
    expect(codes[0]).toBe(generateCell(THREE_STEPS));
    // Run Python steps run as cells of their own, so one cannot change how the next parses (review I6).
    expect(codes[0]).toMatch(/\n_launchpad_mount_drive\('\/content\/drive', False\)\n\n_launchpad_python\('print\(\\'step two\\'\)'\)\n\n_launchpad_python\('print\(\\'step three\\'\)'\)$/);
    expect((await replica(page))[0]?.split('\n')[0]).toBe('# @title Setup “E2E setup”: all 3 steps in one cell { display-mode: "form" }');
    await expect(panel(page).getByRole('listitem')).toHaveText([/All 3 steps in one cell.*Done/]);
  });

  test('after a reconnect the toolbar says setup is needed, and automatic setup runs by itself', async ({ page, extensionId, serviceWorker }) => {
    await importPresets(page, extensionId, presetsFile(THREE_STEPS));
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4']);
    await expectOneToolbar(page);
    await expect(runSetupButton(page)).toBeVisible();
    await expect(runSetupButton(page)).not.toContainText('Setup needed');

    await page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.disconnect());
    await page.getByRole('button', { name: 'Reconnect' }).first().click();
    await expect(runSetupButton(page)).toContainText('Setup needed');
    expect(await replica(page)).toEqual([]);

    // With automatic setup on, the next fresh runtime runs the preset without a click.
    await setPresetFlags(serviceWorker, { autoRun: true });
    await page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.disconnect());
    await page.getByRole('button', { name: 'Reconnect' }).first().click();
    await expect(runStatus(page)).toHaveText('Setup “E2E setup” done: 3 ran, 0 already done.');
    await expect(runSetupButton(page)).not.toContainText('Setup needed');
    expect(await replica(page)).toHaveLength(3);
    // It ran without a click, so a notification says how it ended (and brings the tab back).
    await expect.poll(async () => Object.keys(await serviceWorker.evaluate(() => chrome.notifications.getAll()))).toContainEqual(expect.stringMatching(/^launchpad:setup-finished:\d+$/));
  });

  test('Save as preset stores what ran in this notebook, and Run setup appears for it', async ({ page, serviceWorker }) => {
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4']);
    await expectOneToolbar(page);
    await expect(runSetupButton(page)).toHaveCount(0);
    await toolbar(page).getByRole('button', { name: 'Mount Drive' }).click();
    await expect(runStatus(page)).toHaveText('Mount Drive: done');
    await toolbar(page).getByRole('button', { name: 'GPU check' }).click();
    await expect(runStatus(page)).toHaveText(/GPU check: done/);

    await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
    await page.getByRole('menuitem', { name: /Save as preset/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Save as preset' });
    await dialog.getByRole('button', { name: 'Save preset' }).click();
    await expect(dialog.getByRole('alert')).toContainText('name');
    expect(await serviceWorker.evaluate(() => chrome.storage.local.get('presets'))).toEqual({});

    await dialog.getByLabel('Preset name').fill('我的配置');
    await dialog.getByLabel('GPU check').uncheck();
    await dialog.getByRole('button', { name: 'Save preset' }).click();
    await expect(runStatus(page)).toHaveText('Saved preset “我的配置”. Run setup replays it after a reset.');
    const stored = (await serviceWorker.evaluate(() => chrome.storage.local.get('presets'))) as { presets: { presets: { name: string; notebooks: string[]; steps: unknown[] }[] } };
    expect(stored.presets.presets).toMatchObject([{ name: '我的配置', notebooks: [NOTEBOOK], steps: [{ recipe: 'mount-drive', params: {} }] }]);
    await expect(runSetupButton(page)).toBeVisible();
  });
});
