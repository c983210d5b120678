/**
 * The `LAUNCHPAD_CACHE {"key", "sha256"}` lines a pip-install cell prints after it kept its wheels
 * on Drive (python-install-cache.ts). Only the shape is checked here (the content script ships
 * this); the worker validates the message again before anything is stored.
 */
import { INSTALL_CACHE_KEY, MAX_DIGESTS_PER_MESSAGE, SHA256_HEX, type CacheDigestLine } from '../../shared/install-digest';

export function parseInstallCacheLines(stdout: string): CacheDigestLine[] {
  const found: CacheDigestLine[] = [];
  for (const [, json] of stdout.matchAll(/^LAUNCHPAD_CACHE (\{.*\})$/gm)) {
    let data: unknown;
    try {
      data = JSON.parse(json ?? '');
    } catch {
      continue;
    }
    if (typeof data !== 'object' || data === null) continue;
    const { key, sha256 } = data as Record<string, unknown>;
    if (typeof key === 'string' && typeof sha256 === 'string' && INSTALL_CACHE_KEY.test(key) && SHA256_HEX.test(sha256)) {
      found.push({ key, sha256 });
    }
  }
  return found.slice(-MAX_DIGESTS_PER_MESSAGE);
}
