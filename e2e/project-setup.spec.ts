/**
 * Set up this project (issue 18 part 2), end to end with a real IPython behind the replica: the
 * repository is cloned for real (a local bare repository stands in for GitHub), read in the runtime,
 * reviewed, and nothing is installed or saved before Save and run.
 */
import type { Worker } from '@playwright/test';
import { expect, expectOneToolbar, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

const REPO_URL = 'https://github.com/octocat/hello-world';
const NOTEBOOK = '/github/octocat/hello-world/blob/master/notebooks/a.ipynb';

interface StoredPreset { name: string; notebooks: string[]; steps: { recipe: string; params: Record<string, unknown> }[] }

async function stored(serviceWorker: Worker): Promise<StoredPreset[]> {
  const { presets } = await serviceWorker.evaluate(() => chrome.storage.local.get('presets'));
  return (presets as { presets: StoredPreset[] } | undefined)?.presets ?? [];
}

test.use({
  realKernelOptions: {
    repos: {
      [REPO_URL]: {
        master: { 'requirements.txt': 'einops==0.8.0\n', 'apt.txt': 'graphviz\n', 'notebooks/a.ipynb': '{}\n' },
        // A branch with a slash: Colab's address cannot tell it from branch `release` and folder `2.x`.
        'release/2.x': { 'requirements.txt': 'timm==1.0.0\n', 'notebooks/b.ipynb': '{}\n' },
      },
    },
  },
});

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

test('Set up this project: the review names requirements.txt and apt.txt, nothing runs before Save and run, then the steps run in the real kernel and the preset is bound to the repository', async ({ page, serviceWorker, realKernel }) => {
  await openNotebook(page, NOTEBOOK, ['kernel:ipython']);
  await expectOneToolbar(page);
  await toolbar(page).getByRole('button', { name: /Set up this project/ }).click();

  const review = page.getByRole('dialog', { name: 'Set up octocat/hello-world' });
  await expect(review).toBeVisible({ timeout: 30_000 });
  await expect(review).toContainText('requirements.txt');
  await expect(review).toContainText('apt.txt');
  // `LAUNCHPAD_SCREENSHOTS=1 npx playwright test e2e/project-setup.spec.ts` retakes the guide's picture.
  if (process.env.LAUNCHPAD_SCREENSHOTS) await page.screenshot({ path: 'docs/project-review.png' });

  // Reading cloned the repository for real and installed nothing; nothing is saved yet.
  const installs = () => realKernel.calls().filter((call) => ['pip', 'pip3', 'apt-get', 'apt'].includes(call.tool) || (call.tool === 'python3' && call.argv.includes('pip')));
  expect(realKernel.calls().filter((call) => call.tool === 'git').length).toBeGreaterThan(0);
  await page.waitForTimeout(1_000);
  expect(installs()).toEqual([]);
  expect(await stored(serviceWorker)).toEqual([]);

  await review.getByRole('button', { name: 'Save and run' }).click();
  await expect(runStatus(page)).toHaveText(/Setup “octocat\/hello-world” done/, { timeout: 60_000 });

  const argvs = installs().map((call) => call.argv.join(' '));
  expect(argvs.some((argv) => /install/.test(argv) && /-r/.test(argv) && /requirements\.txt/.test(argv))).toBe(true);
  expect(argvs.some((argv) => /install/.test(argv) && /graphviz/.test(argv))).toBe(true);
  const presets = await stored(serviceWorker);
  expect(presets).toHaveLength(1);
  expect(presets[0]?.notebooks).toEqual(['github:octocat/hello-world']);
});

test('on a notebook whose address leaves the branch open, a failed read at the first folder offers the longer branches, and the chosen one is read', async ({ page, serviceWorker, realKernel }) => {
  await openNotebook(page, '/github/octocat/hello-world/blob/release/2.x/notebooks/b.ipynb', ['kernel:ipython']);
  await expectOneToolbar(page);
  await toolbar(page).getByRole('button', { name: /Set up this project/ }).click();
  // There is no branch `release`: the clone fails, the toolbar says so and the longer branches are offered.
  const choice = page.getByRole('dialog', { name: 'Which branch of octocat/hello-world?' });
  await expect(choice).toBeVisible({ timeout: 30_000 });
  await expect(runStatus(page)).toContainText('Could not read octocat/hello-world');
  await expect(choice).toContainText('Reading at branch “release” failed');
  const branches = choice.getByRole('radio');
  expect(await branches.evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).value))).toEqual(['release/2.x', 'release/2.x/notebooks']);
  await expect(branches.first()).toBeChecked();
  await expect(branches.first()).toBeFocused();
  // Nothing more is cloned while the user chooses.
  const clones = () => realKernel.calls().filter((call) => call.tool === 'git' && call.argv.includes('clone'));
  expect(clones().map((call) => call.argv.includes('release'))).toEqual([true]);
  await page.waitForTimeout(1_000);
  expect(clones()).toHaveLength(1);

  await choice.getByRole('button', { name: 'Set up this project' }).click();
  const review = page.getByRole('dialog', { name: 'Set up octocat/hello-world' });
  await expect(review).toContainText('requirements.txt', { timeout: 30_000 });
  // The branch's own files: its requirements.txt, and no apt.txt (that is master's).
  await expect(review).not.toContainText('apt.txt');
  expect(clones().at(-1)?.argv).toContain('release/2.x');
  await review.getByRole('button', { name: /^Edit step 1:/ }).click();
  await expect(review.getByLabel('Branch')).toHaveValue('release/2.x');
  expect(await stored(serviceWorker)).toEqual([]);
});
