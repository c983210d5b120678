/**
 * Wraps `run` so that any number of calls within one task run it once, in a microtask, unless
 * `signal` has aborted by then. Colab re-renders many nodes at a time; one check per burst is enough.
 */
export function oncePerMicrotask(run: () => void, signal: AbortSignal): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      if (!signal.aborted) run();
    });
  };
}
