/**
 * Project bindings (issue 18): a preset bound to a whole GitHub repository runs on every notebook
 * opened from it (any branch, any path, owner and repository in any case) and on no other; the
 * binding survives export and import; the Run setup panel binds a preset in one step, and the
 * options page shows it.
 */
import { readFile } from 'node:fs/promises';
import type { Page, Worker } from '@playwright/test';
import { DRIVE_ID, confirmImport, executions, expect, expectOneToolbar, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

const REPO = 'github:octocat/hello-world';
const ON_MASTER = '/github/octocat/Hello-World/blob/master/notebooks/a.ipynb';
const ON_DEV = '/github/OctoCat/hello-world/blob/dev/sub/b.ipynb';
const OTHER_REPO = '/github/octocat/hello-world-2/blob/master/notebooks/a.ipynb';
const PRINT = (text: string) => ({ recipe: 'python', params: { code: `print('${text}')` } });

interface StoredPreset { id: string; name: string; notebooks: string[] }

function presetsFile(presets: { name: string; notebooks: string[]; steps: object[] }[]) {
  return { format: 'colab-launchpad/presets', version: 2, presets };
}

async function openOptions(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await expect(page.getByRole('heading', { name: 'Presets', exact: true })).toBeVisible();
}

async function importFile(page: Page, extensionId: string, text: string) {
  await openOptions(page, extensionId);
  await page.getByLabel('Import presets').setInputFiles({ name: 'presets.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await confirmImport(page);
}

async function stored(serviceWorker: Worker): Promise<StoredPreset[]> {
  const { presets } = await serviceWorker.evaluate(() => chrome.storage.local.get('presets'));
  return (presets as { presets: StoredPreset[] } | undefined)?.presets ?? [];
}

const imported = (page: Page) => page.getByRole('status').filter({ hasText: 'Presets imported' });
const runSetupButton = (page: Page) => toolbar(page).getByRole('button', { name: /^Run setup/ });
const codes = async (page: Page) => (await executions(page)).map((e) => e.code);

async function openEditor(page: Page, name: string) {
  await page.getByRole('list', { name: 'Presets' }).getByRole('button', { name: `Edit “${name}”` }).click();
  return page.locator('section.editor');
}

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

test('a preset bound to github:octocat/hello-world runs on its notebooks on any branch and path, and not on another repository', async ({ page, extensionId }) => {
  await importFile(
    page,
    extensionId,
    JSON.stringify(
      presetsFile([
        { name: 'Hello project', notebooks: [REPO], steps: [PRINT('hello project')] },
        // A repository whose name only starts the same: its own preset shows the worker has answered there.
        { name: 'Other project', notebooks: ['github:octocat/hello-world-2'], steps: [PRINT('other project')] },
      ]),
    ),
  );
  await expect(imported(page)).toHaveText('Presets imported: 2.');

  for (const path of [ON_MASTER, ON_DEV]) {
    await openNotebook(page, path);
    await expectOneToolbar(page);
    await expect(runSetupButton(page)).toHaveAttribute('title', /Hello project/);
    await runSetupButton(page).click();
    await expect(runStatus(page)).toHaveText('Setup “Hello project” done: 1 ran, 0 already done.');
    expect(await codes(page)).toEqual([expect.stringMatching(/print\('hello project'\)$/)]);
  }

  await openNotebook(page, OTHER_REPO);
  await expectOneToolbar(page);
  await expect(runSetupButton(page)).toHaveAttribute('title', /Other project/);
  await runSetupButton(page).click();
  await expect(runStatus(page)).toHaveText('Setup “Other project” done: 1 ran, 0 already done.');
  expect(await codes(page)).toEqual([expect.stringMatching(/print\('other project'\)$/)]);
});

test('the most specific binding wins, and presets that tie are both offered', async ({ page, extensionId }) => {
  await importFile(
    page,
    extensionId,
    JSON.stringify(
      presetsFile([
        { name: 'Repository', notebooks: [REPO], steps: [PRINT('repository')] },
        { name: 'Repository too', notebooks: ['github:OctoCat/Hello-World'], steps: [PRINT('repository too')] },
        { name: 'Master branch', notebooks: [`${REPO}@master`], steps: [PRINT('master')] },
      ]),
    ),
  );
  await expect(imported(page)).toHaveText('Presets imported: 3.');

  // On master the branch binding is more specific than the two repository ones: one button.
  await openNotebook(page, ON_MASTER);
  await expectOneToolbar(page);
  await expect(runSetupButton(page)).toHaveAttribute('title', /Master branch/);
  // On dev only the two repository bindings apply, and they tie: Run setup is a menu of both.
  await openNotebook(page, ON_DEV);
  await expectOneToolbar(page);
  await runSetupButton(page).click();
  const menu = page.getByRole('menu', { name: 'Presets for this notebook' });
  // Both tie: they are offered by name (not by their random ids).
  await expect(menu.getByRole('menuitem')).toHaveText(['Repository', 'Repository too']);
});

test('a project binding survives export and import, and reads as “Every notebook in owner/repo”', async ({ page, extensionId, serviceWorker }) => {
  const bindings = [REPO, 'github:octocat/spoon-knife@feature/x'];
  await importFile(page, extensionId, JSON.stringify(presetsFile([{ name: 'Hello project', notebooks: bindings, steps: [PRINT('x')] }])));
  await expect(imported(page)).toHaveText('Presets imported: 1.');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export presets' }).click();
  const text = await readFile(await (await download).path(), 'utf8');
  expect((JSON.parse(text) as { presets: { notebooks: string[] }[] }).presets[0]?.notebooks).toEqual(bindings);

  await resetStorage(serviceWorker);
  await importFile(page, extensionId, text);
  await expect(imported(page)).toHaveText('Presets imported: 1.');
  expect((await stored(serviceWorker))[0]?.notebooks).toEqual(bindings);
  const edit = await openEditor(page, 'Hello project');
  await expect(edit.getByRole('list', { name: 'Notebooks' }).getByRole('listitem')).toHaveText([
    'Every notebook in octocat/hello-world Remove',
    'Every notebook in octocat/spoon-knife on branch feature/x Remove',
  ]);
});

test('a github: key that is not a repository, a branch or a notebook is refused on import with why, and nothing changes', async ({ page, extensionId, serviceWorker }) => {
  await importFile(page, extensionId, JSON.stringify(presetsFile([{ name: 'Kept', notebooks: [REPO], steps: [PRINT('x')] }])));
  await expect(imported(page)).toHaveText('Presets imported: 1.');
  const before = await stored(serviceWorker);

  for (const [key, why] of [
    ['github:octocat/hello-world/master', 'is not a GitHub repository (github:owner/repo), a branch of one'],
    ['github:-octocat/hello-world', '"-octocat" is not a GitHub owner name'],
    ['github:octocat/hello-world@a..b', '"a..b" is not a branch name git allows'],
  ]) {
    await page.getByLabel('Import presets').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(presetsFile([{ name: 'Bad', notebooks: [key ?? ''], steps: [PRINT('x')] }]))),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'presets[0].notebooks[0]' });
    await expect(alert).toContainText('The file was not imported, and nothing was changed');
    await expect(alert).toContainText(why ?? '');
    expect(await stored(serviceWorker)).toEqual(before);
  }
});

