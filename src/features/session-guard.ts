/**
 * Session guard, the content-script side (one per page life). It owns no timer: the service
 * worker's minute alarm sends `guard-ping`, answered by telling Colab of activity through the page
 * API. It reports to the worker what only the page can see:
 * - the connection (Colab's connect button, with its backend: CPU, GPU or TPU), on change;
 * - real user activity (trusted keydown/pointerdown, passive, at most one message a minute);
 * - Colab's "Runtime disconnected" dialog, whose Reconnect it clicks only when the worker says the
 *   user turned auto-reconnect on;
 * - presence checks (reCAPTCHA, "Are you still there?"), which it never clicks or dismisses;
 * - a long run finishing (connect button busy → idle), for the optional "cell finished" notification.
 */
import * as v from 'valibot';
import { request } from '../colab/bridge';
import { watchConnection, type ConnectionState } from '../colab/connection';
import { clickReconnect, watchDialogs, type PresenceCheck } from '../colab/dialogs';
import { watchNotebook } from '../colab/location';
import { notebookIdentity } from '../colab/notebook-key';
import type { PageLife } from '../content/life';
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
  let current: ConnectionState = { status: 'unknown', reason: 'not read yet' };
  let sent = '';
  let busySince: number | null = null;
  /** The runtime's accelerator model (T4, L4, V5E1…) from the page API, read once per connection. */
  let model: string | null = null;
  const report = () => {
    const backend = current.status === 'connected' ? current.backend : null;
    const identity = notebookIdentity(location.href);
    const notebookKey = identity?.kind === 'persistent' ? identity.key : null;
    const accelerator = backend === null ? null : model;
    const key = `${current.status}:${backend}:${accelerator}:${notebookKey}`;
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
    if (state.status === 'connected' && current.status !== 'connected') readModel();
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

  // --- dialogs -------------------------------------------------------------------------------------
  let disconnectShown = false;
  let presenceShown = new Set<PresenceCheck>();
  const onDisconnected = async () => {
    const reply = v.safeParse(GuardDialogReplySchema, await send({ type: 'guard-disconnected' }));
    if (!reply.success || !reply.output.reconnect || signal.aborted) return;
    void send({ type: 'guard-reconnect', outcome: clickReconnect() ? 'clicked' : 'missing' });
  };
  watchDialogs((reading) => {
    if (reading.disconnected && !disconnectShown) void onDisconnected();
    disconnectShown = reading.disconnected;
    for (const check of reading.presence) if (!presenceShown.has(check)) void send({ type: 'guard-presence', check });
    presenceShown = new Set(reading.presence);
  }, signal);
}
