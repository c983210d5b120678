/**
 * Every recipe's generated code, run as Colab cells in Debian's IPython (harness.ts): ordinary and
 * hostile parameters, failing tools, and re-runs. Asserts the exact argv each tool received, that
 * no hostile value was ever executed (MARKER, and a `pwned` file for relative payloads), that a
 * failing step fails its cell with an error naming the step, and that re-runs skip what is done.
 *
 * Independent cases run as isolated cells of one IPython process; re-runs run as consecutive
 * cells of one notebook. Setup code in a cell builds its Python literals with JSON.stringify,
 * not with src/recipes/quote.ts, so the quoting under test is not used to test itself.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGpuCheckOutput, parseSystemInfoOutput, parseTpuCheckOutput } from '../../src/recipes';
import { generateCell, generateCode } from '../../src/recipes/cell';
import { stepWasSkipped } from '../../src/recipes/parsers/skipped';
import {
  DEFAULT_SHIMS,
  MARKER,
  SHIM_PRESETS,
  argvOf,
  pipInvocations,
  runCellsInIPython,
  type CellSpec,
  type IPythonRun,
  type ShimBehaviour,
  type ShimConfig,
} from './harness';

/** A Python literal made independently of quote.ts (JSON strings are Python strings). */
const py = (value: unknown) => JSON.stringify(value);
const FIXTURES = path.resolve(import.meta.dirname, '../../src/recipes/parsers/fixtures');

/** Values that would do something if a shell or IPython's expansion ever saw them. */
const HOSTILE = [
  `it's "quoted"`,
  `$(touch ${MARKER})`,
  `\`touch ${MARKER}\``,
  `x; touch ${MARKER}`,
  `{__import__('os').system('touch ${MARKER}')}`,
  '$HOME ${HOME} $$ a$',
  'back\\slash\\',
  '数据集/训练 🚀',
  '100% !x ~ * ? [a] | & > < #',
];
/** As file or folder names (no slash inside a name): payloads that would create ./pwned. */
const HOSTILE_NAMES = [
  `it's "quoted"`,
  '$(touch pwned)',
  '`touch pwned`',
  'x; touch pwned',
  "{__import__('os').system('touch pwned')}",
  '$HOME ${HOME} $$ a$',
  'back\\slash\\',
  '训练 🚀',
  '100% !x ~ * ? [a] | & > < #',
];

const pythonShims: ShimConfig = {
  // .sh scripts run with `bash` from PATH: record, then run the real bash.
  bash: { sh: 'exec /bin/bash "$@"' },
  // dpkg-query answers "installed" for the packages listed in $CLP_INSTALLED.
  'dpkg-query': {
    sh: 'case " $CLP_INSTALLED " in *" $3 "*) printf "install ok installed 1.0-1";; *) echo "dpkg-query: no packages found matching $3" >&2; exit 1;; esac',
  },
};

/** git that remembers the URL a clone came from and answers `git config --get remote.origin.url`. */
const GIT_WITH_REMOTE: ShimBehaviour = {
  ...DEFAULT_SHIMS.git,
  sh: 'case "$1" in clone) printf "%s\\n" "$3" > "$4/.git/clp-remote";; config) cat .git/clp-remote 2>/dev/null;; esac',
};

/** nvidia-smi that prints a real table fixture, or a CSV line when asked a query. */
const nvidiaSmi = (table: string, csv: string): { shims: ShimConfig; env: Record<string, string> } => ({
  shims: { 'nvidia-smi': { sh: 'if [ "$#" -gt 0 ]; then printf "%s\\n" "$CLP_SMI_CSV"; else cat "$CLP_SMI_TABLE"; fi' } },
  env: { CLP_SMI_TABLE: path.join(FIXTURES, table), CLP_SMI_CSV: csv },
});

/** wget that saves $CLP_ARCHIVE (a real archive) as the download. */
const WGET_ARCHIVE: ShimBehaviour = { effect: 'download', sh: 'if [ -n "$CLP_ARCHIVE" ]; then cp "$CLP_ARCHIVE" "$5"; fi' };

/** Setup: folders and files in the cell's content dir, before the recipe's code. */
const setup = (dirs: string[], files: Record<string, string> = {}) =>
  [
    'import os as _os',
    ...dirs.map((d) => `_os.makedirs(${py(d)}, exist_ok=True)`),
    ...Object.entries(files).map(([f, text]) => {
      const dir = path.posix.dirname(f);
      return `${dir !== '.' ? `_os.makedirs(${py(dir)}, exist_ok=True); ` : ''}open(${py(f)}, 'w', encoding='utf-8').write(${py(text)})`;
    }),
  ].join('\n');

/**
 * Isolated cells share one interpreter, and the harness resets the namespace and environment
 * but not sys.path: drop the fake site/framework folders earlier cells put there.
 */
const ISOLATE_SYS_PATH =
  "import sys as _sys, importlib as _il; _sys.path[:] = [p for p in _sys.path if '/cells/' not in p]; _il.invalidate_caches()";

const ECHO_ARGS = 'import json, sys\nprint("ARGV " + json.dumps(sys.argv[1:]))\n';

// -------------------------------------------------------------------------------------------
// Independent cases (isolated cells of one process)
// -------------------------------------------------------------------------------------------

const cases = new Map<string, CellSpec>();
const add = (name: string, spec: CellSpec) => {
  if (cases.has(name)) throw new Error(`duplicate case ${name}`);
  cases.set(name, spec);
};

