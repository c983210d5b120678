/**
 * Tests of the Colab replica itself (no extension): boot timing, the DOM paths of colab-dom.md,
 * connect-button states, the page API and fake kernel, flags, hooks, dialogs and routing.
 */
import { test, expect, chromium, type Browser, type BrowserContext, type Page, type Response } from '@playwright/test';
import { routeColab } from './replica/serve.mjs';

const HOST = 'https://colab.research.google.com';
const ALT_HOST = 'https://colab.google.com';
const DRIVE_ID = '1Vp3AzLkkB_Z2xYqQ-9fT7uPl0wRbCdEf';

interface Output { output_type: string; name?: string; text?: string; ename?: string; evalue?: string; traceback?: string[] }
interface Cell {
  getId(): string;
  getText(): string;
  setText(text: string): void;
  isRunning(): boolean;
  isPending(): boolean;
  getExecutionCount(): number | null;
  runButton: HTMLElement;
  element_: HTMLElement;
  model: { type: string; outputs: Output[]; listenOnce(type: string, fn: (event: { type: string }) => void): number; toJson(): { outputs: { text?: string[] }[] } };
}
interface Kernel {
  isConnected(): boolean;
  getState(): string;
  execute(code: string): Promise<{ status: string }>;
  getEndpoint(): { getManagedEndpoint(): { getAccelerator(): string; getAcceleratorModel(): string } } | null;
}
interface Notebook {
  cells: Cell[];
  focusedCell: Cell | null;
  kernel: Kernel;
  insertCell(type: string, options: { after?: boolean; index?: number }): unknown;
  getNotebookModel(): { getAccelerator(): string; getAcceleratorModel(): string; getTitle(): string; getFileId(): { source: string; fileId: string } };
}
interface Hooks {
  ready: boolean;
  executions: { cellId: string; code: string; status: string; startedAt: number; endedAt: number }[];
  dialogClicks: string[];
  userInteractionCount: number;
  failNextExecution(error: { ename: string; evalue: string }): void;
  setConnectionState(state: string): void;
  setRuntime(kind: string): void;
  rerenderToolbar(): void;
  replaceToolbar(): void;
  rerenderHeader(): void;
  navigate(path: string): void;
  showDisconnectDialog(): void;
  showRecaptcha(): void;
}
type Colab = { global: { notebook: Notebook; notebookModel: { metadata: { colab: { name: string } } } } };
type ReplicaWindow = Window & { colab?: Colab; __replica: Hooks };
/** After boot, without `no-api`. */
type ApiWindow = Window & { colab: Colab; __replica: Hooks };

let browser: Browser;
let current: { context: BrowserContext; problems: string[] } | undefined;

test.beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

test.afterAll(async () => {
  await browser.close();
});

test.afterEach(async ({}, testInfo) => {
  const problems = current?.problems ?? [];
  await current?.context.close();
  current = undefined;
  if (testInfo.status === testInfo.expectedStatus) expect(problems, 'page errors and console errors/warnings').toEqual([]);
});

/** A fresh context routed to the replica, a page on `pathname?replica=flags`, and its problems list. */
async function open(flags: string[] = [], pathname = `/drive/${DRIVE_ID}`, host = HOST): Promise<{ page: Page; response: Response | null; problems: string[]; context: BrowserContext }> {
  const context = await browser.newContext();
  await routeColab(context);
  const problems: string[] = [];
  current = { context, problems };
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  const response = await page.goto(`${host}${pathname}${flags.length ? `?replica=${flags.join(',')}` : ''}`);
  return { page, response, problems, context };
}

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as ReplicaWindow).__replica?.ready === true);
}

/** What the connect button shows (colab-dom.md §1.2), read through its shadow root. */
function readConnect() {
  const host = document.querySelector('colab-notebook-toolbar#top-toolbar > colab-connect-button');
  const connect = host?.shadowRoot?.querySelector<HTMLElement & { disabled?: boolean }>('colab-toolbar-button#connect.split-button');
  return {
    text: connect?.textContent?.trim() ?? null,
    tooltip: connect?.getAttribute('tooltiptext') ?? null,
    disabled: connect?.disabled === true && connect.hasAttribute('disabled'),
    sparklines: connect?.querySelectorAll('#connect-button-resource-display > colab-usage-sparkline.ram[label=RAM], #connect-button-resource-display > colab-usage-sparkline.disks[label=Disk]').length ?? 0,
    iconOkay: !!host?.shadowRoot?.querySelector('md-icon-button#connect-icon.icon-okay:not([hidden])'),
    dropdown: !!host?.shadowRoot?.querySelector('md-icon-button#connect-dropdown'),
    nativeButton: !!connect?.shadowRoot?.querySelector('md-text-button#button')?.shadowRoot?.querySelector('button#button.button > span.touch'),
  };
}

const CPU_TOOLTIP = 'Connected to\nPython 3 Google Compute Engine backend\nRAM: 1.08 GB/12.67 GB\nDisk: 21.20 GB/107.72 GB';

test('boots after about a second: no UI or window.colab before, both after', async () => {
  const { page } = await open();
  const early = await page.evaluate(() => ({
    colab: typeof (window as unknown as ReplicaWindow).colab,
    toolbar: document.querySelector('#top-toolbar') !== null,
    config: document.getElementById('replica-config')?.getAttribute('type'),
  }));
  expect(early).toEqual({ colab: 'undefined', toolbar: false, config: 'application/json' });
  await page.waitForFunction(() => (window as unknown as ReplicaWindow).colab?.global?.notebook);
  const at = await page.evaluate(() => performance.now());
  expect(at).toBeGreaterThan(900);
  expect(await page.evaluate(() => (window as unknown as ReplicaWindow).__replica.ready)).toBe(true);
  await expect(page).toHaveTitle(/^[^<>]+\.ipynb - Colab$/);
});

