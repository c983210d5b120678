/**
 * Colab's dialogs that matter to the session guard, identified by structure and never by English
 * text alone (colab-dom-2026H2.md row 13 and "must change" items 2, 3 and 5):
 * - presence checks, which Launchpad only ever reports and never clicks or dismisses:
 *   reCAPTCHA (`body > colab-recaptcha-dialog`, §1.11) and "Are you still there?" (row 9: an
 *   `mwc-dialog` whose title is in its shadow root as `#title`, with a light-DOM
 *   `[slot=primaryAction]`; `md-dialog` accepted too, row 17);
 * - the "Runtime disconnected" dialog, positively identified only by its evidenced texts (§1.10, S4;
 *   row 36: no 2026 capture of its DOM). It is never clicked while the page API can reconnect.
 * Every other dialog (Drive consent, delete runtime, the runtime-change warning, Manage sessions,
 * MCP…) is left alone. Dialogs are children of body, so only body's child list and the dialogs
 * themselves are watched; cells and outputs cost nothing. A dialog is open when it has `[open]` or
 * shows a visible OK action (colab-dom-2026-12 row 13: `md-dialog` may open without `[open]`).
 */
import { watchReading } from './watch-reading';
import { SELECTORS } from './selectors';
import { readsAs } from './ui-texts';

export type PresenceCheck = 'recaptcha' | 'still-there';
export type DialogKind = 'still-there' | 'disconnected' | 'other';

export interface DialogReading {
  /** A "Runtime disconnected" dialog, identified by its evidenced heading or Reconnect label, is open. */
  readonly disconnected: boolean;
  /** Presence checks showing now; never clicked or dismissed by us. */
  readonly presence: readonly PresenceCheck[];
}

/** What Launchpad knows when a dialog appears, to tell a presence check from other dialogs. */
export interface DialogContext {
  /** The runtime is connected: "Are you still there?" asks before Colab disconnects an idle runtime. */
  readonly connected: boolean;
  /** The last trusted input on Colab's own UI (ms, Date.now()): a dialog the user just opened is theirs. */
  readonly lastInputAt: number;
  readonly now: number;
}

/** A dialog that appeared within this long of the user's input on Colab is taken to be theirs. */
export const USER_OPENED_MS = 3_000;
/**
 * How long an unidentified dialog is watched before it is classified: Colab may show a dialog in
 * the same moment it disconnects, and the connect button re-renders after it.
 */
export const SETTLE_MS = 1_500;

export const titleOf = (dialog: Element) =>
  (dialog.shadowRoot?.querySelector(SELECTORS.dialogTitle)?.textContent ?? '') || (dialog.getAttribute('heading') ?? '');

/**
 * What an open dialog is. Its evidenced title decides in the languages we have strings for; in
 * any other, a dialog of the still-there structure that no class identifies, appearing while the
 * runtime is connected and not right after the user's own input, is taken for the presence check.
 * Mistaking another dialog for it only raises a notification: nothing is ever clicked.
 */
export function classifyDialog(dialog: Element, context: DialogContext & { readonly firstSeen: number }): DialogKind | 'pending' {
  const title = titleOf(dialog).trim();
  const primary = dialog.querySelector(SELECTORS.dialogPrimaryAction);
  if (readsAs('stillThere', title)) return 'still-there';
  if (readsAs('disconnectHeading', title) || (primary && readsAs('reconnectButton', primary.textContent))) return 'disconnected';
  if (dialog.matches(SELECTORS.knownDialog) || !primary || !dialog.shadowRoot?.querySelector(SELECTORS.dialogTitle)) return 'other';
  if (context.now - context.firstSeen < SETTLE_MS) return 'pending';
  return context.connected && context.firstSeen - context.lastInputAt > USER_OPENED_MS ? 'still-there' : 'other';
}

/**
 * The dialog hosts under body that are open: `[open]`, or (colab-dom-2026-12 row 13) showing a
 * visible `[dialogaction="ok"]` action, since a refreshed `md-dialog` may open without `[open]`.
 */
export function openDialogs(root: ParentNode = document): Element[] {
  return [...root.querySelectorAll(SELECTORS.dialogHost)].filter((dialog) =>
    dialog.hasAttribute('open') || [...dialog.querySelectorAll(SELECTORS.dialogOkAction)].some((action) => action.getClientRects().length > 0));
}

/** The open "Runtime disconnected" dialog's Reconnect button, when identified by evidenced texts. */
export function findEvidencedReconnectButton(root: ParentNode = document): HTMLElement | null {
  for (const dialog of openDialogs(root)) {
    const primary = dialog.querySelector<HTMLElement>(SELECTORS.dialogPrimaryAction);
    if (primary && readsAs('reconnectButton', primary.textContent) && readsAs('disconnectHeading', titleOf(dialog).trim())) return primary;
  }
  return null;
}

/**
 * Calls `onChange` with the dialogs now and whenever that reading changes, until `signal` aborts.
 * A dialog is classified once, when it is first seen open, with the context of that moment.
 */
export function watchDialogs(context: () => DialogContext, onChange: (reading: DialogReading) => void, signal: AbortSignal): void {
  const kinds = new Map<Element, DialogKind>();
  const firstSeen = new Map<Element, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const read = (): DialogReading => {
    const presence: PresenceCheck[] = [];
    if (document.querySelector(SELECTORS.recaptchaDialog)) presence.push('recaptcha');
    let disconnected = false;
    const open = openDialogs();
    for (const dialog of open) {
      let kind = kinds.get(dialog);
      if (kind === undefined) {
        const now = context();
        if (!firstSeen.has(dialog)) firstSeen.set(dialog, now.now);
        const decided = classifyDialog(dialog, { ...now, firstSeen: firstSeen.get(dialog) ?? now.now });
        if (decided === 'pending') {
          clearTimeout(timer);
          timer = setTimeout(() => refresh(), SETTLE_MS);
          continue;
        }
        kind = decided;
        kinds.set(dialog, kind);
      }
      if (kind === 'still-there' && !presence.includes('still-there')) presence.push('still-there');
      if (kind === 'disconnected') disconnected = true;
    }
    // A dialog that closes (or leaves) and opens again is a new appearance.
    for (const dialog of new Set([...kinds.keys(), ...firstSeen.keys()])) {
      if (open.includes(dialog)) continue;
      kinds.delete(dialog);
      firstSeen.delete(dialog);
    }
    return { disconnected, presence };
  };
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  const refresh = watchReading(read, observeDialogs, onChange, signal);
}

/** Points `observer` at body's child list and every dialog under body (for watchReading). */
export function observeDialogs(observer: MutationObserver): void {
  const body = document.body as HTMLElement | null;
  if (!body) return;
  observer.observe(body, { childList: true });
  // A dialog may stay in the DOM and only toggle `open` (or, refreshed, the visibility of its
  // actions: any attribute below it); its title may be set after insertion.
  for (const child of body.children) {
    if (child.localName.endsWith('dialog')) {
      observer.observe(child, { attributes: true, childList: true, subtree: true });
      if (child.shadowRoot) observer.observe(child.shadowRoot, { childList: true, subtree: true, characterData: true });
    }
  }
}