// cd
// 3581 characters in 18 levels (each name under NAME_MAX, the whole under PATH_MAX with the workdir).
const LONG_PATH = Array.from({ length: 18 }, (_, i) => `${i}${'d'.repeat(197)}`).join('/');
HOSTILE.forEach((value, i) => add(`cd hostile ${i}`, { code: `${setup([value])}\n${generateCode('cd', { path: value })}` }));
add('cd long', { code: `${setup([LONG_PATH])}\n${generateCode('cd', { path: LONG_PATH })}` });
add('cd missing', { code: generateCode('cd', { path: 'no such dir' }) });
add('cd a file', { code: `${setup([], { f: 'x' })}\n${generateCode('cd', { path: 'f' })}` });

// pip-install (hostile requirements are refused before code exists: see src/recipes/validate.test.ts)
// With its module: the pip step's import check imports what it installed (python-pip-safe.ts).
const FAKE_TORCH_DIST = { 'site/torch-2.5.1.dist-info/METADATA': 'Metadata-Version: 2.1\nName: torch\nVersion: 2.5.1\n', 'site/torch/__init__.py': '' };
const withFakeSite = (code: string) => `${setup([], FAKE_TORCH_DIST)}\nimport sys as _sys; _sys.path.insert(0, _os.path.abspath('site'))\n${code}`;
add('pip fresh', { code: generateCode('pip-install', { packages: ['torchvision', 'opencv-python-headless', 'jax[cuda12]==0.4.30', 'keras>=3'] }) });
add('pip all installed', { code: withFakeSite(generateCode('pip-install', { packages: ['torch', 'numpy', 'numpy==1.24.2'] })) });
add('pip some installed', {
  code: withFakeSite(generateCode('pip-install', { packages: ['torch==2.5.1', 'torch[extra]', 'numpy==1.26.4', 'pydot', 'numpy>=1'] })),
});
add('pip fails', { code: generateCode('pip-install', { packages: ['torch'] }), shims: { pip: SHIM_PRESETS.pipNoMatch('torch') } });

// apt-install
add('apt fresh', { code: generateCode('apt-install', { packages: ['graphviz', 'libarchive-dev'] }), env: { CLP_INSTALLED: '' } });
add('apt some installed', { code: generateCode('apt-install', { packages: ['graphviz', 'libarchive-dev'] }), env: { CLP_INSTALLED: 'graphviz' } });
add('apt all installed', { code: generateCode('apt-install', { packages: ['graphviz', 'g++'] }), env: { CLP_INSTALLED: 'graphviz g++' } });
add('apt install fails', {
  code: generateCode('apt-install', { packages: ['no-such-pkg'] }),
  shims: { 'apt-get': { sh: '[ "$1" = install ] && { echo "E: Unable to locate package no-such-pkg"; exit 100; }; exit 0' } },
});
add('apt update fails', { code: generateCode('apt-install', { packages: ['graphviz'] }), shims: { 'apt-get': { exitCode: 100 } } });

// Named entries with two steps (GraphViz, 7-zip reader): one cell, apt then pip
add('graphviz', { code: generateCell([{ recipe: 'apt-install', params: { packages: ['graphviz'] } }, { recipe: 'pip-install', params: { packages: ['pydot'] } }]) });
add('graphviz apt fails', {
  code: generateCell([{ recipe: 'apt-install', params: { packages: ['graphviz'] } }, { recipe: 'pip-install', params: { packages: ['pydot'] } }]),
  shims: { 'apt-get': { sh: '[ "$1" = install ] && exit 100; exit 0' } },
});

// gpu-check
const FAKE_TORCH = {
  'fakes/torch/__init__.py':
    "__version__ = '2.8.0+fake'\nclass version:\n    cuda = '12.6'\nclass cuda:\n    @staticmethod\n    def is_available(): return True\n    @staticmethod\n    def get_device_name(i): return 'Tesla T4'\n",
  'fakes/jax/__init__.py': "raise ImportError('broken jax')\n",
};
const withFakeFrameworks = (code: string) =>
  [
    setup([], FAKE_TORCH),
    "import sys as _sys; _sys.path.insert(0, _os.path.abspath('fakes'))",
    "_os.environ['PYTHONPATH'] = _os.path.abspath('fakes') + _os.pathsep + _os.environ.get('PYTHONPATH', '')",
    code,
  ].join('\n');
add('gpu t4', { code: withFakeFrameworks(generateCode('gpu-check')), ...nvidiaSmi('nvidia-smi-t4-colab-2026.txt', 'Tesla T4, 15360, 580.82.07') });
add('gpu g4', {
  code: generateCode('gpu-check'),
  ...nvidiaSmi('nvidia-smi-g4-rtx-pro-6000-server-2026.txt', 'NVIDIA RTX PRO 6000 Blackwell Server Edition, 97887, 570.172.08'),
});
add('gpu h100', { code: generateCode('gpu-check'), ...nvidiaSmi('nvidia-smi-h100-2026.txt', 'NVIDIA H100 80GB HBM3, 81559, 595.71.05') });
add('gpu none', { code: withFakeFrameworks(generateCode('gpu-check')), shims: { 'nvidia-smi': SHIM_PRESETS.nvidiaSmiNoDriver } });

