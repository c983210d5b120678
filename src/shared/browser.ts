/**
 * The one module that imports webextension-polyfill. Chrome 148+ ships `browser` natively and the
 * polyfill is no longer maintained, so dropping it later means changing only this file.
 */
import browser from 'webextension-polyfill';

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
