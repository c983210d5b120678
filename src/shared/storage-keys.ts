/** Every chrome.storage key the extension uses, in one place. */
export const STORAGE_KEYS = {
  /** chrome.storage.local: the preset store (src/presets/schema.ts), authoritative. */
  presets: 'presets',
  /** chrome.storage.local: the last result of mirroring presets to chrome.storage.sync (src/presets/sync-step.ts `SyncStatus`). */
  presetSyncStatus: 'presetSyncStatus',
} as const;

/**
 * Web Locks (navigator.locks, shared by the extension's pages and its service worker):
 * `presets` is held by every read-modify-write of the preset store, `presetSync` by each run of
 * the sync step (so runs never overlap; e2e tests take it to reset both areas between tests).
 */
export const LOCKS = {
  presets: 'colab-launchpad:presets',
  presetSync: 'colab-launchpad:preset-sync',
  /** One Colab tab's session-guard state (read-modify-write by the worker). */
  guardTab: (tabId: number) => `colab-launchpad:guard-tab:${tabId}`,
} as const;

/** Where a store's previous shape is kept when a migration rewrites it (never deleted by us). */
export const presetsBackupKey = (fromVersion: number) => `presets.backup.v${fromVersion}`;

// --- Session guard (issue #6) -------------------------------------------------------------------
export const GUARD_KEYS = {
  /** chrome.storage.local: the guard's settings (src/shared/guard-settings.ts), versioned and validated. */
  settings: 'guardSettings',
  /** chrome.storage.session: prefix of one key per Colab tab, `guard.tab.<tabId>` (src/shared/guard-state.ts). */
  tabPrefix: 'guard.tab.',
} as const;
export const guardTabKey = (tabId: number) => `${GUARD_KEYS.tabPrefix}${tabId}`;

// --- Toolbar buttons (issue #13) ----------------------------------------------------------------
/** chrome.storage.sync: which toolbar entries are direct buttons (src/recipes/toolbar-settings.ts), versioned and validated. */
export const TOOLBAR_BUTTONS_KEY = 'toolbarButtons';

// --- Add to setup (issue 18) ---------------------------------------------------------------------
/** chrome.storage.local: notebook keys for which the user turned Add to setup off (worker only). */
export const CAPTURE_OFF_KEY = 'captureOff';
