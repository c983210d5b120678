/**
 * Presets mirrored to chrome.storage.sync by the service worker (src/background/preset-sync.ts).
 *
 * With `--disable-sync` (our Chromium flags) chrome.storage.sync is still a working storage area:
 * Chrome keeps it locally, with the real quotas (QUOTA_BYTES_PER_ITEM 8192, QUOTA_BYTES 102400,
 * MAX_ITEMS 512, MAX_WRITE_OPERATIONS_PER_MINUTE 120) enforced on every set, and storage.onChanged
 * fires with area "sync" — only nothing is uploaded. The first test checks exactly that. "Another
 * browser" is simulated by writing into chrome.storage.sync directly, as Chrome Sync would when
 * it brings another browser's change.
 */
import { test as base, type Page, type Worker } from '@playwright/test';
import { syncItemBytes, syncKey } from '../src/presets/sync';
import { DRIVE_ID, confirmImport, expect, launchWithExtension, resetStorage, serviceWorkerOf, stopServiceWorker, test } from './fixtures';

const ID_A = '0b7e5c2a-3f4d-4e8a-9b1c-2d3e4f5a6b7c';
const ID_B = '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';

interface StoredPreset {
  id: string;
  name: string;
  notebooks: string[];
  steps: { recipe: string; params: Record<string, unknown> }[];
  autoRun: boolean;
  oneCell: boolean;
  keepInstalls: boolean;
  updatedAt: number;
  deletedAt?: number;
}

/** A stored preset with a real millisecond timestamp (18 bytes in sync, as Chrome counts it). */
function stored(overrides: Partial<StoredPreset> = {}): StoredPreset {
  return {
    id: ID_A,
    name: 'Thesis setup',
    notebooks: [`drive:${DRIVE_ID}`],
    steps: [{ recipe: 'mount-drive', params: {} }, { recipe: 'pip-install', params: { packages: ['transformers==4.44.0'] } }],
    autoRun: false,
    oneCell: false,
    keepInstalls: true,
    updatedAt: Date.now() - 60_000,
    ...overrides,
  };
}

async function setLocal(sw: Worker, presets: StoredPreset[]): Promise<void> {
  await sw.evaluate((list) => chrome.storage.local.set({ presets: { schemaVersion: 3, presets: list } }), presets);
}

async function localPresets(sw: Worker): Promise<StoredPreset[]> {
  return sw.evaluate(async () => ((await chrome.storage.local.get('presets')).presets as { presets?: StoredPreset[] } | undefined)?.presets ?? []);
}

async function syncItem(sw: Worker, id: string): Promise<StoredPreset | undefined> {
  return sw.evaluate(async (key) => (await chrome.storage.sync.get(key))[key] as StoredPreset | undefined, syncKey(id));
}

/** Writes into chrome.storage.sync as Chrome Sync would when another browser changed a preset. */
async function remoteWrite(sw: Worker, preset: StoredPreset): Promise<void> {
  await sw.evaluate(([key, value]) => chrome.storage.sync.set({ [key]: value }), [syncKey(preset.id), preset] as const);
}

/** When the last sync run finished (its status's `at`), 0 before any. */
async function statusAt(sw: Worker): Promise<number> {
  return sw.evaluate(async () => ((await chrome.storage.local.get('presetSyncStatus')).presetSyncStatus as { at?: number } | undefined)?.at ?? 0);
}

async function openOptions(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await expect(page.getByRole('heading', { name: 'Presets' })).toBeVisible();
}

const syncStatus = (page: Page) => page.getByRole('status', { name: 'Sync' });
const presetList = (page: Page) => page.getByRole('list', { name: 'Presets' });

