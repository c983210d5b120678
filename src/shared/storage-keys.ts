/** Every chrome.storage key the extension uses, in one place. */
export const STORAGE_KEYS = {
  /** chrome.storage.local: the preset store (src/presets/schema.ts), authoritative. */
  presets: 'presets',
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
