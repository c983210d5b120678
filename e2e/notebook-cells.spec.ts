/**
 * Launchpad's footprint in a notebook: form cells (a title, code hidden), re-run in place instead
 * of copied, one block per preset kept up to date, the user's own and edited cells never touched.
 */
import { test as base, type Locator, type Page, type Worker } from '@playwright/test';
import {
  DRIVE_ID, OTHER_DRIVE_ID, cells, executions, expect, expectOneToolbar, launchWithExtension, openNotebook, reloadExtension, resetStorage, runStatus,
  serviceWorkerOf, test, toolbar,
} from './fixtures';

type NotebookCell = { getId(): string; getText(): string; setText(text: string): void };
type Api = {
  colab: { global: { notebook: { cells: NotebookCell[]; insertCell(type: string, options: object): void; focusedCell: NotebookCell; notebookModel: { deleteCells(models: unknown[]): void } } } };
  __replica: { disconnect(): void; navigate(path: string): void };
};

const NOTEBOOK = `drive:${DRIVE_ID}`;
const isOurs = (text: string) => /^# launchpad-cell /m.test(text.split('\n')[1] ?? '');

async function storePreset(serviceWorker: Worker, steps: { recipe: string; params: Record<string, unknown> }[], id = '5b0c9a1e-1f2a-4b3c-8d4e-5f6a7b8c9d0e') {
  await serviceWorker.evaluate(async ({ steps, id, notebook }) => {
    const preset = { id, name: 'Thesis', notebooks: [notebook], steps, autoRun: false, oneCell: false, updatedAt: Date.now() };
    await chrome.storage.local.set({ presets: { schemaVersion: 1, presets: [preset] } });
  }, { steps, id, notebook: NOTEBOOK });
}

const runSetupButton = (page: Page) => toolbar(page).getByRole('button', { name: /^Run setup/ });
const panel = (page: Page) => page.getByRole('region', { name: 'Setup: Thesis' });

async function runSetup(page: Page, done: RegExp | string = /^Setup “Thesis” done/) {
  if (await panel(page).isVisible()) await panel(page).getByRole('button', { name: 'Close' }).click();
  await runSetupButton(page).click();
  await expect(runStatus(page)).toHaveText(done);
}

/** The user's own cells (no Launchpad marker) are all still there, text unchanged. */
async function expectUserCellsKept(page: Page, before: { id: string; text: string }[]) {
  const now = await cells(page);
  for (const cell of before.filter((c) => !isOurs(c.text))) expect(now.find((c) => c.id === cell.id)?.text, cell.id).toBe(cell.text);
}

async function reset(page: Page) {
  await page.evaluate(() => (window as unknown as Api).__replica.disconnect());
  await page.getByRole('button', { name: 'Reconnect' }).first().click();
  await expect(runSetupButton(page)).toContainText('Setup needed');
}

const STEPS = [
  { recipe: 'mount-drive', params: {} },
  { recipe: 'python', params: { code: "print('step two')" } },
  { recipe: 'pip-install', params: { packages: ['torch'] } },
];

