import { describe, expect, it } from 'vitest';
import { chromeJsonBytes, mergeByTimestamp, planSync, presetsFromSyncItems, SYNC_QUOTAS, syncItemBytes, syncKey } from './sync';
import { ID_A, ID_B, ID_C, preset } from './test-helpers';

describe('chromeJsonBytes (base::JSONWriter sizes)', () => {
  it('equals JSON.stringify for plain ASCII and small integers', () => {
    const value = { a: [1, true, null, 'x"y\\z\n'], b: { c: -5 } };
    expect(chromeJsonBytes(value)).toBe(JSON.stringify(value).length);
  });
  it('counts "<" and U+2028 as 6-byte escapes, non-ASCII in UTF-8', () => {
    expect(chromeJsonBytes('<')).toBe(8);
    expect(chromeJsonBytes('\u2028')).toBe(8);
    expect(chromeJsonBytes('é中😀')).toBe(2 + 2 + 3 + 4);
    expect(chromeJsonBytes('\u0001')).toBe(8);
  });
  it('writes numbers as Chromium 156 does (measured with getBytesInUse)', () => {
    const measured: [number, number][] = [
      [2_147_483_647, 10], [2_147_483_648, 12], [-2_147_483_649, 13], [-5, 2], [1.5, 3], [4_294_967_296, 12],
      [12_345_678_901, 13], [123_456_789_012, 14], [999_999_999_999, 14], [999_999_999_999.5, 14],
      [1_000_000_000_000, 5], [1_700_000_000_000, 7], [1_763_812_345_678, 18], [1e21, 5], [0.000001, 8], [1e-7, 4],
    ];
    expect(measured.map(([n]) => [n, chromeJsonBytes(n)])).toEqual(measured);
  });
  it('adds the key to the item size', () => {
    expect(syncItemBytes('preset:é', { a: 1 })).toBe('preset:'.length + 2 + '{"a":1}'.length);
  });
});

describe('planSync', () => {
  const big = (id: string, size: number, updatedAt: number) =>
    preset({ id, name: id.slice(0, 8), updatedAt, steps: [{ recipe: 'python', params: { code: 'x'.repeat(size) } }] });

  it('syncs everything that fits, one item per preset keyed preset:<id>', () => {
    const a = preset();
    const plan = planSync([a]);
    expect([...plan.toSync.entries()]).toEqual([[`preset:${ID_A}`, a]]);
    expect(plan.localOnly).toEqual([]);
  });

  it('keeps a preset over the per-item quota local, and the boundary is exact', () => {
    const probe = big(ID_A, 0, 1);
    const overhead = syncItemBytes(syncKey(ID_A), probe);
    const exact = big(ID_A, SYNC_QUOTAS.quotaBytesPerItem - overhead, 1);
    expect(syncItemBytes(syncKey(ID_A), exact)).toBe(SYNC_QUOTAS.quotaBytesPerItem);
    expect(planSync([exact]).localOnly).toEqual([]);
    const over = big(ID_A, SYNC_QUOTAS.quotaBytesPerItem - overhead + 1, 1);
    expect(planSync([over])).toEqual({ toSync: new Map(), localOnly: [{ id: ID_A, reason: 'item-too-large' }] });
  });

  it('"<" in code counts 6 bytes, so a preset JSON.stringify says fits may not', () => {
    const lt = preset({ steps: [{ recipe: 'python', params: { code: '<'.repeat(2000) } }] });
    expect(JSON.stringify(lt).length).toBeLessThan(8192);
    expect(planSync([lt]).localOnly).toEqual([{ id: ID_A, reason: 'item-too-large' }]);
  });

  it('fills the total quota most recently updated first; smaller later ones may still fit', () => {
    const quotas = { quotaBytesPerItem: 8192, quotaBytes: 5000, maxItems: 512 };
    const older = big(ID_A, 3000, 1);
    const newer = big(ID_B, 3000, 2);
    const small = preset({ id: ID_C, updatedAt: 0 });
    const plan = planSync([older, small, newer], quotas);
    expect([...plan.toSync.keys()]).toEqual([syncKey(ID_B), syncKey(ID_C)]);
    expect(plan.localOnly).toEqual([{ id: ID_A, reason: 'total-quota' }]);
  });

  it('respects MAX_ITEMS and space reserved for other keys', () => {
    const list = [preset({ id: ID_A, updatedAt: 3 }), preset({ id: ID_B, updatedAt: 2 }), preset({ id: ID_C, updatedAt: 1 })];
    const plan = planSync(list, { ...SYNC_QUOTAS, maxItems: 5, reservedItems: 3 });
    expect([...plan.toSync.keys()]).toEqual([syncKey(ID_A), syncKey(ID_B)]);
    expect(plan.localOnly).toEqual([{ id: ID_C, reason: 'total-quota' }]);
    const one = syncItemBytes(syncKey(ID_A), list[0]);
    expect(planSync(list, { ...SYNC_QUOTAS, reservedBytes: SYNC_QUOTAS.quotaBytes - one }).toSync.size).toBe(1);
  });

  it('is deterministic whatever the input order', () => {
    const list = [preset({ id: ID_B, updatedAt: 5 }), preset({ id: ID_A, updatedAt: 5 }), preset({ id: ID_C, updatedAt: 9 })];
    const quotas = { ...SYNC_QUOTAS, maxItems: 2 };
    const a = planSync(list, quotas);
    const b = planSync([...list].reverse(), quotas);
    expect([...a.toSync.keys()]).toEqual([syncKey(ID_C), syncKey(ID_A)]);
    expect([...b.toSync.keys()]).toEqual([...a.toSync.keys()]);
  });
});

