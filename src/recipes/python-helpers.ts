/**
 * Python source of the helper functions that generated cells define before calling them. They
 * take no part of their text from the user: every user value reaches them as a call argument
 * written by quote.ts. Standard library only (plus google.colab where a recipe says so), for
 * Python 3.10–3.12 and IPython 7–8 as on Colab.
 *
 * How a cell runs commands, and why:
 * - A failing step must fail its cell. IPython's `!cmd` never raises (it only sets `_exit_code`),
 *   so commands run through `_launchpad_run`, which raises `LaunchpadError('<step> failed (exit
 *   status N)')`. The cell stops there, Colab shows the error, and a preset does not go on.
 * - Output must appear in the cell. Colab shows only what goes through `sys.stdout`, not what a
 *   child process writes to the kernel's file descriptor 1. So the child's stdout and stderr are a
 *   pipe that `_launchpad_run` copies into `sys.stdout` as it arrives (chunks, not lines, so pip's
 *   and wget's `\r` progress updates show), decoded as UTF-8 with replacement.
 * - No shell: commands are argv lists, so quotes, `$(…)`, backticks, `;`, `$HOME` or `{…}` in a
 *   value are just characters of one argument. That is also why no `!` line appears here.
 * - Children get stdin from /dev/null (nothing can hang on a prompt), `PYTHONUNBUFFERED=1`,
 *   `GIT_TERMINAL_PROMPT=0`, `DEBIAN_FRONTEND=noninteractive` and `PIP_NO_INPUT=1`.
 * - Interrupting the cell (Colab's stop button raises KeyboardInterrupt) kills the child too.
 *
 * Idempotence: every helper checks first and prints what it skips ("already installed",
 * "already cloned", …) so that re-running a cell or a whole preset is cheap and harmless.
 */

import { checksSource } from './python-checks';
import { clearInstallCacheSource, pipCacheSource } from './python-install-cache';
import { pipLockSource } from './python-lock';
import { runtimeKeySource } from './python-runtime-key';
import { uvEnvSource } from './python-uv-env';
import { importCheckSource, pipGuardSource } from './python-pip-safe';
import { pipProjectSource, pythonVersionSource, readProjectSource } from './python-project-reader';

export type HelperId =
  | 'error'
  | 'run'
  | 'mountDrive'
  | 'runtimeKey'
  | 'uvEnv'
  | 'pipCache'
  | 'pipGuard'
  | 'importCheck'
  | 'pip'
  | 'pipLock'
  | 'clearInstallCache'
  | 'apt'
  | 'gitClone'
  | 'download'
  | 'copy'
  | 'cd'
  | 'runScript'
  | 'gpuCheck'
  | 'tpuCheck'
  | 'systemInfo'
  | 'python'
  | 'pipProject'
  | 'pythonVersion'
  | 'readProject'
  | 'checks';

interface Helper {
  readonly requires: readonly HelperId[];
  readonly source: string;
}

const error = String.raw`class LaunchpadError(RuntimeError):
    """A Colab Launchpad setup step failed; the output above says why."""`;

const run = String.raw`def _launchpad_run(step, argv, cwd=None, env=None):
    """Runs argv without a shell, copies its output into this cell, raises if it fails."""
    import codecs, os, shlex, subprocess, sys
    print('$ ' + shlex.join(argv), flush=True)
    env = dict(os.environ, **(env or {}), PYTHONUNBUFFERED='1', GIT_TERMINAL_PROMPT='0',
               DEBIAN_FRONTEND='noninteractive', PIP_NO_INPUT='1')
    try:
        child = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except OSError as error:
        raise LaunchpadError(f'{step} failed: {error}') from None
    decoder = codecs.getincrementaldecoder('utf-8')('replace')
    tail = ''
    try:
        while True:
            data = child.stdout.read1(65536)
            text = decoder.decode(data, final=not data)
            if text:
                sys.stdout.write(text)
                sys.stdout.flush()
                tail = (tail + text)[-4000:]
            if not data:
                break
        status = child.wait()
    except BaseException:
        child.kill()
        child.wait()
        raise
    finally:
        child.stdout.close()
    if status != 0:
        how = f'killed by signal {-status}' if status < 0 else f'exit status {status}'
        error = LaunchpadError(f'{step} failed ({how})')
        error.output = tail  # the end of what it said, for helpers that name the tool's own message
        raise error`;

