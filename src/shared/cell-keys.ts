/**
 * The keys in Launchpad's cell markers (src/shared/cell-marker.ts), apart from the hashing, so
 * the content script can name keys without shipping the marker code.
 */

/** Keys are what the marker accepts: letters, digits, `_ : . -`. */
export const CELL_KEY = /^[\w:.-]{1,120}$/;
export const isCellKey = (key: string) => CELL_KEY.test(key);

/** The marker keys of a preset's block of cells (`setup:<preset id>:<n>`) start with this. */
export const blockPrefix = (presetId: string) => `setup:${presetId}:`;

/** The marker key of the cell that carries a notebook's setup (issue 18: src/presets/carried-setup.ts). */
export const CARRIED_SETUP_KEY = 'carried-setup';
