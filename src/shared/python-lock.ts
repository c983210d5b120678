/**
 * The shape of a lock line (issue 19): a preset's pip-install step prints
 * `LAUNCHPAD_LOCK {"key", "python", "release", "mode", "packages"}` (src/recipes/python-lock.ts) with
 * what it installed or changed; the content script forwards it, the worker records it with the preset
 * (src/presets/locks.ts). Here, apart from both, so the message schema and the stored schema check
 * the same thing.
 */
import * as v from 'valibot';

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

/** A `LAUNCHPAD_LOCK_DRIFT` line: what moved under a preset's lock (issue 19 part 2), for the toolbar. */
export const LockDriftSchema = v.strictObject({
  key: v.pipe(v.string(), v.regex(LOCK_KEY)),
  /** The Colab release the lock was made on, and this runtime's. */
  release: v.nullable(v.tuple([v.pipe(v.string(), v.maxLength(100)), v.pipe(v.string(), v.maxLength(100))])),
  /** Another runtime's lock was not applied: its Python, and this runtime's. */
  python: v.nullable(v.tuple([v.pipe(v.string(), v.maxLength(8)), v.pipe(v.string(), v.maxLength(8))])),
  /** Preinstalled packages the lock overrides that moved: name, version then, version now. */
  moved: v.pipe(v.array(v.tuple([v.pipe(v.string(), v.maxLength(100)), v.pipe(v.string(), v.maxLength(64)), v.pipe(v.string(), v.maxLength(64))])), v.maxLength(20)),
  /** With `python`: the other lock's packages that have no wheel for this Python (an sdist only would build). */
  noWheel: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(MAX_LOCK_PACKAGES))),
});
export type LockDrift = v.InferOutput<typeof LockDriftSchema>;