test.describe('Launchpad cells in the notebook', () => {
  test.beforeEach(async ({ serviceWorker }) => {
    await resetStorage(serviceWorker);
  });

  test('a recipe clicked twice leaves one cell, which ran twice, and the user’s cells stay as they were', async ({ page }) => {
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:50']);
    await expectOneToolbar(page);
    const before = await cells(page);
    const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
    await mount.click();
    await expect(runStatus(page)).toHaveText('Mount Drive: done');
    const once = await cells(page);
    expect(once).toHaveLength(before.length + 1);
    const ours = once.find((c) => isOurs(c.text));
    await expect(page.locator(`#cell-${ours?.id} .output`)).toContainText('Mounted at /content/drive');
    await page.mouse.wheel(0, -2_000);
    await mount.click();
    await expect(mount).toHaveAttribute('data-state', 'running');
    await expect(mount).toHaveAttribute('data-state', 'done');
    expect(await cells(page)).toEqual(once.map((c) => ({ ...c, focused: expect.any(Boolean) })));
    expect((await executions(page)).map((r) => r.cellId)).toEqual([ours?.id, ours?.id]);
    // Its output was replaced by the second run's, and it was brought into view.
    await expect(page.locator(`#cell-${ours?.id} .output`)).toContainText('Drive already mounted');
    await expect(page.locator(`#cell-${ours?.id} .output`)).not.toContainText('Mounted at');
    await expect(page.locator(`#cell-${ours?.id}`)).toBeInViewport();

    // Install PyTorch is another recipe: its own cell, also run again in place on a second click.
    const pytorch = toolbar(page).getByRole('button', { name: 'Install PyTorch' });
    await pytorch.click();
    await expect(pytorch).toHaveAttribute('data-state', 'done');
    await pytorch.click();
    await expect(pytorch).toHaveAttribute('data-state', 'running');
    await expect(pytorch).toHaveAttribute('data-state', 'done');
    expect(await cells(page)).toHaveLength(before.length + 2);
    expect(await executions(page)).toHaveLength(4);
    await expectUserCellsKept(page, before);
  });

  test('form cells show their title and output, with the code hidden until a double click', async ({ page }) => {
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:50']);
    await expectOneToolbar(page);
    await toolbar(page).getByRole('button', { name: 'Mount Drive' }).click();
    await expect(runStatus(page)).toHaveText('Mount Drive: done');
    const id = (await cells(page)).find((c) => isOurs(c.text))?.id;
    const cell = page.locator(`#cell-${id}`);
    await expect(cell.locator('.form-title')).toHaveText('Mount Drive');
    await expect(cell.locator('.output')).toContainText('Mounted at /content/drive');
    await expect(cell.locator('.view-line').first()).toBeHidden();
    const text = (await cells(page)).find((c) => c.id === id)?.text ?? '';
    await cell.locator('.formview').dblclick();
    await expect(cell.locator('.view-line')).toHaveCount(text.split('\n').length);
    await expect(cell.locator('.view-line').last()).toBeVisible();
    await expect(cell.locator('.view-line').last()).toHaveText("_launchpad_mount_drive('/content/drive', False)");
    await cell.locator('.formview').dblclick();
    await expect(cell.locator('.view-line').first()).toBeHidden();
    // The user's own cells are not forms.
    await expect(page.locator('div.notebook-cell-list > .cell.code:not(.form-cell)')).toHaveCount(3);
  });

  test('the replica shows any form cell as Colab does: title; code hidden only in display-mode "form"', async ({ page }) => {
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:50']);
    await expectOneToolbar(page);
    const ids = await page.evaluate(() => {
      const notebook = (window as unknown as Api).colab.global.notebook;
      const [, a, b, c] = notebook.cells;
      a?.setText('# @title Train the model { display-mode: "form" }\nprint("training")');
      b?.setText('# @title Plot the losses\nprint("plot")');
      c?.setText('print("no form")');
      return [a, b, c].map((cell) => cell?.getId());
    });
    const [form, both, plain] = [0, 1, 2].map((i) => page.locator(`#cell-${ids[i]}`)) as [Locator, Locator, Locator];
    await expect(form.locator('.form-title')).toHaveText('Train the model');
    await expect(form.locator('.view-line').first()).toBeHidden();
    await expect(both.locator('.form-title')).toHaveText('Plot the losses');
    await expect(both.locator('.view-line').nth(1)).toBeVisible();
    await expect(plain.locator('.formview')).toBeHidden();
    await expect(plain.locator('.view-line').first()).toBeVisible();
    // Running a form cell shows its output under the title; the code stays hidden.
    await form.locator('colab-run-button').click();
    await expect(form.locator('.output')).toContainText('training');
    await expect(form.locator('.view-line').first()).toBeHidden();
  });

  test('an edited Launchpad cell is left alone and a new one runs instead; a duplicated one is named', async ({ page }) => {
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:50']);
    await expectOneToolbar(page);
    const before = await cells(page);
    const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
    await mount.click();
    await expect(runStatus(page)).toHaveText('Mount Drive: done');
    const first = (await cells(page)).find((c) => isOurs(c.text));
    if (!first) throw new Error('no Launchpad cell');

    // The user opens its code and changes it (keyboard, in the editor).
    const cell = page.locator(`#cell-${first.id}`);
    await cell.locator('.formview').dblclick();
    await cell.locator('textarea.inputarea').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type("\nprint('mine')");
    const edited = `${first.text}\nprint('mine')`;
    expect((await cells(page)).find((c) => c.id === first.id)?.text).toBe(edited);

    await mount.click();
    await expect(runStatus(page)).toHaveText('Mount Drive: done You edited its earlier cell, so that one stays as it is and a new cell ran.');
    const after = await cells(page);
    expect(after).toHaveLength(before.length + 2);
    expect(after.find((c) => c.id === first.id)?.text).toBe(edited);
    const fresh = after.find((c) => c.id !== first.id && isOurs(c.text));
    expect(fresh?.text).toBe(first.text);
    expect((await executions(page)).map((r) => r.cellId)).toEqual([first.id, fresh?.id]);

    // The user duplicates the fresh cell: the first of the two runs, and the status says which.
    await page.evaluate((text) => {
      const notebook = (window as unknown as Api).colab.global.notebook;
      notebook.insertCell('code', { after: true, index: notebook.cells.length - 1 });
      notebook.focusedCell.setText(text);
    }, first.text);
    const position = (await cells(page)).findIndex((c) => c.id === fresh?.id) + 1;
    await mount.click();
    await expect(runStatus(page)).toHaveText(`Mount Drive: done 2 cells carry this marker; the first (cell ${position} from the top) ran.`);
    expect((await executions(page)).at(-1)?.cellId).toBe(fresh?.id);
    expect(await cells(page)).toHaveLength(before.length + 3);
    await expectUserCellsKept(page, before);
  });

  test('Run setup writes one block at the top; a reset and a second run add no cell and re-run them all', async ({ page, serviceWorker }) => {
    await storePreset(serviceWorker, STEPS);
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['runtime:t4', 'exec:50']);
    await expectOneToolbar(page);
    const before = await cells(page);
    await runSetup(page);
    const block = await cells(page);
    expect(block).toHaveLength(before.length + 3);
    // After the leading text cell, in step order, then the user's cells as they were.
    expect(block.map((c) => c.id)).toEqual([before[0]?.id, ...block.slice(1, 4).map((c) => c.id), ...before.slice(1).map((c) => c.id)]);
    expect(block.slice(1, 4).every((c) => isOurs(c.text))).toBe(true);
    const blockIds = block.slice(1, 4).map((c) => c.id);
    expect((await executions(page)).map((r) => r.cellId)).toEqual(blockIds);

    await reset(page);
    await runSetup(page);
    expect(await cells(page)).toEqual(block.map((c) => ({ ...c, focused: expect.any(Boolean) })));
    expect((await executions(page)).map((r) => r.cellId)).toEqual([...blockIds, ...blockIds]);
    await expect(runSetupButton(page)).not.toContainText('Setup needed');

    // A block cell the user deleted is written again, in its place in the block.
    await page.evaluate((id) => {
      const notebook = (window as unknown as Api).colab.global.notebook;
      const cell = notebook.cells.find((c) => c.getId() === id) as unknown as { model: unknown };
      notebook.notebookModel.deleteCells([cell.model]);
    }, blockIds[1]);
    await runSetup(page);
    const again = await cells(page);
    expect(again).toHaveLength(block.length);
    expect(again[2]?.text).toBe(block[2]?.text);
    expect([again[1]?.id, again[3]?.id]).toEqual([blockIds[0], blockIds[2]]);
    await expectUserCellsKept(page, before);
  });

  test('a preset edited between two runs updates its block; a block cell the user edited stays, and the panel says so', async ({ page, serviceWorker }) => {
    await storePreset(serviceWorker, STEPS);
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:50']);
    await expectOneToolbar(page);
    const before = await cells(page);
    await runSetup(page);
    const block = (await cells(page)).slice(1, 4);

    // The user edits step three's cell by hand.
    await page.evaluate((id) => {
      const cell = (window as unknown as Api).colab.global.notebook.cells.find((c) => c.getId() === id);
      cell?.setText(`${cell.getText()}\nprint('my own line')`);
    }, block[2]?.id);
    const userEdited = `${block[2]?.text}\nprint('my own line')`;

    // The preset changes: step two's code, step three's packages, and a fourth step.
    await storePreset(serviceWorker, [
      STEPS[0] as (typeof STEPS)[number],
      { recipe: 'python', params: { code: "print('step two, new')" } },
      { recipe: 'pip-install', params: { packages: ['torch', 'numpy'] } },
      { recipe: 'python', params: { code: "print('step four')" } },
    ]);
    await expect(runSetupButton(page)).toBeVisible();
    await page.waitForTimeout(300); // the toolbar reloads the plans from storage
    await runSetup(page);

    const now = await cells(page);
    // Step 1 the same code (its title now says 1/4), step 2 rewritten in place, step 3 new next to
    // the user's edited cell, step 4 added after it.
    expect(now.find((c) => c.id === block[0]?.id)?.text).toBe(block[0]?.text.replace('1/3', '1/4').replace(/ [0-9a-f]{16} /, (hash) => (now.find((c) => c.id === block[0]?.id)?.text.match(/ [0-9a-f]{16} /)?.[0] ?? hash)));
    expect(now.find((c) => c.id === block[0]?.id)?.text.split('\n')[0]).toBe('# @title Setup “Thesis” 1/4: Mount Drive { display-mode: "form" }');
    expect(now.find((c) => c.id === block[1]?.id)?.text).toContain("print('step two, new')");
    expect(now.find((c) => c.id === block[2]?.id)?.text).toBe(userEdited);
    const texts = now.map((c) => c.text);
    const three = texts.findIndex((t) => t.includes("'numpy'") && isOurs(t));
    expect(three).toBeGreaterThan(texts.indexOf(now.find((c) => c.id === block[1]?.id)?.text ?? ''));
    expect(texts[three + 1]).toContain("print('step four')");
    expect(now).toHaveLength(before.length + 5);
    await expect(panel(page).getByRole('listitem').nth(2)).toContainText('You edited its earlier cell');

    // The preset loses its last two steps: their cells go, the edited cell stays and is mentioned.
    await storePreset(serviceWorker, STEPS.slice(0, 2).map((s, i) => (i === 1 ? { recipe: 'python', params: { code: "print('step two, new')" } } : s)));
    await page.waitForTimeout(300);
    await runSetup(page);
    const last = await cells(page);
    expect(last).toHaveLength(before.length + 3);
    expect(last.find((c) => c.id === block[2]?.id)?.text).toBe(userEdited);
    await expect(panel(page)).toContainText('Edited by you, so left as they are: 1 cell(s) of an earlier version of this setup.');
    await expectUserCellsKept(page, before);
  });

  test('a Launchpad cell deleted while it waits in Colab’s queue fails visibly; moved cells are found where they are', async ({ page }) => {
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:50']);
    await expectOneToolbar(page);
    const mount = toolbar(page).getByRole('button', { name: 'Mount Drive' });
    await mount.click();
    await expect(runStatus(page)).toHaveText('Mount Drive: done');
    const ours = (await cells(page)).find((c) => isOurs(c.text));
    // Moved to the end by the user: found there and run in place.
    await page.evaluate((id) => {
      const notebook = (window as unknown as { colab: { global: { notebook: { cells: { getId(): string }[]; moveCell_(cell: unknown, delta: number): void } } } }).colab.global.notebook;
      for (let i = 0; i < 5; i++) notebook.moveCell_(notebook.cells.find((c) => c.getId() === id), 1);
    }, ours?.id);
    expect((await cells(page)).at(-1)?.id).toBe(ours?.id);
    const count = (await cells(page)).length;

    // The user runs a long cell of their own; Mount Drive's cell waits behind it, and the user deletes it.
    await page.evaluate(() => {
      const notebook = (window as unknown as Api).colab.global.notebook;
      const first = notebook.cells[1] as unknown as NotebookCell & { runButton: { click(): void } };
      first.setText('import time\ntime.sleep(2)\nprint("long")');
      first.runButton.click();
    });
    await mount.click();
    await expect(page.locator(`#cell-${ours?.id}`)).toHaveClass(/pending/);
    await page.evaluate((id) => {
      const notebook = (window as unknown as Api).colab.global.notebook;
      const cell = notebook.cells.find((c) => c.getId() === id) as unknown as { model: unknown };
      notebook.notebookModel.deleteCells([cell.model]);
    }, ours?.id);
    await expect(mount).toHaveAttribute('data-state', 'failed', { timeout: 10_000 });
    await expect(runStatus(page)).toHaveText('Mount Drive failed: Deleted: the cell was deleted before its run finished');
    expect(await cells(page)).toHaveLength(count - 1);
    // The next click simply writes it again.
    await mount.click();
    await expect(mount).toHaveAttribute('data-state', 'done', { timeout: 10_000 });
    expect(await cells(page)).toHaveLength(count);
  });

  test('opening another notebook during Run setup writes nothing into it', async ({ page, serviceWorker }) => {
    await storePreset(serviceWorker, [
      { recipe: 'python', params: { code: "import time\ntime.sleep(1)\nprint('slow')" } },
      { recipe: 'python', params: { code: "print('never here')" } },
    ]);
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:50']);
    await expectOneToolbar(page);
    await runSetupButton(page).click();
    await expect.poll(async () => (await executions(page)).length).toBe(1);
    await page.evaluate((id) => (window as unknown as Api).__replica.navigate(`/drive/${id}`), OTHER_DRIVE_ID);
    await expectOneToolbar(page);
    const other = await cells(page);
    await page.waitForTimeout(2_000);
    expect(await cells(page)).toEqual(other);
    expect(other.some((c) => isOurs(c.text))).toBe(false);
    expect((await executions(page)).map((r) => r.code)).not.toContainEqual(expect.stringContaining('never here'));
  });
});

