/**
 * "Keep installs on Drive", run for real: generated pip-install cells in IPython, real pip, real
 * wheels (one compiled from an sdist) from a local throttled index (package-index.ts), a "Drive"
 * folder that outlives the runtimes. Cold run, warm replay after a reset, every fault, the key.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/recipes/cell';
import { runCellsInIPython, type IPythonRun } from './harness';
import { atContent, cellSpec, compiles, importCheck, keptInstallCell, mountedContent, pipCalls, recordedDigests, type Allowed } from './install-replay';
import { buildDistributions, servePackageIndex, type PackageIndex } from './package-index';

let work: string;
let index: PackageIndex;
let content: string;
const folderOf = (c: string) => join(c, 'drive', 'MyDrive', '.colab-launchpad', 'pip');

/** Every file under `root` outside Launchpad's folder, with its content hash. */
function userFiles(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (name === '.colab-launchpad') continue;
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(root, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(root);
  return out;
}

function seedUserFiles(c: string) {
  const myDrive = join(c, 'drive', 'MyDrive');
  mkdirSync(join(myDrive, 'thesis data'), { recursive: true });
  writeFileSync(join(myDrive, 'thesis data', 'notes.txt'), 'mine\n');
  writeFileSync(join(myDrive, '.colab-launchpad.txt'), 'not Launchpad’s folder\n');
}

const manifests = (c: string) => (existsSync(folderOf(c)) ? readdirSync(folderOf(c)).filter((n) => n.endsWith('.json')).sort() : []);
const readManifest = (c: string, name: string) => JSON.parse(readFileSync(join(folderOf(c), name), 'utf8')) as Record<string, unknown>;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * What an attacker with write access to Drive does (review M1): adds a `.pth` to every wheel in
 * `<key>.tar`, repacks it, and rewrites the manifest's size and sha256 to match. Returns the new sha256.
 */
function swapWheel(folder: string, key: string): string {
  const script = [
    'import hashlib, io, json, os, sys, tarfile, zipfile',
    'folder, key = sys.argv[1:3]',
    "archive, manifest = os.path.join(folder, key + '.tar'), os.path.join(folder, key + '.json')",
    'with tarfile.open(archive) as tar:',
    '    members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]',
    'out = io.BytesIO()',
    "with tarfile.open(fileobj=out, mode='w') as tar:",
    '    for member, data in members:',
    '        wheel, buf = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()',
    "        with zipfile.ZipFile(buf, 'w') as z:",
    '            for item in wheel.infolist():',
    '                z.writestr(item, wheel.read(item.filename))',
    "            z.writestr('launchpad_trojan.pth', 'import sys\\n')",
    '        member.size = len(buf.getvalue())',
    '        tar.addfile(member, io.BytesIO(buf.getvalue()))',
    "open(archive, 'wb').write(out.getvalue())",
    "meta = json.load(open(manifest, encoding='utf-8'))",
    "meta.update(size=len(out.getvalue()), sha256=hashlib.sha256(out.getvalue()).hexdigest())",
    "json.dump(meta, open(manifest, 'w', encoding='utf-8'))",
    "print(meta['sha256'])",
  ].join('\n');
  return execFileSync('/usr/bin/python3', ['-c', script, folder, key], { encoding: 'utf8' }).trim();
}

/** The swapped wheel's `.pth` wherever it was installed under `root` (a cell's user site). */
function trojanIn(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'launchpad_trojan.pth') found.push(name);
    }
  };
  walk(root);
  return found;
}

/** One runtime: the install cell (allowing the archives in `allowed`), then a cell importing what it installed. */
async function runtime(c: string, packages: string[], modules: string[], userBase: string, allowed: Allowed = {}) {
  const before = index.counts();
  const started = Date.now();
  const [install, check] = await runCellsInIPython(
    [cellSpec(keptInstallCell(packages, c, allowed), index.url, userBase), cellSpec(importCheck(modules), index.url, userBase)],
    { mode: 'notebook' },
  );
  const after = index.counts();
  return { install: install as IPythonRun, check: check as IPythonRun, requests: after.requests - before.requests, ms: Date.now() - started };
}

