/**
 * Keeps our toolbar host right after Colab's `#top-toolbar`, across Colab's re-renders.
 *
 * We never insert into `#top-toolbar` itself: its light DOM is Lit-rendered and re-created on
 * state changes (colab-dom.md §1.1). Once placed, we watch only the child lists of the anchor's
 * ancestors, so streaming cell output (which happens elsewhere in the tree) costs us nothing.
 * Before Colab's UI exists, or if the anchor never appears, we watch the whole document. Our
 * toolbar floats on its own only on a page Colab's page API confirms is a notebook (a notebook URL
 * alone may be Colab's landing or an error page: colab-dom-2026H2.md row 1).
 */
import { oncePerMicrotask } from './coalesce';
import { SELECTORS } from './selectors';

export type Placement = { readonly kind: 'anchored' } | { readonly kind: 'floating'; readonly reason: string };

export interface ToolbarSlotOptions {
  /** How long to wait for Colab's toolbar before floating our own (Colab's UI takes ~1 s to boot). */
  readonly anchorTimeoutMs: number;
  /**
   * Whether the page is a notebook as Colab's page API says (asked only when the toolbar is
   * missing): a page that is not one, or that we cannot confirm, gets no floating toolbar.
   */
  readonly isNotebookPage: () => Promise<boolean>;
  readonly onPlacement: (placement: Placement) => void;
  readonly signal: AbortSignal;
}

export function keepNextToColabToolbar(host: HTMLElement, { anchorTimeoutMs, isNotebookPage, onPlacement, signal }: ToolbarSlotOptions): void {
  let observer: MutationObserver | undefined;
  let placement: Placement['kind'] | undefined;

  const report = (next: Placement) => {
    if (placement === next.kind) return;
    placement = next.kind;
    onPlacement(next);
  };

  const watch = (targets: readonly Node[], subtree: boolean) => {
    observer?.disconnect();
    observer = new MutationObserver(schedule);
    for (const target of targets) observer.observe(target, { childList: true, subtree });
  };

  const schedule = oncePerMicrotask(() => place(), signal);

  function place() {
    const anchor = document.querySelector(SELECTORS.topToolbar);
    if (anchor?.parentElement) {
      if (anchor.nextElementSibling !== host) anchor.after(host);
      const ancestors: Node[] = [];
      for (let node: Node | null = anchor.parentNode; node && node !== document; node = node.parentNode) ancestors.push(node);
      watch(ancestors, false);
      report({ kind: 'anchored' });
      return;
    }
    // No anchor (yet): keep looking anywhere in the document.
    watch([document.documentElement], true);
    if (placement === 'floating') {
      if (!host.isConnected) document.body.append(host);
    } else if (placement === 'anchored') {
      // The anchor was there and is gone: Colab is re-rendering; give it the boot timeout again.
      placement = undefined;
      startFallbackTimer();
    }
  }

  let fallbackTimer: ReturnType<typeof setTimeout> | undefined;
  function startFallbackTimer() {
    clearTimeout(fallbackTimer);
    fallbackTimer = setTimeout(() => {
      if (signal.aborted || placement === 'anchored') return;
      void isNotebookPage().then((notebook) => {
        if (!notebook || signal.aborted || placement === 'anchored') return;
        document.body.append(host);
        report({ kind: 'floating', reason: `${SELECTORS.topToolbar} not found` });
      });
    }, anchorTimeoutMs);
  }

  signal.addEventListener(
    'abort',
    () => {
      observer?.disconnect();
      clearTimeout(fallbackTimer);
      host.remove();
    },
    { once: true },
  );
  startFallbackTimer();
  place();
}
