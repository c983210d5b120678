/**
 * The service worker. Listeners are registered synchronously at top level so Chrome can wake the
 * worker for them; state lives in chrome.storage, never in globals here.
 */
import browser from '../shared/browser';
import { injectIntoOpenTabs } from './reinject';

browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason !== 'install' && reason !== 'update') return;
  injectIntoOpenTabs().catch((error: unknown) => console.warn('[Colab Launchpad] re-injection failed:', error));
});
