import { DARK_THEME_VALUE, THEME_ATTRIBUTE } from './selectors';

export type Theme = 'light' | 'dark';

export function currentTheme(): Theme {
  return document.documentElement.getAttribute(THEME_ATTRIBUTE) === DARK_THEME_VALUE ? 'dark' : 'light';
}

/** Calls `onTheme` now and whenever Colab switches `html[theme]` (colab-dom.md §1.14 [M]). */
export function watchTheme(onTheme: (theme: Theme) => void, signal: AbortSignal): void {
  let last = currentTheme();
  onTheme(last);
  const observer = new MutationObserver(() => {
    const next = currentTheme();
    if (next !== last) onTheme((last = next));
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: [THEME_ATTRIBUTE] });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
