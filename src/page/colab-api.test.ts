import { afterEach, describe, expect, it, vi } from 'vitest';
import { markedCell } from '../shared/cell-marker';
import { MAX_STDOUT } from '../colab/bridge-protocol';
import { ApiError, carriedSetupText, installCells, outcomeOf, pruneCells, runCell, userInteractionOccurred, writeCell } from './colab-api';

type FakeCell = { getId(): string; getText(): string; setText(s: string): void; fire(type: string): void; model: { type: string; outputs: unknown[] } };

/** A notebook controller shaped as the evidence describes (colab-dom.md §2), with knobs to break it. */
function fakeNotebook(options: { focus?: number | null; breakFocus?: boolean; cellWithout?: string; cells?: number; runState?: { running: boolean }; texts?: string[]; noDelete?: boolean; kernel?: { connected: boolean } } = {}) {
  let nextId = 0;
  const clicks: string[] = [];
  const makeCell = (initial = '', type = 'code') => {
    const id = `cell${nextId++}`;
    let text = initial;
    const listeners: Record<string, (() => void)[]> = {};
    const cell = new Map<string, unknown>(Object.entries({
      getId: () => id,
      getText: () => text,
      setText: (s: string) => (text = s),
      runButton: { click: () => clicks.push(id) },
      model: {
        type,
        outputs: [] as unknown[],
        listenOnce: (type: string, fn: () => void) => (listeners[type] ??= []).push(fn),
      },
      fire: (type: string) => listeners[type]?.forEach((fn) => fn()),
      element_: { classList: new Set<string>() },
    }));
    // A DOM classList answers contains(); a Set answers has().
    const classes = (cell.get('element_') as { classList: Set<string> & { contains?: (n: string) => boolean } }).classList;
    classes.contains = (name: string) => classes.has(name);
    const runState = options.runState;
    if (runState) {
      cell.set('isRunning', () => runState.running);
      cell.set('isPending', () => false);
    }
    if (options.cellWithout) cell.delete(options.cellWithout);
    return Object.fromEntries(cell);
  };
  const cells = options.texts
    ? options.texts.map((text) => (text.startsWith('md:') ? makeCell(text.slice(3), 'text') : makeCell(text)))
    : Array.from({ length: options.cells ?? 3 }, () => makeCell());
  const notebook: Record<string, unknown> = {
    cells,
    focusedCell: options.focus === null ? null : cells[options.focus ?? 0],
    insertCell(type: string, { after, index }: { after: boolean; index: number }) {
      if (type !== 'code') throw new Error('unexpected type');
      const cell = makeCell();
      cells.splice(after ? index + 1 : index, 0, cell);
      if (!options.breakFocus) notebook.focusedCell = cell;
    },
    ...(options.kernel && { kernel: { isConnected: () => options.kernel?.connected }, kernelLastConnectedTimeMs: 1 }),
    notebookModel: options.noDelete ? {} : {
      deleteCells: (models: unknown[]) => {
        for (const model of models) cells.splice(cells.findIndex((c) => (c as { model: unknown }).model === model), 1);
      },
    },
  };
  return { notebook, cells: cells as unknown as FakeCell[], clicks };
}

const FOCUS = { at: 'focus', after: '' } as const;
const TOP = { at: 'top', after: '' } as const;
const ours = (key: string, body: string) => markedCell('# @title T { display-mode: "form" }', key, body);

