// The replica's fake kernel: runtime catalogue and a line-by-line interpreter with a small table of
// realistic outputs (drive.mount, print, raise, !nvidia-smi, !pip, a few shell commands).
// Pure functions over a runtime-state object; no DOM.

/**
 * @typedef {object} RuntimeSpec what a connected runtime is (colab-dom.md §1.2/§1.4)
 * @property {string} kind        cpu | t4 | l4 | a100 | h100 | g4 | tpu
 * @property {'NONE' | 'GPU' | 'TPU'} accelerator
 * @property {string} model       '' | T4 | L4 | A100 | H100 | G4 | V5E1 | V6E1 | V28
 * @property {string} backend     tooltip backend line
 * @property {string} ram         tooltip "used/total"
 * @property {string} disk        tooltip "used/total"
 * @property {boolean} [highRam]  given High-RAM figures by withHighRam
 */

const BACKEND = 'Python 3 Google Compute Engine backend';
/** Runtimes by kind. CPU numbers are S1's; T4 numbers are the brief's; the others are plausible inventions. */
export const RUNTIMES = {
  cpu: { accelerator: 'NONE', model: '', backend: BACKEND, ram: '1.08 GB/12.67 GB', disk: '21.20 GB/107.72 GB' },
  t4: { accelerator: 'GPU', model: 'T4', backend: `${BACKEND} (GPU)`, ram: '2.31 GB/12.67 GB', disk: '30.12 GB/112.64 GB' },
  l4: { accelerator: 'GPU', model: 'L4', backend: `${BACKEND} (GPU)`, ram: '2.87 GB/53.00 GB', disk: '31.47 GB/235.68 GB' },
  a100: { accelerator: 'GPU', model: 'A100', backend: `${BACKEND} (GPU)`, ram: '3.06 GB/83.48 GB', disk: '31.62 GB/235.68 GB' },
  h100: { accelerator: 'GPU', model: 'H100', backend: `${BACKEND} (GPU)`, ram: '3.41 GB/167.27 GB', disk: '32.10 GB/235.68 GB' },
  g4: { accelerator: 'GPU', model: 'G4', backend: `${BACKEND} (GPU)`, ram: '3.22 GB/176.04 GB', disk: '32.05 GB/235.68 GB' },
  tpu: { accelerator: 'TPU', model: 'V5E1', backend: `${BACKEND} (TPU)`, ram: '1.92 GB/47.05 GB', disk: '29.88 GB/225.33 GB' },
};

/**
 * A High-RAM runtime's RAM figures: INVENTED (the evidence shows only standard totals, 12.67 GB; S7
 * says only that some models are High-RAM-only). Runtimes whose standard total is below
 * HIGH_RAM_FROM_GB get these figures with High-RAM; the others are High-RAM already.
 */
const HIGH_RAM = '1.34 GB/51.00 GB';
const HIGH_RAM_FROM_GB = 20;

/**
 * `spec` as a High-RAM runtime when `highRam` asks for one (see HIGH_RAM).
 * @param {RuntimeSpec} spec
 * @param {boolean | undefined} highRam
 * @returns {RuntimeSpec}
 */
export function withHighRam(spec, highRam) {
  if (!highRam || Number.parseFloat(spec.ram.split('/')[1] ?? '') >= HIGH_RAM_FROM_GB) return spec;
  return { ...spec, ram: HIGH_RAM, highRam: true };
}

/** Colab runtime versions, newest first (2026-12 row 17: backend-info "2026.07", "2026.04", "2026.01"). */
export const RUNTIME_VERSIONS = ['2026.07', '2026.04', '2026.01'];

/** Options of the change-runtime-type dialog: [value, label, aria-label] (labels per S9). */
export const ACCELERATOR_OPTIONS = [
  ['DEFAULT,NONE', 'CPU', 'CPU'],
  ['GPU,T4', 'T4 GPU', 'GPUs: T4'],
  ['GPU,L4', 'L4 GPU', 'GPUs: L4'],
  ['GPU,A100', 'A100 GPU', 'GPUs: A100'],
  ['GPU,H100', 'H100 GPU', 'GPUs: H100'],
  ['GPU,G4', 'G4 GPU', 'GPUs: G4'],
  ['TPU,V5E1', 'v5e-1 TPU', 'TPUs: v5e-1'],
  ['TPU,V6E1', 'v6e-1 TPU', 'TPUs: v6e-1'],
  ['TPU,V28', 'v2-8 TPU', 'TPUs: v2-8'],
];

/**
 * A requested accelerator `{ accelerator, model }` from a flag/hook value: a runtime kind (`t4`),
 * an accelerator model (`T4`, `V5E1`), `NONE`/`CPU`, `GPU` (→ T4), `TPU` (→ V5E1) or a dialog
 * value (`GPU,T4`). Unknown → null.
 * @param {string} value
 * @returns {{ accelerator: 'NONE' | 'GPU' | 'TPU', model: string } | null}
 */