/**
 * Mount Drive: Colab's own drive.mount, with what can be checked before it. A /content/drive that
 * holds files (written while Drive was not mounted) is named and left alone, instead of drive.mount's
 * bare "Mountpoint must not already contain files"; a dead DriveFS ([Errno 107], #3797) is mounted
 * again with force_remount=True, which is its fix. Success is judged from what drive.mount printed
 * (`Mounted at` / `Drive already mounted`), never from how long it took: drive.mount itself gives the
 * sign-in popup 120 s and fails after 150 s (drive-and-installs.md §B.1).
 */
const mountDrive = String.raw`def _launchpad_mount_drive(mountpoint, force):
    """Mounts Google Drive at mountpoint, after checking what can be checked first."""
    import contextlib, errno, os, sys
    from google.colab import drive
    try:
        entries = os.listdir(mountpoint)
    except FileNotFoundError:
        entries = []
    except NotADirectoryError:
        entries = []  # drive.mount names this itself
    except OSError as error:
        if error.errno != errno.ENOTCONN:
            raise
        print(f'Google Drive stopped responding at {mountpoint} ({error}): mounting it again with force_remount=True.')
        entries, force = [], True
    mounted = os.path.ismount(mountpoint) or any(
        os.path.isdir(os.path.join(mountpoint, name)) for name in ('MyDrive', 'My Drive', 'Shareddrives'))
    if entries and not mounted:
        names = sorted(entries)
        shown = ', '.join(names[:8]) + (f' and {len(names) - 8} more' if len(names) > 8 else '')
        raise LaunchpadError(f'mount drive: {mountpoint} already contains files ({shown}) and Drive is not '
                             f'mounted there, so Colab cannot mount it. Launchpad left them alone: move them '
                             f'(e.g. to {mountpoint}_old) or delete them, then run Mount Drive again.')

    class Tee:
        def __init__(self, stream):
            self.stream, self.text = stream, []

        def write(self, text):
            self.text.append(text)
            return self.stream.write(text)

        def __getattr__(self, name):
            return getattr(self.stream, name)

    tee = Tee(sys.stdout)
    with contextlib.redirect_stdout(tee):
        drive.mount(mountpoint, force_remount=force)
    said = ''.join(tee.text)
    if 'Mounted at ' not in said and 'Drive already mounted' not in said:
        raise LaunchpadError('mount drive: drive.mount returned without saying "Mounted at", '
                             'so Drive is not known to be mounted. Run Mount Drive again.')`;

const pip = String.raw`def _launchpad_pip_install(requirements, cache=None, allowed=None, held_ok=(), restart=False):
    """pip-installs what is missing. Each requirement is (spec, distribution, pinned version or None,
    whether the spec says more than the name): a bare name counts as installed when its
    distribution is, a pinned one (==) when that version is; anything else is left to pip.
    cache: keep the wheels on Drive; allowed: the archive digests Launchpad recorded (see
    _launchpad_pip_cached); held_ok, restart: see _launchpad_pip_guard and _launchpad_pip_restart."""
    import importlib, importlib.metadata, re, sys

    def release(version):
        version = version.lower().lstrip('v').split('+')[0]
        match = re.match(r'\d+(?:\.\d+)*', version)
        numbers = [int(n) for n in match.group(0).split('.')] if match else []
        while numbers and numbers[-1] == 0:
            numbers.pop()
        return numbers, version[match.end():] if match else version

    missing, present = [], []
    for spec, dist, pinned, constrained in requirements:
        try:
            installed = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed is not None and (not constrained or (pinned and release(installed) == release(pinned))):
            present.append(f'{dist} {installed}')
        else:
            missing.append(spec)
    if present:
        print('Already installed: ' + ', '.join(present))
    if not missing:
        print('Nothing to install.')
        return
    def install():
        if cache:
            _launchpad_pip_cached(missing, cache, allowed)
        else:
            _launchpad_run('pip install', [sys.executable, '-m', 'pip', 'install', '--disable-pip-version-check', *missing])

    before = _launchpad_pip_versions()
    _launchpad_pip_guarded(missing, held_ok, install)
    importlib.invalidate_caches()
    _launchpad_import_check([dist for spec, dist, _, _ in requirements if spec in missing])
    _launchpad_pip_restart(before, restart)`;

