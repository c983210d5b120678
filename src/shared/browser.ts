/**
 * The one module through which Launchpad reaches the WebExtension API. Chrome 148+ and Firefox
 * ship the promise-based `browser` namespace natively (checked in Chromium 156: promise returns,
 * and onMessage listeners that answer with a Promise), so the webextension-polyfill is no longer
 * bundled: it cost the content script 3 KB of its 35 KB budget. Its type definitions stay the
 * contract; manifest.json's minimum_chrome_version is 148 to match.
 */
import type { Browser } from 'webextension-polyfill';

const browser = (globalThis as unknown as { browser: Browser }).browser;

export default browser;

/**
 * Firefox alone has runtime.getBrowserInfo. Features are checked by trying them; this is only for
 * texts that name the browser's own settings or account (Firefox Sync versus a Chrome profile).
 */
export function isFirefox(): boolean {
  try {
    return typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
  } catch {
    return false;
  }
}
export type { Notifications, Runtime, Tabs } from 'webextension-polyfill';
