/**
 * The only code that touches Colab's JavaScript objects. Nothing here is a public Colab API, so
 * every member is checked before use and a mismatch becomes an ApiError the user can read.
 * Member names and their evidence: colab-dom.md §2 and §1.7–1.9.
 */
import { MAX_CODE_LENGTH, MAX_STDOUT, type AcceleratorSetting, type CellOutcome, type CellPlace, type KernelState, type PlacedCell, type ProbeOutcome } from '../colab/bridge-protocol';
import { factCode, type RuntimeFact } from '../colab/runtime-facts';
import { readMarker } from '../shared/cell-marker';

export class ApiError extends Error {
  constructor(
    readonly code: 'api-missing' | 'api-changed' | 'notebook-changed',
    message: string,
  ) {
    super(message);
  }
}

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null;
const isFunction = (o: Obj, name: string) => typeof o[name] === 'function';

/** What a feature needs of the notebook controller (`colab.global.notebook`, [M]). */
const NOTEBOOK_MEMBERS = [
  ['cells', 'array'], // S3, S9 [M]
  ['insertCell', 'function'], // S3 [S]
] as const;
/** What a feature needs of a cell (S3, S9, S5 [M]) and its model (S3 [S]). */
const CELL_MEMBERS = ['getId', 'getText', 'setText'] as const;

function globalNotebook(): unknown {
  const colab = (window as unknown as { colab?: unknown }).colab;
  if (!isObject(colab) || !isObject(colab.global)) return undefined;
  return colab.global.notebook;
}

/** Names of the members we rely on that are missing right now ([] when all are there). */
export function missingMembers(): string[] {
  const notebook = globalNotebook();
  if (!isObject(notebook)) return ['window.colab.global.notebook'];
  const missing: string[] = [];
  for (const [name, kind] of NOTEBOOK_MEMBERS) {
    const ok = kind === 'array' ? Array.isArray(notebook[name]) : isFunction(notebook, name);
    if (!ok) missing.push(`colab.global.notebook.${name}`);
  }
  return missing;
}

/**
 * Colab creates `window.colab` about a second after load (colab-dom.md §2), and our toolbar only
 * appears once Colab's UI is there, so a short grace period separates "not yet" from "not there".
 */
