/**
 * The one module of src/presets that touches chrome.storage: reads the preset store (validated and
 * migrated on every read), and writes it back only through validation. Stored data that cannot be
 * read (a newer version, an unknown shape, invalid) is never overwritten: callers show why and
 * change nothing.
 */
import browser from '../shared/browser';
import { STORAGE_KEYS, presetsBackupKey } from '../shared/storage-keys';
import { readStore, type ReadResult } from './migrations';
import type { Problem } from './problems';
import { SCHEMA_VERSION, parseStore, type Preset, type PresetStore } from './schema';

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

/** Read-modify-write of the preset list; refuses (and writes nothing) if either side does not validate. */
export async function updatePresets(change: (presets: readonly Preset[]) => readonly Preset[]): Promise<UpdateResult> {
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
