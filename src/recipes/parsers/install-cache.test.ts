import { describe, expect, it } from 'vitest';
import { parseInstallCacheLines } from './install-cache';

const KEY = 'cp313-manylinux_2_35_x86_64-cpu-torchnone-0123456789abcdef';
const SHA = 'e3'.repeat(32);

describe('parseInstallCacheLines', () => {
  it('reads every LAUNCHPAD_CACHE line with a string key and digest (the worker’s schema checks their shape)', () => {
    const stdout = [
      'Install cache: nothing kept for these packages yet. Installing online, then keeping the wheels on Drive.',
      'Successfully installed lp-tiny-demo-1.0',
      `Install cache: kept 1 wheel(s), 0.0 MiB, on Drive as ${KEY}.tar.`,
      `LAUNCHPAD_CACHE {"key": "${KEY}", "sha256": "${SHA}"}`,
      `  LAUNCHPAD_CACHE {"key": "${KEY}", "sha256": "${'00'.repeat(32)}"}`, // not at the start of a line
      `LAUNCHPAD_CACHE {"key": 1, "sha256": "${SHA}"}`,
      `LAUNCHPAD_CACHE {"key": "${KEY}"}`,
      'LAUNCHPAD_CACHE {not json}',
      'LAUNCHPAD_CACHE null',
      `LAUNCHPAD_CACHE {"key": "${KEY.replace('cpu', 'cu128')}", "sha256": "${SHA}"}`,
      '',
    ].join('\n');
    expect(parseInstallCacheLines(stdout)).toEqual([
      { key: KEY, sha256: SHA },
      { key: KEY.replace('cpu', 'cu128'), sha256: SHA },
    ]);
    expect(parseInstallCacheLines('Nothing to install.\n')).toEqual([]);
  });

  it('keeps at most the last eight', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `LAUNCHPAD_CACHE {"key": "${KEY.replace(/.{16}$/, String(i).repeat(16))}", "sha256": "${SHA}"}`);
    const found = parseInstallCacheLines(lines.join('\n'));
    expect(found).toHaveLength(8);
    expect(found[0]?.key.endsWith('2'.repeat(16))).toBe(true);
  });
});
