/**
 * Colab-safe installs in the browser, with the real IPython behind the replica and real pip from a
 * local index that offers an `ipython` 7.34.0 wheel (Debian's IPython 8.5 stands in for Colab's):
 * Run setup stops a step that would change ipython before anything is installed, names it with
 * Colab's warning, and installs it only after Install anyway; Skip goes on without it. After a green
 * run the toolbar says "Ready in N s · k/k checks"; a package that does not import names its module;
 * an install that changed an imported package restarts the runtime and the run goes on.
 */
import { DRIVE_ID, expect, expectOneToolbar, importPresets, openNotebook, resetStorage, runStatus, test, toolbar } from './fixtures';

const REAL = ['kernel:ipython'];

test.use({ realKernelOptions: { packages: [['ipython', '7.34.0'], ['lp-demo-widgets', '1.0.0']] } });

test.beforeEach(async ({ serviceWorker }) => {
  await resetStorage(serviceWorker);
});

const preset = {
  format: 'colab-launchpad/presets',
  version: 1,
  presets: [{
    name: 'Old IPython',
    notebooks: [`drive:${DRIVE_ID}`],
    steps: [
      { recipe: 'pip-install', params: { packages: ['ipython==7.34.0'] } },
      { recipe: 'python', params: { code: "import importlib.metadata as m\nprint('IPYTHON', m.version('ipython'))" } },
    ],
  }],
};


/** pip command lines the kernel ran (`python -m pip …`), without `-m pip`. */
const pipRuns = (calls: readonly { tool: string; argv: readonly string[] }[]) =>
  calls.filter((c) => c.argv[0] === '-m' && c.argv[1] === 'pip').map((c) => c.argv.slice(2));

test('a step that would change ipython installs nothing until Install anyway, and the panel names ipython', async ({ page, extensionId, realKernel }) => {
  await importPresets(page, extensionId, preset);
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
  const panel = page.getByRole('region', { name: 'Setup: Old IPython' });
  const held = panel.getByRole('alert');
  await expect(held).toContainText('this step would change ipython 8.5.0 → 7.34.0', { timeout: 60_000 });
  await expect(held).toContainText('Upgrading ipython, ipykernel, tornado, prompt-toolkit, pyzmq can cause your runtime to repeatedly crash');
  await expect(runStatus(page)).toContainText('LaunchpadHeld');
  // pip ran once, could not keep ipython and installed nothing; the next step did not run.
  expect(pipRuns(realKernel.calls())).toEqual([['install', '--disable-pip-version-check', 'ipython==7.34.0']]);
  expect(realKernel.history).toHaveLength(1);
  await expect(panel.locator('li[data-state="not-run"]')).toHaveCount(1);

  await held.getByRole('button', { name: 'Install anyway' }).click();
  // The import check of the confirmed install passed too.
  await expect(runStatus(page)).toHaveText(/^Setup “Old IPython” done: 2 ran, 0 already done\. Ready in \d+ s · 1\/1 checks$/, { timeout: 60_000 });
  expect(pipRuns(realKernel.calls())).toHaveLength(2);
  expect(realKernel.history.at(-1)?.reply.outputs.map((o) => ('text' in o ? o.text : '')).join('')).toContain('IPYTHON 7.34.0');
  // Each step shows how long it took.
  await expect(panel.locator('li[data-state="done"] .state')).toHaveText([/Done · \d+\.\d s/, /Done · \d+\.\d s/]);
});

test('Skip goes on with the steps after the held one, without installing it', async ({ page, extensionId, realKernel }) => {
  await importPresets(page, extensionId, preset);
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
  const panel = page.getByRole('region', { name: 'Setup: Old IPython' });
  await panel.getByRole('alert').getByRole('button', { name: 'Skip' }).click();
  await expect(runStatus(page)).toHaveText('Setup “Old IPython” done: 1 ran, 0 already done.', { timeout: 60_000 });
  await expect(panel.locator('li[data-state="not-run"] .state')).toContainText('Skipped by you: it would change ipython 8.5.0 → 7.34.0');
  expect(pipRuns(realKernel.calls())).toHaveLength(1);
  expect(realKernel.history.at(-1)?.reply.outputs.map((o) => ('text' in o ? o.text : '')).join('')).toContain('IPYTHON 8.5.0');
});

