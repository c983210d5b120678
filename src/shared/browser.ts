/**
 * The one module that imports webextension-polyfill. Chrome 148+ ships `browser` natively and the
 * polyfill is no longer maintained, so dropping it later means changing only this file.
 */
import browser from 'webextension-polyfill';

export default browser;
export type { Notifications, Runtime, Tabs } from 'webextension-polyfill';
