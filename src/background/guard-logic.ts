/**
 * The session guard's decisions, as pure functions of (tab state, settings, now): what the minute
 * tick does for one tab, and how reports from the tab change its state. The service worker only
 * reads storage, calls these, writes the result and carries out the actions.
 *
 * Keep-alive is bounded, like Google's own Colab extension for VS Code: it runs while the user was
 * active within the limit (or extended it), warns shortly before the limit, and then stops.
 */
import type { EffectiveSettings } from '../shared/guard-settings';
import { withEvent, type TabState } from '../shared/guard-state';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The alarm's period: Colab is told of activity once a minute while keep-alive is active. */
export const TICK_MINUTES = 1;
/** "Extend by 30 minutes". */
export const EXTEND_MS = 30 * MINUTE;
/** A near-limit warning this long before keep-alive stops. */
export const NEAR_LIMIT_MS = 10 * MINUTE;
/** Colab caps a runtime at about 12 hours (the Colab evidence, §1.10); warn this long before. */
export const CAP_MS = 12 * HOUR;
export const CAP_WARNING_MS = 30 * MINUTE;

export type GuardNotice = 'near-limit' | 'limit-reached' | 'cap-warning';

export type Action =
  /** Tell Colab of activity in this tab (through the content script and the page API). */
  | { readonly type: 'ping' }
  | { readonly type: 'notify'; readonly notice: GuardNotice; readonly until?: number }
  /** chrome.tabs.update(tabId, { autoDiscardable }). */
  | { readonly type: 'set-auto-discardable'; readonly value: boolean };

export interface TickResult {
  readonly state: TabState;
  readonly actions: readonly Action[];
}

/** When keep-alive stops: the limit after the last activity, or a later extension. */
export function deadlineOf(state: TabState, settings: EffectiveSettings): number {
  return Math.max(state.lastActivity + settings.limitHours * HOUR, state.extendedUntil ?? 0);
}

/** When the runtime reaches Colab's 12-hour cap, if it is connected and we know since when. */
export function capAt(state: TabState): number | null {
  return state.connection === 'connected' && state.connectedSince !== null ? state.connectedSince + CAP_MS : null;
}

/** Keep-alive off for this tab: stop, and give the tab back to Chrome's discarding. */
function release(state: TabState): TickResult {
  const actions: Action[] = state.protectedByUs ? [{ type: 'set-auto-discardable', value: true }] : [];
  return { state: { ...state, protectedByUs: false, keepAlive: { ...state.keepAlive, active: false, until: null } }, actions };
}

/** One tick for one tab. */
export function tick(state: TabState, settings: EffectiveSettings, now: number): TickResult {
  const actions: Action[] = [];
  let next = state;

  const cap = capAt(state);
  if (cap !== null && cap - now <= CAP_WARNING_MS && state.capWarnedFor !== state.connectedSince) {
    actions.push({ type: 'notify', notice: 'cap-warning', until: cap });
    next = { ...next, capWarnedFor: state.connectedSince };
  }

  if (!settings.keepAlive) {
    const released = release(next);
    return { state: released.state, actions: [...actions, ...released.actions] };
  }

  const deadline = deadlineOf(next, settings);
  if (now >= deadline) {
    const released = release(next);
    next = released.state;
    actions.push(...released.actions);
    if (state.keepAlive.stoppedFor !== deadline) {
      actions.push({ type: 'notify', notice: 'limit-reached' });
      next = withEvent({ ...next, keepAlive: { ...next.keepAlive, stoppedFor: deadline } }, 'limit-reached', now);
    }
    return { state: next, actions };
  }

  actions.push({ type: 'ping' });
  if (!next.protectedByUs) actions.push({ type: 'set-auto-discardable', value: false });
  let keepAlive = { ...next.keepAlive, active: true, until: deadline };
  if (deadline - now <= NEAR_LIMIT_MS && state.keepAlive.warnedFor !== deadline) {
    actions.push({ type: 'notify', notice: 'near-limit', until: deadline });
    keepAlive = { ...keepAlive, warnedFor: deadline };
  }
  return { state: { ...next, protectedByUs: true, keepAlive }, actions };
}

/** The user was active in the tab: the limit counts from now again. */
export function recordActivity(state: TabState, now: number): TabState {
  return now > state.lastActivity ? { ...state, lastActivity: now } : state;
}

/** "Extend by 30 minutes": 30 minutes past the current deadline (or past now, once stopped). */
export function extend(state: TabState, settings: EffectiveSettings, now: number): TabState {
  const extendedUntil = Math.max(deadlineOf(state, settings), now) + EXTEND_MS;
  return withEvent({ ...state, extendedUntil }, 'extended', now);
}

export interface ConnectionReport {
  readonly connection: TabState['connection'];
  readonly backend: TabState['backend'];
  readonly accelerator: string | null;
}

/**
 * A connection report from the tab. The 12-hour clock starts when we first see the runtime
 * connected and resets when it is disconnected; `connecting`/`unknown` (a reload, Colab booting)
 * keep it, since the runtime survives a page reload.
 */
export function recordConnection(state: TabState, report: ConnectionReport, now: number): TabState {
  const { connection } = report;
  let connectedSince = state.connectedSince;
  if (connection === 'connected' && connectedSince === null) connectedSince = now;
  if (connection === 'disconnected' || connection === 'not-connected') connectedSince = null;
  const keep = connection === 'unknown' || connection === 'connecting';
  let next: TabState = {
    ...state,
    connection,
    backend: connection === 'connected' ? report.backend : keep ? state.backend : null,
    accelerator:
      connection === 'connected' ? (report.accelerator ?? (report.backend === state.backend ? state.accelerator : null)) : keep ? state.accelerator : null,
    connectedSince,
  };
  // Reconnected after a disconnect this guard saw: worth a line in the popup (and a notification).
  const lastEvent = state.events.at(-1)?.kind;
  if (connection === 'connected' && state.connection !== 'connected' && (lastEvent === 'reconnect-clicked' || lastEvent === 'disconnected')) {
    next = withEvent(next, 'reconnected', now);
  }
  return next;
}

/** Another notebook opened in the tab (Colab is a single-page app): its runtime is another one. */
export function recordNotebook(state: TabState, notebookKey: string | null, now: number): TabState {
  if (state.notebookKey === notebookKey) return state;
  return { ...state, notebookKey, connectedSince: null, capWarnedFor: null, accelerator: null, backend: null, connection: 'unknown', lastActivity: Math.max(state.lastActivity, now) };
}