const widgets = (first: object[]) => ({
  format: 'colab-launchpad/presets',
  version: 1,
  presets: [{
    name: 'Widgets',
    notebooks: [`drive:${DRIVE_ID}`],
    steps: [...first, { recipe: 'pip-install', params: { packages: ['lp-demo-widgets'] } }, { recipe: 'python', params: { code: "print('ok')" } }],
  }],
});

test('a green run ends "Ready in N s · 1/1 checks": the package it installed imports', async ({ page, extensionId, realKernel }) => {
  await importPresets(page, extensionId, widgets([]));
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
  await expect(runStatus(page)).toHaveText(/^Setup “Widgets” done: 2 ran, 0 already done\. Ready in \d+ s · 1\/1 checks$/, { timeout: 60_000 });
  expect(realKernel.history.at(-2)?.reply.outputs.map((o) => ('text' in o ? o.text : '')).join('')).toContain('Imports: lp_demo_widgets');
});

test('a package that does not import fails its step, naming the module', async ({ page, extensionId, realKernel }) => {
  // A file in the working folder shadows the installed package: the import check sees what the notebook would.
  const shadow = { recipe: 'python', params: { code: "open('lp_demo_widgets.py', 'w').write('raise ImportError(\"broken on purpose\")')" } };
  await importPresets(page, extensionId, widgets([shadow]));
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
  await expect(runStatus(page)).toContainText('import check failed: lp_demo_widgets (from lp-demo-widgets): ImportError: broken on purpose', { timeout: 60_000 });
  await expect(runStatus(page)).not.toContainText('Ready in');
  expect(realKernel.history).toHaveLength(2);
});

test('an install that changed an imported package restarts the runtime, and Run setup goes on with the next step', async ({ page, extensionId, realKernel }) => {
  realKernel.publish('lp-demo-widgets', '2.0.0');
  await importPresets(page, extensionId, {
    format: 'colab-launchpad/presets',
    version: 1,
    presets: [{
      name: 'Upgrade',
      notebooks: [`drive:${DRIVE_ID}`],
      steps: [
        { recipe: 'pip-install', params: { packages: ['lp-demo-widgets==1.0.0'] } },
        { recipe: 'python', params: { code: 'import lp_demo_widgets' } },
        { recipe: 'pip-install', params: { packages: ['lp-demo-widgets==2.0.0'] } },
        { recipe: 'python', params: { code: "import lp_demo_widgets, os\nprint('NOW', lp_demo_widgets.__version__, os.getpid())" } },
      ],
    }],
  });
  await openNotebook(page, `/drive/${DRIVE_ID}`, REAL);
  await expectOneToolbar(page);
  const before = realKernel.pid();
  await toolbar(page).getByRole('button', { name: /^Run setup/ }).click();
  await expect(runStatus(page)).toHaveText(/^Setup “Upgrade” done: 4 ran, 0 already done\. Ready in \d+ s · 2\/2 checks$/, { timeout: 90_000 });
  expect(realKernel.history.map((h) => h.reply.killed)).toEqual([false, false, true, false]);
  const upgrade = realKernel.history[2]?.reply.outputs.map((o) => ('text' in o ? o.text : '')).join('') ?? '';
  expect(upgrade).toContain('You must restart the runtime in order to use newly installed versions: lp-demo-widgets 1.0.0 → 2.0.0');
  expect(realKernel.pid()).not.toBe(before);
  expect(realKernel.history.at(-1)?.reply.outputs.map((o) => ('text' in o ? o.text : '')).join('')).toBe(`NOW 2.0.0 ${realKernel.pid()}\n`);
});
