/**
 * Mirrors presets between chrome.storage.local (authoritative) and chrome.storage.sync, in the
 * service worker. What to write is decided by the pure `syncStep` (src/presets/sync-step.ts);
 * this module only reads both areas, applies the step's writes and stores the resulting status
 * (STORAGE_KEYS.presetSyncStatus) for the options page.
 *
 * Runs when the local presets change (push), when a `preset:*` sync item changes (another browser
 * wrote it: pull and merge), and on install and browser startup. Listeners are registered at top
 * level (`registerPresetSync()` is called synchronously from the worker's entry); nothing is kept
 * in globals: each run reads both areas afresh, and runs never overlap (a Web Lock). A failing
 * read or write (a quota, MAX_WRITE_OPERATIONS_PER_MINUTE, sync turned off) becomes the `error`
 * status with its message and is tried again at the next change or startup; nothing is logged.
 * Each run first trims tombstones deleted more than a day ago (src/presets/tombstones.ts), and
 * never merges over, writes or evicts the sync item of a quarantined preset.
 */
import browser from '../shared/browser';
import { withLock } from '../shared/locks';
import { LOCKS, STORAGE_KEYS } from '../shared/storage-keys';
import { SYNC_KEY_PREFIX } from '../presets/sync';
import { failedStatus, localUnreadableStatus, syncStep, type SyncStatus } from '../presets/sync-step';
import { loadPresetStore, mergeRemotePresets, readSyncItems, saveSyncStatus, trimStoredTombstones, writeSyncItems } from '../presets/storage';

/** Rounds of merge-then-push in one run before leaving the rest to the change events it causes. */
const MAX_ROUNDS = 3;

async function syncOnce(): Promise<void> {
  const now = Date.now();
  let planned: SyncStatus | undefined;
  try {
    // Tombstones older than a day lose their steps (their change runs sync again, which pushes them).
    if (await trimStoredTombstones(now)) return;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const [local, syncItems] = await Promise.all([loadPresetStore(), readSyncItems()]);
      if (!local.ok) {
        await saveSyncStatus(localUnreadableStatus(local.problems, now));
        return;
      }
      // Not migrated yet: migrateStoredPresets (onInstalled) writes the store, and that change runs sync again.
      if (local.migrated) return;
      // Quarantined presets (they fail today's validation) are kept as stored: never merged over, never written.
      const quarantinedIds = new Set(local.quarantined.flatMap((q) => (q.id === undefined ? [] : [q.id])));
      const step = syncStep({ local: local.store.presets, syncItems, quarantinedIds, now });
      planned = step.status;
      if (step.localPresets !== undefined) {
        // Merged again under the presets lock from the list as it is now, so an edit made meanwhile is kept.
        const merged = await mergeRemotePresets(step.remotePresets);
        if (!merged.ok) {
          await saveSyncStatus(localUnreadableStatus(merged.problems, now));
          return;
        }
        continue; // push from what local storage holds now
      }
      await writeSyncItems(step.syncRemove, step.syncSet);
      await saveSyncStatus(step.status);
      return;
    }
  } catch (error) {
    await saveSyncStatus(failedStatus(planned, error, now)).catch(() => undefined);
  }
}

/** Runs one sync step now (after any run in progress). Never rejects. */
export function runPresetSync(): Promise<void> {
  return withLock(LOCKS.presetSync, syncOnce).catch(() => undefined);
}

/** Registers the sync listeners; call once, synchronously, at the top level of the service worker. */
export function registerPresetSync(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    const relevant =
      area === 'local' ? STORAGE_KEYS.presets in changes : area === 'sync' && Object.keys(changes).some((key) => key.startsWith(SYNC_KEY_PREFIX));
    if (relevant) void runPresetSync();
  });
  browser.runtime.onInstalled.addListener(() => void runPresetSync());
  browser.runtime.onStartup.addListener(() => void runPresetSync());
}
