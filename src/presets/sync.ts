/**
 * Pure planning for mirroring presets to chrome.storage.sync (chrome.storage.local stays
 * authoritative). One sync item per preset, key `preset:<id>`, value the stored Preset
 * (tombstones included, so deletions propagate).
 *
 * Size is measured as Chromium's quota enforcer does (extensions/browser/api/storage/
 * settings_storage_quota_enforcer.cc): the key's UTF-8 length plus the length of the value
 * serialised by base::JSONWriter, in UTF-8 bytes. That serialisation is not JSON.stringify's:
 * `<`, U+2028 and U+2029 are written as 6-byte `\uXXXX` escapes (base/json/string_escape.cc),
 * and a number outside the int32 range (every ms timestamp) is a double, written in exponential
 * form from 1e12 on (`1.763812345678e+12`, 18 bytes; see `numberBytes`). `syncItemBytes`
 * reproduces that, so a plan never meets QUOTA_BYTES_PER_ITEM by surprise.
 */
import { canonicalJson } from './canonical';
import { withDigestsOfBoth } from './install-digests';
import { withLocksOfBoth } from './locks';
import { isLive, parsePreset, type Preset } from './schema';
import { problem, type Problem } from './problems';
import { isFarFuture } from './stamps';

export const SYNC_QUOTAS = {
  /** chrome.storage.sync.QUOTA_BYTES_PER_ITEM */
  quotaBytesPerItem: 8192,
  /** chrome.storage.sync.QUOTA_BYTES */
  quotaBytes: 102_400,
  /** chrome.storage.sync.MAX_ITEMS */
  maxItems: 512,
} as const;

export interface SyncQuotas {
  readonly quotaBytesPerItem: number;
  readonly quotaBytes: number;
  readonly maxItems: number;
  /** Bytes and items of sync storage used by other keys (settings…), left free. Default 0. */
  readonly reservedBytes?: number;
  readonly reservedItems?: number;
}

export const SYNC_KEY_PREFIX = 'preset:';

export function syncKey(id: string): string {
  return `${SYNC_KEY_PREFIX}${id}`;
}

export type LocalOnlyReason = 'item-too-large' | 'total-quota';

export interface SyncPlan {
  /** Items to write (key → value); every other `preset:*` item in sync is to be removed. */
  readonly toSync: Map<string, Preset>;
  /** Presets kept in local storage only, and why (for the UI's "not synced" note). */
  readonly localOnly: readonly { readonly id: string; readonly reason: LocalOnlyReason }[];
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Bytes of a string as base::JSONWriter writes it, quotes included. */
function jsonStringBytes(value: string): number {
  let bytes = 2;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    let codePoint = unit;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        codePoint = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) bytes += 3; // lone surrogate → U+FFFD
    else if (codePoint === 0x22 || codePoint === 0x5c || codePoint === 0x08 || codePoint === 0x0c) bytes += 2;
    else if (codePoint === 0x0a || codePoint === 0x0d || codePoint === 0x09) bytes += 2;
    else if (codePoint === 0x3c || codePoint === 0x2028 || codePoint === 0x2029 || codePoint < 0x20) bytes += 6;
    else bytes += utf8Length(codePoint);
  }
  return bytes;
}

/**
 * A number as Chromium stores it: an integer in the int32 range stays an int ("-5"); any other
 * number is a double, written by base::NumberToString (double-conversion's shortest digits, plain
 * decimal when the exponent is in [-6, 12), else exponential with an explicit sign: "1.7e+12",
 * "1.763812345678e+12", "1e-7"), and JSONWriter appends ".0" when that has no "." or "e"
 * ("2147483648.0"). Measured against chrome.storage.sync.getBytesInUse in Chromium 156.
 */
function numberBytes(value: number): number {
  if (Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31) return String(value).length;
  const sign = value < 0 ? 1 : 0;
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '').length;
  const exponent = Number(exponentText);
  if (exponent >= 12 || exponent < -6) return sign + digits + (digits > 1 ? 1 : 0) + 2 + String(Math.abs(exponent)).length;
  if (exponent < 0) return sign + 2 + (-exponent - 1) + digits; // 0.000ddd
  return sign + (digits > exponent + 1 ? digits + 1 : exponent + 1 + 2); // ddd.ddd, or ddd000 + ".0"
}

/** UTF-8 bytes of `value` serialised by Chromium's base::JSONWriter (compact). */
export function chromeJsonBytes(value: unknown): number {
  if (value === null) return 4;
  switch (typeof value) {
    case 'boolean':
      return value ? 4 : 5;
    case 'number':
      return Number.isFinite(value) ? numberBytes(value) : 4;
    case 'string':
      return jsonStringBytes(value);
    case 'object': {
      if (Array.isArray(value)) {
        return 2 + Math.max(0, value.length - 1) + value.reduce<number>((sum, item) => sum + chromeJsonBytes(item ?? null), 0);
      }
      const entries = Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== 'function');
      return 2 + Math.max(0, entries.length - 1) + entries.reduce((sum, [key, item]) => sum + jsonStringBytes(key) + 1 + chromeJsonBytes(item), 0);
    }
    default:
      return 0; // undefined, functions, symbols are not stored
  }
}

