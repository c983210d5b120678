/**
 * What the user chose for the toolbar (issue 13): which catalogue entries are direct buttons and
 * which presets get a button on every notebook. The service worker reads and validates both
 * (`toolbar-config`); this refreshes when either changes in storage.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { askBackground, type SetupPlan } from '../shared/messages';
import { STORAGE_KEYS, TOOLBAR_BUTTONS_KEY } from '../shared/storage-keys';

export interface ToolbarConfig {
  /** Direct entry ids; undefined until the worker answers (the catalogue's defaults apply). */
  readonly direct?: readonly string[];
  readonly presets: readonly SetupPlan[];
}

export function useToolbarConfig(signal: AbortSignal): ToolbarConfig {
  const [config, setConfig] = useState<ToolbarConfig>({ presets: [] });
  useEffect(() => {
    // An orphaned content script (extension reloaded) cannot reach the worker; it is retiring anyway.
    const load = () => void askBackground({ type: 'toolbar-config' }).then((next) => signal.aborted || setConfig(next), () => undefined);
    load();
    // Registered for the page's life: it ends only when the extension context does, and with it the listener.
    try {
      browser.storage.onChanged.addListener((changes, area) => {
        if ((area === 'local' && STORAGE_KEYS.presets in changes) || (area === 'sync' && TOOLBAR_BUTTONS_KEY in changes)) load();
      });
    } catch {
      // the extension context is already gone
    }
  }, [signal]);
  return config;
}
