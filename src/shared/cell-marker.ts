/**
 * How Launchpad recognises the cells it wrote: the second line of each is a marker comment with
 * the cell's key (what it runs: a toolbar recipe with its values, or step N of a preset) and a
 * hash of the whole cell. The service worker writes it (src/recipes/cell.ts); the page script
 * reads it (src/page). A cell whose text no longer matches its hash was edited: it
 * belongs to the user and Launchpad never rewrites it. Pure, and small: the page script ships it.
 */

import { isCellKey } from './cell-keys';

/** `# launchpad-cell <key> <hash> …`: the hash covers every other character of the cell. */
const MARKER = /^# launchpad-cell ([\w:.-]{1,120}) ([0-9a-f]{16})( .*)?$/;
const NO_HASH = '-'.repeat(16);
const NOTE = ' (Colab Launchpad re-runs this cell in place; once you edit it, it is yours)';

export { CELL_KEY, blockPrefix, isCellKey } from './cell-keys';

/**
 * 64 bits of a fast non-cryptographic hash (two 32-bit multiply-xor lanes, cyrb53's mixing).
 * It only has to tell an edited cell from ours: a crafted collision would at worst make
 * Launchpad replace that cell's text with its own generated code.
 */
export function hash64(text: string): string {
  let a = 0xdeadbeef;
  let b = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return hex(b) + hex(a);
}

/** Line endings as \n and no trailing whitespace: what an editor round trip may change. */
const lines = (text: string) => text.replace(/\r\n?/g, '\n').trimEnd().split('\n');

const markerLine = (key: string, hash: string, note: string) => `# launchpad-cell ${key} ${hash}${note}`;

/** The cell text: `firstLine` (one line: the form title), the marker, then `body`. */
export function markedCell(firstLine: string, key: string, body: string): string {
  if (!isCellKey(key) || /[\r\n]/.test(firstLine)) throw new RangeError('a cell key and a one-line first line are needed');
  const all = lines(`${firstLine}\n${markerLine(key, NO_HASH, NOTE)}\n${body}`);
  all[1] = markerLine(key, hash64(all.join('\n')), NOTE);
  return all.join('\n');
}

/** The marker of a cell's text: its key, and whether the text is still exactly what was written. */
export function readMarker(text: string): { readonly key: string; readonly intact: boolean } | undefined {
  const all = lines(text);
  const match = MARKER.exec(all[1] ?? '');
  if (!match) return undefined;
  const [, key = '', hash, note = ''] = match;
  all[1] = markerLine(key, NO_HASH, note);
  return { key, intact: hash64(all.join('\n')) === hash };
}