test.describe('in the shared browser', () => {
  test.beforeEach(async ({ serviceWorker }) => {
    await resetStorage(serviceWorker);
  });

  test('chrome.storage.sync works under --disable-sync: stored locally, quotas enforced, onChanged fires', async ({ serviceWorker }) => {
    const probe = await serviceWorker.evaluate(async () => {
      const seen: string[] = [];
      const listener = (changes: Record<string, unknown>, area: string) => {
        if (area === 'sync') seen.push(...Object.keys(changes));
      };
      chrome.storage.onChanged.addListener(listener);
      await chrome.storage.sync.set({ probe: { a: 1 } });
      const read = await chrome.storage.sync.get('probe');
      let tooLarge = '';
      await chrome.storage.sync.set({ big: 'x'.repeat(9000) }).catch((error: unknown) => (tooLarge = String(error)));
      await chrome.storage.sync.remove('probe');
      await new Promise((resolve) => setTimeout(resolve, 100));
      chrome.storage.onChanged.removeListener(listener);
      const { QUOTA_BYTES_PER_ITEM, QUOTA_BYTES, MAX_ITEMS } = chrome.storage.sync;
      return { read, tooLarge, seen, quotas: [QUOTA_BYTES_PER_ITEM, QUOTA_BYTES, MAX_ITEMS], left: await chrome.storage.sync.get(null) };
    });
    expect(probe).toEqual({
      read: { probe: { a: 1 } },
      tooLarge: expect.stringContaining('QuotaBytesPerItem') as unknown,
      seen: ['probe', 'probe'],
      quotas: [8192, 102_400, 512],
      left: {},
    });
  });

  test('an imported preset appears in chrome.storage.sync under preset:<id>, and the page says it is synced', async ({ page, extensionId, serviceWorker }) => {
    await openOptions(page, extensionId);
    const file = { format: 'colab-launchpad/presets', version: 1, presets: [{ name: 'Thesis setup', notebooks: [`drive:${DRIVE_ID}`], steps: [{ recipe: 'gpu-check', params: {} }] }] };
    await page.getByLabel('Import presets').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await confirmImport(page);
    await expect(page.getByRole('status').filter({ hasText: 'Presets imported' })).toHaveText('Presets imported: 1.');
    const [local] = await localPresets(serviceWorker);
    expect(local?.name).toBe('Thesis setup');
    await expect.poll(() => syncItem(serviceWorker, local?.id ?? '')).toEqual(local);
    await expect(syncStatus(page)).toHaveText('Synced to your Chrome profile');
  });

  test('a newer edit from another browser lands in local storage and on the options page', async ({ page, extensionId, serviceWorker }) => {
    const mine = stored();
    await setLocal(serviceWorker, [mine]);
    await expect.poll(() => syncItem(serviceWorker, ID_A)).toEqual(mine);
    await openOptions(page, extensionId);
    await expect(presetList(page)).toContainText('Thesis setup');

    const theirs = { ...mine, name: 'Thesis setup (laptop)', steps: [{ recipe: 'gpu-check', params: {} }], updatedAt: mine.updatedAt + 1000 };
    await remoteWrite(serviceWorker, theirs);
    await expect.poll(() => localPresets(serviceWorker)).toEqual([theirs]);
    await expect(presetList(page)).toContainText('Thesis setup (laptop)');
    await expect(presetList(page)).toContainText('steps: 1');
    await expect(syncStatus(page)).toHaveText('Synced to your Chrome profile');
  });

  test('an older edit from another browser loses, and sync gets the newer version back', async ({ serviceWorker }) => {
    const mine = stored({ name: 'Mine, newer' });
    await setLocal(serviceWorker, [mine]);
    await expect.poll(() => syncItem(serviceWorker, ID_A)).toEqual(mine);
    const before = await statusAt(serviceWorker);
    const older = { ...mine, name: 'Theirs, older', updatedAt: mine.updatedAt - 5000 };
    await remoteWrite(serviceWorker, older);
    // A run after the remote write has finished, and put the newer version back.
    await expect.poll(async () => (await statusAt(serviceWorker)) > before && (await syncItem(serviceWorker, ID_A))?.name).toBe('Mine, newer');
    expect(await localPresets(serviceWorker)).toEqual([mine]);
  });

  test('a deletion in another browser (a tombstone) deletes the preset here', async ({ page, extensionId, serviceWorker }) => {
    const keep = stored({ id: ID_B, name: 'Course work' });
    const doomed = stored();
    await setLocal(serviceWorker, [doomed, keep]);
    await expect.poll(() => syncItem(serviceWorker, ID_A)).toEqual(doomed);
    await openOptions(page, extensionId);
    await expect(presetList(page).getByRole('listitem')).toHaveCount(2);

    const deletedAt = doomed.updatedAt + 1000;
    await remoteWrite(serviceWorker, { ...doomed, updatedAt: deletedAt, deletedAt });
    await expect(presetList(page).getByRole('listitem')).toHaveCount(1);
    await expect(presetList(page)).toContainText('Course work');
    expect((await localPresets(serviceWorker)).find((p) => p.id === ID_A)?.deletedAt).toBe(deletedAt);
  });

  test('a preset too large for sync stays local, and the page says it is not synced and why', async ({ page, extensionId, serviceWorker }) => {
    const small = stored({ id: ID_B, name: 'Small' });
    const big = stored({ name: 'Big setup', steps: [{ recipe: 'python', params: { code: `print("${'x'.repeat(10_000)}")` } }] });
    await setLocal(serviceWorker, [big, small]);
    await expect.poll(() => syncItem(serviceWorker, ID_B)).toEqual(small);
    await openOptions(page, extensionId);
    const kb = Math.ceil(syncItemBytes(syncKey(ID_A), big) / 102.4) / 10;
    await expect(syncStatus(page)).toHaveText(`Not synced: Big setup is too large for sync (${kb} KB of 8 KB per preset)`);
    expect(await syncItem(serviceWorker, ID_A)).toBeUndefined();
    expect((await localPresets(serviceWorker)).map((p) => p.name)).toEqual(['Big setup', 'Small']);
  });

  test('an unreadable sync item is reported, left as it is, and changes nothing here', async ({ page, extensionId, serviceWorker }) => {
    const mine = stored();
    await setLocal(serviceWorker, [mine]);
    await expect.poll(() => syncItem(serviceWorker, ID_A)).toEqual(mine);
    // As a newer version of the extension in another browser might write it.
    const future = { ...mine, updatedAt: mine.updatedAt + 1000, steps: [{ recipe: 'recipe-from-the-future', params: {} }] };
    await remoteWrite(serviceWorker, future);
    await openOptions(page, extensionId);
    await expect(syncStatus(page)).toContainText('Not synced: the copy of Thesis setup in sync storage could not be read');
    await expect(syncStatus(page)).toContainText('Items in sync storage that could not be read were left as they are:');
    await expect(syncStatus(page).getByRole('listitem')).toContainText(`preset:${ID_A}.steps[0].recipe`);
    expect(await syncItem(serviceWorker, ID_A)).toEqual(future);
    expect(await localPresets(serviceWorker)).toEqual([mine]);
  });

  test('the size model matches Chrome: a preset of exactly 8192 bytes syncs, one byte more stays local', async ({ serviceWorker }) => {
    // One timestamp for every preset measured here: Chromium stores numbers in a form whose length
    // depends on their trailing digits, so two Date.now() readings can differ by a byte.
    const updatedAt = Date.now() - 60_000;
    const sized = (codeLength: number, id: string, name: string) =>
      stored({ id, name, updatedAt, steps: [{ recipe: 'python', params: { code: `<é${'y'.repeat(codeLength)}` } }] });
    const overhead = syncItemBytes(syncKey(ID_A), sized(0, ID_A, 'Exact'));
    const exact = sized(8192 - overhead, ID_A, 'Exact');
    const over = sized(8193 - syncItemBytes(syncKey(ID_B), sized(0, ID_B, 'Over')), ID_B, 'Over');
    expect(syncItemBytes(syncKey(ID_A), exact)).toBe(8192);
    expect(syncItemBytes(syncKey(ID_B), over)).toBe(8193);
    await setLocal(serviceWorker, [exact, over]);
    await expect.poll(() => syncItem(serviceWorker, ID_A)).toEqual(exact);
    const status = await serviceWorker.evaluate(async () => (await chrome.storage.local.get('presetSyncStatus')).presetSyncStatus as { localOnly: unknown[] });
    expect(status.localOnly).toEqual([{ id: ID_B, name: 'Over', reason: 'item-too-large', bytes: 8193, limit: 8192 }]);
    expect(await serviceWorker.evaluate(() => chrome.storage.sync.getBytesInUse(null))).toBe(8192);
  });
});

