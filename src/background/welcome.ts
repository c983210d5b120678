/**
 * The first-run welcome: on install only (never on an update or a browser update), the options
 * page opens at "Getting started" (src/options/getting-started.tsx).
 */
import browser from '../shared/browser';

export const WELCOME_PATH = 'src/options/index.html#getting-started';

export function registerWelcome(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install') return;
    browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) }).catch((error: unknown) => {
      console.warn('[Colab Launchpad] could not open the welcome page:', error);
    });
  });
}
