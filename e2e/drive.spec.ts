/**
 * Drive as the runtime's memory, in the browser: an explained mount failure in the toolbar status
 * and the Run setup panel, with Retry; a Run setup replay after a VM reset reinstalling offline from
 * what "Keep installs on Drive" kept, allowed by the digest the cold run's output put into storage
 * (the replica's kernel models what the helpers print; their logic runs in real IPython in test/ipython).
 */
import { test as base, type Page } from '@playwright/test';
import { DRIVE_ID, HOST, confirmImport, executions, expect, expectOneToolbar, launchWithExtension, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

type Replica = {
  failNextExecution(error: { ename: string; evalue: string }): void;
  disconnect(): void;
  drive: { keptInstalls: Map<string, string>; packageIndexRequests: number };
};
const indexRequests = (page: Page) => page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.drive.packageIndexRequests);

const NOTEBOOK = `drive:${DRIVE_ID}`;
const CREDENTIAL = { ename: 'MessageError', evalue: 'Error: credential propagation was unsuccessful' };

async function importPreset(page: Page, extensionId: string, steps: object[]): Promise<void> {
  const file = { format: 'colab-launchpad/presets', version: 2, presets: [{ name: 'Drive setup', notebooks: [NOTEBOOK], steps, keepInstalls: true }] };
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await page.getByLabel('Import presets').setInputFiles({ name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await confirmImport(page);
  await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toBeVisible();
}

const runSetupButton = (page: Page) => toolbar(page).getByRole('button', { name: /^Run setup/ });
const panel = (page: Page) => page.getByRole('region', { name: 'Setup: Drive setup' });
const outputOf = (page: Page, cellId: string) => page.locator(`#cell-${cellId} .output`);

test('a failed mount says its likely cause and fix in the toolbar status, and Retry runs it again', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  await page.evaluate((error) => (window as unknown as { __replica: Replica }).__replica.failNextExecution(error), CREDENTIAL);
  await toolbar(page).getByRole('button', { name: 'Mount Drive' }).click();
  await expect(runStatus(page)).toContainText('Mount Drive failed: MessageError: Error: credential propagation was unsuccessful — Likely cause:');
  await expect(runStatus(page)).toContainText('a different Google account');
  await expect(runStatus(page)).toContainText('Fix: Retry and, in the popup, pick the account');
  // The status is one line; the whole explanation is shown under the toolbar, with Retry.
  await expect(toolbar(page).locator('.alert')).toBeVisible();
  await expect(toolbar(page).locator('.alert')).toContainText('Allow popups and cookies for colab.research.google.com and accounts.google.com');
  const retry = toolbar(page).getByRole('button', { name: 'Retry', exact: true });
  await retry.click();
  await expect(runStatus(page)).toHaveText('Mount Drive: done');
  await expect(retry).toBeHidden();
  const codes = (await executions(page)).map((e) => e.code.split('\n').at(-1));
  expect(codes).toEqual(["_launchpad_mount_drive('/content/drive', False)", "_launchpad_mount_drive('/content/drive', False)"]);
});

test('where force_remount is the fix, Retry remounts with force_remount=True; where nothing helps, there is no Retry', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  await page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.failNextExecution({ ename: 'ValueError', evalue: 'mount failed' }));
  await toolbar(page).getByRole('button', { name: 'Mount Drive' }).click();
  await expect(runStatus(page)).toContainText('DriveFS');
  await toolbar(page).getByRole('button', { name: 'Remount and retry' }).click();
  await expect(runStatus(page)).toHaveText('Mount Drive: done');
  expect((await executions(page)).at(-1)?.code.split('\n').at(-1)).toBe("_launchpad_mount_drive('/content/drive', True)");

  await page.evaluate(() =>
    (window as unknown as { __replica: Replica }).__replica.failNextExecution({
      ename: 'ValueError',
      evalue: 'The domain policy has disabled Drive File Stream: https://support.google.com/a/answer/7496409',
    }),
  );
  await toolbar(page).getByRole('button', { name: 'Mount Drive' }).click();
  await expect(runStatus(page)).toContainText('administrator has turned off Drive for desktop');
  await expect(toolbar(page).getByRole('button', { name: /Retry/ })).toHaveCount(0);
});

test('Run setup shows the explained failure in its panel, with Retry', async ({ page, extensionId, serviceWorker }) => {
  await resetStorage(serviceWorker);
  await importPreset(page, extensionId, [{ recipe: 'mount-drive', params: {} }, { recipe: 'python', params: { code: "print('after')" } }]);
  await openNotebook(page);
  await expectOneToolbar(page);
  await page.evaluate((error) => (window as unknown as { __replica: Replica }).__replica.failNextExecution(error), CREDENTIAL);
  await runSetupButton(page).click();
  const rows = panel(page).getByRole('listitem');
  await expect(rows.first()).toContainText('Failed: MessageError: Error: credential propagation was unsuccessful — Likely cause:');
  await expect(rows.first()).toContainText('tick every permission');
  await expect(rows.nth(1)).toContainText('Not run');
  await panel(page).getByRole('button', { name: 'Retry', exact: true }).click();
  await expect(runStatus(page)).toHaveText('Setup “Drive setup” done: 2 ran, 0 already done.');
});

