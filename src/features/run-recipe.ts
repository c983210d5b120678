/**
 * Runs recipe steps in the notebook: the service worker turns the steps into a cell's code, the
 * page bridge inserts one new cell below the focused one and runs it, and the outcome is read
 * from Colab's completion event and outputs.
 */
import { BridgeError, request } from '../colab/bridge';
import type { RecipeStep, RetryKind } from '../recipes';
import { t } from '../shared/i18n';
import { BackgroundError, askBackground } from '../shared/messages';

/** insert-and-run answers as soon as the cell is running; this covers the page script's boot grace. */
const INSERT_TIMEOUT_MS = 6_000;
/** How long a restart-runtime cell may take to end its process before Run setup moves on. */
const RESTART_MAX_MS = 60_000;

export type RunResult =
  | { readonly kind: 'done'; readonly stdout: string }
  /** `retry`: a Drive failure class (its likely cause and fix are in `error`); whether retrying helps. */
  | { readonly kind: 'failed'; readonly error: string; readonly retry?: RetryKind }
  /** Colab ran it but its outputs could not be read, so success is not known. */
  | { readonly kind: 'unverified'; readonly reason: string }
  /** The page API is missing or not as expected: nothing ran, the user must run the code by hand. */
  | { readonly kind: 'unavailable'; readonly detail: string }
  /** Abandoned (notebook changed, or this content script retired). */
  | { readonly kind: 'abandoned' };

export const firstLine = (text: string) => text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';

export type CellCode = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly detail: string };

/** The code of one cell running `steps`, from the service worker. */
export async function cellCode(steps: readonly RecipeStep[]): Promise<CellCode> {
  try {
    const answer = await askBackground({ type: 'cell-code', steps: steps.map((step) => ({ recipe: step.recipe, params: step.params })) });
    return answer.ok ? answer : { ok: false, detail: answer.problems.join(' ') };
  } catch (error) {
    if (error instanceof BackgroundError) return { ok: false, detail: error.message };
    throw error;
  }
}

export interface RunOptions {
  /** The cell ends the Python process (restart-runtime), so it never completes normally. */
  readonly endsRuntime?: boolean;
  /**
   * For such a cell: wait until its process has ended (Colab then starts a new one) instead of
   * reporting done as soon as it runs. Run setup needs this before it runs the next step.
   */
  readonly awaitRestart?: boolean;
}

export async function runInNewCell(code: string, signal: AbortSignal, options: RunOptions = {}): Promise<RunResult> {
  try {
    const { cellId } = await request('insert-and-run', { code }, { timeoutMs: INSERT_TIMEOUT_MS, signal });
    // Once a restart-runtime cell runs, what it asked for is happening.
    if (options.endsRuntime && !options.awaitRestart) return { kind: 'done', stdout: '' };
    let outcome;
    try {
      // A killed kernel never completes its cell; the page script notices the run stopping where
      // Colab's cells say whether they run. Where they do not, give the restart a minute.
      outcome = await request('await-completion', { cellId }, { signal, timeoutMs: options.endsRuntime ? RESTART_MAX_MS : undefined });
    } catch (error) {
      if (options.endsRuntime && error instanceof BridgeError && error.code === 'no-answer') return { kind: 'done', stdout: '' };
      throw error;
    }
    switch (outcome.status) {
      case 'ok':
        return { kind: 'done', stdout: outcome.stdout };
      case 'error': {
        const error = firstLine(`${outcome.ename}: ${firstLine(outcome.evalue)}`);
        const explained = await askBackground({ type: 'explain-failure', ename: outcome.ename, evalue: outcome.evalue }).catch(() => undefined);
        return explained?.explained ? { kind: 'failed', error: `${error} — ${explained.text}`, retry: explained.retry } : { kind: 'failed', error };
      }
      case 'unknown':
        return { kind: 'unverified', reason: outcome.reason };
      case 'stopped':
        return options.endsRuntime ? { kind: 'done', stdout: outcome.stdout } : { kind: 'failed', error: t('runStopped') };
    }
  } catch (error) {
    if (error instanceof BridgeError && error.code === 'aborted') return { kind: 'abandoned' };
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'unavailable', detail };
  }
}
