/**
 * Chrome does not inject content scripts into tabs that were already open when the extension is
 * installed or updated. Inject them ourselves, in manifest order (the page script first), so an
 * open Colab tab gets a working toolbar at once; the fresh content script retires the orphaned one.
 */
import browser from '../shared/browser';

interface ManifestContentScript {
  readonly matches?: string[];
  readonly js?: string[];
  readonly world?: 'ISOLATED' | 'MAIN';
}

export async function injectIntoOpenTabs(): Promise<void> {
  const scripts = (browser.runtime.getManifest().content_scripts ?? []) as ManifestContentScript[];
  for (const script of scripts) {
    if (!script.matches?.length || !script.js?.length) continue;
    const tabs = await browser.tabs.query({ url: script.matches });
    for (const tab of tabs) {
      if (tab.id === undefined || tab.discarded) continue;
      try {
        await browser.scripting.executeScript({
          target: { tabId: tab.id },
          files: script.js,
          world: script.world ?? 'ISOLATED',
          injectImmediately: true,
        });
      } catch {
        // The tab is loading, crashed or shows an error page: its own load will inject the scripts.
      }
    }
  }
}
