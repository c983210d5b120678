/**
 * One step of mirroring presets between chrome.storage.local (authoritative) and
 * chrome.storage.sync, decided purely from what both areas hold now. Pure: no chrome.*, no DOM.
 *
 * The service worker (src/background/preset-sync.ts) runs a step whenever the local presets or a
 * `preset:*` sync item change, and on install/startup:
 * 1. remote presets are merged into the local list by timestamp (`mergeByTimestamp`: per id the
 *    later `updatedAt` wins, tombstones included; nothing is dropped) → `localPresets` when that
 *    changes the local list;
 * 2. the merged list claims sync space newest first (ties by id, as `planSync`), counting what
 *    sync storage really holds (other keys, unreadable items, older copies) → `syncSet`, only
 *    items whose value differs. A preset over QUOTA_BYTES_PER_ITEM, or one that does not fit, is
 *    local-only; an older copy of it already in sync stays there. To fit a preset, older items
 *    may be evicted (`syncRemove`, lowest priority first, only when that is enough);
 * 3. `status` says what the result is, assuming the writes succeed.
 *
 * Converges: every write replaces an item with a newer version of its preset or adds one, and an
 * eviction only ever makes room for a strictly newer preset, in an order all browsers share; a
 * preset is never removed from sync just because this browser's newer version does not fit
 * (the browsers holding the synced version would write it back: ping-pong). So after its writes
 * the next step writes nothing, and both browsers reach the same list whichever runs first
 * (`mergeByTimestamp` breaks ties the same way on both sides). An unreadable sync item is
 * reported, never written over, never removed, and never deletes anything locally: a newer
 * version of the extension in another browser may have written it.
 */
import * as v from 'valibot';
import { canonicalJson } from './canonical';
import type { Problem } from './problems';
import { isLive, type Preset } from './schema';
import { SYNC_KEY_PREFIX, SYNC_QUOTAS, mergeByTimestamp, presetsFromSyncItems, syncItemBytes, syncKey, type SyncQuotas } from './sync';

/** Why a preset is kept on this computer only. */
export type SyncLocalOnlyReason =
  /** It alone is over QUOTA_BYTES_PER_ITEM. */
  | 'item-too-large'
  /** It does not fit in what is left of QUOTA_BYTES or MAX_ITEMS. */
  | 'total-quota'
  /** Its sync item cannot be read (e.g. written by a newer version), so it is not overwritten. */
  | 'remote-unreadable';

export interface SyncLocalOnly {
  readonly id: string;
  readonly name: string;
  readonly reason: SyncLocalOnlyReason;
  /** Size of its sync item (key + value as Chromium counts it); for `item-too-large`. */
  readonly bytes?: number;
  /** QUOTA_BYTES_PER_ITEM it was measured against; for `item-too-large`. */
  readonly limit?: number;
}

export type SyncState =
  /** Every preset (tombstones too) is in sync storage. */
  | 'synced'
  /** Some live presets are kept on this computer only (`localOnly` says which and why). */
  | 'partial'
  /** A read or write failed (`error` has the message); tried again at the next change or startup. */
  | 'error'
  /** The local store cannot be read (a newer version, an unknown shape): nothing is synced. */
  | 'local-unreadable';

/** The last sync result, kept in chrome.storage.local (STORAGE_KEYS.syncStatus) for the UI. */
export interface SyncStatus {
  readonly state: SyncState;
  /** Live presets not in sync storage (tombstones are not listed). */
  readonly localOnly: readonly SyncLocalOnly[];
  /** Sync items that could not be read: left untouched, ignored. */
  readonly problems: readonly Problem[];
  /** The failure's message, for `error`. */
  readonly error?: string;
  /** ms epoch of the run that produced this status. */
  readonly at: number;
}

export interface SyncStepInput {
  /** The local store's presets (the store was read and validated). */
  readonly local: readonly Preset[];
  /** Everything in chrome.storage.sync (`get(null)`). */
  readonly syncItems: Readonly<Record<string, unknown>>;
  /**
   * Ids of stored presets that fail today's validation (quarantined): a sync item with one of
   * them is never merged in (it would replace the stored data), written or evicted.
   */
  readonly quarantinedIds?: ReadonlySet<string>;
  readonly quotas?: SyncQuotas;
  readonly now: number;
}

export interface SyncStep {
  /** The new local list when the merge changed it; undefined: leave local storage alone. */
  readonly localPresets?: readonly Preset[];
  /** The readable remote presets, quarantined ids left out (to merge again into a fresher local list under a lock). */
  readonly remotePresets: readonly Preset[];
  /** Sync items to write (only those whose stored value differs). */
  readonly syncSet: Readonly<Record<string, Preset>>;
  /** Our sync items to remove (presets that no longer fit). Remove before setting, to free space. */
  readonly syncRemove: readonly string[];
  /** The status once the writes succeed. */
  readonly status: SyncStatus;
}

/** Whether a step has anything to write (besides the status). */
export function hasWrites(step: SyncStep): boolean {
  return step.localPresets !== undefined || step.syncRemove.length > 0 || Object.keys(step.syncSet).length > 0;
}

/** Newest first, ties by id: the order presets claim sync space in (as planSync). */
function byPriority(a: Preset, b: Preset): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

interface Item {
  readonly bytes: number;
  /** The preset in it when it is one of ours and readable (it may then be evicted). */
  readonly preset?: Preset;
}

