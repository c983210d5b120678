/**
 * Tells every open Colab tab when the stored presets or the toolbar's buttons change, so tabs
 * never listen to storage themselves (security review I1: `storage.onChanged` would carry every
 * preset, code included, into the Colab renderer). The message says only what changed; a tab asks
 * the worker again for what it shows. Watching storage here covers every writer: Save as preset,
 * the options page, sync merges and migrations.
 */
import browser from '../shared/browser';
import { sendToTab, type ToContentMessage } from '../shared/messages';
import { STORAGE_KEYS, TOOLBAR_BUTTONS_KEY } from '../shared/storage-keys';

/** What a storage change means for the Colab tabs, if anything. */
export function changeMessages(changes: Record<string, unknown>, area: string): ToContentMessage[] {
  const messages: ToContentMessage[] = [];
  if (area === 'local' && STORAGE_KEYS.presets in changes) messages.push({ type: 'presets-changed' });
  if (area === 'sync' && TOOLBAR_BUTTONS_KEY in changes) messages.push({ type: 'toolbar-buttons-changed' });
  return messages;
}

/** The tabs the content script runs in (the manifest's own match patterns). */
function colabMatches(): string[] {
  return (browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => ((script as { world?: string }).world === 'MAIN' ? [] : (script.matches ?? [])));
}

/** Sends `messages` to every Colab tab; a tab without Launchpad's content script is skipped. */
export async function broadcastToColabTabs(messages: readonly ToContentMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const matches = colabMatches();
  if (matches.length === 0) return;
  const tabs = await browser.tabs.query({ url: matches });
  await Promise.all(
    tabs.flatMap((tab) => (tab.id === undefined || tab.discarded ? [] : messages.map((message) => sendToTab(tab.id as number, message).catch(() => undefined)))),
  );
}

/** Registers the storage listener; call once, synchronously, at the top level of the service worker. */
export function registerPresetBroadcast(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    broadcastToColabTabs(changeMessages(changes, area)).catch(() => undefined);
  });
}