// tpu-check (environment of Colab's TPU VM runtime, and of its GPU/CPU runtimes)
add('tpu v5e', { code: generateCode('tpu-check'), env: { COLAB_TPU_1VM: '1', TPU_ACCELERATOR_TYPE: 'v5e-1', TPU_WORKER_ID: '0', TPU_SKIP_MDS_QUERY: '1' } });
add('tpu none', { code: generateCode('tpu-check'), env: { COLAB_TPU_1VM: '' } });
add('tpu legacy', { code: generateCode('tpu-check'), env: { COLAB_TPU_ADDR: '10.0.0.2:8470' } });

// system-info
// The helper measures /content when it exists, else the cwd. The machine's own /content must not
// matter (a test machine may have one): the literal is pointed at a folder the test chooses.
const systemInfoAt = (content: string) => generateCode('system-info').replaceAll("'/content'", `'${content}'`);
const NO_CONTENT = path.join(tmpdir(), 'clp-no-such-content-folder');
const SOME_CONTENT = realpathSync(tmpdir());
add('system info', { code: systemInfoAt(NO_CONTENT) });
add('system info on /content', { code: systemInfoAt(SOME_CONTENT) });

// git-clone
const REPO = 'https://github.com/owner/repo';
add('clone plain', { code: generateCode('git-clone', { url: `${REPO}.git` }) });
add('clone odd url', { code: generateCode('git-clone', { url: "https://example.com/a(1)/b!*;,=&+~x.git?q=1&r=%27#f" }) });
add('clone idn url', { code: generateCode('git-clone', { url: 'https://例子.cn/组/仓库' }) });
add('clone long url', { code: generateCode('git-clone', { url: `https://example.com/${'r'.repeat(5000)}`, dest: 'long' }) });
HOSTILE.forEach((dest, i) => add(`clone dest ${i}`, { code: generateCode('git-clone', { url: REPO, dest }) }));
add('clone fails', { code: generateCode('git-clone', { url: REPO }), shims: { git: { exitCode: 128, stderr: "fatal: could not read Username for 'https://github.com': terminal prompts disabled\n" } } });
add('clone other remote', {
  code: `${setup(['repo/.git'], { 'repo/.git/clp-remote': 'https://github.com/someone/else\n' })}\n${generateCode('git-clone', { url: REPO })}`,
  shims: { git: GIT_WITH_REMOTE },
});
add('clone into non-empty', { code: `${setup([], { 'repo/notes.txt': 'x' })}\n${generateCode('git-clone', { url: REPO })}` });
add('clone into empty dir', { code: `${setup(['repo'])}\n${generateCode('git-clone', { url: REPO })}` });

// run-script
const LONG_ARG = `${'参'.repeat(2500)}${"'\"$`{}".repeat(400)}`; // 5000 characters
const ARGS = ['--name', ...HOSTILE, '', ' spaced ', LONG_ARG, '-c', '--'];
add('script args', { code: `${setup([], { 'echo_args.py': ECHO_ARGS })}\n${generateCode('run-script', { path: 'echo_args.py', args: ARGS })}` });
HOSTILE_NAMES.forEach((name, i) => {
  const script = `${name}/${name}.py`;
  add(`script name ${i}`, { code: `${setup([], { [script]: ECHO_ARGS })}\n${generateCode('run-script', { path: script, args: [name] })}` });
});
add('script chinese', { code: `${setup([], { '数据集/训练.py': ECHO_ARGS })}\n${generateCode('run-script', { path: '数据集/训练.py' })}` });
add('script sh', { code: `${setup([], { 'run me.sh': 'echo "SH $# $1"\n' })}\n${generateCode('run-script', { path: 'run me.sh', args: [`$(touch ${MARKER})`] })}` });
add('script fails', { code: `${setup([], { 'fail.py': 'import sys\nprint("about to fail")\nsys.exit(3)\n' })}\n${generateCode('run-script', { path: 'fail.py' })}` });
add('script missing', { code: generateCode('run-script', { path: 'nope.py' }) });

// download
const DATA = 'https://example.com/files/data.csv';
add('download plain', { code: generateCode('download', { url: DATA }) });
add('download into folder', { code: `${setup(['in'])}\n${generateCode('download', { url: DATA, dest: 'in' })}` });
add('download new folder', { code: generateCode('download', { url: `${DATA}?token=a&b=c`, dest: 'new/sub/' }) });
add('download encoded name', { code: generateCode('download', { url: 'https://example.com/%E6%95%B0%E6%8D%AE.csv' }) });
add('download long url', { code: generateCode('download', { url: `https://example.com/${'q'.repeat(5000)}`, dest: 'long.bin' }) });
HOSTILE.forEach((dest, i) => add(`download dest ${i}`, { code: generateCode('download', { url: DATA, dest }) }));
add('download fails', { code: generateCode('download', { url: DATA }), shims: { wget: { exitCode: 8, stderr: 'ERROR 404: Not Found.\n' } } });
add('download existing', { code: `${setup([], { 'data.csv': 'already here' })}\n${generateCode('download', { url: DATA })}` });
let archives = { zip: '', tgz: '', evilTar: '', notArchive: '' };
add('download zip', { code: generateCode('download', { url: 'https://example.com/data.zip', unzip: true }), shims: { wget: WGET_ARCHIVE }, env: { CLP_ARCHIVE: '@zip' } });
add('download tgz', { code: generateCode('download', { url: 'https://example.com/set.tar.gz', unzip: true }), shims: { wget: WGET_ARCHIVE }, env: { CLP_ARCHIVE: '@tgz' } });
add('download evil tar', { code: generateCode('download', { url: 'https://example.com/evil.tar', unzip: true }), shims: { wget: WGET_ARCHIVE }, env: { CLP_ARCHIVE: '@evilTar' } });
add('download not archive', { code: generateCode('download', { url: DATA, unzip: true }) });

