import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, insertAndRun, outcomeOf, userInteractionOccurred } from './colab-api';

/** A notebook controller shaped as the evidence describes (colab-dom.md §2), with knobs to break it. */
function fakeNotebook(options: { focus?: number | null; breakFocus?: boolean; cellWithout?: string; cells?: number; runState?: { running: boolean } } = {}) {
  let nextId = 0;
  const clicks: string[] = [];
  const makeCell = () => {
    const id = `cell${nextId++}`;
    let text = '';
    const listeners: Record<string, (() => void)[]> = {};
    const cell = new Map<string, unknown>(Object.entries({
      getId: () => id,
      getText: () => text,
      setText: (s: string) => (text = s),
      runButton: { click: () => clicks.push(id) },
      model: {
        outputs: [] as unknown[],
        listenOnce: (type: string, fn: () => void) => (listeners[type] ??= []).push(fn),
      },
      fire: (type: string) => listeners[type]?.forEach((fn) => fn()),
    }));
    const runState = options.runState;
    if (runState) {
      cell.set('isRunning', () => runState.running);
      cell.set('isPending', () => false);
    }
    if (options.cellWithout) cell.delete(options.cellWithout);
    return Object.fromEntries(cell);
  };
  const cells = Array.from({ length: options.cells ?? 3 }, makeCell);
  const notebook: Record<string, unknown> = {
    cells,
    focusedCell: options.focus === null ? null : cells[options.focus ?? 0],
    insertCell(type: string, { after, index }: { after: boolean; index: number }) {
      if (type !== 'code') throw new Error('unexpected type');
      const cell = makeCell();
      cells.splice(after ? index + 1 : index, 0, cell);
      if (!options.breakFocus) notebook.focusedCell = cell;
    },
  };
  return { notebook, cells, clicks };
}

describe('insertAndRun', () => {
  it('inserts below the focused cell, sets the code, runs it and resolves on completion', async () => {
    const { notebook, cells, clicks } = fakeNotebook({ focus: 1 });
    const run = insertAndRun(notebook, 'print(1)');
    const inserted = cells[2] as { getText(): string; fire(type: string): void };
    expect(run.cellId).toBe('cell3');
    expect(inserted.getText()).toBe('print(1)');
    expect(clicks).toEqual(['cell3']);
    inserted.fire('execution_completed');
    await expect(run.completion).resolves.toEqual({ status: 'ok', stdout: '' });
  });

  it('appends at the end when no cell is focused, and works on an empty notebook', () => {
    const { notebook, cells } = fakeNotebook({ focus: null });
    insertAndRun(notebook, 'x');
    expect((cells.at(-1) as { getText(): string }).getText()).toBe('x');
    const empty = fakeNotebook({ focus: null, cells: 0 });
    expect(insertAndRun(empty.notebook, 'y').cellId).toBe('cell0');
  });

  it('reports a changed API when the new cell is not focused', () => {
    const { notebook, clicks } = fakeNotebook({ breakFocus: true });
    expect(() => insertAndRun(notebook, 'x')).toThrow(ApiError);
    expect(clicks).toEqual([]);
  });

  it.each(['setText', 'getId', 'runButton', 'model'])('reports a changed API when a cell has no %s, without running anything', (member) => {
    const { notebook, clicks } = fakeNotebook({ cellWithout: member });
    let error: unknown;
    try {
      insertAndRun(notebook, 'x');
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
    expect(() => insertAndRun(notebook, 'x')).toThrow(/insertCell threw: TypeError: boom/);
  });
});

describe('outcomeOf', () => {
  const cell = (outputs: unknown) => ({ model: { outputs } });
  it('is ok without an error output', () => {
    expect(outcomeOf(cell([{ output_type: 'stream', name: 'stdout', text: 'Mounted at /content/drive\n' }]))).toEqual({ status: 'ok', stdout: 'Mounted at /content/drive\n' });
  });
  it('keeps the tail of stdout (lists joined, stderr left out)', () => {
    const long = 'x'.repeat(9_000);
    const outcome = outcomeOf(cell([{ output_type: 'stream', name: 'stdout', text: [long, '\n'] }, { output_type: 'stream', name: 'stderr', text: 'warn' }, { output_type: 'stream', name: 'stdout', text: 'LAUNCHPAD_GPU {}\n' }]));
    expect(outcome.status === 'ok' && outcome.stdout.endsWith('x\nLAUNCHPAD_GPU {}\n')).toBe(true);
    expect(outcome.status === 'ok' && outcome.stdout.length).toBe(8_000);
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
    const run = insertAndRun(notebook, 'import os, signal\nos.kill(os.getpid(), signal.SIGKILL)');
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
    const run = insertAndRun(notebook, 'print(1)');
    await vi.advanceTimersByTimeAsync(2_000);
    runState.running = false;
    (cells[1] as { fire(type: string): void }).fire('execution_completed');
    await expect(run.completion).resolves.toEqual({ status: 'ok', stdout: '' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('watches nothing when cells cannot say whether they run', () => {
    vi.useFakeTimers();
    const { notebook } = fakeNotebook();
    insertAndRun(notebook, 'print(1)');
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
