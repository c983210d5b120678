import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import type { Preset } from './schema';
import { SYNC_QUOTAS, syncItemBytes, syncKey, type SyncQuotas } from './sync';
import { failedStatus, hasWrites, localUnreadableStatus, parseSyncStatus, syncStep, type SyncStep } from './sync-step';
import { ID_A, ID_B, ID_C, deepFreeze, preset } from './test-helpers';

/** chrome.storage.sync as Chromium enforces it: remove, then set all-or-nothing within the quotas. */
class FakeSyncArea {
  items: Record<string, unknown> = {};
  writes = 0;
  constructor(readonly quotas: SyncQuotas = SYNC_QUOTAS) {}
  remove(keys: readonly string[]) {
    if (keys.length === 0) return;
    this.writes++;
    this.items = Object.fromEntries(Object.entries(this.items).filter(([key]) => !keys.includes(key)));
  }
  set(values: Readonly<Record<string, unknown>>) {
    if (Object.keys(values).length === 0) return;
    const next = { ...this.items, ...structuredClone(values) };
    for (const [key, value] of Object.entries(values)) {
      if (syncItemBytes(key, value) > this.quotas.quotaBytesPerItem) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    }
    const total = Object.entries(next).reduce((sum, [key, value]) => sum + syncItemBytes(key, value), 0);
    if (total > this.quotas.quotaBytes) throw new Error('QUOTA_BYTES quota exceeded');
    if (Object.keys(next).length > this.quotas.maxItems) throw new Error('MAX_ITEMS quota exceeded');
    this.writes++;
    this.items = next;
  }
}

/** One browser: its local list and the shared sync area. */
class FakeBrowser {
  localWrites = 0;
  constructor(
    public local: Preset[],
    readonly sync: FakeSyncArea,
  ) {}
  /** Runs one step and applies its writes as the service worker does. */
  run(now = 1): SyncStep {
    const step = syncStep({ local: this.local, syncItems: structuredClone(this.sync.items), quotas: this.sync.quotas, now });
    if (step.localPresets) {
      this.local = [...step.localPresets];
      this.localWrites++;
    }
    this.sync.remove(step.syncRemove);
    this.sync.set(step.syncSet);
    return step;
  }
  /** Runs until a step writes nothing (as the storage listeners would), failing on ping-pong. */
  settle(): SyncStep {
    for (let i = 0; i < 5; i++) {
      const step = this.run();
      if (!hasWrites(step)) return step;
    }
    throw new Error('did not converge');
  }
  edit(id: string, changes: Partial<Preset>) {
    const index = this.local.findIndex((p) => p.id === id);
    const base = this.local[index] ?? preset({ id });
    const next = { ...base, ...changes };
    if (index < 0) this.local.push(next);
    else this.local[index] = next;
  }
}

const big = (id: string, codeBytes: number, updatedAt = 1) =>
  preset({ id, name: `Big ${id.slice(0, 4)}`, updatedAt, steps: [{ recipe: 'python', params: { code: 'x'.repeat(codeBytes) } }] });