// copy
const TREE = { 'src/a.txt': 'A', 'src/sub/b.txt': 'B' };
add('copy folder', { code: `${setup([], TREE)}\n${generateCode('copy', { from: 'src', to: 'dst' })}` });
add('copy folder into', { code: `${setup(['into'], TREE)}\n${generateCode('copy', { from: 'src', to: 'into/' })}` });
add('copy file into folder', { code: `${setup(['d'], { 'f.txt': 'F' })}\n${generateCode('copy', { from: 'f.txt', to: 'd' })}` });
HOSTILE.forEach((name, i) =>
  add(`copy hostile ${i}`, { code: `${setup([], { [`${name}/file`]: 'x' })}\n${generateCode('copy', { from: name, to: `out/${name}` })}` }),
);
add('copy missing', { code: generateCode('copy', { from: 'nope', to: 'x' }) });
add('copy drive not mounted', { code: generateCode('copy', { from: '/content/drive/MyDrive/project', to: 'project' }) });
add('copy into itself', { code: `${setup([], TREE)}\n${generateCode('copy', { from: 'src', to: 'src/inner' })}` });

// python
const HOSTILE_CODE = [
  `s = ${py(`{__import__('os').system('touch ${MARKER}')} $(touch ${MARKER}) $HOME`)}`,
  'print(s)',
  `print(len(${py('x'.repeat(5000))}))`,
  "print('数据集 🚀', end='\\n')",
].join('\n');
add('python', { code: generateCode('python', { code: HOSTILE_CODE }) });
add('python error', { code: generateCode('python', { code: "raise ValueError('mine')" }) });

// -------------------------------------------------------------------------------------------

let runs = new Map<string, IPythonRun>();
let notebook: IPythonRun[] = [];
let restart: IPythonRun[] = [];
let quoteDirs: { abs: string } = { abs: '' };
let scratch = '';

/** Consecutive cells of one notebook: a second run of each step skips what the first did. */
function notebookCells(absDir: string): CellSpec[] {
  const cdAbs = generateCode('cd', { path: absDir });
  const chain = generateCell([
    { recipe: 'mount-drive', params: {} },
    { recipe: 'git-clone', params: { url: REPO } },
    { recipe: 'pip-install', params: { packages: ['numpy', 'torchvision'] } },
    { recipe: 'download', params: { url: 'https://example.com/data.zip', unzip: true } },
    { recipe: 'copy', params: { from: 'repo', to: 'repo-copy' } },
    { recipe: 'gpu-check' },
  ]);
  const env = { CLP_ARCHIVE: archives.zip, ...nvidiaSmi('nvidia-smi-l4-colab-2025.txt', 'NVIDIA L4, 23034, 550.54.15').env };
  const shims: ShimConfig = { git: GIT_WITH_REMOTE, wget: WGET_ARCHIVE, ...nvidiaSmi('', '').shims };
  return [
    { code: chain, env, shims },
    { code: chain, env, shims },
    { code: cdAbs },
    { code: cdAbs },
  ];
}

beforeAll(async () => {
  scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'clp-recipes-')));
  // Real archives, made with Debian's python3.
  archives = {
    zip: path.join(scratch, 'data.zip'),
    tgz: path.join(scratch, 'set.tar.gz'),
    evilTar: path.join(scratch, 'evil.tar'),
    notArchive: '',
  };
  execFileSync('/usr/bin/python3', [
    '-c',
    [
      'import io, sys, tarfile, zipfile',
      'z, t, e = sys.argv[1:4]',
      "with zipfile.ZipFile(z, 'w') as f:",
      "    f.writestr('data/train.csv', 'a,b\\n1,2\\n'); f.writestr('data/数据.txt', 'ok'); f.writestr('../evil.txt', 'slip')",
      "with tarfile.open(t, 'w:gz') as f:",
      "    i = tarfile.TarInfo('set/a.txt'); i.size = 2; f.addfile(i, io.BytesIO(b'ok'))",
      "with tarfile.open(e, 'w') as f:",
      "    i = tarfile.TarInfo('../evil2.txt'); i.size = 2; f.addfile(i, io.BytesIO(b'no'))",
    ].join('\n'),
    archives.zip,
    archives.tgz,
    archives.evilTar,
  ]);
  quoteDirs = { abs: path.join(scratch, `项目 it's $HOME {x}`) };
  mkdirSync(quoteDirs.abs);

  const names = [...cases.keys()];
  const specs = [...cases.values()].map((spec) => {
    const archive = spec.env?.CLP_ARCHIVE;
    const env = archive?.startsWith('@') ? { ...spec.env, CLP_ARCHIVE: archives[archive.slice(1) as keyof typeof archives] } : spec.env;
    return { ...spec, code: `${ISOLATE_SYS_PATH}\n${spec.code}`, ...(env ? { env } : {}) };
  });
  const [isolated, inNotebook, restarted] = await Promise.all([
    runCellsInIPython(specs, { shims: pythonShims, env: { CLP_INSTALLED: '' } }),
    runCellsInIPython(notebookCells(quoteDirs.abs), { mode: 'notebook', shims: pythonShims }),
    runCellsInIPython(['x = 41', generateCode('restart-runtime'), 'print(x + 1)'], { mode: 'notebook' }),
  ]);
  runs = new Map(names.flatMap((name, i) => (isolated[i] ? [[name, isolated[i]] as const] : [])));
  notebook = inNotebook;
  restart = restarted;
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const get = (name: string): IPythonRun => {
  const run = runs.get(name);
  if (!run) throw new Error(`no run ${name}`);
  return run;
};
const ok = (run: IPythonRun) => {
  expect(run.error, run.stdout).toBeUndefined();
  expect(run.success).toBe(true);
};
const failsWith = (run: IPythonRun, evalue: string | RegExp) => {
  expect(run.success).toBe(false);
  expect(run.error?.ename).toBe('LaunchpadError');
  expect(run.error?.evalue).toMatch(evalue);
};
const nb = (index: number): IPythonRun => {
  const run = notebook[index];
  if (!run) throw new Error(`no notebook cell ${index}`);
  return run;
};
const toolsCalled = (run: IPythonRun) => run.calls.map((call) => call.tool);

