import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeOutcome } from '../colab/runtime-dialog';

const colab = vi.hoisted(() => ({ outcome: { kind: 'saved' } as ChangeOutcome, readBack: null as string | null | 'busy', reads: 0 }));
vi.mock('../colab/runtime-version', () => ({
  applyRuntimeVersion: async () => colab.outcome,
  readRuntimeVersion: async () => {
    colab.reads += 1;
    return colab.readBack;
  },
}));
vi.mock('../colab/runtime-dialog', () => ({ warningClosed: async () => undefined }));

const { pinRuntimeVersion } = await import('./runtime-version-pin');
const pin = () => pinRuntimeVersion('2026.04', new AbortController().signal, () => undefined);

describe('pinRuntimeVersion: whether the runtime is on the pinned version (what the lock records)', () => {
  beforeEach(() => {
    colab.reads = 0;
  });

  it('saved, or already that version: applied, without reading Colab’s dialog again', async () => {
    for (const kind of ['saved', 'unchanged'] as const) {
      colab.outcome = { kind };
      expect((await pin()).applied).toBe(true);
    }
    expect(colab.reads).toBe(0);
  });

  it('not offered, no command, busy or interrupted: not applied (the lock says the default runtime)', async () => {
    for (const outcome of [{ kind: 'not-offered' }, { kind: 'no-dialog' }, { kind: 'busy' }, { kind: 'interrupted' }, { kind: 'unavailable', label: '2026.04' }] as ChangeOutcome[]) {
      colab.outcome = outcome;
      expect((await pin()).applied).toBe(false);
    }
  });

  it('Colab asked the user: applied only when its dialog then shows that version (the user may have cancelled)', async () => {
    colab.outcome = { kind: 'confirm', warning: {} as Element };
    colab.readBack = '2026.04';
    expect((await pin()).applied).toBe(true);
    colab.readBack = '2026.07';
    expect((await pin()).applied).toBe(false);
    colab.readBack = 'busy';
    expect((await pin()).applied).toBe(false);
    expect(colab.reads).toBe(3);
  });
});