// Its own browser: a stopped service worker stays stopped until an event it listens for arrives.
base('sync keeps working after the service worker is stopped', async () => {
  const { context, close } = await launchWithExtension();
  try {
    const worker = await serviceWorkerOf(context);
    const extensionId = new URL(worker.url()).host;
    const mine = stored();
    await setLocal(worker, [mine]);
    await expect.poll(() => syncItem(worker, ID_A)).toEqual(mine);

    const page = await context.newPage();
    await openOptions(page, extensionId);
    await stopServiceWorker(context, page, extensionId);

    // Another browser's edit arrives while the worker is stopped: the storage event wakes it.
    const theirs = { ...mine, name: 'Edited elsewhere', updatedAt: mine.updatedAt + 1000 };
    await page.evaluate(([key, value]) => chrome.storage.sync.set({ [key]: value }), [syncKey(ID_A), theirs] as const);
    await expect(presetList(page)).toContainText('Edited elsewhere');
    // And a local change is pushed by the woken worker.
    const local = { ...theirs, name: 'Edited here', updatedAt: theirs.updatedAt + 1000 };
    await page.evaluate((list) => chrome.storage.local.set({ presets: { schemaVersion: 3, presets: list } }), [local]);
    await expect.poll(() => page.evaluate(async (key) => (await chrome.storage.sync.get(key))[key] as unknown, syncKey(ID_A))).toEqual(local);
    await expect(syncStatus(page)).toHaveText('Synced to your Chrome profile');
  } finally {
    await close();
  }
});