describe('syncStep: pushing', () => {
  it('mirrors every local preset to sync under preset:<id>, tombstones too', () => {
    const a = preset({ id: ID_A });
    const gone = preset({ id: ID_B, updatedAt: 5, deletedAt: 5 });
    const step = syncStep({ local: deepFreeze([a, gone]), syncItems: {}, now: 7 });
    expect(step.localPresets).toBeUndefined();
    expect(step.syncSet).toEqual({ [syncKey(ID_A)]: a, [syncKey(ID_B)]: gone });
    expect(step.syncRemove).toEqual([]);
    expect(step.status).toEqual({ state: 'synced', localOnly: [], problems: [], at: 7 });
  });

  it('is idempotent: the second run writes nothing and says the same', () => {
    const browser = new FakeBrowser([preset({ id: ID_A }), preset({ id: ID_B, name: '课程作业 <b>' })], new FakeSyncArea());
    const first = browser.run();
    expect(hasWrites(first)).toBe(true);
    const writes = browser.sync.writes;
    const second = browser.run();
    expect(hasWrites(second)).toBe(false);
    expect(second.syncSet).toEqual({});
    expect(browser.sync.writes).toBe(writes);
    expect(second.status).toEqual(first.status);
  });

  it('writes only the items that changed', () => {
    const browser = new FakeBrowser([preset({ id: ID_A }), preset({ id: ID_B })], new FakeSyncArea());
    browser.settle();
    browser.edit(ID_B, { name: 'Renamed', updatedAt: 2_000_000_000_000 });
    const step = browser.run();
    expect(Object.keys(step.syncSet)).toEqual([syncKey(ID_B)]);
    expect(step.localPresets).toBeUndefined();
  });

  it('rewrites a readable remote item stored without its defaults once, then leaves it', () => {
    const a = preset({ id: ID_A });
    const { autoRun: _a, oneCell: _o, ...short } = a;
    const step = syncStep({ local: [a], syncItems: { [syncKey(ID_A)]: short }, now: 1 });
    expect(step.localPresets).toBeUndefined();
    expect(step.syncSet).toEqual({ [syncKey(ID_A)]: a });
  });
});

describe('syncStep: pulling and conflicts', () => {
  it('adds a preset another browser created, and pushes nothing back', () => {
    const remote = preset({ id: ID_B, name: 'From the laptop' });
    const local = [preset({ id: ID_A })];
    const step = syncStep({ local, syncItems: { [syncKey(ID_B)]: remote }, now: 1 });
    expect(step.localPresets).toEqual([local[0], remote]);
    expect(step.syncSet).toEqual({ [syncKey(ID_A)]: local[0] });
    expect(step.syncRemove).toEqual([]);
  });

  it('a fresh browser gets everything from sync', () => {
    const sync = new FakeSyncArea();
    new FakeBrowser([preset({ id: ID_A }), preset({ id: ID_B })], sync).settle();
    const fresh = new FakeBrowser([], sync);
    fresh.settle();
    expect(fresh.local.map((p) => p.id)).toEqual([ID_A, ID_B]);
  });

  it.each([
    ['A first', true],
    ['B first', false],
  ])('two browsers edit the same preset (%s): the newer edit wins on both and in sync', (_, aFirst) => {
    const sync = new FakeSyncArea();
    const a = new FakeBrowser([preset({ id: ID_A, updatedAt: 1 })], sync);
    a.settle();
    const b = new FakeBrowser([], sync);
    b.settle();
    a.edit(ID_A, { name: 'Edited on A', updatedAt: 10 });
    b.edit(ID_A, { name: 'Edited on B', updatedAt: 20 });
    const [first, second] = aFirst ? [a, b] : [b, a];
    first.settle();
    second.settle();
    first.settle();
    for (const side of [a, b]) expect(side.local.map((p) => p.name)).toEqual(['Edited on B']);
    expect((sync.items[syncKey(ID_A)] as Preset).name).toBe('Edited on B');
    expect(hasWrites(a.run()) || hasWrites(b.run())).toBe(false);
  });

  it('an older remote edit loses: local keeps its version and puts it back in sync', () => {
    const mine = preset({ id: ID_A, name: 'Mine', updatedAt: 20 });
    const older = preset({ id: ID_A, name: 'Older', updatedAt: 10 });
    const step = syncStep({ local: [mine], syncItems: { [syncKey(ID_A)]: older }, now: 1 });
    expect(step.localPresets).toBeUndefined();
    expect(step.syncSet).toEqual({ [syncKey(ID_A)]: mine });
  });

  it('edit vs delete: the later one wins on both browsers', () => {
    const sync = new FakeSyncArea();
    const a = new FakeBrowser([preset({ id: ID_A, updatedAt: 1 }), preset({ id: ID_B, updatedAt: 1 })], sync);
    a.settle();
    const b = new FakeBrowser([], sync);
    b.settle();
    // ID_A: deleted on A after B edited it. ID_B: edited on B after A deleted it.
    a.edit(ID_A, { updatedAt: 30, deletedAt: 30 });
    b.edit(ID_A, { name: 'Edited before the delete', updatedAt: 20 });
    a.edit(ID_B, { updatedAt: 20, deletedAt: 20 });
    b.edit(ID_B, { name: 'Edited after the delete', updatedAt: 30 });
    b.settle();
    a.settle();
    b.settle();
    for (const side of [a, b]) {
      expect(side.local.find((p) => p.id === ID_A)?.deletedAt).toBe(30);
      expect(side.local.find((p) => p.id === ID_B)).toMatchObject({ name: 'Edited after the delete', updatedAt: 30 });
      expect(side.local.find((p) => p.id === ID_B)?.deletedAt).toBeUndefined();
    }
  });

  it('a remote tombstone deletes locally (as a tombstone)', () => {
    const live = preset({ id: ID_A, updatedAt: 10 });
    const tombstone = preset({ id: ID_A, updatedAt: 11, deletedAt: 11 });
    const step = syncStep({ local: [live], syncItems: { [syncKey(ID_A)]: tombstone }, now: 1 });
    expect(step.localPresets).toEqual([tombstone]);
    expect(step.syncSet).toEqual({});
  });

  it('a missing sync item never deletes anything locally', () => {
    const sync = new FakeSyncArea();
    const a = new FakeBrowser([preset({ id: ID_A })], sync);
    a.settle();
    sync.items = {};
    const step = a.run();
    expect(step.localPresets).toBeUndefined();
    expect(a.local.map((p) => p.id)).toEqual([ID_A]);
    expect(Object.keys(sync.items)).toEqual([syncKey(ID_A)]);
  });
});

