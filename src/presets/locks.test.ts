import { describe, expect, it } from 'vitest';
import { exportPresets, parseImportFile, mergeImport } from './file-format';
import { LOCK_LIMITS, cellLocks, lockFacts, lockLine, lockOffPin, mergeLocks, readLocks, recordLocks, requestLockUpdate, type PresetLock } from './locks';
import { parsePreset } from './schema';
import { setupPlan } from './setup-plan';
import { mergeByTimestamp } from './sync';
import { ID_A, ID_B, idSequence, preset } from './test-helpers';
import { mergeLockLines, type LockLine } from '../shared/python-lock';

const T4 = 'cp313-manylinux_2_35_x86_64-cu128';
const CPU = 'cp313-manylinux_2_35_x86_64-cpu';
const line = (key: string, packages: string[], mode: LockLine['mode'] = 'new'): LockLine => ({ key, python: '3.13', release: 'rel-1', mode, packages });
const lock = (key: string, createdAt: number, packages: string[], more: Partial<PresetLock> = {}): PresetLock => ({ key, createdAt, python: '3.13', packages, ...more });
const pip = preset({ id: ID_A, steps: [{ recipe: 'pip-install', params: { packages: ['einops', 'timm'] } }] });

describe('recordLocks (the worker, under the presets lock)', () => {
  it('makes the lock of a key from a cell’s line: sorted pins, the release recorded, not an edit', () => {
    const { presets, recorded } = recordLocks([pip], ID_A, [line(T4, ['timm==1.0.0', 'einops==1.0.0', 'Pillow==11.0.0'])], 1000);
    expect(recorded).toBe(true);
    expect(presets[0]?.locks).toEqual([lock(T4, 1000, ['einops==1.0.0', 'Pillow==11.0.0', 'timm==1.0.0'], { colabRelease: 'rel-1' })]);
    expect(presets[0]?.updatedAt).toBe(pip.updatedAt);
  });

  it('keeps one lock per key: a second runtime adds its own and never overwrites the first', () => {
    const t4 = recordLocks([pip], ID_A, [line(T4, ['einops==1.0.0'])], 1000).presets;
    const both = recordLocks(t4, ID_A, [line(CPU, ['einops==2.0.0'], 'new')], 2000).presets;
    expect(both[0]?.locks?.map((l) => [l.key, l.packages])).toEqual([[CPU, ['einops==2.0.0']], [T4, ['einops==1.0.0']]]);
  });

  it('a locked replay adds only what the lock did not cover (a new step), keeping its date', () => {
    const first = recordLocks([pip], ID_A, [line(T4, ['einops==1.0.0'])], 1000).presets;
    const again = recordLocks(first, ID_A, [line(T4, ['einops==1.0.0', 'rich==13.0.0'], 'locked')], 5000).presets;
    expect(again[0]?.locks).toEqual([lock(T4, 1000, ['einops==1.0.0', 'rich==13.0.0'], { colabRelease: 'rel-1' })]);
  });

  it('Update lock: the first line of the run replaces the lock, later cells of the same run add to it', () => {
    const first = recordLocks([pip], ID_A, [line(T4, ['einops==1.0.0', 'timm==1.0.0'])], 1000).presets;
    const asked = requestLockUpdate(first[0] as never, T4, 'as-of-lock');
    expect(asked.locks?.[0]?.updateRequested).toBe('as-of-lock');
    expect(cellLocks(asked)[T4]?.update).toBe('as-of-lock');
    expect(cellLocks(requestLockUpdate(first[0] as never, T4, 'today'))[T4]?.update).toBe('today');
    expect(cellLocks(first[0] as never)[T4]?.update).toBe(false);
    const one = recordLocks([asked], ID_A, [line(T4, ['einops==2.0.0'], 'update')], 3000).presets;
    const two = recordLocks(one, ID_A, [line(T4, ['timm==2.0.0'], 'update')], 3001).presets;
    expect(two[0]?.locks).toEqual([lock(T4, 3000, ['einops==2.0.0', 'timm==2.0.0'], { colabRelease: 'rel-1' })]);
    // Asking for a key without a lock changes nothing.
    expect(requestLockUpdate(first[0] as never, CPU, 'today')).toBe(first[0]);
  });

  it('records nothing for a deleted or unknown preset, or no lines', () => {
    const gone = preset({ id: ID_A, deletedAt: 5 });
    expect(recordLocks([gone], ID_A, [line(T4, ['a==1'])], 1).recorded).toBe(false);
    expect(recordLocks([pip], ID_B, [line(T4, ['a==1'])], 1).recorded).toBe(false);
    expect(recordLocks([pip], ID_A, [], 1).recorded).toBe(false);
  });
});

