/**
 * A preset's locks (issue 19 part 1): per runtime key (Python minor, platform, accelerator build),
 * the exact `name==version` of what its pip-install steps installed or changed on the first green
 * run there. Later runs on that key install exactly those (src/recipes/python-lock.ts). Stored with
 * the preset (schema v3, optional), synced, exported. Pure: no DOM, no chrome.*.
 *
 * One lock per key: a browser on a T4 runtime and one on a CPU runtime each keep theirs; sync and
 * recording merge per key, never across keys. Only a wholly green run records (Run setup sends its
 * lines at the end); with them the GPU model the runtime had and the runtime version the preset's
 * pin applied. A lock made on another runtime version than the preset pins now is not applied.
 */
import * as v from 'valibot';
import type { Translate } from '../recipes';
import type { CellLock } from '../recipes/recipe';
import { LOCK_KEY, MAX_LOCKS_PER_PRESET, MAX_LOCK_PACKAGES, PresetLockSchema, unionPins, type LockLine, type LockRun, type LockUpdate } from '../shared/python-lock';
import type { PlanLock } from '../shared/messages';
import type { Preset } from './schema';

export interface PresetLock {
  /** `cp313-manylinux_2_35_x86_64-cu128`: Python minor, platform, accelerator build. */
  readonly key: string;
  /** ms since the epoch when it was made (first green run, or Update lock). PEP 751 has no field for it. */
  readonly createdAt: number;
  /** The Python minor version (`3.13`): PEP 751 `requires-python` is `==3.13.*`. */
  readonly python: string;
  /** Colab's COLAB_RELEASE_TAG when it was made: recorded, not part of the key (it changes with every image). */
  readonly colabRelease?: string;
  /** PEP 751 `[[packages]]` name and version, written `name==version`, sorted by name. */
  readonly packages: readonly string[];
  /** Colab's preinstalled versions the lock overrides, `name==version` (so a replay can say when they moved). */
  readonly replaced?: readonly string[];
  /** The GPU model the runtime had ("T4"), as the badge read it; absent when none was known. */
  readonly gpu?: string;
  /** The Colab runtime version the preset's pin applied in that run ("2026.07"); absent: the default runtime. */
  readonly runtimeVersion?: string;
  /** Update lock was asked for: the next run on this key resolves again (as of today, or as of the lock's date first), then replaces the lock. */
  readonly updateRequested?: LockUpdate;
}

export const LOCK_LIMITS = {
  /** Locks kept per preset (runtime keys), the newest. */
  perPreset: MAX_LOCKS_PER_PRESET,
  packages: MAX_LOCK_PACKAGES,
} as const;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Which of two locks of one key wins: the newer; then an update request; then the larger text (any fixed rule). */
function newer(a: PresetLock, b: PresetLock): PresetLock {
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt ? a : b;
  if (Boolean(a.updateRequested) !== Boolean(b.updateRequested)) return a.updateRequested ? a : b;
  return byText(JSON.stringify(a), JSON.stringify(b)) >= 0 ? a : b;
}

/**
 * One list from any number: per key the lock `newer` picks, sorted by key, at most `perPreset`
 * (the newest). Commutative, associative and idempotent, so browsers merging in any order agree.
 */
export function mergeLocks(...lists: readonly (readonly PresetLock[] | undefined)[]): PresetLock[] {
  const byKey = new Map<string, PresetLock>();
  for (const lock of lists.flatMap((list) => list ?? [])) {
    const seen = byKey.get(lock.key);
    byKey.set(lock.key, seen === undefined ? lock : newer(seen, lock));
  }
  const kept = [...byKey.values()].sort((a, b) => b.createdAt - a.createdAt || byText(a.key, b.key)).slice(0, LOCK_LIMITS.perPreset);
  return kept.sort((a, b) => byText(a.key, b.key));
}

