import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SetupPlan } from '../shared/messages';

/** What the page script was asked, and whether each fact is the same there. */
const asked = vi.hoisted(() => [] as { fact: string; value: string }[]);
const facts = vi.hoisted(() => new Map<string, boolean | Error>());
vi.mock('../colab/bridge', () => ({
  request: async (kind: string, payload: { fact: string; value: string }) => {
    expect(kind).toBe('runtime-fact');
    asked.push(payload);
    const same = facts.get(payload.fact);
    if (same instanceof Error) throw same;
    return { same };
  },
}));
vi.mock('../shared/i18n', () => ({ t: (key: string, subs?: string | string[]) => [key, ...[subs ?? []].flat()].join('|') }));

const { checkLock } = await import('./connect-drift');
const KEY = 'cp312-manylinux_2_35_x86_64-cpu';
const plan = (colabRelease?: string) =>
  ({ presetId: 'p', name: 'Locked', autoRun: false, oneCell: false, steps: [], cells: [], lock: { key: KEY, python: '3.12', ...(colabRelease === undefined ? {} : { colabRelease }) } }) as SetupPlan & { lock: NonNullable<SetupPlan['lock']> };
const signal = new AbortController().signal;

describe('checkLock: what moved under a plan’s lock, on connect', () => {
  beforeEach(() => {
    asked.length = 0;
    facts.clear();
  });

  it('asks one fact at a time and names what moved', async () => {
    facts.set('python', true).set('release', false);
    expect(await checkLock(plan('release-colab_20261201-060048_RC00'), signal)).toEqual({
      plan: plan('release-colab_20261201-060048_RC00'), lockKey: KEY, python: false, text: 'lockConnectChanged|lockConnectRelease',
    });
    expect(asked).toEqual([{ fact: 'python', value: '3.12' }, { fact: 'release', value: 'release-colab_20261201-060048_RC00' }]);
    facts.set('python', false).set('release', true);
    expect(await checkLock(plan('r1'), signal)).toMatchObject({ python: true, text: 'lockConnectChanged|lockConnectPython|3.12' });
  });

  it('says nothing when both are the same', async () => {
    facts.set('python', true).set('release', true);
    expect(await checkLock(plan('r1'), signal)).toBeNull();
  });

  it('never sends a release tag outside the safe charset, nor claims anything of it', async () => {
    facts.set('python', true).set('release', false);
    for (const hostile of ['r1"; import os', "r1'", 'r 1', 'r\\1', 'x'.repeat(101)]) {
      asked.length = 0;
      expect(await checkLock(plan(hostile), signal), hostile).toBeNull();
      expect(asked).toEqual([{ fact: 'python', value: '3.12' }]);
    }
    asked.length = 0;
    expect(await checkLock(plan(undefined), signal)).toBeNull();
    expect(asked).toHaveLength(1);
  });

  it('claims nothing when the page cannot check (no kernel.execute, no answer)', async () => {
    facts.set('python', new Error('api-missing')).set('release', new Error('no-answer'));
    expect(await checkLock(plan('r1'), signal)).toBeNull();
  });
});
