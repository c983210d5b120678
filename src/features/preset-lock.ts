/**
 * After a Run setup cell: what its pip-install steps installed (its `LAUNCHPAD_LOCK` lines) goes to
 * the service worker, which records it in the preset's lock for that runtime key (issue 19). Only a
 * cell that finished sends it: the helper prints the line after a successful install. Awaited
 * before the next cell; a failure only means the next run resolves again. What moved under the
 * lock (`LAUNCHPAD_LOCK_DRIFT`) is kept for the run's end (`takeLockDrift`), when the toolbar says it.
 */
import { parseLockDrift, parseLockLines } from '../recipes/parsers/python-lock';
import { askBackground } from '../shared/messages';
import type { LockDrift } from '../shared/python-lock';

const drifts = new Map<string, LockDrift>();

export async function forwardLockLines(presetId: string, stdout: string): Promise<void> {
  const drift = parseLockDrift(stdout);
  if (drift) drifts.set(presetId, drift);
  const lines = parseLockLines(stdout);
  if (lines.length === 0) return;
  await askBackground({ type: 'preset-lock', presetId, lines }).catch(() => undefined);
}

/** What moved under the preset's lock during its last run, once (then forgotten). */
export function takeLockDrift(presetId: string): LockDrift | null {
  const drift = drifts.get(presetId) ?? null;
  drifts.delete(presetId);
  return drift;
}
