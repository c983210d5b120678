/**
 * After a wholly green Run setup (setup-runner.ts `greenRunLocks`): what its pip-install steps
 * installed (their cells' `LAUNCHPAD_LOCK` lines, one per runtime key) goes to the service worker,
 * which records it in the preset's lock for that key (issue 19), with the GPU model the runtime had
 * and the runtime version the preset's pin applied. A failure only means the next run resolves
 * again. What moved under the lock (`LAUNCHPAD_LOCK_DRIFT`) is kept for the run's end
 * (`takeLockDrift`), when the toolbar says it.
 */
import type { Badge } from '../colab/accelerator';
import { parseLockDrift } from '../recipes/parsers/python-lock';
import { askBackground } from '../shared/messages';
import type { LockDrift, LockLine, LockRun } from '../shared/python-lock';

const drifts = new Map<string, LockDrift>();

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

/** Sends a green run's lines to the worker (nothing when there are none). */
export async function recordRunLocks(presetId: string, lines: readonly LockLine[], run: LockRun): Promise<void> {
  if (lines.length === 0) return;
  await askBackground({ type: 'preset-lock', presetId, lines: [...lines], run }).catch(() => undefined);
}

/** What moved under the preset's lock during its last run, once (then forgotten). */
export function takeLockDrift(presetId: string): LockDrift | null {
  const drift = drifts.get(presetId) ?? null;
  drifts.delete(presetId);
  return drift;
}
