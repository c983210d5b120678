/**
 * `npm run bench`'s replay section (scripts/bench-replay.mjs runs this file with CLP_BENCH_REPLAY_OUT
 * set; otherwise it is skipped). One run, side by side, each on a simulated VM reset (new process,
 * new HOME with pip's cache, new user site, local temp wiped; the "Drive" folder kept), for a
 * preset's pip step as Run setup makes it (with its lock, issue 19):
 * - cold: no lock, nothing kept: resolve, download, build (the sdist compiles), keep on Drive;
 * - warm+locked with Drive: the lock the cold run recorded, the archive it kept: no index request;
 * - warm+locked without Drive: the same lock, pinned, online;
 * - floor: the same archive copied and the same wheels installed with the installer directly
 *   (`python -m pip install --no-index --find-links`, what the helper runs where uv is absent).
 * Wall time, index requests and builds for each.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cellLocks, recordLocks } from '../../src/presets/locks';
import type { Preset } from '../../src/presets/schema';
import { generateCell } from '../../src/recipes/cell';
import { parseLockLines } from '../../src/recipes/parsers/python-lock';
import { runCellsInIPython } from './harness';
import { atContent, cellSpec, compiles, importCheck, mountedContent, recordedDigests, type Allowed } from './install-replay';
import { INDEX_RATE_BYTES_PER_S, buildDistributions, servePackageIndex } from './package-index';

const OUT = process.env.CLP_BENCH_REPLAY_OUT;

/** The floor: what any script would do with the same archive, no Launchpad (no key, no checks, no lock). */
const floorCell = (archive: string) =>
  [
    'import os, shutil, subprocess, sys, tarfile, tempfile',
    'local = tempfile.mkdtemp()',
    `shutil.copyfile(${JSON.stringify(archive)}, os.path.join(local, 'w.tar'))`,
    "tarfile.open(os.path.join(local, 'w.tar')).extractall(os.path.join(local, 'w'))",
    "subprocess.run([sys.executable, '-m', 'pip', 'install', '--disable-pip-version-check', '--no-index', '--find-links', os.path.join(local, 'w'), 'lp-pure-demo'], check=True)",
  ].join('\n');

it.runIf(OUT)('replay after a reset: cold, warm+locked with and without Drive, and the floor', async () => {
  const work = mkdtempSync(join(tmpdir(), 'clp-bench-replay-'));
  const index = await servePackageIndex(buildDistributions(join(work, 'index')), INDEX_RATE_BYTES_PER_S);
  try {
    const content = mountedContent(join(work, 'vm'));
    let preset: Preset = {
      id: '0b7e5c2a-3f4d-4e8a-9b1c-2d3e4f5a6b7c',
      name: 'bench',
      notebooks: [],
      steps: [{ recipe: 'pip-install', params: { packages: ['lp-pure-demo'] } }],
      autoRun: false,
      oneCell: false,
      keepInstalls: true,
      updatedAt: 1,
    };
    // Each runtime allows the archives recorded so far and holds to the recorded lock, as Launchpad's next cell does.
    let allowed: Allowed = {};
    let runs = 0;
    const measure = async (code: string) => {
      runs += 1;
      const user = join(work, `user-${runs}`);
      const before = index.counts();
      const started = performance.now();
      const [install, check] = await runCellsInIPython([cellSpec(code, index.url, user), cellSpec(importCheck(['lp_pure_demo', 'lp_cext_demo']), index.url, user)], { mode: 'notebook' });
      const after = index.counts();
      expect(install?.error, install?.stdout).toBeUndefined();
      expect(check?.stdout).toContain('IMPORTED 5');
      return {
        install,
        wallMs: Math.round(performance.now() - started),
        installCellMs: Math.round(install?.durationMs ?? 0),
        indexRequests: after.requests - before.requests,
        indexBytes: after.bytes - before.bytes,
        compilerRuns: install ? compiles(install) : 0,
        wheelBuilds: (install?.stdout.match(/^ {2}Building wheel for .*: started$/gm) ?? []).length,
        offline: install?.stdout.includes('without the package index') ?? false,
        locked: install?.stdout.includes('Lock: installing the lock of') ?? false,
      };
    };
    const step = (drive: boolean) => {
      const code = generateCell(preset.steps, { keepInstalls: drive, allowedArchives: allowed, locks: cellLocks(preset) });
      return drive ? atContent(code, content) : code;
    };
    const { install: coldRun, ...cold } = await measure(step(true));
    if (coldRun) {
      allowed = { ...allowed, ...recordedDigests(coldRun) };
      preset = recordLocks([preset], preset.id, parseLockLines(coldRun.stdout), Date.now()).presets[0] as Preset;
    }
    expect(preset.locks?.[0]?.packages).toEqual(['lp-cext-demo==1.0', 'lp-pure-demo==1.0']);
    const { install: _warm, ...warmLockedDrive } = await measure(step(true));
    const { install: _online, ...warmLockedOnline } = await measure(step(false));
    const [key] = Object.keys(allowed);
    const { install: _floor, ...floor } = await measure(floorCell(join(content, 'drive', 'MyDrive', '.colab-launchpad', 'pip', `${key}.tar`)));
    writeFileSync(
      OUT as string,
      JSON.stringify(
        {
          indexRateBytesPerS: INDEX_RATE_BYTES_PER_S,
          packages: ['lp-pure-demo (needs lp-cext-demo: an sdist with a C extension)'],
          cold,
          warm: warmLockedDrive,
          warmLockedOnline,
          floor,
          warmOverCold: warmLockedDrive.installCellMs / cold.installCellMs,
          overFloorMs: warmLockedDrive.installCellMs - floor.installCellMs,
        },
        null,
        2,
      ),
    );
  } finally {
    await index.close();
    rmSync(work, { recursive: true, force: true });
  }
}, 300_000);