const apt = String.raw`def _launchpad_apt_install(packages):
    """apt-get-installs the Debian packages that are not installed yet."""
    import subprocess
    missing, present = [], []
    for package in packages:
        query = subprocess.run(['dpkg-query', '-W', '-f=${'$'}{Status} ${'$'}{Version}', package],
                               capture_output=True, text=True, errors='replace')
        words = query.stdout.split()
        if query.returncode == 0 and words[2:3] == ['installed']:
            present.append(f'{package} {words[3] if len(words) > 3 else ""}'.strip())
        else:
            missing.append(package)
    if present:
        print('Already installed: ' + ', '.join(present))
    if not missing:
        print('Nothing to install.')
        return
    _launchpad_run('apt-get update', ['apt-get', 'update', '-q'])
    _launchpad_run('apt-get install', ['apt-get', 'install', '-y', '-q', *missing])`;

const gitClone = String.raw`def _launchpad_git_clone(url, dest, branch=None, shallow=False):
    """Clones url (its branch, only the latest commit if shallow) into dest, or says it is already there (same remote)."""
    import os, subprocess

    def same(a, b):
        a, b = (s.strip().rstrip('/').lower() for s in (a, b))
        return a.removesuffix('.git') == b.removesuffix('.git')

    if os.path.isdir(os.path.join(dest, '.git')):
        remote = subprocess.run(['git', 'config', '--get', 'remote.origin.url'], cwd=dest,
                                capture_output=True, text=True, errors='replace').stdout.strip()
        if same(remote, url):
            print(f'Already cloned: {dest} ({remote}). Skipping git clone.')
            return
        raise LaunchpadError(f'git clone: {dest} already holds a clone of {remote or "another repository"}')
    if os.path.lexists(dest) and not (os.path.isdir(dest) and not os.listdir(dest)):
        raise LaunchpadError(f'git clone: {dest} already exists and is not an empty folder')
    options = (['--depth', '1'] if shallow else []) + (['--branch', branch] if branch else [])
    try:
        _launchpad_run('git clone', ['git', 'clone', *options, '--', url, dest])
    except LaunchpadError as error:
        # git's own reason (e.g. "fatal: Remote branch dev not found"), so the failure says it.
        said = [line.strip() for line in getattr(error, 'output', '').splitlines() if line.strip()]
        fatal = next((line for line in reversed(said) if line.startswith(('fatal:', 'error:'))), '')
        if not fatal:
            raise
        raise LaunchpadError(f'{error}: {fatal}') from None`;

const download = String.raw`def _launchpad_download(url, dest, name, extract):
    """Downloads url (unless the file is already there), then optionally extracts it."""
    import os, shutil, tarfile, zipfile
    target = dest or name
    if dest and (dest.endswith('/') or os.path.isdir(dest)):
        target = os.path.join(dest, name)
    if os.path.isfile(target) and os.path.getsize(target) > 0:
        print(f'Already downloaded: {target} ({os.path.getsize(target)} bytes). Skipping the download.')
    else:
        folder = os.path.dirname(target)
        if folder:
            os.makedirs(folder, exist_ok=True)
        partial = target + '.part'
        try:
            _launchpad_run('download', ['wget', '--no-verbose', '--show-progress',
                                        '--progress=bar:force:noscroll', '-O', partial, '--', url])
        except BaseException:
            if os.path.exists(partial):
                os.remove(partial)
            raise
        os.replace(partial, target)
        print(f'Saved {target} ({os.path.getsize(target)} bytes).')
    if not extract:
        return
    folder = os.path.dirname(target) or '.'
    stamp = os.path.join(folder, '.' + os.path.basename(target) + '.extracted')
    if os.path.exists(stamp):
        print(f'Already extracted {target} (delete {stamp} to extract it again).')
        return
    if zipfile.is_zipfile(target):
        with zipfile.ZipFile(target) as archive:  # zipfile drops absolute and .. parts of names
            archive.extractall(folder)
            count = len(archive.namelist())
    elif tarfile.is_tarfile(target):
        with tarfile.open(target) as archive:
            members = archive.getmembers()
            if hasattr(tarfile, 'data_filter'):
                archive.extractall(folder, filter='data')
            else:
                for member in members:
                    parts = member.name.replace('\\', '/').split('/')
                    if member.name.startswith('/') or '..' in parts or member.islnk() or member.issym():
                        raise LaunchpadError(f'extract: unsafe entry in {target}: {member.name}')
                archive.extractall(folder)
            count = len(members)
    else:
        raise LaunchpadError(f'extract: {target} is not a zip or tar archive')
    open(stamp, 'w').close()
    print(f'Extracted {count} entries from {target} into {os.path.abspath(folder)}.')`;

