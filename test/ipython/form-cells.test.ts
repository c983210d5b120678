/**
 * The form cells Launchpad writes (title line, marker line, then the catalogue's code) behave in a
 * real IPython exactly like the plain code: the same argv for every tool, the same google.colab
 * calls, the same output, the same failures and the same idempotent skips. Without the extension
 * they are plain Python. "Copy as setup cell" still runs as one plain cell.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupPlan } from '../../src/presets/setup-plan';
import { setupCell } from '../../src/presets/setup-cell';
import { preset } from '../../src/presets/test-helpers';
import type { RecipeStep } from '../../src/recipes';
import { generateCell, recipeCell } from '../../src/recipes/cell';
import { stepWasSkipped } from '../../src/recipes/parsers/skipped';
import { readMarker } from '../../src/shared/cell-marker';
import { translator } from '../translate';
import { SHIM_PRESETS, runCellsInIPython, type CellSpec, type IPythonRun, type ShimConfig } from './harness';

const en = translator('en');
const zh = translator('zh_CN');

const dpkg: ShimConfig = {
  'dpkg-query': { sh: 'case " $CLP_INSTALLED " in *" $3 "*) printf "install ok installed 1.0-1";; *) echo "dpkg-query: no packages found matching $3" >&2; exit 1;; esac' },
};

/** Cases: steps, and the tools' behaviour. Each runs as plain code and as form cells (English, Chinese). */
const CASES: { name: string; steps: RecipeStep[]; spec?: Omit<CellSpec, 'code'> }[] = [
  { name: 'mount drive', steps: [{ recipe: 'mount-drive', params: {} }] },
  { name: 'mount drive refused', steps: [{ recipe: 'mount-drive', params: {} }], spec: { drive: { error: 'Error: credential propagation was unsuccessful' } } },
  { name: 'pip installs', steps: [{ recipe: 'pip-install', params: { packages: ['torch', 'torchvision', 'jax[cuda12]==0.4.30'] } }] },
  { name: 'pip fails', steps: [{ recipe: 'pip-install', params: { packages: ['torch'] } }], spec: { shims: { pip: SHIM_PRESETS.pipNoMatch('torch') } } },
  { name: 'apt some installed', steps: [{ recipe: 'apt-install', params: { packages: ['graphviz', 'libarchive-dev'] } }], spec: { shims: dpkg, env: { CLP_INSTALLED: 'graphviz' } } },
  { name: 'graphviz (two steps)', steps: [{ recipe: 'apt-install', params: { packages: ['graphviz'] } }, { recipe: 'pip-install', params: { packages: ['pydot'] } }], spec: { shims: dpkg, env: { CLP_INSTALLED: '' } } },
  { name: 'clone', steps: [{ recipe: 'git-clone', params: { url: 'https://github.com/owner/repo', dest: `it's $HOME {x}` } }] },
  { name: 'gpu check, no GPU', steps: [{ recipe: 'gpu-check' }], spec: { shims: { 'nvidia-smi': SHIM_PRESETS.nvidiaSmiNoDriver } } },
  { name: 'python', steps: [{ recipe: 'python', params: { code: "x = {'a': 1}\nprint(x['a'] + 1)" } }] },
  { name: 'python raises', steps: [{ recipe: 'python', params: { code: "raise ValueError('broken step')" } }] },
];

/** What must not differ between two runs of the same code in different sandboxes. */
function behaviour(run: IPythonRun) {
  const local = (text: string) => text.split(run.workdir).join('<content>').split(path.dirname(run.workdir)).join('<cells>');
  return {
    success: run.success,
    error: run.error && { ename: run.error.ename, evalue: local(run.error.evalue), phase: run.error.phase },
    calls: run.calls.map((call) => ({ tool: call.tool, argv: call.argv.map(local), cwd: local(call.cwd) })),
    colabCalls: run.colabCalls.map((call) => ({ fn: call.fn, args: JSON.parse(local(JSON.stringify(call.args))) as unknown })),
    // A traceback quotes the cell's own source around the failing line (a form cell has two more
    // comment lines on top); everything else in the output is the same.
    stdout: local(run.stdout).replace(/Cell In \[\d+\], line \d+.*\n(?:.+\n)*/g, 'Cell In <the cell>\n'),
    files: run.files,
    markerExists: run.markerExists,
  };
}