describe('syncStep: quotas', () => {
  it('keeps an oversized preset local, says how large, and leaves its older sync copy alone', () => {
    const small = preset({ id: ID_A });
    const huge = big(ID_B, 10_000, 2);
    const previous = preset({ id: ID_B, updatedAt: 1 }); // it fitted before it grew
    const step = syncStep({ local: [small, huge], syncItems: { [syncKey(ID_B)]: previous }, now: 3 });
    expect(step.localPresets).toBeUndefined();
    expect(Object.keys(step.syncSet)).toEqual([syncKey(ID_A)]);
    expect(step.syncRemove).toEqual([]);
    expect(step.status).toEqual({
      state: 'partial',
      localOnly: [{ id: ID_B, name: huge.name, reason: 'item-too-large', bytes: syncItemBytes(syncKey(ID_B), huge), limit: 8192 }],
      problems: [],
      at: 3,
    });
    expect(step.status.localOnly[0]?.bytes).toBeGreaterThan(10_000);
  });

  it('a preset grown too large stays on this computer; the other browser keeps the synced version, no ping-pong', () => {
    const sync = new FakeSyncArea();
    const a = new FakeBrowser([preset({ id: ID_A, updatedAt: 1 })], sync);
    a.settle();
    const b = new FakeBrowser([], sync);
    b.settle();
    a.edit(ID_A, { steps: big(ID_A, 9000).steps, updatedAt: 5 });
    expect(a.settle().status.state).toBe('partial');
    b.settle();
    expect(a.local[0]?.updatedAt).toBe(5);
    expect(b.local.map((p) => [p.id, p.updatedAt])).toEqual([[ID_A, 1]]);
    expect((sync.items[syncKey(ID_A)] as Preset).updatedAt).toBe(1);
    const writes = sync.writes;
    expect(hasWrites(a.run()) || hasWrites(b.run()) || hasWrites(a.run())).toBe(false);
    expect(sync.writes).toBe(writes);
  });

  it('evicting for a newer preset is stable: the browser holding the evicted one does not put it back', () => {
    const quotas = { quotaBytesPerItem: 8192, quotaBytes: 7000, maxItems: 512 };
    const sync = new FakeSyncArea(quotas);
    const a = new FakeBrowser([big(ID_A, 3000, 1), big(ID_B, 3000, 2)], sync);
    a.settle();
    const b = new FakeBrowser([], sync);
    b.settle();
    a.local.push(big(ID_C, 3000, 3));
    expect(a.settle().status.localOnly).toEqual([{ id: ID_A, name: 'Big 0b7e', reason: 'total-quota' }]);
    expect(Object.keys(sync.items).sort()).toEqual([syncKey(ID_B), syncKey(ID_C)].sort());
    expect(b.settle().status.localOnly).toEqual([{ id: ID_A, name: 'Big 0b7e', reason: 'total-quota' }]);
    const writes = sync.writes;
    expect([a.run(), b.run(), a.run()].some(hasWrites)).toBe(false);
    expect(sync.writes).toBe(writes);
    expect(b.local.map((p) => p.id).sort()).toEqual([ID_A, ID_B, ID_C].sort());
  });

  it('never evicts a newer preset for an older one', () => {
    const quotas = { quotaBytesPerItem: 8192, quotaBytes: 4000, maxItems: 512 };
    const newer = big(ID_B, 3000, 2);
    const step = syncStep({ local: [big(ID_A, 3000, 1), newer], syncItems: { [syncKey(ID_B)]: newer }, quotas, now: 1 });
    expect(step.syncRemove).toEqual([]);
    expect(step.syncSet).toEqual({});
    expect(step.status.localOnly.map((p) => [p.id, p.reason])).toEqual([[ID_A, 'total-quota']]);
  });

  it('respects MAX_ITEMS', () => {
    const list = [preset({ id: ID_A, updatedAt: 3 }), preset({ id: ID_B, updatedAt: 2 }), preset({ id: ID_C, updatedAt: 1 })];
    const step = syncStep({ local: list, syncItems: { other: 1 }, quotas: { ...SYNC_QUOTAS, maxItems: 3 }, now: 1 });
    expect(Object.keys(step.syncSet)).toEqual([syncKey(ID_A), syncKey(ID_B)]);
    expect(step.status.localOnly.map((p) => [p.id, p.reason])).toEqual([[ID_C, 'total-quota']]);
  });

  it('fills the total quota newest first; the rest is local with total-quota', () => {
    const quotas = { quotaBytesPerItem: 8192, quotaBytes: 7000, maxItems: 512 };
    const browser = new FakeBrowser([big(ID_A, 3000, 1), big(ID_B, 3000, 2), big(ID_C, 3000, 3)], new FakeSyncArea(quotas));
    const step = browser.settle();
    expect(Object.keys(browser.sync.items).sort()).toEqual([syncKey(ID_B), syncKey(ID_C)].sort());
    expect(step.status.state).toBe('partial');
    expect(step.status.localOnly).toEqual([{ id: ID_A, name: 'Big 0b7e', reason: 'total-quota' }]);
  });

  it('frees space by removing before setting, so a swap within the quota never fails', () => {
    const quotas = { quotaBytesPerItem: 8192, quotaBytes: 4000, maxItems: 512 };
    const sync = new FakeSyncArea(quotas);
    const browser = new FakeBrowser([big(ID_A, 3000, 1)], sync);
    browser.settle();
    browser.local.push(big(ID_B, 3000, 2)); // newer: takes A's place
    const step = browser.settle();
    expect(Object.keys(sync.items)).toEqual([syncKey(ID_B)]);
    expect(step.status.localOnly.map((p) => p.id)).toEqual([ID_A]);
  });

  it('leaves other keys alone and counts their space', () => {
    const quotas = { quotaBytesPerItem: 8192, quotaBytes: 5000, maxItems: 512 };
    const sync = new FakeSyncArea(quotas);
    sync.items = { settings: { pad: 'y'.repeat(3000) } };
    const browser = new FakeBrowser([big(ID_A, 3000)], sync);
    const step = browser.settle();
    expect(sync.items).toEqual({ settings: { pad: 'y'.repeat(3000) } });
    expect(step.status.localOnly).toEqual([{ id: ID_A, name: 'Big 0b7e', reason: 'total-quota' }]);
  });

  it('does not list tombstones as not synced', () => {
    const step = syncStep({ local: [{ ...big(ID_A, 9000), deletedAt: 1 }], syncItems: {}, now: 1 });
    expect(step.status).toMatchObject({ state: 'synced', localOnly: [] });
  });
});