test('page skeleton, toolbar, cell, editor and output follow colab-dom.md §1', async () => {
  const { page } = await open(['boot:0']);
  await ready(page);
  const dom = await page.evaluate(() => {
    const q = (sel: string) => document.querySelectorAll(sel).length;
    const toolbar = document.querySelector('body > div.notebook-vertical > div.top-floater > colab-notebook-toolbar#top-toolbar.horizontal.layout.center.noshrink');
    const cell = document.querySelector('div.notebook-cell-list > div.cell.code.notebook-cell.focused');
    const run = cell?.querySelector('.cell-gutter .cell-execution-container > colab-run-button');
    return {
      html: [document.documentElement.getAttribute('lang'), document.documentElement.getAttribute('theme'), document.documentElement.getAttribute('editor')],
      header: q('body > div.notebook-vertical > div.top-floater > div[role=banner] > div#header > #header-doc-toolbar > #document-info > input#doc-name.doc-name[aria-label="Notebook name"]'),
      menuButtons: ['file', 'edit', 'view', 'insert', 'runtime', 'tools', 'help'].map((m) => q(`#top-menubar > div.goog-menu-button#${m}-menu-button`)).join(''),
      runtimeMenu: ['runall', 'runbefore', 'runfocused', 'runselected', 'runafter', 'interrupt', 'restart', 'restart-and-run-all', 'powerwash-current-vm', 'change-runtime-type', 'manage-sessions', 'open-resource-viewer', 'view-runtime-logs']
        .every((c) => q(`body > div.goog-menu#runtime-menu div.goog-menuitem[command="${c}"]`) === 1),
      insertMenu: ['insert-cell-below', 'add-text', 'add-section-header'].every((c) => q(`div.goog-menu#insert-menu div.goog-menuitem[command="${c}"]`) === 1),
      toolbarShadow: toolbar?.shadowRoot ?? 'light',
      toolbarChildren: [...(toolbar?.children ?? [])].map((e) => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') + (e.className ? `.${[...e.classList].join('.')}` : '')),
      addCode: q('#top-toolbar > span.toolbar-add-code-split > colab-toolbar-button#toolbar-add-code[command=insert-cell-below] + md-icon-button#top-toolbar-add-code-dropdown-button'),
      runAll: !!document.querySelector('colab-notebook-toolbar-run-button')?.shadowRoot?.querySelector('colab-toolbar-button#toolbar-run-button + md-icon-button#toolbar-run-button-more-actions'),
      scroller: q('div.notebook-horizontal colab-scroller#notebook-main.notebook-container[role=main] > div.notebook-content > div.add-cell > md-outlined-button.add-code.add-button'),
      list: q('div.notebook-content > div.add-cell + div.notebook-cell-list'),
      cellId: cell?.id,
      cellAria: [cell?.getAttribute('role'), cell?.getAttribute('aria-label')],
      cellToolbar: q('div.cell.focused > div.cell-toolbar > colab-cell-toolbar'),
      inputArea: q('div.cell.focused > div.main-content > div.cell-contents > div.codecell-input-output > div.inputarea.horizontal.layout.code > .cell-gutter'),
      runShadow: !!run?.shadowRoot?.querySelector('div.cell-execution.focused > button#run-button[aria-label="Run cell"] #playSymbolMask'),
      count: run?.shadowRoot?.querySelector('div.cell-execution > div.status > div.execution-count')?.textContent,
      editor: q('div.cell.focused div.editor.flex.lazy-editor > div.editor.flex.monaco[data-mode-id="notebook-python"] > div.monaco-editor[data-uri^="inmemory://model/"] .view-lines > .view-line'),
      textarea: q('div.cell.focused textarea.inputarea[aria-label="Editor content;Press Alt+F1 for Accessibility Options."]'),
      stdout: cell?.querySelector('div.codecell-input-output > div.output[role=region] > div.output-content > div.output-iframe-container colab-static-output-renderer > div.stream.output_text > pre')?.textContent,
      outputAria: cell?.querySelector('div.output')?.getAttribute('aria-label'),
      textCell: q('div.notebook-cell-list > div.cell.text.notebook-cell:not(.code)'),
      statusBar: q('body > div.notebook-vertical > colab-status-bar'),
    };
  });
  expect(dom).toEqual({
    html: ['en', 'light', 'Default Light'],
    header: 1,
    menuButtons: '1111111',
    runtimeMenu: true,
    insertMenu: true,
    toolbarShadow: 'light',
    toolbarChildren: [
      'colab-toolbar-button#toolbar-show-command-palette', 'span.toolbar-add-code-split', 'colab-toolbar-button#toolbar-add-text', 'span.colab-separator',
      'colab-notebook-toolbar-run-button', 'span.flex', 'colab-connect-warning-button', 'colab-connect-button', 'span.collapsed-options', 'md-icon-button#toggle-header-button',
    ],
    addCode: 1,
    runAll: true,
    scroller: 1,
    list: 1,
    cellId: expect.stringMatching(/^cell-[A-Za-z0-9_-]{12}$/),
    cellAria: ['region', 'Cell 1: Code cell: '],
    cellToolbar: 1,
    inputArea: 1,
    runShadow: true,
    count: '[1]',
    editor: 1,
    textarea: 1,
    stdout: 'Hello from Colab\n',
    outputAria: 'Cell 1 output',
    textCell: 1,
    statusBar: 1,
  });
  // The Playwright path of S9 reaches the native button inside two shadow roots.
  await expect(page.locator('colab-connect-button >> #connect >> #button >> #button > span.touch')).toHaveCount(1);
});

test('connect button: texts, tooltips and flags per state; each change re-renders the toolbar', async () => {
  const { page } = await open(['boot:0', 'exec:600']);
  await ready(page);
  expect(await page.evaluate(readConnect)).toEqual({ text: '', tooltip: CPU_TOOLTIP, disabled: false, sparklines: 2, iconOkay: true, dropdown: true, nativeButton: true });

  const before = await page.evaluateHandle(() => document.querySelector('colab-connect-button'));
  await page.evaluate(() => (window as unknown as ReplicaWindow).__replica.setRuntime('t4'));
  expect(await page.evaluate((old) => document.querySelector('colab-connect-button') !== old && document.querySelector('#top-toolbar')?.contains(old ?? null) === false, before)).toBe(true);
  expect((await page.evaluate(readConnect)).tooltip).toBe('Connected to\nPython 3 Google Compute Engine backend (GPU)\nRAM: 2.31 GB/12.67 GB\nDisk: 30.12 GB/112.64 GB');
  await page.evaluate(() => (window as unknown as ReplicaWindow).__replica.setRuntime('tpu'));
  expect((await page.evaluate(readConnect)).tooltip).toContain('\nPython 3 Google Compute Engine backend (TPU)\n');
  await page.evaluate(() => (window as unknown as ReplicaWindow).__replica.setRuntime('cpu'));

  // Busy while a cell runs.
  await page.evaluate(() => (window as unknown as ReplicaWindow).colab?.global.notebook.cells[1]?.runButton.click());
  expect((await page.evaluate(readConnect)).tooltip).toBe(`Waiting to finish the current execution.\n${CPU_TOOLTIP}`);
  expect(await page.evaluate(() => (window as unknown as ReplicaWindow).colab?.global.notebook.kernel.getState())).toBe('busy');
  await expect.poll(() => page.evaluate(readConnect)).toMatchObject({ tooltip: CPU_TOOLTIP });

  const set = (state: string) => page.evaluate((s) => (window as unknown as ReplicaWindow).__replica.setConnectionState(s), state);
  await set('not-connected');
  expect(await page.evaluate(readConnect)).toMatchObject({ text: 'Connect', tooltip: 'Connect to a new runtime', disabled: false, sparklines: 0, iconOkay: false });
  await set('disconnected');
  expect(await page.evaluate(readConnect)).toMatchObject({ text: 'Reconnect', tooltip: 'Click to connect', disabled: false, sparklines: 0 });
  await set('connecting');
  expect(await page.evaluate(readConnect)).toMatchObject({ text: 'Connecting', disabled: true, sparklines: 0 });
  await set('disconnected');
  // The keep-alive click path of §1.2 reconnects: connecting, then connected.
  await page.evaluate(() => (document.querySelector('colab-connect-button')?.shadowRoot?.querySelector('#connect') as HTMLElement).click());
  expect(await page.evaluate(readConnect)).toMatchObject({ text: 'Connecting', disabled: true });
  await expect.poll(() => page.evaluate(readConnect)).toMatchObject({ text: '', tooltip: CPU_TOOLTIP, sparklines: 2 });
});

test('insertCell + setText + runButton.click: output, execution_completed, executions, mount state', async () => {
  const { page } = await open(['boot:0']);
  await ready(page);
  const result = await page.evaluate(async () => {
    const w = window as unknown as ApiWindow;
    const nb = w.colab.global.notebook;
    const focusedIndex = nb.cells.indexOf(nb.focusedCell as Cell);
    const before = nb.cells.length;
    const returned = nb.insertCell('code', { after: true, index: focusedIndex });
    const cell = nb.focusedCell as Cell;
    const code = "from google.colab import drive\ndrive.mount('/content/drive')";
    cell.setText(code);
    const run = () => new Promise<string>((resolve) => {
      cell.model.listenOnce('execution_completed', (e) => resolve(e.type));
      cell.runButton.click();
    });
    const event = await run();
    const first = document.querySelector(`#cell-${cell.getId()} .output`)?.textContent;
    const second = (await run(), cell.model.outputs[0]?.text);
    return {
      returned: returned === undefined, grew: nb.cells.length - before, at: nb.cells.indexOf(cell) - focusedIndex, id: cell.getId(),
      lines: [...cell.element_.querySelectorAll('.view-line')].map((l) => l.textContent).join('\n') === code,
      text: cell.getText() === code, event, first, second, count: cell.getExecutionCount(), classes: cell.element_.className,
      json: cell.model.toJson().outputs[0]?.text, executions: w.__replica.executions,
    };
  });
  expect(result).toMatchObject({
    returned: true, grew: 1, at: 1, lines: true, text: true, event: 'execution_completed',
    first: 'Mounted at /content/drive\n',
    second: 'Drive already mounted at /content/drive; to attempt to forcibly remount, call drive.mount("/content/drive", force_remount=True).\n',
    count: 3, classes: 'cell code notebook-cell focused code-has-output',
    json: ['Drive already mounted at /content/drive; to attempt to forcibly remount, call drive.mount("/content/drive", force_remount=True).\n'],
  });
  const mount = { cellId: result.id, code: "from google.colab import drive\ndrive.mount('/content/drive')", status: 'ok' };
  expect(result.executions).toEqual([
    { ...mount, startedAt: expect.any(Number), endedAt: expect.any(Number) },
    { ...mount, startedAt: expect.any(Number), endedAt: expect.any(Number) },
  ]);
  // Times are the page's performance.now(): each run ends after it starts, the second after the first.
  const [first, second] = result.executions;
  expect(first && second && first.startedAt < first.endedAt && first.endedAt <= second.startedAt && second.startedAt < second.endedAt).toBe(true);
});

test('failNextExecution gives an error output with a traceback; raise/print/shell lines behave', async () => {
  const { page } = await open(['boot:0', 'runtime:a100', 'exec:50']);
  await ready(page);
  const result = await page.evaluate(async () => {
    const w = window as unknown as ApiWindow;
    const nb = w.colab.global.notebook;
    const runCode = async (code: string) => {
      nb.insertCell('code', { after: true, index: nb.cells.length - 1 });
      const cell = nb.focusedCell as Cell;
      cell.setText(code);
      await new Promise((resolve) => {
        cell.model.listenOnce('execution_completed', resolve);
        cell.runButton.click();
      });
      return { outputs: cell.model.outputs, dom: document.querySelector(`#cell-${cell.getId()} .output`)?.textContent ?? '' };
    };
    w.__replica.failNextExecution({ ename: 'MessageError', evalue: 'Error: credential propagation was unsuccessful' });
    const failed = await runCode("from google.colab import drive\ndrive.mount('/content/drive')");
    const raised = await runCode('print("before")\nraise ValueError("boom")\nprint("after")');
    const gpu = await runCode('!nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader\n!nvidia-smi\n!pip install transformers\n!frobnicate --now');
    const silent = await nb.kernel.execute('raise RuntimeError("x")');
    return { failed, raised, gpu, silent: silent.status, statuses: w.__replica.executions.map((e) => e.status) };
  });
  expect(result.failed.outputs).toEqual([expect.objectContaining({ output_type: 'error', ename: 'MessageError', evalue: 'Error: credential propagation was unsuccessful' })]);
  expect(result.failed.outputs[0]?.traceback?.at(-1)).toContain('MessageError');
  expect(result.failed.dom).toContain('Traceback (most recent call last)');
  expect(result.failed.dom).toContain('MessageError: Error: credential propagation was unsuccessful');
  expect(result.raised.outputs.map((o) => o.output_type)).toEqual(['stream', 'error']);
  expect(result.raised.outputs[0]?.text).toBe('before\n'); // the line after the raise never ran
  expect(result.raised.dom).toContain('ValueError: boom');
  expect(result.gpu.dom).toContain('NVIDIA A100-SXM4-40GB, 40960 MiB, 550.54.15\n');
  expect(result.gpu.dom).toContain('|   0  NVIDIA A100-SXM4-40GB');
  expect(result.gpu.dom).toContain('Requirement already satisfied: transformers in /usr/local/lib/python3.12/dist-packages');
  expect(result.gpu.dom).toContain('/bin/bash: line 1: frobnicate: command not found');
  expect(result.silent).toBe('error');
  expect(result.statuses).toEqual(['error', 'error', 'ok']);
});

test('running on a notebook that is not connected connects first; CPU nvidia-smi fails', async () => {
  const { page } = await open(['boot:0', 'state:not-connected', 'exec:100']);
  await ready(page);
  const result = await page.evaluate(async () => {
    const nb = (window as unknown as ApiWindow).colab.global.notebook;
    const cell = nb.cells[2] as Cell;
    const states: string[] = [nb.kernel.getState()];
    const done = new Promise((resolve) => cell.model.listenOnce('execution_completed', resolve));
    cell.runButton.click();
    states.push(nb.kernel.getState(), String(cell.isPending()), String(!!cell.runButton.shadowRoot?.querySelector('#stopSymbolMask')), String(cell.element_.classList.contains('pending')));
    await done;
    return { states, connected: nb.kernel.isConnected(), accel: nb.kernel.getEndpoint()?.getManagedEndpoint().getAccelerator(), out: cell.model.outputs[0]?.text };
  });
  expect(result).toEqual({
    states: ['disconnected', 'allocating', 'true', 'true', 'true'], connected: true, accel: 'NONE',
    out: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n",
  });
});

test('no-api has no window.colab but the same UI; dark sets the theme; colab.google.com is served too', async () => {
  const { page } = await open(['no-api', 'dark', 'boot:200', 'focus:none'], `/drive/${DRIVE_ID}`, ALT_HOST);
  await ready(page);
  const state = await page.evaluate(() => ({
    colab: typeof (window as unknown as ReplicaWindow).colab,
    cells: document.querySelectorAll('div.notebook-cell-list > .cell').length,
    focused: document.querySelectorAll('.cell.focused').length,
    theme: document.documentElement.getAttribute('theme'),
    background: getComputedStyle(document.body).backgroundColor,
    connect: !!document.querySelector('colab-connect-button')?.shadowRoot?.querySelector('#connect'),
  }));
  expect(state).toEqual({ colab: 'undefined', cells: 4, focused: 0, theme: 'dark', background: 'rgb(31, 31, 31)', connect: true });
  // Clicking a run button still runs the cell (the UI does not need the API).
  await page.locator('div.notebook-cell-list > .cell.code').first().locator('colab-run-button').click();
  await expect(page.locator('div.notebook-cell-list > .cell.code').first().locator('.output pre')).toHaveText('Hello from Colab\n');
});

test('navigate() pushes the URL and re-renders the notebook; toolbar/header hooks replace nodes', async () => {
  const { page } = await open(['boot:0']);
  await ready(page);
  const before = await page.evaluate(() => {
    const w = window as unknown as ApiWindow;
    return { ids: w.colab.global.notebook.cells.map((c) => c.getId()), title: document.title };
  });
  await page.evaluate(() => (window as unknown as ReplicaWindow).__replica.navigate('/github/googlecolab/colabtools/blob/main/notebooks/colab-github-demo.ipynb'));
  await expect(page).toHaveURL(`${HOST}/github/googlecolab/colabtools/blob/main/notebooks/colab-github-demo.ipynb`);
  await expect(page).toHaveTitle('colab-github-demo.ipynb - Colab');
  const after = await page.evaluate(() => {
    const w = window as unknown as ApiWindow;
    const nb = w.colab.global.notebook;
    return {
      ids: nb.cells.map((c) => c.getId()), domIds: [...document.querySelectorAll('.notebook-cell-list > .cell')].map((e) => e.id.slice(5)),
      file: nb.getNotebookModel().getFileId(), name: (document.getElementById('doc-name') as HTMLInputElement).value, metaName: w.colab.global.notebookModel.metadata.colab.name,
    };
  });
  expect(after.ids).toHaveLength(4);
  expect(after.ids.some((id) => before.ids.includes(id))).toBe(false);
  expect(after.domIds).toEqual(after.ids);
  expect(after).toMatchObject({ file: { source: 'github', fileId: 'googlecolab/colabtools/blob/main/notebooks/colab-github-demo.ipynb' }, name: 'colab-github-demo.ipynb', metaName: 'colab-github-demo.ipynb' });

  const hooks = await page.evaluate(() => {
    const r = (window as unknown as ReplicaWindow).__replica;
    const toolbar = () => (document.querySelector('colab-notebook-toolbar#top-toolbar') as Element);
    const floater = (document.querySelector('div.top-floater') as Element);
    const t0 = toolbar();
    const firstChild = t0.firstElementChild;
    r.rerenderToolbar();
    const childrenReplaced = toolbar() === t0 && t0.firstElementChild !== firstChild && !firstChild?.isConnected;
    const foreign = document.createElement('div');
    toolbar().after(foreign);
    r.replaceToolbar();
    const replaced = toolbar() !== t0 && !t0.isConnected && toolbar().nextElementSibling === foreign && toolbar().parentElement === floater;
    r.rerenderHeader();
    const header = !foreign.isConnected && floater.children.length === 2 && toolbar().previousElementSibling?.getAttribute('role') === 'banner';
    return { childrenReplaced, replaced, header };
  });
  expect(hooks).toEqual({ childrenReplaced: true, replaced: true, header: true });
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/drive/${DRIVE_ID}`));
  expect(await page.evaluate(() => (window as unknown as ApiWindow).colab.global.notebook.cells.map((c) => c.getId()))).toEqual(before.ids);
});

test('menus, change-runtime-type dialog and the requested vs assigned accelerator', async () => {
  const { page } = await open(['boot:0']);
  await ready(page);
  const model = () => page.evaluate(() => {
    const nb = (window as unknown as ApiWindow).colab.global.notebook;
    const m = nb.getNotebookModel();
    return [m.getAccelerator(), m.getAcceleratorModel(), nb.kernel.getEndpoint()?.getManagedEndpoint().getAcceleratorModel() ?? null];
  });
  expect(await model()).toEqual(['NONE', '', '']);
  await page.locator('#runtime-menu-button').click();
  await expect(page.locator('#runtime-menu')).toBeVisible();
  await page.locator('#runtime-menu [command="change-runtime-type"]').click();
  await expect(page.locator('#runtime-menu')).toBeHidden();
  const dialog = page.locator('body > mwc-dialog.change-runtime-type[open]');
  await expect(dialog).toHaveCount(1);
  expect(await page.evaluate(() => document.querySelectorAll('mwc-dialog.change-runtime-type input').length)).toBe(0); // only in shadow roots
  await dialog.locator('input[name="accelerator"][aria-label="GPUs: T4"]').check();
  await dialog.locator('md-text-button[dialogaction="ok"]').click();
  const warning = page.locator('body > mwc-dialog.dismiss-runtime-warning[open]');
  await warning.locator('md-text-button[slot="primaryAction"][dialogaction="ok"]').click();
  await expect(dialog).toHaveCount(0);
  expect(await page.evaluate(readConnect)).toMatchObject({ text: 'Connecting', disabled: true });
  await expect.poll(model).toEqual(['GPU', 'T4', 'T4']);
  expect((await page.evaluate(readConnect)).tooltip).toContain('backend (GPU)');
  expect(await page.evaluate(() => (window as unknown as ReplicaWindow).__replica.dialogClicks)).toEqual(['change-runtime-type:ok', 'dismiss-runtime-warning:ok']);
  // Menus close on an outside click.
  await page.locator('#insert-menu-button').click();
  await expect(page.locator('#insert-menu')).toBeVisible();
  await page.locator('div.notebook-content').click({ position: { x: 5, y: 5 } });
  await expect(page.locator('#insert-menu')).toBeHidden();
});

test('the High-RAM switch (role switch) in the change-runtime-type dialog: saved and confirmed, the RAM total follows after the reconnect', async () => {
  const { page } = await open(['boot:0', 'runtime:t4']);
  await ready(page);
  const shape = () => page.evaluate(() => ((window as unknown as ApiWindow).colab.global.notebook.getNotebookModel() as unknown as { getMachineShape(): string }).getMachineShape());
  expect((await page.evaluate(readConnect)).tooltip).toContain('RAM: 2.31 GB/12.67 GB');
  expect(await shape()).toBe('standard');
  await page.locator('#runtime-menu-button').click();
  await page.locator('#runtime-menu [command="change-runtime-type"]').click();
  const dialog = page.locator('body > mwc-dialog.change-runtime-type[open]');
  const toggle = dialog.getByRole('switch', { name: 'High-RAM' });
  await expect(toggle).toHaveCount(1);
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  // The switch leaves the accelerator radios alone.
  await expect(dialog.locator('input[name="accelerator"][aria-label="GPUs: T4"]')).toBeChecked();
  await dialog.locator('md-text-button[dialogaction="ok"]').click();
  await page.locator('body > mwc-dialog.dismiss-runtime-warning[open] [dialogaction="ok"]').click();
  await expect.poll(async () => (await page.evaluate(readConnect)).tooltip).toContain('RAM: 1.34 GB/51.00 GB');
  expect((await page.evaluate(readConnect)).tooltip).toContain('backend (GPU)');
  expect(await shape()).toBe('hm');
  // Opened again, the dialog shows the switch on; `noHighRamSwitch` leaves it out.
  await page.locator('#runtime-menu-button').click();
  await page.locator('#runtime-menu [command="change-runtime-type"]').click();
  await expect(dialog.getByRole('switch', { name: 'High-RAM' })).toBeChecked();
  await dialog.locator('md-text-button[dialogaction="cancel"]').click();
  await page.evaluate(() => (window as unknown as { __replica: { setRuntimeDialog(o: object): void } }).__replica.setRuntimeDialog({ noHighRamSwitch: true }));
  await page.locator('#runtime-menu-button').click();
  await page.locator('#runtime-menu [command="change-runtime-type"]').click();
  await expect(dialog).toHaveCount(1);
  await expect(dialog.getByRole('switch')).toHaveCount(0);
});

test('disconnect dialog and reCAPTCHA follow §1.10/§1.11 and record clicks', async () => {
  const { page } = await open(['boot:0']);
  await ready(page);
  await page.evaluate(() => (window as unknown as ReplicaWindow).__replica.showDisconnectDialog());
  const dialog = page.locator('body > mwc-dialog[open].yes-no-dialog');
  await expect(dialog).toHaveCount(1);
  await expect(dialog.locator('#title')).toHaveText('Runtime disconnected');
  await expect(dialog).toContainText('Your runtime has been disconnected due to inactivity or reaching its maximum duration.');
  await expect(dialog.locator('md-text-button[slot=secondaryAction][dialogaction=cancel]')).toHaveText('Close');
  expect(await page.evaluate(readConnect)).toMatchObject({ text: 'Reconnect', tooltip: 'Click to connect' });
  await dialog.locator('md-text-button[slot=primaryAction][dialogaction=ok]').filter({ hasText: 'Reconnect' }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => (window as unknown as ApiWindow).colab.global.notebook.kernel.isConnected())).toBe(true);

  await page.evaluate(() => (window as unknown as ReplicaWindow).__replica.showRecaptcha());
  expect(await page.evaluate(() => !!document.querySelector('body > colab-recaptcha-dialog')?.shadowRoot?.querySelector('md-text-button')?.shadowRoot?.querySelector('#button'))).toBe(true);
  await page.evaluate(() => (document.querySelector('body > colab-recaptcha-dialog')?.shadowRoot?.querySelector('md-text-button')?.shadowRoot?.querySelector('#button') as HTMLElement).click());
  await expect(page.locator('colab-recaptcha-dialog')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as ReplicaWindow).__replica.dialogClicks)).toEqual(['yes-no-dialog:ok', 'recaptcha:cancel']);
});

test('routing: Colab paths get the shell with a Trusted Types CSP; other hosts are aborted', async () => {
  const { page, response, problems, context } = await open(['boot:0'], '/notebooks/empty.ipynb');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toBe("require-trusted-types-for 'script'");
  await ready(page);
  await expect(page).toHaveTitle('empty.ipynb - Colab');
  const tt = await page.evaluate(() => {
    try {
      Reflect.set(document.createElement('div'), 'innerHTML', '<b>x</b>');
      return 'allowed';
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(tt).toBe('TypeError');
  problems.length = 0; // Chromium reports the Trusted Types violation on the console: expected here.
  const other = await context.newPage();
  const asset = await other.goto(`${ALT_HOST}/__replica/replica.css`);
  expect(asset?.headers()['content-type']).toContain('text/css');
  expect((await other.goto(`${HOST}/__replica/nope.js`))?.status()).toBe(404);
  // The fragment never reaches the server: the page corrects the title from #fileId= at boot.
  await other.goto(`${HOST}/?replica=boot:0#fileId=${encodeURIComponent('https://huggingface.co/x/y/raw/main/train.ipynb')}`);
  await expect(other).toHaveTitle('train.ipynb - Colab');
  await other.close();
  const outside = await context.newPage();
  await expect(outside.goto('https://example.com/')).rejects.toThrow();
  await expect(outside.goto('https://fonts.googleapis.com/css2?family=Roboto')).rejects.toThrow();
  // (not closed here: closing a page right after an aborted navigation can hang; the context goes in afterEach)
});

// --- Evidence of 2026-H2 (colab-dom-2026H2.md): languages, landing page, dialogs, user-initiated disconnects ---

interface ReplicaHooks2 {
  dialogClicks: string[];
  disconnects: { cause: string; at: number }[];
  commands: string[];
  dropConnection(): void;
  setConnectionState(state: string): void;
  setRuntime(kind: string): void;
  showDisconnectDialog(): void;
  showStillThere(): void;
  navigate(path: string): void;
}
type Kernel2 = { isConnected(): boolean; getState(): string };
type Notebook2 = { kernel: Kernel2; kernelLastConnectedTimeMs: number; attemptAutoconnect(n: number): Promise<boolean>; cells: unknown[] };
type Window2 = Window & { colab?: { global: { notebook: Notebook2 } }; __replica: ReplicaHooks2 };

/** The connect button's parts of rows 12–14, read through its shadow roots. */
function readConnectParts() {
  const host = document.querySelector('colab-notebook-toolbar#top-toolbar > colab-connect-button');
  const root = host?.shadowRoot;
  const connect = root?.querySelector('colab-toolbar-button#connect.split-button');
  const inner = connect?.shadowRoot?.querySelector('md-text-button');
  const sr = inner?.shadowRoot?.querySelector('span.screenreader-only');
  return {
    icon: root?.querySelectorAll('#connect-icon').length ?? -1,
    iconLabel: root?.querySelector('md-icon-button#connect-icon.icon-okay')?.getAttribute('aria-label') ?? null,
    text: connect?.textContent?.trim() ?? null,
    tooltip: connect?.getAttribute('tooltiptext') ?? null,
    disabled: connect?.classList.contains('split-button') && connect.hasAttribute('disabled'),
    screenReader: sr?.textContent ?? null,
    usageTextNode: [...(sr?.childNodes ?? [])].some((n) => n.nodeType === Node.TEXT_NODE && /\d+\.\d+ GB\/\d+/.test(n.textContent ?? '')),
    trigger: root?.querySelector('colab-tooltip-trigger#colab-connect-tooltip')?.getAttribute('message') ?? null,
    dropdown: root?.querySelector('md-icon-button#connect-dropdown')?.getAttribute('aria-label') ?? null,
    sparklines: connect?.querySelectorAll('colab-usage-sparkline.ram, colab-usage-sparkline.disks').length ?? 0,
  };
}

/** Every text and attribute value of the page, shadow roots included (what an extension could read). */
function pageTexts(): string {
  const out: string[] = [];
  const walk = (root: Node) => {
    for (const node of root.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent ?? '');
      if (node instanceof Element) {
        if (node.tagName === 'SCRIPT' || node.tagName === 'STYLE') continue;
        for (const attr of node.attributes) out.push(attr.value);
        if (node.shadowRoot) walk(node.shadowRoot);
        walk(node);
      }
    }
  };
  walk(document.body);
  return out.join('\n');
}

