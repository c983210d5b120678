/**
 * Keeps `storage.local` and `storage.sync` (presets, settings) away from content scripts, so a
 * compromised Colab renderer cannot read presets or write one that syncs and runs (security
 * review I1). Chrome documents `setAccessLevel` for `storage.session` only, but Chromium 156
 * applies `TRUSTED_CONTEXTS` to `local` and `sync` as well (checked by e2e/user-actions.spec.ts);
 * Firefox supports it for `session` only and refuses it here, so there the limit stays (README,
 * Privacy). Content scripts need neither area: the worker answers their requests and tells them
 * when presets change (./preset-broadcast.ts). The level is set again at every worker start.
 */
import browser from '../shared/browser';

type Restrictable = { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

export function restrictStorageToExtension(): void {
  for (const area of [browser.storage.local, browser.storage.sync] as unknown as Restrictable[]) {
    // Refused (Firefox) or missing: nothing to do; the README says what that leaves open.
    try {
      area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
    } catch {
      // refused synchronously by the browser's schema check
    }
  }
}

