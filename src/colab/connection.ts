/**
 * The runtime connection, read without reading Colab's language (colab-dom-2026H2.md row 13: the
 * UI follows the user's locale). Signals, most trusted first:
 * 1. the page API: `kernel.isConnected()` / `getState()`, `notebook.kernelLastConnectedTimeMs`,
 *    `notebook.isExecuting()`, the managed endpoint's accelerator (colab-dom.md §2 [M]/[S]);
 * 2. structure: `#connect-icon` showing `done` and the usage sparklines exist only while connected,
 *    `#connect` is `.disabled` while connecting, the numeric `x GB/y GB` pattern (2026H2 rows 12,
 *    14) [H];
 * 3. text, last, through the per-language table of evidenced strings (./ui-texts.ts).
 * A signal that is missing or unreadable is left out; it never turns into a claim. An element that
 * shows nothing proves nothing: the evidence says the icon shows `done` while connected and is
 * absent after a disconnect (row 12), nothing of a notebook that never connected, so an empty or
 * hidden `#connect-icon` is no connection (issue 17). The backend is
 * `unknown` (shown as "Connected", never as "No GPU") when neither the API nor an evidenced string
 * says which accelerator the runtime has.
 */
import { request } from './bridge';
import type { KernelState } from './bridge-protocol';
import { SELECTORS } from './selectors';
import { readsAs } from './ui-texts';
import { watchReading } from './watch-reading';

export type Backend = 'cpu' | 'gpu' | 'tpu' | 'unknown';

export type ConnectionState =
  | {
      readonly status: 'connected';
      readonly backend: Backend;
      /** A cell is executing. */
      readonly busy: boolean;
      readonly ram?: Usage;
      readonly disk?: Usage;
    }
  | { readonly status: 'connecting' }
  /** No runtime, and this notebook has not had one since the page loaded. */
  | { readonly status: 'not-connected' }
  /** No runtime after having had one (a disconnect). */
  | { readonly status: 'disconnected' }
  /** Every signal is missing: no page API and no connect button. */
  | { readonly status: 'unknown'; readonly reason: string };

export interface Usage {
  readonly usedGb: number;
  readonly totalGb: number;
}

/** What the connect button shows (null fields: not there). */
export interface ConnectButtonReading {
  /** `#connect[tooltiptext]`, else `colab-tooltip-trigger[message]`, else the screen-reader text. */
  readonly tooltip: string | null;
  /** The button's visible label (no label while connected, S1). */
  readonly text: string;
  readonly disabled: boolean;
  readonly hasSparklines: boolean;
  /** `#connect-icon` is in the shadow root, not hidden, and shows `done` (row 14); absent when disconnected (row 12). */
  readonly hasConnectIcon: boolean;
}

/** `1.26 GB/12.67 GB` in any language (row 14); a decimal comma is read too. */
const USAGE = /(\d+(?:[.,]\d+)?)\s*GB\s*\/\s*(\d+(?:[.,]\d+)?)\s*GB/g;
/** What `#connect-icon` shows while connected: the Material ligature `done` (colab-dom.md §1.2 S1; 2026H2 row 14). */
const CONNECTED_ICON = /^\s*done\s*$/;
/** kernel.getState() while a runtime is being assigned or connected (colab-dom.md §2 [M]). */
const CONNECTING_STATES = new Set(['allocating', 'connecting', 'connect', 'initializing', 'starting', 'reconnecting', 'resuming']);

function usages(text: string): Usage[] {
  return [...text.matchAll(USAGE)].map((m) => ({ usedGb: Number(m[1]?.replace(',', '.')), totalGb: Number(m[2]?.replace(',', '.')) }));
}

/** The accelerator class an evidenced backend line names, if any. */
function backendFromText(tooltip: string): Backend {
  if (readsAs('backendGpu', tooltip)) return 'gpu';
  if (readsAs('backendTpu', tooltip)) return 'tpu';
  if (readsAs('backendCpu', tooltip)) return 'cpu';
  return 'unknown';
}

/**
 * Pure: the connection from the connect button (null: not found), the page API (null: not
 * available) and whether this notebook was seen connected earlier in the page's life.
 */
export function connectionOf(button: ConnectButtonReading | null, kernel: KernelState | null, seenConnected = false): ConnectionState {
  const tooltip = button?.tooltip ?? '';
  const text = button?.text.trim() ?? '';
  const api = kernel?.notebook ? kernel : null;

  let status: 'connected' | 'connecting' | 'none';
  if (api?.connected === true) status = 'connected';
  else if (api?.connected === false) status = CONNECTING_STATES.has(api.state ?? '') || button?.disabled ? 'connecting' : 'none';
  else if (!button) return { status: 'unknown', reason: `neither Colab's page API nor ${SELECTORS.connectButton} is there` };
  else if (button.hasConnectIcon || button.hasSparklines || usages(tooltip).length > 0 || readsAs('connectedTo', tooltip)) status = 'connected';
  else if (button.disabled || readsAs('connecting', text)) status = 'connecting';
  else status = 'none';

  if (status === 'connecting') return { status: 'connecting' };
  if (status === 'none') {
    // The page API's history beats the label: "Click to connect" is also what a fresh notebook may show.
    const hadRuntime = seenConnected || (api?.everConnected ?? (readsAs('disconnected', text) || readsAs('disconnected', tooltip)));
    return { status: hadRuntime ? 'disconnected' : 'not-connected' };
  }
  // The first `used GB/total GB` pair is RAM, the second disk: so in English ("RAM: 1.08 GB/12.67 GB\nDisk: …",
  // colab-dom.md §1.2, S1) and in Spanish ("RAM: 1.26 GB/12.67 GB\nDisco: …", 2026H2 row 13), read by
  // the numbers alone (row 14), never by the words "RAM"/"ОЗУ" that follow the locale.
  const [ram, disk] = usages(tooltip);
  return {
    status: 'connected',
    backend: api?.accelerator ?? backendFromText(tooltip),
    busy: api?.state === 'busy' || api?.executing === true || readsAs('busy', tooltip),
    ...(ram && { ram }),
    ...(disk && { disk }),
  };
}

