import { describe, expect, it } from 'vitest';
import type { PlacedCell } from '../colab/bridge-protocol';
import type { SetupPlan } from '../shared/messages';
import type { RunResult } from './run-recipe';
import { runLockLines, runSetup, runWasGreen, type CellProgress, type Resume, type SetupDeps } from './setup-runner';

const step = (recipe: string, params: Record<string, unknown> = {}) => ({ recipe, params });

function plan(steps: { recipe: string; params: Record<string, unknown> }[], ends: number[] = []): SetupPlan {
  return {
    presetId: 'p',
    name: 'Thesis',
    autoRun: false,
    oneCell: false,
    steps,
    cells: steps.map((s, i) => ({ code: `# ${i} ${s.recipe}`, key: `setup:p:${i + 1}`, steps: [i], endsRuntime: ends.includes(i) })),
  };
}

/** Deps that answer each cell with the next scripted result, and record what happened in order. */
function scripted(results: RunResult[], runtimeBack: (string | undefined)[] = [], afters: (string | undefined)[] = []) {
  const log: string[] = [];
  const deps: SetupDeps = {
    prune: async () => ({ edited: 0 }),
    runCell: async (cell, after) => {
      log.push(`run ${cell.code}`);
      afters.push(after);
      return results.shift() ?? { kind: 'done', stdout: '' };
    },
    runtimeBack: async () => {
      log.push('wait for runtime');
      return runtimeBack.shift();
    },
  };
  return { deps, log };
}

const states = (history: (readonly CellProgress[])[]) => history.at(-1)?.map((p) => p.state);

