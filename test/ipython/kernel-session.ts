/**
 * A long-lived real IPython kernel for end-to-end tests: one Debian IPython process at a time that
 * runs cells like a Colab notebook kernel (namespace and cwd persist between cells), with the
 * harness's Colab semantics, google.colab stub and PATH shims (harness.ts). The replica's
 * `kernel:ipython` flag sends every cell here through a Playwright route (e2e/replica/serve.mjs).
 *
 * Restart ends the process (namespace gone, files kept); a VM reset also empties the content dir,
 * HOME (pip's user site and cache included) and TMPDIR. Everything stays in one temp dir,
 * deleted by `close()`. See test/ipython/README.md ("A kernel for the browser tests").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import {
  COLAB_SHELL_PY,
  findIPython,
  linkShims,
  mergeShims,
  parseCallLog,
  sandboxDirs,
  sandboxEnv,
  writeSandbox,
  type ColabCall,
  type SandboxDirs,
  type ShimBehaviour,
  type ShimCall,
  type ShimConfig,
} from './harness';
import { pipEnv } from './install-replay';

/** One output of a cell, as nbformat (and the replica's fake kernel) has it; stream `text` is a string. */
export type KernelOutput =
  | { readonly output_type: 'stream'; readonly name: 'stdout' | 'stderr'; readonly text: string }
  | { readonly output_type: 'execute_result'; readonly execution_count: null; readonly data: { readonly 'text/plain': string }; readonly metadata: Record<string, never> }
  | { readonly output_type: 'error'; readonly ename: string; readonly evalue: string; readonly traceback: readonly string[] };

export interface KernelError {
  readonly ename: string;
  readonly evalue: string;
  /** IPython's structured traceback, ANSI-coloured (colors 'Linux'), as ipykernel sends it. */
  readonly traceback: readonly string[];
}

/** What one execution gave, at its end (outputs are not streamed). */
export interface KernelReply {
  /** stdout (fd 1: prints and `!` output), stderr (fd 2), the last expression's value, the error. */
  readonly outputs: readonly KernelOutput[];
  readonly error: KernelError | null;
  /** The Python process ended during the cell (`os.kill(os.getpid(), 9)`, a crash): it is gone. */
  readonly killed: boolean;
  readonly durationMs: number;
}

export interface KernelSessionOptions {
  /** Shim behaviours over the harness's DEFAULT_SHIMS (apt-get, wget, nvidia-smi … are recorded, not run). */
  readonly shims?: ShimConfig;
  /** Set in the kernel's environment (also seen by `!` commands). */
  readonly env?: Readonly<Record<string, string>>;
  /** Real pip, installing into the kernel's user site (in HOME) from this index only. */
  readonly packageIndexUrl?: string;
  /**
   * Real git, with these URL prefixes mapped to local repositories (git's `url.<base>.insteadOf`),
   * e.g. `{ 'https://github.com/octocat/hello-world': '/tmp/…/hello-world.git' }` (the `.git`
   * form of the URL is mapped too). Without it, git is the harness's recording shim.
   */
  readonly repos?: Readonly<Record<string, string>>;
  /** Keep the temp dir after `close()` (also: env CLP_IPYTHON_KEEP=1). */
  readonly keepTempDir?: boolean;
}