const ES_CPU_TOOLTIP = 'Conectado a\ndel backend de Google Compute Engine en Python 3\nRAM: 1.26 GB/12.67 GB\nDisco: 21.20 GB/107.72 GB';
const ENGLISH_PHRASES = ['Connected to', 'backend (GPU)', 'Reconnect', 'Runtime disconnected', 'Are you still there'];

test('texts table: every language has every key; invented non-English texts avoid the English evidence', async () => {
  const { TEXTS, ENGLISH_EVIDENCE_PHRASES, textsFor } = await import('./replica/replica-texts.js');
  const table = TEXTS as Record<string, Record<string, { text: string; source: string }>>;
  expect(ENGLISH_EVIDENCE_PHRASES).toEqual(ENGLISH_PHRASES);
  expect(Object.keys(table)).toEqual(['en', 'es', 'zh-CN']);
  const keys = Object.keys(table.en ?? {});
  for (const lang of ['es', 'zh-CN']) {
    expect(Object.keys(table[lang] ?? {}).sort(), lang).toEqual([...keys].sort());
    for (const [key, entry] of Object.entries(table[lang] ?? {})) {
      expect(entry.source, `${lang}.${key}`).toMatch(/^(invented|N6b row 13)$/);
      for (const phrase of ENGLISH_PHRASES) expect(entry.text, `${lang}.${key}`).not.toContain(phrase);
    }
  }
  for (const [key, entry] of Object.entries(table.en ?? {})) expect(entry.source, `en.${key}`).not.toBe('');
  // The evidenced Spanish strings (row 13, N6b) and no evidenced Chinese ones.
  const evidencedEs = Object.entries(table.es ?? {}).filter(([, e]) => e.source !== 'invented').map(([k]) => k).sort();
  expect(evidencedEs).toEqual(['backendCpu', 'cmd:runall', 'connectIcon', 'connectedTo', 'disk', 'ram', 'usageSeparator']);
  expect(Object.values(table['zh-CN'] ?? {}).every((e) => e.source === 'invented')).toBe(true);
  expect((textsFor('es') as Record<string, string>)['cmd:runall']).toBe('Ejecutar todo');
  expect((textsFor('nope') as Record<string, string>).connect).toBe('Connect');
});