test('Add notebook takes a GitHub repository or branch address', async ({ page, extensionId, serviceWorker }) => {
  await importFile(page, extensionId, JSON.stringify(presetsFile([{ name: 'Hello project', notebooks: [], steps: [PRINT('x')] }])));
  await expect(imported(page)).toHaveText('Presets imported: 1.');
  const edit = await openEditor(page, 'Hello project');
  const input = edit.getByLabel('Colab notebook URL or notebook key');
  const list = edit.getByRole('list', { name: 'Notebooks' }).getByRole('listitem');

  await input.fill('https://github.com/OctoCat/Hello-World');
  await edit.getByRole('button', { name: 'Add notebook' }).click();
  await expect(list).toHaveText(['Every notebook in octocat/hello-world Remove']);
  await input.fill('https://github.com/octocat/hello-world/tree/dev');
  await edit.getByRole('button', { name: 'Add notebook' }).click();
  await expect(list).toHaveText(['Every notebook in octocat/hello-world Remove', 'Every notebook in octocat/hello-world on branch dev Remove']);
  // The same repository in another case is the same binding; an address that is no repository is refused.
  await input.fill('github:OCTOCAT/HELLO-WORLD');
  await edit.getByRole('button', { name: 'Add notebook' }).click();
  await expect(edit.getByRole('alert')).toContainText('already applies to Every notebook in octocat/hello-world');
  await input.fill('https://github.com/octocat/hello-world/issues/1');
  await edit.getByRole('button', { name: 'Add notebook' }).click();
  await expect(edit.getByRole('alert')).toContainText('This GitHub address is not a repository');
  expect((await stored(serviceWorker))[0]?.notebooks).toEqual([REPO, `${REPO}@dev`]);
});

