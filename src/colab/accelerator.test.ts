import { describe, expect, it } from 'vitest';
import { assignedChanged, badgeOf, nextEpoch, tpuVersion, type AcceleratorFacts } from './accelerator';
import type { ConnectionState } from './connection';

const cpu: ConnectionState = { status: 'connected', backend: 'cpu', busy: false };
const gpu: ConnectionState = { status: 'connected', backend: 'gpu', busy: false };
const tpu: ConnectionState = { status: 'connected', backend: 'tpu', busy: false };
const facts = (f: Partial<AcceleratorFacts>): AcceleratorFacts => ({ connection: cpu, epoch: 1, ...f });
const setting = (accelerator: string, model = '') => ({ accelerator, model });

describe('badgeOf: connection states', () => {
  it.each([
    [{ status: 'not-connected' } as const, { kind: 'not-connected' }],
    [{ status: 'disconnected' } as const, { kind: 'disconnected' }],
    [{ status: 'connecting' } as const, { kind: 'connecting' }],
    [{ status: 'unknown', reason: 'no button' } as const, { kind: 'unknown', reason: 'no button' }],
  ])('%o → %o', (connection, badge) => {
    expect(badgeOf(facts({ connection, requested: setting('GPU', 'A100') }))).toEqual(badge);
  });
});

describe('badgeOf: the runtime’s accelerator from each source alone', () => {
  it('CPU runtime from the button alone is No GPU', () => {
    expect(badgeOf(facts({}))).toEqual({ kind: 'no-gpu' });
  });
  it('a connected runtime no signal describes is only "connected", never No GPU', () => {
    const unread: ConnectionState = { status: 'connected', backend: 'unknown', busy: false };
    expect(badgeOf(facts({ connection: unread }))).toEqual({ kind: 'connected' });
    expect(badgeOf(facts({ connection: unread, requested: setting('GPU', 'T4') }))).toEqual({ kind: 'connected' });
    // The page API names the runtime's accelerator: that is enough, whatever the language.
    expect(badgeOf(facts({ connection: unread, assigned: setting('GPU', 'T4') }))).toEqual({ kind: 'gpu', model: 'T4' });
    expect(badgeOf(facts({ connection: unread, assigned: setting('NONE') }))).toEqual({ kind: 'no-gpu' });
  });
  it('a GPU backend line alone is a GPU of unknown model', () => {
    expect(badgeOf(facts({ connection: gpu }))).toEqual({ kind: 'gpu', model: '' });
  });
  it('a TPU backend line alone is a TPU', () => {
    expect(badgeOf(facts({ connection: tpu }))).toEqual({ kind: 'tpu', version: '' });
  });
  it('the assigned endpoint names the model', () => {
    expect(badgeOf(facts({ connection: gpu, assigned: setting('GPU', 'T4') }))).toEqual({ kind: 'gpu', model: 'T4' });
    expect(badgeOf(facts({ connection: tpu, assigned: setting('TPU', 'V5E1') }))).toEqual({ kind: 'tpu', version: 'v5e-1' });
  });
  it('a GPU check of this connection gives the model and memory', () => {
    const observed = { epoch: 1, gpu: { kind: 'gpu', model: 'A100', memoryMiB: 40960 } } as const;
    expect(badgeOf(facts({ connection: gpu, observed }))).toEqual({ kind: 'gpu', model: 'A100', memoryGb: 40 });
  });
  it('a GPU check beats the page API and the button', () => {
    const observed = { epoch: 1, gpu: { kind: 'gpu', model: 'L4', memoryMiB: 23034 } } as const;
    expect(badgeOf(facts({ connection: gpu, assigned: setting('GPU', 'T4'), observed }))).toMatchObject({ kind: 'gpu', model: 'L4', memoryGb: 22.5 });
    expect(badgeOf(facts({ connection: gpu, observed: { epoch: 1, gpu: { kind: 'none' } } }))).toEqual({ kind: 'no-gpu' });
  });
});

describe('badgeOf: stale GPU checks', () => {
  it('ignores a GPU check from a previous connection', () => {
    const observed = { epoch: 1, gpu: { kind: 'gpu', model: 'T4', memoryMiB: 15360 } } as const;
    expect(badgeOf(facts({ connection: cpu, epoch: 2, observed }))).toEqual({ kind: 'no-gpu' });
    expect(badgeOf(facts({ connection: gpu, epoch: 2, observed }))).toEqual({ kind: 'gpu', model: '' });
  });
  it('starts a new epoch at every reconnection and only then', () => {
    let epoch = 0;
    const sequence: ConnectionState[] = [{ status: 'not-connected' }, { status: 'connecting' }, gpu, { ...gpu, busy: true }, gpu, { status: 'disconnected' }, cpu, cpu];
    const epochs = sequence.map((state, i) => (epoch = nextEpoch(sequence[i - 1], state, epoch)));
    expect(epochs).toEqual([0, 0, 1, 1, 1, 1, 2, 2]);
  });
  it('starts a new epoch when a connected runtime changes backend without a disconnect', () => {
    expect(nextEpoch(gpu, cpu, 3)).toBe(4);
    const t4: ConnectionState = { ...gpu, ram: { usedGb: 1, totalGb: 12.67 }, disk: { usedGb: 30, totalGb: 112.64 } };
    expect(nextEpoch(t4, { ...t4, ram: { usedGb: 5.5, totalGb: 12.67 } }, 3)).toBe(3);
    expect(nextEpoch(t4, { ...t4, ram: { usedGb: 1, totalGb: 53 } }, 3)).toBe(4);
  });
  it('treats a different assigned runtime as a new VM, but not a first or missing reading', () => {
    expect(assignedChanged(setting('GPU', 'T4'), setting('GPU', 'A100'))).toBe(true);
    expect(assignedChanged(setting('GPU', 'T4'), setting('GPU', 'T4'))).toBe(false);
    expect(assignedChanged(undefined, setting('GPU', 'T4'))).toBe(false);
    expect(assignedChanged(setting('GPU', 'T4'), null)).toBe(false);
  });
});