describe('every recipe cell in IPython', () => {
  it('never executes a hostile value', () => {
    const all = [...runs.values(), ...notebook, ...restart];
    expect(all.length).toBeGreaterThan(80);
    for (const [name, run] of runs) {
      expect(run.markerExists, name).toBe(false);
      expect(run.files, name).not.toContain('pwned');
      expect(run.timedOut, name).toBe(false);
    }
    for (const run of [...notebook, ...restart]) expect(run.markerExists).toBe(false);
  });
});

describe('cd', () => {
  it('changes into hostile, non-ASCII and long paths exactly', () => {
    HOSTILE.forEach((value, i) => {
      const run = get(`cd hostile ${i}`);
      ok(run);
      expect(run.cwd, value).toBe(path.join(run.workdir, value));
      expect(run.stdout).toBe(`Working directory: ${path.join(run.workdir, value)}\n`);
    });
    const long = get('cd long');
    ok(long);
    expect(long.cwd).toBe(path.join(long.workdir, LONG_PATH));
  });

  it('fails the cell for a missing folder or a file', () => {
    failsWith(get('cd missing'), 'cd: no such dir is not a folder');
    failsWith(get('cd a file'), 'cd: f is not a folder');
  });

  it('says "already in" when re-run with an absolute path', () => {
    const first = nb(2);
    const second = nb(3);
    ok(first);
    expect(first.cwd).toBe(quoteDirs.abs);
    ok(second);
    expect(second.stdout).toBe(`Already in ${quoteDirs.abs}\n`);
    expect(stepWasSkipped('cd', second.stdout)).toBe(true);
    expect(stepWasSkipped('cd', first.stdout)).toBe(false);
  });
});

describe('pip-install', () => {
  it('runs pip from the kernel interpreter with exactly the requirements', () => {
    const run = get('pip fresh');
    ok(run);
    expect(pipInvocations(run)).toEqual([
      ['install', '--disable-pip-version-check', 'torchvision', 'opencv-python-headless', 'jax[cuda12]==0.4.30', 'keras>=3'],
    ]);
    expect(run.calls[0]?.argv.slice(0, 2)).toEqual(['-m', 'pip']);
  });

  it('skips what is installed (at the pinned version) and says so', () => {
    const all = get('pip all installed');
    ok(all);
    expect(pipInvocations(all)).toEqual([]);
    expect(all.stdout).toBe('Already installed: torch 2.5.1, numpy 1.24.2, numpy 1.24.2\nNothing to install.\n');
    expect(stepWasSkipped('pip-install', all.stdout)).toBe(true);
    const some = get('pip some installed');
    ok(some);
    expect(some.stdout).toContain('Already installed: torch 2.5.1');
    expect(stepWasSkipped('pip-install', some.stdout)).toBe(false);
    // torch[extra] and numpy>=1 are left to pip (extras, ranges); numpy==1.26.4 is not the installed 1.24.2.
    expect(pipInvocations(some)).toEqual([['install', '--disable-pip-version-check', 'torch[extra]', 'numpy==1.26.4', 'pydot', 'numpy>=1']]);
  });

  it('fails the cell naming the step, with pip output in the cell', () => {
    const run = get('pip fails');
    failsWith(run, 'pip install failed (exit status 1)');
    expect(run.stdout).toContain('ERROR: No matching distribution found for torch');
  });
});

