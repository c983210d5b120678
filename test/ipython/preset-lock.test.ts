/**
 * A preset's lock, run for real (issue 19 part 1): generated pip-install cells in IPython, real pip
 * against a local index that publishes new releases between runtimes. Each runtime is a fresh user
 * site (a VM reset); what the cell prints goes through Launchpad's own parser and recordLocks, and
 * the next cell is made from the recorded preset, as Run setup does. The index gives upload times
 * (PEP 691 JSON, PEP 700): the first releases were uploaded before the lock's date, the later ones after.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellLocks, readLocks, recordLocks, requestLockUpdate, type PresetLock } from '../../src/presets/locks';
import type { Preset } from '../../src/presets/schema';
import { generateCell } from '../../src/recipes/cell';
import { parseLockDrift, parseLockLines } from '../../src/recipes/parsers/python-lock';
import { runCellsInIPython, type IPythonRun, type ShimConfig } from './harness';
import { atContent, cellSpec, mountedContent, pipEnv, recordedDigests } from './install-replay';
import { buildPureWheel, servePackageIndex, type PackageIndex } from './package-index';

let work: string;
let dist: string;
let index: PackageIndex;
let runtimes = 0;

/** The day the first lock is made, and upload times before and after it. */
const LOCK_DAY = Date.UTC(2026, 11, 7);
const BEFORE = new Date(Date.UTC(2026, 10, 1));
const AFTER = new Date(Date.UTC(2026, 11, 8));

const base: Preset = {
  id: '0b7e5c2a-3f4d-4e8a-9b1c-2d3e4f5a6b7c',
  name: 'timm',
  notebooks: [],
  steps: [{ recipe: 'pip-install', params: { packages: ['einops', 'timm'] } }],
  autoRun: false,
  oneCell: false,
  keepInstalls: false,
  updatedAt: 1,
};

/** The versions a cell of the same runtime imports, printed as `VERSIONS {...}`. */
const versionCheck = [
  'import importlib.metadata, json, os, site, sys, sysconfig',
  "user = sysconfig.get_path('purelib', 'posix_user', vars={'userbase': os.environ['PYTHONUSERBASE']})",
  "found = {d.metadata['Name']: d.version for d in importlib.metadata.distributions(path=[user])}",
  "print('VERSIONS ' + json.dumps(found, sort_keys=True))",
].join('\n');

interface Runtime {
  readonly install: IPythonRun;
  readonly versions: Record<string, string>;
  readonly requests: number;
}

/** A fresh runtime (new user site) running the preset's pip cell as Launchpad makes it, then the version check. */
interface RuntimeOptions {
  readonly env?: Record<string, string>;
  /** A fake /content with Drive mounted (Keep installs on Drive). */
  readonly content?: string;
  /** The index pip uses (default: the one with upload times). */
  readonly via?: PackageIndex;
  readonly shims?: ShimConfig;
}

async function runtime(preset: Preset, { env = {}, content, via = index, shims }: RuntimeOptions = {}): Promise<Runtime> {
  runtimes += 1;
  const userBase = join(work, `user-${runtimes}`);
  let code = generateCell(preset.steps, { keepInstalls: preset.keepInstalls, allowedArchives: allowed(preset), locks: cellLocks(preset) });
  if (content) code = atContent(code, content);
  const before = via.counts().requests;
  const [install, check] = await runCellsInIPython(
    [
      cellSpec(code, via.url, userBase, { env: { ...cellSpec('', via.url, userBase).env, ...env }, shims: { ...cellSpec('', via.url, userBase).shims, ...shims } }),
      cellSpec(versionCheck, via.url, userBase),
    ],
    { mode: 'notebook' },
  );
  const json = /^VERSIONS (\{.*\})$/m.exec(check?.stdout ?? '')?.[1] ?? '{}';
  return { install: install as IPythonRun, versions: JSON.parse(json) as Record<string, string>, requests: via.counts().requests - before };
}

