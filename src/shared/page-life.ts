/**
 * One life of Launchpad on a Colab page, as the content script's entry hands it to each feature:
 * its signal aborts when the page stops being a notebook, when a newer copy of the content script
 * takes over, or when the extension is gone. Defined here, below both, so features never import
 * the entry (src/content).
 */
export interface PageLife {
  readonly signal: AbortSignal;
  /** Aborts the life if the extension was reloaded or removed; returns whether it is still alive. */
  checkAlive(): boolean;
}
