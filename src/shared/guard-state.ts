/**
 * What the session guard knows about one Colab tab, kept in chrome.storage.session under
 * `guard.tab.<tabId>` (one key per tab, so tabs never overwrite each other). Only the service
 * worker writes it; the popup reads it. Validated on every read: a value that does not validate is
 * treated as absent (it is runtime state, rebuilt from the next report). Pure: no browser API.
 */
import * as v from 'valibot';

export const TAB_STATE_VERSION = 1;
const Time = v.pipe(v.number(), v.integer(), v.minValue(0));
const Short = v.pipe(v.string(), v.maxLength(500));

export const CONNECTION_STATUSES = ['connected', 'connecting', 'not-connected', 'disconnected', 'unknown'] as const;
export const ConnectionStatus = v.picklist(CONNECTION_STATUSES);
export const Backend = v.picklist(['cpu', 'gpu', 'tpu']);

export const EVENT_KINDS = [
  'disconnected', 'reconnect-clicked', 'reconnect-off', 'reconnect-missing', 'reconnected',
  'presence-recaptcha', 'presence-still-there', 'limit-reached', 'extended',
] as const;
export type GuardEventKind = (typeof EVENT_KINDS)[number];
export const MAX_EVENTS = 8;

export const TabStateSchema = v.strictObject({
  v: v.literal(TAB_STATE_VERSION),
  /** From the tab's URL (src/colab/notebook-key.ts); null for scratch or unknown pages. */
  notebookKey: v.nullable(v.pipe(v.string(), v.maxLength(2000))),
  connection: ConnectionStatus,
  backend: v.nullable(Backend),
  /** The accelerator model the runtime has (T4, L4, V5E1…), when the page API says. */
  accelerator: v.nullable(v.pipe(v.string(), v.maxLength(40))),
  /** When Launchpad first saw this runtime connected: an estimate of the 12-hour cap's start. */
  connectedSince: v.nullable(Time),
  /** The user's last real keydown/pointerdown in the tab (or turning keep-alive on for it). */
  lastActivity: Time,
  /** Keep-alive extended past the limit until then ("Extend by 30 minutes"). */
  extendedUntil: v.nullable(Time),
  keepAlive: v.strictObject({
    active: v.boolean(),
    /** While active: when it stops unless the user is active again or extends it. */
    until: v.nullable(Time),
    /** The deadline it stopped at (so the stop is announced once). */
    stoppedFor: v.nullable(Time),
    /** The deadline a near-limit warning was shown for. */
    warnedFor: v.nullable(Time),
  }),
  lastPing: v.nullable(v.strictObject({ at: Time, ok: v.boolean(), error: v.optional(Short) })),
  /** The connectedSince value a 12-hour-cap warning was shown for. */
  capWarnedFor: v.nullable(Time),
  /** We set autoDiscardable: false on this tab (and so must restore it). */
  protectedByUs: v.boolean(),
  events: v.pipe(v.array(v.strictObject({ at: Time, kind: v.picklist(EVENT_KINDS) })), v.maxLength(MAX_EVENTS)),
});
export type TabState = v.InferOutput<typeof TabStateSchema>;

export function newTabState(notebookKey: string | null, now: number): TabState {
  return {
    v: TAB_STATE_VERSION, notebookKey, connection: 'unknown', backend: null, accelerator: null, connectedSince: null,
    lastActivity: now, extendedUntil: null,
    keepAlive: { active: false, until: null, stoppedFor: null, warnedFor: null },
    lastPing: null, capWarnedFor: null, protectedByUs: false, events: [],
  };
}

export function readTabState(raw: unknown): TabState | null {
  const parsed = v.safeParse(TabStateSchema, raw);
  return parsed.success ? parsed.output : null;
}

export function withEvent(state: TabState, kind: GuardEventKind, at: number): TabState {
  return { ...state, events: [...state.events, { at, kind }].slice(-MAX_EVENTS) };
}
