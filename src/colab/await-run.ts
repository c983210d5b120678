/**
 * Waits for the outcome of a cell that run-cell started, without ever hanging on the page script
 * (colab-dom-2026-12 row 9: a cell that floods output can stall it; security review I2: a page
 * script can be retired while a run is followed). The page script is asked in slices; when a
 * slice ends unanswered, a short kernel-state request tells a busy run (the page answers) from a
 * page that stopped answering. A page script that no longer knows the run (restarted) says so.
 */
import { BridgeError, request } from './bridge';
import type { CellOutcome } from './bridge-protocol';

/** One wait for the outcome; the page script keeps outcomes, so asking again loses nothing. */
const SLICE_MS = 20_000;
/** How long the liveness check may take. */
const PING_MS = 3_000;
/** Unanswered liveness checks in a row after which the page counts as stalled. */
const MAX_MISSED = 2;

export interface AwaitRunOptions {
  /** Give up after this long even while the page answers (a run that cannot end normally). */
  readonly maxMs?: number;
  /** Test seam: how long one slice lasts. */
  readonly sliceMs?: number;
}

/**
 * The outcome of cell `cellId`'s run. Rejects with a BridgeError: `no-answer` when the page
 * script stopped answering (or `maxMs` passed), `unknown-cell` when it no longer knows the run,
 * `aborted` with `signal`.
 */
export async function awaitRun(cellId: string, signal: AbortSignal, options: AwaitRunOptions = {}): Promise<CellOutcome> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const deadline = options.maxMs === undefined ? Infinity : Date.now() + options.maxMs;
  let missed = 0;
  for (;;) {
    const wait = Math.max(1, Math.min(sliceMs, deadline - Date.now()));
    try {
      return await request('await-completion', { cellId }, { timeoutMs: wait, signal });
    } catch (error) {
      if (!(error instanceof BridgeError) || error.code !== 'no-answer') throw error;
    }
    if (Date.now() >= deadline) throw new BridgeError('no-answer', `The run did not end within ${options.maxMs} ms.`);
    const alive = await request('kernel-state', {}, { timeoutMs: PING_MS, signal }).then(() => true, (error: unknown) => {
      if (error instanceof BridgeError && error.code === 'aborted') throw error;
      return false;
    });
    missed = alive ? 0 : missed + 1;
    if (missed >= MAX_MISSED) throw new BridgeError('no-answer', "Colab's page stopped answering while the run was followed.");
  }
}
