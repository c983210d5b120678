/**
 * Add to setup (issue 18 part 3): a successful install the user ran in a cell of their own is
 * offered, and one click lands it as a catalogue step in the notebook's preset (a new one bound
 * to the notebook first, then that one), pinned to the version pip reported. A failed install is
 * not offered; what the preset already installs is not offered again.
 */
import type { Page, Worker } from '@playwright/test';
import { DRIVE_ID, expect, expectOneToolbar, openNotebook, resetStorage, runOwnCell, runStatus, test, toolbar } from './fixtures';

const NOTEBOOK = `drive:${DRIVE_ID}`;

interface StoredPreset { name: string; notebooks: string[]; steps: { recipe: string; params: { packages?: string[] } }[] }

async function stored(serviceWorker: Worker): Promise<StoredPreset[]> {
  const { presets } = await serviceWorker.evaluate(() => chrome.storage.local.get('presets'));
  return (presets as { presets: StoredPreset[] } | undefined)?.presets ?? [];
}

const offer = (page: Page) => toolbar(page).getByRole('group', { name: 'Add to setup' });
const watching = (page: Page) => expect(toolbar(page).locator('.capture-watch')).toHaveAttribute('data-watching', 'true');

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

test("a user's !pip install einops==0.8.0 is offered and lands, pinned, in this notebook's preset; a failed one is not offered", async ({ page, serviceWorker }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  await watching(page);

  await runOwnCell(page, '!pip install einops==0.8.0');
  await expect(offer(page)).toContainText('a new preset for this notebook');
  await expect(offer(page)).toContainText('einops==0.8.0');
  await offer(page).getByRole('button', { name: 'Add to setup' }).click();
  await expect(runStatus(page)).toHaveText('Added to a new preset “My setup” for this notebook.');
  await expect(offer(page)).toHaveCount(0);
  expect(await stored(serviceWorker)).toEqual([
    expect.objectContaining({ name: 'My setup', notebooks: [NOTEBOOK], steps: [{ recipe: 'pip-install', params: { packages: ['einops==0.8.0'] } }] }),
  ]);

  // A failed install first, then a clone: the clone is offered, the failed install never was.
  await runOwnCell(page, '!pip install no-such-package');
  await runOwnCell(page, '!git clone https://github.com/octocat/Hello-World');
  await expect(offer(page)).toContainText('Hello-World');
  await expect(offer(page)).not.toContainText('no-such-package');
  await offer(page).getByRole('button', { name: 'Dismiss' }).click();
  await expect(offer(page)).toHaveCount(0);

  // Unpinned: pinned to what pip reported installing; what the preset has already is left out; the
  // arguments the step cannot carry are named.
  await runOwnCell(page, '!pip install --index-url https://example.org/simple einops rich');
  await expect(offer(page)).toContainText('the preset “My setup”');
  await expect(offer(page)).toContainText('Not carried over: --index-url https://example.org/simple (an option the step has no field for)');
  await expect(offer(page)).not.toContainText('einops');
  await offer(page).getByRole('button', { name: 'Add to setup' }).click();
  await expect(runStatus(page)).toHaveText('Added to the preset “My setup”.');
  const [preset] = await stored(serviceWorker);
  expect(preset?.steps).toEqual([
    { recipe: 'pip-install', params: { packages: ['einops==0.8.0'] } },
    { recipe: 'pip-install', params: { packages: [expect.stringMatching(/^rich==\d+\.\d+\.\d+$/)] } },
  ]);
});

test('the offer can be turned off for a notebook, and stays off after a reload', async ({ page }) => {
  await openNotebook(page);
  await expectOneToolbar(page);
  await watching(page);
  await runOwnCell(page, '!pip install einops');
  await offer(page).getByRole('button', { name: "Don't offer in this notebook" }).click();
  await expect(runStatus(page)).toHaveText('Add to setup is off for this notebook.');
  await runOwnCell(page, '!pip install rich');
  await page.reload();
  await expectOneToolbar(page);
  await expect(toolbar(page).locator('.capture-watch')).toHaveAttribute('data-watching', 'false');
  await runOwnCell(page, '!pip install tqdm-extra');
  await page.waitForTimeout(3_000);
  await expect(offer(page)).toHaveCount(0);
});

test.describe('with a real IPython', () => {
  test.use({ realKernelOptions: { packages: [['einops', '0.8.0']] } });

  test("real pip: an unpinned install is added pinned to the version pip installed; a failed one is not offered", async ({ page, serviceWorker, realKernel }) => {
    test.setTimeout(120_000);
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['kernel:ipython']);
    await expectOneToolbar(page);
    await watching(page);
    await runOwnCell(page, '!pip install no-such-package-anywhere');
    expect(JSON.stringify(realKernel.history.at(-1))).toContain('No matching distribution');
    await runOwnCell(page, '!pip install einops');
    await expect(offer(page)).toContainText('einops==0.8.0');
    await expect(offer(page)).not.toContainText('no-such-package-anywhere');
    await offer(page).getByRole('button', { name: 'Add to setup' }).click();
    await expect(runStatus(page)).toHaveText('Added to a new preset “My setup” for this notebook.');
    expect((await stored(serviceWorker))[0]?.steps).toEqual([{ recipe: 'pip-install', params: { packages: ['einops==0.8.0'] } }]);
  });
});