/** A stored or imported `locks` value, read leniently: entries that do not validate are dropped (then that key resolves again). */
export function readLocks(raw: unknown): PresetLock[] {
  if (!Array.isArray(raw)) return [];
  return mergeLocks(raw.flatMap((item) => {
    const parsed = v.safeParse(PresetLockSchema, item);
    if (parsed.success) return [parsed.output as PresetLock];
    const unreadable = unreadableLock(item);
    return unreadable ? [unreadable] : [];
  }));
}

/**
 * A lock entry of a format this version cannot read (older or newer) whose key and date still read:
 * never applied, not forgotten either. It becomes an empty lock of that key asking to resolve as of
 * its date, so the next run there says it resolves as of that date, and its green run locks anew.
 */
function unreadableLock(item: unknown): PresetLock | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { key, createdAt } = item as Record<string, unknown>;
  if (typeof key !== 'string' || !LOCK_KEY.test(key) || typeof createdAt !== 'number' || !Number.isSafeInteger(createdAt) || createdAt < 0) return undefined;
  const python = /^cp(\d)(\d{1,3})-/.exec(key);
  if (!python) return undefined;
  return { key, createdAt, python: `${python[1]}.${python[2]}`, packages: [], updateRequested: 'as-of-lock' };
}

/** A preset with this list of locks (the field is left out when it is empty). */
export function withLocks(preset: Preset, locks: readonly PresetLock[]): Preset {
  const { locks: _, ...rest } = preset;
  return locks.length > 0 ? { ...rest, locks } : rest;
}


/** The lock of `line.key` after a green run printed `line` on the runtime `run` describes. */
function recordLine(existing: PresetLock | undefined, line: LockLine, now: number, run: LockRun): PresetLock {
  const fresh = (): PresetLock => ({
    key: line.key,
    createdAt: now,
    python: line.python,
    ...(line.release === null ? {} : { colabRelease: line.release }),
    packages: unionPins([], line.packages),
    ...(line.replaced?.length ? { replaced: unionPins([], line.replaced) } : {}),
    ...(run.gpu ? { gpu: run.gpu } : {}),
    ...(run.runtimeVersion ? { runtimeVersion: run.runtimeVersion } : {}),
  });
  if (existing === undefined) return fresh();
  // Update lock: the first cell of the run replaces the lock; the run's later cells add to the new one.
  if (line.mode === 'update' && existing.updateRequested) return fresh();
  // Made on another runtime version: it was not applied (cellLocks), so this run's resolution replaces it.
  if (existing.runtimeVersion !== run.runtimeVersion) return fresh();
  // A step the lock did not cover yet (a new pip-install step): its packages join the lock.
  const replaced = unionPins(line.replaced ?? [], existing.replaced ?? []); // the first record of a name stays
  const gpu = existing.gpu ?? run.gpu;
  return { ...existing, packages: unionPins(existing.packages, line.packages), ...(replaced.length ? { replaced } : {}), ...(gpu ? { gpu } : {}) };
}

/**
 * The presets after a wholly green Run setup of preset `presetId` printed `lines` on the runtime
 * `run` describes: each joins the lock of its key (or makes it). Recording does not change
 * `updatedAt` (as install digests: sync merges the locks of both sides). `recorded`: the preset is
 * live and took them.
 */
export function recordLocks(
  presets: readonly Preset[],
  presetId: string,
  lines: readonly LockLine[],
  now: number,
  run: LockRun = {},
): { readonly presets: readonly Preset[]; readonly recorded: boolean } {
  const target = presets.find((preset) => preset.id === presetId);
  if (target === undefined || target.deletedAt !== undefined || lines.length === 0) return { presets, recorded: false };
  const byKey = new Map((target.locks ?? []).map((lock) => [lock.key, lock]));
  for (const line of lines) byKey.set(line.key, recordLine(byKey.get(line.key), line, now, run));
  const next = withLocks(target, mergeLocks([...byKey.values()]));
  return { presets: presets.map((preset) => (preset === target ? next : preset)), recorded: true };
}

/** The preset with Update lock asked for on `key` (the next run there resolves again, as `how` says). Unchanged when it has no such lock. */
export function requestLockUpdate(preset: Preset, key: string, how: LockUpdate): Preset {
  if (!(preset.locks ?? []).some((lock) => lock.key === key)) return preset;
  return withLocks(preset, (preset.locks ?? []).map((lock) => (lock.key === key ? { ...lock, updateRequested: how } : lock)));
}

