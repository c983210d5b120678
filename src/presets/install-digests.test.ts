import { describe, expect, it } from 'vitest';
import { INSTALL_DIGEST_LIMITS, allowedArchives, mergeInstallDigests, readInstallDigests, recordInstallDigests, type InstallDigest } from './install-digests';
import { parsePreset } from './schema';
import { mergeByTimestamp } from './sync';
import { ID_A, ID_B, ID_C, preset } from './test-helpers';

const GPU = 'cp313-manylinux_2_35_x86_64-cu128-torch2.11.0_cu128-3f0c1a2b9d41c7e0';
const CPU = 'cp313-manylinux_2_35_x86_64-cpu-torch2.11.0_cpu-3f0c1a2b9d41c7e0';
const OTHER_STEP = 'cp313-manylinux_2_35_x86_64-cpu-torch2.11.0_cpu-00000000000000aa';
const sha = (c: string) => c.repeat(64);
const d = (key: string, c: string, at: number): InstallDigest => ({ key, sha256: sha(c), at });

describe('recordInstallDigests (the worker, under the presets lock)', () => {
  it('adds a cell’s digests to its preset and keeps two runtimes’ keys side by side', () => {
    const presets = [preset({ id: ID_A })];
    const gpu = recordInstallDigests(presets, ID_A, [{ key: GPU, sha256: sha('a') }], 10);
    expect(gpu.recorded).toBe(true);
    const cpu = recordInstallDigests(gpu.presets, ID_A, [{ key: CPU, sha256: sha('b') }], 20);
    expect(cpu.presets[0]?.installDigests).toEqual([d(CPU, 'b', 20), d(GPU, 'a', 10)]);
    expect(cpu.presets[0]?.updatedAt).toBe(presets[0]?.updatedAt); // not an edit: sync merges the lists
    expect(allowedArchives(cpu.presets[0] as never)).toEqual({ [CPU]: [sha('b')], [GPU]: [sha('a')] });
  });

  it('a rewritten archive: the new digest first, the old one kept as the second for its key, a third dropped', () => {
    let presets = [preset({ id: ID_A })];
    for (const [c, at] of [['a', 1], ['b', 2], ['c', 3]] as const) presets = [...recordInstallDigests(presets, ID_A, [{ key: GPU, sha256: sha(c) }], at).presets];
    expect(presets[0]?.installDigests).toEqual([d(GPU, 'c', 3), d(GPU, 'b', 2)]);
  });

  it('gives the new digest to other presets that trusted that key (Drive holds one archive per key), and to no one else', () => {
    const presets = [
      preset({ id: ID_A }),
      preset({ id: ID_B, installDigests: [d(GPU, 'a', 1), d(OTHER_STEP, 'e', 1)] }),
      preset({ id: ID_C, installDigests: [d(CPU, 'f', 1)] }),
    ];
    const next = recordInstallDigests(presets, ID_A, [{ key: GPU, sha256: sha('b') }], 5).presets;
    expect(next[0]?.installDigests).toEqual([d(GPU, 'b', 5)]);
    expect(next[1]?.installDigests).toEqual([d(GPU, 'b', 5), d(OTHER_STEP, 'e', 1), d(GPU, 'a', 1)]); // ties: by key
    expect(next[2]).toBe(presets[2]);
  });

  it('records nothing for a deleted preset, one without Keep installs, one without pip-install, or an unknown id', () => {
    const lines = [{ key: GPU, sha256: sha('a') }];
    const cases = [
      preset({ id: ID_A, deletedAt: 5 }),
      preset({ id: ID_A, keepInstalls: false }),
      preset({ id: ID_A, steps: [{ recipe: 'mount-drive', params: {} }] }),
    ];
    for (const p of cases) expect(recordInstallDigests([p], ID_A, lines, 9)).toEqual({ presets: [p], recorded: false });
    expect(recordInstallDigests([preset({ id: ID_A })], ID_B, lines, 9).recorded).toBe(false);
  });

  it('keeps at most INSTALL_DIGEST_LIMITS.perPreset, the newest', () => {
    let presets = [preset({ id: ID_A })];
    for (let i = 0; i < 12; i++) {
      const key = GPU.replace(/[0-9a-f]{16}$/, i.toString(16).padStart(16, '0'));
      presets = [...recordInstallDigests(presets, ID_A, [{ key, sha256: sha('a') }], 100 + i).presets];
    }
    const kept = presets[0]?.installDigests ?? [];
    expect(kept).toHaveLength(INSTALL_DIGEST_LIMITS.perPreset);
    expect(kept.map((x) => x.at)).toEqual([111, 110, 109, 108, 107, 106, 105, 104]);
  });
});

