/**
 * The one module of src/presets that touches chrome.storage: reads the preset store (validated and
 * migrated on every read), and writes it back only through validation. Stored data that cannot be
 * read (a newer version, an unknown shape, invalid) is never overwritten: callers show why and
 * change nothing.
 */
import browser from '../shared/browser';
import { withLock } from '../shared/locks';
import { LOCKS, STORAGE_KEYS, presetsBackupKey } from '../shared/storage-keys';
import { canonicalJson } from './canonical';
import { readStore, type ReadResult } from './migrations';
import type { Problem } from './problems';
import { SCHEMA_VERSION, parseStore, type Preset, type PresetStore } from './schema';
import { mergeByTimestamp, SYNC_KEY_PREFIX } from './sync';
import { parseSyncStatus, type SyncStatus } from './sync-step';

const context = () => ({ now: Date.now(), newId: () => crypto.randomUUID() });

async function readRaw(): Promise<unknown> {
  return (await browser.storage.local.get(STORAGE_KEYS.presets))[STORAGE_KEYS.presets];
}

export async function loadPresetStore(): Promise<ReadResult> {
  return readStore(await readRaw(), context());
}

/**
 * Runs the migrations once (the service worker calls this on install and update) and writes the
 * result, keeping the old data under a backup key first, so nothing the user saved is lost.
 */
export async function migrateStoredPresets(): Promise<ReadResult> {
  const raw = await readRaw();
  const result = readStore(raw, context());
  if (result.ok && result.migrated) {
    await browser.storage.local.set({ [presetsBackupKey(result.fromVersion)]: raw });
    await browser.storage.local.set({ [STORAGE_KEYS.presets]: result.store });
  }
  return result;
}

export type UpdateResult = { readonly ok: true; readonly store: PresetStore } | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Read-modify-write of the preset list; refuses (and writes nothing) if either side does not
 * validate. Holds the presets lock, so it never interleaves with sync merging remote presets in.
 */
export function updatePresets(change: (presets: readonly Preset[]) => readonly Preset[]): Promise<UpdateResult> {
  return withLock(LOCKS.presets, () => updateUnlocked(change));
}

async function updateUnlocked(change: (presets: readonly Preset[]) => readonly Preset[]): Promise<UpdateResult> {
  const current = await loadPresetStore();
  if (!current.ok) return { ok: false, problems: current.problems };
  const next = parseStore({ schemaVersion: SCHEMA_VERSION, presets: change(current.store.presets) });
  if (!next.ok) return { ok: false, problems: next.problems };
  await browser.storage.local.set({ [STORAGE_KEYS.presets]: next.value });
  return { ok: true, store: next.value };
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
 * the presets lock and from the list as it is now; writes only when that changes it. Refuses
 * (writes nothing) when the store cannot be read or the result does not validate.
 */
export function mergeRemotePresets(remote: readonly Preset[]): Promise<UpdateResult & { readonly changed?: boolean }> {
  return withLock(LOCKS.presets, async () => {
    const current = await loadPresetStore();
    if (!current.ok) return { ok: false, problems: current.problems };
    // A store still to be migrated is written by migrateStoredPresets (with its backup), not here.
    if (current.migrated) return { ok: true, store: current.store, changed: false };
    const merged = mergeByTimestamp(current.store.presets, remote);
    if (canonicalJson(merged) === canonicalJson(current.store.presets)) return { ok: true, store: current.store, changed: false };
    const next = parseStore({ schemaVersion: SCHEMA_VERSION, presets: merged });
    if (!next.ok) return { ok: false, problems: next.problems };
    await browser.storage.local.set({ [STORAGE_KEYS.presets]: next.value });
    return { ok: true, store: next.value, changed: true };
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
