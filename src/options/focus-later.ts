/**
 * Moves focus to an element that a coming render creates or moves (a step after "Move up", the
 * Undo button after a delete): `focusLater(selector)` focuses the first match after the next
 * render that has one, so keyboard users stay where they were working.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export function useFocusLater(root: () => ParentNode | null = () => document): (selector: string) => void {
  const pending = useRef<string | null>(null);
  const [, rerender] = useState(0);
  useEffect(() => {
    if (pending.current === null) return;
    const element = root()?.querySelector<HTMLElement>(pending.current);
    if (element) {
      pending.current = null;
      element.focus();
    }
  });
  return (selector) => {
    pending.current = selector;
    rerender((n) => n + 1);
  };
}