describe('mergeInstallDigests', () => {
  const pool = [d(GPU, 'a', 1), d(GPU, 'b', 2), d(GPU, 'c', 3), d(CPU, 'a', 3), d(OTHER_STEP, 'd', 2), d(GPU, 'a', 7)];
  for (let i = 0; i < 9; i++) pool.push(d(CPU.replace(/[0-9a-f]{16}$/, String(i).repeat(16)), 'e', 10 + (i % 3)));

  it('is the same whichever order the lists come in, and merging again changes nothing (two browsers converge)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round++) {
      const a = pool.filter(() => random() < 0.5);
      const b = pool.filter(() => random() < 0.5);
      const c = pool.filter(() => random() < 0.5);
      const ab = mergeInstallDigests(mergeInstallDigests(a), mergeInstallDigests(b));
      expect(ab).toEqual(mergeInstallDigests(b, a));
      expect(ab).toEqual(mergeInstallDigests(a, b));
      expect(mergeInstallDigests(ab, c)).toEqual(mergeInstallDigests(a, mergeInstallDigests(b, c)));
      expect(mergeInstallDigests(ab, ab)).toEqual(ab);
    }
  });

  it('keeps one entry per archive with its latest time', () => {
    expect(mergeInstallDigests([d(GPU, 'a', 1)], [d(GPU, 'a', 7)])).toEqual([d(GPU, 'a', 7)]);
  });
});

describe('stored install digests', () => {
  it('are read leniently: bad entries are dropped, the preset stays readable', () => {
    const raw = {
      ...preset(),
      installDigests: [
        d(GPU, 'a', 1),
        { key: 'evil key', sha256: sha('b'), at: 1 },
        { key: GPU, sha256: 'A'.repeat(64), at: 1 },
        { key: GPU, sha256: sha('c'), at: -1 },
        { key: GPU, sha256: sha('d'), at: 1, extra: true },
        '__proto__',
      ],
    };
    const parsed = parsePreset(raw);
    expect(parsed.ok && parsed.value.installDigests).toEqual([d(GPU, 'a', 1)]);
    const notAList = parsePreset({ ...preset(), installDigests: { [GPU]: sha('a') } });
    expect(notAList.ok && 'installDigests' in notAList.value).toBe(false);
    expect(readInstallDigests(undefined)).toEqual([]);
  });

  it('an empty list is not stored', () => {
    const parsed = parsePreset({ ...preset(), installDigests: [] });
    expect(parsed.ok && 'installDigests' in parsed.value).toBe(false);
  });
});

describe('sync keeps the digests of both sides', () => {
  it('same version on both browsers, each recorded its own runtime: both keep both, whichever side is local', () => {
    const here = preset({ installDigests: [d(GPU, 'a', 5)] });
    const there = preset({ installDigests: [d(CPU, 'b', 6)] });
    const merged = mergeByTimestamp([here], [there]);
    expect(merged[0]?.installDigests).toEqual([d(CPU, 'b', 6), d(GPU, 'a', 5)]);
    expect(mergeByTimestamp([there], [here])).toEqual(merged);
  });

  it('an edit made elsewhere still wins (recording is not an edit), with this side’s digests added', () => {
    const here = preset({ installDigests: [d(GPU, 'a', 5)] });
    const edited = preset({ name: 'Renamed', updatedAt: here.updatedAt + 1 });
    const [merged] = mergeByTimestamp([here], [edited]);
    expect(merged?.name).toBe('Renamed');
    expect(merged?.installDigests).toEqual([d(GPU, 'a', 5)]);
  });

  it('a later deletion wins as it is', () => {
    const here = preset({ installDigests: [d(GPU, 'a', 5)] });
    const deleted = preset({ updatedAt: here.updatedAt + 1, deletedAt: here.updatedAt + 1 });
    expect(mergeByTimestamp([here], [deleted])).toEqual([deleted]);
  });
});
