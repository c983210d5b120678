import { describe, expect, it } from 'vitest';
import type { KernelState } from './bridge-protocol';
import { connectionOf, readConnectButton, type ConnectButtonReading } from './connection';

const button = (r: Partial<ConnectButtonReading>): ConnectButtonReading => ({
  tooltip: null, text: '', disabled: false, hasSparklines: false, hasConnectIcon: false, ...r,
});
const kernel = (k: Partial<KernelState>): KernelState => ({
  notebook: true, connected: null, state: null, everConnected: null, executing: null, accelerator: null, ...k,
});

// colab-dom.md §1.2 (S1, a real page, 2026-03) and colab-dom-2026H2.md row 13 (N6b, a real Spanish page), verbatim.
const EN_CPU = 'Connected to\nPython 3 Google Compute Engine backend\nRAM: 1.08 GB/12.67 GB\nDisk: 21.20 GB/107.72 GB';
const ES_CPU = 'Conectado a\ndel backend de Google Compute Engine en Python 3\nRAM: 1.26 GB/12.67 GB\nDisco: 21.20 GB/107.72 GB';
/** Not evidenced: a stand-in for any language our table lacks (Chinese here), same structure. */
const ZH_CPU = '已连接到\nPython 3 Google Compute Engine 后端\nRAM：1.26 GB/12.67 GB\n磁盘：21.20 GB/107.72 GB';

describe('connectionOf: structure and evidenced text, no page API', () => {
  it('reads the real Spanish tooltip as a connected CPU runtime with RAM and disk', () => {
    expect(connectionOf(button({ tooltip: ES_CPU, hasConnectIcon: true, hasSparklines: true }), null)).toEqual({
      status: 'connected', backend: 'cpu', busy: false,
      ram: { usedGb: 1.26, totalGb: 12.67 }, disk: { usedGb: 21.2, totalGb: 107.72 },
    });
  });
  it('reads the English tooltip and its GPU/TPU backend lines', () => {
    expect(connectionOf(button({ tooltip: EN_CPU }), null)).toMatchObject({ status: 'connected', backend: 'cpu', ram: { totalGb: 12.67 } });
    expect(connectionOf(button({ tooltip: EN_CPU.replace('backend', 'backend (GPU)') }), null)).toMatchObject({ backend: 'gpu' });
    expect(connectionOf(button({ tooltip: EN_CPU.replace('backend', 'backend (TPU)') }), null)).toMatchObject({ backend: 'tpu' });
    expect(connectionOf(button({ tooltip: `Waiting to finish the current execution.\n${EN_CPU}` }), null)).toMatchObject({ busy: true });
  });
  it('reads a language it has no strings for as connected from the numbers, and never claims CPU', () => {
    const state = connectionOf(button({ tooltip: ZH_CPU }), null);
    expect(state).toMatchObject({ status: 'connected', backend: 'unknown', ram: { usedGb: 1.26 }, disk: { totalGb: 107.72 } });
  });
  it('takes an empty #connect-icon as no connection: an element that shows nothing proves nothing (issue 17)', () => {
    expect(connectionOf(button({ hasConnectIcon: false, text: 'Connect' }), null)).toEqual({ status: 'not-connected' });
    expect(connectionOf(button({ hasConnectIcon: false, text: '连接' }), null)).toEqual({ status: 'not-connected' });
    expect(connectionOf(button({ text: 'Reconnect T4' }), null)).toEqual({ status: 'disconnected' });
  });
  it('takes #connect-icon or the sparklines alone as connected (rows 12, 14), backend unknown', () => {
    expect(connectionOf(button({ hasConnectIcon: true }), null)).toMatchObject({ status: 'connected', backend: 'unknown' });
    expect(connectionOf(button({ hasSparklines: true }), null)).toMatchObject({ status: 'connected', backend: 'unknown' });
  });
  it('reads connecting from #connect.disabled in any language', () => {
    expect(connectionOf(button({ text: '正在连接', disabled: true }), null)).toEqual({ status: 'connecting' });
    expect(connectionOf(button({ text: 'Initializing' }), null)).toEqual({ status: 'connecting' });
  });
  it('tells never connected from disconnected by evidenced text, or by having seen a runtime', () => {
    expect(connectionOf(button({ text: 'Connect', tooltip: 'Connect to a new runtime' }), null)).toEqual({ status: 'not-connected' });
    expect(connectionOf(button({ text: ' Reconnect ', tooltip: 'Click to connect' }), null)).toEqual({ status: 'disconnected' });
    expect(connectionOf(button({ text: '重新连接' }), null)).toEqual({ status: 'not-connected' });
    expect(connectionOf(button({ text: '重新连接' }), null, true)).toEqual({ status: 'disconnected' });
  });
  it('says unknown only when both the page API and the button are missing', () => {
    expect(connectionOf(null, null)).toMatchObject({ status: 'unknown' });
    expect(connectionOf(null, kernel({ notebook: false }))).toMatchObject({ status: 'unknown' });
    expect(connectionOf(null, kernel({ connected: false }))).toEqual({ status: 'not-connected' });
  });
});

