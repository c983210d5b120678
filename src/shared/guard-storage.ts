/**
 * The one module that reads and writes the session guard's storage: settings in
 * chrome.storage.local (validated on every read, written only through validation) and per-tab
 * runtime state in chrome.storage.session (written by the service worker only).
 */
import * as v from 'valibot';
import browser from './browser';
import { SettingsSchema, readSettings, type GuardSettings, type SettingsRead } from './guard-settings';
import { readTabState, type TabState } from './guard-state';
import { GUARD_KEYS, guardTabKey } from './storage-keys';

export async function loadGuardSettings(): Promise<SettingsRead> {
  return readSettings((await browser.storage.local.get(GUARD_KEYS.settings))[GUARD_KEYS.settings]);
}

/** Writes settings after validating them; throws (writing nothing) if they do not validate. */
export async function saveGuardSettings(settings: GuardSettings): Promise<void> {
  const parsed = v.safeParse(SettingsSchema, settings);
  if (!parsed.success) throw new Error(parsed.issues[0]?.message ?? 'invalid settings');
  await browser.storage.local.set({ [GUARD_KEYS.settings]: parsed.output });
}

export async function loadTabState(tabId: number): Promise<TabState | null> {
  const key = guardTabKey(tabId);
  return readTabState((await browser.storage.session.get(key))[key]);
}

export async function saveTabState(tabId: number, state: TabState): Promise<void> {
  await browser.storage.session.set({ [guardTabKey(tabId)]: state });
}

export async function removeTabState(tabId: number): Promise<void> {
  await browser.storage.session.remove(guardTabKey(tabId));
}

/** Every tab with guard state, by tab id (invalid entries are skipped). */
export async function loadAllTabStates(): Promise<Map<number, TabState>> {
  const all = await browser.storage.session.get(null);
  const states = new Map<number, TabState>();
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(GUARD_KEYS.tabPrefix)) continue;
    const tabId = Number(key.slice(GUARD_KEYS.tabPrefix.length));
    const state = readTabState(value);
    if (Number.isInteger(tabId) && state) states.set(tabId, state);
  }
  return states;
}

/** Tab ids that have a guard key, valid or not (for cleanup). */
export async function guardTabIds(): Promise<number[]> {
  const all = await browser.storage.session.get(null);
  return Object.keys(all)
    .filter((key) => key.startsWith(GUARD_KEYS.tabPrefix))
    .map((key) => Number(key.slice(GUARD_KEYS.tabPrefix.length)))
    .filter(Number.isInteger);
}
