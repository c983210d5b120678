import { notebookIdentity, type NotebookIdentity } from './notebook-key';

/**
 * Colab is a single-page app that opens notebooks with history.pushState (colab-dom.md §3), so the
 * page can change without a load. Calls `onChange` after every URL change until `signal` aborts.
 */
function watchUrl(onChange: () => void, signal: AbortSignal): void {
  // The Navigation API sees pushState from the page's own world; popstate covers back/forward.
  const navigation = (window as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('currententrychange', onChange, { signal });
  window.addEventListener('popstate', onChange, { signal });
  window.addEventListener('hashchange', onChange, { signal });
}

/**
 * Calls `onChange` with the new identity whenever the URL's notebook changes (not for `#scrollTo`
 * and other fragment-only changes).
 */
export function watchNotebook(onChange: (identity: NotebookIdentity | null) => void, signal: AbortSignal): void {
  const keyOf = (identity: NotebookIdentity | null) =>
    identity === null ? 'none' : identity.kind === 'persistent' ? identity.key : `ephemeral:${identity.reason}:${location.pathname}`;
  let last = keyOf(notebookIdentity(location.href));
  watchUrl(() => {
    const identity = notebookIdentity(location.href);
    const key = keyOf(identity);
    if (key === last) return;
    last = key;
    onChange(identity);
  }, signal);
}

/**
 * Runs `start` while the page is a notebook by its URL (src/colab/notebook-key.ts), with a signal
 * that aborts when the user leaves for a page that is not one. Since 2026-07 the bare origin opens
 * a home page with a "Recent" list (colab-dom-2026H2.md row 1, N1): there Launchpad shows nothing.
 * Opening a notebook from it (a load or SPA navigation) starts it exactly once; moving between
 * notebooks keeps it running (the features follow the notebook themselves).
 */
export function whileOnNotebook(start: (signal: AbortSignal) => void, signal: AbortSignal): void {
  let running: AbortController | null = null;
  const check = () => {
    const onNotebook = notebookIdentity(location.href) !== null;
    if (onNotebook && !running) {
      running = new AbortController();
      start(AbortSignal.any([running.signal, signal]));
    } else if (!onNotebook && running) {
      running.abort(new Error('left the notebook'));
      running = null;
    }
  };
  watchUrl(check, signal);
  check();
}