export interface KernelSession {
  /** The temp dir holding everything below. */
  readonly root: string;
  /** The stand-in for /content: the kernel's starting cwd. */
  readonly contentDir: string;
  readonly home: string;
  /** Runs a cell (queued behind earlier requests); starts the Python process when none runs. */
  execute(code: string, options?: { silent?: boolean }): Promise<KernelReply>;
  /** SIGINT to the kernel process, as Colab's stop button: the running cell raises KeyboardInterrupt. */
  interrupt(): void;
  /** Ends the Python process now and starts a new one: namespace gone, files kept. */
  restart(): Promise<void>;
  /** A new VM: ends the process, empties the content dir, HOME and TMPDIR, starts a new process. */
  resetVm(): Promise<void>;
  /** The current Python process id (undefined between a kill and the next start). */
  pid(): number | undefined;
  /** Shim calls of every cell so far, in order (`seq` counts per cell). */
  calls(): ShimCall[];
  /** google.colab stub calls of every cell so far. */
  colabCalls(): ColabCall[];
  /** Every execution so far with its reply, in order. */
  readonly history: readonly { readonly code: string; readonly reply: KernelReply }[];
  /** Answers the replica's `POST /__replica/kernel/<op>` (see e2e/replica/serve.mjs). */
  handle(op: string, body: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** Serves one kernel: reads commands on fd 4, reports on fd 3; cells' fd 1/2 go to files in their dir. */
const KERNEL_PY = COLAB_SHELL_PY + String.raw`

import signal
import site


def use_user_site():
    """pip --user installs into HOME: put that site on sys.path (before the system's) from the start."""
    user_site = site.getusersitepackages()
    os.makedirs(user_site, exist_ok=True)
    if user_site not in sys.path:
        site.addsitedir(user_site)
        sys.path.remove(user_site)
        system = [i for i, p in enumerate(sys.path) if p.endswith(('dist-packages', 'site-packages'))]
        sys.path.insert(system[0] if system else len(sys.path), user_site)


def main():
    for fd in (3, 4):
        os.set_inheritable(fd, False)
    events = os.fdopen(3, 'w', encoding='utf-8', buffering=1)

    def emit(obj):
        events.write(json.dumps(obj) + '\n')
        events.flush()

    use_user_site()
    from traitlets.config import Config
    from IPython.core.interactiveshell import InteractiveShell

    config = Config()
    config.HistoryManager.hist_file = ':memory:'
    config.InteractiveShell.colors = 'Linux'
    shell = InteractiveShell.instance(config=config)
    install_colab_semantics(shell)
    sys.executable = os.environ['CLP_KERNEL_PYTHON_SHIM']
    state = {'running': False, 'error': None, 'results': []}

    # ipykernel sends the structured traceback as the error reply instead of printing it.
    def show_traceback(etype, evalue, stb):
        state['error'] = {'ename': etype.__name__, 'evalue': str(evalue), 'traceback': list(stb)}

    def write_format_data(format_dict, md_dict=None):
        state['results'].append(format_dict.get('text/plain', ''))

    shell._showtraceback = show_traceback
    shell.displayhook.write_format_data = write_format_data

    # An interrupt between cells is ignored, like an idle ipykernel.
    def on_sigint(signum, frame):
        if state['running']:
            raise KeyboardInterrupt()

    signal.signal(signal.SIGINT, on_sigint)
    saved_out, saved_err = os.dup(1), os.dup(2)
    emit({'event': 'ready', 'pid': os.getpid()})
    pending = b''
    while True:
        while b'\n' not in pending:
            data = os.read(4, 65536)
            if not data:
                flush_std()
                os._exit(0)
            pending += data
        line, pending = pending.split(b'\n', 1)
        command = json.loads(line)
        cdir = command['dir']
        os.makedirs(cdir, exist_ok=True)
        os.environ['CLP_HARNESS_LOG'] = os.path.join(cdir, 'calls.jsonl')
        state['error'], state['results'] = None, []
        flush_std()
        for fd, name in ((1, 'stdout'), (2, 'stderr')):
            target = os.open(os.path.join(cdir, name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(target, fd)
            os.close(target)
        result = None
        state['running'] = True
        try:
            result = shell.run_cell(command['code'], store_history=not command.get('silent'))
        except KeyboardInterrupt:
            state['error'] = {'ename': 'KeyboardInterrupt', 'evalue': '', 'traceback': []}
        finally:
            state['running'] = False
            flush_std()
            os.dup2(saved_out, 1)
            os.dup2(saved_err, 2)
        error = state['error']
        if error is None and result is not None:
            exc = result.error_before_exec or result.error_in_exec
            if exc is not None:
                error = {'ename': type(exc).__name__, 'evalue': str(exc), 'traceback': []}
        emit({'event': 'done', 'error': error, 'results': state['results']})


main()
`;

interface DoneEvent {
  event: 'done';
  error: KernelError | null;
  results: string[];
}

const readText = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
const READY_TIMEOUT_MS = 30_000;

/** The git shim when repositories are mapped: record, then the real git (with GIT_CONFIG_GLOBAL's mappings). */
const REAL_GIT: ShimBehaviour = { sh: 'exec /usr/bin/git "$@"' };

class Session implements KernelSession {
  readonly root: string;
  readonly contentDir: string;
  readonly home: string;
  readonly history: { code: string; reply: KernelReply }[] = [];
  #dirs: SandboxDirs;
  #python: string;
  #env: NodeJS.ProcessEnv;
  #keep: boolean;
  #child: ChildProcess | undefined;
  #ready: Promise<void> | undefined;
  #onEvent: ((event: DoneEvent) => void) | undefined;
  #onExit: (() => void) | undefined;
  #cells = 0;
  #chain: Promise<unknown> = Promise.resolve();
  #closed = false;
  log = '';

  constructor(dirs: SandboxDirs, python: string, env: NodeJS.ProcessEnv, keep: boolean) {
    this.#dirs = dirs;
    this.root = dirs.root;
    this.contentDir = dirs.content;
    this.home = dirs.home;
    this.#python = python;
    this.#env = env;
    this.#keep = keep;
  }

  /** Runs tasks one at a time, in the order they were asked for. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#chain.then(task, task);
    this.#chain = next.catch(() => undefined);
    return next;
  }

  #start(): Promise<void> {
    if (this.#closed) throw new Error('the kernel session is closed');
    const child = spawn(this.#python, [join(this.root, 'kernel.py')], {
      cwd: this.contentDir,
      env: this.#env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      detached: true, // own process group: a kill also ends what the cells started
    });
    this.#child = child;
    const events = child.stdio[3];
    if (!(events instanceof Readable)) throw new Error('no event pipe to the kernel');
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (this.log += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (this.log += text));
    this.#ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the IPython kernel did not start in ${READY_TIMEOUT_MS} ms:\n${this.log}`)), READY_TIMEOUT_MS);
      let pending = '';
      events.setEncoding('utf8').on('data', (chunk: string) => {
        pending += chunk;
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const event = JSON.parse(pending.slice(0, nl)) as { event: string };
          pending = pending.slice(nl + 1);
          if (event.event === 'ready') {
            clearTimeout(timer);
            resolve();
          } else if (event.event === 'done') this.#onEvent?.(event as DoneEvent);
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        killGroup(child.pid);
        if (this.#child === child) {
          this.#child = undefined;
          this.#ready = undefined;
        }
        reject(new Error(`the IPython kernel exited before it was ready:\n${this.log}`));
        this.#onExit?.();
      });
    });
    this.#ready.catch(() => undefined);
    return this.#ready;
  }

  /** Ends the process (group) now and waits until it is gone. */
  async #kill(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child.pid);
    await gone;
  }

  execute(code: string, options: { silent?: boolean } = {}): Promise<KernelReply> {
    return this.#serial(async () => {
      if (!this.#child) await this.#start();
      await this.#ready;
      const dir = join(this.root, 'cells', String(++this.#cells));
      await mkdir(dir, { recursive: true });
      const started = Date.now();
      const ended = new Promise<DoneEvent | 'killed'>((resolve) => {
        this.#onEvent = resolve;
        this.#onExit = () => resolve('killed');
      });
      const run = atContentDir(code, this.contentDir);
      (this.#child?.stdio[4] as Writable | undefined)?.write(`${JSON.stringify({ code: run, dir, silent: options.silent === true })}\n`);
      const done = await ended;
      this.#onEvent = undefined;
      this.#onExit = undefined;
      const reply = replyFrom(dir, done, Date.now() - started);
      this.history.push({ code, reply });
      return reply;
    });
  }

  interrupt(): void {
    const pid = this.#child?.pid;
    if (pid !== undefined) process.kill(pid, 'SIGINT');
  }

  async restart(): Promise<void> {
    await this.#kill();
    return this.#serial(async () => {
      if (!this.#child) await this.#start();
    });
  }

  async resetVm(): Promise<void> {
    await this.#kill();
    return this.#serial(async () => {
      await this.#kill();
      const { content, home, tmp } = this.#dirs;
      for (const dir of [content, home, tmp]) {
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir, { recursive: true });
      }
      await this.#start();
    });
  }

  pid(): number | undefined {
    return this.#child?.pid;
  }

  #logs() {
    const cells = join(this.root, 'cells');
    if (!existsSync(cells)) return [];
    return readdirSync(cells)
      .map(Number)
      .sort((a, b) => a - b)
      .map((n) => parseCallLog(readText(join(cells, String(n), 'calls.jsonl'))));
  }

  calls(): ShimCall[] {
    return this.#logs().flatMap((log) => log.calls);
  }

  colabCalls(): ColabCall[] {
    return this.#logs().flatMap((log) => log.colabCalls);
  }

  async handle(op: string, body: unknown): Promise<unknown> {
    const input = (typeof body === 'object' && body !== null ? body : {}) as { code?: unknown; silent?: unknown };
    switch (op) {
      case 'execute':
        return this.execute(String(input.code ?? ''), { silent: input.silent === true });
      case 'interrupt':
        this.interrupt();
        return {};
      case 'restart':
        await this.restart();
        return {};
      case 'reset-vm':
        await this.resetVm();
        return {};
      default:
        throw new Error(`unknown kernel operation: ${op}`);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#kill();
    if (!this.#keep) rmSync(this.root, { recursive: true, force: true });
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The outputs of a finished (or killed) cell, from the files its fd 1 and 2 went to. */
function replyFrom(dir: string, done: DoneEvent | 'killed', durationMs: number): KernelReply {
  const outputs: KernelOutput[] = [];
  for (const name of ['stdout', 'stderr'] as const) {
    const text = readText(join(dir, name));
    if (text) outputs.push({ output_type: 'stream', name, text });
  }
  if (done === 'killed') return { outputs, error: null, killed: true, durationMs };
  for (const text of done.results) outputs.push({ output_type: 'execute_result', execution_count: null, data: { 'text/plain': text }, metadata: {} });
  if (done.error) outputs.push({ output_type: 'error', ...done.error });
  return { outputs, error: done.error, killed: false, durationMs };
}

/**
 * Starts a kernel session (the Python process starts with it, ~0.5 s). Rejects when Debian's
 * IPython is missing (findIPython's message says how to install it).
 */
export async function startKernelSession(options: KernelSessionOptions = {}): Promise<KernelSession> {
  const install = findIPython();
  const keep = options.keepTempDir === true || process.env.CLP_IPYTHON_KEEP === '1';
  const root = realpathSync(await mkdtemp(join(tmpdir(), 'clp-kernel-')));
  const dirs = sandboxDirs(root);
  await writeSandbox(dirs, install.python);
  // pip, pip3 and `python -m pip` (all the `pip` behaviour): the real pip of the kernel's python.
  const realPip: ShimBehaviour = { sh: `[ "$1" = -m ] && [ "$2" = pip ] && shift 2; exec ${install.python} -m pip "$@"` };
  const shims = mergeShims(
    options.packageIndexUrl ? { pip: realPip, pip3: realPip } : undefined,
    options.repos ? { git: REAL_GIT } : undefined,
    options.shims,
  );
  await linkShims(dirs, Object.keys(shims));
  const shimsFile = join(root, 'shims.json');
  await writeFile(shimsFile, JSON.stringify({ realPython: install.python, root, tools: shims }));
  const driveState = join(root, 'drive.json');
  await writeFile(driveState, JSON.stringify({ mounted: [], error: null, silent: false }));
  await writeFile(join(root, 'kernel.py'), KERNEL_PY);
  const gitConfig = join(root, 'gitconfig');
  await writeFile(gitConfig, gitConfigFor(options.repos ?? {}));
  const env: NodeJS.ProcessEnv = {
    ...sandboxEnv(dirs),
    PYTHONUSERBASE: join(dirs.home, '.local'),
    ...(options.packageIndexUrl ? pipEnv(options.packageIndexUrl, join(dirs.home, '.local')) : {}),
    GIT_CONFIG_GLOBAL: gitConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    CLP_HARNESS_SHIMS: shimsFile,
    CLP_HARNESS_DRIVE_STATE: driveState,
    CLP_KERNEL_PYTHON_SHIM: join(dirs.bin, 'python3'),
    ...options.env,
  };
  const session = new Session(dirs, install.python, env, keep);
  try {
    await session.restart();
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}

/** `url.<repo>.insteadOf` for each mapped URL, with and without `.git` (git picks the longest match). */
function gitConfigFor(repos: Readonly<Record<string, string>>): string {
  const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const lines = ['[user]', '\tname = Launchpad Test', '\temail = test@example.invalid', '[init]', '\tdefaultBranch = main'];
  for (const [url, path] of Object.entries(repos)) {
    const base = url.replace(/\/+$/, '').replace(/\.git$/, '');
    lines.push(`[url ${quote(`file://${path}`)}]`, `\tinsteadOf = ${base}.git`, `\tinsteadOf = ${base}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * This machine's /content is not the test's: Launchpad's cells name absolute `/content/…` paths
 * (clone destinations, the Drive mount point), so quoted `/content` literals are moved into the
 * session's content dir before the cell runs, the only change made to the code (as the batch
 * harness does for `/content/drive`). The history keeps the code as Launchpad sent it.
 */
export function atContentDir(code: string, contentDir: string): string {
  return code.replace(/(['"])\/content(?=[/'"])/g, (_match, quote: string) => `${quote}${contentDir}`);
}
