import { SELECTORS } from './selectors';
import { watchReading } from './watch-reading';

/**
 * The runtime connection as Colab's connect button shows it (colab-dom.md §1.2).
 * `backend` comes from the tooltip's backend line: "… backend (GPU)" / "(TPU)" / none for CPU [M].
 */
export type ConnectionState =
  | {
      readonly status: 'connected';
      readonly backend: 'cpu' | 'gpu' | 'tpu';
      /** A cell is executing ("Waiting to finish the current execution.", S9 [S]). */
      readonly busy: boolean;
      readonly ram?: Usage;
      readonly disk?: Usage;
    }
  | { readonly status: 'connecting' }
  /** Never connected: label "Connect", tooltip "Connect to a new runtime" [M]. */
  | { readonly status: 'not-connected' }
  /** After a disconnect: label "Reconnect", tooltip "Click to connect" [M]. */
  | { readonly status: 'disconnected' }
  | { readonly status: 'unknown'; readonly reason: string };

export interface Usage {
  readonly usedGb: number;
  readonly totalGb: number;
}

export interface ConnectButtonReading {
  readonly tooltip: string | null;
  readonly text: string;
  readonly disabled: boolean;
  readonly hasSparklines: boolean;
}

function usage(tooltip: string, label: 'RAM' | 'Disk'): Usage | undefined {
  const match = new RegExp(`^${label}: ([\\d.]+) GB/([\\d.]+) GB$`, 'm').exec(tooltip);
  return match ? { usedGb: Number(match[1]), totalGb: Number(match[2]) } : undefined;
}

/** Pure: what the connect button's tooltip, label and flags say about the connection. */
export function parseConnectButton(reading: ConnectButtonReading): ConnectionState {
  const tooltip = reading.tooltip ?? '';
  const text = reading.text.trim().toLowerCase();
  const backendLine = /Google Compute Engine backend(?: \((GPU|TPU)\))?/.exec(tooltip);

  if (/Connected to/.test(tooltip) || backendLine || reading.hasSparklines) {
    const accelerator = backendLine?.[1];
    const ram = usage(tooltip, 'RAM');
    const disk = usage(tooltip, 'Disk');
    return {
      status: 'connected',
      backend: accelerator === 'GPU' ? 'gpu' : accelerator === 'TPU' ? 'tpu' : 'cpu',
      busy: /^Waiting to finish the current execution\./.test(tooltip),
      ...(ram && { ram }),
      ...(disk && { disk }),
    };
  }
  if (reading.disabled || /^(connecting|initializing|resuming|reconnecting|allocating)/.test(text)) {
    return { status: 'connecting' };
  }
  if (text.startsWith('reconnect') || /Click to connect/i.test(tooltip)) return { status: 'disconnected' };
  if (text.startsWith('connect') || /Connect to a new runtime/i.test(tooltip)) return { status: 'not-connected' };
  return { status: 'unknown', reason: `unrecognised connect button (text "${reading.text.trim()}", tooltip "${tooltip.split('\n')[0] ?? ''}")` };
}

/** Reads the connect button from the page; `unknown` with a reason when Colab's DOM is not as expected. */
export function readConnectionState(root: ParentNode = document): ConnectionState {
  const host = root.querySelector(SELECTORS.connectButton);
  if (!host) return { status: 'unknown', reason: `${SELECTORS.connectButton} not found` };
  const inner = host.shadowRoot?.querySelector<HTMLElement & { disabled?: boolean }>(SELECTORS.connectButtonInner);
  if (!inner) return { status: 'unknown', reason: `${SELECTORS.connectButton} has no ${SELECTORS.connectButtonInner} in its shadow root` };
  return parseConnectButton({
    tooltip: inner.getAttribute('tooltiptext'),
    text: inner.textContent ?? '',
    disabled: inner.disabled === true || inner.hasAttribute('disabled'),
    hasSparklines: inner.querySelector(SELECTORS.usageSparkline) !== null || host.shadowRoot?.querySelector(SELECTORS.usageSparkline) != null,
  });
}

/**
 * Calls `onChange` with the connection state now and whenever it changes, until `signal` aborts.
 * Watches only the connect button (its shadow tree) and the toolbar that holds it, re-finding
 * both when Colab re-renders them; the rest of the page (cells, outputs) costs nothing.
 */
export function watchConnection(onChange: (state: ConnectionState) => void, signal: AbortSignal): void {
  watchReading(readConnectionState, (observer) => {
    const host = document.querySelector(SELECTORS.connectButton);
    const toolbar = document.querySelector(SELECTORS.topToolbar);
    // Until Colab's UI boots (or if the button moved), watch the document for it to appear.
    if (!host || !toolbar) observer.observe(document.documentElement, { childList: true, subtree: true });
    else {
      if (toolbar.parentNode) observer.observe(toolbar.parentNode, { childList: true });
      observer.observe(toolbar, { childList: true });
      if (host.shadowRoot) observer.observe(host.shadowRoot, { childList: true, subtree: true, attributes: true, characterData: true });
    }
  }, onChange, signal);
}
