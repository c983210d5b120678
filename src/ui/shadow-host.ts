/**
 * Creates the element our UI lives in: an OPEN shadow root (so users' tools and tests can see it)
 * whose styles cannot leak into Colab's page or be changed by it. Any host left by another copy of
 * the content script is removed first, so the page never shows two.
 */
export function createShadowHost(id: string, css: string): { host: HTMLElement; root: ShadowRoot } {
  for (const stale of document.querySelectorAll(`[data-launchpad-host="${id}"]`)) stale.remove();
  const host = document.createElement('div');
  host.dataset.launchpadHost = id;
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  // Keys typed in our UI are ours: Colab's document-level shortcuts must not act on them.
  for (const type of ['keydown', 'keypress', 'keyup'] as const) root.addEventListener(type, (event) => event.stopPropagation());
  return { host, root };
}
