/**
 * The one module of src/presets that touches chrome.storage: reads the preset store (validated
 * preset by preset and migrated on every read), and writes it back only through validation. Stored
 * data that cannot be read (a newer version, an unknown shape) is never overwritten: callers show
 * why and change nothing. A stored preset that fails validation is quarantined: written back as it
 * is by every write, never run or synced, until the user deletes it.
 */
import browser from '../shared/browser';
import { withLock } from '../shared/locks';
import { LOCKS, STORAGE_KEYS, presetsBackupKey } from '../shared/storage-keys';
import { canonicalJson } from './canonical';
import { readStore, type ReadResult } from './migrations';
import { problem, type Problem } from './problems';
import { SCHEMA_VERSION, isPresetId, parseStore, storedValue, type Preset, type PresetStore, type QuarantinedPreset } from './schema';
import { nextStamp } from './stamps';
import { trimTombstones, trimmedTombstone } from './tombstones';
import { mergeByTimestamp, SYNC_KEY_PREFIX } from './sync';
import { parseSyncStatus, type SyncStatus } from './sync-step';

const context = () => ({ now: Date.now(), newId: () => crypto.randomUUID() });

async function readRaw(): Promise<unknown> {
  return (await browser.storage.local.get(STORAGE_KEYS.presets))[STORAGE_KEYS.presets];
}

/** The stored presets value exactly as it is (for "Export as stored" when it cannot be read). */
export function loadRawPresetStore(): Promise<unknown> {
  return readRaw();
}

/** The presets (valid ones in `store`, the others in `quarantined`), migrated in memory if needed. */
export async function loadPresetStore(): Promise<ReadResult> {
  return readStore(await readRaw(), context());
}

/**
 * Runs the migrations once (the service worker calls this on install and update) and writes the
 * result, keeping the old data under a backup key first, so nothing the user saved is lost. Reads
 * and writes under the presets lock, so a write made meanwhile (an options page, Save as preset)
 * is migrated with the rest, never overwritten by a migration of older data.
 */
export function migrateStoredPresets(): Promise<ReadResult> {
  return withLock(LOCKS.presets, async () => {
    const raw = await readRaw();
    const result = readStore(raw, context());
    if (result.ok && result.migrated) {
      await browser.storage.local.set({ [presetsBackupKey(result.fromVersion)]: raw });
      await browser.storage.local.set({ [STORAGE_KEYS.presets]: storedValue(result.store.presets, result.quarantined) });
    }
    return result;
  });
}

export type UpdateResult = { readonly ok: true; readonly store: PresetStore } | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Read-modify-write of the valid presets; refuses (and writes nothing) if the store cannot be read
 * or the result does not validate. Quarantined presets are written back exactly as they were (and
 * their ids stay taken). Holds the presets lock, so it never interleaves with sync merging remote
 * presets in. A storage error (QUOTA_BYTES…) rejects with the browser's message; nothing changed.
 */
export function updatePresets(change: (presets: readonly Preset[]) => readonly Preset[]): Promise<UpdateResult> {
  return withLock(LOCKS.presets, async () => {
    const current = await loadPresetStore();
    if (!current.ok) return { ok: false, problems: current.problems };
    return writeValid(change(current.store.presets), current.quarantined);
  });
}

/** Validates `presets` as a whole and writes them with the quarantined ones. Call under the presets lock. */
async function writeValid(presets: readonly Preset[], quarantined: readonly QuarantinedPreset[]): Promise<UpdateResult> {
  const next = parseStore({ schemaVersion: SCHEMA_VERSION, presets });
  if (!next.ok) return { ok: false, problems: next.problems };
  const taken = new Set(quarantined.map((q) => q.id));
  const clash = next.value.presets.findIndex((p) => taken.has(p.id));
  if (clash >= 0) return { ok: false, problems: [problem(`presets[${clash}].id`, 'presetDuplicateId', [next.value.presets[clash]?.id ?? ''])] };
  await browser.storage.local.set({ [STORAGE_KEYS.presets]: storedValue(next.value.presets, quarantined) });
  return { ok: true, store: next.value };
}

/**
 * Deletes a quarantined preset, found by its stored value (`raw`, as listed). One with a usable
 * id becomes a trimmed tombstone, so the deletion reaches the other browsers through sync; any
 * other is removed. Refuses when it is no longer stored as it was (changed meanwhile).
 */