describe('badgeOf: requested versus assigned', () => {
  it('warns when a GPU was asked for and the runtime has none', () => {
    expect(badgeOf(facts({ requested: setting('GPU', 'T4') }))).toEqual({ kind: 'no-gpu', mismatch: { requested: 'T4 GPU', assigned: '' } });
  });
  it('warns when A100 was asked for and L4 assigned (page API or GPU check)', () => {
    const expected = { kind: 'gpu', model: 'L4', mismatch: { requested: 'A100 GPU', assigned: 'L4 GPU' } };
    expect(badgeOf(facts({ connection: gpu, requested: setting('GPU', 'A100'), assigned: setting('GPU', 'L4') }))).toEqual(expected);
    const observed = { epoch: 1, gpu: { kind: 'gpu', model: 'L4' } } as const;
    expect(badgeOf(facts({ connection: gpu, requested: setting('GPU', 'A100'), observed }))).toEqual(expected);
  });
  it('warns when a TPU was asked for and a CPU assigned', () => {
    expect(badgeOf(facts({ requested: setting('TPU', 'V6E1') }))).toEqual({ kind: 'no-gpu', mismatch: { requested: 'TPU v6e-1', assigned: '' } });
  });
  it('does not warn when the model is unknown on one side, or when nothing was asked for', () => {
    expect(badgeOf(facts({ connection: gpu, requested: setting('GPU', 'A100') }))).toEqual({ kind: 'gpu', model: '' });
    expect(badgeOf(facts({ connection: gpu, requested: setting('GPU'), assigned: setting('GPU', 'T4') }))).toEqual({ kind: 'gpu', model: 'T4' });
    expect(badgeOf(facts({ connection: gpu, requested: setting('NONE'), assigned: setting('GPU', 'T4') }))).toEqual({ kind: 'gpu', model: 'T4' });
    expect(badgeOf(facts({ connection: gpu, requested: setting('GPU', 'T4'), assigned: setting('GPU', 't4') }))).toEqual({ kind: 'gpu', model: 't4' });
  });
  it('without the page API, falls back to the button and never warns', () => {
    expect(badgeOf(facts({ connection: gpu, requested: undefined, assigned: undefined }))).toEqual({ kind: 'gpu', model: '' });
  });
});

it('tpuVersion formats Colab’s TPU ids', () => {
  expect([tpuVersion('V5E1'), tpuVersion('V6E1'), tpuVersion('V28'), tpuVersion('odd')]).toEqual(['v5e-1', 'v6e-1', 'v2-8', 'odd']);
});

it('meetsRequirement: connected by the badge, not connected by the request, unknown when nothing says', async () => {
  const { meetsRequirement } = await import('./accelerator');
  const gpu = { accelerator: 'GPU' } as const;
  const t4 = { accelerator: 'GPU', model: 'T4' } as const;
  expect(meetsRequirement(gpu, { kind: 'no-gpu' }, undefined)).toBe('no');
  expect(meetsRequirement(gpu, { kind: 'gpu', model: 'L4' }, undefined)).toBe('yes');
  expect(meetsRequirement(t4, { kind: 'gpu', model: 'L4' }, undefined)).toBe('no');
  expect(meetsRequirement(t4, { kind: 'gpu', model: 't4' }, undefined)).toBe('yes');
  expect(meetsRequirement(t4, { kind: 'gpu', model: '' }, undefined)).toBe('unknown');
  expect(meetsRequirement(t4, { kind: 'tpu', version: 'v5e-1' }, undefined)).toBe('no');
  expect(meetsRequirement({ accelerator: 'TPU', model: 'V5E1' }, { kind: 'tpu', version: 'v5e-1' }, undefined)).toBe('yes');
  expect(meetsRequirement(t4, { kind: 'not-connected' }, { accelerator: 'GPU', model: 'T4' })).toBe('yes');
  expect(meetsRequirement(t4, { kind: 'disconnected' }, { accelerator: 'NONE', model: '' })).toBe('no');
  expect(meetsRequirement(t4, { kind: 'not-connected' }, undefined)).toBe('unknown');
  expect(meetsRequirement(gpu, { kind: 'connected' }, undefined)).toBe('unknown');
});
