/**
 * When Launchpad may reconnect a runtime, and how.
 *
 * How: through the page API, `colab.global.notebook.attemptAutoconnect(2)`, which is exactly what
 * the "Runtime disconnected" dialog's own Reconnect button calls (colab-dom.md §1.10, S4, Colab's
 * own code; §2 [M]). It works in every UI language, clicks nothing, and does not depend on the
 * dialog's DOM, which has no 2026 capture (colab-dom-2026H2.md row 36). Clicking the dialog's
 * Reconnect is the fallback only when the API member is missing and the dialog is identified by
 * its evidenced English texts (./dialogs.ts); no other dialog is ever clicked (item 3 of the
 * evidence's list: a generic "primary button" may be Drive consent or "delete runtime").
 *
 * When: the kernel went from connected to not connected (the page API or the connect button says
 * so, ./connection.ts) and Colab, not the user, ended it. Colab's disconnects (idle, maximum
 * duration, a lost connection) come while the user is away or without their doing. A disconnect
 * the user asked for always follows their own input on Colab's UI: "Disconnect and delete
 * runtime" (row 22) and Terminate in Manage sessions (row 21) are recognised by structure and
 * block reconnecting until the runtime is connected again; any other input on Colab's UI in the
 * seconds before the disconnect (the command palette, a shortcut, a confirmation) blocks it too.
 * Colab's own disconnect dialog, identified by its evidenced texts, overrides only the latter.
 */
import { SELECTORS } from './selectors';

/** Input on Colab's own UI this shortly before a disconnect may have caused it: not undone. */
export const RECENT_INPUT_MS = 5_000;
/** "Delete runtime" or Terminate counts for this long (the user may cancel its confirmation). */
export const USER_ENDED_MS = 120_000;

export interface DisconnectFacts {
  /** When the user asked Colab to end the runtime (delete runtime, Terminate), if they did. */
  readonly userEndedAt: number | null;
  /** The last trusted input on Colab's UI (not on Launchpad's own). */
  readonly lastInputAt: number;
  readonly disconnectedAt: number;
  /** Colab's "Runtime disconnected" dialog is showing, identified by its evidenced texts. */
  readonly colabSaysDisconnected: boolean;
}

/** Pure: whether a disconnect is Colab's (may be undone) rather than the user's (never undone). */
export function isColabsDisconnect(facts: DisconnectFacts): boolean {
  if (facts.userEndedAt !== null && facts.disconnectedAt - facts.userEndedAt < USER_ENDED_MS) return false;
  if (facts.colabSaysDisconnected) return true;
  return facts.disconnectedAt - facts.lastInputAt > RECENT_INPUT_MS;
}

/** Whether an event's path is the user ending the runtime (by structure, in any language). */
export function endsRuntime(path: readonly EventTarget[]): boolean {
  const elements = path.filter((node): node is Element => node instanceof Element);
  if (elements.some((el) => el.matches(SELECTORS.deleteRuntimeCommand))) return true;
  if (!elements.some((el) => el.matches(SELECTORS.sessionsDialog))) return false;
  // A row's Terminate (an icon button in the row's shadow root) or "Terminate other sessions".
  return elements.some((el) => el.matches(SELECTORS.terminateOthers) || (el.localName === 'md-icon-button' && (el.getRootNode() as ShadowRoot).host?.matches(SELECTORS.sessionRow)));
}

/**
 * Follows the user's trusted input on Colab's UI until `signal` aborts. `isOwnUi` tells
 * Launchpad's own elements apart (their clicks never end a runtime). Returns the current facts.
 */
export function watchUserInput(isOwnUi: (el: Element) => boolean, signal: AbortSignal) {
  let lastInputAt = 0;
  let userEndedAt: number | null = null;
  const onInput = (event: Event) => {
    if (!event.isTrusted) return;
    const path = event.composedPath();
    if (path.some((node) => node instanceof Element && isOwnUi(node))) return;
    lastInputAt = Date.now();
    const keyOnMenu = event.type === 'keydown' && document.querySelector(`.goog-menuitem-highlight${SELECTORS.deleteRuntimeCommand}`) !== null;
    if (endsRuntime(path) || keyOnMenu) userEndedAt = lastInputAt;
  };
  for (const type of ['pointerdown', 'click', 'keydown']) window.addEventListener(type, onInput, { capture: true, passive: true, signal });
  return {
    facts: (disconnectedAt: number, colabSaysDisconnected: boolean): DisconnectFacts => ({ userEndedAt, lastInputAt, disconnectedAt, colabSaysDisconnected }),
    lastInputAt: () => lastInputAt,
    /** The runtime is connected again: an earlier "end the runtime" is spent. */
    connected: () => {
      userEndedAt = null;
    },
  };
}
