import { SELECTORS } from './selectors';

/**
 * Runs one of Colab's menu commands (colab-dom.md §1.3) by activating its Closure menu item.
 * Closure menus react to real mouse sequences, so the full pointer/mouse sequence is sent before
 * the click, as S5 does (unverified on the live page whether .click() alone would do).
 * Returns false when the item is not in the page (Colab changed): callers tell the user where
 * to find the command instead.
 */
export function runColabMenuCommand(command: 'change-runtime-type'): boolean {
  const item = document.querySelector<HTMLElement>(SELECTORS.menuCommand(command));
  if (!item) return false;
  const init = { bubbles: true, cancelable: true, composed: true, view: window, button: 0 };
  item.dispatchEvent(new PointerEvent('pointerdown', init));
  item.dispatchEvent(new MouseEvent('mousedown', init));
  item.dispatchEvent(new PointerEvent('pointerup', init));
  item.dispatchEvent(new MouseEvent('mouseup', init));
  item.click();
  return true;
}
