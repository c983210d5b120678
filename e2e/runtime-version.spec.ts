/**
 * Issue 21, part 3: a preset pins a Colab runtime version. Colab forgets it across sessions, so
 * Run setup chooses it again through Colab's "Change runtime version" before the steps, after
 * every reset; a version Colab does not offer is refused visibly, with the runtime left as it is.
 * (The replica's version dialog is invented: the evidence names only the command and versions.)
 */
import type { Page } from '@playwright/test';
import { DRIVE_ID, expect, expectOneToolbar, importPresets, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

type Replica = {
  dialogClicks: string[];
  executions: unknown[];
  runtimeVersion(): string;
  resetVm(): Promise<boolean>;
  setRuntimeDialog(options: { versions?: string[] }): void;
};
const replica = <T,>(page: Page, call: (r: Replica) => T) => page.evaluate(`(${call.toString()})(window.__replica)`) as Promise<T>;

const FILE = { format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'Pinned', notebooks: [`drive:${DRIVE_ID}`], steps: [{ recipe: 'python', params: { code: "print('step ran')" } }], runtimeVersion: '2026.04' }] };
const panel = (page: Page) => page.getByRole('region', { name: 'Setup: Pinned' });
const runSetup = (page: Page) => toolbar(page).getByRole('button', { name: /^(Run setup|Setup needed)/ });

/** Records the runtime version each cell execution starts on. */
const recordVersionAtRun = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __replica: Replica; versionsAtRun?: string[] };
    if (w.versionsAtRun) return void (w.versionsAtRun.length = 0);
    w.versionsAtRun = [];
    const list = w.__replica.executions;
    const push = list.push.bind(list);
    list.push = (...items: unknown[]) => {
      w.versionsAtRun?.push(w.__replica.runtimeVersion());
      return push(...items);
    };
  });
const versionsAtRun = (page: Page) => page.evaluate(() => (window as unknown as { versionsAtRun: string[] }).versionsAtRun);

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

test('Run setup chooses the pinned runtime version before the steps, again after a reset', async ({ page, extensionId }) => {
  await importPresets(page, extensionId, FILE);
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:cpu']);
  await expectOneToolbar(page);
  expect(await replica(page, (r) => r.runtimeVersion())).toBe('2026.07');
  await recordVersionAtRun(page);

  await runSetup(page).click();
  await expect(runStatus(page)).toHaveText('Setup “Pinned” done: 1 ran, 0 already done.', { timeout: 20_000 });
  await expect(panel(page)).toContainText('Runtime version 2026.04 chosen again through Colab’s “Change runtime version”');
  expect(await replica(page, (r) => r.runtimeVersion())).toBe('2026.04');
  expect(await versionsAtRun(page)).toEqual(['2026.04']);
  expect(await replica(page, (r) => r.dialogClicks)).toEqual(['change-runtime-version:ok']);

  // A reset: Colab is back on its default version; Run setup chooses the pin again first.
  await replica(page, (r) => r.resetVm());
  expect(await replica(page, (r) => r.runtimeVersion())).toBe('2026.07');
  await recordVersionAtRun(page);
  await runSetup(page).click();
  await expect(runStatus(page)).toHaveText('Setup “Pinned” done: 1 ran, 0 already done.', { timeout: 20_000 });
  expect(await replica(page, (r) => r.runtimeVersion())).toBe('2026.04');
  expect(await versionsAtRun(page)).toEqual(['2026.04']);
  expect(await replica(page, (r) => r.dialogClicks)).toEqual(['change-runtime-version:ok', 'change-runtime-version:ok']);
});

test('a version Colab does not offer is refused visibly and the runtime is left as it is', async ({ page, extensionId }) => {
  await importPresets(page, extensionId, FILE);
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:cpu']);
  await expectOneToolbar(page);
  await replica(page, (r) => r.setRuntimeDialog({ versions: ['2026.07'] }));

  await runSetup(page).click();
  await expect(panel(page)).toContainText('Colab does not offer runtime version 2026.04 now: Launchpad left the runtime as it is.');
  await expect(runStatus(page)).toHaveText('Setup “Pinned” done: 1 ran, 0 already done.', { timeout: 20_000 });
  expect(await replica(page, (r) => r.runtimeVersion())).toBe('2026.07');
  // Launchpad opened Colab's dialog, found no such version, and closed it unchanged.
  expect(await replica(page, (r) => r.dialogClicks)).toEqual(['change-runtime-version:cancel']);
  await expect(page.locator('body > mwc-dialog.change-runtime-version')).toHaveCount(0);
});

test('the editor pins, refuses a bad version with nothing saved, and clears the runtime version', async ({ page, extensionId, serviceWorker }) => {
  await importPresets(page, extensionId, FILE);
  await page.getByRole('list', { name: 'Presets' }).getByRole('button', { name: 'Edit “Pinned”' }).click();
  const field = page.locator('section.editor').getByRole('group', { name: 'Runtime this preset needs' }).getByLabel(/^Runtime version/);
  const stored = () => serviceWorker.evaluate(async () => ((await chrome.storage.local.get('presets')) as { presets: { presets: { runtimeVersion?: string }[] } }).presets.presets[0]?.runtimeVersion ?? null);
  await expect(field).toHaveValue('2026.04');

  await field.fill('2026.01');
  await field.press('Enter');
  await expect.poll(stored).toBe('2026.01');
  await field.fill('26.7');
  await field.press('Enter');
  await expect(page.getByRole('alert')).toContainText('“26.7” is not a Colab runtime version');
  expect(await stored()).toBe('2026.01');
  await field.fill('');
  await field.press('Enter');
  await expect.poll(stored).toBeNull();
});
