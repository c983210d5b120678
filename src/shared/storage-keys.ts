/** Every chrome.storage key the extension uses, in one place. */
export const STORAGE_KEYS = {
  /** chrome.storage.local: the preset store (src/presets/schema.ts), authoritative. */
  presets: 'presets',
} as const;

/** Where a store's previous shape is kept when a migration rewrites it (never deleted by us). */
export const presetsBackupKey = (fromVersion: number) => `presets.backup.v${fromVersion}`;