const copy = String.raw`def _launchpad_copy(source, dest):
    """Copies a file or folder; files already identical (size and time) are skipped."""
    import os, shutil
    if not os.path.exists(source):
        hint = ''
        if source.startswith('/content/drive') and not os.path.ismount('/content/drive'):
            hint = ' (Google Drive is not mounted: run Mount Drive first)'
        raise LaunchpadError(f'copy: {source} does not exist{hint}')
    if dest.endswith('/') or (os.path.isdir(dest) and not os.path.isdir(source)):
        dest = os.path.join(dest, os.path.basename(os.path.normpath(source)))
    real_source, real_dest = os.path.realpath(source), os.path.realpath(dest)
    if real_dest == real_source or real_dest.startswith(real_source.rstrip(os.sep) + os.sep):
        raise LaunchpadError(f'copy: {dest} is {source} itself or inside it')
    counts = {'copied': 0, 'unchanged': 0}

    def copy_file(src, dst):
        if os.path.isfile(dst):
            a, b = os.stat(src), os.stat(dst)
            if a.st_size == b.st_size and int(b.st_mtime) >= int(a.st_mtime):
                counts['unchanged'] += 1
                return dst
        shutil.copy2(src, dst)
        counts['copied'] += 1
        return dst

    if os.path.isdir(source):
        shutil.copytree(source, dest, copy_function=copy_file, dirs_exist_ok=True)
    else:
        if os.path.dirname(dest):
            os.makedirs(os.path.dirname(dest), exist_ok=True)
        copy_file(source, dest)
    print(f'Copied {counts["copied"]} file(s) to {dest}; {counts["unchanged"]} already up to date.')`;

const cd = String.raw`def _launchpad_cd(path):
    """Makes path the working directory."""
    import os
    if os.path.isdir(path) and os.path.samefile(path, os.getcwd()):
        print(f'Already in {os.getcwd()}')
        return
    if not os.path.isdir(path):
        raise LaunchpadError(f'cd: {path} is not a folder')
    os.chdir(path)
    print(f'Working directory: {os.getcwd()}')`;

const runScript = String.raw`def _launchpad_run_script(path, args):
    """Runs a Python script (a .sh one with bash) in its own process."""
    import os, sys
    if not os.path.isfile(path):
        raise LaunchpadError(f'run script: {path} is not a file')
    if path.endswith(('.sh', '.bash')):
        argv = ['bash', path, *args]
    else:
        argv = [sys.executable, '-u', path, *args]
    _launchpad_run(f'run script {os.path.basename(path)}', argv)`;

/**
 * GPU check. Besides the human-readable lines it prints one machine-readable line,
 * `LAUNCHPAD_GPU {json}`, that parsers/gpu.ts reads (the GPU badge uses it). Frameworks are
 * probed in child processes so the notebook's own process never imports them (JAX would
 * otherwise pre-allocate 75 % of GPU memory and TensorFlow would claim the device).
 */
