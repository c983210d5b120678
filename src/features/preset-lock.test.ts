import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LockLine } from '../shared/python-lock';

const sent = vi.hoisted(() => [] as unknown[]);
vi.mock('../shared/messages', () => ({
  askBackground: async (request: unknown) => {
    sent.push(request);
    return { recorded: true };
  },
}));

const { forgetRunLocks, lockRun, settleRunLocks } = await import('./preset-lock');
const KEY = 'cp313-manylinux_2_35_x86_64-cu128';
const line = (packages: string[], mode: LockLine['mode'] = 'new'): LockLine => ({ key: KEY, python: '3.13', release: null, mode, packages });

describe('settleRunLocks: only a green run sends; what a run that was not green installed waits for the next green one on this runtime', () => {
  beforeEach(() => {
    sent.length = 0;
    forgetRunLocks();
  });

  it('a failed run sends nothing; the next green run sends its lines with the failed run’s', async () => {
    await settleRunLocks('p', false, [line(['einops==1.0.0'])], {});
    expect(sent).toEqual([]);
    await settleRunLocks('p', true, [line(['rich==13.0.0'], 'locked')], { gpu: 'T4' });
    expect(sent).toEqual([{ type: 'preset-lock', presetId: 'p', lines: [line(['einops==1.0.0', 'rich==13.0.0'])], run: { gpu: 'T4' } }]);
    // Sent once: a later green run with nothing new sends nothing.
    await settleRunLocks('p', true, [], {});
    expect(sent).toHaveLength(1);
  });

  it('a new runtime drops what waited; another preset’s lines never mix in', async () => {
    await settleRunLocks('p', false, [line(['einops==1.0.0'])], {});
    await settleRunLocks('q', false, [line(['timm==1.0.0'])], {});
    forgetRunLocks();
    await settleRunLocks('p', true, [], {});
    expect(sent).toEqual([]);
    await settleRunLocks('q', false, [line(['timm==1.0.0'])], {});
    await settleRunLocks('p', true, [line(['einops==2.0.0'])], {});
    expect(sent).toEqual([expect.objectContaining({ presetId: 'p', lines: [line(['einops==2.0.0'])] })]);
  });

  it('lockRun: the GPU model the badge read (none for a CPU, a TPU or an unknown model) and the version applied', () => {
    expect(lockRun({ kind: 'gpu', model: 'T4' }, '2026.07')).toEqual({ gpu: 'T4', runtimeVersion: '2026.07' });
    expect(lockRun({ kind: 'gpu', model: '' }, undefined)).toEqual({});
    expect(lockRun({ kind: 'no-gpu' }, undefined)).toEqual({});
    expect(lockRun({ kind: 'tpu', version: 'v5e-1' }, undefined)).toEqual({});
  });
});
