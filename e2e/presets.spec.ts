import { readFile } from 'node:fs/promises';
import { test as base, type Page } from '@playwright/test';
import { DRIVE_ID, confirmImport, expect, expectOneToolbar, launchWithExtension, openNotebook, reloadExtension, resetStorage, serviceWorkerOf, stopServiceWorker, test, toolbar } from './fixtures';

const VALID = {
  format: 'colab-launchpad/presets',
  version: 2,
  presets: [
    {
      name: 'Thesis setup',
      notebooks: [`drive:${DRIVE_ID}`],
      steps: [
        { recipe: 'mount-drive', params: {} },
        { recipe: 'pip-install', params: { packages: ['transformers==4.44.0', 'datasets'] } },
        { recipe: 'gpu-check', params: {} },
      ],
      keepInstalls: true,
    },
    {
      name: '课程作业',
      notebooks: ['github:owner/repo/main/hw1.ipynb'],
      steps: [{ recipe: 'git-clone', params: { url: 'https://github.com/owner/repo' } }],
      keepInstalls: false,
    },
  ],
};

// The import's own status (the page has another status region: sync).
const imported = (page: Page) => page.getByRole('status').filter({ hasText: 'Presets imported' });

const file = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

async function openOptions(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await expect(page.getByRole('heading', { name: 'Presets' })).toBeVisible();
}

async function exported(page: Page): Promise<unknown> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export presets' }).click();
  const path = await (await download).path();
  return JSON.parse(await readFile(path, 'utf8'));
}

test.describe('in the shared browser', () => {
  // The browser (and its storage) is shared by the tests of a worker: start each from no presets
  // (in both areas: clearing local alone would bring them back from sync).
  test.beforeEach(async ({ serviceWorker }) => {
    await resetStorage(serviceWorker);
  });

  test('importing a presets file through the options page stores it, and export gives it back', async ({ page, extensionId, serviceWorker }) => {
    await openOptions(page, extensionId);
    await expect(page.getByText('No presets yet.')).toBeVisible();
    await page.getByLabel('Import presets').setInputFiles(file('presets.json', JSON.stringify(VALID, null, 2)));
    await confirmImport(page);
    await expect(imported(page)).toHaveText('Presets imported: 2.');
    const list = page.getByRole('list', { name: 'Presets' });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list).toContainText('Thesis setup');
    await expect(list).toContainText('steps: 3 · notebooks: 1');
    expect(await exported(page)).toEqual(VALID);

    const stored = await serviceWorker.evaluate(() => chrome.storage.local.get('presets'));
    expect((stored.presets as { presets: { name: string }[] }).presets.map((p) => p.name)).toEqual(['Thesis setup', '课程作业']);
  });

  const BAD_FILES: [string, string, string][] = [
    ['bad JSON', '{"format": "colab-launchpad/presets", "version": 1, "presets": [', 'not valid JSON'],
    ['another format', JSON.stringify({ format: 'something-else', version: 1, presets: [] }), 'not a Colab Launchpad presets file'],
    ['a newer version', JSON.stringify({ ...VALID, version: 3 }), 'version 3'],
    ['an unknown recipe', JSON.stringify({ ...VALID, presets: [{ ...VALID.presets[0], steps: [{ recipe: 'format-disk', params: {} }] }] }), 'presets[0].steps[0].recipe'],
    ['wrong types', JSON.stringify({ ...VALID, presets: [{ ...VALID.presets[0], notebooks: 'drive:x' }] }), 'presets[0].notebooks'],
    ['a __proto__ key', '{"format":"colab-launchpad/presets","version":1,"presets":[{"name":"x","notebooks":[],"steps":[{"recipe":"gpu-check","params":{"__proto__":{"polluted":true}}}]}]}', '__proto__'],
    ['an unsafe clone URL', JSON.stringify({ ...VALID, presets: [{ ...VALID.presets[1], steps: [{ recipe: 'git-clone', params: { url: 'https://github.com/a/b$(touch /tmp/x)' } }] }] }), 'presets[0].steps[0]'],
    ['a 5 MB file', `{"format":"colab-launchpad/presets","version":1,"presets":[],"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`, 'at most'],
  ];

  test('bad files are refused with what and where, and change nothing', async ({ page, extensionId }) => {
    await openOptions(page, extensionId);
    await page.getByLabel('Import presets').setInputFiles(file('presets.json', JSON.stringify(VALID)));
    await confirmImport(page);
    await expect(imported(page)).toHaveText('Presets imported: 2.');
    const before = await exported(page);

    for (const [what, text, expected] of BAD_FILES) {
      await page.getByLabel('Import presets').setInputFiles(file(`${what}.json`, text));
      const alert = page.getByRole('alert');
      await expect(alert, what).toContainText('The file was not imported, and nothing was changed');
      await expect(alert, what).toContainText(expected);
      await expect(page.getByRole('list', { name: 'Presets' }).getByRole('listitem')).toHaveCount(2);
    }
    expect(await exported(page)).toEqual(before);
    expect(await page.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
  });

  test('importing the same names again keeps both, renamed', async ({ page, extensionId }) => {
    await openOptions(page, extensionId);
    await page.getByLabel('Import presets').setInputFiles(file('a.json', JSON.stringify(VALID)));
    await confirmImport(page);
    await expect(imported(page)).toHaveText('Presets imported: 2.');
    const changed = { ...VALID, presets: [{ ...VALID.presets[0], steps: [{ recipe: 'gpu-check', params: {} }] }] };
    await page.getByLabel('Import presets').setInputFiles(file('b.json', JSON.stringify(changed)));
    await confirmImport(page);
    await expect(imported(page)).toHaveText('Presets imported: 1.');
    const names = ((await exported(page)) as { presets: { name: string }[] }).presets.map((p) => p.name);
    expect(names).toEqual(['Thesis setup', '课程作业', 'Thesis setup (2)']);
  });
});