describe('apt-install', () => {
  it('updates and installs only what is missing', () => {
    const fresh = get('apt fresh');
    ok(fresh);
    expect(argvOf(fresh, 'dpkg-query')).toEqual([
      ['-W', '-f=${Status} ${Version}', 'graphviz'],
      ['-W', '-f=${Status} ${Version}', 'libarchive-dev'],
    ]);
    expect(argvOf(fresh, 'apt-get')).toEqual([
      ['update', '-q'],
      ['install', '-y', '-q', 'graphviz', 'libarchive-dev'],
    ]);
    const some = get('apt some installed');
    ok(some);
    expect(some.stdout).toContain('Already installed: graphviz 1.0-1\n');
    expect(argvOf(some, 'apt-get')).toEqual([
      ['update', '-q'],
      ['install', '-y', '-q', 'libarchive-dev'],
    ]);
    const all = get('apt all installed');
    ok(all);
    expect(argvOf(all, 'apt-get')).toEqual([]);
    expect(all.stdout).toBe('Already installed: graphviz 1.0-1, g++ 1.0-1\nNothing to install.\n');
    expect(stepWasSkipped('apt-install', all.stdout)).toBe(true);
    expect(stepWasSkipped('apt-install', some.stdout)).toBe(false);
    expect(stepWasSkipped('apt-install', fresh.stdout)).toBe(false);
  });

  it('fails the cell naming the failing apt-get step', () => {
    const install = get('apt install fails');
    failsWith(install, 'apt-get install failed (exit status 100)');
    expect(install.stdout).toContain('E: Unable to locate package no-such-pkg');
    failsWith(get('apt update fails'), 'apt-get update failed (exit status 100)');
    expect(argvOf(get('apt update fails'), 'apt-get')).toEqual([['update', '-q']]);
  });

  it('Install GraphViz runs apt-get then pip in one cell, and stops at the first failure', () => {
    const run = get('graphviz');
    ok(run);
    expect(toolsCalled(run)).toEqual(['dpkg-query', 'apt-get', 'apt-get', 'python3']);
    expect(pipInvocations(run)).toEqual([['install', '--disable-pip-version-check', 'pydot']]);
    const failed = get('graphviz apt fails');
    failsWith(failed, 'apt-get install failed (exit status 100)');
    expect(pipInvocations(failed)).toEqual([]);
  });
});

describe('gpu-check', () => {
  it('shows the GPU, driver and CUDA, asks frameworks in child processes, prints a parsable line', () => {
    const run = get('gpu t4');
    ok(run);
    expect(argvOf(run, 'nvidia-smi')).toEqual([[], ['--query-gpu=name,memory.total,driver_version', '--format=csv,noheader,nounits']]);
    expect(run.stdout).toContain('|   0  Tesla T4                       Off |');
    expect(run.stdout).toContain('GPU: Tesla T4, 15360 MiB, driver 580.82.07, CUDA 13.0\n');
    expect(run.stdout).toContain('torch 2.8.0+fake: sees the GPU\n');
    expect(run.stdout).toContain('jax: could not be checked\n');
    expect(run.stdout).not.toContain('tensorflow');
    expect(parseGpuCheckOutput(run.stdout)).toEqual({
      kind: 'gpu',
      model: 'T4',
      name: 'Tesla T4',
      memoryMiB: 15360,
      driver: '580.82.07',
      cuda: '13.0',
      count: 1,
      frameworks: { torch: { version: '2.8.0+fake', seesGpu: true }, jax: { version: null, seesGpu: null } },
    });
    // The kernel itself never imported a framework.
    expect(run.calls.filter((c) => c.tool === 'python3').map((c) => c.argv[0])).toEqual(['-c', '-c']);
  });

  it('recognises G4 and H100 runtimes', () => {
    ok(get('gpu g4'));
    expect(parseGpuCheckOutput(get('gpu g4').stdout)).toMatchObject({
      kind: 'gpu',
      model: 'G4',
      name: 'NVIDIA RTX PRO 6000 Blackwell Server Edition',
      memoryMiB: 97887,
      cuda: '12.8',
    });
    expect(parseGpuCheckOutput(get('gpu h100').stdout)).toMatchObject({ kind: 'gpu', model: 'H100', memoryMiB: 81559, cuda: '13.2' });
  });

  it('says clearly that there is no GPU, without failing or probing frameworks', () => {
    const run = get('gpu none');
    ok(run);
    expect(run.stdout).toContain("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.");
    expect(run.stdout).toContain('No GPU: nvidia-smi could not talk to an NVIDIA driver');
    expect(toolsCalled(run)).toEqual(['nvidia-smi']);
    expect(parseGpuCheckOutput(run.stdout)).toEqual({ kind: 'none' });
  });
});

describe('tpu-check and system-info', () => {
  it('detects a Colab TPU VM from its environment', () => {
    ok(get('tpu v5e'));
    expect(get('tpu v5e').stdout).toContain('TPU: v5e-1\n');
    expect(parseTpuCheckOutput(get('tpu v5e').stdout)).toEqual({ kind: 'tpu', type: 'v5e-1', chips: 0 });
    expect(parseTpuCheckOutput(get('tpu none').stdout)).toEqual({ kind: 'none' });
    expect(get('tpu none').stdout).toContain('No TPU: this runtime has no TPU.');
    expect(parseTpuCheckOutput(get('tpu legacy').stdout)).toEqual({ kind: 'tpu', type: 'legacy-tpu-node', chips: 0 });
  });

  it('prints RAM, CPU and disk figures that match the machine', () => {
    const run = get('system info');
    ok(run);
    expect(run.stdout).toMatch(/^RAM: {2}[\d.]+ GiB total, [\d.]+ GiB available\nCPU: {2}.+\nDisk: [\d.]+ GiB total/);
    const info = parseSystemInfoOutput(run.stdout);
    const memTotal = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]) * 1024;
    expect(info?.ramTotalBytes).toBe(memTotal);
    expect(info?.cpus).toBe(cpus().length);
    expect(generateCode('system-info')).toContain("where = '/content' if os.path.isdir('/content') else os.getcwd()");
    expect(info?.diskPath).toBe(run.workdir); // no /content: the cell's folder
    const onContent = get('system info on /content');
    ok(onContent);
    expect(parseSystemInfoOutput(onContent.stdout)?.diskPath).toBe(SOME_CONTENT);
  });
});