export function deleteQuarantined(raw: unknown): Promise<UpdateResult> {
  return withLock(LOCKS.presets, async () => {
    const current = await loadPresetStore();
    if (!current.ok) return { ok: false, problems: current.problems };
    const wanted = canonicalJson(raw);
    const index = current.quarantined.findIndex((q) => canonicalJson(q.raw) === wanted);
    const target = current.quarantined[index];
    if (target === undefined) return { ok: false, problems: [problem('', 'presetQuarantinedGone')] };
    const rest = current.quarantined.filter((_, i) => i !== index);
    const { presets } = current.store;
    const id = target.id;
    const usable = id !== undefined && isPresetId(id) && !presets.some((p) => p.id === id) && !rest.some((q) => q.id === id);
    if (!usable) return writeValid(presets, rest);
    const now = Date.now();
    const stamp = (raw as { updatedAt?: unknown }).updatedAt;
    const previous = typeof stamp === 'number' && Number.isSafeInteger(stamp) && stamp >= 0 ? stamp : undefined;
    return writeValid([...presets, trimmedTombstone(id, nextStamp(previous, now), now)], rest);
  });
}

/**
 * Trims tombstones deleted more than a day ago to what sync needs (tombstones.ts), under the
 * presets lock; writes only when one is trimmed. A store that cannot be read or still needs its
 * migration is left alone.
 */
export function trimStoredTombstones(now: number): Promise<boolean> {
  return withLock(LOCKS.presets, async () => {
    const current = await loadPresetStore();
    if (!current.ok || current.migrated) return false;
    const trimmed = trimTombstones(current.store.presets, now);
    if (trimmed === current.store.presets) return false;
    return (await writeValid(trimmed, current.quarantined)).ok;
  });
}

/** Calls `onChange` when the stored presets change (another page, the service worker, sync). */
export function onPresetsChanged(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && STORAGE_KEYS.presets in changes) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

// --- sync (src/background/preset-sync.ts) -----------------------------------------------------

/**
 * Merges presets from sync storage into the stored list by timestamp (`mergeByTimestamp`), under
 * the presets lock and from the list as it is now; writes only when that changes it. A remote
 * preset with the id of a quarantined one is left out (its stored data is never replaced).
 * Refuses (writes nothing) when the store cannot be read or the result does not validate.
 */
export function mergeRemotePresets(remote: readonly Preset[]): Promise<UpdateResult & { readonly changed?: boolean }> {
  return withLock(LOCKS.presets, async () => {
    const current = await loadPresetStore();
    if (!current.ok) return { ok: false, problems: current.problems };
    // A store still to be migrated is written by migrateStoredPresets (with its backup), not here.
    if (current.migrated) return { ok: true, store: current.store, changed: false };
    const quarantinedIds = new Set(current.quarantined.map((q) => q.id));
    const merged = mergeByTimestamp(
      current.store.presets,
      remote.filter((p) => !quarantinedIds.has(p.id)),
      Date.now(),
    );
    if (canonicalJson(merged) === canonicalJson(current.store.presets)) return { ok: true, store: current.store, changed: false };
    const written = await writeValid(merged, current.quarantined);
    return written.ok ? { ...written, changed: true } : written;
  });
}

/** Everything in chrome.storage.sync. */
export async function readSyncItems(): Promise<Record<string, unknown>> {
  return browser.storage.sync.get(null);
}

/** Removes, then sets, `preset:*` items of chrome.storage.sync (removing first frees space). */
export async function writeSyncItems(remove: readonly string[], set: Readonly<Record<string, Preset>>): Promise<void> {
  if ([...remove, ...Object.keys(set)].some((key) => !key.startsWith(SYNC_KEY_PREFIX))) throw new Error('only preset items are written to sync');
  if (remove.length > 0) await browser.storage.sync.remove([...remove]);
  if (Object.keys(set).length > 0) await browser.storage.sync.set({ ...set });
}

/** The last sync status, validated; undefined when there is none yet (or it is unreadable). */
export async function loadSyncStatus(): Promise<SyncStatus | undefined> {
  return parseSyncStatus((await browser.storage.local.get(STORAGE_KEYS.presetSyncStatus))[STORAGE_KEYS.presetSyncStatus]);
}

export async function saveSyncStatus(status: SyncStatus): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEYS.presetSyncStatus]: status });
}

/** Calls `onChange` when the sync status changes. */
export function onSyncStatusChanged(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && STORAGE_KEYS.presetSyncStatus in changes) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