describe('mergeByTimestamp', () => {
  it('concurrent edits: the later updatedAt wins, from either side', () => {
    const local = preset({ name: 'Local edit', updatedAt: 10 });
    const remote = preset({ name: 'Remote edit', updatedAt: 20 });
    expect(mergeByTimestamp([local], [remote])).toEqual([remote]);
    expect(mergeByTimestamp([remote], [local])).toEqual([remote]);
  });

  it('a later deletion beats an earlier edit, and a later edit beats an earlier deletion', () => {
    const edit = preset({ name: 'Edited', updatedAt: 10 });
    const deletion = preset({ updatedAt: 11, deletedAt: 11 });
    expect(mergeByTimestamp([edit], [deletion])).toEqual([deletion]);
    const laterEdit = preset({ name: 'Edited after', updatedAt: 12 });
    expect(mergeByTimestamp([deletion], [laterEdit])).toEqual([laterEdit]);
  });

  it('keeps presets present on one side only, local order first', () => {
    const a = preset({ id: ID_A });
    const b = preset({ id: ID_B });
    const c = preset({ id: ID_C });
    expect(mergeByTimestamp([b, a], [c, a]).map((p) => p.id)).toEqual([ID_B, ID_A, ID_C]);
    expect(mergeByTimestamp([], [c])).toEqual([c]);
    expect(mergeByTimestamp([a], [])).toEqual([a]);
  });

  it('breaks ties the same way on both sides (tombstone first), so browsers converge', () => {
    const x = preset({ name: 'X', updatedAt: 5 });
    const y = preset({ name: 'Y', updatedAt: 5 });
    expect(mergeByTimestamp([x], [y])).toEqual(mergeByTimestamp([y], [x]));
    const gone = preset({ updatedAt: 5, deletedAt: 5 });
    expect(mergeByTimestamp([x], [gone])).toEqual([gone]);
    expect(mergeByTimestamp([gone], [x])).toEqual([gone]);
  });
});

describe('presetsFromSyncItems', () => {
  it('reads valid preset items, reports and skips bad ones, ignores other keys', () => {
    const good = preset({ id: ID_A });
    const result = presetsFromSyncItems({
      [syncKey(ID_A)]: good,
      [syncKey(ID_B)]: { ...preset({ id: ID_B }), name: '' },
      [syncKey(ID_C)]: preset({ id: ID_A }),
      settings: { theme: 'dark' },
    });
    expect(result.presets).toEqual([good]);
    expect(result.problems.map((p) => `${p.path} ${p.message}`)).toEqual([`preset:${ID_C}.id presetInvalidId`, `preset:${ID_B}.name presetNameRequired`]);
  });
});
