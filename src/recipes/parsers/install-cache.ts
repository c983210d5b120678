/**
 * The `LAUNCHPAD_CACHE {"key", "sha256"}` lines a pip-install cell prints after it kept its wheels
 * on Drive (python-install-cache.ts). The content script ships this, so it only picks the lines
 * out; the worker's message schema checks every key and digest (one bad line refuses them all:
 * the helper never prints one).
 */
import { MAX_DIGESTS_PER_MESSAGE, type CacheDigestLine } from '../../shared/install-digest';

export function parseInstallCacheLines(stdout: string): CacheDigestLine[] {
  const found: CacheDigestLine[] = [];
  for (const [, json = ''] of stdout.matchAll(/^LAUNCHPAD_CACHE (\{.*\})$/gm)) {
    try {
      const { key, sha256 } = JSON.parse(json) as Record<string, unknown>;
      if (typeof key === 'string' && typeof sha256 === 'string') found.push({ key, sha256 });
    } catch {
      // Not JSON: not a line the helper printed.
    }
  }
  return found.slice(-MAX_DIGESTS_PER_MESSAGE);
}