base('after an extension update, Run setup finds its block again and adds no cell', async () => {
  const { context, close } = await launchWithExtension({ reloadable: true });
  try {
    await storePreset(await serviceWorkerOf(context), STEPS);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => ['error', 'warning'].includes(message.type()) && problems.push(`${message.type()}: ${message.text()}`));
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:50']);
    await expectOneToolbar(page);
    await runSetup(page);
    const block = await cells(page);

    await reloadExtension(context);
    await expectOneToolbar(page);
    await runSetup(page);
    expect((await cells(page)).map((c) => [c.id, c.text])).toEqual(block.map((c) => [c.id, c.text]));
    const ran = (await executions(page)).map((r) => r.cellId);
    expect(ran.slice(3)).toEqual(ran.slice(0, 3));
    expect(problems, 'errors in the Colab page across the update').toEqual([]);
  } finally {
    await close();
  }
});

base('in a Chinese browser the form titles are Chinese', async () => {
  const { context, close } = await launchWithExtension({ lang: 'zh-CN' });
  try {
    const page = await context.newPage();
    await openNotebook(page, `/drive/${DRIVE_ID}`, ['exec:50']);
    const bar = toolbar(page);
    await bar.getByRole('button', { name: '安装 PyTorch' }).click();
    await expect(bar.locator('span.status')).toHaveText('安装 PyTorch：完成');
    const ours = (await cells(page)).find((c) => isOurs(c.text));
    expect(ours?.text.split('\n')[0]).toBe('# @title 安装 PyTorch (torch, torchvision, torchaudio) { display-mode: "form" }');
    await expect(page.locator(`#cell-${ours?.id} .form-title`)).toHaveText('安装 PyTorch (torch, torchvision, torchaudio)');
  } finally {
    await close();
  }
});