test('lang:es: <html lang>, the verbatim CPU tooltip of N6b, Spanish states, dialogs and labels', async () => {
  const { page } = await open(['boot:0', 'lang:es', 'exec:500']);
  await ready(page);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
  expect(await page.evaluate(readConnectParts)).toEqual({
    icon: 1, iconLabel: 'Enfocar la última celda ejecutada', text: '', tooltip: ES_CPU_TOOLTIP, disabled: false,
    screenReader: ES_CPU_TOOLTIP, usageTextNode: true, trigger: ES_CPU_TOOLTIP, dropdown: 'Opciones de conexión adicionales', sparklines: 2,
  });
  expect(await page.evaluate(() => document.querySelector('colab-notebook-toolbar-run-button')?.shadowRoot?.querySelector('#toolbar-run-button')?.textContent)).toBe('Ejecutar todo');
  await expect(page.locator('#runtime-menu-button')).toHaveText('Entorno de ejecución');
  expect(await page.locator('#runtime-menu [command="powerwash-current-vm"]').textContent()).toBe('Desconectar y eliminar entorno de ejecución');

  await page.evaluate(() => (window as unknown as Window2).__replica.setRuntime('t4'));
  expect((await page.evaluate(readConnectParts)).tooltip).toBe('Conectado a\ndel backend de Google Compute Engine en Python 3 (GPU)\nRAM: 2.31 GB/12.67 GB\nDisco: 30.12 GB/112.64 GB');
  await page.evaluate(() => (window as unknown as ApiWindow).colab.global.notebook.cells[1]?.runButton.click());
  expect((await page.evaluate(readConnectParts)).tooltip).toMatch(/^Esperando a que termine la ejecución actual\.\nConectado a\n/);
  const set = (state: string) => page.evaluate((s) => (window as unknown as Window2).__replica.setConnectionState(s), state);
  await set('not-connected');
  expect(await page.evaluate(readConnectParts)).toMatchObject({ icon: 0, text: 'Conectar', tooltip: 'Conectarse a un nuevo entorno de ejecución', screenReader: 'Conectarse a un nuevo entorno de ejecución', usageTextNode: false });
  await set('disconnected');
  expect(await page.evaluate(readConnectParts)).toMatchObject({ icon: 0, text: 'Volver a conectar', tooltip: 'Haz clic para conectarte', trigger: 'Haz clic para conectarte' });
  await set('connecting');
  expect(await page.evaluate(readConnectParts)).toMatchObject({ icon: 0, text: 'Conectando', disabled: true });
  await set('connected');

  await page.evaluate(() => (window as unknown as Window2).__replica.showDisconnectDialog());
  const dialog = page.locator('body > mwc-dialog[open].yes-no-dialog');
  await expect(dialog.locator('#title')).toHaveText('Entorno de ejecución desconectado');
  await expect(dialog.locator('md-text-button[slot=secondaryAction][dialogaction=cancel]')).toHaveText('Cerrar');
  await expect(dialog.locator('md-text-button[slot=primaryAction][dialogaction=ok]')).toHaveText('Volver a conectar');
  await page.evaluate(() => (window as unknown as Window2).__replica.showStillThere());
  await expect(page.locator('body > mwc-dialog[open]:not([class])').locator('#title')).toHaveText('¿Sigues ahí?');
  for (const phrase of ENGLISH_PHRASES) expect(await page.evaluate(pageTexts)).not.toContain(phrase);
});

