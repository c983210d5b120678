/**
 * The notebook's name from its tab title: `document.title` is "<name> - Colab" (colab-dom.md §1.13,
 * S1 2026; S2 strips the suffix after the last " - " [M]). Used by the worker and the popup, which
 * see only the tab's title.
 */
export function notebookNameFromTitle(title: string | undefined): string {
  const text = title ?? '';
  const cut = text.lastIndexOf(' - ');
  return (cut > 0 ? text.slice(0, cut) : text).slice(0, 200);
}