const gpuCheck = String.raw`def _launchpad_gpu_check():
    """Prints the GPU (or that there is none) and whether installed frameworks can use it."""
    import importlib.util, json, os, re, shutil, subprocess, sys
    info = {'kind': 'none'}
    smi = shutil.which('nvidia-smi')
    if smi is None:
        print('No GPU: nvidia-smi is not installed on this runtime (CPU or TPU runtime).')
        info['reason'] = 'nvidia-smi not found'
    else:
        table = subprocess.run([smi], capture_output=True, text=True, errors='replace')
        text = (table.stdout + table.stderr).strip()
        if table.returncode != 0:
            print(text)
            print('No GPU: nvidia-smi could not talk to an NVIDIA driver (CPU or TPU runtime).')
            info['reason'] = text.splitlines()[0] if text else f'nvidia-smi exit status {table.returncode}'
        else:
            print(text)
            query = subprocess.run([smi, '--query-gpu=name,memory.total,driver_version',
                                    '--format=csv,noheader,nounits'],
                                   capture_output=True, text=True, errors='replace')
            gpus = []
            for line in query.stdout.splitlines():
                fields = [field.strip() for field in line.rsplit(',', 2)]
                if len(fields) == 3 and fields[1].isdigit():
                    gpus.append({'name': fields[0], 'memory_mib': int(fields[1]), 'driver': fields[2]})
            cuda = re.search(r'CUDA (?:UMD )?Version:\s*([0-9.]+)', text)
            info = {'kind': 'gpu', 'gpus': gpus, 'cuda': cuda.group(1) if cuda else None}
            print()
            for gpu in gpus:
                print(f"GPU: {gpu['name']}, {gpu['memory_mib']} MiB, driver {gpu['driver']}"
                      + (f', CUDA {info["cuda"]}' if info['cuda'] else ''))
            if not gpus:
                print('GPU found, but nvidia-smi did not list its name and memory.')
    probes = {
        'torch': "import torch; c = torch.cuda.is_available(); print(torch.__version__, c, torch.cuda.get_device_name(0) if c else '')",
        'tensorflow': "import tensorflow as tf; g = tf.config.list_physical_devices('GPU'); print(tf.__version__, bool(g), len(g))",
        'jax': "import jax; d = [x for x in jax.devices() if x.platform == 'gpu']; print(jax.__version__, bool(d), d[0].device_kind if d else '')",
    }
    seen = {}
    if info['kind'] == 'gpu':
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='3', XLA_PYTHON_CLIENT_PREALLOCATE='false')
        for name, probe in probes.items():
            if importlib.util.find_spec(name) is None:
                continue
            try:
                result = subprocess.run([sys.executable, '-c', probe], capture_output=True, text=True,
                                        errors='replace', env=env, timeout=180)
                words = result.stdout.strip().splitlines()[-1].split(' ', 2) if result.stdout.strip() else []
            except subprocess.TimeoutExpired:
                words = []
            if len(words) >= 2:
                sees = words[1] == 'True'
                seen[name] = {'version': words[0], 'sees_gpu': sees}
                print(f'{name} {words[0]}: ' + ('sees the GPU' if sees else 'does NOT see the GPU'))
            else:
                seen[name] = {'version': None, 'sees_gpu': None}
                print(f'{name}: could not be checked')
    info['frameworks'] = seen
    print('LAUNCHPAD_GPU ' + json.dumps(info, ensure_ascii=True))`;

/**
 * TPU check. Colab's TPU runtimes are TPU VMs (since 2024; "TPU v2" → v5e-1/v6e-1 in 2025) that
 * set `COLAB_TPU_1VM=1` and `TPU_ACCELERATOR_TYPE` (e.g. `v5e-1`) and expose the chips as
 * /dev/accel* (or /dev/vfio/N on newer generations); the retired TPU Node runtime set
 * `COLAB_TPU_ADDR`. GPU and CPU runtimes have `COLAB_TPU_1VM` empty. Prints `LAUNCHPAD_TPU {json}`.
 */
const tpuCheck = String.raw`def _launchpad_tpu_check():
    """Prints whether this runtime has a TPU, and which."""
    import glob, json, os
    accelerator = os.environ.get('TPU_ACCELERATOR_TYPE', '').strip()
    chips = sorted(glob.glob('/dev/accel[0-9]*')) or sorted(
        p for p in glob.glob('/dev/vfio/*') if os.path.basename(p).isdigit())
    if accelerator or os.environ.get('COLAB_TPU_1VM') == '1' or chips:
        info = {'kind': 'tpu', 'type': accelerator or None, 'chips': len(chips)}
        print(f'TPU: {accelerator or "type not reported"}' + (f', {len(chips)} chip device(s)' if chips else ''))
    elif os.environ.get('COLAB_TPU_ADDR'):
        info = {'kind': 'tpu', 'type': 'legacy-tpu-node', 'chips': 0}
        print('TPU: a legacy TPU Node at ' + os.environ['COLAB_TPU_ADDR'] + ' (current JAX cannot use it).')
    else:
        info = {'kind': 'none'}
        print('No TPU: this runtime has no TPU. Choose one in Runtime > Change runtime type.')
    print('LAUNCHPAD_TPU ' + json.dumps(info, ensure_ascii=True))`;