/** What one sync item costs against the quotas: key bytes + value bytes. */
export function syncItemBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key).length + chromeJsonBytes(value);
}

/**
 * Which presets go to sync. Deterministic: presets are taken most recently updated first (ties
 * by id), each added if it fits the per-item quota and what is left of the total and item
 * count; a preset that does not fit is local-only (`item-too-large` when it alone exceeds
 * QUOTA_BYTES_PER_ITEM, else `total-quota`), and smaller ones after it may still fit.
 */
export function planSync(presets: readonly Preset[], quotas: SyncQuotas = SYNC_QUOTAS): SyncPlan {
  const ordered = [...presets].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const toSync = new Map<string, Preset>();
  const localOnly: { id: string; reason: LocalOnlyReason }[] = [];
  let bytesLeft = quotas.quotaBytes - (quotas.reservedBytes ?? 0);
  let itemsLeft = quotas.maxItems - (quotas.reservedItems ?? 0);
  for (const preset of ordered) {
    const key = syncKey(preset.id);
    const bytes = syncItemBytes(key, preset);
    if (bytes > quotas.quotaBytesPerItem) {
      localOnly.push({ id: preset.id, reason: 'item-too-large' });
    } else if (bytes > bytesLeft || itemsLeft < 1) {
      localOnly.push({ id: preset.id, reason: 'total-quota' });
    } else {
      toSync.set(key, preset);
      bytesLeft -= bytes;
      itemsLeft -= 1;
    }
  }
  return { toSync, localOnly };
}

/**
 * Presets from the items of chrome.storage.sync (`get(null)`): each `preset:*` item validated
 * on its own; an invalid item is reported and skipped (never fatal: local data is not dropped
 * because a remote item is bad). Other keys are ignored.
 */
export function presetsFromSyncItems(items: Readonly<Record<string, unknown>>): { presets: Preset[]; problems: Problem[] } {
  const presets: Preset[] = [];
  const problems: Problem[] = [];
  for (const key of Object.keys(items).sort()) {
    if (!key.startsWith(SYNC_KEY_PREFIX)) continue;
    const parsed = parsePreset(items[key], key);
    if (!parsed.ok) problems.push(...parsed.problems);
    else if (syncKey(parsed.value.id) !== key) problems.push(problem(`${key}.id`, 'presetInvalidId'));
    else presets.push(parsed.value);
  }
  return { presets, problems };
}


/** Of two versions of one preset, the later by stamp; on a tie a tombstone, then a fixed order. */
function laterByStamp(a: Preset, b: Preset): Preset {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  if (isLive(a) !== isLive(b)) return isLive(a) ? b : a;
  const ca = canonicalJson(a);
  const cb = canonicalJson(b);
  return ca >= cb ? a : b;
}

/**
 * Of two versions of one preset, the one both browsers keep: the later stamp (`laterByStamp`),
 * except that a stamp more than a day ahead of `now` is treated as now. A version stamped
 * between now and a day ahead then wins over it, and is kept re-stamped just above it, so every
 * browser, whatever its clock, agrees on it and keeps it (no write ping-pong between clocks).
 */
function winner(a: Preset, b: Preset, now: number | undefined): Preset {
  const later = laterByStamp(a, b);
  if (now === undefined) return later;
  const other = later === a ? b : a;
  if (isFarFuture(later.updatedAt, now) && other.updatedAt > now && !isFarFuture(other.updatedAt, now)) {
    return { ...other, updatedAt: later.updatedAt + 1 };
  }
  return later;
}

/**
 * Merges two browsers' presets: per id the version with the later `updatedAt` wins (a
 * tombstone is a version, so a later deletion removes the other side's edit and a later edit
 * survives an earlier deletion); presets on one side only are kept. Order: local order, then
 * remote-only presets in remote order. The same result whichever side is "local" (ties broken
 * the same way), so two browsers converge. With `now`, a stamp far in the future is treated as
 * now (`winner`). A live winner carries the install digests and the locks of both versions
 * (install-digests.ts, locks.ts: recording one does not change updatedAt).
 */
export function mergeByTimestamp(local: readonly Preset[], remote: readonly Preset[], now?: number): Preset[] {
  const remoteById = new Map(remote.map((p) => [p.id, p]));
  const localIds = new Set(local.map((p) => p.id));
  const merged = local.map((p) => {
    const other = remoteById.get(p.id);
    return other === undefined ? p : withLocksOfBoth(withDigestsOfBoth(winner(p, other, now), p, other), p, other);
  });
  return [...merged, ...remote.filter((p) => !localIds.has(p.id))];
}
