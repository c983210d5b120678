/**
 * The preset editor on the options page: create, steps (add, edit with validation, reorder,
 * remove), rename, duplicate, delete with undo, notebooks, switches, copy as setup cell, and
 * changes made elsewhere while a form is open. Storage is read from the service worker.
 */
import type { Locator, Page, Worker } from '@playwright/test';
import { setupCell, type Preset } from '../src/presets';
import { DRIVE_ID, expect, resetStorage, test } from './fixtures';

const ID = '6f1c2a9e-1b7d-4c1e-9a3b-2f4e5d6c7b8a';
const MOUNT = { recipe: 'mount-drive', params: {} };
const PIP = { recipe: 'pip-install', params: { packages: ['transformers==4.44.0', 'datasets'] } };
const GPU = { recipe: 'gpu-check', params: {} };
const CLONE = { recipe: 'git-clone', params: { url: 'https://github.com/owner/repo' } };

/** A stored preset (steps written as plain objects, as in the stored JSON). */
const preset = (over: { [K in keyof Preset]?: unknown } = {}): Preset =>
  ({ id: ID, name: 'Thesis setup', notebooks: [], steps: [MOUNT, PIP, GPU], autoRun: false, oneCell: false, keepInstalls: true, updatedAt: 1_000, ...over }) as Preset;

async function seed(sw: Worker, presets: readonly Preset[]) {
  await sw.evaluate((store) => chrome.storage.local.set({ presets: store }), { schemaVersion: 3, presets });
}

async function stored(sw: Worker): Promise<Preset[]> {
  const { presets } = await sw.evaluate(() => chrome.storage.local.get('presets'));
  return (presets as { presets: Preset[] } | undefined)?.presets ?? [];
}

async function openOptions(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await expect(page.getByRole('heading', { name: 'Presets', exact: true })).toBeVisible();
}

const presetList = (page: Page) => page.getByRole('list', { name: 'Presets' });
const items = (page: Page) => presetList(page).locator(':scope > li');
const editor = (page: Page) => page.locator('section.editor');
const status = (page: Page) => page.locator('section[aria-labelledby="presets-heading"] > [role="status"]');
const steps = (page: Page) => editor(page).getByRole('list', { name: 'Steps' });

async function openEditor(page: Page, name: string): Promise<Locator> {
  await presetList(page).getByRole('button', { name: `Edit “${name}”` }).click();
  await expect(editor(page).getByRole('heading', { name: `Edit “${name}”` })).toBeFocused();
  return editor(page);
}

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

