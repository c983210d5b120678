/** Issue 17, L1: edit stamps never go backwards, and clock skew between browsers loses no edit. */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import type { Preset } from './schema';
import { FAR_FUTURE_MS, nextStamp } from './stamps';
import { mergeByTimestamp } from './sync';
import { hasWrites, syncStep } from './sync-step';
import { ID_A, ID_B, preset } from './test-helpers';

const DAY = 24 * 60 * 60 * 1000;
const REAL_START = 1_765_000_000_000;

describe('nextStamp', () => {
  it('is now, or one more than the previous stamp when that is not behind now', () => {
    expect(nextStamp(undefined, 500)).toBe(500);
    expect(nextStamp(100, 500)).toBe(500);
    expect(nextStamp(500, 500)).toBe(501);
    expect(nextStamp(9_000, 500)).toBe(9_001);
  });
});

/** A browser whose clock is `skew` ms off: its local list, synced through a shared sync area. */
class SkewedBrowser {
  local: Preset[] = [];
  constructor(
    readonly skew: number,
    readonly sync: { items: Record<string, unknown> },
  ) {}
  /** Sync steps until nothing is written (what the service worker's change listeners do). */
  settle(realNow: number) {
    for (let i = 0; i < 6; i++) {
      const step = syncStep({ local: this.local, syncItems: structuredClone(this.sync.items), now: realNow + this.skew });
      if (step.localPresets) this.local = [...step.localPresets];
      const kept = Object.entries(this.sync.items).filter(([key]) => !step.syncRemove.includes(key));
      this.sync.items = { ...Object.fromEntries(kept), ...structuredClone(step.syncSet) };
      if (!hasWrites(step)) return;
    }
    throw new Error('did not converge');
  }
  /** An edit, stamped as the options page stamps it (nextStamp) with this browser's clock. */
  edit(id: string, name: string, realNow: number) {
    const now = realNow + this.skew;
    if (!this.local.some((p) => p.id === id)) this.local = [...this.local, preset({ id, name, updatedAt: now })];
    else this.local = this.local.map((p) => (p.id === id ? { ...p, name, updatedAt: nextStamp(p.updatedAt, now) } : p));
  }
}

describe('clock skew between two browsers (the merge)', () => {
  it.each([
    ['+1 day', DAY],
    ['-1 day', -DAY],
    ['+1 day and 1 hour', DAY + 3_600_000],
    ['+1 year (a wrong date)', 365 * DAY],
  ])('one browser %s: every edit made after seeing the last one wins on both, none is lost', (_, skew) => {
    const sync = { items: {} };
    const right = new SkewedBrowser(0, sync);
    const skewed = new SkewedBrowser(skew, sync);
    let real = REAL_START;
    for (let i = 0; i < 12; i++) {
      const browser = i % 3 === 0 ? right : skewed;
      const other = browser === right ? skewed : right;
      real += 60_000; // a minute later, after sync delivered the last edit
      browser.settle(real);
      browser.edit(i % 2 === 0 ? ID_A : ID_B, `edit ${i}`, real);
      browser.settle(real);
      other.settle(real);
      for (const b of [right, skewed]) {
        const edited = b.local.find((p) => p.id === (i % 2 === 0 ? ID_A : ID_B));
        expect(edited?.name, `edit ${i} on the ${b === right ? 'right' : 'skewed'} clock`).toBe(`edit ${i}`);
      }
    }
    expect(canonicalJson(right.local)).toBe(canonicalJson(skewed.local));
  });
});

describe('a stamp far in the future is treated as now when merging', () => {
  const now = REAL_START;
  const far = preset({ name: 'wrong date', updatedAt: now + 30 * DAY });
  const ahead = preset({ name: 'an hour ahead', updatedAt: now + 3_600_000 });

  it('a version stamped between now and a day ahead wins over it, re-stamped just above it, on either side', () => {
    for (const merged of [mergeByTimestamp([ahead], [far], now), mergeByTimestamp([far], [ahead], now)]) {
      expect(merged).toEqual([{ ...ahead, updatedAt: far.updatedAt + 1 }]);
    }
  });

  it('and every browser then agrees, whatever its clock (no write ping-pong)', () => {
    const [promoted] = mergeByTimestamp([ahead], [far], now) as [Preset];
    // The browser with the wrong date, for which `far` is not in the future at all.
    expect(mergeByTimestamp([far], [promoted], far.updatedAt)).toEqual([promoted]);
    expect(mergeByTimestamp([promoted], [far], now)).toEqual([promoted]);
  });

  it('a version at or before now still loses to it (it counts as now); so does one without a clock', () => {
    const before = preset({ name: 'before', updatedAt: now - 1 });
    expect(mergeByTimestamp([before], [far], now)).toEqual([far]);
    expect(mergeByTimestamp([ahead], [far])).toEqual([far]);
    expect(mergeByTimestamp([ahead], [{ ...far, updatedAt: now + FAR_FUTURE_MS }], now)).toEqual([{ ...far, updatedAt: now + FAR_FUTURE_MS }]);
  });
});
