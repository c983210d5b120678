/** storage.ts against a fake chrome.storage.local: issue 17, L2 (quarantine), L3 (errors, tombstones), L4 (lock). */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import v1 from './fixtures/store-v1.json';
import { FakeLocalArea, QUOTA_MESSAGE, fakeLocks } from './fake-storage';
import { SCHEMA_VERSION } from './schema';
import { TOMBSTONE_KEEP_MS } from './tombstones';
import { ID_A, ID_B, ID_C, preset } from './test-helpers';

const local = new FakeLocalArea();
const locks = fakeLocks();
vi.mock('../shared/browser', () => ({ default: { storage: { local } } }));
vi.mock('../shared/locks', () => ({ withLock: <T>(name: string, task: () => Promise<T>) => locks.withLock(name, task) }));

const { deleteQuarantined, loadPresetStore, mergeRemotePresets, migrateStoredPresets, trimStoredTombstones, updatePresets } = await import('./storage');

const GOOD = preset({ id: ID_A, name: 'Good' });
// Refused by today's rules, as if a later version had made a rule stricter.
const BAD = { ...preset({ id: ID_B, name: 'Old rules', updatedAt: 5 }), steps: [{ recipe: 'pip-install', params: { packages: ['-r req.txt'] } }] };
const stored = () => (local.data.presets as { presets: unknown[] }).presets;

beforeEach(() => {
  local.data = {};
  local.failWrites = undefined;
  local.writes.length = 0;
});

describe('a store with one preset that fails today’s validation (L2)', () => {
  beforeEach(() => {
    local.data = { presets: { schemaVersion: SCHEMA_VERSION, presets: [GOOD, BAD] } };
  });

  it('reads: the others work, the failing one is quarantined with its problem', async () => {
    const read = await loadPresetStore();
    expect(read.ok && read.store.presets).toEqual([GOOD]);
    expect(read.ok && read.quarantined.map((q) => [q.id, q.name, q.problems[0]?.path])).toEqual([[ID_B, 'Old rules', 'presets[1].steps[0].params.packages']]);
  });

  it('every write keeps its stored data exactly as it was, and its id stays taken', async () => {
    const result = await updatePresets((presets) => [...presets, preset({ id: ID_C, name: 'New' })]);
    expect(result.ok).toBe(true);
    expect(stored()).toEqual([GOOD, preset({ id: ID_C, name: 'New' }), BAD]);
    const clash = await updatePresets((presets) => [...presets, preset({ id: ID_B, name: 'Same id' })]);
    expect(clash).toMatchObject({ ok: false, problems: [{ message: 'presetDuplicateId' }] });
  });

  it('sync never replaces it, even with a valid and later version', async () => {
    const merged = await mergeRemotePresets([preset({ id: ID_B, name: 'Remote', updatedAt: 9_000_000_000_000 })]);
    expect(merged).toMatchObject({ ok: true, changed: false });
    expect(stored()).toEqual([GOOD, BAD]);
  });

  it('deleting it leaves a trimmed tombstone (so the deletion syncs) and nothing else changes', async () => {
    const result = await deleteQuarantined(BAD);
    expect(result.ok).toBe(true);
    expect(stored()).toEqual([GOOD, expect.objectContaining({ id: ID_B, name: 'deleted', notebooks: [], steps: [{ recipe: 'gpu-check', params: {} }] })]);
    expect((stored()[1] as { updatedAt: number }).updatedAt).toBeGreaterThan(5);
    expect(await deleteQuarantined(BAD)).toMatchObject({ ok: false, problems: [{ message: 'presetQuarantinedGone' }] });
  });

  it('one without a usable id is removed', async () => {
    local.data = { presets: { schemaVersion: SCHEMA_VERSION, presets: [GOOD, 42] } };
    expect((await deleteQuarantined(42)).ok).toBe(true);
    expect(stored()).toEqual([GOOD]);
  });
});

describe('storage errors and size (L3)', () => {
  it('a quota error rejects with the browser’s message and changes nothing', async () => {
    local.data = { presets: { schemaVersion: SCHEMA_VERSION, presets: [GOOD] } };
    local.failWrites = QUOTA_MESSAGE;
    await expect(updatePresets((presets) => [...presets, preset({ id: ID_C, name: 'New' })])).rejects.toThrow(QUOTA_MESSAGE);
    expect(local.data).toEqual({ presets: { schemaVersion: SCHEMA_VERSION, presets: [GOOD] } });
  });

  it('tombstones deleted more than a day ago are trimmed once, under the lock; quarantined ones are left as stored', async () => {
    const deletedAt = 1_765_000_000_000;
    const tombstone = preset({ id: ID_C, deletedAt, updatedAt: deletedAt, steps: [{ recipe: 'python', params: { code: 'x'.repeat(4000) } }] });
    local.data = { presets: { schemaVersion: SCHEMA_VERSION, presets: [GOOD, tombstone, BAD] } };
    expect(await trimStoredTombstones(deletedAt + TOMBSTONE_KEEP_MS)).toBe(false);
    expect(await trimStoredTombstones(deletedAt + TOMBSTONE_KEEP_MS + 1)).toBe(true);
    expect(stored()).toEqual([GOOD, expect.objectContaining({ id: ID_C, name: 'deleted', updatedAt: deletedAt + 1, deletedAt }), BAD]);
    expect(JSON.stringify(stored()[1]).length).toBeLessThan(300);
    expect(await trimStoredTombstones(deletedAt + 5 * TOMBSTONE_KEEP_MS)).toBe(false);
  });
});

describe('the migration on update (L4)', () => {
  it('runs under the presets lock and reads inside it: a write made meanwhile is migrated, not lost', async () => {
    local.data = { presets: structuredClone(v1) };
    const [migrated, saved] = await Promise.all([
      migrateStoredPresets(),
      updatePresets((presets) => [...presets, preset({ id: ID_C, name: 'Saved meanwhile' })]),
    ]);
    expect(migrated.ok && migrated.migrated).toBe(true);
    expect(saved.ok).toBe(true);
    const read = await loadPresetStore();
    expect(read.ok && read.store.presets.map((p) => p.name)).toContain('Saved meanwhile');
    expect(local.data['presets.backup.v1']).toEqual(v1);
  });
});