export function parseAccelerator(value) {
  const v = String(value).trim().toUpperCase();
  const parts = v.split(',');
  const last = parts[parts.length - 1] ?? '';
  if (v === 'NONE' || v === 'CPU' || last === 'NONE') return { accelerator: 'NONE', model: '' };
  if (v === 'GPU') return { accelerator: 'GPU', model: 'T4' };
  if (v === 'TPU') return { accelerator: 'TPU', model: 'V5E1' };
  if (['T4', 'L4', 'A100', 'H100', 'G4'].includes(last)) return { accelerator: 'GPU', model: last };
  if (['V5E1', 'V6E1', 'V28', 'V2-8'].includes(last)) return { accelerator: 'TPU', model: last === 'V2-8' ? 'V28' : last };
  return null;
}

/**
 * The runtime spec assigned for a requested accelerator (and High-RAM).
 * @param {{ accelerator: string, model: string, highRam?: boolean }} requested
 * @returns {RuntimeSpec}
 */
export function runtimeFor(requested) {
  if (requested.accelerator === 'TPU') return withHighRam({ kind: 'tpu', ...RUNTIMES.tpu, model: requested.model || 'V5E1' }, requested.highRam);
  const kind = requested.accelerator === 'GPU' ? requested.model.toLowerCase() : 'cpu';
  const spec = RUNTIMES[/** @type {keyof typeof RUNTIMES} */ (kind)] ?? RUNTIMES.cpu;
  return withHighRam(/** @type {RuntimeSpec} */ ({ kind: kind in RUNTIMES ? kind : 'cpu', ...spec }), requested.highRam);
}

/** @param {string} kind */
export function runtimeOfKind(kind) {
  const k = String(kind).toLowerCase();
  if (!(k in RUNTIMES)) return null;
  return /** @type {RuntimeSpec} */ ({ kind: k, ...RUNTIMES[/** @type {keyof typeof RUNTIMES} */ (k)] });
}

const GPUS = {
  T4: { name: 'Tesla T4', mem: 15360, cap: 70, idle: 9, temp: 36, driver: '550.54.15', cuda: '12.4' },
  L4: { name: 'NVIDIA L4', mem: 23034, cap: 72, idle: 16, temp: 44, driver: '550.54.15', cuda: '12.4' },
  A100: { name: 'NVIDIA A100-SXM4-40GB', mem: 40960, cap: 400, idle: 46, temp: 31, driver: '550.54.15', cuda: '12.4' },
  H100: { name: 'NVIDIA H100 80GB HBM3', mem: 81559, cap: 700, idle: 69, temp: 33, driver: '550.54.15', cuda: '12.4' },
  G4: { name: 'NVIDIA RTX PRO 6000 Blackwell Server Edition', mem: 97887, cap: 600, idle: 33, temp: 30, driver: '580.82.07', cuda: '13.0' },
};

/**
 * @typedef {object} KernelRuntimeState per-runtime interpreter state (reset on restart/reconnect)
 * @property {RuntimeSpec | null} runtime
 * @property {Set<string>} names    imported names
 * @property {string | null} mounted  Drive mountpoint
 * @property {string} cwd
 * @property {Set<string>} installed packages pip-installed in this runtime
 * @property {Set<string>} cloned   directories created by git clone
 */

/**
 * The user's Google Drive as far as the fake kernel needs it: the installs Launchpad keeps there
 * ("Keep installs on Drive"), key → the sha256 of the archive. Module state of the page, so it
 * outlives runtimes (VM resets) and notebooks, as Drive does; `packageIndexRequests` counts what
 * online installs download. What the real helper does (archives, manifests, checksums, faults) is
 * tested in real IPython (test/ipython/install-cache.test.ts); this models only what it prints,
 * for the browser tests. Digests are made up (a counter), not hashes.
 */
export const DRIVE = { keptInstalls: new Map(), packageIndexRequests: 0, archivesWritten: 0 };