/** The first element matching `selector` in `root` or in the open shadow roots below it (two levels). */
function deepQuery(root: ParentNode | null | undefined, selector: string, depth = 2): Element | null {
  if (!root) return null;
  const found = root.querySelector(selector);
  if (found || depth === 0) return found;
  for (const el of root.querySelectorAll('*')) {
    const inner = deepQuery(el.shadowRoot, selector, depth - 1);
    if (inner) return inner;
  }
  return null;
}

/** The connect button as it is now, or null when Colab's DOM does not have it. */
export function readConnectButton(root: ParentNode = document): ConnectButtonReading | null {
  const host = root.querySelector(SELECTORS.connectButton);
  const shadow = host?.shadowRoot;
  const inner = shadow?.querySelector<HTMLElement & { disabled?: boolean }>(SELECTORS.connectButtonInner);
  if (!host || !shadow || !inner) return null;
  const icon = shadow.querySelector<HTMLElement>(SELECTORS.connectIcon);
  // Icons are ligature text ("done", "arrow_drop_down", row 30): the label is read without them.
  const label = [...inner.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('');
  const tooltip = inner.getAttribute('tooltiptext')
    ?? shadow.querySelector(SELECTORS.connectTooltip)?.getAttribute('message')
    ?? deepQuery(inner.shadowRoot, SELECTORS.screenReaderText)?.textContent
    ?? null;
  return {
    tooltip,
    text: label,
    disabled: inner.disabled === true || inner.hasAttribute('disabled') || inner.classList.contains('disabled'),
    hasSparklines: inner.querySelector(SELECTORS.usageSparkline) !== null || shadow.querySelector(SELECTORS.usageSparkline) !== null,
    // Its ligature name ("done", row 14) is its text in every UI language; empty, it proves nothing.
    hasConnectIcon: icon !== null && !icon.hidden && CONNECTED_ICON.test(icon.textContent ?? ''),
  };
}

/** Structure and text only (no page API): for a first reading before the page script answers. */
export function readConnectionState(root: ParentNode = document): ConnectionState {
  return connectionOf(readConnectButton(root), null);
}

const KERNEL_TIMEOUT_MS = 1_500;
/**
 * The page API can appear a second or two after the connect button is drawn (issue 17), with no
 * change to the button: until it has answered, the reading is re-run on a timer (backing off to
 * every few seconds), for API_WAIT_MS at most. After that nothing polls (design: the content
 * script owns no steady timer); Colab re-renders the connect button on every state change.
 */
const FIRST_RECHECK_MS = 250;
const MAX_RECHECK_MS = 4_000;
const API_WAIT_MS = 60_000;

/**
 * Calls `onChange` with the connection now and whenever it changes, until `signal` aborts. Every
 * signal the reading uses re-runs it: the connect button's shadow tree, its icon's content
 * included (and the toolbar holding it; Colab re-renders them on state changes), and the page
 * API's arrival (see API_WAIT_MS). Each run asks the page API and reads the button; only the
 * combined reading is reported. Cells and outputs cost nothing.
 */
export function watchConnection(onChange: (state: ConnectionState) => void, signal: AbortSignal): void {
  let last = '';
  let inFlight = false;
  let again = false;
  /** Which notebook `seenConnected` is about: a new one in the same tab starts over. */
  let place = location.pathname + location.hash;
  let seenConnected = false;
  let recheck: ReturnType<typeof setTimeout> | undefined;
  let recheckMs = FIRST_RECHECK_MS;
  const waitApiUntil = Date.now() + API_WAIT_MS;
  signal.addEventListener('abort', () => clearTimeout(recheck), { once: true });

  const update = async () => {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    clearTimeout(recheck);
    let apiAnswered: boolean;
    do {
      again = false;
      const kernel = await request('kernel-state', {}, { timeoutMs: KERNEL_TIMEOUT_MS, signal }).catch(() => null);
      if (signal.aborted) return;
      apiAnswered = kernel?.notebook === true && kernel.connected !== null;
      const here = location.pathname + location.hash;
      if (here !== place) {
        place = here;
        seenConnected = false;
      }
      const state = connectionOf(readConnectButton(), kernel, seenConnected);
      if (state.status === 'connected') seenConnected = true;
      const key = JSON.stringify(state);
      if (key !== last) {
        last = key;
        onChange(state);
      }
    } while (again && !signal.aborted);
    inFlight = false;
    if (!apiAnswered && Date.now() < waitApiUntil) {
      recheckMs = Math.min(recheckMs * 2, MAX_RECHECK_MS);
      recheck = setTimeout(() => void update(), recheckMs);
    }
  };

  watchReading(() => readConnectButton(), (observer) => {
    const host = document.querySelector(SELECTORS.connectButton);
    const toolbar = document.querySelector(SELECTORS.topToolbar);
    // Until Colab's UI boots (or if the button moved), watch the document for it to appear.
    if (!host || !toolbar) observer.observe(document.documentElement, { childList: true, subtree: true });
    else {
      if (toolbar.parentNode) observer.observe(toolbar.parentNode, { childList: true });
      observer.observe(toolbar, { childList: true });
      if (host.shadowRoot) observer.observe(host.shadowRoot, { childList: true, subtree: true, attributes: true, characterData: true });
    }
  }, () => void update(), signal);
}
