import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundHandlers } from './messages';

const listeners: ((message: unknown, sender: unknown) => unknown)[] = [];
let answer: unknown;
vi.mock('./browser', () => ({
  default: {
    runtime: {
      id: 'our-extension-id',
      onMessage: { addListener: (fn: (message: unknown, sender: unknown) => unknown) => listeners.push(fn) },
      sendMessage: vi.fn(async () => answer),
    },
  },
}));

const { BackgroundError, BackgroundResponseSchemas, askBackground, isFromColabContentScript, onBackgroundRequest } = await import('./messages');

/** Every request's handler, answering nothing, but for those a test gives. */
function handlersWith(given: Partial<BackgroundHandlers>): BackgroundHandlers {
  const noop = async () => ({}) as never;
  return { ...Object.fromEntries(Object.keys(BackgroundResponseSchemas).map((type) => [type, noop])), ...given } as BackgroundHandlers;
}

const colabTab = { id: 'our-extension-id', tab: { id: 3 }, url: 'https://colab.research.google.com/drive/abc' };

describe('content script → service worker requests', () => {
  beforeEach(() => {
    listeners.length = 0;
  });

  it('accepts only our own content script in a Colab tab', () => {
    expect(isFromColabContentScript(colabTab as never)).toBe(true);
    expect(isFromColabContentScript({ ...colabTab, url: 'https://colab.google.com/x' } as never)).toBe(true);
    expect(isFromColabContentScript({ ...colabTab, id: 'another-extension' } as never)).toBe(false);
    expect(isFromColabContentScript({ ...colabTab, tab: undefined } as never)).toBe(false);
    expect(isFromColabContentScript({ ...colabTab, url: 'https://evil.example/colab.research.google.com' } as never)).toBe(false);
    expect(isFromColabContentScript({ ...colabTab, url: 'http://colab.research.google.com/' } as never)).toBe(false);
    expect(isFromColabContentScript({ ...colabTab, url: 'not a url' } as never)).toBe(false);
  });

  it('hands valid requests to their handler and leaves everything else to other listeners', async () => {
    const cellCode = vi.fn(async () => ({ ok: true as const, code: 'print(1)', key: 'run:gpu-check:0a1b2c3d' }));
    const bindPreset = vi.fn(async () => ({ ok: true as const, text: 'bound' }));
    const loadOnDemand = vi.fn(async () => ({ ok: true as const }));
    onBackgroundRequest({
      'cell-code': cellCode,
      'setup-plans': async () => ({ plans: [], problems: [] }),
      'save-preset': async () => ({ ok: false as const, problems: [] }),
      'project-proposal': async () => ({ ok: false as const, problems: [] }),
      'setup-result': async () => ({ shown: false }),
      ping: async () => ({ pong: true as const }),
      'toolbar-config': async () => ({ direct: [], presets: [] }),
      'explain-failure': async () => ({ explained: false as const }),
      'install-digests': async () => ({ recorded: true }),
      'preset-lock': async () => ({ recorded: true }),
      'lock-update': async () => ({ asked: true }),
      'bind-targets': async () => ({ presets: [], repository: null, problems: [] }),
      'bind-preset': bindPreset,
      'add-to-setup': async () => ({ ok: false as const, problems: [] }),
      'capture-off': async () => ({ off: false }),
      'capture-cell': async () => ({ offer: null }),
      'carried-cell': async () => ({ ok: false as const, problems: [] }),
      'carried-review': async () => ({ review: null }),
      'held-plan': async () => ({ plan: null }),
      'load-on-demand': loadOnDemand,
    });
    const listener = listeners[0];
    expect(listener).toBeDefined();
    const request = { type: 'cell-code', steps: [{ recipe: 'gpu-check' }] };
    await expect(listener?.(request, colabTab)).resolves.toEqual({ ok: true, code: 'print(1)', key: 'run:gpu-check:0a1b2c3d' });
    expect(cellCode).toHaveBeenCalledTimes(1);
    // Wrong sender, unknown type, extra fields, too many steps: not answered here.
    expect(listener?.(request, { ...colabTab, tab: undefined })).toBeUndefined();
    expect(listener?.({ type: 'user-activity' }, colabTab)).toBeUndefined();
    expect(listener?.({ ...request, extra: 1 }, colabTab)).toBeUndefined();
    expect(listener?.({ type: 'cell-code', steps: Array.from({ length: 51 }, () => ({ recipe: 'gpu-check' })) }, colabTab)).toBeUndefined();
    expect(listener?.({ type: 'cell-code', steps: [] }, colabTab)).toBeUndefined();
    expect(cellCode).toHaveBeenCalledTimes(1);
    // A binding names its scope from a fixed list; anything else never reaches the handler.
    const bind = { type: 'bind-preset', notebook: 'drive:1AbCdEfGhIjKlMnOp', presetId: 'x', scope: 'repository' };
    await expect(listener?.(bind, colabTab)).resolves.toEqual({ ok: true, text: 'bound' });
    expect(listener?.({ ...bind, scope: 'owner' }, colabTab)).toBeUndefined();
    expect(listener?.({ ...bind, presetId: 'x'.repeat(65) }, colabTab)).toBeUndefined();
    expect(bindPreset).toHaveBeenCalledTimes(1);
    // The on-demand parts are injected only for this extension's content script on Colab, and the request carries nothing else.
    await expect(listener?.({ type: 'load-on-demand' }, colabTab)).resolves.toEqual({ ok: true });
    expect(listener?.({ type: 'load-on-demand' }, { ...colabTab, url: 'https://evil.example/' })).toBeUndefined();
    expect(listener?.({ type: 'load-on-demand', file: 'x.js' }, colabTab)).toBeUndefined();
    expect(loadOnDemand).toHaveBeenCalledTimes(1);
  });

  it('held-plan: only normalised distribution names, one to fifty, reach the worker', async () => {
    const heldPlan = vi.fn(async () => ({ plan: null }));
    onBackgroundRequest(handlersWith({
      'held-plan': heldPlan,
    }));
    const listener = listeners[0];
    const request = { type: 'held-plan', presetId: 'p1', heldOk: ['ipython', 'prompt-toolkit'] };
    await expect(listener?.(request, colabTab)).resolves.toEqual({ plan: null });
    for (const heldOk of [[], ['IPython'], ["x'); import os"], ['prompt_toolkit'], ['-x'], Array.from({ length: 51 }, () => 'a')]) {
      expect(listener?.({ ...request, heldOk }, colabTab)).toBeUndefined();
    }
    expect(heldPlan).toHaveBeenCalledTimes(1);
  });

  it('install-digests: only well-formed keys and sha256 digests, one to eight of them, reach the worker', async () => {
    const recorded = vi.fn(async () => ({ recorded: true }));
    onBackgroundRequest(handlersWith({
      'install-digests': recorded,
    }));
    const listener = listeners[0];
    const digest = { key: 'cp313-manylinux_2_35_x86_64-cu128-torch2.11.0_cu128-3f0c1a2b9d41c7e0', sha256: 'ab'.repeat(32) };
    const request = { type: 'install-digests', presetId: '0b7e5c2a-3f4d-4e8a-9b1c-2d3e4f5a6b7c', digests: [digest] };
    await expect(listener?.(request, colabTab)).resolves.toEqual({ recorded: true });
    const refused = [
      { ...request, digests: [] },
      { ...request, digests: Array.from({ length: 9 }, () => digest) },
      { ...request, digests: [{ ...digest, sha256: 'AB'.repeat(32) }] },
      { ...request, digests: [{ ...digest, sha256: 'ab'.repeat(31) }] },
      { ...request, digests: [{ ...digest, key: "cp313-x-y-torchnone-3f0c1a2b9d41c7e0'); import os" }] },
      { ...request, digests: [{ ...digest, key: '../../evil' }] },
      { ...request, digests: [{ ...digest, extra: 1 }] },
      { ...request, presetId: 'x'.repeat(65) },
    ];
    for (const message of refused) expect(listener?.(message, colabTab)).toBeUndefined();
    expect(listener?.(request, { ...colabTab, url: 'https://evil.example/' })).toBeUndefined();
    expect(recorded).toHaveBeenCalledTimes(1);
  });

  it('preset-lock: only well-formed lock lines, one to eight of them, with what the run knew (GPU model, runtime version), reach the worker', async () => {
    const recorded = vi.fn(async () => ({ recorded: true }));
    onBackgroundRequest(handlersWith({
      'preset-lock': recorded,
    }));
    const listener = listeners[0];
    const line = { key: 'cp313-manylinux_2_35_x86_64-cu128', python: '3.13', release: 'release-colab_20261201-060048_RC00', mode: 'new', packages: ['einops==0.8.1', 'timm==1.0.22'] };
    const request = { type: 'preset-lock', presetId: '0b7e5c2a-3f4d-4e8a-9b1c-2d3e4f5a6b7c', lines: [line], run: { gpu: 'T4', runtimeVersion: '2026.07' } };
    await expect(listener?.(request, colabTab)).resolves.toEqual({ recorded: true });
    await expect(listener?.({ ...request, lines: [{ ...line, release: null, packages: [] }], run: {} }, colabTab)).resolves.toEqual({ recorded: true });
    const refused = [
      { ...request, lines: [] },
      { ...request, lines: Array.from({ length: 9 }, () => line) },
      { ...request, lines: [{ ...line, key: 'cp313-manylinux_2_35_x86_64-cu128-torch2.11.0-3f0c1a2b9d41c7e0' }] },
      { ...request, lines: [{ ...line, key: "cp313-x-y'); import os" }] },
      { ...request, lines: [{ ...line, python: '3' }] },
      { ...request, lines: [{ ...line, mode: 'forced' }] },
      { ...request, lines: [{ ...line, packages: ['einops>=0.8'] }] },
      { ...request, lines: [{ ...line, packages: ['einops==0.8; import os'] }] },
      { ...request, lines: [{ ...line, packages: Array.from({ length: 151 }, (_, i) => `p${i}==1`) }] },
      { ...request, lines: [{ ...line, extra: 1 }] },
      { ...request, presetId: 'x'.repeat(65) },
      { ...request, run: undefined },
      { ...request, run: { gpu: "T4'); import os" } },
      { ...request, run: { runtimeVersion: 'latest' } },
      { ...request, run: { gpu: 'T4', extra: 1 } },
    ];
    for (const message of refused) expect(listener?.(message, colabTab)).toBeUndefined();
    expect(recorded).toHaveBeenCalledTimes(2);
  });

  it('checks the worker’s answer before the content script uses it', async () => {
    answer = { ok: true, code: 'print(1)', key: 'run:gpu-check:0a1b2c3d' };
    await expect(askBackground({ type: 'cell-code', steps: [{ recipe: 'gpu-check' }] })).resolves.toEqual(answer);
    answer = { ok: true, code: 'print(1)', key: 'a key with spaces' };
    await expect(askBackground({ type: 'cell-code', steps: [{ recipe: 'gpu-check' }] })).rejects.toBeInstanceOf(BackgroundError);
    answer = { ok: true, code: 42 };
    await expect(askBackground({ type: 'cell-code', steps: [{ recipe: 'gpu-check' }] })).rejects.toBeInstanceOf(BackgroundError);
    answer = undefined; // nobody answered
    await expect(askBackground({ type: 'setup-plans', notebook: 'drive:x' })).rejects.toBeInstanceOf(BackgroundError);
  });
});