describe('git-clone', () => {
  it('clones with an argv ending in -- url dest', () => {
    const run = get('clone plain');
    ok(run);
    expect(argvOf(run, 'git')).toEqual([['clone', '--', 'https://github.com/owner/repo.git', 'repo']]);
    expect(run.files).toContain('repo/.git/');
    expect(run.stdout).toContain("Cloning into 'repo'...");
    expect(argvOf(get('clone odd url'), 'git')).toEqual([['clone', '--', "https://example.com/a(1)/b!*;,=&+~x.git?q=1&r=%27#f", 'b!*;,=&+~x']]);
    expect(argvOf(get('clone idn url'), 'git')).toEqual([
      ['clone', '--', 'https://xn--fsqu00a.cn/%E7%BB%84/%E4%BB%93%E5%BA%93', '%E4%BB%93%E5%BA%93'],
    ]);
    expect(argvOf(get('clone long url'), 'git')).toEqual([['clone', '--', `https://example.com/${'r'.repeat(5000)}`, 'long']]);
  });

  it('passes hostile destinations as one argument', () => {
    HOSTILE.forEach((dest, i) => {
      const run = get(`clone dest ${i}`);
      ok(run);
      expect(argvOf(run, 'git')).toEqual([['clone', '--', REPO, dest]]);
      expect(run.files).toContain(`${dest}/.git/`);
    });
  });

  it('fails the cell when git fails, or when the folder holds something else', () => {
    const failed = get('clone fails');
    failsWith(failed, 'git clone failed (exit status 128)');
    expect(failed.stdout).toContain('terminal prompts disabled');
    failsWith(get('clone other remote'), 'git clone: repo already holds a clone of https://github.com/someone/else');
    expect(argvOf(get('clone other remote'), 'git')).toEqual([['config', '--get', 'remote.origin.url']]);
    failsWith(get('clone into non-empty'), 'git clone: repo already exists and is not an empty folder');
    expect(argvOf(get('clone into non-empty'), 'git')).toEqual([]);
    ok(get('clone into empty dir'));
  });
});

describe('run-script', () => {
  it('runs the script with exactly the given arguments', () => {
    const run = get('script args');
    ok(run);
    expect(argvOf(run, 'python3')).toEqual([['-u', 'echo_args.py', ...ARGS]]);
    const printed = /^ARGV (.*)$/m.exec(run.stdout)?.[1];
    expect(JSON.parse(printed ?? 'null')).toEqual(ARGS);
  });

  it('runs scripts with hostile and non-ASCII names', () => {
    HOSTILE_NAMES.forEach((name, i) => {
      const run = get(`script name ${i}`);
      ok(run);
      expect(argvOf(run, 'python3')).toEqual([['-u', `${name}/${name}.py`, name]]);
      expect(JSON.parse(/^ARGV (.*)$/m.exec(run.stdout)?.[1] ?? 'null')).toEqual([name]);
    });
    expect(argvOf(get('script chinese'), 'python3')).toEqual([['-u', '数据集/训练.py']]);
  });

  it('runs .sh scripts with bash', () => {
    const run = get('script sh');
    ok(run);
    expect(argvOf(run, 'bash')).toEqual([['run me.sh', `$(touch ${MARKER})`]]);
    expect(run.stdout).toContain(`SH 1 $(touch ${MARKER})\n`);
  });

  it('fails the cell when the script fails or is missing', () => {
    const run = get('script fails');
    failsWith(run, 'run script fail.py failed (exit status 3)');
    expect(run.stdout).toContain('about to fail\n');
    failsWith(get('script missing'), 'run script: nope.py is not a file');
  });
});

describe('download', () => {
  const wget = (partial: string, url: string) => [
    '--no-verbose',
    '--show-progress',
    '--progress=bar:force:noscroll',
    '-O',
    partial,
    '--',
    url,
  ];

  it('downloads to a .part file, then renames it', () => {
    const run = get('download plain');
    ok(run);
    expect(argvOf(run, 'wget')).toEqual([wget('data.csv.part', DATA)]);
    expect(run.files).toEqual(['data.csv']);
    expect(stepWasSkipped('download', run.stdout)).toBe(false);
    expect(argvOf(get('download into folder'), 'wget')).toEqual([wget('in/data.csv.part', DATA)]);
    expect(get('download into folder').files).toContain('in/data.csv');
    expect(argvOf(get('download new folder'), 'wget')).toEqual([wget('new/sub/data.csv.part', `${DATA}?token=a&b=c`)]);
    expect(get('download encoded name').files).toEqual(['数据.csv']);
    expect(argvOf(get('download long url'), 'wget')).toEqual([wget('long.bin.part', `https://example.com/${'q'.repeat(5000)}`)]);
  });

  it('saves to hostile destinations exactly', () => {
    HOSTILE.forEach((dest, i) => {
      const run = get(`download dest ${i}`);
      ok(run);
      expect(argvOf(run, 'wget')).toEqual([wget(`${dest}.part`, DATA)]);
      expect(run.files).toContain(dest);
    });
  });

  it('fails the cell and leaves no partial file', () => {
    const run = get('download fails');
    failsWith(run, 'download failed (exit status 8)');
    expect(run.stdout).toContain('ERROR 404: Not Found.');
    expect(run.files).toEqual([]);
  });

  it('skips a file that is already there', () => {
    const run = get('download existing');
    ok(run);
    expect(argvOf(run, 'wget')).toEqual([]);
    expect(run.stdout).toBe('Already downloaded: data.csv (12 bytes). Skipping the download.\n');
    expect(stepWasSkipped('download', run.stdout)).toBe(true);
  });

  it('extracts zip and tar archives, refusing entries outside the folder', () => {
    const zip = get('download zip');
    ok(zip);
    expect(zip.files).toEqual(expect.arrayContaining(['data.zip', 'data/train.csv', 'data/数据.txt', 'evil.txt', '.data.zip.extracted']));
    expect(zip.stdout).toContain('Extracted 3 entries from data.zip');
    const tgz = get('download tgz');
    ok(tgz);
    expect(tgz.files).toContain('set/a.txt');
    failsWith(get('download evil tar'), /unsafe entry|outside|evil2/);
    expect(get('download evil tar').files).not.toContain('evil2.txt');
    failsWith(get('download not archive'), 'extract: data.csv is not a zip or tar archive');
  });
});

