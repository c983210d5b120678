/**
 * Runs recipe steps in the notebook: the service worker turns the steps into a form cell with a
 * marker, the page bridge re-runs Launchpad's cell with that marker in place (or inserts one),
 * and the outcome is read from Colab's completion event and outputs.
 */
import { awaitRun } from '../colab/await-run';
import { BridgeError, request } from '../colab/bridge';
import type { CellPlace, PlacedCell } from '../colab/bridge-protocol';
import { parseHeld, parseRestartNeeded, type RecipeStep } from '../recipes';
import { t } from '../shared/i18n';
import { BackgroundError, askBackground } from '../shared/messages';
import type { RunResult } from '../ui/run-result';

/** Defined in src/ui, below features, because the recipe button shows its kind; features import it from here. */
export type { RunResult };

/** run-cell answers as soon as the cell is running; this covers the page script's boot grace. */
const INSERT_TIMEOUT_MS = 6_000;
/** How long a restart-runtime cell may take to end its process before Run setup moves on. */
const RESTART_MAX_MS = 60_000;

export const firstLine = (text: string) => text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';

/** A form cell to run: its text and its marker key. */
export interface CellToRun {
  readonly code: string;
  readonly key: string;
}

export type CellCode = ({ readonly ok: true } & CellToRun) | { readonly ok: false; readonly detail: string };

/** The form cell running `steps` for toolbar entry `entry`, from the service worker. */
export async function cellCode(steps: readonly RecipeStep[], entry: string): Promise<CellCode> {
  try {
    const answer = await askBackground({ type: 'cell-code', entry, steps: steps.map((step) => ({ recipe: step.recipe, params: step.params })) });
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

/**
 * Runs Launchpad's cell for `cell.key` in the notebook at `address` (`location.href` when the run
 * began: the page script writes only while that notebook is open): ours re-runs in place, a
 * new one goes where `place` says. `placed` tells what happened (the toolbar and Run setup
 * mention edited cells and duplicates).
 */
export async function runCell(cell: CellToRun, place: CellPlace, address: string, signal: AbortSignal, options: RunOptions = {}): Promise<RunResult> {
  try {
    const placed = await request('run-cell', { code: cell.code, key: cell.key, place, address }, { timeoutMs: INSERT_TIMEOUT_MS, signal });
    try {
      return { ...(await outcomeOf(placed.cellId, signal, options)), placed };
    } catch (error) {
      if (error instanceof BridgeError && error.code === 'aborted') return { kind: 'abandoned' };
      // It was started: how it ended cannot be told any more, and nothing waits for it.
      return { kind: 'unverified', reason: failureText(error), placed };
    }
  } catch (error) {
    if (error instanceof BridgeError && error.code === 'aborted') return { kind: 'abandoned' };
    return { kind: 'unavailable', detail: failureText(error) };
  }
}

/** How the run of a cell that was started ended. */
async function outcomeOf(cellId: string, signal: AbortSignal, options: RunOptions): Promise<RunResult & { kind: 'done' | 'failed' | 'unverified' }> {
  // Once a restart-runtime cell runs, what it asked for is happening.
  if (options.endsRuntime && !options.awaitRestart) return { kind: 'done', stdout: '' };
  let outcome;
  try {
    // A killed kernel never completes its cell; the page script notices the run stopping (the
    // cell idle, or its runtime gone). Where neither can be read, give the restart a minute.
    outcome = await awaitRun(cellId, signal, options.endsRuntime ? { maxMs: RESTART_MAX_MS } : {});
  } catch (error) {
    if (options.endsRuntime && error instanceof BridgeError && error.code === 'no-answer') return { kind: 'done', stdout: '' };
    throw error;
  }
  switch (outcome.status) {
    case 'ok':
      return { kind: 'done', stdout: outcome.stdout };
    case 'error': {
      const error = firstLine(`${outcome.ename}: ${firstLine(outcome.evalue)}`);
      const held = parseHeld(outcome.evalue);
      if (held) return { kind: 'failed', error, held };
      // A Drive failure class gets its likely cause and fix (the table is in the worker).
      const explained = await askBackground({ type: 'explain-failure', ename: outcome.ename, evalue: outcome.evalue }).catch(() => undefined);
      return explained?.explained ? { kind: 'failed', error: `${error} — ${explained.text}`, retry: explained.retry } : { kind: 'failed', error };
    }
    case 'unknown':
      return { kind: 'unverified', reason: outcome.reason };
    case 'stopped':
      // A pip step that restarted the runtime on purpose (LAUNCHPAD_RESTART) did its job.
      return options.endsRuntime || parseRestartNeeded(outcome.stdout) ? { kind: 'done', stdout: outcome.stdout } : { kind: 'failed', error: t('runStopped') };
  }
}

/**
 * A failed page request in words: a page that did not answer, or a page script that no longer
 * knows the run, in the user's language; the page script's own messages, like Colab's API, are English.
 */
export function failureText(error: unknown): string {
  if (error instanceof BridgeError && error.code === 'no-answer') return t('pageNoAnswer');
  if (error instanceof BridgeError && error.code === 'unknown-cell') return t('runLost');
  return error instanceof Error ? error.message : String(error);
}

/** What the user should know about where a run happened: an edited cell left alone, duplicates. */
export function placedNote(placed: PlacedCell | undefined): string {
  const edited = placed?.edited && placed.action === 'inserted' ? t('cellNoteEdited') : '';
  const copies = placed && placed.copies > 1 ? t('cellNoteCopies', [String(placed.copies), String(placed.index + 1)]) : '';
  return edited && copies ? `${edited} ${copies}` : edited || copies;
}
