import { SELECTORS } from './selectors';

/** The dialog each command opens, by which the command is known to have worked (rows 4, 6). */
export type DialogCommand = 'change-runtime-type' | 'change-runtime-version';
const OPENS: Record<DialogCommand, string> = { 'change-runtime-type': SELECTORS.changeRuntimeDialog, 'change-runtime-version': SELECTORS.runtimeVersionDialog };
const VERIFY_MS = 1_500;

function press(el: HTMLElement): void {
  const init = { bubbles: true, cancelable: true, composed: true, view: window, button: 0 };
  el.dispatchEvent(new PointerEvent('pointerdown', init));
  el.dispatchEvent(new MouseEvent('mousedown', init));
  el.dispatchEvent(new PointerEvent('pointerup', init));
  el.dispatchEvent(new MouseEvent('mouseup', init));
  el.click();
}

/** Resolves true as soon as `selector` matches under body, false after `ms`. */
function appears(selector: string, ms: number): Promise<boolean> {
  if (document.querySelector(selector)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(true);
    });
    observer.observe(document.body, { childList: true, attributes: true, attributeFilter: ['open', 'class'], subtree: false });
    for (const child of document.body.children) if (child.localName.endsWith('dialog')) observer.observe(child, { attributes: true, attributeFilter: ['open', 'class'] });
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(false);
    }, ms);
  });
}

/**
 * Runs one of Colab's menu commands (colab-dom.md §1.3; colab-dom-2026H2.md rows 2, 10) and checks
 * that it worked ("must change" item 4: clicks must be verified). A Closure menu item is sent the
 * full pointer/mouse sequence plus click() (N12, S5); if its dialog does not open, the menu is
 * opened first from its menubar button and the item pressed again (N5 clicks items of an open
 * menu). Resolves false when neither worked or the item is not in the page (Colab changed): the
 * caller tells the user where to find the command instead.
 */
export async function runColabMenuCommand(command: DialogCommand): Promise<boolean> {
  const item = document.querySelector<HTMLElement>(SELECTORS.menuCommand(command));
  if (!item) return false;
  press(item);
  if (await appears(OPENS[command], VERIFY_MS)) return true;
  const menuButton = document.querySelector<HTMLElement>(SELECTORS.runtimeMenuButton);
  if (!menuButton) return false;
  press(menuButton);
  press(item);
  return appears(OPENS[command], VERIFY_MS);
}
