import { oncePerMicrotask } from './coalesce';

/**
 * Calls `onChange` with `read()` now and whenever the reading changes (compared as JSON), until
 * `signal` aborts. After every check `observe` re-attaches the observer to what matters now
 * (Colab replaces nodes, so the targets move); mutation bursts are checked once per microtask.
 * Returns a function that checks again now (for readings that also depend on time).
 */
export function watchReading<T>(
  read: () => T,
  observe: (observer: MutationObserver) => void,
  onChange: (reading: T) => void,
  signal: AbortSignal,
): () => void {
  let last = '';
  const observer = new MutationObserver(oncePerMicrotask(() => update(), signal));
  function update() {
    observer.disconnect();
    observe(observer);
    const reading = read();
    const key = JSON.stringify(reading);
    if (key !== last) {
      last = key;
      onChange(reading);
    }
  }
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  update();
  return () => {
    if (!signal.aborted) update();
  };
}