test('a replay after a VM reset reinstalls offline from the installs kept on Drive, allowed by the digest stored with the preset', async ({ page, extensionId, serviceWorker }) => {
  await resetStorage(serviceWorker);
  await importPreset(page, extensionId, [{ recipe: 'mount-drive', params: {} }, { recipe: 'pip-install', params: { packages: ['einops'] } }]);
  await openNotebook(page);
  await expectOneToolbar(page);
  await runSetupButton(page).click();
  await expect(runStatus(page)).toHaveText('Setup “Drive setup” done: 2 ran, 0 already done.');
  const cold = (await executions(page)).at(-1);
  // Nothing recorded yet: the cell allows no archive.
  expect(cold?.code).toMatch(/_launchpad_pip_locked\(\[\('einops', 'einops', None, False\)\], \{\}, cache='\/content\/drive\/MyDrive\/\.colab-launchpad', allowed=\{\}\)$/);
  await expect(outputOf(page, cold?.cellId ?? '')).toContainText('Installing online, then keeping the wheels on Drive');
  const requestsAfterCold = await indexRequests(page);
  expect(requestsAfterCold).toBeGreaterThan(0);

  // The cell's LAUNCHPAD_CACHE line went to the worker, which stored it with the preset.
  const kept = await page.evaluate(() => [...(window as unknown as { __replica: Replica }).__replica.drive.keptInstalls]);
  expect(kept).toHaveLength(1);
  const [key, sha256] = kept[0] ?? ['', ''];
  expect(key).toMatch(/^cp312-.*-[0-9a-f]{16}$/);
  await expect(outputOf(page, cold?.cellId ?? '')).toContainText(`LAUNCHPAD_CACHE {"key": "${key}", "sha256": "${sha256}"}`);
  const stored = await serviceWorker.evaluate(async () => (await chrome.storage.local.get('presets')).presets as { presets: { installDigests?: { key: string; sha256: string }[] }[] });
  expect(stored.presets[0]?.installDigests?.map((d) => [d.key, d.sha256])).toEqual([[key, sha256]]);

  // A VM reset: the runtime goes away (installs and mounts with it), Drive stays.
  await page.evaluate(() => (window as unknown as { __replica: Replica }).__replica.disconnect());
  await page.getByRole('button', { name: 'Reconnect' }).first().click();
  await expect(runSetupButton(page)).toContainText('Setup needed');
  await runSetupButton(page).click();
  await expect(runStatus(page)).toHaveText('Setup “Drive setup” done: 2 ran, 0 already done.');
  const warm = (await executions(page)).at(-1);
  // The next cell is made from storage and carries the recorded digest as a literal.
  expect(warm?.code.split('\n').at(-1)).toBe(
    `_launchpad_pip_locked([('einops', 'einops', None, False)], {}, cache='/content/drive/MyDrive/.colab-launchpad', allowed={'${key}': ['${sha256}']})`,
  );
  await expect(outputOf(page, warm?.cellId ?? '')).toContainText('--no-index --find-links');
  await expect(outputOf(page, warm?.cellId ?? '')).toContainText('installed from Drive in 0.4 s, without the package index');
  expect(await indexRequests(page)).toBe(requestsAfterCold);
});

test('Clear install cache asks first; only Run runs it', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  const openDialog = async () => {
    await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
    await toolbar(page).getByRole('menuitem', { name: /^Clear install cache…/ }).click();
    const dialog = toolbar(page).getByRole('dialog');
    await expect(dialog).toContainText('Removes MyDrive/.colab-launchpad from your Google Drive');
    await expect(dialog).toContainText('Nothing else on Drive is touched');
    return dialog;
  };
  await (await openDialog()).getByRole('button', { name: 'Cancel' }).click();
  expect(await executions(page)).toEqual([]);
  await (await openDialog()).getByRole('button', { name: 'Run' }).click();
  await expect(runStatus(page)).toHaveText('Clear install cache: done');
  expect((await executions(page)).map((e) => e.code.split('\n').at(-1))).toEqual(["_launchpad_clear_install_cache('/content/drive/MyDrive/.colab-launchpad')"]);
});

// The explanation speaks the browser's language (the worker translates it).
base('a failed mount is explained in Simplified Chinese when the browser speaks it', async () => {
  const { context, close } = await launchWithExtension({ lang: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.goto(`${HOST}/drive/${DRIVE_ID}`);
    const bar = page.getByRole('toolbar', { name: 'Colab Launchpad' });
    await expect(bar.getByRole('button', { name: '挂载云端硬盘' })).toBeVisible();
    await page.evaluate(() =>
      (window as unknown as { __replica: Replica }).__replica.failNextExecution({ ename: 'OSError', evalue: '[Errno 107] Transport endpoint is not connected' }),
    );
    await bar.getByRole('button', { name: '挂载云端硬盘' }).click();
    await expect(bar.locator('span.status')).toContainText('可能的原因：会话期间与 Drive 的连接断开了');
    await bar.getByRole('button', { name: '重新挂载并重试' }).click();
    await expect(bar.locator('span.status')).toHaveText('挂载云端硬盘：完成');
  } finally {
    await close();
  }
});
