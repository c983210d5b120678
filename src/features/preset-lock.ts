/**
 * After a wholly green Run setup (setup-runner.ts `runWasGreen`): what its pip-install steps
 * installed (their cells' `LAUNCHPAD_LOCK` lines, one per runtime key) goes to the service worker,
 * which records it in the preset's lock for that key (issue 19), with the GPU model the runtime had
 * and the runtime version the preset's pin applied. A run that is not green records nothing, but
 * what it installed stays in this runtime: its lines wait here and join the next green run of the
 * preset on the same runtime (a step already installed prints no line again); a new runtime
 * (`forgetRunLocks`) drops them. A failed message only means the next run resolves again. What moved under the lock (`LAUNCHPAD_LOCK_DRIFT`) is kept for the run's end
 * (`takeLockDrift`), when the toolbar says it.
 */
import type { Badge } from '../colab/accelerator';
import { parseLockDrift } from '../recipes/parsers/python-lock';
import { askBackground } from '../shared/messages';
import { MAX_LOCK_LINES, mergeLockLines, type LockDrift, type LockLine, type LockRun } from '../shared/python-lock';

const drifts = new Map<string, LockDrift>();
/** Lines of runs that were not green, per preset, for its next green run on this runtime. */
const waiting = new Map<string, readonly LockLine[]>();

/** Keeps what a finished cell said moved under the preset's lock. */
export function keepLockDrift(presetId: string, stdout: string): void {
  const drift = parseLockDrift(stdout);
  if (drift) drifts.set(presetId, drift);
}

/** What a lock records of the run beside its lines: the GPU model the badge read, the runtime version applied. */
export function lockRun(badge: Badge, appliedVersion: string | undefined): LockRun {
  const gpu = badge.kind === 'gpu' && badge.model ? badge.model : undefined;
  return { ...(gpu ? { gpu } : {}), ...(appliedVersion ? { runtimeVersion: appliedVersion } : {}) };
}

/** After a run: a green one sends its lines (with those waiting) to the worker; another keeps them waiting. */
export async function settleRunLocks(presetId: string, green: boolean, lines: readonly LockLine[], run: LockRun): Promise<void> {
  const all = mergeLockLines([...(waiting.get(presetId) ?? []), ...lines]);
  if (!green) {
    if (all.length > 0) waiting.set(presetId, all);
    return;
  }
  waiting.delete(presetId);
  if (all.length === 0) return;
  await askBackground({ type: 'preset-lock', presetId, lines: all.slice(0, MAX_LOCK_LINES), run }).catch(() => undefined);
}

/** A new runtime (a VM reset, a reconnect): what earlier runs installed is gone. */
export function forgetRunLocks(): void {
  waiting.clear();
}

/** What moved under the preset's lock during its last run, once (then forgotten). */
export function takeLockDrift(presetId: string): LockDrift | null {
  const drift = drifts.get(presetId) ?? null;
  drifts.delete(presetId);
  return drift;
}