/** System info: RAM, CPU, disk. Prints `LAUNCHPAD_SYSTEM {json}` (parsers/system-info.ts). */
const systemInfo = String.raw`def _launchpad_system_info():
    """Prints RAM, CPU and disk of this runtime."""
    import json, os, platform, shutil
    memory = {}
    with open('/proc/meminfo', encoding='ascii', errors='replace') as f:
        for line in f:
            key, _, value = line.partition(':')
            if value.split()[:1] and value.split()[0].isdigit():
                memory[key] = int(value.split()[0]) * 1024
    model = platform.processor() or platform.machine()
    try:
        with open('/proc/cpuinfo', encoding='utf-8', errors='replace') as f:
            for line in f:
                if line.lower().startswith('model name'):
                    model = line.partition(':')[2].strip()
                    break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()
    where = '/content' if os.path.isdir('/content') else os.getcwd()
    disk = shutil.disk_usage(where)
    gib = lambda n: f'{n / 2**30:.1f} GiB'
    ram_total, ram_free = memory.get('MemTotal', 0), memory.get('MemAvailable', memory.get('MemFree', 0))
    print(f'RAM:  {gib(ram_total)} total, {gib(ram_free)} available')
    print(f'CPU:  {model}, {usable} of {os.cpu_count()} logical CPUs usable')
    print(f'Disk: {gib(disk.total)} total, {gib(disk.free)} free ({where})')
    print(f'Python {platform.python_version()} on {platform.platform(terse=True)}')
    info = {'ram_total_bytes': ram_total, 'ram_available_bytes': ram_free, 'cpu_model': model,
            'cpus': os.cpu_count(), 'cpus_usable': usable, 'disk_path': where,
            'disk_total_bytes': disk.total, 'disk_free_bytes': disk.free,
            'python': platform.python_version()}
    print('LAUNCHPAD_SYSTEM ' + json.dumps(info, ensure_ascii=True))`;

/**
 * A Run Python step in a cell of several steps runs as a cell of its own (IPython's run_cell: magics
 * and `!` lines work as typed), so its code, an unclosed `"""` say, cannot change how the later
 * steps parse (security review I6). Its error is raised again here, so the cell stops at that step.
 */
const python = String.raw`def _launchpad_python(code):
    """Runs one Run Python step as its own cell; raises its error so the steps after it do not run."""
    result = get_ipython().run_cell(code)
    if not result.success:
        result.raise_error()
        raise LaunchpadError('Run Python failed')`;

/** In the order a cell defines them; `requires` lists earlier helpers a helper calls. */
export const HELPERS: Readonly<Record<HelperId, Helper>> = {
  error: { requires: [], source: error },
  run: { requires: ['error'], source: run },
  mountDrive: { requires: ['error'], source: mountDrive },
  runtimeKey: { requires: [], source: runtimeKeySource },
  uvEnv: { requires: [], source: uvEnvSource },
  pipCache: { requires: ['error', 'run', 'runtimeKey', 'uvEnv'], source: pipCacheSource },
  pipGuard: { requires: ['error'], source: pipGuardSource },
  importCheck: { requires: ['error'], source: importCheckSource },
  pip: { requires: ['run', 'pipGuard', 'importCheck'], source: pip },
  pipLock: { requires: ['error', 'run', 'pip', 'runtimeKey', 'uvEnv'], source: pipLockSource },
  clearInstallCache: { requires: ['error'], source: clearInstallCacheSource },
  apt: { requires: ['run'], source: apt },
  gitClone: { requires: ['error', 'run'], source: gitClone },
  download: { requires: ['error', 'run'], source: download },
  copy: { requires: ['error'], source: copy },
  cd: { requires: ['error'], source: cd },
  runScript: { requires: ['error', 'run'], source: runScript },
  gpuCheck: { requires: [], source: gpuCheck },
  tpuCheck: { requires: [], source: tpuCheck },
  systemInfo: { requires: [], source: systemInfo },
  python: { requires: ['error'], source: python },
  pipProject: { requires: ['error', 'run', 'pipGuard', 'importCheck'], source: pipProjectSource },
  pythonVersion: { requires: [], source: pythonVersionSource },
  readProject: { requires: ['error'], source: readProjectSource },
  checks: { requires: ['error'], source: checksSource },
};

const ORDER = Object.keys(HELPERS) as HelperId[];

/** The helpers `wanted` need (with what they require), in definition order. */
export function helperClosure(wanted: Iterable<HelperId>): HelperId[] {
  const needed = new Set<HelperId>();
  const add = (id: HelperId) => {
    if (needed.has(id)) return;
    needed.add(id);
    for (const dep of HELPERS[id].requires) add(dep);
  };
  for (const id of wanted) add(id);
  return ORDER.filter((id) => needed.has(id));
}