export function syncStep({ local, syncItems, quarantinedIds = new Set(), quotas = SYNC_QUOTAS, now }: SyncStepInput): SyncStep {
  const read = presetsFromSyncItems(syncItems);
  const { problems } = read;
  const remote = read.presets.filter((p) => !quarantinedIds.has(p.id));
  const remoteByKey = new Map(remote.map((p) => [syncKey(p.id), p]));
  const isUnreadable = (key: string) => Object.hasOwn(syncItems, key) && key.startsWith(SYNC_KEY_PREFIX) && !remoteByKey.has(key);

  const merged = mergeByTimestamp(local, remote, now);
  const localChanged = canonicalJson(merged) !== canonicalJson(local);

  // What sync storage holds now, as the quota enforcer counts it.
  const items = new Map<string, Item>();
  for (const [key, value] of Object.entries(syncItems)) {
    const preset = remoteByKey.get(key);
    items.set(key, { bytes: syncItemBytes(key, value), ...(preset ? { preset } : {}) });
  }
  let used = (quotas.reservedBytes ?? 0) + [...items.values()].reduce((sum, item) => sum + item.bytes, 0);
  let count = (quotas.reservedItems ?? 0) + items.size;

  const syncSet: Record<string, Preset> = {};
  const evicted = new Set<string>();
  const notSynced: { preset: Preset; reason: SyncLocalOnlyReason; bytes?: number }[] = [];

  for (const preset of [...merged].sort(byPriority)) {
    const key = syncKey(preset.id);
    if (isUnreadable(key)) {
      notSynced.push({ preset, reason: 'remote-unreadable' });
      continue;
    }
    if (evicted.has(key)) {
      notSynced.push({ preset, reason: 'total-quota' });
      continue;
    }
    const current = items.get(key);
    if (current !== undefined && canonicalJson(syncItems[key]) === canonicalJson(preset)) continue;
    const bytes = syncItemBytes(key, preset);
    if (bytes > quotas.quotaBytesPerItem) {
      // An older copy already in sync stays: removing it would make the browsers that hold that
      // version write it back.
      notSynced.push({ preset, reason: 'item-too-large', bytes });
      continue;
    }
    let needBytes = used - (current?.bytes ?? 0) + bytes - quotas.quotaBytes;
    let needItems = count + (current === undefined ? 1 : 0) - quotas.maxItems;
    if (needBytes > 0 || needItems > 0) {
      // Make room by evicting older presets (lowest priority first), only if that is enough.
      const candidates = [...items.entries()]
        .filter(([k, item]) => k !== key && !(k in syncSet) && !evicted.has(k) && item.preset && byPriority(item.preset, preset) > 0)
        .sort(([, a], [, b]) => byPriority(b.preset as Preset, a.preset as Preset));
      const chosen: string[] = [];
      for (const [k, item] of candidates) {
        if (needBytes <= 0 && needItems <= 0) break;
        chosen.push(k);
        needBytes -= item.bytes;
        needItems -= 1;
      }
      if (needBytes > 0 || needItems > 0) {
        notSynced.push({ preset, reason: 'total-quota' });
        continue;
      }
      for (const k of chosen) {
        evicted.add(k);
        used -= items.get(k)?.bytes ?? 0;
        count -= 1;
        items.delete(k);
      }
    }
    used += bytes - (current?.bytes ?? 0);
    count += current === undefined ? 1 : 0;
    items.set(key, { bytes, preset });
    syncSet[key] = preset;
  }

  const order = new Map(merged.map((p, index) => [p.id, index]));
  const localOnly: SyncLocalOnly[] = notSynced
    .filter(({ preset }) => isLive(preset))
    .sort((a, b) => (order.get(a.preset.id) ?? 0) - (order.get(b.preset.id) ?? 0))
    .map(({ preset, reason, bytes }) =>
      bytes === undefined
        ? { id: preset.id, name: preset.name, reason }
        : { id: preset.id, name: preset.name, reason, bytes, limit: quotas.quotaBytesPerItem },
    );

  return {
    ...(localChanged ? { localPresets: merged } : {}),
    remotePresets: remote,
    syncSet,
    syncRemove: [...evicted].sort(),
    status: { state: localOnly.length > 0 ? 'partial' : 'synced', localOnly, problems, at: now },
  };
}

/** The status after a failed read or write: what the step planned, plus the error. */
export function failedStatus(planned: SyncStatus | undefined, error: unknown, now: number): SyncStatus {
  const message = error instanceof Error ? error.message : String(error);
  return { state: 'error', localOnly: planned?.localOnly ?? [], problems: planned?.problems ?? [], error: message, at: now };
}

/** The status when the local store cannot be read: nothing is synced, nothing is written. */
export function localUnreadableStatus(problems: readonly Problem[], now: number): SyncStatus {
  return { state: 'local-unreadable', localOnly: [], problems, at: now };
}

// --- the stored status, validated on every read -----------------------------------------------

const problemSchema = v.object({
  path: v.string(),
  message: v.string(),
  substitutions: v.array(v.string()),
  label: v.optional(v.string()),
});

const syncStatusSchema = v.object({
  state: v.picklist(['synced', 'partial', 'error', 'local-unreadable']),
  localOnly: v.array(
    v.object({
      id: v.string(),
      name: v.string(),
      reason: v.picklist(['item-too-large', 'total-quota', 'remote-unreadable']),
      bytes: v.optional(v.number()),
      limit: v.optional(v.number()),
    }),
  ),
  problems: v.array(problemSchema),
  error: v.optional(v.string()),
  at: v.number(),
});

/** The stored status, or undefined when there is none yet or it is not one this version writes. */
export function parseSyncStatus(raw: unknown): SyncStatus | undefined {
  const result = v.safeParse(syncStatusSchema, raw);
  // Problem message keys are checked loosely: an unknown key is shown as the key itself by t().
  return result.success ? (result.output as SyncStatus) : undefined;
}
