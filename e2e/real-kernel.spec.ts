/**
 * The replica with a real IPython behind its cells (`kernel:ipython`, the realKernel fixture):
 * Launchpad's recipes and Run setup run for real, and the tests look at what the code did.
 */
import type { Page } from '@playwright/test';
import { DRIVE_ID, executions, expect, expectOneToolbar, importPresets, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

const REAL = ['kernel:ipython'];

type Output = { output_type: string; name?: string; text?: string; ename?: string; evalue?: string; traceback?: string[] };

/** The outputs of the cell that ran last, from the page API (stream text as one string). */
async function lastOutputs(page: Page): Promise<Output[]> {
  return page.evaluate(() => {
    type Cell = { getId(): string; model: { outputs: Output[] } };
    const w = window as unknown as { __replica: { executions: { cellId: string }[] }; colab: { global: { notebook: { cells: Cell[] } } } };
    const id = w.__replica.executions.at(-1)?.cellId;
    return w.colab.global.notebook.cells.find((c) => c.getId() === id)?.model.outputs ?? [];
  });
}

const stdoutOf = (outputs: Output[]) => outputs.filter((o) => o.output_type === 'stream' && o.name === 'stdout').map((o) => o.text).join('');

/** Runs `code` with the Run Python… recipe and waits until the real kernel has answered it. */
async function runPython(page: Page, kernel: { history: readonly unknown[] }, code: string): Promise<void> {
  const before = kernel.history.length;
  await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
  await page.getByRole('menu', { name: 'Recipes' }).locator('[data-entry="python"]').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Code', { exact: false }).first().fill(code);
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => kernel.history.length, { timeout: 20_000 }).toBe(before + 1);
}

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

test('Run Python runs in the real IPython: its output, a namespace that persists, the process id', async ({ page, realKernel }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  await runPython(page, realKernel, 'import os\nanswer = 6 * 7\nprint(answer, os.getpid())');
  await expect(runStatus(page)).toContainText('Run Python: done');
  expect(stdoutOf(await lastOutputs(page))).toBe(`42 ${realKernel.pid()}\n`);
  expect((await executions(page)).at(-1)?.status).toBe('ok');

  // The next cell sees the first one's variables, as in a notebook.
  await runPython(page, realKernel, 'print(answer + 1, sum(len(w) for w in ["real", "kernel"]))');
  await expect.poll(async () => stdoutOf(await lastOutputs(page))).toBe('43 10\n');
  const count = await page.evaluate(() => (window as unknown as { colab: { global: { notebook: { cells: { getExecutionCount(): number | null }[] } } } }).colab.global.notebook.cells.map((c) => c.getExecutionCount()));
  expect(count).toContain(2);
});