describe('form cells in a real IPython', () => {
  it('behave exactly like the plain code: same argv, calls, output and failures', async () => {
    const specs: CellSpec[] = CASES.flatMap(({ steps, spec }) => [
      { ...spec, code: generateCell(steps) },
      { ...spec, code: recipeCell(steps, en).code },
      { ...spec, code: recipeCell(steps, zh).code },
    ]);
    const runs = await runCellsInIPython(specs);
    CASES.forEach(({ name }, i) => {
      const plain = runs[3 * i] as IPythonRun;
      const english = runs[3 * i + 1] as IPythonRun;
      const chinese = runs[3 * i + 2] as IPythonRun;
      expect(behaviour(english), `${name} (English form cell)`).toEqual(behaviour(plain));
      expect(behaviour(chinese), `${name} (Chinese form cell)`).toEqual(behaviour(plain));
    });
    // The cases do exercise tools, Drive and failures (a comparison of empty runs proves nothing).
    const byName = (name: string) => runs[3 * CASES.findIndex((c) => c.name === name)] as IPythonRun;
    expect(byName('pip installs').calls.some((call) => call.argv.includes('torchvision'))).toBe(true);
    expect(byName('mount drive').colabCalls.map((call) => call.fn)).toEqual(['drive.mount']);
    expect(byName('pip fails').success).toBe(false);
    expect(byName('python raises').error?.ename).toBe('ValueError');
    expect(byName('python').stdout).toBe('2\n');
  });

  it('skip on a second run as before, and keep their marker intact while nobody edits them', async () => {
    const cell = recipeCell([{ recipe: 'git-clone', params: { url: 'https://github.com/owner/repo' } }], en, 'git-clone');
    const git = { sh: 'case "$1" in clone) printf "%s\\n" "$3" > "$4/.git/clp-remote";; config) cat .git/clp-remote 2>/dev/null;; esac', effect: 'git-clone' as const };
    const [first, second] = await runCellsInIPython([{ code: cell.code }, { code: cell.code }], { mode: 'notebook', shims: { git } });
    expect(first?.success).toBe(true);
    expect(first?.calls.filter((c) => c.tool === 'git' && c.argv[0] === 'clone')).toHaveLength(1);
    expect(stepWasSkipped('git-clone', first?.stdout ?? '')).toBe(false);
    expect(second?.calls.filter((c) => c.tool === 'git' && c.argv[0] === 'clone')).toHaveLength(0);
    expect(stepWasSkipped('git-clone', second?.stdout ?? '')).toBe(true);
    expect(readMarker(cell.code)).toEqual({ key: cell.key, intact: true });
  });

  it('a Run Python step in one cell runs as its own cell: an unclosed """ fails that step and cannot swallow the steps after it (review I6)', async () => {
    const [swallowing, magics, failing] = await runCellsInIPython([
      // The review's case: written out as they are, the middle step sat inside a string and the cell "succeeded".
      generateCell([
        { recipe: 'python', params: { code: "print('first step ran')" } },
        { recipe: 'python', params: { code: 'note = """' } },
        { recipe: 'python', params: { code: "print('third step ran')" } },
        { recipe: 'python', params: { code: '"""' } },
      ]),
      // Magics, ! lines and names shared with later steps work as in a cell of their own.
      generateCell([
        { recipe: 'python', params: { code: "%cd /\nshared = 41\n!echo bang $shared" } },
        { recipe: 'python', params: { code: 'import os\nprint(os.getcwd(), shared + 1)' } },
      ]),
      generateCell([{ recipe: 'python', params: { code: "raise ValueError('broken step')" } }, { recipe: 'python', params: { code: "print('after the error')" } }]),
    ]);
    expect(swallowing?.success).toBe(false);
    expect(swallowing?.error?.ename).toBe('SyntaxError');
    // Printed lines only: a traceback quotes the cell's source, which holds every step's code.
    const printed = (run: IPythonRun | undefined) => run?.stdout.split('\n') ?? [];
    expect(printed(swallowing)).toContain('first step ran');
    expect(printed(swallowing)).not.toContain('third step ran');
    expect(magics?.success).toBe(true);
    expect(magics?.stdout).toContain('bang 41');
    expect(magics?.stdout).toContain('/ 42');
    // The step's own error is the cell's error, so the toolbar names it.
    expect(failing?.error).toMatchObject({ ename: 'ValueError', evalue: 'broken step' });
    expect(printed(failing)).not.toContain('after the error');
  });

  it('a preset’s block (hostile name, Chinese titles) and its "Copy as setup cell" both run as plain Python', async () => {
    const hostile = preset({
      name: 'Thesis "x" } { run: "auto" } $(touch pwned) 数据',
      steps: [
        { recipe: 'python', params: { code: "print('one')" } },
        { recipe: 'python', params: { code: "print('two')" } },
      ],
    });
    const plan = setupPlan(hostile, zh);
    const oneCell = setupPlan({ ...hostile, oneCell: true }, en);
    const runs = await runCellsInIPython([...plan.cells.map((c) => c.code), oneCell.cells[0]?.code ?? '', setupCell(hostile)], { mode: 'notebook' });
    expect(runs.map((run) => run.stdout)).toEqual(['one\n', 'two\n', 'one\ntwo\n', 'one\ntwo\n']);
    expect(runs.every((run) => run.success && run.files.length === 0)).toBe(true);
    for (const cell of [...plan.cells, ...oneCell.cells]) {
      const [title] = cell.code.split('\n');
      expect(title).toMatch(/^# @title [^{}\n]* \{ display-mode: "form" \}$/);
      expect(readMarker(cell.code)).toEqual({ key: cell.key, intact: true });
    }
    expect(plan.cells[1]?.code.split('\n')[0]).toBe(`# @title 配置“Thesis "x" ) ( run: "auto" ) $(touch pwned) 数据” 2/2：运行 Python (print('two')) { display-mode: "form" }`);
  });
});
