/**
 * The one module that reads and writes the toolbar-buttons setting. It lives in
 * chrome.storage.sync (a few hundred bytes, a preference Chrome carries to the user's other
 * browsers; without a signed-in profile it stays on this computer), validated on every read and
 * written only through validation.
 */
import * as v from 'valibot';
import browser from '../shared/browser';
import { TOOLBAR_BUTTONS_KEY } from '../shared/storage-keys';
import { ToolbarSettingsSchema, readToolbarSettings, type ToolbarSettings, type ToolbarSettingsRead } from './toolbar-settings';

export async function loadToolbarSettings(): Promise<ToolbarSettingsRead> {
  return readToolbarSettings((await browser.storage.sync.get(TOOLBAR_BUTTONS_KEY))[TOOLBAR_BUTTONS_KEY]);
}

/** Writes the setting after validating it; throws (writing nothing) if it does not validate or sync refuses. */
export async function saveToolbarSettings(settings: ToolbarSettings): Promise<void> {
  const parsed = v.safeParse(ToolbarSettingsSchema, settings);
  if (!parsed.success) throw new Error(parsed.issues[0]?.message ?? 'invalid toolbar buttons');
  await browser.storage.sync.set({ [TOOLBAR_BUTTONS_KEY]: parsed.output });
}

/** Calls `onChange` when the setting changes (another page, another browser). */
export function onToolbarSettingsChanged(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'sync' && TOOLBAR_BUTTONS_KEY in changes) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
