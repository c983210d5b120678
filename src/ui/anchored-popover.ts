import { useLayoutEffect, type MutableRef } from 'preact/hooks';

/**
 * Shows `popover` (an element with the popover attribute, so it is in the top layer and Colab's
 * stacking cannot clip it) under `anchor` while `open`, and hides it otherwise. After showing, it
 * focuses what `focusTarget` returns. A layout effect, so focus has moved before the next key
 * press is handled.
 */
export function useAnchoredPopover(options: {
  open: boolean;
  anchor: MutableRef<HTMLElement | null>;
  popover: MutableRef<HTMLElement | null>;
  /** Its expected width, only until it can be measured (its padding, border and content count: a long translation widens it). */
  width: number;
  focusTarget: (popover: HTMLElement) => HTMLElement | null | undefined;
  deps?: readonly unknown[];
}): void {
  const { open, anchor, popover, width, focusTarget, deps = [] } = options;
  useLayoutEffect(() => {
    const element = popover.current;
    const button = anchor.current;
    if (!element || !button) return;
    if (!open) {
      if (element.matches(':popover-open')) element.hidePopover();
      return;
    }
    const rect = button.getBoundingClientRect();
    element.style.top = `${rect.bottom + 4}px`;
    // Long content (an explained failure) scrolls inside the popover instead of running off the page.
    element.style.maxHeight = `${Math.max(120, innerHeight - rect.bottom - 16)}px`;
    if (!element.matches(':popover-open')) element.showPopover();
    // Placed by its rendered width, so it never runs off the window's right edge.
    const rendered = element.offsetWidth || width;
    element.style.left = `${Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - rendered - 16))}px`;
    focusTarget(element)?.focus();
  }, [open, ...deps]); // callers list what else moves focus (the active menu item)
}