/** 16 hex of a string (FNV-1a, twice): the replica's stand-in for the key's hash of the specs. */
function hex16(text) {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const ch of text) {
    a = Math.imul(a ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    b = Math.imul(b ^ ch.charCodeAt(0), 0x811c9dc5) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * The `allowed={'key': ['sha', …], …}` literal of a generated pip cell (keys and digests are plain
 * characters, quote.ts quotes them): key → digests.
 * @param {string | undefined} expr
 */
function allowedDigests(expr) {
  /** @type {Map<string, string[]>} */
  const allowed = new Map();
  for (const [, key, list] of (expr ?? '').matchAll(/'([^']+)':\s*\[([^\]]*)\]/g)) {
    allowed.set(key ?? '', [...(list ?? '').matchAll(/'([0-9a-f]{64})'/g)].map((d) => d[1] ?? ''));
  }
  return allowed;
}

/** @returns {KernelRuntimeState} */
export function freshRuntimeState(runtime = null) {
  return { runtime, names: new Set(), mounted: null, cwd: '/content', installed: new Set(), cloned: new Set() };
}

const NVIDIA_FAILED = "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n";

/** @param {Date} d */
function ctime(d) {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${days[d.getDay()]} ${months[d.getMonth()]} ${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${d.getFullYear()}`;
}

/** The full `nvidia-smi` table for a GPU model (nvidia-smi 550-style layout). @param {keyof typeof GPUS} model */
function nvidiaSmiTable(model) {
  const g = GPUS[model];
  const name = g.name.length > 29 ? `${g.name.slice(0, 26)}...` : g.name;
  const row = (/** @type {string} */ a, /** @type {string} */ b, /** @type {string} */ c) => `|${a}|${b}|${c}|`;
  const sep = `+${'-'.repeat(41)}+${'-'.repeat(24)}+${'-'.repeat(22)}+`;
  const wide = `+${'-'.repeat(89)}+`;
  const left2 = ` N/A   ${g.temp}C    P8`;
  const right2 = `${String(g.idle).padStart(2)}W / ${String(g.cap).padStart(4)}W `;
  return [
    `${ctime(new Date())}       `,
    wide,
    `|${` NVIDIA-SMI ${g.driver}`.padEnd(35)}${`Driver Version: ${g.driver}`.padEnd(31)}${`CUDA Version: ${g.cuda}`.padEnd(23)}|`,
    `|${'-'.repeat(41)}+${'-'.repeat(24)}+${'-'.repeat(22)}+`,
    row(' GPU  Name                 Persistence-M ', ' Bus-Id          Disp.A ', ' Volatile Uncorr. ECC '),
    row(' Fan  Temp   Perf          Pwr:Usage/Cap ', '           Memory-Usage ', ' GPU-Util  Compute M. '),
    row(' '.repeat(41), ' '.repeat(24), '               MIG M. '),
    `|${'='.repeat(41)}+${'='.repeat(24)}+${'='.repeat(22)}|`,
    row(`   0  ${name.padEnd(31)}Off `, '   00000000:00:04.0 Off ', '                    0 '),
    row(left2 + ' '.repeat(41 - left2.length - right2.length) + right2, `0MiB / ${String(g.mem).padStart(6)}MiB `.padStart(24), '      0%      Default '),
    row(' '.repeat(41), ' '.repeat(24), '                  N/A '),
    sep,
    ' '.repeat(91),
    wide,
    `|${' Processes:'.padEnd(89)}|`,
    `|${'  GPU   GI   CI        PID   Type   Process name'.padEnd(78)}GPU Memory |`,
    `|${'        ID   ID'.padEnd(78)}Usage      |`,
    `|${'='.repeat(89)}|`,
    `|${'  No running processes found'.padEnd(89)}|`,
    wide,
    '',
  ].join('\n');
}

const PREINSTALLED = {
  numpy: '2.0.2', pandas: '2.2.2', torch: '2.8.0+cu126', torchvision: '0.23.0+cu126', transformers: '4.57.1',
  datasets: '4.0.0', matplotlib: '3.10.0', 'scikit-learn': '1.6.1', tensorflow: '2.19.0', accelerate: '1.10.1',
  requests: '2.32.4', tqdm: '4.67.1', pillow: '11.3.0', scipy: '1.16.2', keras: '3.10.0', seaborn: '0.13.2',
  'huggingface-hub': '0.35.3', 'google-colab': '1.0.0', jax: '0.5.3', opencv: '4.12.0.88',
};
const SITE = '/usr/local/lib/python3.12/dist-packages';

/** @param {string} s */
function versionFor(s) {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${1 + (h % 3)}.${h % 17}.${(h >> 5) % 9}`;
}

/**
 * `pip install …` output.
 * @param {string[]} args
 * @param {KernelRuntimeState} rt
 * @param {boolean} magic `%pip` (adds IPython's restart note)
 */
function pipInstall(args, rt, magic) {
  const quiet = args.some((a) => /^-q+$/.test(a) || a === '--quiet');
  const reqIndex = args.findIndex((a) => a === '-r' || a === '--requirement');
  if (reqIndex >= 0) {
    const file = args[reqIndex + 1] ?? '';
    return `ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'\n`;
  }
  const specs = args.filter((a) => !a.startsWith('-'));
  if (specs.length === 0) return 'ERROR: You must give at least one requirement to install (see "pip help install")\n';
  const lines = [];
  const fresh = [];
  for (const spec of specs) {
    const m = /^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?(?:(==|>=|~=|<=)([\w.+-]+))?/.exec(spec.replace(/^["']|["']$/g, ''));
    if (!m) continue;
    const pkg = (m[1] ?? '').toLowerCase();
    // Invented trigger (pip's real messages): a package the index does not have.
    if (pkg.startsWith('no-such-')) {
      return `ERROR: Could not find a version that satisfies the requirement ${pkg} (from versions: none)\nERROR: No matching distribution found for ${pkg}\n`;
    }
    const pinned = m[2] === '==' ? m[3] : undefined;
    const have = PREINSTALLED[/** @type {keyof typeof PREINSTALLED} */ (pkg)] ?? (rt.installed.has(pkg) ? versionFor(pkg) : undefined);
    if (have && (!pinned || pinned === have)) {
      lines.push(`Requirement already satisfied: ${pkg} in ${SITE} (${have})`);
    } else {
      fresh.push([pkg, pinned ?? versionFor(pkg), pinned ? '==' : '']);
    }
  }
  for (const [pkg, version, pin] of fresh) {
    const wheel = `${String(pkg).replace(/-/g, '_')}-${version}-py3-none-any.whl`;
    const kb = 40 + ((String(pkg).length * 37) % 900);
    lines.push(`Collecting ${pkg}${pin ? `==${version}` : ''}`);
    lines.push(`  Downloading ${wheel}.metadata (${(kb / 100).toFixed(1)} kB)`);
    lines.push(`Downloading ${wheel} (${kb} kB)`);
    lines.push(`\u001b[2K   \u001b[90m━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━\u001b[0m \u001b[32m${kb}.0/${kb}.0 kB\u001b[0m \u001b[31m8.4 MB/s\u001b[0m eta \u001b[36m0:00:00\u001b[0m`);
  }
  if (fresh.length) {
    lines.push(`Installing collected packages: ${fresh.map(([p]) => p).join(', ')}`);
    lines.push(`Successfully installed ${fresh.map(([p, v]) => `${p}-${v}`).join(' ')}`);
    for (const [p] of fresh) rt.installed.add(String(p));
  }
  if (quiet) return '';
  return lines.length ? `${lines.join('\n')}\n${magic ? 'Note: you may need to restart the kernel to use updated packages.\n' : ''}` : '';
}

/**
 * What the extension's pip helper prints (src/recipes/python-helpers.ts, python-install-cache.ts) for
 * requirements `(spec, dist, pinned, constrained)` on one line: skipped when installed; with `cache`
 * (Keep installs on Drive) and Drive mounted, a kept install is reinstalled offline, else installed
 * online and kept. Keyed like the real helper, minus what the replica does not vary. An archive is
 * installed only when its digest is in `allowed` (what Launchpad recorded); after keeping one it
 * prints `LAUNCHPAD_CACHE {"key", "sha256"}`, as the real helper does.
 * @param {string} tuples
 * @param {string | null} cache
 * @param {Map<string, string[]>} allowed
 * @param {KernelRuntimeState} rt
 */
function launchpadPipInstall(tuples, cache, allowed, rt) {
  const specs = [...tuples.matchAll(/\(\s*'([^']+)'/g)].map((t) => t[1] ?? '');
  const missing = specs.filter((spec) => {
    const pkg = spec.toLowerCase().replace(/[=<>~![].*$/, '');
    return !(pkg in PREINSTALLED) && !rt.installed.has(pkg);
  });
  if (missing.length === 0) return 'Nothing to install.\n';
  const python = '/usr/bin/python3';
  const online = () => {
    DRIVE.packageIndexRequests += missing.length * 2;
    return `$ ${python} -m pip install --disable-pip-version-check ${missing.join(' ')}\n${pipInstall(missing, rt, false)}`;
  };
  if (!cache) return online();
  if (rt.mounted !== '/content/drive') {
    return `Install cache: Google Drive is not mounted (/content/drive/MyDrive is missing), so this install is not kept on Drive. Put Mount Drive before this step to keep it.\n${online()}`;
  }
  const accelerator = rt.runtime?.kind === 'tpu' ? 'tpu' : rt.runtime?.kind && rt.runtime.kind !== 'cpu' ? 'cu126' : 'cpu';
  const key = `cp312-manylinux_2_35_x86_64-${accelerator}-torch2.8.0_${accelerator === 'cu126' ? 'cu126' : 'cpu'}-${hex16([...missing].sort().join('\n'))}`;
  const wheels = '/tmp/launchpad-wheels-replica/wheels';
  const kept = DRIVE.keptInstalls.get(key);
  if (kept !== undefined && (allowed.get(key) ?? []).includes(kept)) {
    const lines = [
      `Install cache: installing ${missing.length} wheel(s) kept on Drive, offline (${key}).`,
      `$ ${python} -m pip install --disable-pip-version-check --no-index --find-links ${wheels} ${missing.join(' ')}`,
      `Looking in links: ${wheels}`,
      `Installing collected packages: ${missing.join(', ')}`,
      `Successfully installed ${missing.map((p) => `${p}-${versionFor(p)}`).join(' ')}`,
      'Install cache: installed from Drive in 0.4 s, without the package index.',
    ];
    for (const p of missing) rt.installed.add(p.toLowerCase());
    return `${lines.join('\n')}\n`;
  }
  const reason = kept === undefined
    ? 'nothing kept for these packages yet.'
    : `its archive on Drive was changed or was not made by this Launchpad (its sha256 is not one Launchpad recorded for ${key}).`;
  const text = `Install cache: ${reason} Installing online, then keeping the wheels on Drive.\n${online()}`;
  const sha256 = (++DRIVE.archivesWritten).toString(16).padStart(64, '0');
  DRIVE.keptInstalls.set(key, sha256);
  return `${text}Install cache: kept ${missing.length} wheel(s), 0.1 MiB, on Drive as ${key}.tar.\nLAUNCHPAD_CACHE {"key": "${key}", "sha256": "${sha256}"}\n`;
}

/**
 * Splits a shell command line into words (quotes removed).
 * @param {string} line
 */
function words(line) {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/**
 * Output of one `!command` (or `%pip`/`%cd`) line.
 * @param {string} line the command without `!`
 * @param {KernelRuntimeState} rt
 * @param {boolean} magic
 */
/**
 * What the extension's own GPU check (src/recipes, `_launchpad_gpu_check()`) prints on this
 * runtime: the nvidia-smi table, a summary line, framework probes and its `LAUNCHPAD_GPU {json}`
 * line. The replica cannot run the recipe's Python, so it prints what that Python would print.
 * @param {KernelRuntimeState} rt
 */
function launchpadGpuCheck(rt) {
  const gpu = rt.runtime?.accelerator === 'GPU' ? /** @type {keyof typeof GPUS} */ (rt.runtime.model) : null;
  if (rt.runtime?.accelerator === 'TPU') {
    return 'No GPU: nvidia-smi is not installed on this runtime (CPU or TPU runtime).\n'
      + 'LAUNCHPAD_GPU {"kind": "none", "reason": "nvidia-smi not found", "frameworks": {}}\n';
  }
  if (!gpu || !(gpu in GPUS)) {
    const first = NVIDIA_FAILED.split('\n')[0] ?? '';
    return `${NVIDIA_FAILED.trim()}\nNo GPU: nvidia-smi could not talk to an NVIDIA driver (CPU or TPU runtime).\n`
      + `LAUNCHPAD_GPU ${JSON.stringify({ kind: 'none', reason: first, frameworks: {} })}\n`;
  }
  const g = GPUS[gpu];
  const info = { kind: 'gpu', gpus: [{ name: g.name, memory_mib: g.mem, driver: g.driver }], cuda: g.cuda, frameworks: { torch: { version: '2.8.0+cu126', sees_gpu: true } } };
  return `${nvidiaSmiTable(gpu).trim()}\n\nGPU: ${g.name}, ${g.mem} MiB, driver ${g.driver}, CUDA ${g.cuda}\n`
    + 'torch 2.8.0+cu126: sees the GPU\n'
    + `LAUNCHPAD_GPU ${JSON.stringify(info)}\n`;
}

function shell(line, rt, magic = false) {
  const w = words(line.trim());
  const cmd = w[0] ?? '';
  const gpu = rt.runtime?.accelerator === 'GPU' ? /** @type {keyof typeof GPUS} */ (rt.runtime.model) : null;
  switch (cmd) {
    case '':
      return '';
    case 'nvidia-smi': {
      if (rt.runtime?.accelerator === 'TPU') return '/bin/bash: line 1: nvidia-smi: command not found\n';
      if (!gpu || !(gpu in GPUS)) return NVIDIA_FAILED;
      const query = w.find((a) => a.startsWith('--query-gpu='));
      if (query) {
        const g = GPUS[gpu];
        const noheader = w.some((a) => a.includes('noheader'));
        const fields = query.slice('--query-gpu='.length).split(',');
        const value = (/** @type {string} */ f) => ({ name: g.name, 'memory.total': `${g.mem} MiB`, driver_version: g.driver, 'memory.used': '0 MiB', 'memory.free': `${g.mem - 3} MiB`, 'temperature.gpu': String(g.temp), 'utilization.gpu': '0 %' })[f] ?? '[N/A]';
        const header = fields.map((f) => (f === 'memory.total' ? 'memory.total [MiB]' : f)).join(', ');
        return `${noheader ? '' : `${header}\n`}${fields.map(value).join(', ')}\n`;
      }
      if (w.includes('-L')) return `GPU 0: ${GPUS[gpu].name} (UUID: GPU-5f3c2a1e-8b7d-4c6e-9a0f-1d2e3f4a5b6c)\n`;
      return nvidiaSmiTable(gpu);
    }
    case 'pip':
    case 'pip3':
      if (w[1] === 'install') return pipInstall(w.slice(2), rt, magic);
      if (w[1] === '--version') return `pip 24.1.2 from ${SITE}/pip (python 3.12)\n`;
      return '';
    case 'python':
    case 'python3':
      if (w[1] === '--version' || w[1] === '-V') return 'Python 3.12.12\n';
      if (w[1] === '-m' && w[2] === 'pip' && w[3] === 'install') return pipInstall(w.slice(4), rt, false);
      return `python3: can't open file '${rt.cwd}/${w[1] ?? ''}': [Errno 2] No such file or directory\n`;
    case 'pwd':
      return `${rt.cwd}\n`;
    case 'echo':
      return `${w.slice(1).join(' ')}\n`;
    case 'ls': {
      const target = w.slice(1).find((a) => !a.startsWith('-')) ?? rt.cwd;
      const path = target.startsWith('/') ? target.replace(/\/+$/, '') : `${rt.cwd}/${target}`.replace(/\/+$/, '');
      const mount = rt.mounted;
      if (path === '/content') return `${[...(mount === '/content/drive' ? ['drive'] : []), ...rt.cloned, 'sample_data'].sort().join('  ')}\n`;
      if (mount && path === mount) return 'MyDrive\n';
      if (mount && path === `${mount}/MyDrive`) return "'Colab Notebooks'\n";
      if (path === '/content/sample_data') return 'anscombe.json\t\t      mnist_test.csv\ncalifornia_housing_test.csv   mnist_train_small.csv\ncalifornia_housing_train.csv  README.md\n';
      return `ls: cannot access '${target}': No such file or directory\n`;
    }
    case 'git': {
      if (w[1] !== 'clone' || !w[2]) return w[1] === '--version' ? 'git version 2.34.1\n' : '';
      const url = w[2];
      const dir = w[3] ?? (url.split('/').filter(Boolean).pop() ?? 'repo').replace(/\.git$/, '');
      if (rt.cloned.has(dir)) return `fatal: destination path '${dir}' already exists and is not an empty directory.\n`;
      rt.cloned.add(dir);
      let n = 0;
      for (const c of url) n = (n * 33 + c.charCodeAt(0)) % 5000;
      const objects = 300 + n;
      return [
        `Cloning into '${dir}'...`,
        `remote: Enumerating objects: ${objects}, done.`,
        `remote: Counting objects: 100% (${Math.round(objects / 3)}/${Math.round(objects / 3)}), done.`,
        `remote: Compressing objects: 100% (${Math.round(objects / 6)}/${Math.round(objects / 6)}), done.`,
        `remote: Total ${objects} (delta ${Math.round(objects / 5)}), reused ${Math.round(objects / 8)} (delta ${Math.round(objects / 9)}), pack-reused ${objects - Math.round(objects / 3)} (from 1)`,
        `Receiving objects: 100% (${objects}/${objects}), ${(objects / 250).toFixed(2)} MiB | 14.52 MiB/s, done.`,
        `Resolving deltas: 100% (${Math.round(objects / 5)}/${Math.round(objects / 5)}), done.`,
        '',
      ].join('\n');
    }
    default:
      return `/bin/bash: line 1: ${cmd}: command not found\n`;
  }
}

/**
 * Parses a Python literal expression: string (with escapes, f-strings without fields), number,
 * True/False/None. Returns `{ value }` (display string) or null when not a literal.
 * @param {string} expr
 * @param {KernelRuntimeState} rt
 * @returns {{ value: string, repr: string } | null}
 */
function literal(expr, rt) {
  const e = expr.trim();
  const str = /^([rRbBfFuU]{0,2})("""|'''|"|')([\s\S]*)\2$/.exec(e);
  if (str) {
    const prefix = (str[1] ?? '').toLowerCase();
    const body = str[3] ?? '';
    if (prefix.includes('f') && /\{[^{]/.test(body)) return null;
    const value = prefix.includes('r') ? body : body.replace(/\\(n|t|\\|'|"|r)/g, (_m, c) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' })[/** @type {'n'} */ (c)] ?? c);
    return { value, repr: `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'` };
  }
  if (/^-?\d+(\.\d+)?$/.test(e)) return { value: e, repr: e };
  if (/^\d+\s*[-+*]\s*\d+$/.test(e)) {
    const [, a, op, b] = /^(\d+)\s*([-+*])\s*(\d+)$/.exec(e) ?? [];
    const x = Number(a);
    const y = Number(b);
    const v = String(op === '+' ? x + y : op === '-' ? x - y : x * y);
    return { value: v, repr: v };
  }
  if (e === 'True' || e === 'False' || e === 'None') return { value: e, repr: e };
  if (e === 'torch.cuda.is_available()' && rt.names.has('torch')) {
    const v = rt.runtime?.accelerator === 'GPU' ? 'True' : 'False';
    return { value: v, repr: v };
  }
  return null;
}

/**
 * Splits a top-level comma-separated argument list (quotes and brackets respected).
 * @param {string} args
 */
function splitArgs(args) {
  const out = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (let i = 0; i < args.length; i++) {
    const c = args[i] ?? '';
    if (quote) {
      if (c === '\\') { cur += c + (args[i + 1] ?? ''); i++; continue; }
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/**
 * Splits a line into statements on top-level `;`.
 * @param {string} line
 */
function statements(line) {
  const out = [];
  let quote = '';
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (quote) {
      if (c === '\\') { cur += c + (line[i + 1] ?? ''); i++; continue; }
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') break;
    else if (c === ';') { out.push(cur); cur = ''; continue; }
    cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

/**
 * A realistic IPython traceback (ANSI-coloured like Colab's error outputs).
 * @param {string} code
 * @param {number} lineIndex 0-based line of the failing statement
 * @param {string} ename
 * @param {string} evalue
 * @returns {string[]}
 */
export function traceback(code, lineIndex, ename, evalue) {
  const lines = code.split('\n');
  const from = Math.max(0, lineIndex - 2);
  const context = [];
  for (let i = from; i <= Math.min(lines.length - 1, lineIndex + 2); i++) {
    const no = String(i + 1);
    context.push(i === lineIndex ? `\u001b[0;32m----> ${no}\u001b[0;31m ${lines[i]}\u001b[0m` : `\u001b[0;32m${no.padStart(6)}\u001b[0m ${lines[i]}`);
  }
  const file = `/tmp/ipython-input-${String(3000000000 + (code.length * 7919) % 999999999)}.py`;
  return [
    '\u001b[0;31m---------------------------------------------------------------------------\u001b[0m',
    `\u001b[0;31m${ename}\u001b[0m${' '.repeat(Math.max(1, 42 - ename.length))}Traceback (most recent call last)`,
    `\u001b[0;32m${file}\u001b[0m in \u001b[0;36m<cell line: 0>\u001b[0;34m()\u001b[0m\n${context.join('\n')}\n`,
    `\u001b[0;31m${ename}\u001b[0m: ${evalue}`,
  ];
}

/**
 * @typedef {{ output_type: 'stream', name: 'stdout' | 'stderr', text: string }
 *   | { output_type: 'execute_result', execution_count: number | null, data: Record<string, string>, metadata: object }
 *   | { output_type: 'display_data', data: Record<string, string>, metadata: object }
 *   | { output_type: 'error', ename: string, evalue: string, traceback: string[] }} Output
 */

/**
 * Runs a cell's code against the runtime state. Lines are interpreted one by one (indented lines
 * and unknown statements produce nothing); the first error stops the cell.
 * @param {string} code
 * @param {KernelRuntimeState} rt mutated (imports, mounts, installs)
 * @returns {{ outputs: Output[], error: { ename: string, evalue: string, traceback: string[] } | null, extraMs: number, killsKernel: boolean }}
 */
export function interpret(code, rt) {
  /** @type {Output[]} */
  const outputs = [];
  let extraMs = 0;
  let killsKernel = false;
  /** @param {string} text */
  const stdout = (text) => {
    if (!text) return;
    const last = outputs[outputs.length - 1];
    if (last && last.output_type === 'stream' && last.name === 'stdout') last.text += text;
    else outputs.push({ output_type: 'stream', name: 'stdout', text });
  };
  const lines = code.split('\n');
  /** @type {{ ename: string, evalue: string, traceback: string[] } | null} */
  let error = null;
  /** @param {number} i @param {string} ename @param {string} evalue */
  const fail = (i, ename, evalue) => {
    error = { ename, evalue, traceback: traceback(code, i, ename, evalue) };
  };
  let inTriple = '';
  const lastCodeLine = lines.reduce((acc, l, i) => (l.trim() && !l.trim().startsWith('#') && !/^\s/.test(l) ? i : acc), -1);

  for (let i = 0; i < lines.length && !error && !killsKernel; i++) {
    const raw = lines[i] ?? '';
    if (inTriple) {
      if (raw.includes(inTriple)) inTriple = '';
      continue;
    }
    const triple = /("""|''')/.exec(raw);
    if (triple && (raw.split(triple[1] ?? '').length - 1) % 2 === 1) {
      inTriple = triple[1] ?? '';
      continue;
    }
    if (!raw.trim() || /^\s/.test(raw)) continue; // blank or indented (block bodies are not run)
    const line = raw.trim();
    if (line.startsWith('!')) {
      stdout(shell(line.slice(1), rt));
      continue;
    }
    if (line.startsWith('%')) {
      const m = /^%(\w+)\s*(.*)$/.exec(line);
      const magic = m?.[1] ?? '';
      const rest = m?.[2] ?? '';
      if (magic === 'pip') stdout(shell(`pip ${rest}`, rt, true));
      else if (magic === 'cd') {
        const target = rest.trim().replace(/^["']|["']$/g, '') || '/root';
        const next = target.startsWith('/') ? target : `${rt.cwd}/${target}`;
        const known = next === '/content' || next === '/root' || (rt.mounted && next.startsWith(rt.mounted)) || [...rt.cloned].some((d) => next === `/content/${d}`);
        if (known) {
          rt.cwd = next.replace(/\/+$/, '');
          stdout(`${rt.cwd}\n`);
        } else stdout(`[Errno 2] No such file or directory: '${target}'\n${rt.cwd}\n`);
      } else if (magic === 'env' || magic === 'matplotlib' || magic === 'load_ext' || magic === 'capture') {
        // silent magics
      } else {
        fail(i, 'UsageError', `Line magic function \`%${magic}\` not found.`);
      }
      continue;
    }
    for (const stmt of statements(line)) {
      if (error) break;
      let m;
      if ((m = /^from\s+([\w.]+)\s+import\s+(.+)$/.exec(stmt))) {
        for (const part of (m[2] ?? '').replace(/[()]/g, '').split(',')) {
          const as = /(\w+)(?:\s+as\s+(\w+))?/.exec(part.trim());
          if (as) rt.names.add(as[2] ?? as[1] ?? '');
        }
      } else if ((m = /^import\s+(.+)$/.exec(stmt))) {
        for (const part of (m[1] ?? '').split(',')) {
          const as = /([\w.]+)(?:\s+as\s+(\w+))?/.exec(part.trim());
          if (as) rt.names.add(as[2] ?? (as[1] ?? '').split('.')[0] ?? '');
        }
      } else if ((m = /^drive\.mount\((.*)\)$/.exec(stmt))) {
        if (!rt.names.has('drive')) { fail(i, 'NameError', "name 'drive' is not defined"); break; }
        const args = splitArgs(m[1] ?? '');
        const positional = args.filter((a) => !/^\w+\s*=/.test(a));
        const mountpoint = positional[0] ? literal(positional[0], rt)?.value ?? '/content/drive' : '/content/drive';
        const force = args.some((a) => /^force_remount\s*=\s*True$/.test(a)) || positional[1] === 'True';
        if (rt.mounted === mountpoint && !force) {
          stdout(`Drive already mounted at ${mountpoint}; to attempt to forcibly remount, call drive.mount("${mountpoint}", force_remount=True).\n`);
        } else {
          rt.mounted = mountpoint;
          stdout(`Mounted at ${mountpoint}\n`);
        }
      } else if ((m = /^_launchpad_mount_drive\((.*)\)$/.exec(stmt))) {
        // The extension's mount helper (src/recipes/python-helpers.ts): drive.mount after its pre-checks.
        const [mp, force] = splitArgs(m[1] ?? '');
        const mountpoint = literal(mp ?? '', rt)?.value ?? '/content/drive';
        if (rt.mounted === mountpoint && force !== 'True') {
          stdout(`Drive already mounted at ${mountpoint}; to attempt to forcibly remount, call drive.mount("${mountpoint}", force_remount=True).\n`);
        } else {
          rt.mounted = mountpoint;
          stdout(`Mounted at ${mountpoint}\n`);
        }
      } else if ((m = /^_launchpad_pip_(?:install\(\[(.*)\]|locked\(\[(.*)\], \{.*?\})(?:,\s*cache=('[^']*')(?:,\s*allowed=(\{.*\}))?)?(?:,\s*held_ok=\[[^\]]*\])?(?:,\s*restart=True)?\)$/.exec(stmt))) {
        // A preset's step calls _launchpad_pip_locked with its locks (issue 19): the replica installs
        // as without them (it has no versions); locks are tested with the real IPython kernel.
        // held_ok and restart (Colab-safe installs) change nothing here: this model has no held packages and imports nothing.
        stdout(launchpadPipInstall(m[1] ?? m[2] ?? '', m[3] ? literal(m[3], rt)?.value ?? null : null, allowedDigests(m[4]), rt));
      } else if (/^_launchpad_gpu_check\(\)$/.test(stmt)) {
        stdout(launchpadGpuCheck(rt));
      } else if (/^drive\.flush_and_unmount\(\)$/.test(stmt)) {
        if (!rt.names.has('drive')) { fail(i, 'NameError', "name 'drive' is not defined"); break; }
        rt.mounted = null;
        stdout('All changes made in this colab session should now be visible in Drive.\n');
      } else if ((m = /^print\((.*)\)$/.exec(stmt))) {
        const args = splitArgs(m[1] ?? '');
        const values = [];
        let sep = ' ';
        let end = '\n';
        let ok = true;
        for (const a of args) {
          const kw = /^(sep|end|flush|file)\s*=\s*(.+)$/.exec(a);
          if (kw) {
            if (kw[1] === 'sep') sep = literal(kw[2] ?? '', rt)?.value ?? sep;
            if (kw[1] === 'end') end = literal(kw[2] ?? '', rt)?.value ?? end;
            continue;
          }
          const lit = literal(a, rt);
          if (!lit) { ok = false; break; }
          values.push(lit.value);
        }
        if (ok) stdout(values.join(sep) + end);
      } else if ((m = /^raise\s+(\w+)(?:\((.*)\))?$/.exec(stmt))) {
        const ename = m[1] ?? 'Exception';
        const arg = m[2] ? literal(m[2], rt) : null;
        fail(i, ename, arg ? arg.value : '');
      } else if (/^os\.kill\(os\.getpid\(\),\s*signal\.SIGKILL\)$/.test(stmt)) {
        killsKernel = true;
        break;
      } else if ((m = /^time\.sleep\(([\d.]+)\)$/.exec(stmt))) {
        if (!rt.names.has('time')) { fail(i, 'NameError', "name 'time' is not defined"); break; }
        extraMs += Math.min(60_000, Number(m[1]) * 1000);
      } else if (i === lastCodeLine) {
        const lit = literal(stmt, rt);
        if (lit && lit.value !== 'None') outputs.push({ output_type: 'execute_result', execution_count: null, data: { 'text/plain': lit.repr }, metadata: {} });
      }
    }
  }
  if (error) outputs.push({ output_type: 'error', ...(/** @type {{ ename: string, evalue: string, traceback: string[] }} */ (error)) });
  return { outputs, error, extraMs, killsKernel };
}
