/**
 * Colab-safe installs, run for real (python-pip-safe.ts): generated pip-install cells in IPython with
 * real pip against the local index (package-index.ts), into a per-test user site. Debian's IPython
 * (8.5) stands in for Colab's: the index offers an `ipython` 7.34.0 wheel.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCell } from '../../src/recipes/cell';
import type { GenerateContext } from '../../src/recipes/recipe';
import { parseHeld, parseRestartNeeded } from '../../src/recipes/parsers/pip-safe';
import { MARKER, runCellsInIPython, type IPythonRun } from './harness';
import { USER_SITE, cellSpec, installedIn, pipCalls, pipEnv } from './install-replay';
import { buildPureWheel, servePackageIndex, type PackageIndex } from './package-index';

let work: string;
let dist: string;
let index: PackageIndex;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'clp-pip-safe-'));
  dist = join(work, 'dist');
  mkdirSync(dist);
  buildPureWheel(dist, 'ipython', '7.34.0');
  buildPureWheel(dist, 'lp-free-demo', '1.0');
  buildPureWheel(dist, 'lp-pinned-demo', '1.0');
  buildPureWheel(dist, 'lp-pinned-demo', '2.0');
  buildPureWheel(dist, 'lp-restart-demo', '1.0');
  buildPureWheel(dist, 'lp-restart-demo', '2.0');
  buildPureWheel(dist, 'lp-second-demo', '1.0');
  buildPureWheel(dist, 'lp-second-demo', '2.0');
  buildPureWheel(dist, 'torch', '1.0');
  index = await servePackageIndex(dist, 64 * 1024 * 1024);
}, 60_000);

afterAll(async () => {
  await index.close();
  rmSync(work, { recursive: true, force: true });
});

const pipCell = (packages: string[], context: GenerateContext = {}) => generateCell([{ recipe: 'pip-install', params: { packages } }], context);

describe('held packages', () => {
  it('refuses a change to ipython before installing anything, and installs it once confirmed', async () => {
    const userBase = join(work, 'held-ipython');
    const [held] = await runCellsInIPython([cellSpec(pipCell(['ipython==7.34.0']), index.url, userBase)]);
    expect(held?.success).toBe(false);
    expect(held?.error?.ename).toBe('LaunchpadHeld');
    expect(held?.error?.evalue).toContain('ipython 8.5.0 → 7.34.0');
    expect(held?.error?.evalue).toContain('can cause your runtime to repeatedly crash');
    expect(parseHeld(held?.stdout ?? '')).toEqual([{ name: 'ipython', installed: '8.5.0', wanted: '7.34.0' }]);
    expect(parseHeld(held?.error?.evalue ?? '')).toEqual([{ name: 'ipython', installed: '8.5.0', wanted: '7.34.0' }]);
    // pip ran once, refused to resolve against the constraint, and installed nothing.
    expect(pipCalls(held as IPythonRun)).toEqual([['install', '--disable-pip-version-check', 'ipython==7.34.0']]);
    expect(held?.stdout).toContain('The user requested (constraint) ipython==8.5.0');
    expect(installedIn(userBase)).toEqual([]);

    const [confirmed] = await runCellsInIPython([cellSpec(pipCell(['ipython==7.34.0'], { heldOk: ['ipython'] }), index.url, userBase)]);
    expect(confirmed?.error).toBeUndefined();
    expect(confirmed?.success).toBe(true);
    expect(installedIn(userBase)).toEqual(['ipython-7.34.0']);
  }, 120_000);

  it('holds what google-colab pins exactly (read from its metadata), not what it does not pin', async () => {
    const userBase = join(work, 'held-pinned');
    const colabMeta = [
      USER_SITE,
      "purelib = sysconfig.get_path('purelib', 'posix_user', vars={'userbase': os.environ['PYTHONUSERBASE']})",
      "meta = os.path.join(purelib, 'google_colab-1.0.0.dist-info')",
      'os.makedirs(meta, exist_ok=True)',
      "open(os.path.join(meta, 'METADATA'), 'w').write('Metadata-Version: 2.1\\nName: google-colab\\nVersion: 1.0.0\\nRequires-Dist: lp-pinned-demo==1.0\\nRequires-Dist: lp-free-demo>=0.5\\n')",
      "import importlib; importlib.invalidate_caches(); print('PINS', importlib.metadata.requires('google-colab'))",
    ].join('\n');
    const runs = await runCellsInIPython(
      [
        cellSpec(pipCell(['lp-pinned-demo==1.0']), index.url, userBase),
        cellSpec(colabMeta, index.url, userBase),
        cellSpec(pipCell(['lp-pinned-demo==2.0', 'lp-free-demo']), index.url, userBase),
        cellSpec(pipCell(['lp-free-demo']), index.url, userBase),
      ],
      { mode: 'notebook' },
    );
    expect(runs.map((r) => r.error?.ename ?? 'ok')).toEqual(['ok', 'ok', 'LaunchpadHeld', 'ok']);
    expect(parseHeld(runs[2]?.stdout ?? '')).toEqual([{ name: 'lp-pinned-demo', installed: '1.0', wanted: '2.0' }]);
    expect(installedIn(userBase)).toEqual(['google_colab-1.0.0', 'lp_free_demo-1.0', 'lp_pinned_demo-1.0']);
  }, 120_000);

  it('keeps the preinstalled torch as a constraint unless the step names torch; hostile held_ok values stay data', async () => {
    const userBase = join(work, 'torch');
    const constraints = "import os, tempfile\nprint('CONSTRAINTS', open(os.path.join(tempfile.gettempdir(), 'launchpad-constraints.txt')).read().split())";
    const runs = await runCellsInIPython(
      [
        cellSpec(pipCell(['torch==1.0']), index.url, userBase),
        cellSpec(constraints, index.url, userBase),
        cellSpec(USER_SITE, index.url, userBase),
        cellSpec(pipCell(['lp-free-demo'], { heldOk: [`x'); __import__('os').system('touch ${MARKER}')#`, 'ipython'] }), index.url, userBase),
        cellSpec(constraints, index.url, userBase),
      ],
      { mode: 'notebook' },
    );
    expect(runs.map((r) => r.error?.ename ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(runs.some((r) => r.markerExists)).toBe(false);
    // The step named torch: torch is not pinned (ipython is). The next one keeps torch 1.0; ipython was confirmed.
    const pinned = (run?: IPythonRun) => /^CONSTRAINTS \[(.*)\]$/m.exec(run?.stdout ?? '')?.[1]?.split(', ').map((p) => p.replace(/'/g, '')) ?? [];
    expect(pinned(runs[1])).toContain('ipython==8.5.0');
    expect(pinned(runs[1]).filter((p) => p.startsWith('torch'))).toEqual([]);
    expect(runs[3]?.stdout).toContain('Keeping the preinstalled torch==1.0');
    expect(pinned(runs[4])).toContain('torch==1.0');
    expect(pinned(runs[4]).filter((p) => p.startsWith('ipython'))).toEqual([]);
    // The constraint reaches pip through PIP_CONSTRAINT only while the step runs.
    expect(pipCalls(runs[3] as IPythonRun)).toEqual([['install', '--disable-pip-version-check', 'lp-free-demo']]);
  }, 120_000);
});

describe('restart when an install changed an imported package', () => {
  // pip sees (and replaces) what the user site holds, as with Colab's dist-packages; the harness hides it by default.
  const seesUserSite = (userBase: string) => ({ env: { ...pipEnv(index.url, userBase), PYTHONNOUSERSITE: '' } });

  it('prints the restart line, and with restart=True ends the process', async () => {
    const userBase = join(work, 'restart');
    const runs = await runCellsInIPython(
      [
        cellSpec(pipCell(['lp-restart-demo==1.0', 'lp-second-demo==1.0']), index.url, userBase, seesUserSite(userBase)),
        cellSpec(`${USER_SITE}\nimport lp_restart_demo, lp_second_demo\nprint('IMPORTED', lp_restart_demo.__version__)`, index.url, userBase, seesUserSite(userBase)),
        cellSpec(pipCell(['lp-restart-demo==2.0']), index.url, userBase, seesUserSite(userBase)),
        cellSpec('print(1)', index.url, userBase, seesUserSite(userBase)),
        cellSpec(pipCell(['lp-second-demo==2.0'], { restartIfNeeded: true }), index.url, userBase, seesUserSite(userBase)),
        cellSpec(`${USER_SITE}\nimport importlib.metadata, sys\nprint('NOW', importlib.metadata.version('lp-second-demo'), 'lp_second_demo' in sys.modules)`, index.url, userBase, seesUserSite(userBase)),
      ],
      { mode: 'notebook' },
    );
    expect(runs[1]?.stdout).toContain('IMPORTED 1.0');
    // Without restart: says so, and the process lives on.
    expect(runs[2]?.success).toBe(true);
    expect(runs[2]?.stdout).toContain('You must restart the runtime in order to use newly installed versions');
    expect(parseRestartNeeded(runs[2]?.stdout ?? '')).toEqual(['lp-restart-demo']);
    expect(runs[2]?.kernelDied).toBe(false);
    // With restart: the line, then the process ends (Run setup then waits for the runtime and goes on).
    expect(parseRestartNeeded(runs[4]?.stdout ?? '')).toEqual(['lp-second-demo']);
    expect(runs[4]?.kernelDied).toBe(true);
    expect(runs[5]?.stdout).toContain('NOW 2.0 False');
    // A first install of something not imported needs no restart.
    expect(parseRestartNeeded(runs[0]?.stdout ?? '')).toBeUndefined();
  }, 180_000);
});