describe('syncStep: unreadable remote items', () => {
  const newerShape = { ...preset({ id: ID_B, updatedAt: 99 }), steps: [{ recipe: 'a-recipe-from-the-future', params: {} }] };

  it('are reported, kept untouched, and never delete or change local data', () => {
    const local = [preset({ id: ID_A }), preset({ id: ID_B, name: 'Local copy', updatedAt: 1 })];
    const items = { [syncKey(ID_B)]: newerShape, [syncKey(ID_C)]: 'garbage' };
    const step = syncStep({ local, syncItems: items, now: 4 });
    expect(step.localPresets).toBeUndefined();
    expect(Object.keys(step.syncSet)).toEqual([syncKey(ID_A)]);
    expect(step.syncRemove).toEqual([]);
    expect(step.status.problems.map((p) => p.path)).toEqual([`preset:${ID_C}`, `preset:${ID_B}.steps[0].recipe`]);
    expect(step.status.localOnly).toEqual([{ id: ID_B, name: 'Local copy', reason: 'remote-unreadable' }]);
    expect(step.status.state).toBe('partial');
  });

  it('a key whose item names another id is unreadable too', () => {
    const step = syncStep({ local: [], syncItems: { [syncKey(ID_C)]: preset({ id: ID_A }) }, now: 1 });
    expect(step.localPresets).toBeUndefined();
    expect(step.syncRemove).toEqual([]);
    expect(step.status.problems.map((p) => p.message)).toEqual(['presetInvalidId']);
  });

  it('count against the quota', () => {
    const quotas = { quotaBytesPerItem: 8192, quotaBytes: 5000, maxItems: 512 };
    const sync = new FakeSyncArea(quotas);
    sync.items = { [syncKey(ID_C)]: { pad: 'z'.repeat(3000) } };
    const browser = new FakeBrowser([big(ID_A, 3000)], sync);
    expect(browser.settle().status.localOnly.map((p) => p.reason)).toEqual(['total-quota']);
  });
});

