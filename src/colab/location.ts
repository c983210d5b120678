import { notebookIdentity, type NotebookIdentity } from './notebook-key';

/**
 * Colab is a single-page app that opens notebooks with history.pushState (colab-dom.md §3), so the
 * notebook can change without a page load. Calls `onChange` with the new identity whenever the
 * URL's notebook changes (not for `#scrollTo` and other fragment-only changes).
 */
export function watchNotebook(onChange: (identity: NotebookIdentity | null) => void, signal: AbortSignal): void {
  const keyOf = (identity: NotebookIdentity | null) =>
    identity === null ? 'none' : identity.kind === 'persistent' ? identity.key : `ephemeral:${identity.reason}:${location.pathname}`;
  let last = keyOf(notebookIdentity(location.href));
  const check = () => {
    const identity = notebookIdentity(location.href);
    const key = keyOf(identity);
    if (key === last) return;
    last = key;
    onChange(identity);
  };
  // The Navigation API sees pushState from the page's own world; popstate covers back/forward.
  const navigation = (window as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('currententrychange', check, { signal });
  window.addEventListener('popstate', check, { signal });
  window.addEventListener('hashchange', check, { signal });
}
