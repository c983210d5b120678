/**
 * The `LAUNCHPAD_LOCK {json}` lines a preset's pip-install cell prints (python-lock.ts), each checked
 * against the schema the worker's message checks again (src/shared/python-lock.ts).
 */
import * as v from 'valibot';
import { LockDriftSchema, LockLineSchema, MAX_LOCK_LINES, type LockDrift, type LockLine } from '../../shared/python-lock';

export function parseLockLines(stdout: string): LockLine[] {
  const found: LockLine[] = [];
  for (const [, json = ''] of stdout.matchAll(/^LAUNCHPAD_LOCK (\{.*\})$/gm)) {
    try {
      const line: unknown = JSON.parse(json);
      if (v.is(LockLineSchema, line)) found.push(line);
    } catch {
      // Not JSON: not a line the helper printed.
    }
  }
  return found.slice(-MAX_LOCK_LINES);
}

/** The last `LAUNCHPAD_LOCK_DRIFT {json}` line of a cell, if it printed one that checks. */
export function parseLockDrift(stdout: string): LockDrift | null {
  let found: LockDrift | null = null;
  for (const [, json = ''] of stdout.matchAll(/^LAUNCHPAD_LOCK_DRIFT (\{.*\})$/gm)) {
    try {
      const drift: unknown = JSON.parse(json);
      if (v.is(LockDriftSchema, drift)) found = drift;
    } catch {
      // Not JSON: not a line the helper printed.
    }
  }
  return found;
}
