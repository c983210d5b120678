/**
 * The shape of a lock line (issue 19): a preset's pip-install step prints
 * `LAUNCHPAD_LOCK {"key", "python", "release", "mode", "packages"}` (src/recipes/python-lock.ts) with
 * what it installed or changed; the content script forwards it, the worker records it with the preset
 * (src/presets/locks.ts). Here, apart from both, so the message schema and the stored schema check
 * the same thing.
 */
import * as v from 'valibot';
import { RuntimeVersionSchema } from './runtime-requirement';

/** `cp<maj><min>-<platform>-<accelerator>`: what the locked versions depend on (no torch, no requirements hash). */
export const LOCK_KEY = /^cp\d{2,4}-[A-Za-z0-9._]{1,80}-[A-Za-z0-9._]{1,40}$/;

/** One locked package, `name==version` (a distribution name, a PEP 440 version as importlib.metadata reads it). */
export const LOCK_PIN = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?==[A-Za-z0-9.+!_-]{1,64}$/;

/** At most this many packages in a lock (a preset lives in one 8 KB sync item). */
export const MAX_LOCK_PACKAGES = 150;

/** At most this many lock lines travel in one message (a cell prints one per pip-install step). */
export const MAX_LOCK_LINES = 8;

export const LockLineSchema = v.strictObject({
  key: v.pipe(v.string(), v.regex(LOCK_KEY)),
  python: v.pipe(v.string(), v.regex(/^\d{1,2}\.\d{1,3}$/)),
  release: v.nullable(v.pipe(v.string(), v.maxLength(100))),
  /** new: no lock for this key yet; locked: installed by the lock; update: Update lock resolved again. */
  mode: v.picklist(['new', 'locked', 'update']),
  packages: v.pipe(v.array(v.pipe(v.string(), v.regex(LOCK_PIN))), v.maxLength(MAX_LOCK_PACKAGES)),
  /** The versions that were there before the changed packages (Colab's preinstalled ones), `name==version`. */
  replaced: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(LOCK_PIN))), v.maxLength(MAX_LOCK_PACKAGES))),
});

/** What one `LAUNCHPAD_LOCK` line says. */
export type LockLine = v.InferOutput<typeof LockLineSchema>;

/**
 * How Update lock resolves again: `today` (the options page: re-resolve on purpose) or `as-of-lock`
 * (the toolbar's lock-drift note: Colab moved underneath; as of the lock's date first, then today).
 */
export const LOCK_UPDATES = ['today', 'as-of-lock'] as const;
export type LockUpdate = (typeof LOCK_UPDATES)[number];

/** A GPU model as the badge reads it ("T4", "L4", "A100", "RTX PRO 6000"). */
export const GpuModelSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/));

/**
 * What Run setup knows of the run a lock is made in, beside its lines (TS-side, not printed by the
 * cell): the GPU model the runtime really had, and the runtime version the preset's pin applied.
 */
export const LockRunSchema = v.strictObject({
  gpu: v.optional(GpuModelSchema),
  runtimeVersion: v.optional(RuntimeVersionSchema),
});
export type LockRun = v.InferOutput<typeof LockRunSchema>;

/** A preset's lock as stored, exported and carried in a notebook (src/presets/locks.ts `PresetLock` says what each field means). */
export const PresetLockSchema = v.strictObject({
  key: v.pipe(v.string(), v.regex(LOCK_KEY)),
  createdAt: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  python: v.pipe(v.string(), v.regex(/^\d{1,2}\.\d{1,3}$/)),
  colabRelease: v.optional(v.pipe(v.string(), v.maxLength(100))),
  packages: v.pipe(v.array(v.pipe(v.string(), v.regex(LOCK_PIN))), v.maxLength(MAX_LOCK_PACKAGES)),
  replaced: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(LOCK_PIN))), v.maxLength(MAX_LOCK_PACKAGES))),
  gpu: v.optional(GpuModelSchema),
  runtimeVersion: v.optional(RuntimeVersionSchema),
  // `true` was written before the two kinds existed: it meant as of today (the lock is kept, never dropped for it).
  updateRequested: v.optional(v.union([v.picklist(LOCK_UPDATES), v.pipe(v.literal(true), v.transform((): LockUpdate => 'today'))])),
});

/** A lock as a file or a carried setup holds it (and as messages carry it). */
export type FileLock = v.InferOutput<typeof PresetLockSchema>;

/** Locks kept per preset (runtime keys), the newest. */
export const MAX_LOCKS_PER_PRESET = 4;

/** A `LAUNCHPAD_LOCK_DRIFT` line: what moved under a preset's lock (issue 19 part 2), for the toolbar. */
export const LockDriftSchema = v.strictObject({
  key: v.pipe(v.string(), v.regex(LOCK_KEY)),
  /** The Colab release the lock was made on, and this runtime's. */
  release: v.nullable(v.tuple([v.pipe(v.string(), v.maxLength(100)), v.pipe(v.string(), v.maxLength(100))])),
  /** Another runtime's lock was not applied: its Python, and this runtime's. */
  python: v.nullable(v.tuple([v.pipe(v.string(), v.maxLength(8)), v.pipe(v.string(), v.maxLength(8))])),
  /** Preinstalled packages the lock overrides that moved: name, version then, version now. */
  moved: v.pipe(v.array(v.tuple([v.pipe(v.string(), v.maxLength(100)), v.pipe(v.string(), v.maxLength(64)), v.pipe(v.string(), v.maxLength(64))])), v.maxLength(20)),
  /** With `release`: the locked versions kept on the new release (`name==version`, at most 20): what the change may affect. */
  kept: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(LOCK_PIN))), v.maxLength(20))),
  /** With `python`: the other lock's packages that have no wheel for this Python (an sdist only would build). */
  noWheel: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(MAX_LOCK_PACKAGES))),
});
export type LockDrift = v.InferOutput<typeof LockDriftSchema>;

/** A pin's distribution name as pip normalises it (PEP 503). */
const normalName = (pin: string) => (pin.split('==')[0] ?? '').toLowerCase().replace(/[-_.]+/g, '-');

/** `pins` with `more` added; a name in both takes `more`'s version. Sorted by name, at most MAX_LOCK_PACKAGES. */
export function unionPins(pins: readonly string[], more: readonly string[]): string[] {
  const byName = new Map(pins.map((pin) => [normalName(pin), pin]));
  for (const pin of more) byName.set(normalName(pin), pin);
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, pin]) => pin).slice(0, MAX_LOCK_PACKAGES);
}

/**
 * A run's lines as one per key, in the order its cells printed them: the packages of all (a later
 * cell's version wins), the first record of a replaced name, 'update' when any cell resolved again.
 */
export function mergeLockLines(lines: readonly LockLine[]): LockLine[] {
  const byKey = new Map<string, LockLine>();
  for (const line of lines) {
    const seen = byKey.get(line.key);
    if (seen === undefined) {
      byKey.set(line.key, line);
      continue;
    }
    const replaced = unionPins(line.replaced ?? [], seen.replaced ?? []);
    byKey.set(line.key, {
      ...seen,
      mode: seen.mode === 'update' || line.mode === 'update' ? 'update' : seen.mode,
      packages: unionPins(seen.packages, line.packages),
      ...(replaced.length ? { replaced } : {}),
    });
  }
  return [...byKey.values()];
}
