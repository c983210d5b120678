/**
 * Loads the toolbar's on-demand parts (./on-demand-parts.ts) once per page: the content script asks
 * the service worker, which injects src/content/on-demand.js into this frame's isolated world. The
 * toolbar starts it at the first sign of the user's intent (pointer or key on the toolbar), or as
 * soon as a part must show (a preset applies, a GitHub notebook, a dialog was chosen), so the first
 * click rarely waits. A failure is shown on the toolbar, and the next need tries again.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { askBackground } from '../shared/messages';
import { ON_DEMAND_GLOBAL } from '../shared/on-demand';
import type { OnDemandParts } from './on-demand-parts';

interface Loaded {
  readonly parts: OnDemandParts | null;
  /** Why the last attempt failed, translated; '' when it did not. */
  readonly error: string;
}

const loadedParts = () => (globalThis as unknown as Record<string, OnDemandParts | undefined>)[ON_DEMAND_GLOBAL];

let loading: Promise<OnDemandParts> | undefined;
/** The parts once loaded and styled (the global alone may be there a moment before). */
let ready: OnDemandParts | undefined;
/** Every hook's setter: one outcome, seen by all (the toolbar shows a failure wherever it came from). */
const watchers = new Set<(state: Loaded) => void>();
/** Shadow roots that take the parts' styles (./on-demand.css) when they arrive. */
const styledRoots = new Set<ShadowRoot>();

function addStyles(root: ShadowRoot, parts: OnDemandParts): void {
  const style = document.createElement('style');
  style.textContent = parts.css;
  root.append(style);
}

/** `root` gets the parts' styles as soon as they are loaded (at once if they are). */
export function styleOnDemand(root: ShadowRoot, signal: AbortSignal): void {
  if (ready) return addStyles(root, ready);
  styledRoots.add(root);
  signal.addEventListener('abort', () => styledRoots.delete(root), { once: true });
}

/** Starts loading (once; again after a failure) and resolves with the parts. */
export function loadOnDemand(): Promise<OnDemandParts> {
  if (ready) return Promise.resolve(ready);
  if (loading) return loading;
  const attempt = askBackground({ type: 'load-on-demand' }).then((answer) => {
    const parts = loadedParts();
    if (!answer.ok || !parts) throw new Error(answer.ok ? t('onDemandMissing') : answer.problem);
    for (const root of styledRoots) addStyles(root, parts);
    styledRoots.clear();
    ready = parts;
    return parts;
  });
  loading = attempt;
  attempt.then(
    (parts) => watchers.forEach((set) => set({ parts, error: '' })),
    (error: unknown) => {
      loading = undefined;
      const text = t('onDemandFailed', error instanceof Error ? error.message : String(error));
      watchers.forEach((set) => set({ parts: null, error: text }));
    },
  );
  return attempt;
}

/** The parts once loaded (null until then), loaded while `needed` or when `load()` is called. */
export function useOnDemand(needed: boolean): Loaded & { load: () => void } {
  const [state, setState] = useState<Loaded>(() => ({ parts: ready ?? null, error: '' }));
  useEffect(() => {
    watchers.add(setState);
    return () => void watchers.delete(setState);
  }, []);
  const load = () => {
    // Loaded between this hook's first render and its subscription: take them now.
    const parts = ready;
    if (parts) setState((current) => (current.parts ? current : { parts, error: '' }));
    else loadOnDemand().catch(() => undefined); // the watchers show the failure
  };
  useEffect(() => {
    if (needed) load();
  }, [needed]);
  return { ...state, load };
}

type ComponentName = { [K in keyof OnDemandParts]: OnDemandParts[K] extends ComponentType<never> ? K : never }[keyof OnDemandParts];

/**
 * A stand-in for an on-demand component with the same props: it loads the parts when it mounts and
 * shows nothing until they are there (a failure shows on the toolbar).
 */
export function lazyComponent<K extends ComponentName>(name: K): OnDemandParts[K] {
  function Lazy(props: Record<string, unknown>) {
    const { parts } = useOnDemand(true);
    if (!parts) return null;
    const Part = parts[name] as unknown as ComponentType<Record<string, unknown>>;
    return <Part {...props} />;
  }
  return Lazy as unknown as OnDemandParts[K];
}
