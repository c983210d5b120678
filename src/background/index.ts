/**
 * The service worker. Listeners are registered synchronously at top level so Chrome can wake the
 * worker for them; state lives in chrome.storage, never in globals here.
 */
import browser from '../shared/browser';
import { migrateStoredPresets } from '../presets/storage';
import { sendToTab } from '../shared/messages';
import { registerContentRequests } from './content-requests';
import { registerHostAccessBadge } from './host-access-badge';
import { injectIntoOpenTabs } from './reinject';
import { registerPresetBroadcast } from './preset-broadcast';
import { registerPresetSync } from './preset-sync';
import { registerSessionGuard } from './session-guard';
import { restrictStorageToExtension } from './storage-access';
import { registerWelcome } from './welcome';

restrictStorageToExtension();
registerContentRequests();

browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason !== 'install' && reason !== 'update') return;
  // Stored presets are migrated once, here; unreadable data is left as it is (the options page says why).
  migrateStoredPresets().catch((error: unknown) => console.warn('[Colab Launchpad] preset migration failed:', error));
  injectIntoOpenTabs().catch((error: unknown) => console.warn('[Colab Launchpad] re-injection failed:', error));
});

browser.commands.onCommand.addListener((command, tab) => {
  if (command !== 'open-recipe-menu' || tab?.id === undefined) return;
  // Outside Colab there is no content script to receive it; that is not an error.
  sendToTab(tab.id, { type: 'open-recipe-menu' }).catch(() => undefined);
});

registerPresetSync();
registerPresetBroadcast();
registerSessionGuard();
registerWelcome();
registerHostAccessBadge();
