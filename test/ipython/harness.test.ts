/**
 * Tests of the harness itself: it must be able to fail (detect an injection, a failing command,
 * an exception) as well as succeed, and reproduce IPython's expansion of `!` lines.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MARKER,
  SHIM_PRESETS,
  argvOf,
  findIPython,
  pipInvocations,
  runCellsInIPython,
  runInIPython,
} from './harness';

/** A Python string literal for any JS string (JSON string syntax is valid Python). */
const py = (value: string) => JSON.stringify(value);

const HOSTILE =
  `it's a "test" with $HOME, \${HOME}, $(touch ${MARKER}), \`touch ${MARKER}\`, {__import__('os').getcwd()}, ` +
  `{{x}}, 100% ünïcödé 中文 🚀 ; | & > < * ? ~ # \\ back\\slash\nsecond line\ttab`;

describe('IPython harness', () => {
  it('finds Debian IPython, and fails clearly when it is missing', () => {
    expect(findIPython().python).toMatch(/python3/);
    expect(() => findIPython(['/nonexistent/ipython3'])).toThrow(/apt-get install -y ipython3/);
  });

  it('records argv exactly for a hostile value quoted for both IPython and the shell', async () => {
    // The value lives in a Python variable; IPython inserts the result of shlex.quote verbatim.
    const run = await runInIPython(
      [`import shlex`, `value = ${py(HOSTILE)}`, `!git clone -- {shlex.quote(value)} dest`].join('\n'),
    );
    expect(run.error).toBeUndefined();
    expect(run.success).toBe(true);
    expect(run.calls).toHaveLength(1);
    expect(run.calls[0]).toMatchObject({ tool: 'git', argv: ['clone', '--', HOSTILE, 'dest'], cwd: run.workdir });
    expect(run.markerExists).toBe(false);
    expect(run.shellExitCode).toBe(0);
    // The git-clone effect created the destination and git's message went to the cell output.
    expect(run.files).toContain('dest/.git/');
    expect(run.stdout).toBe("Cloning into 'dest'...\n");
  });

  it('records argv exactly through subprocess with an argv list', async () => {
    const run = await runInIPython(
      [`import subprocess`, `subprocess.run(['pip', 'install', ${py(HOSTILE)}, b'\\xff-not-utf8'], check=True)`].join('\n'),
    );
    expect(run.success).toBe(true);
    // A byte that is not UTF-8 comes back as a lone surrogate (Python's surrogateescape).
    expect(argvOf(run, 'pip')).toEqual([['install', HOSTILE, '\udcff-not-utf8']]);
    expect(run.markerExists).toBe(false);
  });

  it('detects command substitution in an unquoted ! line', async () => {
    const run = await runInIPython(`!echo $(touch ${MARKER})`);
    expect(run.success).toBe(true); // nothing fails: only the marker tells
    expect(run.markerExists).toBe(true);
  });

  it('detects {expr} evaluation inside shell single quotes', async () => {
    // Quoting for the shell alone is not enough: IPython evaluates {…} before bash sees the line.
    const run = await runInIPython(`!echo '{__import__("os").system("touch ${MARKER}")}'`);
    expect(run.markerExists).toBe(true);
  });

  it('removes the marker before every cell', async () => {
    const [hostile, clean] = await runCellsInIPython([`!touch ${MARKER}`, `!true`]);
    expect(hostile?.markerExists).toBe(true);
    expect(clean?.markerExists).toBe(false);
  });

  it('reproduces IPython expansion of $name and {expr} in ! lines', async () => {
    const run = await runInIPython(
      [
        `name = 'a b'`,
        `!pip install $name`, // expanded and word-split by bash
        `!pip install '$name'`, // IPython leaves $name alone inside single quotes…
        `!pip install '{name}'`, // …but not {name}
        `!pip install $$name {{name}}`, // $$ and {{ }} escape IPython's expansion
      ].join('\n'),
      { env: { name: 'from-env' } },
    );
    expect(run.success).toBe(true);
    expect(pipInvocations(run)).toEqual([
      ['install', 'a', 'b'],
      ['install', '$name'],
      ['install', 'a b'],
      ['install', 'from-env', '{name}'],
    ]);
  });

  it('reports an exception in the cell', async () => {
    const run = await runInIPython(`x = 1\nraise ValueError('boom')`);
    expect(run.success).toBe(false);
    expect(run.error).toEqual({ ename: 'ValueError', evalue: 'boom', phase: 'exec' });
    expect(run.stdout).toContain('ValueError: boom'); // IPython prints the traceback on stdout
  });

  it('reports a syntax error in the cell', async () => {
    const run = await runInIPython(`def broken(:\n  pass`);
    expect(run.success).toBe(false);
    expect(run.error?.ename).toBe('SyntaxError');
  });

  it('sets _exit_code from a failing ! command without failing the cell', async () => {
    const shims = { pip: SHIM_PRESETS.pipNoMatch('nosuchpkg') };
    const [unchecked, checked] = await runCellsInIPython(
      [
        `!pip install nosuchpkg`,
        // How a recipe turns a failed command into a failed cell:
        [
          `!pip install nosuchpkg`,
          `if _exit_code != 0:`,
          `    raise RuntimeError(f'pip install failed with exit status {_exit_code}')`,
        ].join('\n'),
      ],
      { shims },
    );
    expect(unchecked?.success).toBe(true);
    expect(unchecked?.shellExitCode).toBe(1);
    expect(unchecked?.stdout).toContain('ERROR: No matching distribution found for nosuchpkg'); // stderr merged
    expect(checked?.success).toBe(false);
    expect(checked?.error).toMatchObject({ ename: 'RuntimeError', evalue: 'pip install failed with exit status 1' });
  });

  it("fails the cell from Colab's %%shell on a non-zero status", async () => {
    const run = await runInIPython(`%%shell\nset -e\napt-get install -y graphviz\necho after`, {
      shims: { 'apt-get': { exitCode: 100, stderr: 'E: Unable to locate package graphviz\n' } },
    });
    expect(run.success).toBe(false);
    expect(run.error?.ename).toBe('CalledProcessError');
    expect(run.stdout).toContain('E: Unable to locate package graphviz');
    expect(run.stdout).not.toMatch(/^after$/m); // set -e stopped the script
  });

  it('prints the drive stub message and records the call', async () => {
    const run = await runInIPython(`from google.colab import drive\ndrive.mount('/content/drive')`);
    expect(run.success).toBe(true);
    expect(run.stdout).toBe('Mounted at /content/drive\n');
    expect(run.colabCalls).toEqual([
      {
        fn: 'drive.mount',
        args: { mountpoint: '/content/drive', force_remount: false, timeout_ms: 120000, readonly: false },
        cwd: run.workdir,
        seq: 0,
      },
    ]);
  });

  it('sends %pip and python -m pip to the pip behaviour, and runs python for real', async () => {
    const run = await runInIPython(
      [`%pip install -q torch==2.4.0`, `!python3 -m pip install opencv-python`, `!python3 -c "print(6 * 7)"`].join('\n'),
      { shims: { pip: SHIM_PRESETS.pipInstalled('torch-2.4.0') } },
    );
    expect(run.success).toBe(true);
    expect(pipInvocations(run)).toEqual([
      ['install', '-q', 'torch==2.4.0'],
      ['install', 'opencv-python'],
    ]);
    expect(run.stdout).toContain('Successfully installed torch-2.4.0');
    expect(run.stdout).toContain('42\n');
    expect(argvOf(run, 'python3')).toHaveLength(3);
  });

  it('prints the configured nvidia-smi output and status', async () => {
    const [gpu, cpu] = await runCellsInIPython([
      `!nvidia-smi`,
      { code: `!nvidia-smi`, shims: { 'nvidia-smi': SHIM_PRESETS.nvidiaSmiNoDriver } },
    ]);
    expect(gpu?.stdout).toContain('Tesla T4');
    expect(gpu?.shellExitCode).toBe(0);
    expect(cpu?.stdout).toContain('NVIDIA-SMI has failed');
    expect(cpu?.shellExitCode).toBe(9);
  });

  it('simulates git clone (and its failure on an existing destination) and downloads', async () => {
    const run = await runInIPython(
      [
        `!git clone --depth 1 -b main https://github.com/user/repo.git`,
        `print('first', _exit_code)`,
        `!git clone https://github.com/user/repo.git`,
        `print('second', _exit_code)`,
        `!wget -q -O data.zip https://example.com/data.zip?dl=1`,
        `!curl -sSLO https://example.com/files/weights.bin`,
        `!git clone https://github.com/user/other /content/other`,
      ].join('\n'),
    );
    expect(run.stdout).toContain('first 0');
    expect(run.stdout).toContain("fatal: destination path 'repo' already exists and is not an empty directory.");
    expect(run.stdout).toContain('second 128');
    expect(run.files).toEqual(['data.zip', 'repo/', 'repo/.git/', 'weights.bin']);
    // Absolute paths outside the sandbox are recorded but never created.
    expect(run.stdout).toContain('harness: not creating /content/other');
    expect(existsSync('/content/other')).toBe(false);
  });

  it('isolates cells by default and shares state in notebook mode', async () => {
    const cells = [`x = 41\n!mkdir sub\n%cd sub`, `print(x + 1)\n!pwd`];
    const [a1, a2] = await runCellsInIPython(cells);
    expect(a2?.error?.ename).toBe('NameError');
    expect(a2?.workdir).not.toBe(a1?.workdir);
    const [n1, n2] = await runCellsInIPython(cells, { mode: 'notebook' });
    expect(n1?.success).toBe(true);
    expect(n2?.stdout).toBe(`42\n${n1?.workdir}/sub\n`);
    expect(n2?.calls).toEqual([]);
  });

  it('reports a timeout and a dead kernel on their cell and goes on with the next', async () => {
    const results = await runCellsInIPython(
      [
        `!touch before`,
        { code: `import time\nprint('waiting', flush=True)\ntime.sleep(30)`, timeoutMs: 1500 },
        `import os\nos.kill(os.getpid(), 9)`,
        `print('restarted', 'x' in globals())\n!ls`,
      ],
      { mode: 'notebook' },
    );
    const [, slow, killed, after] = results;
    expect(slow).toMatchObject({ success: false, timedOut: true, error: { ename: 'CellTimeout' } });
    expect(slow?.stdout).toBe('waiting\n');
    expect(killed).toMatchObject({ success: false, kernelDied: true, error: { ename: 'KernelDied' } });
    // Like a restarted Colab runtime: a fresh namespace, the same files.
    expect(after?.success).toBe(true);
    expect(after?.stdout).toBe('restarted False\nbefore\n');
  });

  it('runs a batch of cells in one process quickly', async () => {
    const cells = Array.from({ length: 40 }, (_, i) => `value = ${py(`v${i} $(touch ${MARKER})`)}\n!pip install -- {__import__('shlex').quote(value)}`);
    const started = Date.now();
    const results = await runCellsInIPython(cells);
    const elapsed = Date.now() - started;
    console.log(`40 cells with one shim call each in one IPython process: ${elapsed} ms`);
    expect(results.map((r) => r.markerExists)).toEqual(cells.map(() => false));
    expect(results.map((r) => pipInvocations(r))).toEqual(cells.map((_, i) => [['install', '--', `v${i} $(touch ${MARKER})`]]));
  });
});
