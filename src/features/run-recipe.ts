/**
 * Runs a recipe's code in the notebook through the page bridge: one new cell below the focused
 * one, run, and the outcome read from Colab's completion event and outputs.
 */
import { BridgeError, request } from '../colab/bridge';

/** insert-and-run answers as soon as the cell is running; this covers the page script's boot grace. */
const INSERT_TIMEOUT_MS = 6_000;

export type RunResult =
  | { readonly kind: 'done'; readonly stdout: string }
  | { readonly kind: 'failed'; readonly error: string }
  /** Colab ran it but its outputs could not be read, so success is not known. */
  | { readonly kind: 'unverified'; readonly reason: string }
  /** The page API is missing or not as expected: nothing ran, the user must run the code by hand. */
  | { readonly kind: 'unavailable'; readonly detail: string }
  /** Abandoned (notebook changed, or this content script retired). */
  | { readonly kind: 'abandoned' };

const firstLine = (text: string) => text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';

export async function runInNewCell(code: string, signal: AbortSignal, options: { endsRuntime?: boolean } = {}): Promise<RunResult> {
  try {
    const { cellId } = await request('insert-and-run', { code }, { timeoutMs: INSERT_TIMEOUT_MS, signal });
    // A step that ends the Python process (restart-runtime) never completes normally: once it
    // runs, what it asked for is happening.
    if (options.endsRuntime) return { kind: 'done', stdout: '' };
    const outcome = await request('await-completion', { cellId }, { signal });
    switch (outcome.status) {
      case 'ok':
        return { kind: 'done', stdout: outcome.stdout };
      case 'error':
        return { kind: 'failed', error: firstLine(`${outcome.ename}: ${firstLine(outcome.evalue)}`) };
      case 'unknown':
        return { kind: 'unverified', reason: outcome.reason };
    }
  } catch (error) {
    if (error instanceof BridgeError && error.code === 'aborted') return { kind: 'abandoned' };
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'unavailable', detail };
  }
}
