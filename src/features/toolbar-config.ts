/**
 * What the user chose for the toolbar (issue 13): which catalogue entries are direct buttons and
 * which presets get a button on every notebook. The service worker reads and validates both
 * (`toolbar-config`) and tells every Colab tab when either changes; this asks again then.
 */
import { useEffect, useState } from 'preact/hooks';
import { askBackground, onMessageToContent, type SetupPlan } from '../shared/messages';

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
    onMessageToContent((message) => (message.type === 'presets-changed' || message.type === 'toolbar-buttons-changed') && load(), signal);
  }, [signal]);
  return config;
}
