/**
 * A preset's own checks (src/recipes/python-checks.ts), run for real: the checks cell Run setup
 * writes, in IPython, with the harness's shims (python3 passes through; nvidia-smi answers as a
 * runtime would). Each kind passes and fails with the detail that names what failed; hostile values
 * reach the checks exactly as written (no shell, no IPython expansion).
 */
import { describe, expect, it } from 'vitest';
import { checksCell } from '../../src/recipes/cell';
import { parseChecks } from '../../src/recipes/parsers/pip-safe';
import { checkSubject, type SetupCheck } from '../../src/shared/setup-checks';
import { MARKER, SHIM_PRESETS, runCellsInIPython, runInIPython, type IPythonRun } from './harness';

/** The checks cell, after `before` (Python that prepares the cell's content dir). */
const cell = (checks: SetupCheck[], before = '') => `${before}\n${checksCell(checks)}`;
const results = (run: IPythonRun) => parseChecks(run.stdout).map((c) => ({ kind: c.kind, name: c.name, ok: c.ok, detail: c.detail }));

describe('a preset’s checks in IPython', () => {
  it('pass: an import with a version, a module without one, a command, a file and a folder', async () => {
    const run = await runInIPython(
      cell(
        [
          { kind: 'import', module: 'IPython', version: '>=8,<100' },
          { kind: 'import', module: 'json' },
          { kind: 'command', argv: ['python3', '-c', 'import sys; sys.exit(0)'] },
          { kind: 'file', path: 'data/train.csv' },
          { kind: 'folder', path: 'models' },
        ],
        "import os\nos.makedirs('data')\nopen('data/train.csv', 'w').close()\nos.makedirs('models')",
      ),
    );
    expect(run.error).toBeUndefined();
    expect(results(run)).toEqual([
      { kind: 'import', name: 'IPython>=8,<100', ok: true, detail: undefined },
      { kind: 'import', name: 'json', ok: true, detail: undefined },
      { kind: 'command', name: "python3 -c 'import sys; sys.exit(0)'", ok: true, detail: undefined },
      { kind: 'file', name: 'data/train.csv', ok: true, detail: undefined },
      { kind: 'folder', name: 'models', ok: true, detail: undefined },
    ]);
    expect(run.stdout).toContain('All 5 checks passed.');
    // The notebook's own process imported nothing new for the import checks.
    const after = await runInIPython(`${checksCell([{ kind: 'import', module: 'tabnanny' }])}\nimport sys\nprint('LOADED', 'tabnanny' in sys.modules)`);
    expect(after.stdout).toContain('LOADED False');
  });

  it('fail, each naming what failed, and every check still runs', async () => {
    const run = await runInIPython(
      cell(
        [
          { kind: 'import', module: 'lp_no_such_module' },
          { kind: 'import', module: 'IPython', version: '==0.1' },
          { kind: 'command', argv: ['python3', '-c', "import sys; print('out'); sys.stderr.write('first\\nboom here\\n'); sys.exit(3)"] },
          { kind: 'command', argv: ['lp-no-such-program'] },
          { kind: 'command', argv: ['python3', '-c', 'import time; time.sleep(20)'], timeout: 1 },
          { kind: 'file', path: 'missing.csv' },
          { kind: 'folder', path: 'a-file' },
          { kind: 'file', path: '/' },
        ],
        "open('a-file', 'w').close()",
      ),
    );
    expect(run.error?.ename).toBe('LaunchpadError');
    const got = results(run);
    expect(got.map((c) => c.ok)).toEqual([false, false, false, false, false, false, false, false]);
    expect(got.map((c) => c.detail)).toEqual([
      "ModuleNotFoundError: No module named 'lp_no_such_module'",
      'version 8.5.0 found, ==0.1 wanted',
      'exit status 3: boom here',
      'lp-no-such-program: command not found',
      'did not finish within 1 s',
      `not found (in ${run.cwd})`,
      'is a file, not a folder',
      'is a folder, not a file',
    ]);
    // The name a check prints is the one the editor and the reviews show (shell-quoted alike).
    const quoted: SetupCheck = { kind: 'command', argv: ['python3', '-c', "import sys; print('out'); sys.stderr.write('first\\nboom here\\n'); sys.exit(3)"] };
    expect(got[2]?.name).toBe(checkSubject(quoted));
    const evalue = run.error?.evalue ?? '';
    expect(evalue.split('\n')).toHaveLength(1);
    expect(evalue).toMatch(/^8 of 8 checks failed: import lp_no_such_module: ModuleNotFoundError/);
    expect(evalue).toContain('; import IPython==0.1: version 8.5.0 found, ==0.1 wanted;');
    expect(evalue).toContain("; command python3 -c 'import sys; print");
    expect(evalue).toContain('; file missing.csv: not found');
  });

  it('GPU: T4 passes on a T4 (any case), L4 wanted fails naming both, no driver and no nvidia-smi fail with why', async () => {
    const t4 = { 'nvidia-smi': { stdout: 'Tesla T4\n' } };
    const runs = await runCellsInIPython([
      { code: cell([{ kind: 'gpu', model: 'T4' }, { kind: 'gpu', model: 't4' }]), shims: t4 },
      { code: cell([{ kind: 'gpu', model: 'L4' }]), shims: t4 },
      { code: cell([{ kind: 'gpu', model: 'T4' }]), shims: { 'nvidia-smi': SHIM_PRESETS.nvidiaSmiNoDriver } },
      { code: cell([{ kind: 'gpu', model: 'T4' }]), env: { PATH: '/usr/bin:/bin' } },
    ]);
    const [ok, l4, noDriver, noSmi] = runs as [IPythonRun, IPythonRun, IPythonRun, IPythonRun];
    expect(ok.error).toBeUndefined();
    expect(results(ok).map((c) => c.ok)).toEqual([true, true]);
    expect(ok.calls.filter((c) => c.tool === 'nvidia-smi').map((c) => c.argv)).toEqual([
      ['--query-gpu=name', '--format=csv,noheader'],
      ['--query-gpu=name', '--format=csv,noheader'],
    ]);
    expect(results(l4)).toEqual([{ kind: 'gpu', name: 'L4', ok: false, detail: 'L4 wanted, found Tesla T4' }]);
    expect(l4.error?.evalue).toBe('1 of 1 checks failed: gpu L4: L4 wanted, found Tesla T4');
    expect(results(noDriver)[0]?.detail).toMatch(/^T4 wanted, no GPU \(NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver/);
    expect(results(noSmi)[0]?.detail).toBe('T4 wanted, no GPU (nvidia-smi not found: a CPU or TPU runtime)');
  });

  it('hostile values reach the checks exactly as written: no shell, no IPython expansion', async () => {
    const hostile = [`$HOME`, `{x}`, `it's "q"`, 'back\\slash', `$(touch ${MARKER})`, `\`touch ${MARKER}\``, `{__import__('os').system('touch ${MARKER}')}`, 'a\nb'];
    const run = await runInIPython(
      cell(
        [
          { kind: 'command', argv: ['python3', '-c', 'import sys', ...hostile] },
          { kind: 'file', path: '$HOME' },
          { kind: 'folder', path: '{x}' },
          { kind: 'file', path: `it's "q"\\n` },
        ],
        `x = 'EXPANDED'\nHOME = 'EXPANDED'\nimport os\nopen('$HOME', 'w').close()\nos.mkdir('{x}')\nopen('it\\'s "q"\\\\n', 'w').close()`,
      ),
    );
    expect(run.error).toBeUndefined();
    expect(results(run).map((c) => c.ok)).toEqual([true, true, true, true]);
    expect(run.calls.filter((c) => c.tool === 'python3').map((c) => c.argv)).toEqual([['-c', 'import sys', ...hostile]]);
    expect(run.markerExists).toBe(false);
    expect(run.stdout).not.toContain('EXPANDED');
  });
});