describe('mergeLocks and sync', () => {
  it('per key the newer lock wins, whatever the order; an update request wins a tie', () => {
    const a = [lock(T4, 1000, ['einops==1.0.0']), lock(CPU, 3000, ['einops==3.0.0'])];
    const b = [lock(T4, 2000, ['einops==2.0.0'])];
    expect(mergeLocks(a, b)).toEqual(mergeLocks(b, a));
    expect(mergeLocks(a, b).map((l) => l.packages[0])).toEqual(['einops==3.0.0', 'einops==2.0.0']);
    const asked = lock(T4, 1000, ['einops==1.0.0'], { updateRequested: 'today' });
    expect(mergeLocks([lock(T4, 1000, ['einops==1.0.0'])], [asked])).toEqual([asked]);
    expect(mergeLocks(mergeLocks(a, b), b)).toEqual(mergeLocks(a, b));
  });

  it('keeps at most LOCK_LIMITS.perPreset locks, the newest', () => {
    const many = Array.from({ length: LOCK_LIMITS.perPreset + 2 }, (_, i) => lock(`cp313-linux_x86_64-cu${i}`, i, ['a==1']));
    const kept = mergeLocks(many);
    expect(kept).toHaveLength(LOCK_LIMITS.perPreset);
    expect(kept.map((l) => l.createdAt).sort()).toEqual([2, 3, 4, 5]);
  });

  it('two browsers’ versions of a preset: the edit wins and both runtimes’ locks stay', () => {
    const here = preset({ id: ID_A, updatedAt: 10, locks: [lock(T4, 1000, ['einops==1.0.0'])] });
    const there = preset({ id: ID_A, updatedAt: 20, name: 'renamed', locks: [lock(CPU, 2000, ['einops==2.0.0'])] });
    const merged = mergeByTimestamp([here], [there]);
    expect(merged[0]?.name).toBe('renamed');
    expect(merged[0]?.locks?.map((l) => l.key)).toEqual([CPU, T4]);
    expect(mergeByTimestamp([there], [here])).toEqual(merged);
  });
});

describe('the stored and exported format', () => {
  const stored = lock(T4, Date.UTC(2026, 11, 7), ['einops==1.0.0', 'timm==1.0.0'], { colabRelease: 'rel-1' });

  it('is read leniently: an entry of another format is never applied, never the reason to drop the preset', () => {
    const raw = { ...pip, locks: [stored, { ...stored, key: 'cp313-x-y-z' }, { ...stored, key: CPU, packages: ['einops>=1'] }, { ...stored, key: CPU, extra: 1 }, 'nonsense'] };
    const parsed = parsePreset(JSON.parse(JSON.stringify(raw)));
    // One whose key and date still read (an older or newer format) becomes an empty lock of that key
    // that resolves as of its date; one without them is dropped.
    const unreadable = { key: CPU, createdAt: stored.createdAt, python: '3.13', packages: [], updateRequested: 'as-of-lock' };
    expect(parsed.ok && parsed.value.locks).toEqual([unreadable, stored]);
    expect(readLocks([{ key: CPU, createdAt: -1, packages: 'x' }, { key: 'cpu', createdAt: 1 }, { createdAt: 1 }])).toEqual([]);
    expect(readLocks('x')).toEqual([]);
    // An Update lock asked before there were two kinds (`true`) is as of today; the lock is kept.
    expect(readLocks([{ ...stored, updateRequested: true }])).toEqual([{ ...stored, updateRequested: 'today' }]);
    expect(readLocks([{ ...stored, updateRequested: 'as-of-lock' }])).toEqual([{ ...stored, updateRequested: 'as-of-lock' }]);
    expect(readLocks([{ ...stored, updateRequested: 'tomorrow' }])).toEqual([{ key: T4, createdAt: stored.createdAt, python: '3.13', packages: [], updateRequested: 'as-of-lock' }]);
    const none = parsePreset(JSON.parse(JSON.stringify({ ...pip, locks: [] })));
    expect(none.ok && 'locks' in none.value).toBe(false);
  });

  it('is exported (without a pending Update lock) and imported with the preset', () => {
    const text = exportPresets([{ ...pip, locks: [{ ...stored, updateRequested: 'as-of-lock' }] }]);
    expect(JSON.parse(text).presets[0].locks).toEqual([stored]);
    const imported = parseImportFile(text, text.length);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.presets[0]?.locks).toEqual([stored]);
    expect(mergeImport([], imported.presets, 5, idSequence())[0]?.locks).toEqual([stored]);
  });

  it('goes into the cell as one literal per key, and the options page’s facts come from it', () => {
    const cells = cellLocks({ ...pip, locks: [stored] });
    expect(cells).toEqual({ [T4]: { created: '2026-12-07T00:00:00.000Z', release: 'rel-1', packages: ['einops==1.0.0', 'timm==1.0.0'], replaced: [], update: false } });
    const plan = setupPlan({ ...pip, locks: [stored] }, (key) => key);
    expect(plan.cells[0]?.code).toContain(`_launchpad_pip_locked([`);
    expect(plan.cells[0]?.code).toContain(`'${T4}': {'created': '2026-12-07T00:00:00.000Z', 'packages': ['einops==1.0.0', 'timm==1.0.0'], 'release': 'rel-1', 'replaced': [], 'update': False}`);
    expect(lockFacts(stored)).toEqual({ date: '2026-12-07', python: '3.13', accelerator: 'cu128', packages: 2 });
  });
});

