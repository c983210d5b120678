import { describe, expect, it } from 'vitest';
import { parseLockDrift, parseLockLines } from './python-lock';

const KEY = 'cp313-manylinux_2_35_x86_64-cu128';

describe('LAUNCHPAD_LOCK lines', () => {
  it('picks the lines that check, leaves out anything else', () => {
    const good = { key: KEY, python: '3.13', release: null, mode: 'new', packages: ['einops==0.8.1'], replaced: [] };
    const stdout = [
      'Lock: installing…',
      `LAUNCHPAD_LOCK ${JSON.stringify(good)}`,
      `LAUNCHPAD_LOCK ${JSON.stringify({ ...good, packages: ['einops>=1'] })}`,
      `LAUNCHPAD_LOCK ${JSON.stringify({ ...good, key: `${KEY}'); import os` })}`,
      'LAUNCHPAD_LOCK {not json}',
      `  LAUNCHPAD_LOCK ${JSON.stringify(good)}`,
    ].join('\n');
    expect(parseLockLines(stdout)).toEqual([good]);
  });

  it('the last drift line that checks', () => {
    const drift = { key: KEY, release: ['a', 'b'], python: null, moved: [['torch', '2.8.0', '2.9.0']] };
    expect(parseLockDrift(`LAUNCHPAD_LOCK_DRIFT ${JSON.stringify(drift)}\n`)).toEqual(drift);
    expect(parseLockDrift(`LAUNCHPAD_LOCK_DRIFT ${JSON.stringify({ ...drift, moved: [['torch', '2.8.0']] })}\n`)).toBeNull();
    expect(parseLockDrift(`LAUNCHPAD_LOCK_DRIFT ${JSON.stringify({ ...drift, extra: 1 })}\n`)).toBeNull();
    expect(parseLockDrift('nothing')).toBeNull();
    // A release change names the locked versions kept on it; anything else there is not a drift line.
    const kept = { ...drift, kept: ['einops==1.0.0', 'timm==1.0.0'] };
    expect(parseLockDrift(`LAUNCHPAD_LOCK_DRIFT ${JSON.stringify(kept)}\n`)).toEqual(kept);
    expect(parseLockDrift(`LAUNCHPAD_LOCK_DRIFT ${JSON.stringify({ ...drift, kept: ['einops>=1'] })}\n`)).toBeNull();
    // Another Python: the locked names with no wheel for this one.
    const python = { ...drift, release: null, python: ['3.12', '3.13'], noWheel: ['lp-sdist-demo'] };
    expect(parseLockDrift(`LAUNCHPAD_LOCK_DRIFT ${JSON.stringify(python)}\n`)).toEqual(python);
    expect(parseLockDrift(`LAUNCHPAD_LOCK_DRIFT ${JSON.stringify({ ...python, noWheel: 'lp-sdist-demo' })}\n`)).toBeNull();
  });
});
