/**
 * Issue 17 items 4 and 5 on the options page: an import is reviewed before it is written; a stored
 * preset that fails today's validation is quarantined (listed with its problem, exportable as
 * stored, deletable) while the others run, sync and export; a storage error is shown with the
 * browser's message and changes nothing.
 */
import { readFile } from 'node:fs/promises';
import type { Page, Worker } from '@playwright/test';
import { DRIVE_ID, confirmImport, expect, expectOneToolbar, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

const NOTEBOOK = `drive:${DRIVE_ID}`;
const CODE = "import os\nprint('copied', os.listdir('/content'))";

const FILE = {
  format: 'colab-launchpad/presets',
  version: 2,
  presets: [
    {
      name: 'Mount Drive',
      notebooks: [NOTEBOOK, 'github:owner/repo/main/hw1.ipynb'],
      steps: [
        { recipe: 'mount-drive', params: {} },
        { recipe: 'python', params: { code: CODE } },
        { recipe: 'git-clone', params: { url: 'https://github.com/owner/tools' } },
      ],
      keepInstalls: true,
      showOnToolbar: true,
    },
    { name: 'Plain', notebooks: [], steps: [{ recipe: 'download', params: { url: 'https://example.org/data.zip', unzip: true } }, { recipe: 'gpu-check', params: {} }], keepInstalls: false },
  ],
};

const storedPresets = async (serviceWorker: Worker) =>
  ((await serviceWorker.evaluate(() => chrome.storage.local.get('presets'))).presets as { presets: Record<string, unknown>[] } | undefined)?.presets;

async function openOptions(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await expect(page.getByRole('heading', { name: 'Presets', exact: true })).toBeVisible();
}

const chooseFile = (page: Page, value: unknown) =>
  page.getByLabel('Import presets').setInputFiles({ name: 'course.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value)) });

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const event = page.waitForEvent('download');
  await click();
  return readFile((await (await event).path()) as string, 'utf8');
}

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

test('an import is reviewed first: names, notebooks and the code it runs; Cancel and Escape write nothing', async ({ page, extensionId, serviceWorker }) => {
  await openOptions(page, extensionId);
  await chooseFile(page, FILE);
  const review = page.getByRole('dialog', { name: 'Review the import' });
  await expect(review).toBeVisible();
  // A modal dialog that takes focus (on Cancel, the safe choice).
  await expect(review.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(review.getByRole('heading', { name: 'Mount Drive' })).toBeVisible();
  await expect(review.getByRole('heading', { name: 'Plain' })).toBeVisible();
  await expect(review).toContainText(NOTEBOOK);
  await expect(review).toContainText('github:owner/repo/main/hw1.ipynb');
  await expect(review).toContainText('Bound to no notebook.');
  // Every step that runs arbitrary code is marked and shows its code or address in full.
  await expect(review.getByText('Runs code', { exact: true })).toHaveCount(3);
  await expect(review.locator('pre')).toHaveText([CODE, 'https://github.com/owner/tools', 'https://example.org/data.zip']);
  await expect(review).toContainText('The file asks to show it on the toolbar; it arrives off');
  await expect(review.getByText('Show on the toolbar: off · Run automatically on connect: off')).toHaveCount(2);
  expect(await storedPresets(serviceWorker)).toBeUndefined();

  await review.getByRole('button', { name: 'Cancel' }).click();
  await expect(review).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Import cancelled' })).toHaveText('Import cancelled; nothing was changed.');
  await expect(page.getByText('No presets yet.')).toBeVisible();
  expect(await storedPresets(serviceWorker)).toBeUndefined();

  await chooseFile(page, FILE);
  await expect(review).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(review).toBeHidden();
  expect(await storedPresets(serviceWorker)).toBeUndefined();
});

test('Import writes the presets with Show on the toolbar and Run automatically on connect off', async ({ page, extensionId, serviceWorker, context }) => {
  await openOptions(page, extensionId);
  await chooseFile(page, FILE);
  await confirmImport(page);
  await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toHaveText('Presets imported: 2.');
  const stored = await storedPresets(serviceWorker);
  expect(stored?.map((p) => [p.name, p.showOnToolbar ?? false, p.autoRun, p.notebooks])).toEqual([
    ['Mount Drive', false, false, [NOTEBOOK, 'github:owner/repo/main/hw1.ipynb']],
    ['Plain', false, false, []],
  ]);
  // No second "Mount Drive" button on the toolbar.
  const colab = await context.newPage();
  await openNotebook(colab);
  await expectOneToolbar(colab);
  await expect(toolbar(colab).getByRole('button', { name: /^Run setup/ })).toBeVisible();
  await expect(toolbar(colab).getByRole('button', { name: 'Mount Drive', exact: true })).toHaveCount(1);
});

const GOOD = { id: '0b7e5c2a-3f4d-4e8a-9b1c-2d3e4f5a6b7c', name: 'Good', notebooks: [NOTEBOOK], steps: [{ recipe: 'python', params: { code: "print('good')" } }], autoRun: false, oneCell: false, keepInstalls: false, updatedAt: 1_700_000_000_000 };
// Refused by today's rules (a pip option in a package list): as if a later version made a rule stricter.
const BAD = { id: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f', name: 'Old rules', notebooks: [NOTEBOOK], steps: [{ recipe: 'pip-install', params: { packages: ['-r req.txt'] } }], autoRun: true, oneCell: false, keepInstalls: false, updatedAt: 1_700_000_000_001 };

test('a preset that fails today’s validation is listed with its problem, exportable as stored and deletable; the others run, sync and export', async ({ page, extensionId, serviceWorker, context }) => {
  await serviceWorker.evaluate((presets) => chrome.storage.local.set({ presets: { schemaVersion: 3, presets } }), [GOOD, BAD]);
  // Another browser's valid, later version of the quarantined preset must not replace what is stored.
  await serviceWorker.evaluate((item) => chrome.storage.sync.set({ [`preset:${item.id}`]: item }), { ...BAD, steps: [{ recipe: 'gpu-check', params: {} }], updatedAt: 1_750_000_000_000 });

  await openOptions(page, extensionId);
  const list = page.getByRole('list', { name: 'Presets', exact: true });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Good');
  const unusable = page.getByRole('list', { name: 'Presets that cannot be used' });
  await expect(unusable.getByRole('listitem').filter({ hasText: 'Old rules' })).toContainText('presets[1].steps[0].params.packages');

  // Sync pushes the good one and leaves the quarantined one's stored data alone.
  await expect.poll(() => serviceWorker.evaluate((id) => chrome.storage.sync.get(`preset:${id}`), GOOD.id)).toEqual({ [`preset:${GOOD.id}`]: GOOD });
  await expect(page.getByRole('status', { name: 'Sync' })).not.toBeEmpty();
  expect(await storedPresets(serviceWorker)).toEqual([GOOD, BAD]);

  const exported = JSON.parse(await download(page, () => page.getByRole('button', { name: 'Export presets' }).click())) as { presets: { name: string }[] };
  expect(exported.presets.map((p) => p.name)).toEqual(['Good']);
  const raw = await download(page, () => page.getByRole('button', { name: 'Export as stored: “Old rules”' }).click());
  expect(JSON.parse(raw)).toEqual(BAD);

  // The good one runs in its notebook; the quarantined one (autoRun on, same notebook) does not.
  const colab = await context.newPage();
  await openNotebook(colab);
  await expectOneToolbar(colab);
  await toolbar(colab).getByRole('button', { name: /^Run setup/ }).click();
  await expect(runStatus(colab)).toHaveText(/Setup “Good” done/);

  await page.getByRole('button', { name: 'Delete “Old rules”' }).click();
  await expect(unusable).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted' })).toHaveText('Deleted “Old rules”.');
  const after = await storedPresets(serviceWorker);
  expect(after?.find((p) => p.id === GOOD.id)).toEqual(GOOD);
  // A deletion that sync carries to the other browsers: a tombstone with nothing but what sync needs.
  expect(after?.find((p) => p.id === BAD.id)).toMatchObject({ name: 'deleted', notebooks: [], steps: [{ recipe: 'gpu-check', params: {} }] });
});

test('a storage error (the real QUOTA_BYTES of storage.local) is shown with the browser’s message, and nothing changes', async ({ page, extensionId, serviceWorker }) => {
  await openOptions(page, extensionId);
  await chooseFile(page, FILE);
  await confirmImport(page);
  await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toBeVisible();
  const before = await storedPresets(serviceWorker);
  try {
    // Fill storage.local to a few bytes under its quota (no unlimitedStorage permission).
    await serviceWorker.evaluate(async () => {
      const used = await chrome.storage.local.getBytesInUse(null);
      await chrome.storage.local.set({ filler: 'x'.repeat(chrome.storage.local.QUOTA_BYTES - used - 'filler'.length - 2 - 16) });
    });
    await page.getByRole('button', { name: 'Delete “Plain”' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Not saved; nothing was changed:');
    await expect(alert).toContainText(/The browser refused to save: .*quota/i);
    await expect(page.getByRole('list', { name: 'Presets', exact: true }).getByRole('listitem')).toHaveCount(2);

    await chooseFile(page, { ...FILE, presets: [{ name: 'Third', steps: [{ recipe: 'gpu-check', params: {} }] }] });
    await confirmImport(page);
    await expect(page.getByRole('alert')).toContainText(/The file was not imported, and nothing was changed:\s*The browser refused to save: .*quota/i);
    expect(await storedPresets(serviceWorker)).toEqual(before);
  } finally {
    await serviceWorker.evaluate(() => chrome.storage.local.remove('filler'));
  }
});
