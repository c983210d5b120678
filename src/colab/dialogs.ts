/**
 * Colab's dialogs that matter to the session guard (colab-dom.md §1.10, §1.11): the "Runtime
 * disconnected" dialog, whose Reconnect the guard may click when the user asked for it, and the
 * presence checks (reCAPTCHA, "Are you still there?"), which are only ever read, never clicked.
 * Dialogs are children of body, so only body's child list and the dialogs' `open` attributes are
 * watched; cells and outputs cost nothing.
 */
import { watchReading } from './watch-reading';
import { DISCONNECT_DIALOG_TEXT, SELECTORS, STILL_THERE_TEXT } from './selectors';

export type PresenceCheck = 'recaptcha' | 'still-there';

export interface DialogReading {
  /** The disconnect dialog is showing (with a main button that reconnects). */
  readonly disconnected: boolean;
  /** Presence checks showing now; never clicked or dismissed by us. */
  readonly presence: readonly PresenceCheck[];
}

const text = (el: Element) => el.textContent ?? '';

/** The disconnect dialog's Reconnect button, or null when no such dialog is open. */
export function findReconnectButton(root: ParentNode = document): HTMLElement | null {
  for (const dialog of root.querySelectorAll<HTMLElement>(SELECTORS.openDialog)) {
    const primary = dialog.querySelector<HTMLElement>(SELECTORS.dialogPrimaryButton);
    if (!primary) continue;
    const heading = dialog.getAttribute('heading') ?? '';
    if (DISCONNECT_DIALOG_TEXT.reconnect.test(text(primary)) || DISCONNECT_DIALOG_TEXT.heading.test(heading)) return primary;
  }
  return null;
}

export function readDialogs(root: ParentNode = document): DialogReading {
  const presence: PresenceCheck[] = [];
  if (root.querySelector(SELECTORS.recaptchaDialog)) presence.push('recaptcha');
  for (const dialog of root.querySelectorAll(SELECTORS.openDialog)) {
    if (STILL_THERE_TEXT.test(dialog.getAttribute('heading') ?? '') || STILL_THERE_TEXT.test(text(dialog))) {
      presence.push('still-there');
      break;
    }
  }
  return { disconnected: findReconnectButton(root) !== null, presence };
}

/**
 * Clicks the disconnect dialog's Reconnect (Colab's handler calls `attemptAutoconnect(2)`, S4).
 * Returns false when the dialog or its button is not there (Colab changed, or the user closed it).
 */
export function clickReconnect(): boolean {
  const button = findReconnectButton();
  if (!button) return false;
  button.click();
  return true;
}

/** Calls `onChange` with the dialogs now and whenever that reading changes, until `signal` aborts. */
export function watchDialogs(onChange: (reading: DialogReading) => void, signal: AbortSignal): void {
  watchReading(readDialogs, (observer) => {
    const body = document.body as HTMLElement | null;
    if (!body) return;
    observer.observe(body, { childList: true });
    // A dialog may stay in the DOM and only toggle `open`; its heading may be set after insertion.
    for (const child of body.children) {
      if (child.localName.endsWith('dialog')) observer.observe(child, { attributes: true, attributeFilter: ['open', 'heading'], childList: true });
    }
  }, onChange, signal);
}
