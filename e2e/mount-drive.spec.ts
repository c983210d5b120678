import { toolbarEntry } from '../src/recipes';
import { entryCode } from '../src/recipes/cell';
import { translator } from '../test/translate';
import { cells, executions, expect, expectOneToolbar, openNotebook, test, toolbar, DRIVE_ID, HOST, runStatus } from './fixtures';

/** The form cell Mount Drive writes: its title, its marker, then the mount helper's code. */
const MOUNT_CODE = (() => {
  const entry = toolbarEntry('mount-drive');
  const code = entry && entryCode(entry, {}, translator('en'));
  if (!code?.ok) throw new Error('no Mount Drive cell');
  return code.code;
})();

type Replica = { failNextExecution(error: { ename: string; evalue: string }): void };

test('Mount Drive inserts one cell below the focused cell, runs it and reports done', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  const before = await cells(page);
  const focusedIndex = before.findIndex((c) => c.focused);
  expect(focusedIndex, 'the demo notebook starts with a focused cell').toBeGreaterThanOrEqual(0);

  const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
  await mount.click();
  await expect(mount).toHaveAttribute('data-state', 'running');
  await expect(mount).toHaveAttribute('aria-busy', 'true');
  await expect(mount).toHaveAttribute('data-state', 'done');
  await expect(runStatus(page)).toHaveText('Mount Drive: done');

  const after = await cells(page);
  expect(after).toHaveLength(before.length + 1);
  const inserted = after[focusedIndex + 1];
  expect(inserted?.text).toBe(MOUNT_CODE);
  expect(after.filter((c) => !before.some((b) => b.id === c.id))).toHaveLength(1);
  const runs = await executions(page);
  expect(runs).toEqual([expect.objectContaining({ cellId: inserted?.id, code: MOUNT_CODE })]);
  await expect(page.locator(`#cell-${inserted?.id} .output`)).toContainText('Mounted at /content/drive');
});

test('with no focused cell, Mount Drive appends the cell at the end', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['focus:none']);
  await expectOneToolbar(page);
  const before = await cells(page);
  expect(before.some((c) => c.focused)).toBe(false);
  const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
  await mount.click();
  await expect(mount).toHaveAttribute('data-state', 'done');
  const after = await cells(page);
  expect(after.slice(0, -1).map((c) => c.id)).toEqual(before.map((c) => c.id));
  expect(after.at(-1)?.text).toBe(MOUNT_CODE);
});

test('a failing run shows failed with the error’s first line', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  await page.evaluate(() =>
    (window as unknown as { __replica: Replica }).__replica.failNextExecution({ ename: 'MessageError', evalue: 'Error: credential propagation was unsuccessful' }),
  );
  const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
  await mount.click();
  await expect(mount).toHaveAttribute('data-state', 'failed');
  await expect(mount).toContainText('Failed');
  await expect(runStatus(page)).toContainText('Mount Drive failed: MessageError: Error: credential propagation was unsuccessful — Likely cause:');
  // Running again clears the failure and reports the new outcome.
  await mount.click();
  await expect(mount).toHaveAttribute('data-state', 'done');
});

test('clicking again while a run is in flight does not start a second run', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:1500']);
  await expectOneToolbar(page);
  const before = (await cells(page)).length;
  const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
  await mount.click();
  await expect(mount).toHaveAttribute('data-state', 'running');
  // aria-disabled keeps the button focusable; Playwright would wait for it, so click regardless.
  await mount.click({ force: true });
  await mount.press('Enter');
  await expect(mount).toHaveAttribute('data-state', 'done');
  expect((await cells(page)).length).toBe(before + 1);
  expect(await executions(page)).toHaveLength(1);
});

test('on a notebook that is not connected, running connects first and then reports done', async ({ page }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['state:not-connected']);
  await expectOneToolbar(page);
  const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
  await mount.click();
  await expect(mount).toHaveAttribute('data-state', 'done');
  const state = await page.evaluate(() =>
    (window as unknown as { colab: { global: { notebook: { kernel: { isConnected(): boolean } } } } }).colab.global.notebook.kernel.isConnected(),
  );
  expect(state).toBe(true);
});

test('without Colab’s page API, Mount Drive shows an alert, copies the code and inserts nothing', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: HOST });
  await openNotebook(page, `/drive/${DRIVE_ID}`, ['no-api']);
  await expectOneToolbar(page);
  const before = await cells(page);
  const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
  await mount.click();
  const alert = toolbar(page).getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Mount Drive could not run in this notebook');
  await expect(alert).toContainText('window.colab.global.notebook');
  await expect(alert).toContainText('on your clipboard');
  await expect(mount).toHaveAttribute('data-state', 'unavailable');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(MOUNT_CODE);
  expect(await cells(page)).toEqual(before);
  expect(await page.evaluate(() => (window as { colab?: unknown }).colab)).toBeUndefined();
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();
});