test('the Run setup panel binds a preset to the whole repository in one step, and the options page shows it', async ({ page, extensionId, serviceWorker }) => {
  await importFile(
    page,
    extensionId,
    JSON.stringify(
      presetsFile([
        { name: 'Thesis', notebooks: [`drive:${DRIVE_ID}`], steps: [PRINT('thesis')] },
        { name: 'Hello project', notebooks: [], steps: [PRINT('hello project')] },
      ]),
    ),
  );
  await expect(imported(page)).toHaveText('Presets imported: 2.');

  await openNotebook(page, ON_MASTER);
  await expectOneToolbar(page);
  await expect(runSetupButton(page)).toHaveCount(0);
  await toolbar(page).getByRole('button', { name: /More recipes/ }).click();
  await page.getByRole('menuitem', { name: /Bind a preset/ }).click();
  const bind = page.locator('section.bind');
  const preset = bind.getByLabel('Preset');
  await expect(preset).toBeFocused();
  await preset.selectOption({ label: 'Hello project' });
  await bind.getByRole('radio', { name: 'Every notebook in octocat/hello-world' }).check();
  await bind.getByRole('button', { name: 'Bind' }).click();
  await expect(runStatus(page)).toHaveText('“Hello project” now applies to every notebook in octocat/hello-world.');
  expect((await stored(serviceWorker)).find((p) => p.name === 'Hello project')?.notebooks).toEqual([REPO]);

  // Run setup now offers it here, and on another notebook of the same repository.
  await runSetupButton(page).click();
  await expect(runStatus(page)).toHaveText('Setup “Hello project” done: 1 ran, 0 already done.');
  await openNotebook(page, ON_DEV);
  await expectOneToolbar(page);
  await expect(runSetupButton(page)).toHaveAttribute('title', /Hello project/);

  // Binding it again says so and writes nothing.
  await toolbar(page).getByRole('button', { name: /More recipes/ }).click();
  await page.getByRole('menuitem', { name: /Bind a preset/ }).click();
  await bind.getByLabel('Preset').selectOption({ label: 'Hello project' });
  await bind.getByRole('radio', { name: 'Every notebook in octocat/hello-world' }).check();
  await bind.getByRole('button', { name: 'Bind' }).click();
  await expect(runStatus(page)).toHaveText('“Hello project” already applies there.');

  await openOptions(page, extensionId);
  const edit = await openEditor(page, 'Hello project');
  await expect(edit.getByRole('list', { name: 'Notebooks' }).getByRole('listitem')).toHaveText(['Every notebook in octocat/hello-world Remove']);
});

test('on a Drive notebook the panel binds that one notebook, and says so', async ({ page, extensionId, serviceWorker }) => {
  await importFile(page, extensionId, JSON.stringify(presetsFile([{ name: 'Course', notebooks: [], steps: [PRINT('course')] }])));
  await expect(imported(page)).toHaveText('Presets imported: 1.');
  await openNotebook(page, `/drive/${DRIVE_ID}`);
  await expectOneToolbar(page);
  await toolbar(page).getByRole('button', { name: /More recipes/ }).click();
  await page.getByRole('menuitem', { name: /Bind a preset/ }).click();
  const bind = page.locator('section.bind');
  // A Drive notebook has no repository: no choice of scope, only this notebook.
  await expect(bind.getByRole('radio')).toHaveCount(0);
  await bind.getByRole('button', { name: 'Bind' }).click();
  await expect(runStatus(page)).toHaveText('“Course” now applies to this notebook.');
  expect((await stored(serviceWorker))[0]?.notebooks).toEqual([`drive:${DRIVE_ID}`]);
  await expect(runSetupButton(page)).toBeVisible();
});