describe('syncStep: two browsers, random edits and run orders', () => {
  /** A small deterministic PRNG (mulberry32). */
  function random(seed: number) {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const ids = [ID_A, ID_B, ID_C];

  it.each(Array.from({ length: 16 }, (_, i) => i + 1))('seed %i: converges to the latest version of every preset ever written, losing none', (seed) => {
    const next = random(seed);
    const sync = new FakeSyncArea({ quotaBytesPerItem: 8192, quotaBytes: 12_000, maxItems: seed % 2 === 0 ? 2 : 512 });
    const browsers = [new FakeBrowser([], sync), new FakeBrowser([], sync)];
    const latest = new Map<string, Preset>();
    let clock = 1_763_812_345_678;
    for (let i = 0; i < 100; i++) {
      const side = browsers[Math.floor(next() * 2)] as FakeBrowser;
      if (next() < 0.5) {
        const id = ids[Math.floor(next() * ids.length)] as string;
        clock += 1 + Math.floor(next() * 3);
        const deleted = next() < 0.25;
        const size = next() < 0.2 ? 9000 : next() < 0.3 ? 5000 : 10;
        side.edit(id, { name: `v${i}`, updatedAt: clock, steps: big(id, size).steps, ...(deleted ? { deletedAt: clock } : {}) });
        const edited = side.local.find((p) => p.id === id) as Preset;
        if (!deleted) delete (edited as { deletedAt?: number }).deletedAt;
        const known = latest.get(id);
        if (!known || known.updatedAt <= clock) latest.set(id, edited);
      } else {
        side.run(clock);
      }
    }
    // Every browser settles; those whose newest versions cannot be synced keep them locally.
    for (let round = 0; round < 3; round++) browsers.forEach((b) => b.settle());
    expect(browsers.every((b) => !hasWrites(b.run()))).toBe(true);
    for (const [id, version] of latest) {
      const holders = browsers.filter((b) => b.local.some((p) => p.id === id && canonicalJson(p) === canonicalJson(version)));
      expect(holders.length, `latest version of ${id}`).toBeGreaterThan(0);
    }
    // What is in sync is on both browsers, and no browser holds an older version than sync.
    for (const [key, value] of Object.entries(sync.items)) {
      const item = value as Preset;
      for (const b of browsers) {
        const mine = b.local.find((p) => syncKey(p.id) === key);
        expect(mine?.updatedAt, key).toBeGreaterThanOrEqual(item.updatedAt);
      }
    }
  });
});

describe('syncStep: quarantined presets (issue 17, L2)', () => {
  it('never merges in, overwrites or evicts the sync item of a preset quarantined here', () => {
    const remote = preset({ id: ID_B, name: 'Remote version', updatedAt: 9_000 });
    const syncItems = { [syncKey(ID_B)]: remote };
    const step = syncStep({ local: [preset({ id: ID_A, updatedAt: 10 })], syncItems, quarantinedIds: new Set([ID_B]), now: 1 });
    expect(step.localPresets).toBeUndefined();
    expect(step.remotePresets).toEqual([]);
    expect(Object.keys(step.syncSet)).toEqual([syncKey(ID_A)]);
    expect(step.syncRemove).toEqual([]);
    // Without the quarantine the remote version would be merged in.
    expect(syncStep({ local: [preset({ id: ID_A, updatedAt: 10 })], syncItems, now: 1 }).localPresets?.map((p) => p.name)).toContain('Remote version');
  });

  it('does not evict it to make room for another preset', () => {
    const quotas = { quotaBytesPerItem: 8192, quotaBytes: 9000, maxItems: 512 };
    const old = big(ID_B, 5000, 1);
    const step = syncStep({ local: [big(ID_A, 5000, 50)], syncItems: { [syncKey(ID_B)]: old }, quarantinedIds: new Set([ID_B]), quotas, now: 1 });
    expect(step.syncRemove).toEqual([]);
    expect(step.status.localOnly).toMatchObject([{ id: ID_A, reason: 'total-quota' }]);
  });
});

describe('sync status', () => {
  it('failedStatus keeps what was planned and adds the message', () => {
    const planned = syncStep({ local: [big(ID_A, 9000)], syncItems: {}, now: 1 }).status;
    const failed = failedStatus(planned, new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.'), 2);
    expect(failed).toEqual({ ...planned, state: 'error', error: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.', at: 2 });
    expect(failedStatus(undefined, 'boom', 3)).toEqual({ state: 'error', localOnly: [], problems: [], error: 'boom', at: 3 });
  });

  it('parseSyncStatus accepts what syncStep writes and refuses anything else', () => {
    const status = syncStep({ local: [big(ID_A, 9000)], syncItems: { [syncKey(ID_B)]: 1 }, now: 1 }).status;
    expect(parseSyncStatus(JSON.parse(JSON.stringify(status)))).toEqual(status);
    expect(parseSyncStatus(localUnreadableStatus([], 5))).toEqual({ state: 'local-unreadable', localOnly: [], problems: [], at: 5 });
    expect(parseSyncStatus(undefined)).toBeUndefined();
    expect(parseSyncStatus({ ...status, state: 'weird' })).toBeUndefined();
    expect(parseSyncStatus({ ...status, localOnly: [{ id: 1 }] })).toBeUndefined();
  });
});