test('create a preset, add steps, refuse an invalid parameter, fix it, reorder and rename', async ({ page, extensionId, serviceWorker }) => {
  await openOptions(page, extensionId);
  await page.getByRole('button', { name: 'New preset' }).click();
  const form = page.getByRole('form', { name: 'New preset' });
  await expect(form.getByLabel('Name')).toBeFocused();

  // Both the empty name and the first step's invalid value are refused, naming the fields.
  await form.getByLabel('Recipe').selectOption({ label: 'Clone repo' });
  await form.getByLabel('Repository URL').fill('not a url');
  await form.getByRole('button', { name: 'Create preset' }).click();
  await expect(form.getByRole('alert')).toContainText('Name: The name is empty.');
  await expect(form.getByRole('alert')).toContainText('Repository URL');
  expect(await stored(serviceWorker)).toEqual([]);

  await form.getByLabel('Name').fill('  Thesis setup ');
  await form.getByLabel('Repository URL').fill('https://github.com/owner/repo');
  await form.getByRole('button', { name: 'Create preset' }).click();
  await expect(status(page)).toHaveText('Created “Thesis setup”.');
  const edit = editor(page);
  await expect(edit.getByRole('heading', { name: 'Edit “Thesis setup”' })).toBeFocused();
  const [created] = await stored(serviceWorker);
  expect(created).toMatchObject({ name: 'Thesis setup', notebooks: [], steps: [CLONE], autoRun: false, oneCell: false });
  expect(created?.id).toMatch(/^[0-9a-f-]{36}$/);

  const addStep = async (recipe: string, fill: Record<string, string> = {}) => {
    await edit.getByRole('button', { name: 'Add step' }).click();
    const adding = edit.getByRole('form', { name: 'Add step' });
    await expect(adding.getByLabel('Recipe')).toBeFocused();
    await adding.getByLabel('Recipe').selectOption({ label: recipe });
    for (const [label, value] of Object.entries(fill)) await adding.getByLabel(label).fill(value);
    await adding.getByRole('button', { name: 'Add this step' }).click();
    await expect(status(page)).toHaveText(`Added step “${recipe}”.`);
  };
  await addStep('Mount Drive');
  await addStep('pip install', { Packages: 'transformers==4.44.0\ndatasets' });
  expect((await stored(serviceWorker))[0]?.steps).toEqual([CLONE, MOUNT, PIP]);
  await expect(steps(page).locator(':scope > li')).toHaveCount(3);
  await expect(steps(page)).toContainText('Packages: transformers==4.44.0, datasets');

  // An invalid edit is refused with an alert naming the field, and storage does not change.
  const before = await stored(serviceWorker);
  await steps(page).getByRole('button', { name: 'Edit step 1: Clone repo' }).click();
  const stepForm = edit.getByRole('form', { name: 'Step 1: Clone repo' });
  await expect(stepForm.getByLabel('Repository URL')).toHaveValue('https://github.com/owner/repo');
  await stepForm.getByLabel('Repository URL').fill('https://github.com/a/b$(touch /tmp/x)');
  await stepForm.getByRole('button', { name: 'Save step' }).click();
  const alert = stepForm.getByRole('alert');
  await expect(alert).toContainText('Not saved; nothing was changed');
  await expect(alert).toContainText('Repository URL contains “$”');
  await expect(stepForm.getByLabel('Repository URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(stepForm.getByLabel('Repository URL')).toBeFocused();
  expect(await stored(serviceWorker)).toEqual(before);

  await stepForm.getByLabel('Repository URL').fill('https://github.com/owner/thesis');
  await stepForm.getByLabel('Folder (optional)').fill('/content/thesis');
  await stepForm.getByRole('button', { name: 'Save step' }).click();
  await expect(status(page)).toHaveText('Saved step 1: Clone repo.');
  await expect(stepForm).toBeHidden();
  const clone = { recipe: 'git-clone', params: { url: 'https://github.com/owner/thesis', dest: '/content/thesis' } };
  const afterEdit = (await stored(serviceWorker))[0];
  expect(afterEdit?.steps).toEqual([clone, MOUNT, PIP]);
  expect(afterEdit?.updatedAt).toBeGreaterThan(before[0]?.updatedAt ?? 0);

  // Reorder with the buttons: focus follows the moved step.
  await steps(page).getByRole('button', { name: 'Move up step 2: Mount Drive' }).click();
  await expect(status(page)).toHaveText('Moved “Mount Drive” to position 1 of 3.');
  await expect(steps(page).getByRole('button', { name: 'Move up step 1: Mount Drive' })).toBeFocused();
  expect((await stored(serviceWorker))[0]?.steps).toEqual([MOUNT, clone, PIP]);
  await steps(page).getByRole('button', { name: 'Move down step 2: Clone repo' }).click();
  await expect(steps(page).getByRole('button', { name: 'Move down step 3: Clone repo' })).toBeFocused();
  expect((await stored(serviceWorker))[0]?.steps).toEqual([MOUNT, PIP, clone]);

  // Remove a step.
  await steps(page).getByRole('button', { name: 'Remove step 2: pip install' }).click();
  await expect(status(page)).toHaveText('Removed step “pip install”.');
  expect((await stored(serviceWorker))[0]?.steps).toEqual([MOUNT, clone]);

  // Rename: an empty name is refused; a new one is stored and listed.
  await edit.getByLabel('Name').fill('   ');
  await edit.getByRole('button', { name: 'Rename' }).click();
  await expect(edit.getByRole('alert')).toContainText('Name: The name is empty.');
  expect((await stored(serviceWorker))[0]?.name).toBe('Thesis setup');
  await edit.getByLabel('Name').fill('Thesis v2');
  await edit.getByRole('button', { name: 'Rename' }).click();
  await expect(status(page)).toHaveText('Renamed to “Thesis v2”.');
  await expect(edit.getByRole('heading', { name: 'Edit “Thesis v2”' })).toBeVisible();
  await expect(items(page)).toHaveCount(1);
  await expect(items(page)).toContainText('Thesis v2');
  expect((await stored(serviceWorker))[0]?.name).toBe('Thesis v2');
});

test('duplicate gives a unique "(copy)" name; delete leaves a tombstone and Undo restores it', async ({ page, extensionId, serviceWorker }) => {
  const bound = preset({ notebooks: [`drive:${DRIVE_ID}`], oneCell: true });
  const other = preset({ id: '0d6c2f4e-8a1b-4c3d-9e5f-7a8b9c0d1e2f', name: 'Other' });
  await seed(serviceWorker, [bound, other]);
  await openOptions(page, extensionId);
  await expect(items(page)).toHaveCount(2);

  await presetList(page).getByRole('button', { name: 'Duplicate “Thesis setup”' }).click();
  await expect(status(page)).toHaveText('Duplicated “Thesis setup” as “Thesis setup (copy)” (bound to no notebook yet).');
  await presetList(page).getByRole('button', { name: 'Duplicate “Thesis setup”' }).click();
  await expect(status(page)).toContainText('“Thesis setup (copy 2)”');
  await expect(items(page).locator('strong')).toHaveText(['Thesis setup', 'Thesis setup (copy 2)', 'Thesis setup (copy)', 'Other']);
  const afterCopies = await stored(serviceWorker);
  const copy = afterCopies.find((p) => p.name === 'Thesis setup (copy)');
  expect(copy).toMatchObject({ steps: bound.steps, oneCell: true, autoRun: false, notebooks: [] });
  expect(new Set(afterCopies.map((p) => p.id)).size).toBe(4);

  // Delete: not listed any more, kept as a tombstone; focus goes to Undo.
  await presetList(page).getByRole('button', { name: 'Delete “Thesis setup (copy)”' }).click();
  await expect(status(page)).toContainText('Deleted “Thesis setup (copy)”.');
  const undo = status(page).getByRole('button', { name: 'Undo' });
  await expect(undo).toBeFocused();
  await expect(items(page)).toHaveCount(3);
  await expect(items(page).locator('strong')).toHaveText(['Thesis setup', 'Thesis setup (copy 2)', 'Other']);
  const tombstone = (await stored(serviceWorker)).find((p) => p.id === copy?.id);
  expect(tombstone?.deletedAt).toBeGreaterThan(0);
  expect(tombstone?.updatedAt).toBe(tombstone?.deletedAt);

  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText('Restored “Thesis setup (copy)”.');
  await expect(items(page)).toHaveCount(4);
  await expect(presetList(page).getByRole('button', { name: 'Edit “Thesis setup (copy)”' })).toBeFocused();
  const restored = (await stored(serviceWorker)).find((p) => p.id === copy?.id);
  expect(restored).toBeDefined();
  expect(restored && 'deletedAt' in restored).toBe(false);
  expect(restored?.updatedAt).toBeGreaterThanOrEqual(tombstone?.updatedAt ?? Infinity);
});

test('bind notebooks by pasting a Colab URL or a key; anything else is refused', async ({ page, extensionId, serviceWorker }) => {
  await seed(serviceWorker, [preset()]);
  await openOptions(page, extensionId);
  const edit = await openEditor(page, 'Thesis setup');
  await expect(edit).toContainText('Not used in any notebook yet.');
  const input = edit.getByLabel('Colab notebook URL or notebook key');

  for (const [text, reason] of [
    ['https://example.org/notebook.ipynb', 'neither a Colab notebook URL'],
    ['https://colab.research.google.com/notebooks/empty.ipynb', 'scratch notebook'],
    ['', 'Paste a Colab notebook URL'],
  ]) {
    await input.fill(text ?? '');
    await edit.getByRole('button', { name: 'Add notebook' }).click();
    await expect(edit.getByRole('alert')).toContainText(reason ?? '');
    expect((await stored(serviceWorker))[0]?.notebooks).toEqual([]);
  }

  await input.fill(`https://colab.research.google.com/drive/${DRIVE_ID}?usp=sharing#scrollTo=x`);
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText(`Added Google Drive file ${DRIVE_ID}.`);
  await expect(edit.getByRole('alert')).toHaveCount(0);
  await expect(input).toHaveValue('');
  await input.fill('https://colab.google.com/github/Owner/Repo/blob/main/nb/train.ipynb');
  await edit.getByRole('button', { name: 'Add notebook' }).click();
  const notebooks = edit.getByRole('list', { name: 'Notebooks' });
  await expect(notebooks.getByRole('listitem')).toHaveText([
    `Google Drive file ${DRIVE_ID} Remove`,
    'GitHub owner/repo, branch main: nb/train.ipynb Remove',
  ]);
  expect((await stored(serviceWorker))[0]?.notebooks).toEqual([`drive:${DRIVE_ID}`, 'github:owner/repo/main/nb/train.ipynb']);

  // The same notebook again (as its key) is refused; removing one keeps the other.
  await input.fill(`drive:${DRIVE_ID}`);
  await edit.getByRole('button', { name: 'Add notebook' }).click();
  await expect(edit.getByRole('alert')).toContainText('already applies to');
  await notebooks.getByRole('button', { name: `Remove Google Drive file ${DRIVE_ID}` }).click();
  await expect(status(page)).toHaveText(`Removed Google Drive file ${DRIVE_ID}.`);
  expect((await stored(serviceWorker))[0]?.notebooks).toEqual(['github:owner/repo/main/nb/train.ipynb']);
  await expect(items(page)).toContainText('steps: 3 · notebooks: 1');
});

test('switches: run on connect; one cell is refused while Restart runtime is not last', async ({ page, extensionId, serviceWorker }) => {
  await seed(serviceWorker, [preset({ steps: [MOUNT, { recipe: 'restart-runtime', params: {} }, GPU] })]);
  await openOptions(page, extensionId);
  const edit = await openEditor(page, 'Thesis setup');
  const autoRun = edit.getByRole('switch', { name: 'Run automatically on connect' });
  const oneCell = edit.getByRole('switch', { name: 'Run as one cell' });
  await expect(autoRun).not.toBeChecked();

  await oneCell.click();
  await expect(edit.getByRole('alert')).toContainText('restart-runtime ends the runtime, so in one cell it must be the last step.');
  await expect(oneCell).not.toBeChecked();
  expect((await stored(serviceWorker))[0]?.oneCell).toBe(false);

  await autoRun.check();
  await expect.poll(async () => (await stored(serviceWorker))[0]?.autoRun).toBe(true);
  await expect(items(page)).toContainText('runs on connect');

  // With Restart runtime last, one cell is accepted.
  await steps(page).getByRole('button', { name: 'Move down step 2: Restart runtime' }).click();
  await oneCell.check();
  await expect.poll(async () => (await stored(serviceWorker))[0]?.oneCell).toBe(true);
  await expect(edit.getByRole('alert')).toHaveCount(0);
});

test('Keep installs on Drive: on for a preset that mounts Drive (a version-1 store is migrated), one click turns it off', async ({ page, extensionId, serviceWorker }) => {
  // Stored by a version without the switch: the migration turns it on because the preset mounts Drive.
  await serviceWorker.evaluate((p) => chrome.storage.local.set({ presets: { schemaVersion: 1, presets: [p] } }), (({ keepInstalls: _, ...rest }) => rest)(preset()));
  await openOptions(page, extensionId);
  const edit = await openEditor(page, 'Thesis setup');
  const keep = edit.getByRole('switch', { name: 'Keep installs on Drive' });
  await expect(keep).toBeChecked();
  await expect(keep).toHaveAccessibleDescription(/MyDrive\/\.colab-launchpad/);
  await keep.uncheck();
  await expect.poll(async () => (await stored(serviceWorker))[0]?.keepInstalls).toBe(false);
  await keep.check();
  await expect.poll(async () => (await stored(serviceWorker))[0]?.keepInstalls).toBe(true);
});

test('Copy as setup cell puts the preset’s cell on the clipboard, or says why it cannot', async ({ page, extensionId, serviceWorker }) => {
  const thesis = preset({ notebooks: [`drive:${DRIVE_ID}`] });
  const restartFirst = preset({ id: '0d6c2f4e-8a1b-4c3d-9e5f-7a8b9c0d1e2f', name: 'Restart first', steps: [{ recipe: 'restart-runtime', params: {} }, GPU] });
  await seed(serviceWorker, [thesis, restartFirst]);
  await openOptions(page, extensionId);
  // Permissions cannot be granted to an extension origin, so the clipboard write is recorded.
  await page.evaluate(() => {
    const copies: string[] = [];
    (window as unknown as { copies: string[] }).copies = copies;
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text: string) => {
      copies.push(text);
      return write(text);
    };
  });
  const copies = () => page.evaluate(() => (window as unknown as { copies: string[] }).copies);

  await presetList(page).getByRole('button', { name: 'Copy as setup cell: “Thesis setup”' }).click();
  await expect(status(page)).toHaveText('Copied the setup cell of “Thesis setup”: paste it into a Colab code cell.');
  const [copied] = await copies();
  expect(copied).toBe(setupCell(thesis));
  expect(copied).toContain('# Setup: Thesis setup');
  expect(copied).toContain("_launchpad_mount_drive('/content/drive', False)");

  await presetList(page).getByRole('button', { name: 'Copy as setup cell: “Restart first”' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('“Restart first” cannot be copied as one setup cell');
  await expect(alert).toContainText('steps[0].recipe: restart-runtime ends the runtime');
  expect(await copies()).toEqual([copied]);
});

test('keyboard only: open the editor and reorder steps, focus staying on the moved step', async ({ page, extensionId, serviceWorker }) => {
  await seed(serviceWorker, [preset()]);
  await openOptions(page, extensionId);
  const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
  const tabTo = async (name: string) => {
    for (let i = 0; i < 40 && (await focusedName()) !== name; i++) await page.keyboard.press('Tab');
    expect(await focusedName()).toBe(name);
  };

  await tabTo('Edit “Thesis setup”');
  await page.keyboard.press('Enter');
  await expect(editor(page).getByRole('heading', { name: 'Edit “Thesis setup”' })).toBeFocused();
  await tabTo('Move down step 1: Mount Drive');
  await page.keyboard.press('Enter');
  await expect(steps(page).getByRole('button', { name: 'Move down step 2: Mount Drive' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(steps(page).getByRole('button', { name: 'Move down step 3: Mount Drive' })).toBeFocused();
  await expect(status(page)).toHaveText('Moved “Mount Drive” to position 3 of 3.');
  expect((await stored(serviceWorker))[0]?.steps).toEqual([PIP, GPU, MOUNT]);

  // At the end, Move down stays focusable and does nothing.
  const updatedAt = (await stored(serviceWorker))[0]?.updatedAt;
  await expect(page.locator(':focus')).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  expect(await focusedName()).toBe('Move up step 3: Mount Drive');
  await page.keyboard.press('Enter');
  await expect(steps(page).getByRole('button', { name: 'Move up step 2: Mount Drive' })).toBeFocused();
  const final = (await stored(serviceWorker))[0];
  expect(final?.steps).toEqual([PIP, MOUNT, GPU]);
  expect(final?.updatedAt).toBeGreaterThanOrEqual(updatedAt ?? Infinity);
});

test('changes from another tab show up; an open edit form keeps what was typed', async ({ page, extensionId, serviceWorker }) => {
  await seed(serviceWorker, [preset()]);
  await openOptions(page, extensionId);
  const edit = await openEditor(page, 'Thesis setup');

  // Not typed in yet: the rename field follows a rename made elsewhere.
  await seed(serviceWorker, [preset({ name: 'Renamed elsewhere', updatedAt: 2_000 })]);
  await expect(items(page)).toContainText('Renamed elsewhere');
  await expect(edit.getByLabel('Name')).toHaveValue('Renamed elsewhere');

  // Typed in: the step form keeps the typed value and asks.
  await steps(page).getByRole('button', { name: 'Edit step 2: pip install' }).click();
  const stepForm = edit.getByRole('form', { name: 'Step 2: pip install' });
  await stepForm.getByLabel('Packages').fill('numpy');
  const theirs = { recipe: 'pip-install', params: { packages: ['scipy'] } };
  await seed(serviceWorker, [preset({ name: 'Renamed elsewhere', steps: [MOUNT, theirs, GPU], updatedAt: 3_000 })]);
  await expect(steps(page)).toContainText('Packages: scipy');
  await expect(stepForm.getByRole('alert')).toContainText('This step was changed in another tab or by sync');
  await expect(stepForm.getByLabel('Packages')).toHaveValue('numpy');
  await stepForm.getByRole('button', { name: 'Save step' }).click();
  await expect(stepForm.getByRole('alert').last()).toContainText('First choose');
  expect((await stored(serviceWorker))[0]?.steps[1]).toEqual(theirs);

  await stepForm.getByRole('button', { name: 'Keep my version' }).click();
  await stepForm.getByRole('button', { name: 'Save step' }).click();
  await expect(status(page)).toHaveText('Saved step 2: pip install.');
  expect((await stored(serviceWorker))[0]?.steps[1]).toEqual({ recipe: 'pip-install', params: { packages: ['numpy'] } });

  // Deleted elsewhere: the editor says so. (Later than the save above, or sync would rightly
  // restore the newer saved version.)
  const later = Date.now() + 60_000;
  await seed(serviceWorker, [preset({ name: 'Renamed elsewhere', deletedAt: later, updatedAt: later })]);
  await expect(edit.getByRole('alert')).toHaveText('This preset was deleted in another tab or by sync.');
  await expect(page.getByText('No presets yet.')).toBeVisible();
});