test('a failing cell shows the real traceback, and Launchpad marks the step failed', async ({ page, realKernel }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  await runPython(page, realKernel, "print('parsing')\nint('not a number')");
  await expect(runStatus(page)).toContainText("Run Python failed: ValueError: invalid literal for int() with base 10: 'not a number'");
  const outputs = await lastOutputs(page);
  expect(stdoutOf(outputs)).toBe('parsing\n');
  const error = outputs.find((o) => o.output_type === 'error');
  expect(error).toMatchObject({ ename: 'ValueError', evalue: "invalid literal for int() with base 10: 'not a number'" });
  // IPython's own traceback, coloured: the failing line is in it.
  expect(error?.traceback?.join('\n')).toContain('\u001b[');
  // eslint-disable-next-line no-control-regex -- ANSI colour codes
  expect(error?.traceback?.join('\n').replace(/\u001b\[[\d;]*m/g, '')).toContain("----> 4 int('not a number')");
  expect((await executions(page)).at(-1)?.status).toBe('error');
  await expect(page.locator('.cell.code .output_error pre').last()).toContainText('ValueError');
});

test('Restart runtime restarts the Python process: the namespace is gone, the files stay', async ({ page, realKernel }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  await runPython(page, realKernel, "survivor = 1\nopen('kept.txt', 'w').write('kept')");
  const pid = realKernel.pid();

  await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
  await page.getByRole('menu', { name: 'Recipes' }).locator('[data-entry="restart-runtime"]').click();
  await expect.poll(async () => (await executions(page)).at(-1)?.status, { timeout: 15_000 }).toBe('killed');
  expect(realKernel.history.at(-1)?.reply.killed).toBe(true);
  await expect.poll(() => realKernel.pid(), { timeout: 15_000 }).not.toBe(pid);
  expect(realKernel.pid()).toBeDefined();

  await runPython(page, realKernel, "print(open('kept.txt').read(), 'survivor' in globals())");
  await expect.poll(async () => stdoutOf(await lastOutputs(page))).toBe('kept False\n');
});

test.describe('with the local package index', () => {
  test.use({ realKernelOptions: { packages: [['lp-demo-widgets', '1.0.0']] } });

  test('pip install… installs from the index for real; the next cell imports it', async ({ page, realKernel }) => {
    await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
    await expectOneToolbar(page);
    await toolbar(page).getByRole('button', { name: 'More recipes' }).click();
    await page.getByRole('menu', { name: 'Recipes' }).locator('[data-entry="pip-install"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Packages', { exact: false }).first().fill('lp-demo-widgets');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(runStatus(page)).toContainText('done', { timeout: 30_000 });
    expect(stdoutOf(await lastOutputs(page))).toContain('Successfully installed lp-demo-widgets-1.0.0');
    expect(realKernel.index?.counts().files).toBe(1);

    await runPython(page, realKernel, 'import lp_demo_widgets\nprint(lp_demo_widgets.__version__)');
    await expect.poll(async () => stdoutOf(await lastOutputs(page))).toBe('1.0.0\n');
  });
});

test.describe('with a local repository', () => {
  test.use({ realKernelOptions: { repos: { 'https://github.com/octocat/hello-world': { master: { 'requirements.txt': 'einops==0.8.0\n' } } } } });

  test('Run setup runs a two-step preset in order in the real kernel: a real clone, then a step reading it', async ({ page, extensionId, realKernel }) => {
    await importPresets(page, extensionId, {
      format: 'colab-launchpad/presets',
      version: 1,
      presets: [{
        name: 'Real setup',
        notebooks: [`drive:${DRIVE_ID}`],
        steps: [
          { recipe: 'git-clone', params: { url: 'https://github.com/octocat/hello-world' } },
          { recipe: 'python', params: { code: "print('needs:', open('hello-world/requirements.txt').read().strip())" } },
        ],
      }],
    });
    await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
    await expectOneToolbar(page);
    await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
    await expect(runStatus(page)).toHaveText('Setup “Real setup” done: 2 ran, 0 already done.', { timeout: 30_000 });
    expect(realKernel.calls().filter((c) => c.tool === 'git').map((c) => c.argv)).toEqual([['clone', '--', 'https://github.com/octocat/hello-world', 'hello-world']]);
    expect(stdoutOf(await lastOutputs(page))).toBe('needs: einops==0.8.0\n');
    expect((await executions(page)).map((e) => e.status)).toEqual(['ok', 'ok']);
  });
});

test('a running cell interrupted gets a real KeyboardInterrupt; a restart ends a running cell at once; resetVm gives a new VM', async ({ page, realKernel }) => {
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  type Nb = { cells: { getId(): string; setText(s: string): void; runButton: HTMLElement; isRunning(): boolean; model: { outputs: Output[] } }[] };
  await page.evaluate(() => {
    const cell = (window as unknown as { colab: { global: { notebook: Nb } } }).colab.global.notebook.cells[1];
    cell?.setText("open('scratch.txt', 'w').write('x')\nimport time\nprint('waiting', flush=True)\ntime.sleep(60)");
    cell?.runButton.click();
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as { colab: { global: { notebook: Nb } } }).colab.global.notebook.cells[1]?.isRunning())).toBe(true);
  await page.waitForTimeout(500); // the cell is in time.sleep by now
  await page.evaluate(() => (window as unknown as { colab: { global: { notebook: Nb } } }).colab.global.notebook.cells[1]?.runButton.click());
  await expect.poll(async () => (await executions(page)).at(-1)?.status, { timeout: 10_000 }).toBe('error');
  const outputs = await lastOutputs(page);
  expect(stdoutOf(outputs)).toBe('waiting\n');
  expect(outputs.find((o) => o.output_type === 'error')?.ename).toBe('KeyboardInterrupt');
  expect(realKernel.history.at(-1)?.reply.durationMs).toBeLessThan(30_000);

  // Restart session while a cell sleeps: the process ends now, not when the cell would have ended.
  const sleeping = realKernel.pid();
  await page.evaluate(() => {
    const cell = (window as unknown as { colab: { global: { notebook: Nb } } }).colab.global.notebook.cells[1];
    cell?.setText('import time\ntime.sleep(60)');
    cell?.runButton.click();
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as { colab: { global: { notebook: Nb } } }).colab.global.notebook.cells[1]?.isRunning())).toBe(true);
  await page.waitForTimeout(500); // the cell is in time.sleep by now
  const asked = Date.now();
  await page.evaluate(() => (window as unknown as { colab: { global: { notebook: { kernel: { restart(): Promise<void> } } } } }).colab.global.notebook.kernel.restart());
  await expect.poll(() => realKernel.pid(), { timeout: 10_000 }).not.toBe(sleeping);
  expect(realKernel.pid()).toBeDefined();
  expect(Date.now() - asked).toBeLessThan(10_000);
  await expect.poll(() => realKernel.history.length).toBe(2);
  expect(realKernel.history.at(-1)?.reply.killed).toBe(true);

  const pid = realKernel.pid();
  await page.evaluate(() => (window as unknown as { __replica: { resetVm(): Promise<boolean> } }).__replica.resetVm());
  await expect.poll(() => realKernel.pid(), { timeout: 15_000 }).not.toBe(pid);
  await runPython(page, realKernel, "import os\nprint(sorted(os.listdir('.')))");
  await expect.poll(async () => stdoutOf(await lastOutputs(page))).toBe('[]\n');
});