describe('what a lock records of its run: the GPU model and the runtime version', () => {
  it('records the GPU model the badge read and the runtime version the pin applied, and shows them', () => {
    const { presets } = recordLocks([pip], ID_A, [line(T4, ['einops==1.0.0'])], Date.UTC(2026, 11, 7), { gpu: 'T4', runtimeVersion: '2026.07' });
    const made = presets[0]?.locks?.[0];
    expect(made).toMatchObject({ gpu: 'T4', runtimeVersion: '2026.07' });
    expect(readLocks(presets[0]?.locks)).toEqual(presets[0]?.locks); // the stored form validates
    expect(lockFacts(made as PresetLock)).toEqual({ date: '2026-12-07', python: '3.13', accelerator: 'T4', packages: 1, runtimeVersion: '2026.07' });
    const en = (key: string, subs?: string | string[]) => `${key}(${[subs].flat().join(',')})`;
    expect(lockLine(made as PresetLock, en as never)).toBe('editorLockLine(2026-12-07,3.13,T4,1) · lockOnVersion(2026.07)');
    // No model known: the accelerator build; no pin applied: no runtime version.
    const plain = recordLocks([pip], ID_A, [line(T4, ['einops==1.0.0'])], 1).presets[0]?.locks?.[0] as PresetLock;
    expect(plain).not.toHaveProperty('gpu');
    expect(plain).not.toHaveProperty('runtimeVersion');
    expect(lockLine(plain, en as never)).toBe('editorLockLine(1970-01-01,3.13,cu128,1)');
  });

  it('refuses a bad GPU model or runtime version when read (its versions are dropped, that runtime resolves again as of its date)', () => {
    const good = lock(T4, 1, ['a==1'], { gpu: 'A100', runtimeVersion: '2026.04' });
    expect(readLocks([good])).toEqual([good]);
    const emptied = [{ key: T4, createdAt: 1, python: '3.13', packages: [], updateRequested: 'as-of-lock' }];
    expect(readLocks([{ ...good, gpu: "T4'; import os" }])).toEqual(emptied);
    expect(readLocks([{ ...good, runtimeVersion: 'latest' }])).toEqual(emptied);
  });

  it('a lock made on another runtime version than the preset pins is not applied, the plan says why, and the next green run replaces it', () => {
    const onOld = lock(T4, Date.UTC(2026, 11, 1), ['einops==1.0.0'], { runtimeVersion: '2026.04' });
    const pinned = { ...pip, locks: [onOld], runtimeVersion: '2026.07' };
    expect(cellLocks(pinned)).toEqual({});
    expect(lockOffPin(pinned)).toEqual(onOld);
    const echo = (key: string, subs?: string | string[]) => `${key}(${[subs].flat().join(',')})`;
    expect(setupPlan(pinned, echo as never).lockNote).toBe('setupLockOffPin(2026-12-01,lockOnVersion(2026.04),lockOnVersion(2026.07))');
    // On the version it was made on, it applies, and nothing is said.
    expect(Object.keys(cellLocks({ ...pinned, runtimeVersion: '2026.04' }))).toEqual([T4]);
    expect(setupPlan({ ...pinned, runtimeVersion: '2026.04' }, echo as never).lockNote).toBeUndefined();
    // Made on the default runtime, the preset pins a version now (and the other way round).
    expect(lockOffPin({ locks: [lock(T4, 1, ['a==1'])], runtimeVersion: '2026.07' })?.key).toBe(T4);
    expect(setupPlan({ ...pip, locks: [onOld] }, echo as never).lockNote).toBe('setupLockOffPin(2026-12-01,lockOnVersion(2026.04),lockOnDefault())');
    // The run resolved (mode new) on 2026.07: its lock replaces the old one instead of joining it.
    const next = recordLocks([pinned], ID_A, [line(T4, ['einops==2.0.0'])], Date.UTC(2026, 11, 8), { runtimeVersion: '2026.07' }).presets[0];
    expect(next?.locks).toEqual([lock(T4, Date.UTC(2026, 11, 8), ['einops==2.0.0'], { colabRelease: 'rel-1', runtimeVersion: '2026.07' })]);
    // The same version: a new step's packages join the lock, which keeps its date and the GPU it first had.
    const joined = recordLocks([next as never], ID_A, [line(T4, ['rich==13.0.0'], 'locked')], Date.UTC(2026, 11, 9), { runtimeVersion: '2026.07', gpu: 'L4' }).presets[0];
    expect(joined?.locks?.[0]).toMatchObject({ createdAt: Date.UTC(2026, 11, 8), packages: ['einops==2.0.0', 'rich==13.0.0'], gpu: 'L4' });
  });

  it('mergeLockLines: one line per key, in order', () => {
    const merged = mergeLockLines([line(T4, ['a==1', 'b==1']), line(CPU, ['a==2']), line(T4, ['b==2'], 'locked')]);
    expect(merged.map((l) => [l.key, l.mode, l.packages])).toEqual([[T4, 'new', ['a==1', 'b==2']], [CPU, 'new', ['a==2']]]);
  });
});
