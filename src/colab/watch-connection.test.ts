import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_VERSION, TO_CONTENT_EVENT, TO_PAGE_EVENT, type KernelState } from './bridge-protocol';
import { watchConnection, type ConnectionState } from './connection';

/**
 * watchConnection against stand-ins: a connect button whose shadow root holds an EMPTY
 * #connect-icon (a never-connected notebook, issue 17), and a page script whose page API appears
 * only after `apiAfterMs` (until then kernel-state says `notebook: false`), with no DOM change.
 */
let kernel: KernelState;
const NO_API: KernelState = { notebook: false, connected: null, state: null, everConnected: null, executing: null, accelerator: null };
const NEVER_CONNECTED: KernelState = { notebook: true, connected: false, state: 'disconnected', everConnected: false, executing: false, accelerator: null };
let kernelRequests = 0;

beforeEach(() => {
  vi.useFakeTimers();
  kernel = NO_API;
  kernelRequests = 0;
  const inner = {
    childNodes: [{ nodeType: 3, textContent: 'Connect' }],
    getAttribute: () => null,
    hasAttribute: () => false,
    classList: { contains: () => false },
    querySelector: () => null,
    shadowRoot: null,
  };
  const shadow = { querySelector: (s: string) => ({ '#connect': inner, '#connect-icon': { textContent: '', hidden: false } })[s] ?? null };
  const host = { shadowRoot: shadow };
  const doc = Object.assign(new EventTarget(), {
    documentElement: {},
    querySelector: (s: string) => (s === 'colab-connect-button' ? host : s === 'colab-notebook-toolbar#top-toolbar' ? { parentNode: {} } : null),
  });
  doc.addEventListener(TO_PAGE_EVENT, (event) => {
    const message = JSON.parse((event as CustomEvent<string>).detail) as { id: string; kind: string };
    if (message.kind !== 'kernel-state') return;
    kernelRequests += 1;
    const detail = JSON.stringify({ v: BRIDGE_VERSION, id: message.id, ok: true, result: kernel });
    queueMicrotask(() => doc.dispatchEvent(new CustomEvent(TO_CONTENT_EVENT, { detail })));
  });
  Object.assign(globalThis, {
    document: doc,
    location: { pathname: '/drive/x', hash: '' },
    Node: { TEXT_NODE: 3 },
    MutationObserver: class {
      observe() {}
      disconnect() {}
    },
  });
});
afterEach(() => {
  vi.useRealTimers();
  const g = globalThis as { document?: unknown; location?: unknown; Node?: unknown; MutationObserver?: unknown };
  delete g.document;
  delete g.location;
  delete g.Node;
  delete g.MutationObserver;
});

describe('watchConnection: a reading re-runs when the page API appears (issue 17)', () => {
  it('says not connected from the first reading on, re-reads when the API arrives without a DOM change, then stops polling', async () => {
    const seen: ConnectionState[] = [];
    const life = new AbortController();
    watchConnection((state) => seen.push(state), life.signal);
    await vi.advanceTimersByTimeAsync(100);
    // No page API yet: the button alone, whose icon is empty, proves nothing.
    expect(seen).toEqual([{ status: 'not-connected' }]);
    const before = kernelRequests;
    kernel = NEVER_CONNECTED; // the page API appears 1.5 s after the button
    await vi.advanceTimersByTimeAsync(1_500);
    expect(kernelRequests).toBeGreaterThan(before);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(seen).toEqual([{ status: 'not-connected' }]);
    // Once the API has answered, nothing polls.
    const settled = kernelRequests;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(kernelRequests).toBe(settled);
    expect(vi.getTimerCount()).toBe(0);
    life.abort();
  });

  it('reports what the API says once it arrives (here: a connection the button does not show yet)', async () => {
    const seen: ConnectionState[] = [];
    const life = new AbortController();
    watchConnection((state) => seen.push(state), life.signal);
    await vi.advanceTimersByTimeAsync(100);
    kernel = { ...NEVER_CONNECTED, connected: true, state: 'connected', everConnected: true, accelerator: 'gpu' };
    await vi.advanceTimersByTimeAsync(4_000);
    expect(seen.map((s) => s.status)).toEqual(['not-connected', 'connected']);
    life.abort();
  });

  it('stops re-reading after a minute when the page API never appears', async () => {
    const life = new AbortController();
    watchConnection(() => undefined, life.signal);
    await vi.advanceTimersByTimeAsync(65_000); // the last re-read was scheduled before the minute ended
    const after = kernelRequests;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(kernelRequests).toBe(after);
    expect(vi.getTimerCount()).toBe(0);
    life.abort();
  });
});
