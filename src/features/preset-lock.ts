/**
 * After a Run setup cell: what its pip-install steps installed (its `LAUNCHPAD_LOCK` lines) goes to
 * the service worker, which records it in the preset's lock for that runtime key (issue 19). Only a
 * cell that finished sends it: the helper prints the line after a successful install. Awaited
 * before the next cell; a failure only means the next run resolves again.
 */
import { parseLockLines } from '../recipes/parsers/python-lock';
import { askBackground } from '../shared/messages';

export async function forwardLockLines(presetId: string, stdout: string): Promise<void> {
  const lines = parseLockLines(stdout);
  if (lines.length === 0) return;
  await askBackground({ type: 'preset-lock', presetId, lines }).catch(() => undefined);
}