export async function notebookController(graceMs: number): Promise<Obj> {
  const deadline = performance.now() + graceMs;
  for (;;) {
    const missing = missingMembers();
    const notebook = globalNotebook();
    if (missing.length === 0 && isObject(notebook)) return notebook;
    if (performance.now() >= deadline) {
      throw new ApiError('api-missing', `Colab's page API is not available: ${missing.join(', ')} missing.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function checkCell(cell: unknown, what: string): Obj {
  if (!isObject(cell)) throw new ApiError('api-changed', `${what} is not a cell object.`);
  for (const name of CELL_MEMBERS) {
    if (!isFunction(cell, name)) throw new ApiError('api-changed', `${what} has no ${name}().`);
  }
  const runButton = cell.runButton;
  if (!isObject(runButton) || typeof runButton.click !== 'function') {
    throw new ApiError('api-changed', `${what} has no runButton.click().`);
  }
  const model = cell.model;
  if (!isObject(model) || !isFunction(model, 'listenOnce')) {
    throw new ApiError('api-changed', `${what} has no model.listenOnce(), so its completion cannot be followed.`);
  }
  return cell;
}

/** Stream text is a string or a list of strings in nbformat (S9, S3). */
const streamText = (text: unknown) => (Array.isArray(text) ? text.map(String).join('') : typeof text === 'string' ? text : '');

const isStdout = (output: unknown) => isObject(output) && output.output_type === 'stream' && output.name !== 'stderr';

/** The tail of what a cell printed to stdout so far ('' when its outputs cannot be read). */
function stdoutOf(cell: Obj): string {
  const outputs = isObject(cell.model) ? cell.model.outputs : undefined;
  if (!Array.isArray(outputs)) return '';
  return outputs.filter(isStdout).map((output: Obj) => streamText(output.text)).join('').slice(-MAX_STDOUT);
}

/** Reads the finished cell's nbformat-like outputs (S9, S3 [M]): an `error` output means it failed. */
export function outcomeOf(cell: Obj): CellOutcome {
  const model = cell.model as Obj;
  const outputs = model.outputs;
  if (!Array.isArray(outputs)) return { status: 'unknown', reason: 'cell.model.outputs is not a list' };
  const error = outputs.find((output) => isObject(output) && output.output_type === 'error') as Obj | undefined;
  if (error) {
    return {
      status: 'error',
      ename: String(error.ename ?? 'Error').slice(0, 500),
      evalue: String(error.evalue ?? '').slice(0, 2000),
    };
  }
  return { status: 'ok', stdout: stdoutOf(cell) };
}

/** Calls `obj[name]()` if it is a function, else undefined; never throws. */
function call(obj: unknown, name: string): unknown {
  try {
    return isObject(obj) && typeof obj[name] === 'function' ? (obj[name] as () => unknown).call(obj) : undefined;
  } catch {
    return undefined;
  }
}

/** `notebook.kernel`, else `notebook.getKernel()` (colab-dom.md §2 [M]). */
const kernelOf = (notebook: unknown) => (isObject(notebook) ? (notebook.kernel ?? call(notebook, 'getKernel')) : undefined);

function setting(source: unknown): AcceleratorSetting {
  const accelerator = call(source, 'getAccelerator');
  const model = call(source, 'getAcceleratorModel');
  if (typeof accelerator !== 'string') return null;
  return { accelerator: accelerator.slice(0, 40), model: typeof model === 'string' ? model.slice(0, 40) : '' };
}

/**
 * Requested accelerator: `notebook.getNotebookModel().getAccelerator()/getAcceleratorModel()`;
 * assigned: `kernel.getEndpoint().getManagedEndpoint()` with the same getters (S4, Colab's own
 * code [S]). Either is null where a member is missing or no runtime is assigned.
 */
export function runtimeInfo(): { requested: AcceleratorSetting; assigned: AcceleratorSetting } {
  const notebook = globalNotebook();
  const endpoint = call(kernelOf(notebook), 'getEndpoint');
  return { requested: setting(call(notebook, 'getNotebookModel')), assigned: setting(call(endpoint, 'getManagedEndpoint')) };
}

const classOf = (accelerator: string): KernelState['accelerator'] => {
  const upper = accelerator.toUpperCase();
  return upper === 'GPU' ? 'gpu' : upper === 'TPU' ? 'tpu' : upper === 'NONE' || upper === '' ? 'cpu' : null;
};

/**
 * The connection as the page API says it (colab-dom.md §2: `kernel.isConnected()` / `getState()`
 * [M], `notebook.kernelLastConnectedTimeMs` [S], `notebook.isExecuting()` [S], the managed
 * endpoint's accelerator [S]). Answers at once, also before Colab boots (then `notebook: false`).
 */
export function kernelState(): KernelState {
  const notebook = globalNotebook();
  if (!isObject(notebook)) return { notebook: false, connected: null, state: null, everConnected: null, executing: null, accelerator: null };
  const kernel = kernelOf(notebook);
  const connected = call(kernel, 'isConnected');
  const rawState = call(kernel, 'getState') ?? (isObject(kernel) ? kernel.state : undefined);
  const last = notebook.kernelLastConnectedTimeMs;
  const executing = call(notebook, 'isExecuting');
  const assigned = connected === true ? setting(call(call(kernel, 'getEndpoint'), 'getManagedEndpoint')) : null;
  return {
    notebook: true,
    connected: typeof connected === 'boolean' ? connected : null,
    state: typeof rawState === 'string' ? rawState.toLowerCase().slice(0, 40) : null,
    everConnected: typeof last === 'number' && Number.isFinite(last) ? last > 0 : null,
    executing: typeof executing === 'boolean' ? executing : null,
    accelerator: assigned ? classOf(assigned.accelerator) : null,
  };
}

/**
 * Reconnects as the "Runtime disconnected" dialog's Reconnect does (S4: `attemptAutoconnect(2)`).
 * Its promise is not awaited (a new VM can take a minute); its failure is Colab's to show.
 */
export function reconnect(): { called: true } {
  const notebook = globalNotebook();
  if (!isObject(notebook) || !isFunction(notebook, 'attemptAutoconnect')) {
    throw new ApiError('api-missing', "Colab's page API has no colab.global.notebook.attemptAutoconnect().");
  }
  try {
    const pending = (notebook.attemptAutoconnect as (n: number) => unknown).call(notebook, 2);
    if (pending instanceof Promise) pending.catch(() => undefined);
  } catch (error) {
    throw new ApiError('api-changed', `colab.global.notebook.attemptAutoconnect threw: ${String(error)}`);
  }
  return { called: true };
}

/**
 * Whether the runtime still has a lock's `fact` (src/colab/runtime-facts.ts): a fixed assert run
 * by `kernel.execute(code)` (S3, S9 [M]), whose reply's status is ok (same) or error (moved).
 */
export async function runtimeFact(fact: RuntimeFact, value: string): Promise<{ same: boolean }> {
  const kernel = kernelOf(globalNotebook());
  if (!isObject(kernel) || !isFunction(kernel, 'execute')) throw new ApiError('api-missing', "Colab's page API has no kernel.execute().");
  const reply = await (kernel.execute as (code: string) => unknown).call(kernel, factCode(fact, value));
  const status = isObject(reply) && reply.status;
  if (status !== 'ok' && status !== 'error') throw new ApiError('api-changed', 'kernel.execute() gave no status.');
  return { same: status === 'ok' };
}

/** One step of a probe path: a property, `name[0]`, or `name()`. */
function step(value: unknown, segment: string): { value: unknown } | 'missing' | 'skipped' {
  const match = /^([A-Za-z_$][\w$]*)(\[0\]|\(\))?$/.exec(segment);
  if (!match || !isObject(value)) return 'missing';
  const [, name = '', suffix] = match;
  let next: unknown = value[name];
  if (next === undefined) return 'missing';
  if (suffix === '()') {
    if (typeof next !== 'function') return 'missing';
    try {
      next = (next as () => unknown).call(value);
    } catch {
      return 'missing';
    }
  } else if (suffix === '[0]') {
    if (!Array.isArray(next)) return 'missing';
    if (next.length === 0) return 'skipped';
    next = next[0];
  }
  return next === null ? 'skipped' : { value: next };
}

/**
 * Check compatibility: each `kind:path` of `probes` (space-separated, from src/colab/probes.ts, which
 * keeps the list so the page script need not), there or not, in order (never throws).
 */
export function probeApi(probes: string): ProbeOutcome[] {
  return probes.split(' ').map((probe) => {
    const [kind, path = ''] = probe.split(':');
    let value: unknown = window;
    for (const segment of path.split('.')) {
      const next = step(value, segment);
      if (typeof next === 'string') return next;
      value = next.value;
    }
    const ok = kind === 'array' ? Array.isArray(value) : kind === 'function' ? typeof value === 'function' : kind === 'number' ? typeof value === 'number' : isObject(value);
    return ok ? 'ok' : 'missing';
  });
}

/** How often a running cell's state is read, to notice a run that ends without execution_completed. */
const STOP_POLL_MS = 1_000;

const isTrue = (cell: Obj, name: string) => call(cell, name) === true;

/**
 * Whether a cell runs or waits to run: `isRunning()`/`isPending()` (S9 [S]), else the cell
 * element's `.running`/`.pending` classes (colab-dom-2026H2 row 32); undefined when neither says.
 */
function busyOf(cell: Obj): boolean | undefined {
  if (isFunction(cell, 'isRunning')) return isTrue(cell, 'isRunning') || isTrue(cell, 'isPending');
  const classes = isObject(cell.element_) ? cell.element_.classList : undefined;
  if (isObject(classes) && isFunction(classes, 'contains')) {
    const has = classes.contains as (name: string) => boolean;
    return has.call(classes, 'running') || has.call(classes, 'pending');
  }
  return undefined;
}

/**
 * The runtime now: the kernel object and `kernelLastConnectedTimeMs` (colab-dom.md §2 [M]/[S])
 * while `kernel.isConnected()`; null when none is connected; undefined when the page API cannot say.
 */
function runtimeNow(notebook: Obj): { kernel: unknown; since: unknown } | null | undefined {
  const kernel = kernelOf(notebook);
  const connected = call(kernel, 'isConnected');
  if (typeof connected !== 'boolean') return undefined;
  return connected ? { kernel, since: notebook.kernelLastConnectedTimeMs } : null;
}

/**
 * Calls `onStopped` when a run ends without Colab firing execution_completed (the caller stops
 * this when it fires): the cell was running or queued and is neither any more, twice in a row
 * (Colab drops a run whose kernel died), read as `isBusy` reads it; or the runtime it ran on is
 * gone, not connected twice in a row or replaced by a new one (security review L7). `onDeleted`
 * once the cell has left `notebook.cells` (deleted while queued, it never completes). Returns a
 * function that stops watching.
 */
function whenStopped(notebook: Obj, cell: Obj, onStopped: () => void, onDeleted: () => void): () => void {
  let seenBusy = false;
  let idleReadings = 0;
  let ranOn: { kernel: unknown; since: unknown } | undefined;
  let goneReadings = 0;
  const timer = setInterval(() => {
    if (!(notebook.cells as unknown[]).includes(cell)) {
      clearInterval(timer);
      onDeleted();
      return;
    }
    const busy = busyOf(cell);
    if (busy) {
      seenBusy = true;
      idleReadings = 0;
    } else if (busy === false && seenBusy) idleReadings += 1;
    // A cell run while not connected connects first: the runtime counts from when it is seen connected.
    const runtime = runtimeNow(notebook);
    if (runtime && !ranOn) ranOn = runtime;
    else if (runtime && ranOn) goneReadings = runtime.kernel !== ranOn.kernel || runtime.since !== ranOn.since ? 2 : 0;
    else if (runtime === null && ranOn) goneReadings += 1;
    if (idleReadings >= 2 || goneReadings >= 2) {
      clearInterval(timer);
      onStopped();
    }
  }, STOP_POLL_MS);
  return () => clearInterval(timer);
}

export interface StartedRun {
  readonly cellId: string;
  readonly completion: Promise<CellOutcome>;
}

const textOf = (cell: Obj) => String((cell.getText as () => unknown).call(cell));

/** busyOf, for deciding what to click: clicking the run button of a busy cell would interrupt it, so when it cannot be read nothing is clicked. */
function isBusy(cell: Obj): boolean {
  const busy = busyOf(cell);
  if (busy === undefined) throw new ApiError('api-changed', 'A cell can say neither whether it is running (no isRunning()) nor show it (no element_).');
  return busy;
}

const isTextCell = (cell: unknown) => isObject(cell) && isObject(cell.model) && cell.model.type === 'text';

/** Cells with a Launchpad marker whose key passes `wanted`, in document order; `intact`: still as written (ours). */
function markedCells(notebook: Obj, wanted: (key: string) => boolean): { cell: Obj; intact: boolean }[] {
  const found = [];
  for (const cell of notebook.cells as unknown[]) {
    if (isTextCell(cell)) continue; // never ours
    if (!isObject(cell) || !isFunction(cell, 'getText')) throw new ApiError('api-changed', 'A cell of colab.global.notebook.cells has no getText().');
    const marker = readMarker(textOf(cell));
    if (marker && wanted(marker.key)) found.push({ cell, intact: marker.intact });
  }
  return found;
}


/**
 * Inserts an empty code cell (S3 `insertCell('code', {after, index})`) and returns it: after the
 * cell `after` when it is still there; else at the top (after a leading text cell) for `top`, or
 * below the focused cell (at the end when none is focused) for `focus`. The new cell is read from
 * `focusedCell`, where Colab puts focus after insertCell (S3); its return value is undocumented.
 */
function insertCell(notebook: Obj, place: CellPlace): Obj {
  const cells = notebook.cells as unknown[];
  const afterIndex = !place.after ? -1 : cells.findIndex((cell) => isObject(cell) && isFunction(cell, 'getId') && String((cell.getId as () => unknown).call(cell)) === place.after);
  const focused = cells.indexOf(notebook.focusedCell);
  const index = afterIndex >= 0 ? afterIndex : place.at === 'top' ? (isTextCell(cells[0]) ? 0 : -1) : focused >= 0 ? focused : cells.length - 1;
  const before = new Set(cells);
  try {
    (notebook.insertCell as (type: string, options: object) => unknown)('code', index >= 0 ? { after: true, index } : { after: false, index: 0 });
  } catch (error) {
    throw new ApiError('api-changed', `colab.global.notebook.insertCell threw: ${String(error)}`);
  }
  const inserted = notebook.focusedCell;
  if (!isObject(inserted) || before.has(inserted) || inserted !== cells[index + 1]) {
    throw new ApiError('api-changed', 'insertCell did not add a focused cell where it was asked to.');
  }
  return inserted;
}

/** Resolves with how the cell's current run ends: execution_completed, a stop (whenStopped) or its deletion. */
function follow(notebook: Obj, cell: Obj): Promise<CellOutcome> {
  return new Promise<CellOutcome>((resolve) => {
    const stopWatching = whenStopped(
      notebook,
      cell,
      () => resolve({ status: 'stopped', stdout: stdoutOf(cell) }),
      () => resolve({ status: 'error', ename: 'Deleted', evalue: 'the cell was deleted before its run finished' }),
    );
    (cell.model as { listenOnce: (type: string, fn: () => void) => unknown }).listenOnce('execution_completed', () => {
      stopWatching();
      try {
        resolve(outcomeOf(cell));
      } catch (error) {
        resolve({ status: 'unknown', reason: String(error).slice(0, 500) });
      }
    });
  });
}

function setText(cell: Obj, code: string): void {
  try {
    (cell.setText as (text: string) => void).call(cell, code);
  } catch (error) {
    throw new ApiError('api-changed', `cell.setText threw: ${String(error)}`);
  }
}

/** Writes `code` into the cell (when given) and clicks its run button; the caller follows the run first. */
function start(cell: Obj, code: string | undefined): void {
  if (code !== undefined) setText(cell, code);
  try {
    (cell.runButton as { click: () => void }).click();
  } catch (error) {
    throw new ApiError('api-changed', `The cell's run button threw: ${String(error)}`);
  }
}

/**
 * Runs Launchpad's cell `key` with `code` (src/shared/cell-marker.ts): the first cell whose
 * marker has that key and whose text still matches its hash is ours. It is re-run in place
 * (its text rewritten first when the code changed). Already running with exactly this code, it
 * is followed without a second start (`joined`); running other code (an older version, or a
 * shared notebook's cell that only carries the marker, security review I9), its run is left to
 * finish and the cell is then rewritten and run (`queued`). Cells with that key whose text was
 * edited belong to the user and are never touched. Without a cell of ours, a new one is inserted
 * where `place` says.
 */
export function runCell(notebook: Obj, key: string, code: string, place: CellPlace): StartedRun & { placed: PlacedCell } {
  const marked = markedCells(notebook, (k) => k === key);
  const ours = marked.filter((m) => m.intact).map((m) => m.cell);
  const edited = marked.length - ours.length;
  const found = ours[0];
  let action: PlacedCell['action'] = 'inserted';
  let cell: Obj;
  if (found) {
    cell = checkCell(found, 'The cell to run again');
    const same = textOf(cell).trimEnd() === code.trimEnd();
    action = isBusy(cell) ? (same ? 'joined' : 'queued') : same ? 'reran' : 'rewritten';
  } else {
    cell = checkCell(insertCell(notebook, place), 'The inserted cell');
  }
  const cellId = String((cell.getId as () => unknown).call(cell));
  try {
    (cell.element_ as { scrollIntoView?: (options: object) => void } | undefined)?.scrollIntoView?.({ block: 'nearest' });
  } catch {
    // Scrolling is a courtesy; the run does not depend on it.
  }

  let completion: Promise<CellOutcome>;
  if (action === 'queued') {
    completion = follow(notebook, cell).then((earlier) => {
      if (earlier.status === 'error' && earlier.ename === 'Deleted') return earlier;
      // The user may have edited it meanwhile: then it is theirs and stays as it is.
      const marker = readMarker(textOf(cell));
      if (!marker || marker.key !== key || !marker.intact) {
        return { status: 'error', ename: 'Edited', evalue: 'the cell was edited while its earlier run finished; it was left as it is' } as const;
      }
      const run = follow(notebook, cell);
      try {
        start(cell, code);
      } catch (error) {
        return { status: 'error', ename: 'ApiError', evalue: String(error instanceof Error ? error.message : error).slice(0, 2000) } as const;
      }
      return run;
    });
  } else {
    // Listen before running, so a very fast execution cannot complete unobserved.
    completion = follow(notebook, cell);
    if (action !== 'joined') start(cell, action === 'inserted' || action === 'rewritten' ? code : undefined);
  }
  const index = (notebook.cells as unknown[]).indexOf(cell);
  return { cellId, completion, placed: { cellId, action, edited, copies: ours.length, index } };
}

/**
 * Deletes Launchpad's own cells (intact markers) whose key starts with `prefix` but is not in
 * `keep`: steps removed from a preset. Edited cells, and cells that are running, stay.
 * Deleting uses `notebookModel.deleteCells([cell.model])` (S3 [S]).
 */
export function pruneCells(notebook: Obj, prefix: string, keep: readonly string[]): { removed: number; edited: number } {
  const marked = markedCells(notebook, (key) => key.startsWith(prefix) && !keep.includes(key));
  const stale = marked.filter((m) => m.intact && !isBusy(m.cell)).map((m) => m.cell);
  const edited = marked.filter((m) => !m.intact).length;
  if (stale.length > 0) {
    const model = notebook.notebookModel ?? call(notebook, 'getNotebookModel');
    if (!isObject(model) || !isFunction(model, 'deleteCells')) throw new ApiError('api-missing', "Colab's page API has no notebookModel.deleteCells().");
    try {
      (model.deleteCells as (models: unknown[]) => unknown).call(model, stale.map((cell) => cell.model));
    } catch (error) {
      throw new ApiError('api-changed', `notebookModel.deleteCells threw: ${String(error)}`);
    }
  }
  return { removed: stale.length, edited };
}

/** Add to setup (issue 18 part 3): a line that may run an install (the content script's parser decides). */
const INSTALL_LINE = /^\s*[!%].*\b(install|clone)\b/m;

/**
 * The finished code cells whose text may run an install: not running or queued, run at least once
 * (`getExecutionCount()`, S9 [S], else having outputs), with their text, the tail of everything
 * they printed (stdout and stderr, where `!pip` reports its failures) and whether they raised.
 */
export function installCells(notebook: Obj): { cellId: string; text: string; output: string; failed: boolean }[] {
  const found = [];
  for (const cell of notebook.cells as unknown[]) {
    if (isTextCell(cell) || !isObject(cell) || !isFunction(cell, 'getText') || !isFunction(cell, 'getId') || busyOf(cell) !== false) continue;
    const text = textOf(cell);
    const outputs = isObject(cell.model) && Array.isArray(cell.model.outputs) ? (cell.model.outputs as unknown[]) : [];
    const count = call(cell, 'getExecutionCount');
    if (!INSTALL_LINE.test(text) || text.length > 20_000 || (typeof count !== 'number' && outputs.length === 0)) continue;
    const streams = outputs.filter((o): o is Obj => isObject(o) && o.output_type === 'stream');
    found.push({
      cellId: String((cell.getId as () => unknown).call(cell)),
      text,
      output: streams.map((o) => streamText(o.text)).join('').slice(-8_000),
      failed: outputs.some((o) => isObject(o) && o.output_type === 'error'),
    });
  }
  return found.slice(-20);
}

/** The setup a notebook carries (issue 18 part 4): the first code cell with a `# launchpad-setup ` line, '' when none. */
export function carriedSetupText(notebook: Obj): string {
  for (const cell of notebook.cells as unknown[]) {
    if (isTextCell(cell) || !isObject(cell) || !isFunction(cell, 'getText')) continue;
    const text = textOf(cell);
    if (/^# launchpad-setup /m.test(text)) return text.slice(0, MAX_CODE_LENGTH);
  }
  return '';
}

/** Writes Launchpad's cell `key` without running it: ours (intact) rewritten in place, else a new cell at the top. */
export function writeCell(notebook: Obj, key: string, code: string): { cellId: string; action: 'inserted' | 'rewritten' } {
  const found = markedCells(notebook, (k) => k === key).find((m) => m.intact)?.cell;
  const cell = checkCell(found ?? insertCell(notebook, { at: 'top', after: '' }), 'The setup cell');
  setText(cell, code);
  return { cellId: String((cell.getId as () => unknown).call(cell)), action: found ? 'rewritten' : 'inserted' };
}

/**
 * Session guard: `colab.global.notebook.userInteractionOccurred()` (S4, Colab's own code [S]) resets
 * Colab's frontend idle timer, exactly as a real keypress in the notebook would. When it is missing,
 * the caller reports why; nothing here ever fakes input events instead.
 */
export async function userInteractionOccurred(graceMs: number): Promise<{ called: true }> {
  // Colab may still be booting (a tab that just loaded): give it the same grace as other requests.
  const deadline = performance.now() + graceMs;
  let notebook = globalNotebook();
  while (!(isObject(notebook) && isFunction(notebook, 'userInteractionOccurred'))) {
    if (performance.now() >= deadline) throw new ApiError('api-missing', "Colab's page API has no colab.global.notebook.userInteractionOccurred().");
    await new Promise((resolve) => setTimeout(resolve, 50));
    notebook = globalNotebook();
  }
  try {
    (notebook.userInteractionOccurred as () => unknown).call(notebook);
  } catch (error) {
    throw new ApiError('api-changed', `colab.global.notebook.userInteractionOccurred threw: ${String(error)}`);
  }
  return { called: true };
}
