/**
 * Session guard, the content-script side (one per page life). It owns no timer: the service
 * worker's minute alarm sends `guard-ping`, answered by telling Colab of activity through the page
 * API. It reports to the worker what only the page can see:
 * - the connection (Colab's connect button, with its backend: CPU, GPU or TPU), on change;
 * - real user activity (trusted keydown/pointerdown, passive, at most one message a minute);
 * - a disconnect that Colab, not the user, caused (src/colab/reconnect.ts), which it reconnects
 *   through the page API only when the worker says the user turned auto-reconnect on;
 * - presence checks (reCAPTCHA, "Are you still there?"), which it never clicks or dismisses;
 * - a long run finishing (connect button busy → idle), for the optional "cell finished" notification.
 */
import * as v from 'valibot';
import { request } from '../colab/bridge';
import { watchConnection, type ConnectionState } from '../colab/connection';
import { SETTLE_MS, findEvidencedReconnectButton, watchDialogs, type PresenceCheck } from '../colab/dialogs';
import { isColabsDisconnect, watchUserInput } from '../colab/reconnect';
import { watchNotebook } from '../colab/location';
import { notebookIdentity } from '../colab/notebook-key';
import type { PageLife } from '../shared/page-life';
import browser, { type Runtime } from '../shared/browser';
import {
  GuardDialogReplySchema,
  GuardToTabSchema,
  isFromExtensionCore,
  sendGuardFromTab,
  type GuardFromTab,
  type GuardPingReply,
} from '../shared/messages';

/**
 * Activity is reported at most once a minute (the limit is counted in minutes anyway), and runs
 * shorter than the smallest "cell finished" threshold (a minute) are not reported.
 */
const MINUTE_MS = 60_000;
const BRIDGE_TIMEOUT_MS = 3_000;

export function startSessionGuard(life: PageLife): void {
  const { signal } = life;
  const send = (message: GuardFromTab): Promise<unknown> =>
    signal.aborted || !life.checkAlive() ? Promise.resolve(undefined) : sendGuardFromTab(message).catch(() => undefined);

  // --- keep-alive: the worker's ping ---------------------------------------------------------------
  const onMessage = (message: unknown, sender: Runtime.MessageSender): Promise<GuardPingReply> | undefined => {
    if (!isFromExtensionCore(sender) || !v.safeParse(GuardToTabSchema, message).success) return undefined;
    return request('user-interaction', {}, { timeoutMs: BRIDGE_TIMEOUT_MS, signal }).then(
      (): GuardPingReply => ({ ok: true }),
      (error: unknown): GuardPingReply => ({ ok: false, error: String((error as Error | undefined)?.message ?? error).slice(0, 500) }),
    );
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => {
    try {
      browser.runtime.onMessage.removeListener(onMessage);
    } catch {
      // The extension context is gone already.
    }
  }, { once: true });

  // --- connection and accelerator ------------------------------------------------------------------
  const input = watchUserInput((el) => el.hasAttribute('data-launchpad-host'), signal);
  let current: ConnectionState = { status: 'unknown', reason: 'not read yet' };
  let sent = '';
  let busySince: number | null = null;
  /** The runtime's accelerator model (T4, L4, V5E1…) from the page API, read once per connection. */
  let model: string | null = null;
  const report = () => {
    // An accelerator no signal names is reported as none known (null), never as CPU.
    const backend = current.status === 'connected' && current.backend !== 'unknown' ? current.backend : null;
    const identity = notebookIdentity(location.href);
    const notebookKey = identity?.kind === 'persistent' ? identity.key : null;
    const accelerator = backend === null ? null : model;
    const key = `${current.status}:${String(backend)}:${accelerator}:${notebookKey}`;
    if (key === sent) return;
    sent = key;
    void send({ type: 'guard-status', notebookKey, connection: current.status, backend, accelerator });
  };
  const readModel = () => {
    request('runtime-info', {}, { timeoutMs: BRIDGE_TIMEOUT_MS, signal }).then(
      (info) => {
        model = info.assigned?.model || null;
        report();
      },
      () => undefined, // the page API does not say: the popup shows CPU/GPU/TPU from the connect button
    );
  };
  watchConnection((state) => {
    if (state.status === 'connected' && current.status !== 'connected') {
      readModel();
      input.connected();
      disconnectHandled = false;
    }
    if (state.status === 'disconnected' && current.status === 'connected') void onDisconnected(Date.now());
    if (state.status !== 'connected') model = null;
    current = state;
    if (state.status === 'connected' && state.busy) busySince ??= Date.now();
    else if (busySince !== null) {
      const durationMs = Date.now() - busySince;
      busySince = null;
      if (state.status === 'connected' && durationMs >= MINUTE_MS) void send({ type: 'guard-cell-finished', durationMs });
    }
    report();
  }, signal);
  // Another notebook in the same tab (a single-page app): report it with its key.
  watchNotebook(() => report(), signal);

  // --- real user activity --------------------------------------------------------------------------
  let lastActivity = 0;
  const onInput = (event: Event) => {
    if (!event.isTrusted) return;
    const now = Date.now();
    if (now - lastActivity < MINUTE_MS) return;
    lastActivity = now;
    void send({ type: 'guard-activity' });
  };
  for (const type of ['keydown', 'pointerdown']) window.addEventListener(type, onInput, { capture: true, passive: true, signal });

  // --- disconnects and dialogs ---------------------------------------------------------------------
  let disconnectHandled = false;
  let colabSaysDisconnected = false;
  let presenceShown = new Set<PresenceCheck>();
  const connectedNow = () => current.status === 'connected';
  /** A disconnect seen at `at`: undone only when it was Colab's and the user turned auto-reconnect on. */
  async function onDisconnected(at: number) {
    if (disconnectHandled) return;
    disconnectHandled = true;
    // Colab may show its dialog a moment after the button changes; it helps tell whose disconnect it was.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    if (signal.aborted || connectedNow() || !isColabsDisconnect(input.facts(at, colabSaysDisconnected))) return;
    const reply = v.safeParse(GuardDialogReplySchema, await send({ type: 'guard-disconnected' }));
    if (!reply.success || !reply.output.reconnect || signal.aborted || connectedNow()) return;
    const outcome = await request('reconnect', {}, { timeoutMs: BRIDGE_TIMEOUT_MS, signal }).then(
      () => 'requested' as const,
      () => {
        // No page API: only the dialog identified by its evidenced texts is ever clicked.
        const button = findEvidencedReconnectButton();
        button?.click();
        return button ? ('clicked' as const) : ('missing' as const);
      },
    );
    void send({ type: 'guard-reconnect', outcome });
  }
  watchDialogs(
    () => ({ connected: connectedNow(), lastInputAt: input.lastInputAt(), now: Date.now() }),
    (reading) => {
      colabSaysDisconnected = reading.disconnected;
      // Colab's own dialog, on a page that was already disconnected when we started watching.
      if (reading.disconnected && !connectedNow()) void onDisconnected(Date.now());
      for (const check of reading.presence) if (!presenceShown.has(check)) void send({ type: 'guard-presence', check });
      presenceShown = new Set(reading.presence);
    },
    signal,
  );
}