/** One runtime running the pip cells of `presets` one after another (the same VM), then the version check. */
async function sameRuntime(presets: readonly Preset[]): Promise<{ readonly installs: IPythonRun[]; readonly versions: Record<string, string> }> {
  runtimes += 1;
  const userBase = join(work, `user-${runtimes}`);
  // pip sees (and replaces) what the user site holds, as with Colab's dist-packages; the harness hides it by default.
  const seesUserSite = { env: { ...pipEnv(index.url, userBase), PYTHONNOUSERSITE: '' } };
  const cells = presets.map((preset) => cellSpec(generateCell(preset.steps, { keepInstalls: false, locks: cellLocks(preset) }), index.url, userBase, seesUserSite));
  const runs = await runCellsInIPython([...cells, cellSpec(versionCheck, index.url, userBase)], { mode: 'notebook' });
  const json = /^VERSIONS (\{.*\})$/m.exec(runs.at(-1)?.stdout ?? '')?.[1] ?? '{}';
  return { installs: runs.slice(0, -1), versions: JSON.parse(json) as Record<string, string> };
}

/** Kept-install digests recorded per preset (as install-digests does), for the Drive case. */
const digests = new Map<string, Record<string, readonly string[]>>();
const allowed = (preset: Preset) => digests.get(preset.id) ?? {};

/** What the worker does with the cell's output: records its LAUNCHPAD_LOCK lines in the preset. */
function record(preset: Preset, run: IPythonRun, now: number): Preset {
  const { presets, recorded } = recordLocks([preset], preset.id, parseLockLines(run.stdout), now);
  expect(recorded).toBe(true);
  return presets[0] as Preset;
}

const onlyLock = (preset: Preset): PresetLock => {
  expect(preset.locks).toHaveLength(1);
  return preset.locks?.[0] as PresetLock;
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'clp-preset-lock-'));
  dist = join(work, 'dist');
  mkdirSync(dist);
  buildPureWheel(dist, 'einops', '1.0.0', [], BEFORE);
  buildPureWheel(dist, 'lp-dep-demo', '1.0.0', [], BEFORE);
  buildPureWheel(dist, 'timm', '1.0.0', ['lp-dep-demo'], BEFORE);
  index = await servePackageIndex(dist, 64 * 1024 * 1024);
}, 60_000);

afterAll(async () => {
  await index?.close();
});

