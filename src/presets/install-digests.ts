/**
 * The trust anchor of "Keep installs on Drive" (issue 17, security review M1): the sha256 of each
 * archive of kept installs that this user's Launchpad made, stored with the preset (so it syncs
 * with it) instead of only on Drive. Generated cells carry them as literals and the helper installs
 * an archive from Drive only when its digest is here; Drive's own manifest proves completeness
 * only. Pure: no DOM, no chrome.*.
 *
 * A digest belongs to a preset, not to a step: the key already names the requirements (its last 16
 * hex are a hash of the missing specs), so it cannot authorize another step's archive, and it
 * survives reordering steps and one-cell mode.
 */
import * as v from 'valibot';
import { INSTALL_CACHE_KEY, SHA256_HEX, type CacheDigestLine } from '../shared/install-digest';
import type { Preset } from './schema';

/** An archive of kept installs this user's Launchpad made: its cache key and sha256. */
export interface InstallDigest {
  readonly key: string;
  readonly sha256: string;
  /** ms since the epoch when it was recorded: the newest are kept (INSTALL_DIGEST_LIMITS). */
  readonly at: number;
}

export const INSTALL_DIGEST_LIMITS = {
  /** Digests kept per preset (about 170 bytes each in its 8 KB sync item). */
  perPreset: 8,
  /** Digests kept per key: another Google account's Drive may hold another archive for it. */
  perKey: 2,
} as const;

const InstallDigestSchema = v.strictObject({
  key: v.pipe(v.string(), v.regex(INSTALL_CACHE_KEY)),
  sha256: v.pipe(v.string(), v.regex(SHA256_HEX)),
  at: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
});

/** Newest first; ties by key, then digest, so every browser keeps the same ones. */
function newestFirst(a: InstallDigest, b: InstallDigest): number {
  return b.at - a.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0);
}

/**
 * One list from any number of lists: each (key, sha256) once with its latest time, newest first,
 * at most `perKey` per key and `perPreset` in all. Commutative, associative and idempotent, so two
 * browsers merging each other's lists in any order reach the same list.
 */
export function mergeInstallDigests(...lists: readonly (readonly InstallDigest[] | undefined)[]): InstallDigest[] {
  const latest = new Map<string, InstallDigest>();
  for (const digest of lists.flatMap((list) => list ?? [])) {
    const id = `${digest.key} ${digest.sha256}`;
    const seen = latest.get(id);
    if (seen === undefined || digest.at > seen.at) latest.set(id, { key: digest.key, sha256: digest.sha256, at: digest.at });
  }
  const perKey = new Map<string, number>();
  const kept: InstallDigest[] = [];
  for (const digest of [...latest.values()].sort(newestFirst)) {
    const count = perKey.get(digest.key) ?? 0;
    if (count >= INSTALL_DIGEST_LIMITS.perKey) continue;
    perKey.set(digest.key, count + 1);
    kept.push(digest);
    if (kept.length === INSTALL_DIGEST_LIMITS.perPreset) break;
  }
  return kept;
}

/**
 * A stored preset's `installDigests`, read leniently: entries that do not validate are dropped (a
 * missing digest only means an online install), never a reason to refuse the preset.
 */
export function readInstallDigests(raw: unknown): InstallDigest[] {
  if (!Array.isArray(raw)) return [];
  return mergeInstallDigests(raw.flatMap((item) => {
    const parsed = v.safeParse(InstallDigestSchema, item);
    return parsed.success ? [parsed.output] : [];
  }));
}

/** A preset with this list of digests (the field is left out when it is empty). */
export function withInstallDigests(preset: Preset, digests: readonly InstallDigest[]): Preset {
  const { installDigests: _, ...rest } = preset;
  return digests.length > 0 ? { ...rest, installDigests: digests } : rest;
}

const recordsInstalls = (preset: Preset) =>
  preset.deletedAt === undefined && preset.keepInstalls && preset.steps.some((step) => step.recipe === 'pip-install');

/**
 * The presets after a cell of preset `presetId` printed `lines` (it wrote those archives to Drive):
 * the digests are added to that preset, if it is live and keeps installs. Drive holds one archive
 * per key, shared by every preset, so the new archive replaced the one any other preset trusted
 * for that key: those presets get the new digest too (else two presets with the same install
 * would rebuild the archive in turn). `recorded` says whether the preset took them.
 */
export function recordInstallDigests(
  presets: readonly Preset[],
  presetId: string,
  lines: readonly CacheDigestLine[],
  now: number,
): { readonly presets: readonly Preset[]; readonly recorded: boolean } {
  const target = presets.find((preset) => preset.id === presetId);
  if (target === undefined || !recordsInstalls(target) || lines.length === 0) return { presets, recorded: false };
  const fresh = lines.map((line) => ({ key: line.key, sha256: line.sha256, at: now }));
  const next = presets.map((preset) => {
    if (preset === target) return withInstallDigests(preset, mergeInstallDigests(preset.installDigests, fresh));
    if (!recordsInstalls(preset)) return preset;
    const theirs = new Set((preset.installDigests ?? []).map((digest) => digest.key));
    const replaced = fresh.filter((digest) => theirs.has(digest.key));
    return replaced.length > 0 ? withInstallDigests(preset, mergeInstallDigests(preset.installDigests, replaced)) : preset;
  });
  return { presets: next, recorded: true };
}

/**
 * When sync has two versions of a preset: the one that wins by timestamp, with the digests of both
 * (recording a digest does not change `updatedAt`, so an edit made elsewhere still wins, and
 * neither side loses a digest). A tombstone keeps what it has.
 */
export function withDigestsOfBoth(winner: Preset, a: Preset, b: Preset): Preset {
  if (winner.deletedAt !== undefined) return winner;
  const merged = mergeInstallDigests(a.installDigests, b.installDigests);
  return merged.length === 0 && winner.installDigests === undefined ? winner : withInstallDigests(winner, merged);
}

/** What a generated cell allows: per key, the recorded sha256 digests (none when installs are not kept). */
export function allowedArchives(preset: Preset): Record<string, string[]> {
  const allowed: Record<string, string[]> = {};
  if (!preset.keepInstalls) return allowed;
  for (const digest of preset.installDigests ?? []) (allowed[digest.key] ??= []).push(digest.sha256);
  return allowed;
}