let cold: Awaited<ReturnType<typeof runtime>>;
let warm: Awaited<ReturnType<typeof runtime>>;
let goodFolder: string;
/** What Launchpad recorded from the cold run: the digest that authorizes lp-pure-demo's archive. */
let coldAllowed: Allowed;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'clp-install-cache-'));
  index = await servePackageIndex(buildDistributions(join(work, 'index')), 4 * 1024 * 1024);
  content = mountedContent(join(work, 'main'));
  seedUserFiles(content);
  cold = await runtime(content, ['lp-pure-demo'], ['lp_pure_demo', 'lp_cext_demo'], join(work, 'user-cold'));
  goodFolder = join(work, 'good-cache');
  cpSync(folderOf(content), goodFolder, { recursive: true });
  coldAllowed = recordedDigests(cold.install);
  warm = await runtime(content, ['lp-pure-demo'], ['lp_pure_demo', 'lp_cext_demo'], join(work, 'user-warm'), coldAllowed);
}, 180_000);

afterAll(async () => {
  await index?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('keep installs on Drive: cold run, then a replay after a reset', () => {
  it('the cold run installs online, compiles the sdist once, and writes one archive with its manifest', () => {
    expect(cold.install.error).toBeUndefined();
    expect(cold.install.stdout).toContain('Install cache: nothing kept for these packages yet. Installing online');
    expect(cold.requests).toBeGreaterThan(0);
    expect(compiles(cold.install)).toBeGreaterThan(0);
    expect(cold.check.stdout).toContain('IMPORTED 5');
    const [name, ...more] = manifests(content);
    expect(more).toEqual([]);
    expect(name).toMatch(/^cp3\d+-manylinux_\d+_\d+_x86_64-cpu-torchnone-[0-9a-f]{16}\.json$/);
    const meta = readManifest(content, name as string);
    const archive = join(folderOf(content), (name as string).replace(/\.json$/, '.tar'));
    expect(meta.size).toBe(statSync(archive).size);
    expect(meta.sha256).toBe(sha256(archive));
    expect(meta.wheels).toEqual([expect.stringMatching(/^lp_cext_demo-1\.0-cp3\d+-cp3\d+-linux_x86_64\.whl$/), 'lp_pure_demo-1.0-py3-none-any.whl']);
    expect(readdirSync(folderOf(content)).filter((n) => n.includes('.partial'))).toEqual([]);
    // The line Launchpad records with the preset: this key, this archive's sha256.
    expect(coldAllowed).toEqual({ [(name as string).replace(/\.json$/, '')]: [sha256(archive)] });
  });

  it('the warm replay, allowing the recorded digest, installs offline from the local copy: --no-index, zero index requests, zero builds', () => {
    expect(warm.install.error).toBeUndefined();
    expect(warm.requests).toBe(0);
    expect(compiles(warm.install)).toBe(0);
    const calls = pipCalls(warm.install);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual(expect.arrayContaining(['install', '--no-index', '--find-links', 'lp-pure-demo']));
    const links = calls[0]?.[calls[0].indexOf('--find-links') + 1] ?? '';
    expect(links.startsWith(join(work, 'main'))).toBe(false); // a local copy, not the Drive folder
    expect(warm.install.stdout).toContain('without the package index');
    expect(warm.check.stdout).toContain('IMPORTED 5');
  });

  it('writes nothing on Drive outside its own folder', () => {
    expect(userFiles(join(content, 'drive'))).toEqual({
      'MyDrive/.colab-launchpad.txt': sha256(join(content, 'drive', 'MyDrive', '.colab-launchpad.txt')),
      'MyDrive/thesis data/notes.txt': createHash('sha256').update('mine\n').digest('hex'),
    });
  });
});

describe('every cache fault ends in a working online install and says why', () => {
  type Fault = {
    name: string;
    prepare: (folder: string) => void;
    expect: RegExp;
    /** The digests the cell allows; default: the ones recorded when the good archive was made. */
    allowed?: () => Allowed;
    /** Other keys' manifest files that must still be there afterwards (left alone). */
    others?: string[];
  };
  const keyName = () => readdirSync(goodTiny).find((n) => n.endsWith('.json'))?.replace(/\.json$/, '') ?? '';
  const otherKey = (hex: string) => keyName().replace(/[0-9a-f]{16}$/, hex.repeat(16));
  const NOT_OURS = /its archive on Drive was changed or was not made by this Launchpad \(its sha256 is not one Launchpad recorded for cp3\d+-[^)]*\)\. Installing online/;
  const FAULTS: Fault[] = [
    {
      name: 'truncated archive',
      prepare: (folder) => truncateSync(join(folder, `${keyName()}.tar`), 1000),
      expect: /its archive on Drive is 1000 bytes, the manifest says \d+ \(truncated, or Drive has not synced it yet\)\. Installing online/,
    },
    {
      name: 'archive changed on Drive, manifest not (same size)',
      prepare: (folder) => {
        const file = join(folder, `${keyName()}.tar`);
        const bytes = readFileSync(file);
        bytes.writeUInt8((bytes.at(-1) ?? 0) ^ 0xff, bytes.length - 1);
        writeFileSync(file, bytes);
      },
      expect: /its archive does not match its manifest \(size or sha256\)\. Installing online/,
    },
    {
      name: 'half-synced (archive without manifest)',
      prepare: (folder) => rmSync(join(folder, `${keyName()}.json`)),
      expect: /its archive has no manifest \(an earlier upload did not finish\)\. Installing online/,
    },
    {
      name: 'archive for another Python version',
      prepare: (folder) => {
        const key = keyName();
        const other = key.replace(/^cp3\d+/, 'cp399');
        const meta = JSON.parse(readFileSync(join(folder, `${key}.json`), 'utf8')) as Record<string, unknown>;
        writeFileSync(join(folder, `${other}.json`), JSON.stringify({ ...meta, key: other, python: '3.99' }));
        cpSync(join(folder, `${key}.tar`), join(folder, `${other}.tar`));
        rmSync(join(folder, `${key}.json`));
        rmSync(join(folder, `${key}.tar`));
      },
      expect: /the kept installs are for Python 3\.99; this runtime has Python 3\.\d+\. Installing online/,
    },
    {
      name: 'a swapped wheel with a rewritten manifest (size and sha256 match the new archive)',
      prepare: (folder) => swapWheel(folder, keyName()),
      expect: NOT_OURS,
    },
    {
      name: 'an archive made by another browser profile (this preset recorded nothing)',
      prepare: () => undefined,
      allowed: () => ({}),
      expect: NOT_OURS,
    },
    {
      name: 'an archive made by another browser profile (this preset recorded another archive for the key)',
      prepare: () => undefined,
      allowed: () => ({ [keyName()]: ['f'.repeat(64)] }),
      expect: NOT_OURS,
    },
    {
      name: 'this key’s manifest is not a JSON object',
      prepare: (folder) => writeFileSync(join(folder, `${keyName()}.json`), '[1, 2]'),
      expect: /Install cache: its manifest cannot be read\. Installing online/,
    },
    {
      name: 'manifests of other keys that are not what Launchpad writes (pruning never fails the step)',
      prepare: (folder) => {
        const python = (JSON.parse(readFileSync(join(folder, `${keyName()}.json`), 'utf8')) as { python: string }).python;
        const bad: Record<string, string> = {
          '1': '[1, 2]',
          '2': '"a string"',
          '3': JSON.stringify({ python, size: 'big', created: 5 }),
          '4': JSON.stringify({ python, size: 10, created: 'yesterday' }),
          '5': `{"python": ${JSON.stringify(python)}, "size": Infinity, "created": 1}`,
        };
        for (const [hex, text] of Object.entries(bad)) writeFileSync(join(folder, `${otherKey(hex)}.json`), text);
      },
      allowed: () => ({}), // a miss, so the archive is written and the folder pruned
      expect: NOT_OURS,
      others: ['1', '2', '3', '4', '5'],
    },
  ];
  let runs: IPythonRun[];
  let dirs: string[];
  let goodTiny: string;
  let tinyAllowed: Allowed;
  let notMounted: IPythonRun;
  let notMountedDir: string;
  let overCap: IPythonRun;
  let capDir: string;
  let control: IPythonRun;

  beforeAll(async () => {
    // The faults use the small pure package (no compile), from a cache its own cold run wrote.
    const tinyDir = mountedContent(join(work, 'tiny'));
    const [tinyCold] = await runCellsInIPython([cellSpec(keptInstallCell(['lp-tiny-demo'], tinyDir), index.url, join(work, 'user-tiny'))]);
    tinyAllowed = recordedDigests(tinyCold as IPythonRun);
    goodTiny = join(work, 'good-tiny');
    cpSync(folderOf(tinyDir), goodTiny, { recursive: true });
    dirs = FAULTS.map((fault, i) => {
      const c = mountedContent(join(work, `fault-${i}`));
      seedUserFiles(c);
      cpSync(goodTiny, folderOf(c), { recursive: true });
      fault.prepare(folderOf(c));
      return c;
    });
    // The control: the same swapped archive, had Launchpad recorded its digest, is installed.
    const controlDir = mountedContent(join(work, 'control'));
    cpSync(goodTiny, folderOf(controlDir), { recursive: true });
    const swapped = swapWheel(folderOf(controlDir), keyName());
    // Over the size cap: two kept entries of this Python for other requirements, the older one
    // claiming 5 GiB in its manifest (prune reads the manifests' sizes); no entry for this step yet.
    capDir = mountedContent(join(work, 'cap'));
    mkdirSync(folderOf(capDir), { recursive: true });
    const meta = JSON.parse(readFileSync(join(goodTiny, `${keyName()}.json`), 'utf8')) as Record<string, unknown>;
    for (const [suffix, size, created] of [['a', 5 * 2 ** 30, 1], ['b', 10, 2]] as const) {
      const key = otherKey(suffix);
      writeFileSync(join(folderOf(capDir), `${key}.json`), JSON.stringify({ ...meta, key, size, created }));
      writeFileSync(join(folderOf(capDir), `${key}.tar`), 'x');
    }
    notMountedDir = join(work, 'unmounted', 'content');
    mkdirSync(join(notMountedDir, 'drive'), { recursive: true });
    // Isolated cells: each has its own user site (PYTHONUSERBASE), so each installs from scratch.
    const cells = [
      ...dirs.map((c, i) => cellSpec(keptInstallCell(['lp-tiny-demo'], c, FAULTS[i]?.allowed?.() ?? tinyAllowed), index.url, join(work, `user-fault-${i}`))),
      cellSpec(keptInstallCell(['lp-tiny-demo'], notMountedDir), index.url, join(work, 'user-unmounted')),
      cellSpec(keptInstallCell(['lp-tiny-demo'], capDir), index.url, join(work, 'user-cap')),
      cellSpec(keptInstallCell(['lp-tiny-demo'], controlDir, { [keyName()]: [swapped] }), index.url, join(work, 'user-control')),
    ];
    const results = await runCellsInIPython(cells);
    runs = results.slice(0, FAULTS.length);
    notMounted = results.at(-3) as IPythonRun;
    overCap = results.at(-2) as IPythonRun;
    control = results.at(-1) as IPythonRun;
  }, 240_000);

  it.each(FAULTS.map((fault, i) => [fault.name, i] as const))('%s', (_name, i) => {
    const run = runs[i] as IPythonRun;
    const fault = FAULTS[i] as Fault;
    expect(run.error).toBeUndefined();
    expect(run.stdout).toMatch(fault.expect);
    expect(run.stdout).not.toContain('could not tidy');
    expect(run.stdout).not.toContain('kept on Drive, offline'); // nothing was installed from the archive
    expect(run.stdout).toMatch(/Successfully installed lp-tiny-demo-1\.0/);
    expect(trojanIn(join(work, `user-fault-${i}`))).toEqual([]);
    // The archive is written again, whole, with a manifest that matches it, and its digest is printed for Launchpad.
    const c = dirs[i] as string;
    const others = (fault.others ?? []).map((hex) => `${otherKey(hex)}.json`);
    expect(manifests(c)).toEqual(expect.arrayContaining(others));
    const [name, ...more] = manifests(c).filter((n) => !others.includes(n));
    expect(more).toEqual([]);
    const meta = readManifest(c, name as string);
    const archive = join(folderOf(c), (name as string).replace(/\.json$/, '.tar'));
    expect(meta.sha256).toBe(sha256(archive));
    expect(recordedDigests(run)).toEqual({ [(name as string).replace(/\.json$/, '')]: [sha256(archive)] });
    expect(name).toMatch(/^cp3(?!99)\d+-/); // another Python's entry is pruned
    expect(Object.keys(userFiles(join(c, 'drive'))).sort()).toEqual(['MyDrive/.colab-launchpad.txt', 'MyDrive/thesis data/notes.txt']);
  });

  it('control: the swapped archive is installed offline when its digest is the one allowed (so the digest check is what refuses it)', () => {
    expect(control.error).toBeUndefined();
    expect(control.stdout).toContain('kept on Drive, offline');
    expect(trojanIn(join(work, 'user-control'))).toEqual(['launchpad_trojan.pth']);
    expect(recordedDigests(control)).toEqual({});
  });

  it('over the size cap, the oldest kept entries are dropped, the newer ones and this one stay', () => {
    expect(overCap.error).toBeUndefined();
    expect(overCap.stdout).toMatch(/removed cp3\d+-.*-a{16} \(the oldest, over the 4 GiB kept on Drive\)/);
    const names = manifests(capDir);
    expect(names).toHaveLength(2);
    expect(names.some((n) => n.endsWith(`${'b'.repeat(16)}.json`))).toBe(true);
    expect(names.some((n) => n === `${keyName()}.json`)).toBe(true);
    expect(readdirSync(folderOf(capDir)).filter((n) => n.endsWith('.tar'))).toHaveLength(2);
  });

  it('Drive not mounted: installs online, says so, and creates nothing on "Drive"', () => {
    expect(notMounted.error).toBeUndefined();
    expect(notMounted.stdout).toContain('Install cache: Google Drive is not mounted');
    expect(notMounted.stdout).toMatch(/Successfully installed lp-tiny-demo-1\.0/);
    expect(readdirSync(join(notMountedDir, 'drive'))).toEqual([]);
  });
});

describe('a full Drive and a new Python version', () => {
  let full: IPythonRun | undefined;
  let fullDir: string;
  let mounted = false;
  let newPython: IPythonRun;
  let newPythonDir: string;

  beforeAll(async () => {
    fullDir = mountedContent(join(work, 'full'));
    // A tiny tmpfs as MyDrive: the user's file fits, the archive does not (ENOSPC, as on a full Drive).
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8k', 'tmpfs', join(fullDir, 'drive', 'MyDrive')], { stdio: 'ignore' });
      mounted = true;
      writeFileSync(join(fullDir, 'drive', 'MyDrive', 'notes.txt'), 'x'.repeat(3000));
    } catch {
      mounted = false;
    }
    newPythonDir = mountedContent(join(work, 'new-python'));
    cpSync(goodFolder, folderOf(newPythonDir), { recursive: true }); // lp-pure-demo's entry, for this Python
    // The runtime's Python "moves" to 3.99 for this cell only (the key reads sys.version_info).
    const code = `import sys as _sys\n_saved_version = _sys.version_info\n_sys.version_info = (3, 99, 0, 'final', 0)\n${keptInstallCell(['lp-pure-demo'], newPythonDir)}\n_sys.version_info = _saved_version`;
    const cells = [cellSpec(code, index.url, join(work, 'user-new-python'))];
    if (mounted) cells.unshift(cellSpec(keptInstallCell(['lp-tiny-demo'], fullDir), index.url, join(work, 'user-full')));
    const results = await runCellsInIPython(cells);
    if (mounted) full = results[0];
    newPython = results.at(-1) as IPythonRun;
  }, 120_000);

  afterAll(() => {
    if (mounted) execFileSync('umount', [join(fullDir, 'drive', 'MyDrive')]);
  });

  it('a full Drive: installs, says the wheels could not be kept, leaves no partial file and the user’s file intact', (context) => {
    if (!mounted) context.skip(); // needs root to mount a tmpfs
    expect(full?.error).toBeUndefined();
    expect(full?.stdout).toMatch(/Successfully installed lp-tiny-demo-1\.0/);
    expect(full?.stdout).toMatch(/could not keep the wheels on Drive \(\[Errno 28\] No space left on device.*\)\. The packages are installed; nothing else on Drive was changed\./);
    const folder = folderOf(fullDir);
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]); // its own folder may stay, empty
    expect(readFileSync(join(fullDir, 'drive', 'MyDrive', 'notes.txt'), 'utf8')).toBe('x'.repeat(3000));
  });

  it('a new Python version makes a new key, and the old Python’s entries are pruned', () => {
    expect(newPython.error).toBeUndefined();
    expect(newPython.stdout).toMatch(/Install cache: the kept installs are for Python 3\.\d+; this runtime has Python 3\.99\. Installing online/);
    expect(newPython.stdout).toMatch(/removed cp3\d+-.* \(for Python 3\.\d+, this runtime has Python 3\.99\)/);
    const names = manifests(newPythonDir);
    expect(names).toEqual([expect.stringMatching(/^cp399-manylinux_/)]);
    expect(readManifest(newPythonDir, names[0] as string).python).toBe('3.99');
    expect(readdirSync(folderOf(newPythonDir)).filter((n) => n.endsWith('.tar'))).toHaveLength(1);
  });
});