describe('a lock per preset, with real pip', () => {
  let locked: Preset;

  it('records what the first run installed, dependencies included, keyed by the runtime', async () => {
    const first = await runtime(base, { env: { COLAB_RELEASE_TAG: 'release-colab_20261201-060048_RC00' } });
    expect(first.install.success, first.install.stdout).toBe(true);
    expect(first.versions).toEqual({ einops: '1.0.0', timm: '1.0.0', 'lp-dep-demo': '1.0.0' });
    locked = record(base, first.install, LOCK_DAY);
    const lock = onlyLock(locked);
    expect(lock.packages).toEqual(['einops==1.0.0', 'lp-dep-demo==1.0.0', 'timm==1.0.0']);
    expect(lock.key).toMatch(/^cp3\d+-manylinux_2_\d+_x86_64-(cpu|gpu)$/);
    expect(lock.python).toMatch(/^3\.\d+$/);
    expect(lock.colabRelease).toBe('release-colab_20261201-060048_RC00');
    expect(lock.createdAt).toBe(LOCK_DAY);
  }, 120_000);

  it('after the index publishes 2.0.0, a replay on a fresh runtime installs the lock, dependencies too', async () => {
    buildPureWheel(dist, 'einops', '2.0.0', [], AFTER);
    buildPureWheel(dist, 'lp-dep-demo', '2.0.0', [], AFTER);
    buildPureWheel(dist, 'timm', '2.0.0', ['lp-dep-demo'], AFTER);
    const replay = await runtime(locked, { env: { COLAB_RELEASE_TAG: 'release-colab_20261205-060012_RC00' } });
    expect(replay.install.success, replay.install.stdout).toBe(true);
    expect(replay.versions).toEqual({ einops: '1.0.0', timm: '1.0.0', 'lp-dep-demo': '1.0.0' });
    expect(replay.install.stdout).toContain('Lock: installing the lock of 2026-12-07');
    // The Colab release moved: said, and the locked versions kept.
    expect(replay.install.stdout).toContain('Colab changed since the lock: release release-colab_20261201-060048_RC00, now release-colab_20261205-060012_RC00');
    // The drift line names the locked versions that now run on the new release.
    expect(parseLockDrift(replay.install.stdout)).toMatchObject({ release: ['release-colab_20261201-060048_RC00', 'release-colab_20261205-060012_RC00'], kept: ['einops==1.0.0', 'lp-dep-demo==1.0.0', 'timm==1.0.0'] });
    // Recording the replay changes nothing in the lock.
    const again = record(locked, replay.install, Date.UTC(2026, 11, 8));
    expect(onlyLock(again)).toEqual(onlyLock(locked));
  }, 120_000);

  it('without a lock the same cell would take 2.0.0 (the lock is what holds it)', async () => {
    const fresh = await runtime(base);
    expect(fresh.versions).toEqual({ einops: '2.0.0', timm: '2.0.0', 'lp-dep-demo': '2.0.0' });
  }, 120_000);

  it('Update lock (the options page) resolves again as of today, replaces the lock, and later replays hold to the new one', async () => {
    const key = onlyLock(locked).key;
    const asked = requestLockUpdate(locked, key, 'today');
    expect(onlyLock(asked).updateRequested).toBe('today');
    const update = await runtime(asked);
    expect(update.install.success, update.install.stdout).toBe(true);
    expect(update.install.stdout).toContain('Lock: Update lock: resolving again as of today');
    expect(update.versions).toEqual({ einops: '2.0.0', timm: '2.0.0', 'lp-dep-demo': '2.0.0' });
    const updated = record(asked, update.install, Date.UTC(2026, 11, 9));
    expect(onlyLock(updated)).toEqual({ key, python: onlyLock(locked).python, createdAt: Date.UTC(2026, 11, 9), packages: ['einops==2.0.0', 'lp-dep-demo==2.0.0', 'timm==2.0.0'] });
    buildPureWheel(dist, 'timm', '3.0.0', ['lp-dep-demo'], AFTER);
    const replay = await runtime(updated);
    expect(replay.versions).toEqual({ einops: '2.0.0', timm: '2.0.0', 'lp-dep-demo': '2.0.0' });
  }, 180_000);

  it('a lock for another runtime key is named and not applied: this runtime resolves as of its date and gets its own lock', async () => {
    const other: PresetLock = { ...onlyLock(locked), key: 'cp310-manylinux_2_35_x86_64-cu121' };
    const foreign: Preset = { ...base, locks: [other] };
    const run = await runtime(foreign);
    expect(run.install.success, run.install.stdout).toBe(true);
    expect(run.install.stdout).toContain('Lock: no lock for this runtime');
    expect(run.install.stdout).toContain('is for cp310-manylinux_2_35_x86_64-cu121, so it is not applied here: resolving as of its date');
    // The index has 2.0.0 and timm 3.0.0 now, uploaded after the lock's date: as of that date, 1.0.0.
    expect(run.install.stdout).toContain(`Lock: resolved as of 2026-12-07 (upload times from ${index.url}): einops==1.0.0, lp-dep-demo==1.0.0, timm==1.0.0.`);
    expect(run.versions).toEqual({ einops: '1.0.0', timm: '1.0.0', 'lp-dep-demo': '1.0.0' });
    // Another Python (3.10): every locked version has a wheel for this one (pure Python), so none is named.
    expect(parseLockDrift(run.install.stdout)).toMatchObject({ python: ['3.10', onlyLock(locked).python], noWheel: [] });
    const both = record(foreign, run.install, Date.UTC(2026, 11, 10));
    // One lock per key: the other runtime's lock is kept as it was.
    expect(both.locks?.map((lock) => lock.key).sort()).toEqual([other.key, onlyLock(locked).key].sort());
    expect(both.locks?.find((lock) => lock.key === other.key)).toEqual(other);
  }, 120_000);

  it('a preinstalled package the lock overrode moved: the step says from what to what, and prints the drift line', async () => {
    // The lock records pip 1.0 as what it replaced; this runtime has Debian's pip (another version).
    const moved: Preset = { ...locked, locks: [{ ...onlyLock(locked), replaced: ['pip==1.0'] }] };
    const run = await runtime(moved);
    expect(run.install.success, run.install.stdout).toBe(true);
    const now = /Colab's preinstalled pip moved from 1\.0 to (\S+)\.$/m.exec(run.install.stdout)?.[1];
    expect(now).toMatch(/^\d+\.\d+/);
    expect(parseLockDrift(run.install.stdout)).toEqual({ key: onlyLock(locked).key, release: null, python: null, moved: [['pip', '1.0', now]] });
    expect(run.versions).toEqual({ einops: '1.0.0', timm: '1.0.0', 'lp-dep-demo': '1.0.0' });
  }, 120_000);

  it('a locked version the index no longer has fails with pip’s message and the locked version', async () => {
    const gone: Preset = { ...locked, locks: [{ ...onlyLock(locked), packages: ['einops==1.5.0', 'lp-dep-demo==1.0.0', 'timm==1.0.0'] }] };
    const run = await runtime(gone);
    expect(run.install.success).toBe(false);
    // pip's own message (its wording depends on pip's version) names the locked version.
    expect(run.install.stdout).toMatch(/(ERROR: Cannot install einops|The user requested \(constraint\) einops==1\.5\.0|No matching distribution found for einops==1\.5\.0)/);
    expect(run.install.stdout).toContain('einops==1.5.0');
    expect(run.install.error?.evalue).toContain('pip install failed (exit status 1). The lock of 2026-12-07 asks for einops==1.5.0, timm==1.0.0');
    expect(run.install.error?.evalue).toContain('Update lock resolves again');
    expect(run.versions).toEqual({});
  }, 120_000);

  it('with Keep installs on Drive: the first run’s archive is the locked replay’s, installed with no index request; after Update lock it is rebuilt once', async () => {
    const content = mountedContent(join(work, 'drive-runtime'));
    let kept: Preset = { ...base, id: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f', keepInstalls: true };
    const keep = (run: Runtime) => digests.set(kept.id, { ...allowed(kept), ...recordedDigests(run.install) });
    const first = await runtime(kept, { content });
    expect(first.install.success, first.install.stdout).toBe(true);
    keep(first);
    kept = record(kept, first.install, Date.UTC(2026, 11, 11));
    // One runtime key: the kept installs' key is the lock's, plus the torch version and the requirements hash.
    expect(Object.keys(recordedDigests(first.install))).toEqual([expect.stringMatching(new RegExp(`^${onlyLock(kept).key.replace(/\./g, '\\.')}-torchnone-[0-9a-f]{16}$`))]);
    const pins = onlyLock(kept).packages;
    expect(pins).toEqual(['einops==2.0.0', 'lp-dep-demo==2.0.0', 'timm==3.0.0']);
    const warm = await runtime(kept, { content });
    expect(warm.install.success, warm.install.stdout).toBe(true);
    expect(warm.install.stdout).toContain('Lock: installing the lock of 2026-12-11');
    expect(warm.install.stdout).toContain('without the package index');
    expect(warm.requests).toBe(0);
    expect(warm.versions).toEqual({ einops: '2.0.0', timm: '3.0.0', 'lp-dep-demo': '2.0.0' });

    // Update lock: resolved online (the kept wheels are the old lock's); the next locked run finds
    // the archive does not satisfy the new lock, says so, installs online and keeps the new wheels.
    buildPureWheel(dist, 'einops', '4.0.0');
    const update = await runtime(requestLockUpdate(kept, onlyLock(kept).key, 'today'), { content });
    expect(update.versions.einops).toBe('4.0.0');
    kept = record(requestLockUpdate(kept, onlyLock(kept).key, 'today'), update.install, Date.UTC(2026, 11, 12));
    const healed = await runtime(kept, { content });
    expect(healed.install.success, healed.install.stdout).toBe(true);
    expect(healed.install.stdout).toContain('the offline install failed');
    expect(healed.versions).toEqual({ einops: '4.0.0', timm: '3.0.0', 'lp-dep-demo': '2.0.0' });
    keep(healed);
    const again = await runtime(kept, { content });
    expect(again.requests).toBe(0);
    expect(again.versions).toEqual({ einops: '4.0.0', timm: '3.0.0', 'lp-dep-demo': '2.0.0' });
  }, 240_000);
});

describe('Update lock as of the lock’s date (Colab moved underneath), with real pip and the index’s upload times', () => {
  const step: Preset = { ...base, id: '3c2b1a09-8f7e-4d6c-9b5a-4e3f2a1b0c9d', name: 'as of', steps: [{ recipe: 'pip-install', params: { packages: ['lp-asof-demo'] } }] };
  let locked: Preset;
  /** The preset with its lock asked to update as of its date. */
  const asOfLock = (preset: Preset) => requestLockUpdate(preset, onlyLock(preset).key, 'as-of-lock');

  beforeAll(async () => {
    buildPureWheel(dist, 'lp-asof-demo', '1.0.0', [], BEFORE);
    const first = await runtime(step);
    expect(first.install.success, first.install.stdout).toBe(true);
    locked = record(step, first.install, LOCK_DAY);
    expect(onlyLock(locked).packages).toEqual(['lp-asof-demo==1.0.0']);
    // After the lock: 1.1.0 had been uploaded before its date (a mirror synced late), 2.0.0 after it.
    buildPureWheel(dist, 'lp-asof-demo', '1.1.0', [], new Date(Date.UTC(2026, 11, 1)));
    buildPureWheel(dist, 'lp-asof-demo', '2.0.0', [], AFTER);
  }, 120_000);

  it('resolves as of the lock’s date first: 1.1.0, not 2.0.0; says how, and the new lock holds it', async () => {
    const asked = asOfLock(locked);
    const run = await runtime(asked);
    expect(run.install.success, run.install.stdout).toBe(true);
    expect(run.install.stdout).toContain("Lock: Update lock: resolving again as of the lock's date, 2026-12-07 (the lock is replaced).");
    expect(run.install.stdout).toContain(`Lock: resolved as of 2026-12-07 (upload times from ${index.url}): lp-asof-demo==1.1.0.`);
    expect(run.versions).toEqual({ 'lp-asof-demo': '1.1.0' });
    const updated = record(asked, run.install, Date.UTC(2026, 11, 9));
    expect(onlyLock(updated)).toMatchObject({ packages: ['lp-asof-demo==1.1.0'], createdAt: Date.UTC(2026, 11, 9) });
    expect(onlyLock(updated).updateRequested).toBeUndefined();
    // Without the date the same step takes 2.0.0: the date is what held it.
    const today = await runtime(requestLockUpdate(locked, onlyLock(locked).key, 'today'));
    expect(today.versions).toEqual({ 'lp-asof-demo': '2.0.0' });
  }, 180_000);

  it('a lock this version cannot read (another format) is not applied: its key and date make the run resolve as of that date, and say so', async () => {
    const { key, createdAt } = onlyLock(locked);
    const read = readLocks([{ key, createdAt, python: '3.13', pins: { 'lp-asof-demo': '1.0.0' } }]);
    expect(read).toEqual([{ key, createdAt, python: `${key.slice(2, 3)}.${key.slice(3, key.indexOf('-'))}`, packages: [], updateRequested: 'as-of-lock' }]);
    const run = await runtime({ ...step, locks: read });
    expect(run.install.success, run.install.stdout).toBe(true);
    expect(run.install.stdout).toContain("Lock: Update lock: resolving again as of the lock's date, 2026-12-07 (the lock is replaced).");
    expect(run.versions).toEqual({ 'lp-asof-demo': '1.1.0' });
    expect(onlyLock(record({ ...step, locks: read }, run.install, Date.UTC(2026, 11, 9))).packages).toEqual(['lp-asof-demo==1.1.0']);
  }, 180_000);

  it('in the same VM (the packages installed already): the update resolves them again, and the new lock holds them even when unchanged', async () => {
    const { installs, versions } = await sameRuntime([locked, asOfLock(locked)]);
    const [replay, update] = installs;
    expect(replay?.stdout).toContain('Lock: installing the lock of 2026-12-07');
    expect(update?.success, update?.stdout).toBe(true);
    expect(update?.stdout).toContain('lp-asof-demo==1.1.0.');
    expect(versions, update?.stdout).toEqual({ 'lp-asof-demo': '1.1.0' });
    const updated = record(asOfLock(locked), update as IPythonRun, Date.UTC(2026, 11, 9));
    expect(onlyLock(updated).packages).toEqual(['lp-asof-demo==1.1.0']);
    // Made on that date again, nothing newer fits: the version stays, and the lock still holds it (not an empty lock).
    const atNewDate: Preset = { ...updated, locks: [{ ...onlyLock(updated), createdAt: LOCK_DAY }] };
    const again = await sameRuntime([atNewDate, asOfLock(atNewDate)]);
    expect(again.versions).toEqual({ 'lp-asof-demo': '1.1.0' });
    expect(parseLockLines(again.installs[1]?.stdout ?? '')).toMatchObject([{ mode: 'update', packages: ['lp-asof-demo==1.1.0'] }]);
    // As of today in the same VM: 2.0.0.
    const today = await sameRuntime([locked, requestLockUpdate(locked, onlyLock(locked).key, 'today')]);
    expect(today.versions).toEqual({ 'lp-asof-demo': '2.0.0' });
    expect(parseLockLines(today.installs[1]?.stdout ?? '')).toMatchObject([{ mode: 'update', packages: ['lp-asof-demo==2.0.0'] }]);
  }, 240_000);

  it('when nothing fits as of the lock’s date, it resolves as of today and says so', async () => {
    const newer: Preset = { ...locked, steps: [{ recipe: 'pip-install', params: { packages: ['lp-asof-demo>=2'] } }] };
    const run = await runtime(asOfLock(newer));
    expect(run.install.success, run.install.stdout).toBe(true);
    expect(run.install.stdout).toContain('Lock: could not resolve as of 2026-12-07 (pip found no versions that fit): resolving as of today.');
    expect(run.versions).toEqual({ 'lp-asof-demo': '2.0.0' });
  }, 120_000);

  it('an index without upload times (HTML only): said, and resolved as of today; which versions have no wheel is said once to be unknown', async () => {
    const html = await servePackageIndex(dist, 64 * 1024 * 1024, { json: false });
    try {
      const run = await runtime(asOfLock(locked), { via: html });
      expect(run.install.success, run.install.stdout).toBe(true);
      expect(run.install.stdout).toContain(`Lock: could not resolve as of 2026-12-07 (the upload times could not be read: ${html.url} has no JSON simple API (PEP 691), so no upload times): resolving as of today.`);
      expect(run.versions).toEqual({ 'lp-asof-demo': '2.0.0' });
      const other: PresetLock = { ...onlyLock(locked), key: 'cp39-manylinux_2_35_x86_64-cpu', packages: ['einops==1.0.0', 'lp-asof-demo==1.0.0'] };
      const foreign = await runtime({ ...step, locks: [other] }, { via: html });
      expect(foreign.install.success, foreign.install.stdout).toBe(true);
      expect(foreign.install.stdout.match(/could not tell which locked versions have a wheel for this Python/g)).toHaveLength(1);
      expect(parseLockDrift(foreign.install.stdout)?.noWheel).toEqual([]);
    } finally {
      await html.close();
    }
  }, 180_000);

  it('a private index’s password (user:password@ in PIP_INDEX_URL) is sent as basic auth and never printed', async () => {
    const closed = await servePackageIndex(dist, 64 * 1024 * 1024, { auth: 'lp-user:lp-s3cret' });
    try {
      const url = closed.url.replace('http://', 'http://lp-user:lp-s3cret@');
      const run = await runtime(asOfLock(locked), { via: closed, env: { PIP_INDEX_URL: url } });
      expect(run.install.success, run.install.stdout).toBe(true);
      expect(run.install.stdout).toContain(`Lock: resolved as of 2026-12-07 (upload times from ${closed.url}): lp-asof-demo==1.1.0.`);
      expect(run.install.stdout).not.toContain('lp-s3cret');
      expect(run.versions).toEqual({ 'lp-asof-demo': '1.1.0' });
    } finally {
      await closed.close();
    }
  }, 120_000);

  it('with uv on PATH (as on Colab): uv’s --exclude-newer picks the versions, against pip’s index; uv failing means as of today', async () => {
    // Colab once set UV_CONSTRAINT to a file that does not exist (#5237): uv gets it without that file.
    const uv = (behaviour: ShimConfig[string]) =>
      runtime(asOfLock(locked), { shims: { uv: { ...behaviour, sh: 'echo "uv saw UV_CONSTRAINT=[$UV_CONSTRAINT]"' } }, env: { UV_CONSTRAINT: '/nonexistent/colab-constraints.txt' } });
    const run = await uv({ stderr: 'Resolved 1 package in 5ms\nWould install 1 package\n + lp-asof-demo==1.1.0\n' });
    expect(run.install.success, run.install.stdout).toBe(true);
    expect(run.install.stdout).toContain('uv saw UV_CONSTRAINT=[]');
    const call = run.install.calls.find((c) => c.tool === 'uv');
    expect(call?.argv).toEqual(['pip', 'install', '--system', '--python', expect.stringMatching(/python3$/), '--dry-run', '--index-url', index.url, '--exclude-newer', '2026-12-07T00:00:00Z', 'lp-asof-demo']);
    expect(run.install.stdout).toContain('Lock: resolved as of 2026-12-07 (uv --exclude-newer): lp-asof-demo==1.1.0.');
    // uv only chose; pip installed what it chose (with the guard and the import check as always).
    expect(run.versions).toEqual({ 'lp-asof-demo': '1.1.0' });
    const failed = await uv({ exitCode: 1, stderr: '  × No solution found when resolving dependencies\n' });
    expect(failed.install.stdout).toContain('Lock: could not resolve as of 2026-12-07 (uv --exclude-newer 2026-12-07T00:00:00Z found no versions that fit): resolving as of today.');
    expect(failed.versions).toEqual({ 'lp-asof-demo': '2.0.0' });
  }, 180_000);

  it('with a pip that has --uploaded-prior-to (pip 26): the dry run uses it, and its choice constrains the install', async () => {
    // A stand-in for pip 26 ahead of the real pip on PYTHONPATH: its help lists the option; a command
    // with it is recorded, and answered by the real pip with 1.1.0 asked for (this pip 23 has no date option).
    const stub = join(work, 'pip26');
    mkdirSync(join(stub, 'pip'), { recursive: true });
    writeFileSync(join(stub, 'pip', '__init__.py'), '');
    writeFileSync(
      join(stub, 'pip', '__main__.py'),
      [
        'import os, runpy, sys',
        'args = sys.argv[1:]',
        'if "--uploaded-prior-to" in args:',
        '    with open(os.path.join(os.path.dirname(__file__), "calls.txt"), "a") as f:',
        '        f.write(" ".join(args) + "\\n")',
        '    at = args.index("--uploaded-prior-to")',
        '    args = [a for i, a in enumerate(args) if i not in (at, at + 1) and a != "lp-asof-demo"] + ["lp-asof-demo==1.1.0"]',
        'here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))',
        'sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]',
        'del sys.modules["pip"]',
        'sys.argv = [sys.argv[0], *args]',
        'if args[:2] == ["install", "--help"]:',
        '    print("  --uploaded-prior-to <datetime>  Only consider files uploaded before this time.")',
        'runpy.run_module("pip", run_name="__main__", alter_sys=True)',
      ].join('\n'),
    );
    const run = await runtime(asOfLock(locked), { env: { PYTHONPATH: stub } });
    expect(run.install.success, run.install.stdout).toBe(true);
    expect(run.install.stdout).toContain('Lock: resolved as of 2026-12-07 (pip --uploaded-prior-to): lp-asof-demo==1.1.0.');
    expect(readFileSync(join(stub, 'pip', 'calls.txt'), 'utf8')).toMatch(/--dry-run .*--uploaded-prior-to 2026-12-07T00:00:00Z lp-asof-demo\n$/);
    expect(run.versions).toEqual({ 'lp-asof-demo': '1.1.0' });
  }, 120_000);

  it('a lock made on another Python names the locked versions with no wheel for this one (an sdist only, wheels for cp39 only)', async () => {
    // Files the no-wheel check reads by name from the index; nothing installs them.
    writeFileSync(join(dist, 'lp_sdist_demo-1.0.tar.gz'), 'an sdist: it would build');
    writeFileSync(join(dist, 'lp_cp39_demo-1.0-cp39-cp39-manylinux_2_17_x86_64.whl'), 'a wheel for CPython 3.9 only');
    const python = onlyLock(locked).python;
    const theirs = python === '3.9' ? 'cp38' : 'cp39';
    const other: PresetLock = { ...onlyLock(locked), key: `${theirs}-manylinux_2_35_x86_64-cpu`, packages: ['lp-asof-demo==1.0.0', 'lp-cp39-demo==1.0', 'lp-sdist-demo==1.0', 'lp-gone-demo==1.0'] };
    const run = await runtime({ ...step, locks: [other] });
    expect(run.install.success, run.install.stdout).toBe(true);
    const drift = parseLockDrift(run.install.stdout);
    expect(drift?.python).toEqual([python === '3.9' ? '3.8' : '3.9', python]);
    // lp-gone-demo is not on the index at all: it cannot be told, and is said so, not named.
    expect(drift?.noWheel).toEqual(['lp-cp39-demo', 'lp-sdist-demo']);
    expect(run.install.stdout).toContain(`Lock: no wheel for Python ${python} in that lock: lp-cp39-demo, lp-sdist-demo.`);
    expect(run.install.stdout).toMatch(/Lock: could not tell whether lp-gone-demo==1\.0 has a wheel for this Python \(HTTP Error 404/);
    // And the step itself resolved as of that lock's date.
    expect(run.versions).toEqual({ 'lp-asof-demo': '1.1.0' });
  }, 120_000);
});
