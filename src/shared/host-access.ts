/**
 * Whether the extension may run on Colab's pages: the manifest's host permissions. Chrome grants
 * them at install, but the user can withhold them ("Site access"); Firefox lets the user switch
 * them off per site in about:addons (and MV3 treats them as revocable). Without them no content
 * script runs, so the popup and the toolbar button say so (src/popup/host-access-notice.tsx,
 * src/background/host-access-badge.ts).
 */
import browser from './browser';

/** The Colab origins of manifest.json's host_permissions. */
export function colabOrigins(): string[] {
  return browser.runtime.getManifest().host_permissions ?? [];
}

export async function hasHostAccess(): Promise<boolean> {
  return browser.permissions.contains({ origins: colabOrigins() });
}

/** Asks the user for the Colab origins (call from a click: browsers require a user action). */
export async function requestHostAccess(): Promise<boolean> {
  return browser.permissions.request({ origins: colabOrigins() });
}

/** Calls `onChange` whenever a permission is granted or revoked; returns the unsubscribe. */
export function onHostAccessChanged(onChange: () => void): () => void {
  browser.permissions.onAdded.addListener(onChange);
  browser.permissions.onRemoved.addListener(onChange);
  return () => {
    browser.permissions.onAdded.removeListener(onChange);
    browser.permissions.onRemoved.removeListener(onChange);
  };
}
