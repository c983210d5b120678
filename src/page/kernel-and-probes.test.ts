import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_API_PROBES } from '../colab/probes';
import { factCode } from '../colab/runtime-facts';
import { ApiError, kernelState, probeApi, reconnect, runtimeFact } from './colab-api';

const g = globalThis as { window?: unknown };
const previous = g.window;
const withColab = (notebook: unknown) => {
  g.window = { colab: { global: { notebook } } };
};
afterEach(() => {
  g.window = previous;
});

/** A controller as colab-dom.md §2 describes it, with an assigned T4. */
function notebook(overrides: Record<string, unknown> = {}) {
  const calls: number[] = [];
  const kernel = {
    isConnected: () => true,
    getState: () => 'Busy',
    getEndpoint: () => ({ getManagedEndpoint: () => ({ getAccelerator: () => 'GPU', getAcceleratorModel: () => 'T4' }) }),
    execute: () => Promise.resolve({ status: 'ok' }),
  };
  const cell = { getId: () => 'a', setText: () => undefined, runButton: { click: () => undefined }, model: { listenOnce: () => undefined, outputs: [] }, isRunning: () => false };
  return {
    calls,
    nb: {
      kernel, cells: [cell], insertCell: () => undefined, kernelLastConnectedTimeMs: 1_700_000_000_000, isExecuting: () => true,
      getNotebookModel: () => ({ getAccelerator: () => 'GPU' }), userInteractionOccurred: () => undefined,
      attemptAutoconnect: (n: number) => {
        calls.push(n);
        return Promise.reject(new Error('Colab shows its own error'));
      },
      ...overrides,
    },
  };
}

describe('kernelState', () => {
  it('reads the page API: connected, state, ever connected, executing, the assigned accelerator class', () => {
    withColab(notebook().nb);
    expect(kernelState()).toEqual({ notebook: true, connected: true, state: 'busy', everConnected: true, executing: true, accelerator: 'gpu' });
  });
  it('answers before Colab boots, and leaves out what a missing or throwing member cannot say', () => {
    g.window = {};
    expect(kernelState()).toMatchObject({ notebook: false, connected: null });
    withColab(notebook({ kernel: { isConnected: () => { throw new Error('x'); } }, kernelLastConnectedTimeMs: undefined, isExecuting: 1 }).nb);
    expect(kernelState()).toEqual({ notebook: true, connected: null, state: null, everConnected: null, executing: null, accelerator: null });
  });
  it('says nothing of an accelerator while not connected, and CPU for NONE', () => {
    withColab(notebook({ kernel: { isConnected: () => false, getState: () => 'disconnected' }, kernelLastConnectedTimeMs: 0 }).nb);
    expect(kernelState()).toMatchObject({ connected: false, state: 'disconnected', everConnected: false, accelerator: null });
    const cpu = notebook();
    (cpu.nb.kernel as { getEndpoint: unknown }).getEndpoint = () => ({ getManagedEndpoint: () => ({ getAccelerator: () => 'NONE' }) });
    withColab(cpu.nb);
    expect(kernelState().accelerator).toBe('cpu');
  });
});

describe('reconnect', () => {
  it('calls attemptAutoconnect(2) as Colab’s Reconnect does, without waiting for it or leaking its rejection', () => {
    const { nb, calls } = notebook();
    withColab(nb);
    expect(reconnect()).toEqual({ called: true });
    expect(calls).toEqual([2]);
  });
  it('is a visible api-missing error when the member is gone', () => {
    withColab(notebook({ attemptAutoconnect: undefined }).nb);
    expect(() => reconnect()).toThrow(ApiError);
  });
});

describe('probeApi', () => {
  /** The probes as src/colab/probes.ts sends them, each with what the page script found. */
  const probe = () => {
    const results = probeApi(PAGE_API_PROBES.map((p) => `${p.kind}:${p.path}`).join(' '));
    expect(results).toHaveLength(PAGE_API_PROBES.length);
    return PAGE_API_PROBES.map((p, i) => ({ path: p.path, result: results[i] }));
  };
  it('finds every member on a notebook shaped as the evidence says', () => {
    withColab(notebook().nb);
    expect(probe().filter((p) => p.result !== 'ok')).toEqual([]);
  });
  it('names what is missing, and skips what cannot be checked now (no cells, no runtime)', () => {
    const { nb } = notebook({ cells: [], attemptAutoconnect: undefined });
    (nb.kernel as { getEndpoint: unknown }).getEndpoint = () => null;
    withColab(nb);
    const byPath = new Map(probe().map((p) => [p.path, p.result]));
    expect(byPath.get('colab.global.notebook.attemptAutoconnect')).toBe('missing');
    expect(byPath.get('colab.global.notebook.cells[0].setText')).toBe('skipped');
    expect(byPath.get('colab.global.notebook.kernel.getEndpoint().getManagedEndpoint().getAccelerator')).toBe('skipped');
    expect(byPath.get('colab.global.notebook.insertCell')).toBe('ok');
  });
  it('reports everything missing without window.colab', () => {
    g.window = {};
    expect(new Set(probe().map((p) => p.result))).toEqual(new Set(['missing']));
  });
});

describe('runtimeFact', () => {
  const withExecute = (execute: unknown) => {
    const { nb } = notebook();
    withColab({ ...nb, kernel: { ...nb.kernel, execute } });
  };
  it('runs its own check of the fact through kernel.execute: status ok is the same, error moved', async () => {
    const sent: string[] = [];
    withExecute((code: string) => {
      sent.push(code);
      return Promise.resolve({ status: code.includes('"3.12"') ? 'ok' : 'error', execution_count: null });
    });
    await expect(runtimeFact('python', '3.12')).resolves.toEqual({ same: true });
    await expect(runtimeFact('release', 'release-colab_20261201-060048_RC00')).resolves.toEqual({ same: false });
    expect(sent).toEqual([factCode('python', '3.12'), factCode('release', 'release-colab_20261201-060048_RC00')]);
  });
  it('claims nothing without kernel.execute, or when its reply has no status', async () => {
    withExecute(undefined);
    await expect(runtimeFact('python', '3.12')).rejects.toMatchObject({ code: 'api-missing' });
    withExecute(() => Promise.resolve({ content: {} }));
    await expect(runtimeFact('python', '3.12')).rejects.toMatchObject({ code: 'api-changed' });
    withExecute(() => Promise.reject(new Error('Kernel is not connected.')));
    await expect(runtimeFact('python', '3.12')).rejects.toThrow('not connected');
  });
});