/** When sync has two versions of a preset: the winner, with the locks of both merged per key. A tombstone keeps what it has. */
export function withLocksOfBoth(winner: Preset, a: Preset, b: Preset): Preset {
  if (winner.deletedAt !== undefined) return winner;
  const merged = mergeLocks(a.locks, b.locks);
  return merged.length === 0 && winner.locks === undefined ? winner : withLocks(winner, merged);
}

/** Whether a lock was made on the runtime version the preset pins now (both absent: the default runtime). */
const onPinnedVersion = (lock: PresetLock, preset: Pick<Preset, 'runtimeVersion'>) => lock.runtimeVersion === preset.runtimeVersion;

/**
 * The newest lock made on another runtime version than the preset pins now: it is not applied
 * (cellLocks), and Run setup says why. Undefined when every lock fits the pin.
 */
export function lockOffPin(preset: Pick<Preset, 'locks' | 'runtimeVersion'>): PresetLock | undefined {
  return (preset.locks ?? []).filter((lock) => !onPinnedVersion(lock, preset)).sort((a, b) => b.createdAt - a.createdAt)[0];
}

/**
 * What a generated cell carries: every lock of the preset made on the runtime version it pins now,
 * by key (the cell picks its runtime's). A lock of another version resolves again, as another key's.
 */
export function cellLocks(preset: Pick<Preset, 'locks' | 'runtimeVersion'>): Record<string, CellLock> {
  const locks: Record<string, CellLock> = {};
  for (const lock of (preset.locks ?? []).filter((l) => onPinnedVersion(l, preset))) {
    locks[lock.key] = {
      created: new Date(lock.createdAt).toISOString(),
      release: lock.colabRelease ?? null,
      packages: lock.packages,
      replaced: lock.replaced ?? [],
      update: lock.updateRequested ?? false,
    };
  }
  return locks;
}

/**
 * What Run setup's connect check needs of the lock a preset's cells apply (issue 19 part 2): the
 * newest made on the runtime version it pins, with the Python and Colab release it was made on.
 */
export function planLock(preset: Pick<Preset, 'locks' | 'runtimeVersion'>): PlanLock | undefined {
  const lock = (preset.locks ?? []).filter((l) => onPinnedVersion(l, preset)).sort((a, b) => b.createdAt - a.createdAt)[0];
  return lock && { key: lock.key, python: lock.python, ...(lock.colabRelease ? { colabRelease: lock.colabRelease } : {}) };
}

/** The day a lock was made, `2026-12-07`. */
export const lockDate = (lock: Pick<PresetLock, 'createdAt'>) => new Date(lock.createdAt).toISOString().slice(0, 10);

/**
 * What the options page says of a lock: "Locked 2026-12-07 · Python 3.13 · T4 · 12 packages": the
 * GPU model the runtime had, else the accelerator build of the key (cu128, cpu); and the runtime version.
 */
export function lockFacts(lock: PresetLock): {
  readonly date: string;
  readonly python: string;
  readonly accelerator: string;
  readonly packages: number;
  readonly runtimeVersion?: string;
} {
  return {
    date: lockDate(lock),
    python: lock.python,
    accelerator: lock.gpu ?? lock.key.split('-').at(-1) ?? '',
    packages: lock.packages.length,
    ...(lock.runtimeVersion ? { runtimeVersion: lock.runtimeVersion } : {}),
  };
}

/** "Locked 2026-12-07 · Python 3.13 · T4 · 12 packages · runtime version 2026.07", in the user's language. */
export function lockLine(lock: PresetLock, t: Translate): string {
  const facts = lockFacts(lock);
  const line = t('editorLockLine', [facts.date, facts.python, facts.accelerator, String(facts.packages)]);
  return facts.runtimeVersion ? `${line} · ${t('lockOnVersion', facts.runtimeVersion)}` : line;
}