test('lang:zh-CN: invented Chinese stand-ins everywhere the extension could read state; no English evidence phrase', async () => {
  const { page } = await open(['boot:0', 'lang:zh-CN', 'runtime:t4']);
  await ready(page);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  const parts = await page.evaluate(readConnectParts);
  expect(parts).toMatchObject({ icon: 1, text: '', sparklines: 2, usageTextNode: true, tooltip: '已连接到\nPython 3 Google Compute Engine 后端 (GPU)\nRAM：2.31 GB/12.67 GB\n磁盘：30.12 GB/112.64 GB' });
  const texts: string[] = [await page.evaluate(pageTexts)];
  const hooks = (fn: string) => page.evaluate((name) => (window as unknown as Record<string, Record<string, () => void>>).__replica?.[name]?.(), fn);
  await hooks('showDisconnectDialog');
  await expect(page.locator('body > mwc-dialog[open].yes-no-dialog #title')).toHaveText('运行时已断开连接');
  expect(await page.evaluate(readConnectParts)).toMatchObject({ icon: 0, text: '重新连接', tooltip: '点击即可连接' });
  await hooks('showStillThere');
  await expect(page.locator('body > mwc-dialog[open]:not([class]) #title')).toHaveText('您还在吗？');
  texts.push(await page.evaluate(pageTexts));
  await page.evaluate(() => (window as unknown as Window2).__replica.setConnectionState('not-connected'));
  expect(await page.evaluate(readConnectParts)).toMatchObject({ icon: 0, text: '连接', tooltip: '连接到新的运行时' });
  texts.push(await page.evaluate(pageTexts));
  for (const phrase of ENGLISH_PHRASES) for (const text of texts) expect(text).not.toContain(phrase);
});

