/**
 * Tombstones (deleted presets) keep only what sync needs. A deletion must reach the other browsers,
 * so its id and stamps are kept; its steps and notebooks are needed only by Undo on the options
 * page, right after the delete. A day after the deletion they are dropped (`trimTombstones`, run
 * by the service worker's sync). Pure.
 *
 * The stored schema (version 2) needs a name and 1–50 valid steps on every preset, tombstones
 * included, and older versions on other browsers read sync items with it; so a trimmed tombstone
 * keeps that shape with fixed contents: the name `deleted`, no notebooks, one `gpu-check` step
 * without parameters, every switch off. Trimming stamps it `updatedAt + 1`, not now: it is the
 * same deletion (an edit made after the deletion on an offline browser still wins over it), and
 * every browser trims a tombstone to the same value, so they agree without a conflict.
 */
import { canonicalJson } from './canonical';
import type { Preset } from './schema';

/** How long a tombstone keeps its steps after the deletion: long enough for Undo. */
export const TOMBSTONE_KEEP_MS = 24 * 60 * 60 * 1000;

const TRIMMED_NAME = 'deleted';

/** The trimmed form of a deletion: id, stamps and the fixed contents the schema requires. */
export function trimmedTombstone(id: string, updatedAt: number, deletedAt: number): Preset {
  return {
    id,
    name: TRIMMED_NAME,
    notebooks: [],
    steps: [{ recipe: 'gpu-check', params: {} }],
    autoRun: false,
    oneCell: false,
    keepInstalls: false,
    updatedAt,
    deletedAt,
  };
}

/** Whether a preset is a tombstone already trimmed (Undo cannot bring its steps back). */
export function isTrimmed(preset: Preset): boolean {
  if (preset.deletedAt === undefined) return false;
  return canonicalJson(preset) === canonicalJson(trimmedTombstone(preset.id, preset.updatedAt, preset.deletedAt));
}

/** The list with tombstones deleted more than TOMBSTONE_KEEP_MS ago trimmed; the same array when none is. */
export function trimTombstones(presets: readonly Preset[], now: number): readonly Preset[] {
  let changed = false;
  const out = presets.map((preset) => {
    if (preset.deletedAt === undefined || now - preset.deletedAt <= TOMBSTONE_KEEP_MS || isTrimmed(preset)) return preset;
    changed = true;
    return trimmedTombstone(preset.id, preset.updatedAt + 1, preset.deletedAt);
  });
  return changed ? out : presets;
}
