/**
 * Only the user drives Launchpad (design.md). Colab's page, and anything injected into it, shares
 * our DOM: the toolbar's shadow root is open, so a page script can call `click()`, dispatch events
 * or `requestSubmit()` a form. Every action that runs code, saves a preset or raises a notification
 * therefore starts in one of these wrappers, which let through only input the browser marks as the
 * user's own (`event.isTrusted`); everything else is ignored without a word.
 */

/** The browser made this event from the user's keyboard, mouse or touch (never `dispatchEvent` or `click()`). */
export function isUserInput(event: Event): boolean {
  return event.isTrusted;
}

/** `handler` runs only for the user's own input. */
export function byUser<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (isUserInput(event)) handler(event);
  };
}

/** How long after the user's click or Enter its form's submit event may come (it comes in the same task). */
const SUBMIT_AFTER_INPUT_MS = 1_000;
/** Per form: when the user last clicked its submit button or pressed Enter in one of its fields. */
const submitInput = new WeakMap<EventTarget, number>();

/** A click on a submit button, or Enter in a one-line field (the browser then submits the form; in a textarea Enter is a new line). */
function asksToSubmit(event: Event): boolean {
  const target = event.target as Element | null;
  if (event.type === 'click') return !!target?.closest?.('button[type="submit"], input[type="submit"]');
  const key = event as KeyboardEvent;
  return key.type === 'keydown' && key.key === 'Enter' && !key.isComposing && target?.localName === 'input';
}

export interface UserSubmitProps {
  onClickCapture: (event: MouseEvent) => void;
  onKeyDownCapture: (event: KeyboardEvent) => void;
  onSubmit: (event: SubmitEvent) => void;
}

/**
 * Props for a `<form>` whose `handler` runs only for the user's own submit. The browser marks the
 * submit event of `requestSubmit()` (and of a script's `click()` on the submit button) as trusted,
 * so the submit itself proves nothing: it must follow the user's own click on the submit button or
 * Enter in a field. Values a script typed in and the user then submitted are the user's submit.
 * `activation`: also require the page's transient user activation (Save as preset), which no
 * script can grant.
 */
export function userSubmit(handler: (event: SubmitEvent) => void, options: { activation?: boolean } = {}): UserSubmitProps {
  const note = (event: Event) => {
    if (event.currentTarget && isUserInput(event) && asksToSubmit(event)) submitInput.set(event.currentTarget, performance.now());
  };
  return {
    onClickCapture: note,
    onKeyDownCapture: note,
    onSubmit: (event) => {
      event.preventDefault();
      const form = event.currentTarget;
      const at = form ? submitInput.get(form) : undefined;
      if (form) submitInput.delete(form);
      if (at === undefined || performance.now() - at > SUBMIT_AFTER_INPUT_MS) return;
      if (options.activation && !navigator.userActivation?.isActive) return;
      handler(event);
    },
  };
}