test('connect button per rows 12/14 in English: no #connect-icon unless connected, screen-reader text, tooltip trigger', async () => {
  const { page } = await open(['boot:0']);
  await ready(page);
  expect(await page.evaluate(readConnectParts)).toEqual({
    icon: 1, iconLabel: 'Focus the last run cell', text: '', tooltip: CPU_TOOLTIP, disabled: false, screenReader: CPU_TOOLTIP, usageTextNode: true,
    trigger: CPU_TOOLTIP, dropdown: 'Additional connection options', sparklines: 2,
  });
  await page.evaluate(() => (window as unknown as Window2).__replica.setConnectionState('disconnected'));
  expect(await page.evaluate(readConnectParts)).toEqual({
    icon: 0, iconLabel: null, text: 'Reconnect', tooltip: 'Click to connect', disabled: false, screenReader: 'Click to connect', usageTextNode: false,
    trigger: 'Click to connect', dropdown: 'Additional connection options', sparklines: 0,
  });
  await page.evaluate(() => (window as unknown as Window2).__replica.setConnectionState('not-connected'));
  expect(await page.evaluate(readConnectParts)).toMatchObject({ icon: 0, text: 'Connect', tooltip: 'Connect to a new runtime', screenReader: 'Connect to a new runtime', trigger: 'Connect to a new runtime' });
  await page.evaluate(() => (window as unknown as Window2).__replica.setConnectionState('connecting'));
  expect(await page.evaluate(readConnectParts)).toMatchObject({ icon: 0, text: 'Connecting', disabled: true, tooltip: null, sparklines: 0 });
});