base('the sync status speaks Simplified Chinese when the browser does', async () => {
  const { context, close } = await launchWithExtension({ lang: 'zh-CN' });
  try {
    const worker = await serviceWorkerOf(context);
    const big = stored({ name: 'Big setup', steps: [{ recipe: 'python', params: { code: 'x'.repeat(10_000) } }] });
    await setLocal(worker, [big, stored({ id: ID_B, name: '课程作业' })]);
    await expect.poll(() => syncItem(worker, ID_B)).toBeDefined();
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/src/options/index.html`);
    const kb = Math.ceil(syncItemBytes(syncKey(ID_A), big) / 102.4) / 10;
    await expect(page.getByRole('status', { name: '同步' })).toHaveText(`未同步：“Big setup”太大，无法同步（${kb} KB，每个预设上限 8 KB）`);
  } finally {
    await close();
  }
});

// Its own browser: it uses up the sync write quota for a minute.
base('a failed sync write (MAX_WRITE_OPERATIONS_PER_MINUTE) becomes the error status, not a console error', async () => {
  const { context, close } = await launchWithExtension();
  const logged: string[] = [];
  context.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') logged.push(message.text());
  });
  context.on('weberror', (error) => logged.push(error.error().message));
  try {
    const worker = await serviceWorkerOf(context);
    const refused = await worker.evaluate(async () => {
      for (let i = 0; i < 200; i++) {
        try {
          await chrome.storage.sync.set({ filler: i });
        } catch (error) {
          return String(error);
        }
      }
      return 'never refused';
    });
    expect(refused).toContain('MAX_WRITE_OPERATIONS_PER_MINUTE');
    await setLocal(worker, [stored()]);
    const page = await context.newPage();
    await openOptions(page, new URL(worker.url()).host);
    await expect(syncStatus(page)).toHaveText(
      'Not synced: This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota. Sync tries again at the next change or when the browser starts.',
    );
    expect(await syncItem(worker, ID_A)).toBeUndefined();
    expect(await localPresets(worker)).toHaveLength(1);
    expect(logged).toEqual([]);
  } finally {
    await close();
  }
});