describe('copy', () => {
  it('copies folders and files with cp -r semantics (a trailing / means "into")', () => {
    const folder = get('copy folder');
    ok(folder);
    expect(folder.files).toEqual(expect.arrayContaining(['dst/a.txt', 'dst/sub/b.txt']));
    expect(folder.stdout).toBe('Copied 2 file(s) to dst; 0 already up to date.\n');
    expect(get('copy folder into').files).toEqual(expect.arrayContaining(['into/src/a.txt', 'into/src/sub/b.txt']));
    expect(get('copy file into folder').files).toContain('d/f.txt');
    expect(folder.calls).toEqual([]);
  });

  it('copies hostile names exactly', () => {
    HOSTILE.forEach((name, i) => {
      const run = get(`copy hostile ${i}`);
      ok(run);
      expect(run.files).toContain(`out/${name}/file`);
    });
  });

  it('fails the cell for a missing source, hinting at Drive', () => {
    failsWith(get('copy missing'), 'copy: nope does not exist');
    failsWith(get('copy drive not mounted'), 'copy: /content/drive/MyDrive/project does not exist (Google Drive is not mounted: run Mount Drive first)');
    failsWith(get('copy into itself'), 'is src itself or inside it');
  });
});

describe('python', () => {
  it('runs the code as written; values inside its strings stay text', () => {
    const run = get('python');
    ok(run);
    expect(run.stdout).toBe(`{__import__('os').system('touch ${MARKER}')} $(touch ${MARKER}) $HOME\n5000\n数据集 🚀\n`);
    expect(get('python error').error).toMatchObject({ ename: 'ValueError', evalue: 'mine' });
  });
});

describe('re-running a preset-like cell in the same notebook', () => {
  it('first run does everything', () => {
    const first = nb(0);
    ok(first);
    expect(first.colabCalls.map((c) => c.fn)).toEqual(['drive.mount']);
    expect(first.stdout).toContain('Mounted at /content/drive\n');
    expect(argvOf(first, 'git')).toEqual([['clone', '--', REPO, 'repo']]);
    expect(pipInvocations(first)).toEqual([['install', '--disable-pip-version-check', 'torchvision']]);
    expect(argvOf(first, 'wget')).toHaveLength(1);
    expect(first.files).toEqual(expect.arrayContaining(['repo/.git/', 'repo-copy/.git/clp-remote', 'data/train.csv']));
    expect(parseGpuCheckOutput(first.stdout)).toMatchObject({ kind: 'gpu', model: 'L4' });
  });

  it('second run skips every step that is done and says so', () => {
    const second = nb(1);
    ok(second);
    expect(second.stdout).toContain('Drive already mounted at /content/drive;');
    expect(second.stdout).toContain('Already cloned: repo (https://github.com/owner/repo). Skipping git clone.');
    expect(stepWasSkipped('git-clone', second.stdout)).toBe(true);
    expect(stepWasSkipped('git-clone', nb(0)?.stdout ?? '')).toBe(false);
    expect(second.stdout).toContain('Already installed: numpy 1.24.2');
    expect(second.stdout).toContain('Already downloaded: data.zip');
    expect(second.stdout).toContain('Already extracted data.zip');
    expect(second.stdout).toContain('Copied 0 file(s) to repo-copy; 1 already up to date.');
    expect(argvOf(second, 'git')).toEqual([['config', '--get', 'remote.origin.url']]);
    expect(argvOf(second, 'wget')).toEqual([]);
    // torchvision is not really installed by the pip shim, so pip is asked again: harmless.
    expect(pipInvocations(second)).toEqual([['install', '--disable-pip-version-check', 'torchvision']]);
  });
});

describe('restart-runtime', () => {
  it('ends the kernel after its message; the next cell runs in a fresh runtime', () => {
    const [, killed, after] = restart;
    expect(killed?.kernelDied).toBe(true);
    expect(killed?.stdout).toBe(
      'Restarting the Python runtime: variables and imports are cleared, files stay.\n' +
        'Colab reconnects by itself; it may say that the session crashed or restarted.\n',
    );
    expect(after?.error).toMatchObject({ ename: 'NameError' });
  });
});
