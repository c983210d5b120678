/**
 * The shape of an install-cache digest (issue 17, review M1): the key of an archive of kept
 * installs on Drive and the sha256 of the archive this user's Launchpad made for it. The cell prints
 * `LAUNCHPAD_CACHE {"key": …, "sha256": …}` (src/recipes/python-install-cache.ts); the content script
 * forwards it, the worker stores it with the preset (src/presets/install-digests.ts). Here, apart
 * from both, so the message schema and the stored schema check the same thing.
 */

/**
 * `cp<maj><min>-<platform>-<accelerator>-torch<version|none>-<16 hex>`, as the helper builds it
 * (and as its prune pattern recognises Launchpad's own files); bounded so a preset stays small.
 */
export const INSTALL_CACHE_KEY = /^cp\d{2,4}-[A-Za-z0-9._]{1,80}-[A-Za-z0-9._]{1,40}-torch[A-Za-z0-9._]{1,60}-[0-9a-f]{16}$/;

/** A sha256 in lowercase hex, as hashlib's hexdigest writes it. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** What one `LAUNCHPAD_CACHE` line says. */
export interface CacheDigestLine {
  readonly key: string;
  readonly sha256: string;
}

/** At most this many digests travel in one message (a cell keeps one archive per pip-install step). */
export const MAX_DIGESTS_PER_MESSAGE = 8;