test('"Are you still there?" per row 9: classless mwc-dialog, shadow #title, light-DOM primaryAction; clicks recorded', async () => {
  const { page } = await open(['boot:0']);
  await ready(page);
  await page.evaluate(() => (window as unknown as Window2).__replica.showStillThere());
  const dom = await page.evaluate(() => {
    const hosts = [...document.querySelectorAll('body > mwc-dialog[open]')];
    const host = hosts[0];
    const primary = host?.querySelector(':scope > [slot="primaryAction"]');
    return {
      count: hosts.length, cls: host?.getAttribute('class') ?? null, parent: host?.parentElement?.tagName,
      title: host?.shadowRoot?.querySelector('#title')?.textContent, titleInLight: host?.querySelector('#title') ?? null,
      primary: primary?.tagName, primaryInLight: primary?.parentElement === host,
    };
  });
  expect(dom).toEqual({ count: 1, cls: null, parent: 'BODY', title: 'Are you still there?', titleInLight: null, primary: 'MD-TEXT-BUTTON', primaryInLight: true });
  await page.locator('body > mwc-dialog[open] > [slot="primaryAction"]').click();
  await expect(page.locator('body > mwc-dialog')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as Window2).__replica.dialogClicks)).toEqual(['still-there-dialog:ok']);
  expect(await page.evaluate(() => (window as unknown as ApiWindow).__replica.userInteractionCount)).toBe(1);
});

test('dialogs:md: every dialog host is md-dialog with the same classes, shadow #title, slots and dialogaction', async () => {
  const { page } = await open(['boot:0', 'dialogs:md']);
  await ready(page);
  await page.locator('#runtime-menu-button').click();
  await page.locator('#runtime-menu [command="change-runtime-type"]').click();
  await page.evaluate(() => (window as unknown as Window2).__replica.showStillThere());
  await page.evaluate(() => (window as unknown as Window2).__replica.showDisconnectDialog());
  const dom = await page.evaluate(() => ({
    mwc: document.querySelectorAll('mwc-dialog').length,
    hosts: [...document.querySelectorAll('body > md-dialog[open]')].map((d) => [d.getAttribute('class'), d.shadowRoot?.querySelector('#title')?.textContent]),
  }));
  expect(dom).toEqual({
    mwc: 0,
    hosts: [['change-runtime-type', 'Change runtime type'], [null, 'Are you still there?'], ['yes-no-dialog', 'Runtime disconnected']],
  });
  // The last dialog opened is on top: close them in reverse order with real clicks.
  await page.locator('body > md-dialog.yes-no-dialog md-text-button[slot=primaryAction][dialogaction=ok]').click();
  await page.locator('body > md-dialog:not([class]) > md-text-button[slot=primaryAction]').click();
  await page.locator('body > md-dialog.change-runtime-type md-text-button[dialogaction="cancel"]').click();
  await expect(page.locator('body > md-dialog')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as Window2).__replica.dialogClicks)).toEqual(['yes-no-dialog:ok', 'still-there-dialog:ok', 'change-runtime-type:cancel']);
  await expect.poll(() => page.evaluate(() => (window as unknown as Window2).colab?.global.notebook.kernel.isConnected())).toBe(true);
});

test('landing page (row 1): no notebook UI or window.colab; Recent links boot a notebook in place; back tears it down', async () => {
  const { page } = await open(['boot:0'], '/');
  await ready(page);
  const landing = () => page.evaluate(() => ({
    colab: typeof (window as unknown as Window2).colab,
    toolbar: document.querySelectorAll('colab-notebook-toolbar').length,
    cells: document.querySelectorAll('.notebook-cell-list .cell').length,
    menus: document.querySelectorAll('.goog-menu').length,
    home: document.querySelectorAll('.colab-home').length,
  }));
  expect(await landing()).toEqual({ colab: 'undefined', toolbar: 0, cells: 0, menus: 0, home: 1 });
  await expect(page.getByRole('heading', { name: 'Recent' })).toBeVisible();
  // Accessible names (the md-icon ligature text is aria-hidden, though it is in textContent: row 30).
  const links = page.getByRole('link');
  await expect(links).toHaveCount(3);
  for (const [i, name] of ['Thesis setup.ipynb', 'Copy of Getting started.ipynb', 'colab-github-demo.ipynb'].entries()) await expect(links.nth(i)).toHaveAccessibleName(name);
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
    `/drive/${DRIVE_ID}?replica=boot:0`, '/drive/1hN0tHeRnOtEb00kXyZ_abcdEFGH-12?replica=boot:0', '/github/googlecolab/colabtools/blob/main/notebooks/colab-github-demo.ipynb?replica=boot:0',
  ]);
  await expect(page).toHaveTitle('Colab');
  // Hooks that need a notebook say so.
  expect(await page.evaluate(() => {
    try {
      (window as unknown as Window2).__replica.setRuntime('t4');
      return 'no error';
    } catch (error) {
      return (error as Error).message;
    }
  })).toContain('landing page');

  await page.getByRole('link', { name: 'Thesis setup.ipynb' }).click();
  await expect(page).toHaveURL(`${HOST}/drive/${DRIVE_ID}?replica=boot:0`);
  await expect(page.locator('colab-notebook-toolbar#top-toolbar')).toHaveCount(1);
  await expect(page).toHaveTitle('Thesis setup.ipynb - Colab');
  expect(await page.evaluate(() => ({
    cells: (window as unknown as Window2).colab?.global.notebook.cells.length, connected: (window as unknown as Window2).colab?.global.notebook.kernel.isConnected(),
    home: document.querySelectorAll('.colab-home').length, navigations: performance.getEntriesByType('navigation').length,
  }))).toEqual({ cells: 4, connected: true, home: 0, navigations: 1 });
  await expect(page.locator('div.notebook-cell-list > .cell')).toHaveCount(4);

  await page.goBack();
  await expect(page).toHaveURL(`${HOST}/?replica=boot:0`);
  expect(await landing()).toEqual({ colab: 'undefined', toolbar: 0, cells: 0, menus: 0, home: 1 });
  await page.goForward();
  await expect(page.locator('colab-notebook-toolbar#top-toolbar')).toHaveCount(1);
  await page.goBack();
  await expect(page.locator('colab-notebook-toolbar')).toHaveCount(0);
  await page.evaluate(() => (window as unknown as Window2).__replica.navigate('/github/googlecolab/colabtools/blob/main/notebooks/colab-github-demo.ipynb'));
  await expect(page).toHaveTitle('colab-github-demo.ipynb - Colab');
  expect(await page.evaluate(() => typeof (window as unknown as Window2).colab?.global.notebook)).toBe('object');
  expect(await page.evaluate(() => document.querySelectorAll('colab-notebook-toolbar#top-toolbar').length)).toBe(1);
});

