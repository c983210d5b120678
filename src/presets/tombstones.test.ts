/** Issue 17, L3: tombstones keep only what sync needs, a day after the deletion. */
import { describe, expect, it } from 'vitest';
import { parsePreset } from './schema';
import { mergeByTimestamp } from './sync';
import { TOMBSTONE_KEEP_MS, isTrimmed, trimTombstones, trimmedTombstone } from './tombstones';
import { ID_A, ID_B, preset } from './test-helpers';

const DELETED_AT = 1_765_000_000_000;
const full = preset({ id: ID_A, deletedAt: DELETED_AT, updatedAt: DELETED_AT, steps: [{ recipe: 'python', params: { code: 'x'.repeat(5000) } }] });
const live = preset({ id: ID_B, name: 'Live' });

describe('trimTombstones', () => {
  it('keeps a tombstone whole for a day (Undo), then drops its steps, notebooks and name', () => {
    const list = [full, live];
    expect(trimTombstones(list, DELETED_AT + TOMBSTONE_KEEP_MS)).toBe(list);
    const trimmed = trimTombstones(list, DELETED_AT + TOMBSTONE_KEEP_MS + 1);
    expect(trimmed).toEqual([trimmedTombstone(ID_A, DELETED_AT + 1, DELETED_AT), live]);
    expect(JSON.stringify(trimmed[0]).length).toBeLessThan(300);
    expect(isTrimmed(trimmed[0] as never)).toBe(true);
    expect(isTrimmed(full)).toBe(false);
    expect(isTrimmed(live)).toBe(false);
  });

  it('is idempotent and leaves live presets alone', () => {
    const later = DELETED_AT + 10 * TOMBSTONE_KEEP_MS;
    const once = trimTombstones([full, live], later);
    expect(trimTombstones(once, later + TOMBSTONE_KEEP_MS)).toBe(once);
    expect(trimTombstones([live], later)).toEqual([live]);
  });

  it('a trimmed tombstone is a valid version-2 preset, so older versions on other browsers read it', () => {
    expect(parsePreset(trimmedTombstone(ID_A, 5, 4)).ok).toBe(true);
  });

  it('wins over the whole tombstone on every browser, and an edit made after the deletion still wins over it', () => {
    const [trimmed] = trimTombstones([full], DELETED_AT + 2 * TOMBSTONE_KEEP_MS);
    expect(mergeByTimestamp([full], [trimmed as never])).toEqual([trimmed]);
    expect(mergeByTimestamp([trimmed as never], [full])).toEqual([trimmed]);
    const editedOffline = preset({ id: ID_A, name: 'Edited on an offline browser', updatedAt: DELETED_AT + 60_000 });
    expect(mergeByTimestamp([trimmed as never], [editedOffline])).toEqual([editedOffline]);
  });
});
