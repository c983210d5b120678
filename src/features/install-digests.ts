/**
 * After a Run setup cell: the archives it kept on Drive (its `LAUNCHPAD_CACHE` lines) go to the
 * service worker, which stores their digests with the preset (issue 17). Awaited before the next
 * cell, so a run that follows already allows them; a failure only means an online install next time.
 */
import { parseInstallCacheLines } from '../recipes/parsers/install-cache';
import { askBackground } from '../shared/messages';

export async function forwardInstallDigests(presetId: string, stdout: string): Promise<void> {
  const digests = parseInstallCacheLines(stdout);
  if (digests.length === 0) return;
  await askBackground({ type: 'install-digests', presetId, digests }).catch(() => undefined);
}