describe('connectionOf: the page API first', () => {
  it('beats the text: connected with the assigned accelerator, whatever the tooltip says', () => {
    expect(connectionOf(button({ tooltip: '已连接到' }), kernel({ connected: true, state: 'connected', accelerator: 'gpu' }))).toMatchObject({
      status: 'connected', backend: 'gpu', busy: false,
    });
    // A button that still shows the old state does not win over the API.
    expect(connectionOf(button({ tooltip: ES_CPU, hasConnectIcon: true }), kernel({ connected: false, state: 'disconnected', everConnected: true }))).toEqual({
      status: 'disconnected',
    });
  });
  it('reads busy from getState() or isExecuting()', () => {
    expect(connectionOf(button({}), kernel({ connected: true, state: 'busy' }))).toMatchObject({ busy: true });
    expect(connectionOf(button({}), kernel({ connected: true, state: 'connected', executing: true }))).toMatchObject({ busy: true });
  });
  it('reads connecting from the kernel state, and disconnected from kernelLastConnectedTimeMs', () => {
    expect(connectionOf(button({}), kernel({ connected: false, state: 'allocating' }))).toEqual({ status: 'connecting' });
    expect(connectionOf(button({}), kernel({ connected: false, state: 'disconnected', everConnected: false }))).toEqual({ status: 'not-connected' });
    expect(connectionOf(button({}), kernel({ connected: false, state: 'disconnected', everConnected: true }))).toEqual({ status: 'disconnected' });
  });
  it('falls back to structure when the API members are missing (connected: null)', () => {
    expect(connectionOf(button({ tooltip: ES_CPU }), kernel({}))).toMatchObject({ status: 'connected', backend: 'cpu' });
    // The API has no accelerator (missing member): the Spanish CPU line still names CPU; no line, no claim.
    expect(connectionOf(button({ hasConnectIcon: true }), kernel({ connected: true }))).toMatchObject({ backend: 'unknown' });
  });
});

describe('readConnectButton: what the button shows', () => {
  /** A stand-in for the connect button's shadow tree: selector → element (only what the reader asks). */
  const fakeDom = (icon: { textContent: string; hidden?: boolean } | null) => {
    const inner = {
      childNodes: [{ nodeType: 3, textContent: 'Connect' }],
      getAttribute: (name: string) => (name === 'tooltiptext' ? 'Click to connect' : null),
      hasAttribute: () => false,
      classList: { contains: () => false },
      querySelector: () => null,
      shadowRoot: null,
    };
    const shadow = { querySelector: (selector: string) => ({ '#connect': inner, '#connect-icon': icon })[selector] ?? null };
    return { querySelector: (selector: string) => (selector === 'colab-connect-button' ? { shadowRoot: shadow } : null) } as unknown as ParentNode;
  };
  const withNode = <T>(read: () => T): T => {
    const g = globalThis as { Node?: unknown };
    const previous = g.Node;
    g.Node = { TEXT_NODE: 3 };
    try {
      return read();
    } finally {
      g.Node = previous;
    }
  };

  it('counts #connect-icon only when it shows done (row 14), not when it is empty, hidden or absent', () => {
    expect(withNode(() => readConnectButton(fakeDom({ textContent: 'done' })))?.hasConnectIcon).toBe(true);
    expect(withNode(() => readConnectButton(fakeDom({ textContent: '' })))?.hasConnectIcon).toBe(false);
    expect(withNode(() => readConnectButton(fakeDom({ textContent: '  ' })))?.hasConnectIcon).toBe(false);
    expect(withNode(() => readConnectButton(fakeDom({ textContent: 'done', hidden: true })))?.hasConnectIcon).toBe(false);
    expect(withNode(() => readConnectButton(fakeDom(null)))?.hasConnectIcon).toBe(false);
  });
  it('reads a never-connected button with an empty icon as not connected', () => {
    const reading = withNode(() => readConnectButton(fakeDom({ textContent: '' })));
    expect(reading).toMatchObject({ text: 'Connect', tooltip: 'Click to connect', hasConnectIcon: false });
    expect(connectionOf(reading, null)).toEqual({ status: 'disconnected' });
    expect(connectionOf(reading, kernel({ connected: false, state: 'disconnected', everConnected: false }))).toEqual({ status: 'not-connected' });
  });
});