describe('runSetup', () => {
  it('runs the cells in order, each after the one before, and counts what was already done', async () => {
    const { deps, log } = scripted([
      { kind: 'done', stdout: 'Drive already mounted at /content/drive; …\n' },
      { kind: 'done', stdout: 'Mounted\n' },
      { kind: 'done', stdout: 'Already installed: torch 2\nNothing to install.\n' },
    ]);
    const history: (readonly CellProgress[])[] = [];
    const outcome = await runSetup(plan([step('mount-drive'), step('python'), step('pip-install')]), deps, (p) => history.push(p), new AbortController().signal);
    expect(log).toEqual(['run # 0 mount-drive', 'run # 1 python', 'run # 2 pip-install']);
    expect(outcome).toEqual({ kind: 'done', ran: 1, skipped: 2, unverified: 0 });
    expect(states(history)).toEqual(['skipped', 'done', 'skipped']);
    expect(history[0]?.map((p) => p.state)).toEqual(['pending', 'pending', 'pending']);
    expect(history.some((h) => h[1]?.state === 'running' && h[0]?.state === 'skipped' && h[2]?.state === 'pending')).toBe(true);
  });

  it('passes on whether retrying an explained Drive failure helps', async () => {
    const { deps } = scripted([{ kind: 'failed', error: 'ValueError: mount failed — Likely cause: …', retry: 'force' }]);
    const outcome = await runSetup(plan([step('mount-drive'), step('python')]), deps, () => undefined, new AbortController().signal);
    expect(outcome).toEqual({ kind: 'failed', cell: 0, detail: 'ValueError: mount failed — Likely cause: …', retry: 'force' });
  });

  it('stops at the first failing step and marks the rest not run', async () => {
    const { deps, log } = scripted([{ kind: 'done', stdout: '' }, { kind: 'failed', error: 'ValueError: boom' }]);
    const history: (readonly CellProgress[])[] = [];
    const outcome = await runSetup(plan([step('python'), step('python'), step('python')]), deps, (p) => history.push(p), new AbortController().signal);
    expect(outcome).toEqual({ kind: 'failed', cell: 1, detail: 'ValueError: boom' });
    expect(log).toHaveLength(2);
    const ms = expect.any(Number) as number;
    expect(history.at(-1)).toEqual([{ state: 'done', ms }, { state: 'failed', detail: 'ValueError: boom', ms }, { state: 'not-run' }]);
  });

  it('treats a page API that cannot run cells as a failure of that step', async () => {
    const { deps } = scripted([{ kind: 'unavailable', detail: 'page API missing' }]);
    const outcome = await runSetup(plan([step('python'), step('python')]), deps, () => undefined, new AbortController().signal);
    expect(outcome).toEqual({ kind: 'failed', cell: 0, detail: 'page API missing' });
  });

  it('goes on after a step whose result could not be read, and says so', async () => {
    const { deps } = scripted([{ kind: 'unverified', reason: 'outputs unreadable' }]);
    const history: (readonly CellProgress[])[] = [];
    const outcome = await runSetup(plan([step('python'), step('python')]), deps, (p) => history.push(p), new AbortController().signal);
    expect(outcome).toEqual({ kind: 'done', ran: 1, skipped: 0, unverified: 1 });
    expect(history.at(-1)?.[0]).toEqual({ state: 'unverified', detail: 'outputs unreadable', ms: expect.any(Number) as number });
  });

  it('a pip step held before changing a package Colab depends on fails with the packages named', async () => {
    const held = [{ name: 'ipython', installed: '8.5.0', wanted: '7.34.0' }];
    const { deps, log } = scripted([{ kind: 'done', stdout: '' }, { kind: 'failed', error: 'LaunchpadHeld: pip install would change ipython', held }]);
    const outcome = await runSetup(plan([step('cd'), step('pip-install'), step('python')]), deps, () => undefined, new AbortController().signal);
    expect(outcome).toEqual({ kind: 'failed', cell: 1, detail: 'LaunchpadHeld: pip install would change ipython', held });
    expect(log).toEqual(['run # 0 cd', 'run # 1 pip-install']);
  });

  it('resumes from a step: the steps before keep their state and are not run again, new cells go after the last placed one', async () => {
    const afters: (string | undefined)[] = [];
    const { deps, log } = scripted([], [], afters);
    const placed = { cellId: 'c1', action: 'reran' as const, edited: 0, copies: 1, index: 0 };
    const before = [{ state: 'done' as const, placed, ms: 5 }, { state: 'skipped' as const, detail: 'Skipped by you' }];
    const history: (readonly CellProgress[])[] = [];
    const outcome = await runSetup(plan([step('cd'), step('pip-install'), step('python')]), deps, (p) => history.push(p), new AbortController().signal, { from: 2, cells: before });
    expect(log).toEqual(['run # 2 python']);
    expect(afters).toEqual(['c1']);
    expect(history.at(-1)?.slice(0, 2)).toEqual(before);
    expect(outcome).toEqual({ kind: 'done', ran: 2, skipped: 1, unverified: 0 });
  });

  it('after a pip step that restarted the runtime (LAUNCHPAD_RESTART) waits for it, then goes on', async () => {
    const restarted = 'You must restart the runtime in order to use newly installed versions: x 1 → 2\nLAUNCHPAD_RESTART {"packages": [{"name": "x", "was": "1", "now": "2"}]}\n';
    const { deps, log } = scripted([{ kind: 'done', stdout: restarted }, { kind: 'done', stdout: '' }]);
    const outcome = await runSetup(plan([step('pip-install'), step('python')]), deps, () => undefined, new AbortController().signal);
    expect(log).toEqual(['run # 0 pip-install', 'wait for runtime', 'run # 1 python']);
    expect(outcome.kind).toBe('done');
    // A malformed line is no restart.
    const other = scripted([{ kind: 'done', stdout: 'LAUNCHPAD_RESTART {"packages": []}\n' }]);
    await runSetup(plan([step('pip-install'), step('python')]), other.deps, () => undefined, new AbortController().signal);
    expect(other.log).toEqual(['run # 0 pip-install', 'run # 1 python']);
  });

  it('after a restart step waits for the runtime, then resumes with the next step', async () => {
    const { deps, log } = scripted([]);
    const outcome = await runSetup(plan([step('pip-install'), step('restart-runtime'), step('python')], [1]), deps, () => undefined, new AbortController().signal);
    expect(log).toEqual(['run # 0 pip-install', 'run # 1 restart-runtime', 'wait for runtime', 'run # 2 python']);
    expect(outcome.kind).toBe('done');
  });

  it('does not wait after a restart that is the last step', async () => {
    const { deps, log } = scripted([]);
    await runSetup(plan([step('python'), step('restart-runtime')], [1]), deps, () => undefined, new AbortController().signal);
    expect(log).not.toContain('wait for runtime');
  });

  it('fails the next step when the runtime does not come back', async () => {
    const { deps, log } = scripted([], ['not back within 2 minutes']);
    const outcome = await runSetup(plan([step('restart-runtime'), step('python')], [0]), deps, () => undefined, new AbortController().signal);
    expect(outcome).toEqual({ kind: 'failed', cell: 1, detail: 'not back within 2 minutes' });
    expect(log).toEqual(['run # 0 restart-runtime', 'wait for runtime']);
  });

  it('stops quietly when abandoned (the notebook changed)', async () => {
    const controller = new AbortController();
    const deps: SetupDeps = {
      prune: async () => ({ edited: 0 }),
      runCell: async () => {
        controller.abort();
        return { kind: 'abandoned' };
      },
      runtimeBack: async () => undefined,
    };
    expect(await runSetup(plan([step('python'), step('python')]), deps, () => undefined, controller.signal)).toEqual({ kind: 'abandoned' });
  });

  it('never calls one cell of several steps skipped', async () => {
    const { deps } = scripted([{ kind: 'done', stdout: 'Nothing to install.\n' }]);
    const one: SetupPlan = { ...plan([step('pip-install'), step('apt-install')]), oneCell: true, cells: [{ code: 'x', key: 'setup:p:1', steps: [0, 1], endsRuntime: false }] };
    expect(await runSetup(one, deps, () => undefined, new AbortController().signal)).toEqual({ kind: 'done', ran: 1, skipped: 0, unverified: 0 });
  });

  const placed = (cellId: string, extra: Partial<PlacedCell> = {}): PlacedCell => ({ cellId, action: 'reran', edited: 0, copies: 1, index: 0, ...extra });

  it('keeps the block together: each cell that must be written anew goes after the cell before', async () => {
    const afters: (string | undefined)[] = [];
    const { deps } = scripted(
      [{ kind: 'done', stdout: '', placed: placed('a') }, { kind: 'done', stdout: '', placed: placed('b', { action: 'inserted' }) }, { kind: 'done', stdout: '' }],
      [],
      afters,
    );
    const history: (readonly CellProgress[])[] = [];
    await runSetup(plan([step('python'), step('python'), step('python')]), deps, (p) => history.push(p), new AbortController().signal);
    expect(afters).toEqual([undefined, 'a', 'b']);
    expect(history.at(-1)?.[1]?.placed).toEqual(placed('b', { action: 'inserted' }));
  });

  it('removes the cells of steps the preset no longer has before anything runs, and reports edited ones left', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    const { deps } = scripted([]);
    const outcome = await runSetup(
      plan([step('python')]),
      { ...deps, prune: async () => (log.push('prune'), { edited: 2 }), runCell: async (cell, after, signal) => (log.push('run'), deps.runCell(cell, after, signal)) },
      (_cells, staleEdited) => seen.push(staleEdited),
      new AbortController().signal,
    );
    expect(log).toEqual(['prune', 'run']);
    expect(outcome.kind).toBe('done');
    expect(seen.at(0)).toBe(0);
    expect(seen.at(-1)).toBe(2);
  });

  it('fails the first step, running nothing, when the block cannot be tidied', async () => {
    const { deps, log } = scripted([]);
    const outcome = await runSetup(plan([step('python'), step('python')]), { ...deps, prune: async () => ({ error: 'no deleteCells()' }) }, () => undefined, new AbortController().signal);
    expect(outcome).toEqual({ kind: 'failed', cell: 0, detail: 'no deleteCells()' });
    expect(log).toEqual([]);
  });
  it('counts the checks the steps printed: ready in how long, passed of total; no checks, no ready', async () => {
    const check = (name: string) => `LAUNCHPAD_CHECK {"kind": "import", "name": "${name}", "dist": "${name}", "ok": true}\n`;
    const { deps } = scripted([{ kind: 'done', stdout: check('einops') + check('timm') }, { kind: 'done', stdout: 'Nothing to install.\n' }, { kind: 'done', stdout: check('x').replace('"import"', '"nope"') }]);
    const outcome = await runSetup(plan([step('pip-install'), step('pip-install'), step('python')]), deps, () => undefined, new AbortController().signal);
    expect(outcome).toEqual({ kind: 'done', ran: 2, skipped: 1, unverified: 0, ready: { ms: expect.any(Number) as number, passed: 2, total: 2 } });
    const none = scripted([{ kind: 'done', stdout: '' }]);
    expect(await runSetup(plan([step('python')]), none.deps, () => undefined, new AbortController().signal)).toEqual({ kind: 'done', ran: 1, skipped: 0, unverified: 0 });
  });
});

