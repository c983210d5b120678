/**
 * Real-IPython harness: runs generated recipe code as Colab notebook cells in Debian's IPython,
 * with a stub `google.colab` and PATH shims that record every command line. See README.md here.
 *
 * One IPython process runs a whole batch of cells (`runCellsInIPython`); `runInIPython` is a batch
 * of one. A kernel that dies or a cell that times out is reported on that cell and the batch goes
 * on in a fresh process, like Colab restarting the runtime.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, lstatSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { Readable } from 'node:stream';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/** Tools that always get a recording shim on PATH. Any other name in `shims` gets one too. */
export const TOOL_NAMES = [
  'pip',
  'pip3',
  'apt-get',
  'apt',
  'git',
  'wget',
  'curl',
  'unzip',
  '7z',
  'nvidia-smi',
  'python',
  'python3',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/**
 * What a shim does after recording its argv. A behaviour given for a tool replaces that tool's
 * default (`DEFAULT_SHIMS`) entirely; spread the default to extend it.
 *
 * Order: record argv → if `exitCode` is 0, run `effect` (a failing effect prints git's/wget's
 * message and exits with its status) → print `stdout`, then `stderr` → run `sh` → exit with
 * `exitCode`, or with `sh`'s status when `exitCode` is 0.
 */
export interface ShimBehaviour {
  /** Exit status. Default 0. */
  readonly exitCode?: number;
  /** Printed to stdout (UTF-8). */
  readonly stdout?: string;
  /** Printed to stderr (UTF-8). */
  readonly stderr?: string;
  /**
   * Simulated side effect, only inside the harness's temp dir (never elsewhere, e.g. /content):
   * - `git-clone`: for `git [-C dir] clone … <url> [<dest>]` creates `<dest>/.git` (dest defaults to
   *   the URL's "humanish" name), prints `Cloning into '<dest>'...` on stderr, and fails with status
   *   128 like git when `<dest>` exists and is not an empty directory.
   * - `download`: wget (`-O`, `-P`) / curl (`-o`, `-O`, `--output-dir`) write a small placeholder
   *   file where the real tool would save the download; output to stdout (`-O -`, plain curl) is empty.
   * - `mkdir-last-arg`: `mkdir -p` of the last argument.
   */
  readonly effect?: 'none' | 'git-clone' | 'download' | 'mkdir-last-arg';
  /** A /bin/sh script run after the output, with the tool's argv as "$@" and the tool name as $0. */
  readonly sh?: string;
  /** Exec the real interpreter (the one IPython runs on) with the same argv, after recording. */
  readonly passthrough?: boolean;
}

/** Per-tool behaviours: the known tools, plus any other command name to shim. */
export type ShimConfig = Partial<Record<ToolName, ShimBehaviour>> & { readonly [tool: string]: ShimBehaviour | undefined };

/**
 * Exceptions the stub can raise, as the real drive.py does: `MessageError` (frontend reply, before the
 * "already mounted" check), `ValueError` (mount failed, mountpoint, domain policy), `TIMEOUT`
 * (pexpect's, from the 150 s wait), `NotImplementedError` (unsupported environment), `OSError`
 * (its message is `errno:text`, e.g. `107:Transport endpoint is not connected`).
 */
export type DriveErrorType = 'MessageError' | 'ValueError' | 'TIMEOUT' | 'NotImplementedError' | 'OSError';

/** Configuration of the `google.colab.drive` stub. */
export interface DriveStubOptions {
  /** `true`: every mountpoint counts as already mounted; a list: those mountpoints. Default: none. */
  readonly alreadyMounted?: boolean | readonly string[];
  /**
   * Make `drive.mount` fail. A string raises `google.colab._message.MessageError(<string>)` at the
   * point the real code asks the frontend for credentials (before the "already mounted" check);
   * `{ type: 'ValueError' }` raises where the real code reports `mount failed` (after it).
   */
  readonly error?: string | { readonly type: DriveErrorType; readonly message: string };
  /** `drive.mount` returns without printing anything (as if the sign-in reply were lost). */
  readonly silent?: boolean;
}

/** One notebook cell to run, with its own shim behaviours, Drive stub state and environment. */
export interface CellSpec {
  readonly code: string;
  readonly shims?: ShimConfig;
  /** Isolated mode: the Drive state for this cell. Notebook mode: resets the (persisting) state. */
  readonly drive?: DriveStubOptions;
  /** Set in os.environ before the cell (seen by Python and by shell commands). */
  readonly env?: Readonly<Record<string, string>>;
  /** Per-cell time limit; the kernel is killed and restarted when it is exceeded. Default 30 s. */
  readonly timeoutMs?: number;
}

export interface RunOptions extends Omit<CellSpec, 'code'> {
  /** Keep the temp dir (its path is `tempDir` on the result). Also: env CLP_IPYTHON_KEEP=1. */
  readonly keepTempDir?: boolean;
}

export interface BatchOptions extends RunOptions {
  /**
   * `isolated` (default): every cell gets a fresh user namespace, its own content dir (cwd),
   * os.environ as at kernel start, and its own Drive state: for many independent cases.
   * `notebook`: cells share namespace, cwd (`%cd` persists), content dir and Drive state, like
   * consecutive cells of one notebook. `shims`, `drive`, `env`, `timeoutMs` here are defaults
   * for every cell; a cell's own `shims`/`env` are merged over them per tool / per variable.
   */
  readonly mode?: 'isolated' | 'notebook';
}

/** A command line that reached a PATH shim. */
export interface ShimCall {
  /** Command name as invoked (basename of argv[0]), e.g. `pip`, `apt-get`, `python3`. */
  readonly tool: string;
  /**
   * argv[1:] exactly as the process received it, decoded as UTF-8. Bytes that are not valid UTF-8
   * appear as lone surrogates U+DC80..U+DCFF (Python's surrogateescape).
   */
  readonly argv: readonly string[];
  /** Working directory of the process. */
  readonly cwd: string;
  /** Position among all calls (shims and google.colab) of this cell, from 0. */
  readonly seq: number;
}

/** A call into the stub `google.colab`, e.g. `{ fn: 'drive.mount', args: { mountpoint, … } }`. */
export interface ColabCall {
  readonly fn: string;
  /** Arguments by parameter name, defaults filled in; non-JSON values as their Python repr. */
  readonly args: Readonly<Record<string, unknown>>;
  readonly cwd: string;
  readonly seq: number;
}

export interface CellError {
  readonly ename: string;
  readonly evalue: string;
  /**
   * `exec`: raised while running; `before-exec`: e.g. a SyntaxError of the transformed cell;
   * `timeout`: the cell exceeded its time limit; `kernel-died`: the IPython process ended in the cell.
   */
  readonly phase: 'exec' | 'before-exec' | 'timeout' | 'kernel-died';
}

export interface IPythonRun {
  /** Index of the cell in its batch. */
  readonly index: number;
  /** IPython's `ExecutionResult.success`: false when the cell raised (a failing `!` does not raise). */
  readonly success: boolean;
  readonly error?: CellError;
  /** `_exit_code` in the user namespace after the cell: status of the last `!` command, else null. */
  readonly shellExitCode: number | null;
  /**
   * Everything the cell printed on fd 1: Python output, tracebacks (IPython prints them on stdout),
   * and `!` command output with the command's stderr merged in, as in Colab.
   */
  readonly stdout: string;
  /** fd 2: Python's stderr (warnings, `print(..., file=sys.stderr)`), not `!` output. */
  readonly stderr: string;
  /** Shim invocations in order. */
  readonly calls: readonly ShimCall[];
  /** google.colab stub calls in order. */
  readonly colabCalls: readonly ColabCall[];
  /** Whether `MARKER` exists after the cell (it is removed before every cell). */
  readonly markerExists: boolean;
  /** The marker path (same as `MARKER`). */
  readonly marker: string;
  /** The cell's content dir: the cwd the cell started in (Colab's /content stand-in). */
  readonly workdir: string;
  /** os.getcwd() after the cell. */
  readonly cwd: string;
  /** Files under `workdir` after the cell, relative, sorted; directories end in `/`. */
  readonly files: readonly string[];
  readonly timedOut: boolean;
  readonly kernelDied: boolean;
  /** Wall time of run_cell (or until the kill), in ms. */
  readonly durationMs: number;
  /** Root of the harness temp dir; deleted after the batch unless kept. */
  readonly tempDir: string;
}

// ---------------------------------------------------------------------------------------------
// Constants and presets
// ---------------------------------------------------------------------------------------------

function markerPath(): string {
  const base = tmpdir();
  const dir = /^[A-Za-z0-9_./-]+$/.test(base) ? base : '/tmp';
  return join(dir, `clp-ipython-marker-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/**
 * Absolute path that a successful injection would create; put it in hostile values, e.g.
 * `$(touch ${MARKER})` or `{__import__('os').system('touch ${MARKER}')}`. Fixed per module
 * instance (one per test file), made of [A-Za-z0-9_./-] only, outside any cell's dir. Runs are
 * serialized within a module instance so the marker is never shared by two running cells.
 */
export const MARKER: string = markerPath();

/** The message the real `drive.mount` raises (as MessageError) when the user declines access. */
export const CREDENTIAL_PROPAGATION_ERROR = 'Error: credential propagation was unsuccessful';

/** Representative `nvidia-smi` table on a Colab T4 runtime (layout of driver 550; not a capture). */
export const NVIDIA_SMI_T4 = [
  'Tue Nov 18 10:12:45 2025       ',
  '+-----------------------------------------------------------------------------------------+',
  '| NVIDIA-SMI 550.54.15              Driver Version: 550.54.15      CUDA Version: 12.4     |',
  '|-----------------------------------------+------------------------+----------------------+',
  '| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |',
  '| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |',
  '|                                         |                        |               MIG M. |',
  '|=========================================+========================+======================|',
  '|   0  Tesla T4                       Off |   00000000:00:04.0 Off |                    0 |',
  '| N/A   37C    P8              9W /   70W |       0MiB /  15360MiB |      0%      Default |',
  '|                                         |                        |                  N/A |',
  '+-----------------------------------------+------------------------+----------------------+',
  '                                                                                         ',
  '+-----------------------------------------------------------------------------------------+',
  '| Processes:                                                                              |',
  '|  GPU   GI   CI        PID   Type   Process name                              GPU Memory |',
  '|        ID   ID                                                               Usage      |',
  '|=========================================================================================|',
  '|  No running processes found                                                             |',
  '+-----------------------------------------------------------------------------------------+',
  '',
].join('\n');

/** What `nvidia-smi` prints on a runtime without a GPU driver (exit status 9: driver not loaded). */
export const NVIDIA_SMI_NO_DRIVER =
  "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. " +
  'Make sure that the latest NVIDIA driver is installed and running.\n\n';

/** Ready-made behaviours. */
export const SHIM_PRESETS = {
  nvidiaSmiT4: { stdout: NVIDIA_SMI_T4 },
  nvidiaSmiNoDriver: { exitCode: 9, stdout: NVIDIA_SMI_NO_DRIVER },
  /** What bash prints when a command is missing (status 127). */
  commandNotFound: (tool: string): ShimBehaviour => ({
    exitCode: 127,
    stderr: `/bin/bash: line 1: ${tool}: command not found\n`,
  }),
  pipInstalled: (...packages: string[]): ShimBehaviour => ({
    stdout: `Successfully installed ${packages.join(' ')}\n`,
  }),
  pipNoMatch: (requirement: string): ShimBehaviour => ({
    exitCode: 1,
    stderr:
      `ERROR: Could not find a version that satisfies the requirement ${requirement} (from versions: none)\n` +
      `ERROR: No matching distribution found for ${requirement}\n`,
  }),
} as const satisfies Record<string, ShimBehaviour | ((...args: string[]) => ShimBehaviour)>;

/** Behaviour of each tool when a test configures nothing: succeed quietly, realistically. */
export const DEFAULT_SHIMS: Readonly<Record<ToolName, ShimBehaviour>> = {
  pip: {},
  pip3: {},
  'apt-get': {},
  apt: {},
  git: { effect: 'git-clone' },
  wget: { effect: 'download' },
  curl: { effect: 'download' },
  unzip: {},
  '7z': {},
  'nvidia-smi': SHIM_PRESETS.nvidiaSmiT4,
  // `python -m pip …` (and `%pip`, which runs sys.executable -m pip) uses the `pip` behaviour.
  python: { passthrough: true },
  python3: { passthrough: true },
};

const DEFAULT_TIMEOUT_MS = 30_000;
/** Time allowed from spawning the interpreter to the start of the first cell (IPython import). */
const STARTUP_TIMEOUT_MS = 30_000;
export const SYSTEM_PATH = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const MISSING_IPYTHON =
  "Debian's IPython was not found (looked for /usr/bin/ipython3, then ipython3 on PATH). " +
  'Install it with `apt-get install -y ipython3`, or point COLAB_LAUNCHPAD_IPYTHON at an ipython3 script.';

// ---------------------------------------------------------------------------------------------
// Locating IPython
// ---------------------------------------------------------------------------------------------

export interface IPythonInstall {
  /** The ipython3 script found. */
  readonly ipython: string;
  /** The interpreter from its shebang: the harness runs cells with it (never a pyenv python). */
  readonly python: string;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The python interpreter named by a script's shebang, if it is one. */
function shebangPython(script: string): string | undefined {
  let first: string;
  try {
    first = readFileSync(script, 'utf8').slice(0, 200).split('\n')[0] ?? '';
  } catch {
    return undefined;
  }
  if (!first.startsWith('#!')) return undefined;
  const words = first.slice(2).trim().split(/\s+/);
  let interpreter = words[0];
  if (interpreter !== undefined && basename(interpreter) === 'env') interpreter = words[1] && which(words[1]);
  if (interpreter === undefined || !/^python3(\.\d+)?$/.test(basename(interpreter))) return undefined;
  return isExecutable(interpreter) ? interpreter : undefined;
}

let cachedInstall: IPythonInstall | undefined;

/**
 * Finds Debian's IPython: `COLAB_LAUNCHPAD_IPYTHON` if set, else /usr/bin/ipython3, else ipython3
 * on PATH (only if its shebang names a python3). Throws with install instructions when missing.
 * `candidates` replaces that search list (uncached), for tests.
 */
export function findIPython(candidates?: readonly string[]): IPythonInstall {
  if (candidates === undefined && cachedInstall !== undefined) return cachedInstall;
  const override = process.env.COLAB_LAUNCHPAD_IPYTHON;
  const list =
    candidates ?? (override ? [override] : ['/usr/bin/ipython3', which('ipython3')].filter((c): c is string => !!c));
  for (const ipython of list) {
    if (!isExecutable(ipython)) continue;
    const python = shebangPython(ipython);
    if (python === undefined) continue;
    const found = { ipython, python };
    if (candidates === undefined) cachedInstall = found;
    return found;
  }
  throw new Error(MISSING_IPYTHON);
}

// ---------------------------------------------------------------------------------------------
// Python sources written into each run's temp dir
// ---------------------------------------------------------------------------------------------

/** The PATH shim (one file; bin/<tool> are symlinks to it). Run with `python3 -IS`: ~15 ms. */
export const SHIM_PY = String.raw`"""Colab Launchpad IPython harness: PATH shim. Records argv, then behaves as configured."""
import json
import os
import sys


def log(record):
    path = os.environ.get('CLP_HARNESS_LOG')
    if not path:
        return
    data = (json.dumps(record, ensure_ascii=True) + '\n').encode('ascii')
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def write(stream, text):
    if text:
        stream.flush()
        stream.buffer.write(text.encode('utf-8', 'surrogateescape'))
        stream.buffer.flush()


def parse(argv, short_value, long_value):
    """getopt-like: returns ([(option, value)], [positional]). Short clusters like -qO- work."""
    opts, pos, i = [], [], 0
    while i < len(argv):
        a = argv[i]
        i += 1
        if a == '--':
            pos.extend(argv[i:])
            break
        if a.startswith('--'):
            name, eq, val = a.partition('=')
            if eq:
                opts.append((name, val))
            elif name in long_value and i < len(argv):
                opts.append((name, argv[i]))
                i += 1
            else:
                opts.append((name, None))
        elif a.startswith('-') and len(a) > 1:
            k = 1
            while k < len(a):
                ch = a[k]
                k += 1
                if ch in short_value:
                    if k < len(a):
                        val = a[k:]
                    elif i < len(argv):
                        val = argv[i]
                        i += 1
                    else:
                        val = None
                    opts.append(('-' + ch, val))
                    break
                opts.append(('-' + ch, None))
        else:
            pos.append(a)
    return opts, pos


def last(opts, names):
    found = None
    for name, val in opts:
        if name in names:
            found = val if val is not None else True
    return found


def inside_sandbox(path, root):
    real = os.path.realpath(path)
    root = os.path.realpath(root)
    return real == root or real.startswith(root + os.sep)


def sandboxed(path, root, what):
    if root and inside_sandbox(path, root):
        return True
    write(sys.stderr, 'harness: not creating %s outside the harness temp dir (%s)\n' % (path, what))
    return False


def url_name(url):
    path = url.split('#', 1)[0].split('?', 1)[0]
    if '://' in path:
        path = path.split('://', 1)[1]
        path = path.split('/', 1)[1] if '/' in path else ''
    return path.rstrip('/').rsplit('/', 1)[-1]


def humanish(url):
    u = url.rstrip('/')
    if u.endswith('/.git'):
        u = u[:-5].rstrip('/')
    name = u.replace(':', '/').rsplit('/', 1)[-1]
    if name.endswith('.git'):
        name = name[:-4]
    return name


GIT_GLOBAL_VALUE = {'-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--exec-path'}
GIT_CLONE_LONG_VALUE = {
    '--branch', '--origin', '--config', '--depth', '--jobs', '--reference', '--reference-if-able',
    '--separate-git-dir', '--template', '--upload-pack', '--shallow-since', '--shallow-exclude',
    '--filter', '--server-option', '--bundle-uri', '--ref-format',
}


def effect_git_clone(tool, argv, cwd, root):
    base, i = cwd, 0
    while i < len(argv) and argv[i] != 'clone':
        a = argv[i]
        if a == '-C' and i + 1 < len(argv):
            base = os.path.join(base, argv[i + 1])
            i += 2
        elif a in GIT_GLOBAL_VALUE:
            i += 2
        elif a.startswith('-'):
            i += 1
        else:
            return 0  # another subcommand: nothing to simulate
    if i >= len(argv):
        return 0
    _, pos = parse(argv[i + 1:], 'bocju', GIT_CLONE_LONG_VALUE)
    if not pos:
        write(sys.stderr, 'fatal: You must specify a repository to clone.\n')
        return 129
    dest = pos[1] if len(pos) > 1 else humanish(pos[0])
    target = os.path.join(base, dest)
    if os.path.lexists(target) and not (os.path.isdir(target) and not os.listdir(target)):
        write(sys.stderr, "fatal: destination path '%s' already exists and is not an empty directory.\n" % dest)
        return 128
    write(sys.stderr, "Cloning into '%s'...\n" % dest)
    if sandboxed(target, root, 'git clone'):
        os.makedirs(os.path.join(target, '.git'), exist_ok=True)
    return 0


WGET_LONG_VALUE = {
    '--output-document', '--directory-prefix', '--output-file', '--append-output', '--tries',
    '--timeout', '--user-agent', '--header', '--execute', '--input-file', '--wait', '--quota',
    '--level', '--accept', '--reject', '--domains', '--user', '--password', '--referer',
    '--post-data', '--post-file', '--method', '--body-data', '--load-cookies', '--save-cookies',
}
CURL_LONG_VALUE = {
    '--output', '--header', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--request',
    '--user', '--user-agent', '--referer', '--max-time', '--continue-at', '--write-out', '--range',
    '--proxy', '--cookie', '--cookie-jar', '--form', '--upload-file', '--cert', '--config', '--retry',
    '--retry-delay', '--retry-max-time', '--connect-timeout', '--output-dir', '--dump-header',
    '--limit-rate', '--max-filesize', '--resolve', '--cacert', '--url',
}


def effect_download(tool, argv, cwd, root):
    if tool == 'curl':
        opts, pos = parse(argv, 'oHdXuAemCwrxbcFTEKyYzUDQt', CURL_LONG_VALUE)
        url = last(opts, {'--url'})
        urls = ([url] if isinstance(url, str) else []) + pos
        if not urls:
            write(sys.stderr, 'curl: no URL specified!\n')
            return 2
        out = last(opts, {'-o', '--output'})
        if not isinstance(out, str):
            out = url_name(urls[0]) if last(opts, {'-O', '--remote-name'}) else None
        prefix = last(opts, {'--output-dir'})
    else:
        opts, pos = parse(argv, 'OPoatTUeiwQlARDIXB', WGET_LONG_VALUE)
        if not pos:
            write(sys.stderr, 'wget: missing URL\n')
            return 1
        urls = pos
        out = last(opts, {'-O', '--output-document'})
        prefix = None
        if not isinstance(out, str):
            out = url_name(urls[0]) or 'index.html'
            prefix = last(opts, {'-P', '--directory-prefix'})
    if not isinstance(out, str) or out == '-':
        return 0  # to stdout: the placeholder download is empty
    path = os.path.join(cwd, prefix if isinstance(prefix, str) else '', out)
    if sandboxed(path, root, tool):
        parent = os.path.dirname(path)
        if not os.path.isdir(parent):
            write(sys.stderr, '%s: %s: No such file or directory\n' % (tool, out))
            return 1 if tool == 'wget' else 23
        with open(path, 'w', encoding='utf-8', errors='surrogateescape') as f:
            f.write('placeholder download of %s\n' % urls[0])
    return 0


def effect_mkdir_last_arg(tool, argv, cwd, root):
    if argv:
        target = os.path.join(cwd, argv[-1])
        if sandboxed(target, root, tool):
            os.makedirs(target, exist_ok=True)
    return 0


EFFECTS = {
    'git-clone': effect_git_clone,
    'download': effect_download,
    'mkdir-last-arg': effect_mkdir_last_arg,
}


def main():
    tool = os.path.basename(sys.argv[0])
    argv = sys.argv[1:]
    try:
        cwd = os.getcwd()
    except OSError:
        cwd = ''
    log({'kind': 'tool', 'tool': tool, 'argv': argv, 'cwd': cwd})
    config = {}
    path = os.environ.get('CLP_HARNESS_SHIMS')
    if path:
        with open(path, encoding='utf-8') as f:
            config = json.load(f)
    key = tool
    if tool.startswith('python') and argv[:2] == ['-m', 'pip']:
        key = 'pip'
    behaviour = config.get('tools', {}).get(key) or {}
    if behaviour.get('passthrough'):
        real = config['realPython']
        os.execv(real, [real] + argv)
    status = int(behaviour.get('exitCode', 0))
    effect = behaviour.get('effect', 'none')
    if status == 0 and effect in EFFECTS:
        failed = EFFECTS[effect](tool, argv, cwd, config.get('root'))
        if failed:
            sys.exit(failed)
    write(sys.stdout, behaviour.get('stdout', ''))
    write(sys.stderr, behaviour.get('stderr', ''))
    script = behaviour.get('sh')
    if script:
        import subprocess
        code = subprocess.run(['/bin/sh', '-c', script, tool] + argv).returncode
        if status == 0:
            status = code
    sys.exit(status)


main()
`;

/**
 * What makes an InteractiveShell behave like Colab's kernel (`!` under bash, `%shell`, no `Out[n]:`),
 * shared by the batch driver below and the long-lived kernel of kernel-session.ts.
 */
export const COLAB_SHELL_PY = String.raw`"""Colab Launchpad IPython harness: Colab's shell semantics (see test/ipython/README.md)."""
import codecs
import json
import os
import subprocess
import sys
import time
import types

BASH = '/bin/bash'  # Colab runs ! commands with /bin/bash (google/colab/_system_commands.py)


def run_command(cmd, stream):
    """Colab's _run_command without the pty: stdout and stderr merged, decoded as UTF-8."""
    proc = subprocess.Popen(cmd, shell=True, executable=BASH, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    decoder = codecs.getincrementaldecoder('utf-8')(errors='replace')
    parts = []
    try:
        fd = proc.stdout.fileno()
        while True:
            data = os.read(fd, 65536)
            text = decoder.decode(data, final=not data)
            if text:
                parts.append(text)
                if stream:
                    sys.stdout.write(text)
                    sys.stdout.flush()
            if not data:
                break
        proc.wait()
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        proc.stdout.close()
    return proc.returncode, ''.join(parts)


class ShellResult(object):
    """Like google.colab._system_commands.ShellResult (what %shell returns)."""

    def __init__(self, args, returncode, output):
        self.args = args
        self.returncode = returncode
        self.output = output

    def check_returncode(self):
        if self.returncode:
            raise subprocess.CalledProcessError(returncode=self.returncode, cmd=self.args, output=self.output)

    def _repr_pretty_(self, p, cycle):
        pass


def install_colab_semantics(shell):
    from IPython.utils.text import LSString, SList

    # Colab: shell.system -> _system_compat -> var_expand(cmd, depth=2) -> bash; sets _exit_code.
    def system(self, cmd):
        code, _ = run_command(self.var_expand(cmd, depth=1), stream=True)
        self.user_ns['_exit_code'] = code

    # Colab: getoutput (x = !cmd, !!cmd, %sx) -> var_expand(cmd, depth=depth + 2); no _exit_code.
    def getoutput(self, cmd, split=True, depth=0):
        _, out = run_command(self.var_expand(cmd, depth=depth + 1), stream=False)
        return SList(out.splitlines()) if split else LSString(out)

    shell.system = types.MethodType(system, shell)
    shell.getoutput = types.MethodType(getoutput, shell)

    # Colab's %shell / %%shell [--ignore-errors]: raise CalledProcessError on a non-zero status.
    def shell_line(line):
        result = ShellResult(line, *run_command(line, stream=True))
        result.check_returncode()
        return result

    def shell_cell(line, cell):
        result = ShellResult(cell, *run_command(cell, stream=True))
        if '--ignore-errors' not in line.split():
            result.check_returncode()
        return result

    shell.register_magic_function(shell_line, magic_kind='line', magic_name='shell')
    shell.register_magic_function(shell_cell, magic_kind='cell', magic_name='shell')
    # Colab shows an expression's value without an "Out[n]:" prompt.
    shell.displayhook.write_output_prompt = lambda: None


def list_files(root, limit=5000):
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, root)
        prefix = '' if rel == '.' else rel + '/'
        for d in dirnames:
            found.append(prefix + d + '/')
        for f in sorted(filenames):
            found.append(prefix + f)
        if len(found) > limit:
            break
    return sorted(found)[:limit]


def flush_std():
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except Exception:
            pass


`;

/** Runs cells in one InteractiveShell the way Colab's kernel does. Progress goes to fd 3 as JSON lines. */
const DRIVER_PY = COLAB_SHELL_PY + String.raw`

def main():
    job_path, start = sys.argv[1], int(sys.argv[2])
    with open(job_path, encoding='utf-8') as f:
        job = json.load(f)
    os.set_inheritable(3, False)
    events = os.fdopen(3, 'w', encoding='utf-8', buffering=1)

    def emit(obj):
        events.write(json.dumps(obj) + '\n')
        events.flush()

    from traitlets.config import Config
    from IPython.core.interactiveshell import InteractiveShell

    config = Config()
    config.HistoryManager.hist_file = ':memory:'
    config.InteractiveShell.colors = 'NoColor'
    shell = InteractiveShell.instance(config=config)
    install_colab_semantics(shell)
    # %pip runs sys.executable -m pip: send it to the python3 shim (the pip behaviour applies).
    sys.executable = job['pythonShim']

    notebook = job['mode'] == 'notebook'
    marker = job['marker']
    base_env = dict(os.environ)
    saved_out, saved_err = os.dup(1), os.dup(2)
    cells = job['cells']
    for i in range(start, len(cells)):
        cell = cells[i]
        cdir = cell['dir']
        if notebook:
            workdir = job['contentDir']
            drive_state = job['driveState']
            if i == start:
                os.chdir(workdir)
        else:
            if i != start:
                shell.reset(new_session=False)
            workdir = os.path.join(cdir, 'content')
            drive_state = os.path.join(cdir, 'drive.json')
            os.makedirs(workdir, exist_ok=True)
            os.chdir(workdir)
            os.environ.clear()
            os.environ.update(base_env)
        if cell.get('drive') is not None:
            with open(drive_state, 'w', encoding='utf-8') as f:
                json.dump(cell['drive'], f)
        os.environ.update(cell.get('env') or {})
        os.environ['CLP_HARNESS_LOG'] = os.path.join(cdir, 'calls.jsonl')
        os.environ['CLP_HARNESS_SHIMS'] = os.path.join(cdir, 'shims.json')
        os.environ['CLP_HARNESS_DRIVE_STATE'] = drive_state
        try:
            os.remove(marker)
        except FileNotFoundError:
            pass
        emit({'event': 'start', 'index': i})
        flush_std()
        out_fd = os.open(os.path.join(cdir, 'stdout'), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        err_fd = os.open(os.path.join(cdir, 'stderr'), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        os.close(out_fd)
        os.close(err_fd)
        started = time.monotonic()
        try:
            result = shell.run_cell(cell['code'], store_history=True)
        finally:
            flush_std()
            os.dup2(saved_out, 1)
            os.dup2(saved_err, 2)
        duration = (time.monotonic() - started) * 1000
        error = None
        for phase, exc in (('before-exec', result.error_before_exec), ('exec', result.error_in_exec)):
            if exc is not None and error is None:
                try:
                    evalue = str(exc)
                except Exception:
                    evalue = '<unprintable>'
                error = {'ename': type(exc).__name__, 'evalue': evalue, 'phase': phase}
        code = shell.user_ns.get('_exit_code')
        try:
            cwd = os.getcwd()
        except OSError:
            cwd = ''
        emit({
            'event': 'done',
            'index': i,
            'success': bool(result.success),
            'error': error,
            'shellExitCode': code if isinstance(code, int) and not isinstance(code, bool) else None,
            'markerExists': os.path.lexists(marker),
            'workdir': workdir,
            'cwd': cwd,
            'files': list_files(workdir),
            'durationMs': duration,
        })
    emit({'event': 'end'})
    flush_std()
    os._exit(0)


main()
`;

/** google.colab stub sources, by path under the stub lib dir. */
export const COLAB_STUB: Readonly<Record<string, string>> = {
  'google/__init__.py': String.raw`# Harness stub package: stays a namespace so other google.* packages remain importable.
__path__ = __import__('pkgutil').extend_path(__path__, __name__)
`,
  'google/colab/__init__.py': String.raw`"""Stub of google.colab for the Colab Launchpad IPython harness. Not the real package."""
from google.colab import _message, drive, output, runtime

__version__ = '0.0.0+harness'
HARNESS_STUB = True
`,
  'google/colab/_harness.py': String.raw`"""Harness plumbing for the google.colab stub: call log and Drive state (a JSON file)."""
import json as _json
import os as _os


def record(fn, args):
    path = _os.environ.get('CLP_HARNESS_LOG')
    if not path:
        return
    try:
        cwd = _os.getcwd()
    except OSError:
        cwd = ''
    line = _json.dumps({'kind': 'colab', 'fn': fn, 'args': args, 'cwd': cwd}, ensure_ascii=True, default=repr)
    fd = _os.open(path, _os.O_WRONLY | _os.O_APPEND | _os.O_CREAT, 0o644)
    try:
        _os.write(fd, (line + '\n').encode('ascii'))
    finally:
        _os.close(fd)


def drive_state():
    path = _os.environ.get('CLP_HARNESS_DRIVE_STATE')
    state = {}
    if path and _os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            state = _json.load(f)
    state.setdefault('mounted', [])
    state.setdefault('error', None)
    return state


def save_drive_state(state):
    path = _os.environ.get('CLP_HARNESS_DRIVE_STATE')
    if path:
        with open(path, 'w', encoding='utf-8') as f:
            _json.dump(state, f)
`,
  'google/colab/_message.py': String.raw`"""Stub of google.colab._message: the exception types."""


class Error(Exception):
  """Base class for all exceptions in this module."""


class MessageError(Error):
  """An error message received from the Colab frontend."""
`,
  'google/colab/drive.py': String.raw`"""Stub of google.colab.drive: records calls and prints what Colab prints. Mounts nothing."""
import os as _os

from google.colab import _harness
from google.colab import _message

__all__ = ['flush_and_unmount', 'mount']


def mount(mountpoint, force_remount=False, timeout_ms=120000, readonly=False):
  """Mount your Google Drive at the specified mountpoint path."""
  _harness.record('drive.mount', {
      'mountpoint': mountpoint,
      'force_remount': force_remount,
      'timeout_ms': timeout_ms,
      'readonly': readonly,
  })
  return _mount(mountpoint, force_remount=force_remount, timeout_ms=timeout_ms, readonly=readonly)


def _mount(mountpoint, force_remount=False, timeout_ms=120000, readonly=False):
  # Same order of checks as the real _mount.
  if ' ' in mountpoint:
    raise ValueError('Mountpoint must not contain a space.')
  state = _harness.drive_state()
  error = state['error']
  if error and error['type'] == 'MessageError':
    # The real code asks the frontend for credentials first (blocking_request('request_auth')).
    raise _message.MessageError(error['message'])
  if state.get('silent'):
    return
  mountpoint = _os.path.expanduser(mountpoint)
  mounted = state['mounted']
  already_mounted = mounted == '*' or mountpoint in mounted
  if not force_remount and already_mounted:
    print('Drive already mounted at {mnt}; to attempt to forcibly remount, '
          'call drive.mount("{mnt}", force_remount=True).'.format(mnt=mountpoint))
    return
  if error:
    kind, message = error['type'], error['message']
    if kind == 'TIMEOUT':
      from pexpect.exceptions import TIMEOUT  # the real class (IPython depends on pexpect)
      raise TIMEOUT(message)
    if kind == 'NotImplementedError':
      raise NotImplementedError(message)
    if kind == 'OSError':
      number, _, text = message.partition(':')
      raise OSError(int(number), text)
    raise ValueError(message)
  if not already_mounted:
    state['mounted'] = mounted + [mountpoint]
    _harness.save_drive_state(state)
  print('Mounted at {}'.format(mountpoint))


def flush_and_unmount(timeout_ms=24 * 60 * 60 * 1000):
  """Unmount Google Drive and flush any outstanding writes to it."""
  _harness.record('drive.flush_and_unmount', {'timeout_ms': timeout_ms})
  state = _harness.drive_state()
  if not state['mounted']:
    print('Drive not mounted, so nothing to flush and unmount.')
    return
  state['mounted'] = []
  _harness.save_drive_state(state)
`,
  'google/colab/output.py': String.raw`"""Stub of google.colab.output: records calls, displays nothing."""
from google.colab import _harness


def clear(wait=False, output_tags=()):
  _harness.record('output.clear', {'wait': wait, 'output_tags': output_tags})


def eval_js(script, ignore_result=False, timeout_sec=None):
  _harness.record('output.eval_js', {'script': script, 'ignore_result': ignore_result, 'timeout_sec': timeout_sec})
  return None


def register_callback(function_name, callback):
  _harness.record('output.register_callback', {'function_name': function_name})


def serve_kernel_port_as_window(port, path='/', anchor_text=None):
  _harness.record('output.serve_kernel_port_as_window', {'port': port, 'path': path, 'anchor_text': anchor_text})


def serve_kernel_port_as_iframe(port, path='/', height=400, cache_in_notebook=False):
  _harness.record('output.serve_kernel_port_as_iframe', {'port': port, 'path': path, 'height': height,
                                                          'cache_in_notebook': cache_in_notebook})
`,
  'google/colab/runtime.py': String.raw`"""Stub of google.colab.runtime: records calls."""
from google.colab import _harness


def unassign():
  _harness.record('runtime.unassign', {})
`,
};

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------

interface DoneEvent {
  event: 'done';
  index: number;
  success: boolean;
  error: CellError | null;
  shellExitCode: number | null;
  markerExists: boolean;
  workdir: string;
  cwd: string;
  files: string[];
  durationMs: number;
}

interface DriverOutcome {
  readonly done: Map<number, DoneEvent>;
  /** Index of the cell that had started but not finished when the process ended. */
  readonly unfinished: number | undefined;
  readonly unfinishedMs: number;
  readonly timedOut: boolean;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs one batch at a time per module instance, so MARKER is never shared by two running cells. */
function serialized<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function runDriver(
  python: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  timeouts: readonly number[],
): Promise<DriverOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      detached: true, // own process group: a kill also ends what the cell started
    });
    const done = new Map<number, DoneEvent>();
    let current: number | undefined;
    let currentStart = 0;
    let timedOut = false;
    let output = '';
    let pending = '';
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let settled = false;

    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        killGroup(child.pid);
      }, ms);
    };
    arm(STARTUP_TIMEOUT_MS);

    const onLine = (line: string) => {
      if (!line.trim()) return;
      const event = JSON.parse(line) as { event: string; index?: number };
      if (event.event === 'start' && event.index !== undefined) {
        current = event.index;
        currentStart = Date.now();
        arm(timeouts[event.index] ?? DEFAULT_TIMEOUT_MS);
      } else if (event.event === 'done') {
        const d = event as DoneEvent;
        done.set(d.index, d);
        current = undefined;
        arm(STARTUP_TIMEOUT_MS);
      } else if (event.event === 'end') {
        clearTimeout(timer);
      }
    };
    const { stdout, stderr } = child;
    const events = child.stdio[3];
    if (!(events instanceof Readable) || stdout === null || stderr === null) throw new Error('no pipes to the driver');
    events.setEncoding('utf8');
    events.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        onLine(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    });
    stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

    const finish = () => {
      if (settled || exit === undefined) return;
      settled = true;
      clearTimeout(timer);
      onLine(pending);
      resolve({
        done,
        unfinished: current,
        unfinishedMs: current === undefined ? 0 : Date.now() - currentStart,
        timedOut,
        exitCode: exit.code,
        signal: exit.signal,
        output,
      });
    };
    child.on('error', (error) => {
      clearTimeout(timer);
      settled = true;
      reject(error);
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      killGroup(child.pid); // background processes a cell left behind
      // 'close' waits for the pipes; do not hang on a daemon that escaped the process group.
      setTimeout(() => {
        for (const stream of [stdout, stderr, events]) stream.destroy();
        finish();
      }, 2000).unref();
    });
    child.on('close', finish);
  });
}

function listFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, prefix: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (found.length >= 5000) return;
      const full = join(dir, name);
      if (lstatSync(full).isDirectory()) {
        found.push(`${prefix}${name}/`);
        walk(full, `${prefix}${name}/`);
      } else {
        found.push(prefix + name);
      }
    }
  };
  walk(root, '');
  return found.sort();
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

function driveState(options: DriveStubOptions | undefined): { mounted: string[] | '*'; error: unknown; silent: boolean } {
  const mounted = options?.alreadyMounted === true ? '*' : [...(options?.alreadyMounted || [])];
  const error = options?.error;
  return {
    mounted,
    error: error === undefined ? null : typeof error === 'string' ? { type: 'MessageError', message: error } : error,
    silent: options?.silent === true,
  };
}

/** DEFAULT_SHIMS with each config's behaviours over it, per tool, in order. */
export function mergeShims(...configs: (ShimConfig | undefined)[]): Record<string, ShimBehaviour> {
  const merged: Record<string, ShimBehaviour> = { ...DEFAULT_SHIMS };
  for (const config of configs) {
    for (const [tool, behaviour] of Object.entries(config ?? {})) {
      if (behaviour !== undefined) merged[tool] = behaviour;
    }
  }
  return merged;
}

/** The shim and google.colab calls recorded in one `calls.jsonl` log, in order. */
export function parseCallLog(log: string): { calls: ShimCall[]; colabCalls: ColabCall[] } {
  const calls: ShimCall[] = [];
  const colabCalls: ColabCall[] = [];
  log
    .split('\n')
    .filter((line) => line.trim())
    .forEach((line, seq) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.kind === 'colab') {
        colabCalls.push({ fn: String(entry.fn), args: (entry.args ?? {}) as Record<string, unknown>, cwd: String(entry.cwd), seq });
      } else {
        calls.push({ tool: String(entry.tool), argv: entry.argv as string[], cwd: String(entry.cwd), seq });
      }
    });
  return { calls, colabCalls };
}

/** The folders of a harness temp dir: HOME, shims, the google.colab stub, the /content stand-in, TMPDIR. */
export interface SandboxDirs {
  readonly root: string;
  readonly home: string;
  readonly bin: string;
  readonly lib: string;
  readonly content: string;
  readonly tmp: string;
}

export function sandboxDirs(root: string): SandboxDirs {
  return { root, home: join(root, 'home'), bin: join(root, 'bin'), lib: join(root, 'lib'), content: join(root, 'content'), tmp: join(root, 'tmp') };
}

/** Creates the folders, the google.colab stub and the shim script (`root/shim.py`, run by `python`). */
export async function writeSandbox(dirs: SandboxDirs, python: string): Promise<void> {
  const { root, ...folders } = dirs;
  await Promise.all(Object.values(folders).map((dir) => mkdir(dir, { recursive: true })));
  await mkdir(join(dirs.lib, 'google', 'colab'), { recursive: true });
  await Promise.all(Object.entries(COLAB_STUB).map(([file, source]) => writeFile(join(dirs.lib, file), source)));
  const shimFile = join(root, 'shim.py');
  await writeFile(shimFile, `#!${python} -IS\n${SHIM_PY}`);
  await chmod(shimFile, 0o755);
}

/** Puts a shim on PATH (`bin/<tool>` → shim.py) for each tool name. */
export async function linkShims(dirs: SandboxDirs, tools: Iterable<string>): Promise<void> {
  for (const tool of tools) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(tool)) throw new Error(`bad shim name: ${JSON.stringify(tool)}`);
    await symlink('../shim.py', join(dirs.bin, tool));
  }
}

/** The kernel's environment: nothing of the caller's, HOME/TMPDIR in the sandbox, shims first on PATH. */
export function sandboxEnv(dirs: SandboxDirs): NodeJS.ProcessEnv {
  return {
    HOME: dirs.home,
    IPYTHONDIR: join(dirs.home, '.ipython'),
    PATH: [dirs.bin, ...SYSTEM_PATH].join(':'),
    PYTHONPATH: dirs.lib,
    PYTHONDONTWRITEBYTECODE: '1',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    SHELL: '/bin/bash',
    TERM: 'dumb',
    TMPDIR: dirs.tmp,
  };
}

async function runBatch(specs: readonly CellSpec[], options: BatchOptions): Promise<IPythonRun[]> {
  const install = findIPython();
  const mode = options.mode ?? 'isolated';
  const keep = options.keepTempDir === true || process.env.CLP_IPYTHON_KEEP === '1';
  const root = realpathSync(await mkdtemp(join(tmpdir(), 'clp-ipy-')));
  const dirs = sandboxDirs(root);
  try {
    await writeSandbox(dirs, install.python);
    const driverFile = join(root, 'driver.py');
    await writeFile(driverFile, DRIVER_PY);

    const cells = specs.map((spec, index) => ({
      index,
      code: spec.code,
      dir: join(root, 'cells', String(index)),
      shims: mergeShims(options.shims, spec.shims),
      env: { ...options.env, ...spec.env },
      timeoutMs: spec.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      drive:
        mode === 'isolated' || spec.drive !== undefined || (index === 0 && options.drive !== undefined)
          ? driveState(spec.drive ?? options.drive)
          : null,
    }));
    await linkShims(dirs, new Set<string>(cells.flatMap((cell) => Object.keys(cell.shims))));
    for (const cell of cells) {
      await mkdir(cell.dir, { recursive: true });
      await writeFile(
        join(cell.dir, 'shims.json'),
        JSON.stringify({ realPython: install.python, root, tools: cell.shims }),
      );
    }
    const driveStateFile = join(root, 'drive.json');
    await writeFile(driveStateFile, JSON.stringify(driveState(undefined)));
    const jobFile = join(root, 'job.json');
    await writeFile(
      jobFile,
      JSON.stringify({
        mode,
        marker: MARKER,
        contentDir: dirs.content,
        driveState: driveStateFile,
        pythonShim: join(dirs.bin, 'python3'),
        cells: cells.map(({ index, code, dir, env, drive }) => ({ index, code, dir, env, drive })),
      }),
    );
    const env: NodeJS.ProcessEnv = { ...sandboxEnv(dirs), PYTHONNOUSERSITE: '1' };

    const results: IPythonRun[] = [];
    const base = (index: number) => ({ index, marker: MARKER, tempDir: root });
    let next = 0;
    while (next < cells.length) {
      rmSync(MARKER, { force: true });
      const outcome = await runDriver(
        install.python,
        [driverFile, jobFile, String(next)],
        env,
        dirs.content,
        cells.map((cell) => cell.timeoutMs),
      );
      const before = next;
      for (; next < cells.length; next++) {
        const d = outcome.done.get(next);
        if (d === undefined) break;
        results.push({
          ...base(next),
          success: d.success,
          ...(d.error ? { error: d.error } : {}),
          shellExitCode: d.shellExitCode,
          stdout: '',
          stderr: '',
          calls: [],
          colabCalls: [],
          markerExists: d.markerExists,
          workdir: d.workdir,
          cwd: d.cwd,
          files: d.files,
          timedOut: false,
          kernelDied: false,
          durationMs: d.durationMs,
        });
      }
      if (next >= cells.length) break;
      if (outcome.unfinished !== next) {
        const how = outcome.timedOut
          ? `did not start a cell within ${STARTUP_TIMEOUT_MS} ms`
          : `exited (${outcome.signal ?? `status ${outcome.exitCode}`})`;
        throw new Error(
          `IPython harness: ${install.python} (from ${install.ipython}) ${how} before cell ${next}.\n` +
            `${outcome.output}\nIs Debian's IPython installed? apt-get install -y ipython3`,
        );
      }
      // The kernel died (or was killed for a timeout) in cell `next`: report it, restart after it.
      const cell = cells[next];
      if (cell === undefined) break;
      const workdir = mode === 'notebook' ? dirs.content : join(cell.dir, 'content');
      const timeoutMs = cell.timeoutMs;
      results.push({
        ...base(next),
        success: false,
        error: outcome.timedOut
          ? { ename: 'CellTimeout', evalue: `cell did not finish within ${timeoutMs} ms`, phase: 'timeout' }
          : {
              ename: 'KernelDied',
              evalue: `the IPython process ended during the cell (${outcome.signal ?? `exit status ${outcome.exitCode}`})`,
              phase: 'kernel-died',
            },
        shellExitCode: null,
        stdout: '',
        stderr: '',
        calls: [],
        colabCalls: [],
        markerExists: existsSync(MARKER),
        workdir,
        cwd: '',
        files: listFiles(workdir),
        timedOut: outcome.timedOut,
        kernelDied: !outcome.timedOut,
        durationMs: outcome.unfinishedMs,
      });
      next++;
      if (next === before) throw new Error('IPython harness made no progress');
    }

    // Outputs and call logs, read from each cell's dir.
    return await Promise.all(
      results.map(async (result) => {
        const dir = join(root, 'cells', String(result.index));
        const { calls, colabCalls } = parseCallLog(await readText(join(dir, 'calls.jsonl')));
        return {
          ...result,
          stdout: await readText(join(dir, 'stdout')),
          stderr: await readText(join(dir, 'stderr')),
          calls,
          colabCalls,
        };
      }),
    );
  } finally {
    rmSync(MARKER, { force: true });
    if (!keep) await rm(root, { recursive: true, force: true });
  }
}

/**
 * Runs cells in one IPython process (about 0.6 s to start, then milliseconds per cell plus
 * ~15 ms per shim call), returning one result per cell in order. See `BatchOptions.mode`.
 * Rejects only when the harness itself fails (IPython missing or not starting).
 */
export function runCellsInIPython(
  cells: readonly (string | CellSpec)[],
  options: BatchOptions = {},
): Promise<IPythonRun[]> {
  const specs = cells.map((cell) => (typeof cell === 'string' ? { code: cell } : cell));
  return serialized(() => runBatch(specs, options));
}

/** Runs `code` as one Colab notebook cell in a fresh IPython process. */
export async function runInIPython(code: string, options: RunOptions = {}): Promise<IPythonRun> {
  const [result] = await runCellsInIPython([{ code }], options);
  if (result === undefined) throw new Error('IPython harness returned no result');
  return result;
}

// ---------------------------------------------------------------------------------------------
// Helpers for assertions
// ---------------------------------------------------------------------------------------------

/** argv of every call of `tool`, in order. */
export function argvOf(run: IPythonRun, tool: string): string[][] {
  return run.calls.filter((call) => call.tool === tool).map((call) => [...call.argv]);
}

/** Arguments after `pip` for `pip …`, `pip3 …`, `python[3] -m pip …` and `%pip …`, in order. */
export function pipInvocations(run: IPythonRun): string[][] {
  return run.calls.flatMap((call) => {
    if (call.tool === 'pip' || call.tool === 'pip3') return [[...call.argv]];
    if (/^python(3(\.\d+)?)?$/.test(call.tool) && call.argv[0] === '-m' && call.argv[1] === 'pip') {
      return [call.argv.slice(2)];
    }
    return [];
  });
}
