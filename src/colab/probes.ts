/**
 * The page-API members Launchpad relies on, each with the feature that needs it (colab-dom.md §2;
 * colab-dom-2026H2.md row 23). The page script checks them (src/page/colab-api.ts `probeApi`) for
 * "Check compatibility" and at page start; the list is sent with the request (`probePageApi`), so
 * it costs the page script's budget nothing. The DOM probes are in src/colab/self-test.ts.
 *
 * A path walks from `window`: `a.b` reads a property, `cells[0]` the first element, `f()` calls a
 * getter with no arguments. A value that is null, or an index past the end, means "not checkable
 * now" (no cells yet, no runtime assigned); a property that is undefined means missing.
 */
import type { CompatFeature } from '../shared/compat-features';
import { request } from './bridge';

export interface ApiProbe {
  readonly path: string;
  readonly kind: 'object' | 'array' | 'function' | 'number';
  readonly feature: CompatFeature;
}

const NB = 'colab.global.notebook';
const CELL = `${NB}.cells[0]`;

export const PAGE_API_PROBES: readonly ApiProbe[] = [
  { path: NB, kind: 'object', feature: 'recipes' },
  { path: `${NB}.cells`, kind: 'array', feature: 'recipes' },
  { path: `${NB}.insertCell`, kind: 'function', feature: 'recipes' },
  { path: `${CELL}.getId`, kind: 'function', feature: 'recipes' },
  { path: `${CELL}.setText`, kind: 'function', feature: 'recipes' },
  { path: `${CELL}.runButton.click`, kind: 'function', feature: 'recipes' },
  { path: `${CELL}.model.listenOnce`, kind: 'function', feature: 'recipes' },
  { path: `${CELL}.model.outputs`, kind: 'array', feature: 'recipes' },
  { path: `${CELL}.isRunning`, kind: 'function', feature: 'run-setup' },
  { path: `${NB}.kernel.isConnected`, kind: 'function', feature: 'badge' },
  { path: `${NB}.kernel.getState`, kind: 'function', feature: 'badge' },
  { path: `${NB}.kernelLastConnectedTimeMs`, kind: 'number', feature: 'badge' },
  { path: `${NB}.isExecuting`, kind: 'function', feature: 'badge' },
  { path: `${NB}.getNotebookModel().getAccelerator`, kind: 'function', feature: 'badge' },
  { path: `${NB}.kernel.getEndpoint().getManagedEndpoint().getAccelerator`, kind: 'function', feature: 'badge' },
  { path: `${NB}.userInteractionOccurred`, kind: 'function', feature: 'keep-alive' },
  { path: `${NB}.attemptAutoconnect`, kind: 'function', feature: 'reconnect' },
  // S3 `com_Kernel.js`, S9 [M]: the lock's Python and Colab release, checked on connect (issue 19).
  { path: `${NB}.kernel.execute`, kind: 'function', feature: 'run-setup' },
];

export interface ProbeResult {
  readonly path: string;
  readonly feature: CompatFeature;
  readonly result: 'ok' | 'missing' | 'skipped';
}

/** Each member of PAGE_API_PROBES, as the page script finds it. Rejects as the bridge's request does. */
export async function probePageApi(options: { timeoutMs: number; signal: AbortSignal }): Promise<ProbeResult[]> {
  const results = await request('probe-api', { probes: PAGE_API_PROBES.map((probe) => `${probe.kind}:${probe.path}`).join(' ') }, options);
  return PAGE_API_PROBES.map(({ path, feature }, i) => ({ path, feature, result: results[i] ?? 'missing' }));
}