describe('runWasGreen and runLockLines (a lock is recorded only after a wholly green run)', () => {
  const KEY = 'cp313-manylinux_2_35_x86_64-cu128';
  const lockLine = (packages: string[], mode = 'new', replaced: string[] = []) =>
    `LAUNCHPAD_LOCK ${JSON.stringify({ key: KEY, python: '3.13', release: 'r1', mode, packages, replaced })}\n`;
  const check = (ok: boolean) => `LAUNCHPAD_CHECK {"kind": "import", "name": "m", "dist": "m", "ok": ${ok}}\n`;

  async function run(results: RunResult[], steps = results.length, resume?: Resume) {
    const history: (readonly CellProgress[])[] = [];
    const { deps } = scripted(results);
    const outcome = await runSetup(plan(Array.from({ length: steps }, () => step('pip-install'))), deps, (p) => history.push(p), new AbortController().signal, resume);
    return { outcome, cells: history.at(-1) ?? [] };
  }

  it('collects every cell’s lines as one per key: later versions win, the first replaced stays, update wins', async () => {
    const { outcome, cells } = await run([
      { kind: 'done', stdout: lockLine(['einops==1.0.0', 'timm==1.0.0'], 'locked', ['Pillow==10.0.0']) },
      { kind: 'done', stdout: 'Nothing to install.\n' },
      { kind: 'done', stdout: lockLine(['timm==2.0.0', 'rich==13.0.0'], 'update', ['Pillow==11.0.0']) },
    ]);
    expect((runWasGreen(outcome, cells) ? runLockLines(cells) : [])).toEqual([
      { key: KEY, python: '3.13', release: 'r1', mode: 'update', packages: ['einops==1.0.0', 'rich==13.0.0', 'timm==2.0.0'], replaced: ['Pillow==10.0.0'] },
    ]);
  });

  it('a later step that fails records nothing, nor does an abandoned or unverified run', async () => {
    const failed = await run([{ kind: 'done', stdout: lockLine(['einops==1.0.0']) }, { kind: 'failed', error: 'ValueError: no' }]);
    expect(failed.outcome.kind).toBe('failed');
    expect(failed.cells[0]?.locks).toHaveLength(1); // kept with the cell, for a resumed run
    expect((runWasGreen(failed.outcome, failed.cells) ? runLockLines(failed.cells) : [])).toEqual([]);
    const abandoned = await run([{ kind: 'done', stdout: lockLine(['einops==1.0.0']) }, { kind: 'abandoned' }]);
    expect((runWasGreen(abandoned.outcome, abandoned.cells) ? runLockLines(abandoned.cells) : [])).toEqual([]);
    const unverified = await run([{ kind: 'done', stdout: lockLine(['einops==1.0.0']) }, { kind: 'unverified', reason: 'output lost' }]);
    expect(unverified.outcome.kind).toBe('done');
    expect((runWasGreen(unverified.outcome, unverified.cells) ? runLockLines(unverified.cells) : [])).toEqual([]);
  });

  it('a failed check records nothing; every check passed records', async () => {
    const red = await run([{ kind: 'done', stdout: lockLine(['einops==1.0.0']) + check(true) + check(false) }]);
    expect(red.outcome).toMatchObject({ kind: 'done', ready: { passed: 1, total: 2 } });
    expect((runWasGreen(red.outcome, red.cells) ? runLockLines(red.cells) : [])).toEqual([]);
    const green = await run([{ kind: 'done', stdout: lockLine(['einops==1.0.0']) + check(true) }]);
    expect((runWasGreen(green.outcome, green.cells) ? runLockLines(green.cells) : []).map((l) => l.packages)).toEqual([['einops==1.0.0']]);
  });

  it('a resumed run keeps the earlier cells’ lines (Install anyway); a skipped held step records nothing', async () => {
    const first = await run([{ kind: 'done', stdout: lockLine(['einops==1.0.0']) }, { kind: 'failed', error: 'held', held: [{ name: 'ipython', installed: '7', wanted: '8' }] }], 2);
    const installed = await run([{ kind: 'done', stdout: lockLine(['ipython==8.0.0']) }], 2, { from: 1, cells: first.cells });
    expect((runWasGreen(installed.outcome, installed.cells) ? runLockLines(installed.cells) : []).map((l) => l.packages)).toEqual([['einops==1.0.0', 'ipython==8.0.0']]);
    const skippedCells = first.cells.map((cell, index) => (index === 1 ? { state: 'not-run' as const, detail: 'skipped' } : cell));
    const skipped = await run([{ kind: 'done', stdout: lockLine(['rich==13.0.0']) }], 3, { from: 2, cells: skippedCells });
    expect(skipped.outcome.kind).toBe('done');
    expect((runWasGreen(skipped.outcome, skipped.cells) ? runLockLines(skipped.cells) : [])).toEqual([]);
  });
});