describe('runCell: a new cell', () => {
  it('inserts below the focused cell, sets the code, runs it and resolves on completion', async () => {
    const { notebook, cells, clicks } = fakeNotebook({ focus: 1 });
    const code = ours('run:x:1', 'print(1)');
    const run = runCell(notebook, 'run:x:1', code, FOCUS);
    const inserted = cells[2] as FakeCell;
    expect(run.cellId).toBe('cell3');
    expect(run.placed).toEqual({ cellId: 'cell3', action: 'inserted', edited: 0, copies: 0, index: 2 });
    expect(inserted.getText()).toBe(code);
    expect(clicks).toEqual(['cell3']);
    inserted.fire('execution_completed');
    await expect(run.completion).resolves.toEqual({ status: 'ok', stdout: '' });
  });

  it('appends at the end when no cell is focused, and works on an empty notebook', () => {
    const { notebook, cells } = fakeNotebook({ focus: null });
    runCell(notebook, 'run:x:1', 'x', FOCUS);
    expect(cells.at(-1)?.getText()).toBe('x');
    const empty = fakeNotebook({ focus: null, cells: 0 });
    expect(runCell(empty.notebook, 'run:x:1', 'y', FOCUS).cellId).toBe('cell0');
  });

  it('goes to the top, after a leading text cell, or after the cell it is asked to follow', () => {
    const plain = fakeNotebook({ texts: ['a', 'b'], focus: 1 });
    runCell(plain.notebook, 'setup:p:1', 'x', TOP);
    expect(plain.cells.map((c) => c.getText())).toEqual(['x', 'a', 'b']);
    const titled = fakeNotebook({ texts: ['md:# Title', 'a'], focus: 1 });
    runCell(titled.notebook, 'setup:p:1', 'x', TOP);
    expect(titled.cells.map((c) => c.getText())).toEqual(['# Title', 'x', 'a']);
    runCell(titled.notebook, 'setup:p:2', 'y', { at: 'top', after: titled.cells[1]?.getId() ?? '' });
    expect(titled.cells.map((c) => c.getText())).toEqual(['# Title', 'x', 'y', 'a']);
    // The cell to follow was deleted meanwhile: back to the top.
    runCell(titled.notebook, 'setup:p:3', 'z', { at: 'top', after: 'gone' });
    expect(titled.cells.map((c) => c.getText())).toEqual(['# Title', 'z', 'x', 'y', 'a']);
  });

  it('reports a changed API when the new cell is not focused', () => {
    const { notebook, clicks } = fakeNotebook({ breakFocus: true });
    expect(() => runCell(notebook, 'run:x:1', 'x', FOCUS)).toThrow(ApiError);
    expect(clicks).toEqual([]);
  });

  it.each(['setText', 'getId', 'getText', 'runButton', 'model'])('reports a changed API when a cell has no %s, without running anything', (member) => {
    const { notebook, clicks } = fakeNotebook({ cellWithout: member });
    let error: unknown;
    try {
      runCell(notebook, 'run:x:1', 'x', FOCUS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('api-changed');
    expect((error as ApiError).message).toContain(member);
    expect(clicks).toEqual([]);
  });

  it('reports a throwing insertCell as a changed API', () => {
    const { notebook } = fakeNotebook();
    notebook.insertCell = () => {
      throw new TypeError('boom');
    };
    expect(() => runCell(notebook, 'run:x:1', 'x', FOCUS)).toThrow(/insertCell threw: TypeError: boom/);
  });
});

describe('runCell: Launchpad’s own cell again', () => {
  const v1 = ours('run:x:1', 'print(1)');
  const v2 = ours('run:x:1', 'print(2)');

  it('re-runs it in place when the code is the same: nothing inserted, nothing rewritten', () => {
    const { notebook, cells, clicks } = fakeNotebook({ texts: ['a', v1, 'b'], focus: 2 });
    const run = runCell(notebook, 'run:x:1', v1, FOCUS);
    expect(run.placed).toEqual({ cellId: 'cell1', action: 'reran', edited: 0, copies: 1, index: 1 });
    expect(cells).toHaveLength(3);
    expect(clicks).toEqual(['cell1']);
  });

  it('rewrites it first when the generated code changed', () => {
    const { notebook, cells } = fakeNotebook({ texts: ['a', v1] });
    expect(runCell(notebook, 'run:x:1', v2, FOCUS).placed.action).toBe('rewritten');
    expect(cells.map((c) => c.getText())).toEqual(['a', v2]);
  });

  it('never rewrites a cell the user edited: a fresh cell runs and the edited one stays', () => {
    const edited = v1.replace('print(1)', 'print(1)  # mine');
    const { notebook, cells, clicks } = fakeNotebook({ texts: ['a', edited], focus: 0 });
    const run = runCell(notebook, 'run:x:1', v2, FOCUS);
    expect(run.placed).toMatchObject({ action: 'inserted', edited: 1, copies: 0 });
    expect(cells.map((c) => c.getText())).toEqual(['a', v2, edited]);
    expect(clicks).toEqual([run.cellId]);
  });

  it('ignores a marker pasted into the user’s own code', () => {
    const pasted = `${v1.split('\n').slice(0, 2).join('\n')}\nimport my_code\nmy_code.train()`;
    const { notebook, cells } = fakeNotebook({ texts: [pasted], focus: 0 });
    runCell(notebook, 'run:x:1', v1, FOCUS);
    expect(cells.map((c) => c.getText())).toEqual([pasted, v1]);
  });

  it('picks the first of duplicated cells and says how many there are', () => {
    const { notebook, cells, clicks } = fakeNotebook({ texts: ['a', v1, 'b', v1] });
    expect(runCell(notebook, 'run:x:1', v2, FOCUS).placed).toEqual({ cellId: 'cell1', action: 'rewritten', edited: 0, copies: 2, index: 1 });
    expect(cells.map((c) => c.getText())).toEqual(['a', v2, 'b', v1]);
    expect(clicks).toEqual(['cell1']);
  });

  it('does not start a running cell twice: it follows the run already under way when its code is the same', async () => {
    const runState = { running: true };
    const { notebook, cells, clicks } = fakeNotebook({ texts: [v1], runState });
    const run = runCell(notebook, 'run:x:1', v1, FOCUS);
    expect(run.placed.action).toBe('joined');
    expect(clicks).toEqual([]);
    expect(cells[0]?.getText()).toBe(v1);
    runState.running = false;
    cells[0]?.fire('execution_completed');
    await expect(run.completion).resolves.toEqual({ status: 'ok', stdout: '' });
  });

  it('joins only identical code (security review I9): other code running under our marker finishes, then the cell is rewritten and run', async () => {
    const runState = { running: true };
    const { notebook, cells, clicks } = fakeNotebook({ texts: [v1], runState });
    const cell = cells[0] as FakeCell & { model: { outputs: unknown[] } };
    cell.model.outputs = [{ output_type: 'stream', name: 'stdout', text: 'LAUNCHPAD_GPU {"forged": true}\n' }];
    const run = runCell(notebook, 'run:x:1', v2, FOCUS);
    expect(run.placed.action).toBe('queued');
    expect(clicks).toEqual([]);
    expect(cell.getText()).toBe(v1); // not touched while it runs
    let outcome: unknown;
    void run.completion.then((o) => (outcome = o));
    runState.running = false;
    cell.fire('execution_completed'); // the earlier run ends: its (forged) output is not ours
    await vi.waitFor(() => expect(clicks).toEqual(['cell0']));
    expect(cell.getText()).toBe(v2);
    expect(outcome).toBeUndefined();
    cell.model.outputs = [{ output_type: 'stream', name: 'stdout', text: 'ours\n' }];
    cell.fire('execution_completed');
    await expect(run.completion).resolves.toEqual({ status: 'ok', stdout: 'ours\n' });
  });

  it('leaves a queued cell alone when the user edits it before the earlier run ends', async () => {
    const runState = { running: true };
    const { notebook, cells, clicks } = fakeNotebook({ texts: [v1], runState });
    const cell = cells[0] as FakeCell;
    const run = runCell(notebook, 'run:x:1', v2, FOCUS);
    const mine = v1.replace('print(1)', 'print("mine")');
    cell.setText(mine);
    runState.running = false;
    cell.fire('execution_completed');
    await expect(run.completion).resolves.toMatchObject({ status: 'error', ename: 'Edited' });
    expect(cell.getText()).toBe(mine);
    expect(clicks).toEqual([]);
  });

  it('reads whether it runs from the cell element when isRunning() is missing, and refuses when neither says', () => {
    const busy = fakeNotebook({ texts: [v1] });
    (busy.cells[0] as unknown as { element_: { classList: Set<string> } }).element_.classList.add('pending');
    expect(runCell(busy.notebook, 'run:x:1', v1, FOCUS).placed.action).toBe('joined');
    expect(busy.clicks).toEqual([]);
    const blind = fakeNotebook({ texts: [v1], cellWithout: 'element_' });
    expect(() => runCell(blind.notebook, 'run:x:1', v1, FOCUS)).toThrow(/whether it is running/);
    expect(blind.clicks).toEqual([]);
  });
});

describe('pruneCells', () => {
  const cell = (n: number, body = `print(${n})`) => ours(`setup:p:${n}`, body);

  it('deletes our cells of steps the preset no longer has, and leaves edited ones and others alone', () => {
    const edited = cell(4).replace('print(4)', 'print("mine")');
    const other = ours('setup:q:3', 'x');
    const { notebook, cells } = fakeNotebook({ texts: ['a', cell(1), cell(2), cell(3), edited, other] });
    expect(pruneCells(notebook, 'setup:p:', ['setup:p:1', 'setup:p:2'])).toEqual({ removed: 1, edited: 1 });
    expect(cells.map((c) => c.getText())).toEqual(['a', cell(1), cell(2), edited, other]);
  });

  it('says so when Colab has no deleteCells, and deletes nothing when there is nothing to delete', () => {
    const { notebook } = fakeNotebook({ texts: [cell(1), cell(2)], noDelete: true });
    expect(pruneCells(notebook, 'setup:p:', ['setup:p:1', 'setup:p:2'])).toEqual({ removed: 0, edited: 0 });
    expect(() => pruneCells(notebook, 'setup:p:', ['setup:p:1'])).toThrow(/deleteCells/);
  });
});

describe('installCells (Add to setup)', () => {
  it('lists finished code cells that may install, with all their stream output and whether they raised', () => {
    const { notebook, cells } = fakeNotebook({ texts: ['!pip install a', 'print(1)', 'md:!pip install b', '%pip install c', '!git clone https://x/y', '!pip install never-ran'] });
    (cells[0] as unknown as { model: { outputs: unknown[] } }).model.outputs.push({ output_type: 'stream', name: 'stdout', text: 'Successfully ' }, { output_type: 'stream', name: 'stderr', text: ['installed a-1'] });
    (cells[3] as unknown as { model: { outputs: unknown[] } }).model.outputs.push({ output_type: 'error', ename: 'E', evalue: '' });
    (cells[4] as unknown as { model: { outputs: unknown[] } }).model.outputs.push({ output_type: 'stream', name: 'stdout', text: 'Cloning' });
    // A running cell is not finished.
    (cells[4] as unknown as { element_: { classList: Set<string> } }).element_.classList.add('running');
    expect(installCells(notebook)).toEqual([
      { cellId: 'cell0', text: '!pip install a', output: 'Successfully installed a-1', failed: false },
      { cellId: 'cell3', text: '%pip install c', output: '', failed: true },
    ]);
  });
});

describe('carriedSetupText / writeCell (the setup a notebook carries)', () => {
  const carried = ours('carried-setup', '# 1. x\n# launchpad-setup {}');

  it('reads the first code cell with a launchpad-setup line', () => {
    expect(carriedSetupText(fakeNotebook({ texts: ['print(1)', carried] }).notebook)).toBe(carried);
    expect(carriedSetupText(fakeNotebook({ texts: ['print(1)', 'md:# launchpad-setup {}'] }).notebook)).toBe('');
  });

  it('writes without running: inserted at the top, then rewritten in place; an edited one stays the user’s', () => {
    const { notebook, cells, clicks } = fakeNotebook({ texts: ['md:# Title', 'print(1)'] });
    expect(writeCell(notebook, 'carried-setup', carried)).toMatchObject({ action: 'inserted' });
    expect(cells.map((c) => c.getText())).toEqual(['# Title', carried, 'print(1)']);
    const next = ours('carried-setup', '# 1. y\n# launchpad-setup {}');
    expect(writeCell(notebook, 'carried-setup', next)).toMatchObject({ action: 'rewritten' });
    expect(cells.map((c) => c.getText())).toEqual(['# Title', next, 'print(1)']);
    cells[1]?.setText(`${next}\n# mine`);
    expect(writeCell(notebook, 'carried-setup', next)).toMatchObject({ action: 'inserted' });
    expect(cells).toHaveLength(4);
    expect(clicks).toEqual([]);
  });
});

describe('outcomeOf', () => {
  const cell = (outputs: unknown) => ({ model: { outputs } });
  it('is ok without an error output', () => {
    expect(outcomeOf(cell([{ output_type: 'stream', name: 'stdout', text: 'Mounted at /content/drive\n' }]))).toEqual({ status: 'ok', stdout: 'Mounted at /content/drive\n' });
  });
  it('keeps the tail of stdout (lists joined, stderr left out)', () => {
    const long = 'x'.repeat(MAX_STDOUT + 1_000);
    const outcome = outcomeOf(cell([{ output_type: 'stream', name: 'stdout', text: [long, '\n'] }, { output_type: 'stream', name: 'stderr', text: 'warn' }, { output_type: 'stream', name: 'stdout', text: 'LAUNCHPAD_GPU {}\n' }]));
    expect(outcome.status === 'ok' && outcome.stdout.endsWith('x\nLAUNCHPAD_GPU {}\n')).toBe(true);
    expect(outcome.status === 'ok' && outcome.stdout.length).toBe(MAX_STDOUT);
  });
  it('is an error with the error output’s name and value', () => {
    expect(outcomeOf(cell([{ output_type: 'stream', text: 'x' }, { output_type: 'error', ename: 'MessageError', evalue: 'Error: credential propagation was unsuccessful', traceback: [] }]))).toEqual({
      status: 'error', ename: 'MessageError', evalue: 'Error: credential propagation was unsuccessful',
    });
  });
  it('is unknown when outputs cannot be read', () => {
    expect(outcomeOf(cell(undefined))).toMatchObject({ status: 'unknown' });
  });
});

describe('a run that stops without execution_completed', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves as stopped, with what it printed, once the cell was running and is idle twice in a row', async () => {
    vi.useFakeTimers();
    const runState = { running: false };
    const { notebook, cells } = fakeNotebook({ runState });
    const run = runCell(notebook, 'run:x:1', 'import os, signal\nos.kill(os.getpid(), signal.SIGKILL)', FOCUS);
    const cell = cells[1] as { model: { outputs: unknown[] } };
    let outcome: unknown;
    void run.completion.then((o) => (outcome = o));
    // Not seen running yet (a dialog may hold the run back): idle readings do not count.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(outcome).toBeUndefined();
    runState.running = true;
    await vi.advanceTimersByTimeAsync(3_000);
    cell.model.outputs = [{ output_type: 'stream', name: 'stdout', text: ['Restarting…\n'] }];
    runState.running = false; // the kernel died: Colab drops the run, no event
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toBeUndefined(); // one idle reading is not enough
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toEqual({ status: 'stopped', stdout: 'Restarting…\n' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops watching when Colab reports the completion', async () => {
    vi.useFakeTimers();
    const runState = { running: true };
    const { notebook, cells } = fakeNotebook({ runState });
    const run = runCell(notebook, 'run:x:1', 'print(1)', FOCUS);
    await vi.advanceTimersByTimeAsync(2_000);
    runState.running = false;
    (cells[1] as { fire(type: string): void }).fire('execution_completed');
    await expect(run.completion).resolves.toEqual({ status: 'ok', stdout: '' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reads a cell without isRunning() from its element’s classes (security review L7)', async () => {
    vi.useFakeTimers();
    const { notebook, cells } = fakeNotebook();
    const run = runCell(notebook, 'run:x:1', 'print(1)', FOCUS);
    const classes = (cells[1] as unknown as { element_: { classList: Set<string> } }).element_.classList;
    let outcome: unknown;
    void run.completion.then((o) => (outcome = o));
    classes.add('running');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(outcome).toBeUndefined();
    classes.delete('running'); // the kernel died: Colab drops the run, no event
    await vi.advanceTimersByTimeAsync(2_000);
    expect(outcome).toEqual({ status: 'stopped', stdout: '' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends as stopped when the runtime it ran on is lost or replaced, even when the cell cannot say (L7)', async () => {
    vi.useFakeTimers();
    const kernel = { connected: true };
    const blind = fakeNotebook({ cellWithout: 'element_', kernel });
    const lost = runCell(blind.notebook, 'run:x:1', 'x', { at: 'focus', after: 'cell0' });
    let outcome: unknown;
    void lost.completion.then((o) => (outcome = o));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(outcome).toBeUndefined();
    kernel.connected = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toBeUndefined(); // one reading is not enough
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toMatchObject({ status: 'stopped' });

    const replaced = fakeNotebook({ cellWithout: 'element_', kernel: { connected: true } });
    const run = runCell(replaced.notebook, 'run:x:1', 'x', { at: 'focus', after: 'cell0' });
    outcome = undefined;
    void run.completion.then((o) => (outcome = o));
    await vi.advanceTimersByTimeAsync(2_000);
    replaced.notebook.kernelLastConnectedTimeMs = 2; // a new runtime connected meanwhile
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toMatchObject({ status: 'stopped' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('only notices a deleted cell when cells cannot say whether they run', async () => {
    vi.useFakeTimers();
    const { notebook, cells } = fakeNotebook();
    const run = runCell(notebook, 'run:x:1', 'print(1)', FOCUS);
    let outcome: unknown;
    void run.completion.then((o) => (outcome = o));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(outcome).toBeUndefined();
    cells.splice(1, 1); // the user deletes it while it waits in Colab's queue: no event will come
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toEqual({ status: 'error', ename: 'Deleted', evalue: 'the cell was deleted before its run finished' });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('userInteractionOccurred', () => {
  const withColab = async (colab: unknown, run: () => Promise<void>) => {
    const g = globalThis as { window?: unknown };
    const previous = g.window;
    g.window = { colab };
    try {
      await run();
    } finally {
      g.window = previous;
    }
  };

  it('calls colab.global.notebook.userInteractionOccurred()', async () => {
    let calls = 0;
    const notebook = { userInteractionOccurred() { calls += this === notebook ? 1 : 0; } };
    await withColab({ global: { notebook } }, async () => {
      await expect(userInteractionOccurred(0)).resolves.toEqual({ called: true });
    });
    expect(calls).toBe(1);
  });

  it('says what is missing instead of faking input', async () => {
    await withColab(undefined, async () => {
      await expect(userInteractionOccurred(0)).rejects.toMatchObject({ code: 'api-missing' });
    });
    await withColab({ global: { notebook: {} } }, async () => {
      await expect(userInteractionOccurred(60)).rejects.toThrow(/userInteractionOccurred/);
    });
    await withColab({ global: { notebook: { userInteractionOccurred: () => { throw new Error('boom'); } } } }, async () => {
      await expect(userInteractionOccurred(0)).rejects.toMatchObject({ code: 'api-changed' });
    });
  });
});
