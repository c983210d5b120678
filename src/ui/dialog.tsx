/**
 * A modal dialog on the native <dialog> element: role=dialog, the top layer, inert background and
 * Escape handling come from the browser. Labelled by its heading; focus goes to the first field
 * on open and back to where it was on close.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren; describedBy?: string }) {
  const { title, onClose, children, describedBy } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useRef(`lp-dialog-${Math.random().toString(36).slice(2)}`).current;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = (dialog.getRootNode() as ShadowRoot | Document).activeElement as HTMLElement | null;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('input, textarea, select, button')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
