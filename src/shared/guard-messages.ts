/**
 * Session guard message schemas validated by the service worker (reports from Colab tabs, commands
 * from the popup) and the ping reply. Kept out of ./messages.ts only so the content script, which
 * sends these but never validates them, does not ship them (see the note there).
 */
import * as v from 'valibot';

const GuardConnection = v.picklist(['connected', 'connecting', 'not-connected', 'disconnected', 'unknown']);

/** The content script of a Colab tab → the service worker (sender must be that tab). */
export const GuardFromTabSchema = v.variant('type', [
  /** The connection as Colab's connect button shows it; sent on change (and at start). */
  v.strictObject({
    type: v.literal('guard-status'),
    /** The notebook's key from the page's URL (src/colab/notebook-key.ts); null when ephemeral. */
    notebookKey: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(2000))),
    connection: GuardConnection,
    backend: v.nullable(v.picklist(['cpu', 'gpu', 'tpu'])),
    accelerator: v.nullable(v.pipe(v.string(), v.maxLength(40))),
  }),
  /** A real (trusted) keydown or pointerdown in the page; throttled by the sender. */
  v.strictObject({ type: v.literal('guard-activity') }),
  /** Colab (not the user) disconnected the runtime. Reply: GuardDialogReply (messages.ts). */
  v.strictObject({ type: v.literal('guard-disconnected') }),
  /**
   * What happened after the worker said to reconnect: `requested` through the page API, `clicked`
   * the dialog's evidenced Reconnect (no API), or `missing` (neither was possible).
   */
  v.strictObject({ type: v.literal('guard-reconnect'), outcome: v.picklist(['requested', 'clicked', 'missing']) }),
  /** A presence check appeared (never answered by us). */
  v.strictObject({ type: v.literal('guard-presence'), check: v.picklist(['recaptcha', 'still-there']) }),
  /** A run finished after this long (connect button busy → idle); only runs of a minute or more. */
  v.strictObject({ type: v.literal('guard-cell-finished'), durationMs: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
]);
export type GuardFromTab = v.InferOutput<typeof GuardFromTabSchema>;

/** The popup → the service worker (sender must be an extension page). */
export const GuardFromPopupSchema = v.variant('type', [
  v.strictObject({ type: v.literal('guard-extend'), tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
]);
export type GuardFromPopup = v.InferOutput<typeof GuardFromPopupSchema>;

/** The service worker → a tab's content script (validated there with messages.ts GuardToTabSchema). */
export interface GuardToTab {
  readonly type: 'guard-ping';
}

/** The content script's answer to `guard-ping`. */
export const GuardPingReplySchema = v.variant('ok', [
  v.strictObject({ ok: v.literal(true) }),
  v.strictObject({ ok: v.literal(false), error: v.pipe(v.string(), v.maxLength(500)) }),
]);
export type GuardPingReply = v.InferOutput<typeof GuardPingReplySchema>;