describe('uv where Colab ships it, and Clear install cache', () => {
  let uvRun: IPythonRun;
  let cleared: IPythonRun;
  let unmounted: IPythonRun;
  let uvDir: string;
  let clearDir: string;

  beforeAll(async () => {
    uvDir = mountedContent(join(work, 'uv'));
    cpSync(goodFolder, folderOf(uvDir), { recursive: true });
    // A uv stand-in: records its argv and the constraint variables it got, then installs with pip.
    const uv = {
      sh: [
        'echo "uv saw UV_CONSTRAINT=[$UV_CONSTRAINT] UV_BUILD_CONSTRAINT=[$UV_BUILD_CONSTRAINT]"',
        'shift 2',
        'while [ $# -gt 0 ]; do case "$1" in --system) shift ;; --python) shift 2 ;; *) break ;; esac; done',
        'exec /usr/bin/python3 -m pip install "$@"',
      ].join('\n'),
    };
    const spec = cellSpec(keptInstallCell(['lp-pure-demo'], uvDir, coldAllowed), index.url, join(work, 'user-uv'));
    [uvRun] = (await runCellsInIPython([
      { ...spec, shims: { ...spec.shims, uv }, env: { ...spec.env, UV_CONSTRAINT: '/nonexistent/constraints.txt', UV_BUILD_CONSTRAINT: '/nonexistent/build.txt' } },
    ])) as [IPythonRun];

    clearDir = mountedContent(join(work, 'clear'));
    seedUserFiles(clearDir);
    cpSync(goodFolder, folderOf(clearDir), { recursive: true });
    const unmountedDir = join(work, 'clear-unmounted', 'content');
    const clear = generateCode('clear-install-cache', {});
    [cleared, unmounted] = (await runCellsInIPython([{ code: atContent(clear, clearDir) }, { code: atContent(clear, unmountedDir) }])) as [IPythonRun, IPythonRun];
  }, 120_000);

  it('installs offline with uv pip install --system where uv exists, blanking constraint files that do not exist', () => {
    expect(uvRun.error).toBeUndefined();
    const call = uvRun.calls.find((c) => c.tool === 'uv');
    expect(call?.argv.slice(0, 3)).toEqual(['pip', 'install', '--system']);
    expect(call?.argv).toEqual(expect.arrayContaining(['--no-index', '--find-links', 'lp-pure-demo']));
    expect(uvRun.stdout).toContain('uv saw UV_CONSTRAINT=[] UV_BUILD_CONSTRAINT=[]');
    expect(uvRun.stdout).toContain('without the package index');
    expect(compiles(uvRun)).toBe(0);
  });

  it('Clear install cache removes Launchpad’s folder and nothing else; without Drive it fails and says so', () => {
    expect(cleared.error).toBeUndefined();
    expect(cleared.stdout).toMatch(/Removed .*\.colab-launchpad: 2 file\(s\), .* MiB\. Nothing else on Drive was changed\./);
    expect(existsSync(join(clearDir, 'drive', 'MyDrive', '.colab-launchpad'))).toBe(false);
    expect(Object.keys(userFiles(join(clearDir, 'drive'))).sort()).toEqual(['MyDrive/.colab-launchpad.txt', 'MyDrive/thesis data/notes.txt']);
    expect(unmounted.error?.ename).toBe('LaunchpadError');
    expect(unmounted.error?.evalue).toContain('Google Drive is not mounted');
  });
});