// Its own browser: a stopped service worker stays stopped until an event it listens for arrives,
// and the other tests of this worker still need it.
base('presets survive the service worker being stopped', async () => {
  const { context, close } = await launchWithExtension();
  try {
    const worker = await serviceWorkerOf(context);
    const extensionId = new URL(worker.url()).host;
    const page = await context.newPage();
    await openOptions(page, extensionId);
    await page.getByLabel('Import presets').setInputFiles(file('presets.json', JSON.stringify(VALID)));
    await confirmImport(page);
    await expect(imported(page)).toHaveText('Presets imported: 2.');
    await stopServiceWorker(context, page, extensionId);
    await page.reload();
    await expect(page.getByRole('list', { name: 'Presets' }).getByRole('listitem')).toHaveCount(2);
    expect(await exported(page)).toEqual(VALID);
  } finally {
    await close();
  }
});

base('presets survive an extension reload, and Run setup is back in the open notebook', async () => {
  const { context, close } = await launchWithExtension({ reloadable: true });
  try {
    const worker = await serviceWorkerOf(context);
    const extensionId = new URL(worker.url()).host;
    const options = await context.newPage();
    await openOptions(options, extensionId);
    await options.getByLabel('Import presets').setInputFiles(file('presets.json', JSON.stringify(VALID)));
    await confirmImport(options);
    await expect(imported(options)).toHaveText('Presets imported: 2.');
    const colab = await context.newPage();
    const problems: string[] = [];
    colab.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    colab.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(`${message.type()}: ${message.text()}`));
    await openNotebook(colab);
    await expectOneToolbar(colab);
    await expect(toolbar(colab).getByRole('button', { name: /^Run setup/ })).toBeVisible();

    const reloaded = await reloadExtension(context);
    expect(new URL(reloaded.url()).host).toBe(extensionId);
    const stored = (await reloaded.evaluate(() => chrome.storage.local.get('presets'))) as { presets: { presets: unknown[] } };
    expect(stored.presets.presets).toHaveLength(2);
    // The old copy of the content script retired and the re-injected one draws one toolbar.
    await expectOneToolbar(colab);
    await expect(toolbar(colab).getByRole('button', { name: /^Run setup/ })).toBeVisible();
    // Chrome closes the extension's own pages when it reloads: open the options page again.
    expect(options.isClosed()).toBe(true);
    const again = await context.newPage();
    await openOptions(again, extensionId);
    expect(await exported(again)).toEqual(VALID);
    expect(problems, 'errors in the Colab page across the reload').toEqual([]);
  } finally {
    await close();
  }
});