test('landing page with lang:es and no-api on colab.google.com; #create=true on / opens a notebook', async () => {
  const { page, context } = await open(['boot:0', 'lang:es', 'no-api'], '/', ALT_HOST);
  await ready(page);
  await expect(page.getByRole('heading', { name: 'Recientes' })).toBeVisible();
  await page.getByRole('link', { name: 'colab-github-demo.ipynb' }).click();
  await expect(page).toHaveURL(`${ALT_HOST}/github/googlecolab/colabtools/blob/main/notebooks/colab-github-demo.ipynb?replica=boot:0,lang:es,no-api`);
  await expect(page.locator('colab-notebook-toolbar#top-toolbar')).toHaveCount(1);
  expect(await page.evaluate(() => typeof (window as unknown as Window2).colab)).toBe('undefined');
  await page.locator('div.notebook-cell-list > .cell.code').first().locator('colab-run-button').click();
  await expect(page.locator('div.notebook-cell-list > .cell.code').first().locator('.output pre')).toHaveText('Hello from Colab\n');
  await page.goBack();
  await expect(page.locator('.colab-home')).toHaveCount(1);
  await expect(page.locator('colab-notebook-toolbar')).toHaveCount(0);

  const created = await context.newPage();
  await created.goto(`${HOST}/?replica=boot:0#create=true`);
  await created.waitForFunction(() => (window as unknown as ReplicaWindow).__replica?.ready === true);
  await expect(created.locator('colab-notebook-toolbar#top-toolbar')).toHaveCount(1);
  await expect(created.locator('.colab-home')).toHaveCount(0);
  await expect(created).toHaveTitle('Untitled0.ipynb - Colab');
});

test('Disconnect and delete runtime (row 22): yes-no confirmation; confirming disconnects with no disconnect dialog', async () => {
  const { page } = await open(['boot:0']);
  await ready(page);
  const state = () => page.evaluate(() => (window as unknown as Window2).colab?.global.notebook.kernel.getState());
  // From the connect dropdown, then cancelled: nothing changes.
  await page.locator('colab-connect-button #connect-dropdown').click();
  await page.locator('colab-connect-button md-menu-item[command="powerwash-current-vm"]').click();
  const confirm = page.locator('body > mwc-dialog[open].yes-no-dialog');
  await expect(confirm).toHaveCount(1);
  await confirm.locator('md-text-button[slot=secondaryAction][dialogaction=cancel]').click();
  expect(await state()).toBe('connected');
  // From the Runtime menu, confirmed.
  await page.locator('#runtime-menu-button').click();
  await page.locator('#runtime-menu div.goog-menuitem[command="powerwash-current-vm"]').click();
  await expect(confirm.locator('#title')).toHaveText('Disconnect and delete runtime');
  await confirm.locator('md-text-button[slot="primaryAction"]').click();
  expect(await state()).toBe('disconnected');
  await expect(page.locator('body > mwc-dialog')).toHaveCount(0);
  await page.waitForTimeout(500);
  await expect(page.locator('body > mwc-dialog')).toHaveCount(0);
  expect(await page.evaluate(readConnectParts)).toMatchObject({ icon: 0, text: 'Reconnect' });
  expect(await page.evaluate(() => {
    const r = (window as unknown as Window2).__replica;
    return { clicks: r.dialogClicks, causes: r.disconnects.map((d) => d.cause), commands: r.commands.filter((c) => c === 'powerwash-current-vm').length };
  })).toEqual({ clicks: ['delete-runtime-dialog:cancel', 'delete-runtime-dialog:ok'], causes: ['delete-runtime'], commands: 2 });
});

test('Manage sessions (row 21): sessions dialog DOM; Terminate on the current session disconnects with no dialog', async () => {
  const { page } = await open(['boot:0']);
  await ready(page);
  await page.locator('#runtime-menu-button').click();
  await page.locator('#runtime-menu div.goog-menuitem[command="manage-sessions"]').click();
  const dom = await page.evaluate(() => {
    const rows = [...document.querySelectorAll('body > mwc-dialog#sessions-dialog[open] > colab-sessions-dialog > colab-session.dialog-table-row')];
    return {
      rows: rows.map((r) => ({
        current: r.hasAttribute('iscurrentsession'),
        title: r.shadowRoot?.querySelector('.session-title')?.textContent,
        date: !!r.shadowRoot?.querySelector('.last-date-column'),
        ram: r.shadowRoot?.querySelector('.ram-usage')?.textContent,
        terminate: r.shadowRoot?.querySelector('md-icon-button[data-aria-label]')?.getAttribute('data-aria-label'),
        ariaLabel: r.shadowRoot?.querySelector('md-icon-button')?.getAttribute('aria-label') ?? null,
      })),
      others: document.querySelectorAll('#sessions-dialog md-text-button.terminate-others').length,
      cancel: document.querySelectorAll('#sessions-dialog md-text-button[dialogaction="cancel"]').length,
    };
  });
  expect(dom).toEqual({
    rows: [
      { current: true, title: 'Thesis setup.ipynb', date: true, ram: '1.08 GB', terminate: 'Terminate Thesis setup.ipynb', ariaLabel: null },
      { current: false, title: 'homework2.ipynb', date: true, ram: '2.31 GB', terminate: 'Terminate homework2.ipynb', ariaLabel: null },
    ],
    others: 1, cancel: 1,
  });
  await page.locator('#sessions-dialog md-text-button.terminate-others').click();
  await expect(page.locator('#sessions-dialog colab-session')).toHaveCount(1);
  await page.locator('#sessions-dialog colab-session[iscurrentsession] md-icon-button[data-aria-label="Terminate Thesis setup.ipynb"]').click();
  expect(await page.evaluate(() => (window as unknown as Window2).colab?.global.notebook.kernel.getState())).toBe('disconnected');
  await page.locator('#sessions-dialog md-text-button[dialogaction="cancel"]').click();
  await expect(page.locator('body > mwc-dialog')).toHaveCount(0);
  await page.waitForTimeout(500);
  await expect(page.locator('body > mwc-dialog')).toHaveCount(0);
  expect(await page.evaluate(() => {
    const r = (window as unknown as Window2).__replica;
    return { clicks: r.dialogClicks, causes: r.disconnects.map((d) => d.cause) };
  })).toEqual({ clicks: ['sessions-dialog:terminate-others', 'sessions-dialog:terminate-current', 'sessions-dialog:cancel'], causes: ['terminate-session'] });
});

test('dropConnection, getState, kernelLastConnectedTimeMs and attemptAutoconnect', async () => {
  const { page } = await open(['boot:0', 'state:not-connected']);
  await ready(page);
  const result = await page.evaluate(async () => {
    const w = window as unknown as Window2;
    const nb = w.colab?.global.notebook as Notebook2;
    const before = { time: nb.kernelLastConnectedTimeMs, state: nb.kernel.getState(), connected: nb.kernel.isConnected() };
    const states: string[] = [];
    const timer = setInterval(() => states.push(nb.kernel.getState()), 50);
    const t0 = Date.now();
    await nb.attemptAutoconnect(2);
    clearInterval(timer);
    const first = nb.kernelLastConnectedTimeMs;
    w.__replica.dropConnection();
    const dropped = { state: nb.kernel.getState(), connected: nb.kernel.isConnected(), dialogs: document.querySelectorAll('mwc-dialog, md-dialog').length };
    await new Promise((resolve) => setTimeout(resolve, 20));
    await nb.attemptAutoconnect(1);
    return { before, states: [...new Set(states)], firstOk: first >= t0, dropped, again: nb.kernel.getState(), later: nb.kernelLastConnectedTimeMs > first, causes: w.__replica.disconnects.map((d) => d.cause) };
  });
  expect(result).toEqual({
    before: { time: 0, state: 'disconnected', connected: false },
    states: ['allocating', 'connecting'], firstOk: true,
    dropped: { state: 'disconnected', connected: false, dialogs: 0 }, again: 'connected', later: true, causes: ['lost-connection'],
  });
});
