import { beforeEach, describe, expect, it, vi } from 'vitest';

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

const { BackgroundError, askBackground, isFromColabContentScript, onBackgroundRequest } = await import('./messages');

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
    onBackgroundRequest({
      'cell-code': cellCode,
      'setup-plans': async () => ({ plans: [], problems: [] }),
      'save-preset': async () => ({ ok: false as const, problems: [] }),
      'project-proposal': async () => ({ ok: false as const, problems: [] }),
      'setup-result': async () => ({ shown: false }),
      ping: async () => ({ pong: true as const }),
      'toolbar-config': async () => ({ direct: [], presets: [] }),
      'explain-failure': async () => ({ explained: false as const }),
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
